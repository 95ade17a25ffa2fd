//! The overview: next meeting, what falls due within a week, candidate
//! agenda, members short of their links, overdue households, demands and
//! tasks, visits per month.

use super::theme::Theme;
use super::{fit, window};
use crate::i18n::Lang;
use crate::model::Kind;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::Mode;
use crate::tui::overview::Overview;
use crate::workflow::agenda::HotIssue;
use crate::workflow::remind::DEFAULT_DAYS;
use crate::workflow::remind_text::what;
use chrono::Datelike;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{BarChart, Paragraph};
use ratatui::Frame;

pub fn draw(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    if app.data.is_loading() {
        // Figures from the newest records alone would be wrong, not just incomplete.
        let text = app.lang.pick("正在读取全部记录……", "Reading all records…");
        frame.render_widget(
            Paragraph::new(text).block(theme.block(format!(" {} ", crate::tui::tabs::name(0, app.lang, false)), true)),
            area,
        );
        return;
    }
    if app.data.is_empty() {
        draw_empty(frame, app, area, theme);
        return;
    }
    let ov = app.overview();
    // The chart needs 12 bars of 2 cells with gaps: 35 cells inside its border.
    let right_w = (area.width * 45 / 100).max(37);
    let [left, right] = Layout::horizontal([Constraint::Min(30), Constraint::Length(right_w)]).areas(area);
    let [items_area] = Layout::vertical([Constraint::Min(3)]).areas(left);
    let [counts_area, chart_area] = Layout::vertical([Constraint::Min(6), Constraint::Length(9)]).areas(right);
    draw_items(frame, app, &ov, items_area, theme);
    draw_counts(frame, app, &ov, counts_area, theme);
    draw_chart(frame, app, &ov, chart_area, theme);
}

fn draw_empty(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    let key = |action| app.keymap.key_text(Mode::Normal, action, app.lang);
    let tab = |kind: Kind| {
        let at = Kind::ALL.iter().position(|k| *k == kind).map_or(1, |i| i + 1) as u8;
        key(Action::GoTab(at))
    };
    // In the order records refer to each other: a member names a unit and a
    // community, a household a community and a member.
    let order = [Kind::Community, Kind::Unit, Kind::Member, Kind::Household];
    let steps: Vec<String> = order.iter().map(|k| format!("{} {}", tab(*k), k.plural_label(app.lang))).collect();
    let (add, help) = (key(Action::Add), key(Action::Help));
    let lines: Vec<Line> = match app.lang {
        Lang::Zh => vec![
            "数据库还是空的。可以这样开始：".into(),
            "".into(),
            format!("  依次添加 {}，在各页按 {add} 新增；", steps.join(" → ")).into(),
            "  或在命令行中恢复备份文件：silian restore 备份.jsonl；".into(),
            "  或先看演示数据：silian --demo。".into(),
            "".into(),
            format!("按 {help} 查看全部按键。").into(),
        ],
        Lang::En => vec![
            "The store is empty. To begin:".into(),
            "".into(),
            format!("  add {} ({add} adds);", steps.join(" → ")).into(),
            "  or restore a backup file from the shell: silian restore backup.jsonl;".into(),
            "  or look at the demo data first: silian --demo.".into(),
            "".into(),
            format!("Press {help} for every key.").into(),
        ],
    };
    frame.render_widget(
        Paragraph::new(lines).block(theme.block(title(app.lang, "开始", "Getting started"), true)),
        area,
    );
}

fn colon(lang: Lang) -> &'static str {
    lang.pick("：", ": ")
}

fn title(lang: Lang, zh: &str, en: &str) -> String {
    format!(" {} ", lang.pick(zh, en))
}

fn meeting_lines(app: &App, ov: &Overview, w: usize) -> Vec<Line<'static>> {
    let m = &ov.next_meeting;
    let date = match m.provisional {
        true => format!("{} {}", m.date, app.lang.pick("暂定", "provisional")),
        false => m.date.to_string(),
    };
    let mut head = match app.lang {
        Lang::Zh => format!("下次联席议事会：{} {date}", m.quarter),
        Lang::En => format!("Next joint meeting: {} {date}", m.quarter),
    };
    if let (Some(from), Some(h)) = (m.moved_from, &m.reason) {
        head.push_str(&match app.lang {
            Lang::Zh => format!("（原定 {from} 逢{}，顺延）", h.name(app.lang)),
            Lang::En => format!(" (moved from {from}, {})", h.name(app.lang)),
        });
    }
    // The meeting and its warnings are read whole: they decide a date.
    let mut lines: Vec<Line> = super::wrap(&head, w).into_iter().map(Line::from).collect();
    if m.provisional {
        let note = app.lang.pick("  （放假通知未发布，按法定假日推算）", "  (no holiday notice yet: statutory days)");
        lines.extend(super::wrap(note, w).into_iter().map(Line::from));
    } else if !app.data.calendar.covers_year(m.date.year()) {
        let note = match app.lang {
            Lang::Zh => format!("  （尚无 {} 年节假日数据，未按节假日顺延）", m.date.year()),
            Lang::En => format!("  (no {} holiday data: not moved for holidays)", m.date.year()),
        };
        lines.extend(super::wrap(&note, w).into_iter().map(Line::from));
    }
    lines.extend(off_calendar_lines(app, ov, w));
    if let Some(year) = app.unplanned_year() {
        let key = app.keymap.key_text(Mode::Normal, Action::PlanYear, app.lang);
        let key = if key.is_empty() { ":".into() } else { key };
        let offer = match app.lang {
            Lang::Zh => format!("  {year} 年尚无例会：按 {key} 安排"),
            Lang::En => format!("  No meetings planned for {year}: {key} plans them"),
        };
        lines.push(Line::from(fit(&offer, w, app.ascii)));
    }
    lines
}

