//! A report over the body (an import's, 述职 material, counts), scrolled by
//! the report's keys, while the status line asks whether to write or how to close it.

use super::theme::Theme;
use super::{fit, wrap};
use crate::i18n::Lang;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::app_import::ReportView;
use crate::tui::keymap::Mode;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;

/// The wrapped rows of the report's body (all lines but the summary) at `width`.
pub fn body_rows(view: &ReportView, width: usize) -> usize {
    view.lines.split_last().map_or(0, |(_, body)| body.iter().map(|l| wrap(l, width).len()).sum())
}

/// Body rows a pane of `height` inner rows shows: the summary and a line
/// saying what lies above and below take two.
pub fn room(height: usize) -> usize {
    height.saturating_sub(2).max(1)
}

pub fn draw(frame: &mut Frame, app: &App, view: &ReportView, area: Rect, theme: &Theme) {
    frame.render_widget(Clear, area);
    let block = theme.block(format!(" {} ", view.title), true);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let (w, h) = (inner.width as usize, inner.height as usize);
    let Some((summary, body)) = view.lines.split_last() else { return };
    let rows: Vec<String> = body.iter().flat_map(|l| wrap(l, w)).collect();
    let room = room(h);
    let offset = view.scroll.min(rows.len().saturating_sub(room));
    let mut lines: Vec<Line> = rows.iter().skip(offset).take(room).map(|r| Line::from(r.clone())).collect();
    let below = rows.len().saturating_sub(offset + room);
    if offset > 0 || below > 0 {
        lines.push(Line::styled(fit(&position(app, offset, below), w, theme.ascii), theme.dim()));
    }
    lines.push(Line::from(fit(summary, w, theme.ascii)));
    frame.render_widget(Paragraph::new(lines), inner);
}

/// "上面 3 行，下面 12 行（j/k 滚动）", with the keys of the keymap.
fn position(app: &App, above: usize, below: usize) -> String {
    let key = |action| app.keymap.key_text(Mode::Report, action, app.lang);
    let (down, up, next) = (key(Action::Down), key(Action::Up), key(Action::PageDown));
    let (zh, en) = match (above, below) {
        (0, _) => (format!("下面还有 {below} 行"), format!("{below} more rows below")),
        (_, 0) => (format!("上面还有 {above} 行"), format!("{above} rows above")),
        _ => (format!("上面 {above} 行，下面 {below} 行"), format!("{above} rows above, {below} below")),
    };
    match app.lang {
        Lang::Zh => format!("……{zh}（{down}/{up} 滚动，{next} 翻页）"),
        Lang::En => format!("… {en} ({down}/{up} scroll, {next} pages)"),
    }
}
