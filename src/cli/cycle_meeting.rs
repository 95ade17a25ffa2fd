//! `silian plan`, `silian agenda`, `silian meeting …`.

use super::commands::Env;
use super::cycle::{date_arg, ids_arg, member_name, names, print_json, print_table, MeetingAction};
use super::maintenance::holiday_calendar;
use super::schedule_cmd::{provisional_footnote, provisional_word, warn_without_holidays};
use super::{env::today, CliError, Format};
use crate::i18n::Lang;
use crate::model::{AnyData, AnyRecord, Kind, Meeting};
use crate::net::Backend;
use crate::ops;
use crate::present::Labels;
use crate::workflow::meeting::NewTask;
use crate::workflow::plan::PROVISIONAL_NOTE;
use crate::workflow::{HotIssue, LateTask, Take};

pub fn plan(env: &Env, year: i32, format: Format) -> Result<(), CliError> {
    let lang = env.lang;
    if !(1990..=2100).contains(&year) {
        return Err(CliError::usage(match lang {
            Lang::Zh => format!("年份 {year} 无效，应为 1990 至 2100 之间"),
            Lang::En => format!("year {year} is not valid; expected 1990 to 2100"),
        }));
    }
    let calendar = holiday_calendar(env)?;
    warn_without_holidays(env, &calendar, year);
    let store = env.open_store()?;
    let provisional = calendar.is_provisional(year);
    let outcome = env.ask(&store, ops::meeting::PlanYear::for_year(year, &calendar))?;
    if format == Format::Json {
        let list = |recs: &[AnyRecord]| recs.iter().filter_map(|r| planned_json(r, provisional)).collect::<Vec<_>>();
        let value = serde_json::json!({
            "year": year,
            "provisional": provisional,
            "created": list(&outcome.created),
            "existing": list(&outcome.existing),
        });
        print_json(&value);
        return Ok(());
    }
    let mark = match (provisional, lang) {
        (false, _) => String::new(),
        (true, Lang::Zh) => format!("（{}）", provisional_word(lang)),
        (true, Lang::En) => format!(" ({})", provisional_word(lang)),
    };
    for rec in &outcome.created {
        let Some((m, moved)) = meeting_line(rec) else { continue };
        let note = if moved.is_empty() || moved == PROVISIONAL_NOTE { String::new() } else { format!("（{moved}）") };
        match lang {
            Lang::Zh => outln!("已创建 {} 例会：{}{mark}，议事会 {}{note}", quarter(m), m.date, rec.id()),
            Lang::En => {
                outln!("Created the {} regular meeting: {}{mark}, meeting {}{note}", quarter(m), m.date, rec.id())
            }
        }
    }
    for rec in &outcome.existing {
        let Some((m, _)) = meeting_line(rec) else { continue };
        match lang {
            Lang::Zh => outln!("{} 已有例会：{}，议事会 {}（未新建）", quarter(m), m.date, rec.id()),
            Lang::En => {
                outln!("{} already has its regular meeting: {}, meeting {} (left as is)", quarter(m), m.date, rec.id())
            }
        }
    }
    if outcome.created.is_empty() {
        match lang {
            Lang::Zh => outln!("{year} 年的例会均已存在，未新建任何会议"),
            Lang::En => outln!("Every regular meeting of {year} exists already; nothing was created"),
        }
    } else {
        out!("{}", provisional_footnote(&calendar, year, lang));
    }
    Ok(())
}

/// A planned meeting as `plan --format json` shows it.
fn planned_json(rec: &AnyRecord, provisional: bool) -> Option<serde_json::Value> {
    let (m, _) = meeting_line(rec)?;
    Some(serde_json::json!({
        "id": rec.id(),
        "quarter": quarter(m),
        "date": m.date.to_string(),
        "status": m.status.id(),
        "provisional": provisional,
    }))
}