/// Planned meetings on a holiday or make-up day, and the key that moves the first.
fn off_calendar_lines(app: &App, ov: &Overview, w: usize) -> Vec<Line<'static>> {
    let mut lines: Vec<Line> = Vec::new();
    for o in &ov.off_calendar {
        lines.extend(super::wrap(&format!("  ! {}", o.message(app.lang)), w).into_iter().map(Line::from));
    }
    let movable = ov.off_calendar.iter().find_map(|o| Some((o.meeting_id, o.schedule_date?)));
    let key = app.keymap.key_text(Mode::Normal, Action::MoveToSchedule, app.lang);
    if let (Some((id, to)), false) = (movable, key.is_empty()) {
        let offer = match app.lang {
            Lang::Zh => format!("  按 {key} 将议事会 {id} 改至 {to}（原因记入纪要）"),
            Lang::En => format!("  {key} moves meeting {id} to {to} (the reason goes into its minutes)"),
        };
        lines.extend(super::wrap(&offer, w).into_iter().map(Line::from));
    }
    lines
}

fn draw_items(frame: &mut Frame, app: &App, ov: &Overview, area: Rect, theme: &Theme) {
    let block = theme
        .block(title(app.lang, "议程与待办", "Agenda and follow-up"), app.mode() == crate::tui::keymap::Mode::Normal);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let w = inner.width as usize;
    let mut lines = meeting_lines(app, ov, w);
    let shown = ov.shown_reminders();
    let due_head = match app.lang {
        Lang::Zh => format!("督办：{DEFAULT_DAYS} 天内到期"),
        Lang::En => format!("Due within {DEFAULT_DAYS} days"),
    };
    let heads = [
        (0, due_head.as_str(), ov.reminders.len()),
        (
            shown.len(),
            app.lang.pick("候选议题（热点问题、超期事项）", "Candidate agenda (hot issues, late tasks)"),
            ov.agenda.len(),
        ),
        (
            shown.len() + ov.agenda.len(),
            app.lang.pick("四联未达标的委员", "Members short of their four links"),
            ov.short_members.len(),
        ),
        (
            shown.len() + ov.agenda.len() + ov.short_members.len(),
            app.lang.pick("超期未走访的联系户", "Households not visited in the cycle"),
            ov.overdue_households.len(),
        ),
    ];
    let items = ov.items();
    let mut selected_line = 0;
    for (i, (kind, id)) in items.iter().enumerate() {
        if let Some((_, head, count)) = heads.iter().find(|(start, _, n)| *start == i && *n > 0) {
            lines.push(Line::styled(
                fit(&format!("{} {head} ({count})", theme.rule().repeat(2)), w, theme.ascii),
                theme.heading(),
            ));
        }
        let text = match shown.get(i) {
            // The day (12-01) takes less room than "in 2 days", leaving it to the names.
            Some(item) => format!("  {} {}", item.due.format("%m-%d"), what(item, true, app.lang)),
            None => format!("  {}", item_text(app, ov, *kind, *id)),
        };
        let text = fit(&text, w, theme.ascii);
        if i == app.overview_selected {
            selected_line = lines.len();
            lines.push(Line::styled(text, theme.selected(true)));
        } else {
            lines.push(Line::from(text));
        }
        if i + 1 == shown.len() && ov.reminders.len() > shown.len() {
            lines.push(Line::from(fit(&more_reminders(app, ov.reminders.len() - shown.len()), w, theme.ascii)));
        }
    }
    let offset = window(selected_line, 0, inner.height as usize, lines.len());
    frame.render_widget(Paragraph::new(lines.into_iter().skip(offset).collect::<Vec<_>>()), inner);
}

/// `另有 5 项，按 D 查看全部`, the key read from the keymap.
fn more_reminders(app: &App, more: usize) -> String {
    let key = app.keymap.key_text(Mode::Normal, Action::Remind, app.lang);
    let key = if key.is_empty() { ":remind".into() } else { key };
    match app.lang {
        Lang::Zh => format!("  另有 {more} 项，按 {key} 查看全部"),
        Lang::En => format!("  {more} more: {key} shows all"),
    }
}

