//! `silian check`: the store's own consistency, and planned meetings that the
//! holiday calendar now puts on a day off or a make-up working day.

use super::commands::{json, Env};
use super::maintenance::holiday_calendar;
use super::{CliError, Format};
use crate::i18n::Lang;
use crate::model::{AnyData, Kind};
use crate::ops;
use crate::store::check::CheckProblem;
use crate::workflow::off_calendar::{off_calendar, OffCalendar};

pub fn check(env: &Env, format: Format) -> Result<(), CliError> {
    let calendar = holiday_calendar(env)?;
    let store = env.open_store()?;
    let problems = env.ask(&store, ops::maintenance::Check)?;
    let meetings = env.ask(&store, ops::records::List { kind: Kind::Meeting, include_archived: false })?;
    let off = off_calendar(
        meetings.iter().filter_map(|r| match &r.data {
            AnyData::Meeting(m) => Some((r.id(), &**m)),
            _ => None,
        }),
        &calendar,
    );
    let found = problems.len() + off.len();
    if format == Format::Json {
        out!("{}", json(&check_json(&problems, &off, env.lang)));
    } else if found == 0 {
        let counts = env.ask(&store, ops::records::RecordCounts)?;
        let total: usize = counts.iter().map(|(_, n)| n).sum();
        outln!(
            "{}",
            match env.lang {
                Lang::Zh => format!("检查完毕，未发现问题（{total} 条记录）"),
                Lang::En => format!("Check passed: no problems ({total} records)"),
            }
        );
    } else {
        for p in &problems {
            outln!("{}", p.message(env.lang));
        }
        for o in &off {
            outln!("{}", off_line(o, env.lang));
        }
    }
    if found == 0 {
        return Ok(());
    }
    Err(CliError::failure(match env.lang {
        Lang::Zh => format!("发现 {found} 个问题"),
        Lang::En => format!("{found} problems found"),
    }))
}

/// The flag and the command that moves the meeting.
fn off_line(o: &OffCalendar, lang: Lang) -> String {
    let id = o.meeting_id;
    match (o.schedule_date, lang) {
        (Some(_), Lang::Zh) => format!("{}；改期：silian meeting move {id} --to-schedule", o.message(lang)),
        (Some(_), Lang::En) => format!("{}; move it: silian meeting move {id} --to-schedule", o.message(lang)),
        (None, Lang::Zh) => format!("{}；改期：silian meeting move {id} 日期 --reason 原因", o.message(lang)),
        (None, Lang::En) => format!("{}; move it: silian meeting move {id} DATE --reason TEXT", o.message(lang)),
    }
}

fn check_json(problems: &[CheckProblem], off: &[OffCalendar], lang: Lang) -> serde_json::Value {
    let problems: Vec<serde_json::Value> =
        problems.iter().map(|p| serde_json::json!({ "message": p.message(lang), "problem": p })).collect();
    let meetings: Vec<serde_json::Value> = off
        .iter()
        .map(|o| {
            let (holiday, provisional) = match &o.why {
                crate::workflow::off_calendar::OffDay::Holiday { holiday, provisional } => {
                    (Some(holiday.name(lang).to_owned()), *provisional)
                }
                crate::workflow::off_calendar::OffDay::MakeUpWorkday => (None, false),
            };
            serde_json::json!({
                "meeting_id": o.meeting_id,
                "date": o.date.to_string(),
                "quarter": o.quarter.map(|q| q.to_string()),
                "why": if holiday.is_some() { "holiday" } else { "make_up_workday" },
                "holiday": holiday,
                "provisional": provisional,
                "schedule_date": o.schedule_date.map(|d| d.to_string()),
                "message": o.message(lang),
            })
        })
        .collect();
    serde_json::json!({ "ok": problems.is_empty() && meetings.is_empty(), "problems": problems, "meetings": meetings })
}
