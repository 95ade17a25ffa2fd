//! The form popup: one line per field, the error under the field, the picker
//! under the focused field, the terminal cursor at the caret (so that an input
//! method's window appears there).

use super::theme::Theme;
use super::{fit, width};
use crate::tui::app::App;
use crate::tui::form::FormState;
use crate::tui::keymap::Mode;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;

/// Candidates shown under the focused field.
const PICKER_LINES: usize = 6;

pub fn draw(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    let Some(form) = app.form() else { return };
    frame.render_widget(Clear, area);
    let verb = if form.editing.is_some() { app.lang.pick("编辑", "Edit") } else { app.lang.pick("新增", "New") };
    let quick = if form.quick { app.lang.pick("（快速）", " (quick)") } else { "" };
    let title = match &form.step {
        Some(step) => format!(" {} ", step.title(app.lang)),
        None => format!(" {verb} {}{quick} ", form.kind.label(app.lang)),
    };
    let block = theme.block(title, true);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let label_w = form.fields.iter().map(|f| width(f.spec.label(app.lang))).max().unwrap_or(4).min(16) + 2;
    let (lines, caret) = form_lines(app, form, inner.width as usize, label_w, theme);
    let height = inner.height as usize;
    let offset = caret.map_or(0, |(line, _)| line.saturating_sub(height.saturating_sub(PICKER_LINES + 2)));
    frame.render_widget(Paragraph::new(lines.into_iter().skip(offset).take(height).collect::<Vec<_>>()), inner);
    if let Some((line, col)) = caret.filter(|(line, _)| *line >= offset && *line < offset + height) {
        frame.set_cursor_position(Position::new(inner.x + col as u16, inner.y + (line - offset) as u16));
    }
}

/// Rows a long text shows while it is typed in: the caret's row and those before it.
const LONG_TEXT_ROWS: usize = 5;

/// A field's value as rows in `width` cells and the caret's (row, column)
/// among them. A long text (情况, 讨论情况, 纪要) wraps, and shows the rows up to
/// the caret's while it is typed in and its first row otherwise; any other
/// value is one row that scrolls sideways.
fn value_rows(
    field: &crate::tui::form::FormField,
    focused: bool,
    width: usize,
    ascii: bool,
) -> (Vec<String>, (usize, usize)) {
    if !matches!(field.spec.ty, crate::model::fields::FieldType::LongText { .. }) {
        let (text, col) = field.input.view(width);
        return (vec![text], (0, col));
    }
    if !focused {
        return (vec![fit(&crate::present::visible(field.input.value()), width, ascii)], (0, 0));
    }
    let (rows, (row, col)) = field.input.wrapped(width);
    let start = row.saturating_sub(LONG_TEXT_ROWS - 1);
    let shown: Vec<String> = rows.iter().skip(start).take(LONG_TEXT_ROWS).cloned().collect();
    (shown, (row - start, col))
}

/// The lines of the form and where the caret is (line, column).
fn form_lines(
    app: &App,
    form: &FormState,
    w: usize,
    label_w: usize,
    theme: &Theme,
) -> (Vec<Line<'static>>, Option<(usize, usize)>) {
    let mut lines = Vec::new();
    let mut caret = None;
    let input_w = w.saturating_sub(label_w + 1).max(4);
    for (i, field) in form.fields.iter().enumerate() {
        let focused = i == form.focus;
        let mark = if field.spec.required { "*" } else { " " };
        let label = format!("{mark}{}", fit(field.spec.label(app.lang), label_w - 2, theme.ascii));
        let pad = " ".repeat(label_w.saturating_sub(width(&label)));
        let style = match (focused, field.input.is_selected()) {
            // Selected whole, as a spreadsheet cell on entering it: typing replaces it.
            (true, true) => theme.selected(true).add_modifier(ratatui::style::Modifier::UNDERLINED),
            (true, false) => theme.selected(true),
            _ => ratatui::style::Style::default(),
        };
        let (rows, (row, col)) = value_rows(field, focused, input_w, theme.ascii);
        for (n, text) in rows.iter().enumerate() {
            let shown = crate::present::visible(text);
            let fill = " ".repeat(input_w.saturating_sub(width(&shown)));
            if focused && n == row {
                caret = Some((lines.len(), label_w + col));
            }
            let head = if n == 0 { format!("{label}{pad}") } else { " ".repeat(label_w) };
            lines
                .push(Line::from(vec![Span::styled(head, theme.dim()), Span::styled(format!("{shown}{fill}"), style)]));
        }
        if focused && matches!(field.spec.ty, crate::model::fields::FieldType::LongText { .. }) {
            let key =
                app.keymap.key_text(crate::tui::keymap::Mode::Form, crate::tui::action::Action::NewLine, app.lang);
            let hint = match app.lang {
                crate::i18n::Lang::Zh => format!("{key} 换行"),
                crate::i18n::Lang::En => format!("{key} starts a new line"),
            };
            lines.push(Line::styled(format!("{}{hint}", " ".repeat(label_w)), theme.dim()));
        }
        if focused && field.spec.ty == crate::model::fields::FieldType::VoteSets {
            let hint = app.lang.pick(
                "每组：群众/代表/大工委 + 优秀,称职,基本称职,不称职 票数 + /发出/收回，组间用；分隔，如 群众 12,3,1,0/45/42；代表 8,2,0,0/10/10",
                "per set: residents/deputies/committee, then excellent,competent,basic,incompetent, then /issued/returned; sets separated by ; e.g. residents 12,3,1,0/45/42; deputies 8,2,0,0/10/10",
            );
            for row in super::wrap(hint, w.saturating_sub(label_w)) {
                lines.push(Line::styled(format!("{}{row}", " ".repeat(label_w)), theme.dim()));
            }
        }
        // Beside the field, whole: what is expected must be read to the end.
        let indent = " ".repeat(label_w);
        let room = w.saturating_sub(label_w);
        for (text, style) in
            [(field.error.as_ref().map(|e| format!("! {e}")), theme.error()), (field.note.clone(), theme.dim())]
        {
            for row in text.map(|t| super::wrap(&t, room)).unwrap_or_default() {
                lines.push(Line::styled(format!("{indent}{row}"), style));
            }
        }
        if focused && app.mode() == Mode::Picker {
            lines.extend(picker_lines(app, form, label_w, w, theme));
        }
    }
    for msg in &form.general {
        lines.push(Line::styled(fit(&format!("! {msg}"), w, theme.ascii), theme.error()));
    }
    (lines, caret)
}

fn picker_lines(app: &App, form: &FormState, indent: usize, w: usize, theme: &Theme) -> Vec<Line<'static>> {
    let Some(picker) = &form.picker else { return Vec::new() };
    if picker.items.is_empty() {
        let none = app.lang.pick("（没有匹配项）", "(no match)");
        return vec![Line::styled(format!("{}{none}", " ".repeat(indent)), theme.dim())];
    }
    let start = picker.selected.saturating_sub(PICKER_LINES - 1);
    picker
        .items
        .iter()
        .enumerate()
        .skip(start)
        .take(PICKER_LINES)
        .map(|(i, (_, label))| {
            let chosen = i == picker.selected;
            let marker = if chosen { theme.marker() } else { " " };
            let text = fit(&format!("{}{marker} {label}", " ".repeat(indent)), w, theme.ascii);
            if chosen {
                Line::styled(text, theme.selected(true))
            } else {
                Line::styled(text, theme.dim())
            }
        })
        .collect()
}
