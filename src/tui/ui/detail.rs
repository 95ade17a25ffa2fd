//! The detail pane: the selected record's fields, then its related records,
//! selectable and opened with Enter.

use super::theme::Theme;
use super::{fit, width, window};
use crate::model::fields::{specs, FieldType};
use crate::present::{cell, record_json};
use crate::tui::app::{App, Pane};
use crate::tui::keymap::Mode;
use crate::tui::related::{related, Section};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

pub fn draw(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    let focused = app.pane == Pane::Detail && app.mode() == Mode::Normal;
    let Some((kind, id)) = app.detail_record() else {
        frame.render_widget(theme.block(String::new(), focused), area);
        return;
    };
    let title = match app.editors_of(kind, id) {
        Some(who) => match app.lang {
            crate::i18n::Lang::Zh => format!(" {} #{id} · {who} 正在编辑 ", kind.label(app.lang)),
            crate::i18n::Lang::En => format!(" {} #{id} · {who} is editing ", kind.label(app.lang)),
        },
        None => format!(" {} #{id} ", kind.label(app.lang)),
    };
    let block = theme.block(title, focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let w = inner.width as usize;
    let sections = related(&app.data, kind, id, app.lang);
    // One-record fields come first, so their place among the sections is
    // their place in the selection; nothing is marked while the list has focus.
    let inline = sections.iter().take_while(|s| s.field.is_some()).count();
    let chosen = focused.then_some(app.detail_selected);
    // Each of those sections holds one record, so item i of them is section i.
    let chosen_field = chosen.filter(|&i| i < inline).and_then(|i| sections[i].field);
    let (mut lines, mut selected_line) = field_lines(app, kind, id, w, theme, chosen_field);
    let first_related = lines.len();
    let (related_lines, selected_related) =
        related_lines(app, &sections[inline..], chosen.and_then(|i| i.checked_sub(inline)), w, theme);
    selected_line = selected_line.or(selected_related.map(|s| first_related + s));
    lines.extend(related_lines);
    let height = inner.height as usize;
    let offset = selected_line.map_or(0, |s| window(s, 0, height, lines.len()));
    frame.render_widget(Paragraph::new(lines.into_iter().skip(offset).take(height).collect::<Vec<_>>()), inner);
}

/// The record's fields, and which line shows `chosen`, the field whose record
/// Enter opens.
fn field_lines(
    app: &App,
    kind: crate::model::Kind,
    id: u64,
    w: usize,
    theme: &Theme,
    chosen: Option<&str>,
) -> (Vec<Line<'static>>, Option<usize>) {
    let Some(rec) = app.data.get(kind, id) else { return (Vec::new(), None) };
    let mut chosen_line = None;
    let map = record_json(&rec, &app.data, app.revealed.contains(&(kind, id)));
    // Labels whole ("Linked community") while the values keep half the pane.
    let label_w = specs(kind).iter().map(|s| width(s.label(app.lang))).max().unwrap_or(4).min(18).min(w / 2);
    let mut lines = Vec::new();
    for spec in specs(kind) {
        let value = map.get(spec.name).unwrap_or(&serde_json::Value::Null);
        let text = match spec.ty {
            FieldType::Json => crate::io::export::records::entries_text(spec.name, value, app.lang),
            // As in lists: an overridden grade and owed feedback dates are marked.
            _ => cell(kind, &map, spec.name, &app.data, app.lang),
        };
        if text.is_empty() {
            continue;
        }
        let label = fit(spec.label(app.lang), label_w, theme.ascii);
        let pad = " ".repeat(label_w.saturating_sub(width(&label)) + 1);
        let value_w = w.saturating_sub(label_w + 1);
        let mut value = Span::raw(fit(&text, value_w, theme.ascii));
        if chosen == Some(spec.name) {
            chosen_line = Some(lines.len());
            value = value.style(theme.selected(true));
        }
        lines.push(Line::from(vec![Span::styled(format!("{label}{pad}"), theme.dim()), value]));
    }
    if rec.meta.archived {
        lines.push(Line::styled(app.lang.pick("（已归档）", "(archived)").to_string(), theme.warn()));
    }
    if let crate::model::AnyData::Evaluation(e) = &rec.data {
        if let Some(on) = e.published_on {
            let locked = match app.lang {
                crate::i18n::Lang::Zh => format!("已于 {on} 公示，已锁定：更正须先撤回公示"),
                crate::i18n::Lang::En => {
                    format!("Published on {on} and locked: withdraw the publication to correct it")
                }
            };
            lines.push(Line::styled(fit(&locked, w, theme.ascii), theme.warn()));
        }
    }
    if let Some(late) = overdue_text(app, &rec) {
        lines.push(Line::styled(fit(&late, w, theme.ascii), theme.warn()));
    }
    (lines, chosen_line)
}

/// `! 超期 N 天` under a task past its due date or a demand open too long.
fn overdue_text(app: &App, rec: &crate::model::AnyRecord) -> Option<String> {
    use crate::i18n::Lang;
    use crate::model::AnyData;
    use crate::rules::overdue::days_since;
    if crate::tui::overview::overdue_mark(&app.data, rec, app.today).is_empty() {
        return None;
    }
    Some(match (&rec.data, app.lang) {
        (AnyData::Task(t), Lang::Zh) => format!("! 已超过完成时限 {} 天", days_since(t.due?, app.today)),
        (AnyData::Task(t), Lang::En) => format!("! {} days past due", days_since(t.due?, app.today)),
        (AnyData::Demand(d), Lang::Zh) => format!("! 已 {} 天未办结", days_since(d.raised_on, app.today)),
        (AnyData::Demand(d), Lang::En) => format!("! open for {} days", days_since(d.raised_on, app.today)),
        _ => return None,
    })
}

/// The sections under the fields, and which line shows item `chosen` of them.
fn related_lines(
    app: &App,
    sections: &[Section],
    chosen: Option<usize>,
    w: usize,
    theme: &Theme,
) -> (Vec<Line<'static>>, Option<usize>) {
    let mut lines = Vec::new();
    let mut index = 0;
    let mut selected_line = None;
    for section in sections {
        let head = format!("{} {} ({})", theme.rule().repeat(2), section.title, section.total);
        lines.push(Line::styled(fit(&head, w, theme.ascii), theme.heading()));
        for (k, rid) in &section.items {
            let late =
                app.data.get(*k, *rid).map_or("", |r| crate::tui::overview::overdue_mark(&app.data, &r, app.today));
            let text = fit(&format!("{late:<2}{}", app.data.label(*k, *rid)), w, theme.ascii);
            if Some(index) == chosen {
                selected_line = Some(lines.len());
                lines.push(Line::styled(text, theme.selected(true)));
            } else {
                lines.push(Line::from(text));
            }
            index += 1;
        }
    }
    (lines, selected_line)
}
