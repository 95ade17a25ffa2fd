//! A report over the body (an import's, or 述职 material), while the status
//! line asks whether to write or how to close it.

use super::theme::Theme;
use super::{fit, wrap};
use crate::i18n::Lang;
use crate::tui::app_import::ReportView;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;

pub fn draw(frame: &mut Frame, review: &ReportView, lang: Lang, area: Rect, theme: &Theme) {
    frame.render_widget(Clear, area);
    let block = theme.block(format!(" {} ", review.title), true);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let (w, h) = (inner.width as usize, inner.height as usize);
    let Some((summary, body)) = review.lines.split_last() else { return };
    let wrapped: Vec<Vec<String>> = body.iter().map(|l| wrap(l, w)).collect();
    let needed: usize = wrapped.iter().map(Vec::len).sum::<usize>() + 1;
    // The summary is the last line: it stays, and a note says how much is hidden.
    let room = if needed > h { h.saturating_sub(2) } else { h };
    let mut rows: Vec<Line> = Vec::new();
    let mut shown = 0;
    for line in &wrapped {
        if rows.len() + line.len() > room {
            break;
        }
        rows.extend(line.iter().map(|r| Line::from(r.clone())));
        shown += 1;
    }
    if shown < body.len() {
        let hidden = body.len() - shown;
        let more = match lang {
            Lang::Zh => format!("……另有 {hidden} 条未显示；{}", review.elsewhere),
            Lang::En => format!("… {hidden} more not shown; {}", review.elsewhere),
        };
        rows.push(Line::styled(fit(&more, w, theme.ascii), theme.warn()));
    }
    rows.push(Line::from(fit(summary, w, theme.ascii)));
    frame.render_widget(Paragraph::new(rows), inner);
}
