//! The tab bar: full names where they fit, abbreviations for the longest otherwise.

use super::theme::Theme;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::Mode;
use crate::tui::tabs;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

pub fn draw(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    let keys: Vec<String> =
        (0..tabs::TAB_COUNT).map(|i| app.keymap.key_text(Mode::Normal, Action::GoTab(i as u8), app.lang)).collect();
    let names = tabs::names(app.lang, area.width as usize, &keys);
    let mut spans = Vec::new();
    for (i, key) in keys.iter().enumerate() {
        let text = format!("{key}{}", names[i]);
        let style = if i == app.tab { theme.selected(true).add_modifier(Modifier::BOLD) } else { Style::default() };
        spans.push(Span::styled(text, style));
        spans.push(Span::raw(" "));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
