//! The tab bar: full names where they fit, abbreviations for the longest otherwise.

use super::theme::Theme;
use crate::tui::app::App;
use crate::tui::tabs;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

const KEYS: [&str; 10] = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "0"];

pub fn draw(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    let names = tabs::names(app.lang, area.width as usize);
    let mut spans = Vec::new();
    for (i, key) in KEYS.iter().enumerate() {
        let text = format!("{key}{}", names[i]);
        let style = if i == app.tab { theme.selected(true).add_modifier(Modifier::BOLD) } else { Style::default() };
        spans.push(Span::styled(text, style));
        spans.push(Span::raw(" "));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
