//! The meeting cycle's chooser over the body: a title saying what Enter does,
//! one entry per line with its mark, the selected one highlighted.

use super::theme::Theme;
use super::{fit, window};
use crate::tui::app::App;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;

pub fn draw(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    let Some(chooser) = app.open.chooser() else { return };
    frame.render_widget(Clear, area);
    let block = theme.block(format!(" {} ", app.chooser_title()), true);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let (w, h) = (inner.width as usize, inner.height as usize);
    let items = app.chooser_items();
    if items.is_empty() {
        frame.render_widget(Paragraph::new(Line::styled(app.chooser_empty(), theme.dim())), inner);
        return;
    }
    let selected = chooser.selected.min(items.len() - 1);
    let offset = window(selected, 0, h, items.len());
    let lines: Vec<Line> = items
        .iter()
        .enumerate()
        .skip(offset)
        .take(h)
        .map(|(i, item)| {
            let marker = if i == selected { theme.marker() } else { " " };
            let mark = if item.mark.is_empty() { String::new() } else { format!("{} ", item.mark) };
            let text = fit(&format!("{marker} {mark}{}", item.label), w, theme.ascii);
            if i == selected {
                Line::styled(text, theme.selected(true))
            } else {
                Line::from(text)
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