/// The move of `silian meeting move ID --to-schedule`; none (and said why)
/// when the meeting is on the schedule's date already.
fn move_to_schedule(
    env: &Env,
    store: &crate::net::Backend,
    id: u64,
    reason: Option<String>,
) -> Result<Option<ops::meeting::MoveMeeting>, CliError> {
    let lang = env.lang;
    let calendar = holiday_calendar(env)?;
    let rec = env.ask(store, ops::records::Get { kind: Kind::Meeting, id })?;
    let Some((m, _)) = meeting_line(&rec) else { return Ok(None) };
    if crate::workflow::off_calendar::schedule_date(m, &calendar).is_none() {
        return Err(CliError::usage(match lang {
            Lang::Zh => format!(
                "议事会 {id} 不是有季度的例会，日程中没有它的日期；请给出新日期：silian meeting move {id} 日期 --reason 原因"
            ),
            Lang::En => format!(
                "meeting {id} is not a regular meeting of a quarter, so the schedule has no date for it; \
                 give one: silian meeting move {id} DATE --reason TEXT"
            ),
        }));
    }
    let op = ops::meeting::MoveMeeting::to_schedule(id, m, &calendar, reason);
    if op.is_none() {
        match lang {
            Lang::Zh => outln!("议事会 {id} 已在日程日期 {}，未改动", m.date),
            Lang::En => outln!("Meeting {id} is on the schedule's date {} already; nothing changed", m.date),
        }
    }
    Ok(op)
}

/// The meeting and the first line of its minutes (why it is not on the first Friday).
fn meeting_line(rec: &AnyRecord) -> Option<(&Meeting, &str)> {
    match &rec.data {
        AnyData::Meeting(m) => Some((m, m.minutes.lines().next().unwrap_or(""))),
        _ => None,
    }
}

fn quarter(m: &Meeting) -> String {
    m.quarter.map(|q| q.to_string()).unwrap_or_default()
}

pub fn agenda(env: &Env, meeting_id: u64, take: &[String], format: Format) -> Result<(), CliError> {
    let lang = env.lang;
    let wanted = take.iter().map(|t| wanted_take(t, lang)).collect::<Result<Vec<_>, _>>()?;
    let store = env.open_store()?;
    if !wanted.is_empty() {
        return take_topics(env, &store, meeting_id, wanted);
    }
    let items = env.ask(&store, ops::meeting::Agenda { meeting_id, today: today() })?;
    if format == Format::Json {
        print_json(&items);
        return Ok(());
    }
    if items.is_empty() {
        outln!("{}", lang.pick("暂无候选议题", "No candidate topics"));
        return Ok(());
    }
    let names = names(env, &store, Kind::Household)?;
    print_issues(&items.issues, &names, lang);
    print_late_tasks(&items.tasks, &names, lang);
    let (issues, tasks) = (items.issues.len(), items.tasks.len());
    match lang {
        Lang::Zh => outln!(
            "共 {issues} 个问题、{tasks} 项逾期事项；列入议题：silian agenda {meeting_id} --take group:序号（整组）、demand:编号+编号 或 task:编号"
        ),
        Lang::En => outln!(
            "{} candidates ({issues} issues, {tasks} late tasks); take with: silian agenda {meeting_id} --take group:N (the whole group), demand:ID+ID or task:ID",
            items.len()
        ),
    }
    Ok(())
}

/// A `--take` as typed: a group of the agenda by its number, or a take.
enum Wanted {
    Group(usize),
    Take(Take),
}

fn wanted_take(text: &str, lang: Lang) -> Result<Wanted, CliError> {
    let group = text.split_once([':', '：']).filter(|(k, _)| matches!(k.trim(), "group" | "组"));
    let parsed = match group {
        Some((_, n)) => n.trim().parse().ok().filter(|n| *n > 0).map(Wanted::Group),
        None => text.parse().ok().map(Wanted::Take),
    };
    parsed.ok_or_else(|| {
        CliError::usage(match lang {
            Lang::Zh => format!("--take \"{text}\" 无效，应为 group:序号、demand:编号（多条用 + 连接，如 demand:12+15）或 task:编号"),
            Lang::En => format!("--take \"{text}\" is not valid; expected group:N, demand:ID (several joined by +, e.g. demand:12+15) or task:ID"),
        })
    })
}

