//! The status line (last message or the question being asked) and the hints
//! line (the current mode's keys from the keymap, or the `:` command line).

use super::fit;
use super::theme::Theme;
use crate::i18n::Lang;
use crate::tui::action::Action;
use crate::tui::app::{App, Question};
use crate::tui::keymap::Mode;
use ratatui::layout::{Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use ratatui::Frame;

/// The actions hinted per mode, in this order, when they have keys.
fn hinted(mode: Mode) -> &'static [Action] {
    use Action::*;
    match mode {
        Mode::Normal => &[Help, Add, Edit, Filter, QuickVisit, Undo, CommandLine, Quit],
        Mode::Filter => &[Confirm, Cancel],
        Mode::Form => &[NextField, PrevField, Save, ClearField, Cancel],
        Mode::Picker => &[Pick, NextField, Save, Cancel],
        Mode::Command => &[Complete, Confirm, Cancel],
        Mode::Help => &[Cancel, Down, Up],
        Mode::Confirm => &[Confirm, Deny],
        Mode::Chooser => &[Pick, DecisionTask, Down, Up, Cancel],
        Mode::Report => &[Down, Up, PageDown, Confirm, Deny],
    }
}

pub fn hints(app: &App) -> String {
    let topics = app.open.chooser().is_some_and(|c| c.kind == crate::tui::app_cycle::ChooserKind::Topics);
    // A report only to read is closed, not answered.
    let read_only = app.mode() == Mode::Report && matches!(app.open.question(), Some(Question::CloseReport));
    hinted(app.mode())
        .iter()
        // `t` makes a task only from a meeting's topics.
        .filter(|a| **a != Action::DecisionTask || topics)
        .filter(|a| !(read_only && **a == Action::Deny))
        .filter_map(|a| {
            let key = app.keymap.keys_for(app.mode(), *a).first()?.to_string();
            let what = match a {
                Action::Confirm if read_only => app.lang.pick("关闭", "Close").to_string(),
                a => a.describe(app.lang).to_string(),
            };
            Some(format!("{key} {what}"))
        })
        .collect::<Vec<_>>()
        .join("  ")
}

/// The question on top in the words the status line shows it.
pub fn question_text(app: &App) -> Option<String> {
    let lang = app.lang;
    // A report's question is answered with the report's keys.
    let mode = if app.mode() == Mode::Report { Mode::Report } else { Mode::Confirm };
    let (yes, no) = (app.keymap.key_text(mode, Action::Confirm, lang), app.keymap.key_text(mode, Action::Deny, lang));
    let yn = format!("({yes}/{no})");
    Some(match app.open.question()? {
        Question::DiscardForm => format!("{}{yn}", lang.pick("放弃未保存的修改？", "Discard the unsaved changes? ")),
        Question::RestoreDraft(_) => format!(
            "{}{yn}",
            lang.pick("上次有未保存完的表单，是否恢复？", "A form was left unsaved last time. Restore it? ")
        ),
        Question::WriteImport(n) => match lang {
            Lang::Zh => format!("写入这 {n} 条记录？{yn}"),
            Lang::En => format!("Write these {n} records? {yn}"),
        },
        Question::CloseReport => {
            let close = app.keymap.keys_text(mode, Action::Confirm, lang);
            match lang {
                Lang::Zh => format!("按 {close} 关闭"),
                Lang::En => format!("{close} closes"),
            }
        }
        Question::Overwrite { .. } => match lang {
            Lang::Zh => format!("此记录已被他人修改。{yes} 仍然保存（覆盖他人的修改），{no} 重新载入（放弃你的修改）"),
            Lang::En => {
                format!("Someone else changed this record. {yes} saves anyway (over their change), {no} reloads (drops yours)")
            }
        },
        Question::FinishBeforeMeeting { task_id, meeting } => match lang {
            Lang::Zh => format!("责任事项 {task_id} 来自 {meeting} 的议事会，会议尚未召开：仍要记为今天已完成？{yn}"),
            Lang::En => format!(
                "Task {task_id} comes from the meeting of {meeting}, not yet held: mark it done today anyway? {yn}"
            ),
        },
        Question::OtherMember { household, linked, chosen } => match lang {
            Lang::Zh => format!("联系户 {household} 的联系委员是 {linked}，这里填的是 {chosen}：仍要保存？{yn}"),
            Lang::En => format!("{household}'s linked member is {linked}, not {chosen}: save anyway? {yn}"),
        },
        Question::Reopen(id) => match lang {
            Lang::Zh => format!("{} 回访不满意：是否重办诉求 {id}？{yn}", app.status),
            Lang::En => format!("{} The follow-up was unsatisfied: reopen demand {id}? {yn}", app.status),
        },
        Question::ResolveDemands(ids) => match lang {
            Lang::Zh => format!("{} 其 {} 条相关诉求是否已办结？{yn}", app.status, ids.len()),
            Lang::En => format!("{} Resolve its {} linked demands? {yn}", app.status, ids.len()),
        },
    })
}

/// A question or message too long for the status line, whole, in a box
/// just above it: a question must be read to the end before it is answered.
fn draw_whole(frame: &mut Frame, text: &str, status: Rect, theme: &Theme) {
    let rows = super::wrap(text, status.width.saturating_sub(2) as usize);
    let height = (rows.len() as u16 + 2).min(status.y);
    let area = Rect { x: status.x, y: status.y - height, width: status.width, height };
    let lines: Vec<Line> = rows.into_iter().map(Line::from).collect();
    frame.render_widget(ratatui::widgets::Clear, area);
    frame.render_widget(Paragraph::new(lines).block(theme.block(String::new(), true)), area);
}

pub fn draw(frame: &mut Frame, app: &App, status: Rect, hints_area: Rect, theme: &Theme) {
    let w = status.width as usize;
    let (text, style) = match question_text(app) {
        Some(q) => (q, theme.warn()),
        None => (app.status.clone(), ratatui::style::Style::default()),
    };
    frame.render_widget(Paragraph::new(Line::styled(fit(&text, w, theme.ascii), style)), status);
    if super::width(&text) > w {
        draw_whole(frame, &text, status, theme);
    }
    if app.mode() == Mode::Command {
        let (shown, col) = app.open.command().cloned().unwrap_or_default().view(w.saturating_sub(1));
        frame.render_widget(Paragraph::new(Line::from(format!(":{}", crate::present::visible(&shown)))), hints_area);
        frame.set_cursor_position(Position::new(hints_area.x + 1 + col as u16, hints_area.y));
        return;
    }
    if app.mode() == Mode::Filter {
        if let Some(list) = app.list() {
            let (shown, col) = list.filter.view(w.saturating_sub(1));
            frame
                .render_widget(Paragraph::new(Line::from(format!("/{}", crate::present::visible(&shown)))), hints_area);
            frame.set_cursor_position(Position::new(hints_area.x + 1 + col as u16, hints_area.y));
            return;
        }
    }
    frame.render_widget(Paragraph::new(Line::styled(fit(&hints(app), w, theme.ascii), theme.dim())), hints_area);
}
