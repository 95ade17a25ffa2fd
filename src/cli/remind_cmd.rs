//! `silian remind [--days N]` (what falls due soon, for cron and mail) and
//! `silian overdue` (what is late, by member).

use super::commands::{json, Env};
use super::env::today;
use super::maintenance::holiday_calendar;
use super::{CliError, Format};
use crate::i18n::Lang;
use crate::ops;
use crate::rules::calendar::next_meeting;
use crate::workflow::remind::{DEFAULT_DAYS, MAX_DAYS};
use crate::workflow::remind_text::{overdue_lines, remind_lines};
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum RemindCommand {
    /// What falls due within N days (default 7): the next joint meeting, tasks,
    /// demands near their limit, households near their visit cycle, contacts' reports.
    Remind {
        /// Days ahead, 0 (today only) to 366.
        #[arg(long, value_name = "N", allow_hyphen_values = true)]
        days: Option<String>,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// What is already late, by member: households, demands, tasks, contacts' reports, meetings not held.
    Overdue {
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
}

pub fn run(env: &Env, command: RemindCommand) -> Result<(), CliError> {
    match command {
        RemindCommand::Remind { days, format } => remind(env, days.as_deref(), format),
        RemindCommand::Overdue { format } => overdue(env, format),
    }
}

fn remind(env: &Env, days: Option<&str>, format: Format) -> Result<(), CliError> {
    let days = days_arg(days, env.lang)?;
    let today = today();
    let scheduled = next_meeting(today, &holiday_calendar(env)?);
    let store = env.open_store()?;
    let items = env.ask(&store, ops::remind::Remind { today, days, scheduled })?;
    match format {
        Format::Json => out!("{}", json(&items)),
        _ => remind_lines(&items, today, days, env.lang).iter().for_each(|line| outln!("{line}")),
    }
    Ok(())
}

fn overdue(env: &Env, format: Format) -> Result<(), CliError> {
    let store = env.open_store()?;
    let groups = env.ask(&store, ops::remind::Overdue { today: today() })?;
    match format {
        Format::Json => out!("{}", json(&groups)),
        _ => overdue_lines(&groups, env.lang).iter().for_each(|line| outln!("{line}")),
    }
    Ok(())
}

/// `--days` as typed: a whole number of days from 0 to a year.
fn days_arg(raw: Option<&str>, lang: Lang) -> Result<u32, CliError> {
    let Some(raw) = raw else { return Ok(DEFAULT_DAYS) };
    raw.trim().parse::<u32>().ok().filter(|d| *d <= MAX_DAYS).ok_or_else(|| {
        CliError::usage(match lang {
            Lang::Zh => format!("--days：\"{raw}\" 无效，应为 0 到 {MAX_DAYS} 之间的整数天数"),
            Lang::En => format!("--days: \"{raw}\" is not valid; expected a whole number of days from 0 to {MAX_DAYS}"),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_bounded_and_named_when_refused() {
        assert_eq!(days_arg(None, Lang::Zh).unwrap(), 7);
        assert_eq!(days_arg(Some("0"), Lang::Zh).unwrap(), 0);
        assert_eq!(days_arg(Some("366"), Lang::Zh).unwrap(), 366);
        for bad in ["-1", "367", "七", "1e9"] {
            let err = days_arg(Some(bad), Lang::En).unwrap_err();
            assert!(err.code == 2 && err.message.contains("--days") && err.message.contains(bad), "{}", err.message);
        }
    }
}
