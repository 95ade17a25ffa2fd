//! The meeting cycle on the command line: plan, agenda, meeting, task(s),
//! demand(s). Each subcommand is one store request; output in the user's language.

use super::commands::{json, store_error, Env};
use super::env::today;
use super::{output, CliError, Format};
use crate::i18n::Lang;
use crate::model::dates::parse_date_input;
use crate::model::enums::{Satisfaction, VisitKind};
use crate::model::{Kind, Problem};
use crate::net::Backend;
use crate::present::Names;
use chrono::NaiveDate;
use clap::{Subcommand, ValueEnum};

#[derive(Debug, Subcommand)]
pub enum CycleCommand {
    /// Create the year's four regular meetings as planned, on the calendar rule's dates; a second run creates nothing.
    Plan {
        year: i32,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// A meeting's candidate topics: hot issues (similar open demands grouped) and late tasks;
    /// `--take group:2`, `demand:12+15` or `task:3` (repeatable; all or none) adds them to its topics.
    Agenda {
        meeting_id: u64,
        #[arg(long, value_name = "group:N|demand:ID[+ID]|task:ID")]
        take: Vec<String>,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// During and around a meeting: move, attend, topic, task.
    Meeting {
        #[command(subcommand)]
        action: MeetingAction,
    },
    /// Report progress on a task, or finish it.
    Task {
        #[command(subcommand)]
        action: TaskAction,
    },
    /// Unfinished tasks grouped by responsible member, overdue ones marked.
    Tasks {
        /// Only the tasks past their due date.
        #[arg(long)]
        overdue: bool,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Move a demand through its lifecycle: start, escalate, resolve, unresolvable, follow-up, reopen (重办), refer (转办), reply.
    Demand {
        id: u64,
        #[command(subcommand)]
        step: DemandAction,
    },
    /// Demands counted by category, status, community or member.
    Demands {
        #[arg(long, value_enum, default_value_t)]
        by: GroupBy,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
}

#[derive(Debug, Subcommand)]
pub enum MeetingAction {
    /// Move a planned meeting: silian meeting move ID DATE --reason TEXT, or
    /// silian meeting move ID --to-schedule (the reason defaults to the holiday it is on)
    Move {
        id: u64,
        #[arg(required_unless_present = "to_schedule")]
        date: Option<String>,
        #[arg(long)]
        reason: Option<String>,
        /// To the calendar rule's date of its quarter, as `silian check` suggests.
        #[arg(long, conflicts_with = "date")]
        to_schedule: bool,
    },
    /// Mark members present (comma-separated ids); --absent removes them, --toggle flips each.
    Attend {
        id: u64,
        members: String,
        #[arg(long, conflicts_with = "toggle")]
        absent: bool,
        #[arg(long)]
        toggle: bool,
    },
    /// Write the discussion and/or decision of topic N (from 1).
    Topic {
        id: u64,
        number: usize,
        #[arg(long)]
        discussion: Option<String>,
        #[arg(long)]
        decision: Option<String>,
    },
    /// Turn topic N's decision into a task; its demands move to in_progress.
    Task {
        id: u64,
        number: usize,
        #[arg(long)]
        owner: u64,
        #[arg(long)]
        due: Option<String>,
        #[arg(long)]
        title: Option<String>,
        /// Comma-separated demand ids (default: the topic's).
        #[arg(long)]
        demands: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum TaskAction {
    /// Append a progress report (reporter default: the owner's contact person; date default: today).
    Progress {
        id: u64,
        #[arg(long)]
        note: String,
        #[arg(long)]
        reporter: Option<String>,
        #[arg(long)]
        date: Option<String>,
    },
    /// Mark a task done; lists its demands still unresolved.
    Done {
        id: u64,
        #[arg(long)]
        date: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum DemandAction {
    /// open/escalated → in_progress
    Start,
    /// open/in_progress → escalated (put before the joint meeting)
    Escalate,
    /// → resolved, with the resolution and date (default today)
    Resolve {
        #[arg(long)]
        resolution: String,
        #[arg(long)]
        date: Option<String>,
    },
    /// → unresolvable, with the reason
    Unresolvable {
        #[arg(long)]
        reason: String,
        #[arg(long)]
        date: Option<String>,
    },
    /// Record the follow-up (回访) of a closed demand as a visit.
    FollowUp {
        #[arg(long)]
        satisfaction: String,
        #[arg(long)]
        date: Option<String>,
        /// Who called back (default: the member handling the demand).
        #[arg(long)]
        member: Option<u64>,
        /// Visit kind (default: phone).
        #[arg(long)]
        kind: Option<String>,
        #[arg(long)]
        summary: Option<String>,
    },
    /// 重办: reopen a closed demand whose follow-up was unsatisfied (→ in_progress).
    Reopen {
        #[arg(long)]
        reason: String,
        /// Default: today.
        #[arg(long)]
        date: Option<String>,
    },
    /// 转办: refer the demand to a functional department.
    Refer {
        /// The department, e.g. 区城管局.
        #[arg(long)]
        to: String,
        /// Default: today.
        #[arg(long)]
        date: Option<String>,
    },
    /// Record the department's reply to a referred demand.
    Reply {
        #[arg(long)]
        text: String,
    },
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum GroupBy {
    #[default]
    Category,
    Status,
    Community,
    Member,
}

pub fn run(env: &Env, command: CycleCommand) -> Result<(), CliError> {
    match command {
        CycleCommand::Plan { year, format } => super::cycle_meeting::plan(env, year, format),
        CycleCommand::Agenda { meeting_id, take, format } => {
            super::cycle_meeting::agenda(env, meeting_id, &take, format)
        }
        CycleCommand::Meeting { action } => super::cycle_meeting::meeting(env, action),
        CycleCommand::Task { action } => super::cycle_tasks::task(env, action),
        CycleCommand::Tasks { overdue, format } => super::cycle_tasks::tasks(env, overdue, format),
        CycleCommand::Demand { id, step } => super::cycle_tasks::demand(env, id, step),
        CycleCommand::Demands { by, format } => super::cycle_tasks::demands(env, by, format),
    }
}

/// A date option as people type it; today when not given.
pub fn date_arg(flag: &str, raw: Option<&str>, lang: Lang) -> Result<NaiveDate, CliError> {
    let Some(raw) = raw else { return Ok(today()) };
    parse_date_input(raw, today()).ok_or_else(|| {
        let problem = Problem::BadDate { value: raw.to_string() };
        CliError::usage(format!("{flag}{}{}", lang.pick("：", ": "), problem.describe(Kind::Task, lang)))
    })
}

/// As [`date_arg`], for the date of something that has happened: not later than today.
pub fn past_date_arg(flag: &str, raw: Option<&str>, lang: Lang) -> Result<NaiveDate, CliError> {
    let date = date_arg(flag, raw, lang)?;
    if date > today() {
        let problem = Problem::InFuture { value: date.to_string(), today: today().to_string() };
        return Err(CliError::usage(format!("{flag}{}{}", lang.pick("：", ": "), problem.describe(Kind::Task, lang))));
    }
    Ok(date)
}

/// `1,2,3` (also `，` and spaces) as ids.
pub fn ids_arg(flag: &str, raw: &str, lang: Lang) -> Result<Vec<u64>, CliError> {
    raw.split([',', '，', ' '])
        .filter(|s| !s.trim().is_empty())
        .map(|s| {
            s.trim().parse().map_err(|_| {
                let problem = Problem::BadId { value: s.trim().to_string() };
                CliError::usage(format!("{flag}{}{}", lang.pick("：", ": "), problem.describe(Kind::Task, lang)))
            })
        })
        .collect()
}

pub fn choice_arg<T>(
    flag: &str,
    raw: &str,
    parse: fn(&str) -> Option<T>,
    choices: &'static [crate::model::choice::Choice],
    lang: Lang,
) -> Result<T, CliError> {
    parse(raw).ok_or_else(|| {
        let problem = Problem::BadChoice { value: raw.to_string(), choices };
        CliError::usage(format!("{flag}{}{}", lang.pick("：", ": "), problem.describe(Kind::Demand, lang)))
    })
}

pub fn satisfaction_arg(raw: &str, lang: Lang) -> Result<Satisfaction, CliError> {
    choice_arg("--satisfaction", raw, Satisfaction::parse, Satisfaction::CHOICES, lang)
}

pub fn visit_kind_arg(raw: Option<&str>, lang: Lang) -> Result<VisitKind, CliError> {
    raw.map_or(Ok(VisitKind::Phone), |r| choice_arg("--kind", r, VisitKind::parse, VisitKind::CHOICES, lang))
}

/// The name of member `id`, or its id when unknown.
pub use crate::workflow::text::member_name;

pub fn names(env: &Env, store: &Backend, kind: Kind) -> Result<Names, CliError> {
    Names::for_kind(|k| store.all(&env.context(), k), kind).map_err(|e| store_error(e, env.lang))
}

pub fn print_json<T: serde::Serialize>(value: &T) {
    out!("{}", json(value));
}

pub fn print_table(headers: &[&str], rows: &[Vec<String>]) {
    let headers: Vec<String> = headers.iter().map(|h| h.to_string()).collect();
    out!("{}", output::table(&headers, rows));
}