/// Takes every wanted candidate in one request: all of them, or none.
fn take_topics(env: &Env, store: &Backend, meeting_id: u64, wanted: Vec<Wanted>) -> Result<(), CliError> {
    let lang = env.lang;
    let needs_agenda = wanted.iter().any(|w| matches!(w, Wanted::Group(_)));
    let issues = match needs_agenda {
        true => env.ask(store, ops::meeting::Agenda { meeting_id, today: today() })?.issues,
        false => Vec::new(),
    };
    let takes = wanted
        .into_iter()
        .map(|w| match w {
            Wanted::Take(take) => Ok(take),
            Wanted::Group(n) => issues.get(n - 1).map(|i| Take::Demands(i.demand_ids.clone())).ok_or_else(|| {
                CliError::usage(match lang {
                    Lang::Zh => format!("没有 group:{n}：议事会 {meeting_id} 现有 {} 个候选问题（silian agenda {meeting_id} 查看）；未作任何更改", issues.len()),
                    Lang::En => format!("There is no group:{n}: meeting {meeting_id} has {} candidate issues now (see silian agenda {meeting_id}); nothing was changed", issues.len()),
                })
            }),
        })
        .collect::<Result<Vec<Take>, CliError>>()?;
    let count = takes.len();
    let records = env.ask(store, ops::meeting::TakeTopic { meeting_id, takes: takes.clone() })?;
    let Some((m, _)) = records.first().and_then(meeting_line) else { return Ok(()) };
    let first = m.topics.len() - count;
    for (i, (topic, take)) in m.topics[first..].iter().zip(&takes).enumerate() {
        let (number, title) = (first + i + 1, &topic.title);
        match lang {
            Lang::Zh => outln!("已列入议事会 {meeting_id} 第 {number} 个议题：{title}（{take}）"),
            Lang::En => outln!("Taken into meeting {meeting_id} as topic {number}: {title} ({take})"),
        }
    }
    Ok(())
}

fn print_issues(issues: &[HotIssue], names: &crate::present::Names, lang: Lang) {
    if issues.is_empty() {
        return;
    }
    outln!(
        "{}",
        lang.pick("热点难点问题（按反映户数、等待天数排序）", "Hot issues (by households, then by the longest wait)")
    );
    let rows: Vec<Vec<String>> =
        issues.iter().enumerate().map(|(i, issue)| issue_row(i + 1, issue, names, lang)).collect();
    let headers = [
        lang.pick("候选", "Candidate"),
        lang.pick("诉求", "Demands"),
        lang.pick("户数", "Households"),
        lang.pick("委员", "Members"),
        lang.pick("已等", "Waited"),
        lang.pick("情况", "Flags"),
        lang.pick("社区", "Community"),
        lang.pick("议题", "Topic"),
    ];
    print_table(&headers, &rows);
}

fn issue_row(number: usize, issue: &HotIssue, names: &crate::present::Names, lang: Lang) -> Vec<String> {
    let households = match (issue.other_targets, lang) {
        (0, _) => issue.households.to_string(),
        (n, Lang::Zh) => format!("{}（另 {n} 方）", issue.households),
        (n, Lang::En) => format!("{} (+{n} others)", issue.households),
    };
    let waited = match lang {
        Lang::Zh => format!("{} 天", issue.waited_days),
        Lang::En => format!("{} days", issue.waited_days),
    };
    let mut flags = Vec::new();
    if issue.escalated {
        flags.push(lang.pick("提交议事会", "escalated"));
    }
    if issue.overdue {
        flags.push(lang.pick("逾期", "overdue"));
    }
    let community = match issue.community_id {
        Some(id) => names.label_of(Kind::Community, id).map_or_else(|| format!("#{id}"), |l| l.into_owned()),
        None => lang.pick("（无）", "(none)").to_string(),
    };
    vec![
        format!("group:{number}"),
        Take::Demands(issue.demand_ids.clone()).to_string(),
        households,
        issue.members.to_string(),
        waited,
        flags.join(lang.pick("、", ", ")),
        format!("{} · {community}", issue.category.label(lang)),
        issue.title.clone(),
    ]
}

fn print_late_tasks(tasks: &[LateTask], names: &crate::present::Names, lang: Lang) {
    if tasks.is_empty() {
        return;
    }
    outln!("{}", lang.pick("逾期的责任事项", "Late tasks"));
    let rows: Vec<Vec<String>> = tasks
        .iter()
        .map(|t| {
            let late = match lang {
                Lang::Zh => format!("事项逾期 {} 天", t.days_late),
                Lang::En => format!("task {} days late", t.days_late),
            };
            vec![Take::Task(t.task_id).to_string(), late, t.title.clone(), member_name(names, t.owner_id)]
        })
        .collect();
    let headers = [
        lang.pick("候选", "Candidate"),
        lang.pick("原因", "Why"),
        lang.pick("议题", "Topic"),
        lang.pick("责任人", "Owner"),
    ];
    print_table(&headers, &rows);
}