fn item_text(app: &App, ov: &Overview, kind: Kind, id: u64) -> String {
    let label = app.data.label(kind, id);
    match kind {
        Kind::Member => {
            let s = ov.short_members.iter().find(|s| s.member_id == id);
            let gaps = s.map(|s| gaps(app.lang, s)).unwrap_or_default();
            format!("{label}{}{gaps}", colon(app.lang))
        }
        Kind::Household => {
            let last = ov.overdue_households.iter().find(|(h, _)| *h == id).and_then(|(_, d)| *d);
            let last = last.map_or(app.lang.pick("从未走访", "never visited").to_string(), |d| d.to_string());
            format!("{label}{}{last}", colon(app.lang))
        }
        Kind::Demand => match ov.hot.iter().find(|i| i.demand_ids.first() == Some(&id)) {
            Some(issue) => hot_issue_text(issue, app.lang),
            None => format!("[{}] {label}", kind.label(app.lang)),
        },
        other => format!("[{}] {label}", other.label(app.lang)),
    }
}

/// `[热点 5 户] 电动车在楼道充电…` for an issue several raised (`方` when
/// units or visitors are among them), else `[诉求] …`.
fn hot_issue_text(issue: &HotIssue, lang: Lang) -> String {
    let raised = issue.households + issue.other_targets;
    let who = if issue.other_targets == 0 { "户" } else { "方" };
    match (issue.demand_ids.len() > 1, lang) {
        (true, Lang::Zh) => format!("[热点 {raised} {who}] {}", issue.title),
        (true, Lang::En) => format!("[hot, {raised} raised] {}", issue.title),
        (false, _) => format!("[{}] {}", Kind::Demand.label(lang), issue.title),
    }
}

fn gaps(lang: Lang, s: &crate::rules::compliance::LinkStatus) -> String {
    let mut out = Vec::new();
    if !s.has_unit {
        out.push(lang.pick("无所在单位", "no unit").to_string());
    }
    if !s.has_line {
        out.push(lang.pick("无条线", "no line").to_string());
    }
    if !s.has_community {
        out.push(lang.pick("无联系社区", "no community").to_string());
    }
    if s.households_short() > 0 {
        out.push(match lang {
            Lang::Zh => format!("联系户 {}/{}", s.households, s.target),
            Lang::En => format!("households {}/{}", s.households, s.target),
        });
    }
    out.join(crate::i18n::list_sep(lang))
}

fn draw_counts(frame: &mut Frame, app: &App, ov: &Overview, area: Rect, theme: &Theme) {
    let block = theme.block(title(app.lang, "概况", "At a glance"), false);
    let due = match app.lang {
        Lang::Zh => format!("{DEFAULT_DAYS} 天内到期"),
        Lang::En => format!("Due within {DEFAULT_DAYS} days"),
    };
    let rows = [
        (app.lang.pick("委员", "Members"), app.data.records(Kind::Member).active_count()),
        (app.lang.pick("联系户", "Households"), app.data.records(Kind::Household).active_count()),
        (due.as_str(), ov.reminders.len()),
        (app.lang.pick("超期未走访户", "Households overdue"), ov.overdue_households.len()),
        (app.lang.pick("超期诉求", "Demands overdue"), ov.overdue_demands.len()),
        (app.lang.pick("超期责任事项", "Tasks overdue"), ov.overdue_tasks.len()),
        (app.lang.pick("四联未达标委员", "Members short of links"), ov.short_members.len()),
    ];
    let lines: Vec<Line> = rows.iter().map(|(k, v)| Line::from(format!("{k}{}{v}", colon(app.lang)))).collect();
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

fn draw_chart(frame: &mut Frame, app: &App, ov: &Overview, area: Rect, theme: &Theme) {
    let labels: Vec<String> = ov.visits_per_month.iter().map(|(m, _)| m[5..].to_string()).collect();
    let data: Vec<(&str, u64)> = labels.iter().zip(&ov.visits_per_month).map(|(l, (_, n))| (l.as_str(), *n)).collect();
    let block = theme.block(title(app.lang, "近 12 个月走访", "Visits, last 12 months"), false);
    let chart =
        BarChart::default().block(block).data(data.as_slice()).bar_width(2).bar_gap(1).bar_set(if theme.ascii {
            ratatui::symbols::bar::Set {
                full: "#",
                seven_eighths: "#",
                three_quarters: "=",
                five_eighths: "=",
                half: "-",
                three_eighths: "-",
                one_quarter: ".",
                one_eighth: ".",
                empty: " ",
            }
        } else {
            ratatui::symbols::bar::NINE_LEVELS
        });
    frame.render_widget(chart, area);
}
