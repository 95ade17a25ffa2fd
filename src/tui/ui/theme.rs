//! Borders and styles: ASCII borders for terminals in CJK locales that draw
//! box-drawing characters double-width, and no colour under `NO_COLOR`.

use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;
use ratatui::widgets::{Block, Borders};

const ASCII_BORDER: border::Set = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

#[derive(Clone, Copy, Debug)]
pub struct Theme {
    pub ascii: bool,
    pub color: bool,
}

impl Theme {
    pub fn block<'a>(&self, title: String, focused: bool) -> Block<'a> {
        let set = if self.ascii { ASCII_BORDER } else { border::PLAIN };
        let mut style = Style::default();
        if focused {
            style = if self.color { style.fg(Color::Cyan) } else { style.add_modifier(Modifier::BOLD) };
        }
        Block::default().borders(Borders::ALL).border_set(set).border_style(style).title(title)
    }

    pub fn selected(&self, focused: bool) -> Style {
        match (focused, self.color) {
            (true, true) => Style::default().bg(Color::Blue).fg(Color::White),
            (true, false) => Style::default().add_modifier(Modifier::REVERSED),
            (false, _) => Style::default().add_modifier(Modifier::UNDERLINED),
        }
    }

    pub fn heading(&self) -> Style {
        Style::default().add_modifier(Modifier::BOLD)
    }

    pub fn dim(&self) -> Style {
        if self.color {
            Style::default().fg(Color::DarkGray)
        } else {
            Style::default()
        }
    }

    pub fn error(&self) -> Style {
        if self.color {
            Style::default().fg(Color::Red)
        } else {
            Style::default().add_modifier(Modifier::BOLD)
        }
    }

    pub fn warn(&self) -> Style {
        if self.color {
            Style::default().fg(Color::Yellow)
        } else {
            Style::default().add_modifier(Modifier::BOLD)
        }
    }

    /// A horizontal rule inside panes.
    pub fn rule(&self) -> &'static str {
        if self.ascii {
            "-"
        } else {
            "─"
        }
    }

    /// Marks the selected row where colour or reverse video may be missing.
    pub fn marker(&self) -> &'static str {
        ">"
    }
}