pub fn meeting(env: &Env, action: MeetingAction) -> Result<(), CliError> {
    let lang = env.lang;
    let store = env.open_store()?;
    match action {
        MeetingAction::Move { id, date, reason, to_schedule } => {
            let op = match date {
                Some(date) if !to_schedule => {
                    let date = date_arg("DATE", Some(&date), lang)?;
                    ops::meeting::MoveMeeting { id, date, reason: reason.unwrap_or_default() }
                }
                _ => match move_to_schedule(env, &store, id, reason)? {
                    Some(op) => op,
                    None => return Ok(()),
                },
            };
            let why = op.reason.trim().to_owned();
            let rec = env.ask(&store, op)?;
            let date = meeting_line(&rec).map(|(m, _)| m.date).unwrap_or_default();
            match lang {
                Lang::Zh => outln!("议事会 {} 已改期至 {date}（原因：{why}，已记入纪要）", rec.id()),
                Lang::En => outln!("Meeting {} moved to {date} (reason: {why}; recorded in its minutes)", rec.id()),
            }
        }
        MeetingAction::Attend { id, members, absent, toggle } => {
            let member_ids = ids_arg("MEMBERS", &members, lang)?;
            let present = if toggle { None } else { Some(!absent) };
            let rec = env.ask(&store, ops::meeting::Attendance { meeting_id: id, member_ids, present })?;
            let names = names(env, &store, Kind::Meeting)?;
            let Some((m, _)) = meeting_line(&rec) else { return Ok(()) };
            let list: Vec<String> = m.attendee_ids.iter().map(|a| member_name(&names, *a)).collect();
            let sep = crate::i18n::list_sep(lang);
            match lang {
                Lang::Zh => outln!("参会人员（{}）：{}", list.len(), list.join(sep)),
                Lang::En => outln!("Attendees ({}): {}", list.len(), list.join(sep)),
            }
        }
        MeetingAction::Topic { id, number, discussion, decision } => {
            let request = ops::meeting::RecordTopic { meeting_id: id, topic: number, discussion, decision };
            env.ask(&store, request)?;
            match lang {
                Lang::Zh => outln!("已记录议事会 {id} 第 {number} 个议题"),
                Lang::En => outln!("Topic {number} of meeting {id} recorded"),
            }
        }
        MeetingAction::Task { id, number, owner, due, title, demands } => {
            let due = due.map(|d| date_arg("--due", Some(&d), lang)).transpose()?;
            let demand_ids = demands.map(|d| ids_arg("--demands", &d, lang)).transpose()?;
            let task = NewTask { owner_id: owner, due, title, demand_ids };
            let recs = env.ask(&store, ops::meeting::DecisionToTask { meeting_id: id, topic: number, task })?;
            print_task_created(env, &store, &recs)?;
        }
    }
    Ok(())
}

fn print_task_created(env: &Env, store: &crate::net::Backend, recs: &[AnyRecord]) -> Result<(), CliError> {
    let lang = env.lang;
    // The reply is the task, then its demands.
    let Some((task_rec, demands)) = recs.split_first() else { return Ok(()) };
    let AnyData::Task(task) = &task_rec.data else { return Ok(()) };
    let names = names(env, store, Kind::Task)?;
    let owner = member_name(&names, task.owner_id);
    let due = task.due.map(|d| d.to_string()).unwrap_or_else(|| lang.pick("未定", "none").into());
    match lang {
        Lang::Zh => outln!("已建立责任事项 {}：{}（责任人 {owner}，完成时限 {due}）", task_rec.id(), task.title),
        Lang::En => outln!("Task {} created: {} (owner {owner}, due {due})", task_rec.id(), task.title),
    }
    for d in demands {
        match lang {
            Lang::Zh => outln!("诉求 {} → 办理中", d.id()),
            Lang::En => outln!("Demand {} → in progress", d.id()),
        }
    }
    Ok(())
}
