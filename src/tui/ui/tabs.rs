//! The tab bar: full names when they fit, short ones otherwise.

use super::theme::Theme;
use super::width;
use crate::i18n::Lang;
use crate::tui::app::App;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

const KEYS: [&str; 10] = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "0"];

fn title(tab: usize, lang: Lang, short: bool) -> &'static str {
    const ZH: [&str; 10] = ["总览", "委员", "单位", "社区", "联系户", "走访", "诉求", "议事会", "责任事项", "考评"];
    const EN: [&str; 10] = [
        "Overview",
        "Members",
        "Units",
        "Communities",
        "Households",
        "Visits",
        "Demands",
        "Meetings",
        "Tasks",
        "Evaluations",
    ];
    const EN_SHORT: [&str; 10] = ["Home", "Memb", "Unit", "Comm", "Hous", "Visit", "Dem", "Meet", "Task", "Eval"];
    match (lang, short) {
        (Lang::Zh, _) => ZH[tab],
        (Lang::En, false) => EN[tab],
        (Lang::En, true) => EN_SHORT[tab],
    }
}

pub fn draw(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    let full: usize = (0..10).map(|i| width(title(i, app.lang, false)) + 3).sum();
    let short = full > area.width as usize;
    let mut spans = Vec::new();
    for (i, key) in KEYS.iter().enumerate() {
        let text = format!("{key}{}", title(i, app.lang, short));
        let style = if i == app.tab { theme.selected(true).add_modifier(Modifier::BOLD) } else { Style::default() };
        spans.push(Span::styled(text, style));
        spans.push(Span::raw(" "));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
