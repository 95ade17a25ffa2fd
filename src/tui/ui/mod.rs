//! Drawing: a pure function of the workbench state, generic over ratatui's
//! backend so that tests render into `TestBackend`.

mod chooser;
mod detail;
mod form;
pub mod help;
mod list;
mod overview;
pub mod report;
pub mod status;
mod tabs;
pub mod theme;

use super::app::App;
use super::open::Layer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use theme::Theme;

pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// Rows around the list that are not list rows: tabs, borders, header, status, hints.
pub const CHROME_ROWS: u16 = 1 + 2 + 1 + 2;

pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        draw_too_small(frame, app, area);
        return;
    }
    let theme = Theme { ascii: app.ascii, color: app.color };
    let [tabs_area, body, status_area, hints_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(3), Constraint::Length(1), Constraint::Length(1)])
            .areas(area);
    tabs::draw(frame, app, tabs_area, &theme);
    if app.tab == 0 {
        overview::draw(frame, app, body, &theme);
    } else {
        let [left, right] = Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(body);
        list::draw(frame, app, left, &theme);
        detail::draw(frame, app, right, &theme);
    }
    match app.open.body() {
        Some(Layer::Form(_)) => form::draw(frame, app, body, &theme),
        Some(Layer::Report(view, _)) => report::draw(frame, app, view, body, &theme),
        Some(Layer::Help(_)) => help::draw(frame, app, body, &theme),
        Some(Layer::Chooser(_)) => chooser::draw(frame, app, body, &theme),
        _ => {}
    }
    status::draw(frame, app, status_area, hints_area, &theme);
}

fn draw_too_small(frame: &mut Frame, app: &App, area: Rect) {
    let text = match app.lang {
        crate::i18n::Lang::Zh => {
            format!("终端太小：至少需要 {MIN_WIDTH}×{MIN_HEIGHT}，当前 {}×{}。请放大窗口。", area.width, area.height)
        }
        crate::i18n::Lang::En => format!(
            "Terminal too small: needs {MIN_WIDTH}×{MIN_HEIGHT}, now {}×{}. Please enlarge it.",
            area.width, area.height
        ),
    };
    frame.render_widget(Paragraph::new(Line::from(text)).wrap(ratatui::widgets::Wrap { trim: true }), area);
}

/// Display cells of a string.
pub fn width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

/// `s` cut to `max` cells, with `…` (or `~` in ASCII mode) where cut.
pub fn fit(s: &str, max: usize, ascii: bool) -> String {
    let s = crate::present::visible(s);
    if width(&s) <= max {
        return s;
    }
    let mark = if ascii { "~" } else { "…" };
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > max {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push_str(mark);
    out
}

/// `s` broken into rows of at most `max` cells, continuation rows indented by
/// two. By hand: rows break at any character (Chinese has no spaces to break at),
/// which is all a report needs.
pub fn wrap(s: &str, max: usize) -> Vec<String> {
    let s = crate::present::visible(s);
    let mut rows = Vec::new();
    let (mut row, mut used) = (String::new(), 0);
    for c in s.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > max && max > 2 + w {
            // An English word goes to the next row whole, when it is short enough to.
            let cut = row.rfind(' ').filter(|at| *at > 2 && width(&row[*at..]) < max / 2 && c != ' ');
            let tail = cut.map(|at| row.split_off(at + 1)).unwrap_or_default();
            rows.push(std::mem::replace(&mut row, format!("  {tail}")));
            used = width(&row);
        }
        row.push(c);
        used += w;
    }
    rows.push(row);
    rows
}

/// The offset that keeps `selected` visible in `height` rows, starting from `offset`.
pub fn window(selected: usize, offset: usize, height: usize, len: usize) -> usize {
    if height == 0 {
        return 0;
    }
    let mut off = offset.min(len.saturating_sub(1));
    if selected < off {
        off = selected;
    } else if selected >= off + height {
        off = selected + 1 - height;
    }
    off
}
pub use help::help_rows;
