//! `silian doc KIND …`: the Word documents of `crate::docs`, written to
//! `--out` or to a name from the kind and date in the current directory.

use super::commands::Env;
use super::env::today;
use super::maintenance::holiday_calendar;
use super::CliError;
use crate::docs::{self, Paper, VoteSet};
use crate::i18n::Lang;
use crate::io::export::{bad_extension_message, write_atomic};
use crate::model::period::Period;
use crate::model::{FieldError, Kind, Problem};
use chrono::{NaiveDate, NaiveTime};
use clap::Subcommand;
use std::path::{Path, PathBuf};

#[derive(Debug, Subcommand)]
pub enum DocCommand {
    /// 会议通知: date, time, place, agenda, who attends, the contact.
    Notice {
        meeting_id: u64,
        /// When the meeting starts, HH:MM (default 09:00).
        #[arg(long)]
        time: Option<String>,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// 签到表: every active member with unit, post and a blank signature column; with
    /// --session ID, a reporting session's: the members who report and the deputies invited.
    Signin {
        #[arg(required_unless_present = "session")]
        meeting_id: Option<u64>,
        #[arg(long, conflicts_with = "meeting_id")]
        session: Option<u64>,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// 会议纪要: attendance, each topic's discussion and decision, the tasks, funding.
    Minutes {
        meeting_id: u64,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// 述职报告 draft: the period's figures under the headings the member fills in.
    Report {
        member_id: u64,
        #[arg(long)]
        period: String,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// 民主测评票: every evaluated member with four boxes to tick.
    Ballot {
        period: String,
        /// Whose ballot: residents (群众), deputies (代表) or committee (大工委).
        #[arg(long, default_value = "residents")]
        set: String,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// 测评结果统计表: each member's votes, total, shares and grade.
    Tally {
        period: String,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// 公示: the grades, the publicity period, the contact for objections, 落款.
    Publish {
        period: String,
        /// First day of the publicity period, YYYY-MM-DD (default today).
        #[arg(long)]
        from: Option<String>,
        /// Working days it lasts (default 5).
        #[arg(long, default_value_t = 5)]
        days: u32,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// 报送函: the covering letter to the city and district organisation departments.
    Feedback {
        period: String,
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

pub fn run(env: &Env, command: DocCommand) -> Result<(), CliError> {
    let (paper, out) = paper(env, command)?;
    if let Some(out) = &out {
        check_extension(out, env.lang)?;
    }
    let store = env.open_store()?;
    let written = docs::build(&store, &env.context(), &paper, today(), env.lang).map_err(|e| {
        let message = e.message(env.lang);
        if e.is_user_error() {
            CliError::usage(message)
        } else {
            CliError::failure(message)
        }
    })?;
    let out = out.unwrap_or_else(|| PathBuf::from(&written.file_name));
    write_atomic(&out, &written.bytes).map_err(|e| {
        CliError::failure(match env.lang {
            Lang::Zh => format!("无法写入文件 {}：{e}", out.display()),
            Lang::En => format!("cannot write {}: {e}", out.display()),
        })
    })?;
    eprintln!(
        "{}",
        match env.lang {
            Lang::Zh => format!("已写出 {}", out.display()),
            Lang::En => format!("Wrote {}", out.display()),
        }
    );
    Ok(())
}

pub fn check_extension(out: &Path, lang: Lang) -> Result<(), CliError> {
    let docx = out.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("docx"));
    if docx {
        Ok(())
    } else {
        Err(CliError::usage(bad_extension_message(out, &[".docx"], lang)))
    }
}

fn paper(env: &Env, command: DocCommand) -> Result<(Paper, Option<PathBuf>), CliError> {
    Ok(match command {
        DocCommand::Notice { meeting_id, time, out } => {
            let time = time.map(|t| parse_time(&t, env.lang)).transpose()?.unwrap_or_else(docs::default_time);
            (Paper::Notice { meeting_id, time }, out)
        }
        DocCommand::Signin { meeting_id, session, out } => match (meeting_id, session) {
            (_, Some(session_id)) => (Paper::SessionSignin { session_id }, out),
            (Some(meeting_id), None) => (Paper::Signin { meeting_id }, out),
            // clap requires one of the two.
            (None, None) => return Err(CliError::usage(String::from("doc signin MEETING_ID | --session ID"))),
        },
        DocCommand::Minutes { meeting_id, out } => (Paper::Minutes { meeting_id }, out),
        DocCommand::Report { member_id, period, out } => {
            (Paper::Report { member_id, period: parse_period(&period, env.lang)? }, out)
        }
        DocCommand::Ballot { period, set, out } => {
            let set = VoteSet::parse(&set).ok_or_else(|| bad_set(&set, env.lang))?;
            (Paper::Ballot { period: parse_period(&period, env.lang)?, set }, out)
        }
        DocCommand::Tally { period, out } => (Paper::Tally { period: parse_period(&period, env.lang)? }, out),
        DocCommand::Publish { period, from, days, out } => {
            let period = parse_period(&period, env.lang)?;
            let from = from.map(|d| parse_date(&d, env.lang)).transpose()?.unwrap_or_else(today);
            if !(1..=30).contains(&days) {
                return Err(bad_flag(
                    "--days",
                    &days.to_string(),
                    ("1 到 30 之间的工作日数", "1 to 30 working days"),
                    env.lang,
                ));
            }
            let to = docs::publicity_end(&holiday_calendar(env)?, from, days);
            (Paper::Publish { period, from, working_days: days, to }, out)
        }
        DocCommand::Feedback { period, out } => (Paper::Feedback { period: parse_period(&period, env.lang)? }, out),
    })
}

fn parse_period(text: &str, lang: Lang) -> Result<Period, CliError> {
    text.parse().map_err(|()| {
        let problem = Problem::BadPeriod { value: text.to_string() };
        CliError::usage(FieldError::new(Kind::Evaluation, "period", problem).message(lang))
    })
}

fn bad_flag(flag: &str, value: &str, expected: (&str, &str), lang: Lang) -> CliError {
    CliError::usage(match lang {
        Lang::Zh => format!("{flag} 的值 \"{value}\" 无效，应为{}", expected.0),
        Lang::En => format!("\"{value}\" is not valid for {flag}; expected {}", expected.1),
    })
}

fn parse_time(text: &str, lang: Lang) -> Result<NaiveTime, CliError> {
    NaiveTime::parse_from_str(text.trim(), "%H:%M")
        .map_err(|_| bad_flag("--time", text, ("时:分，如 14:30", "HH:MM, e.g. 14:30"), lang))
}

fn parse_date(text: &str, lang: Lang) -> Result<NaiveDate, CliError> {
    text.trim().parse().map_err(|_| {
        bad_flag("--from", text, ("日期 YYYY-MM-DD，如 2026-12-03", "a date YYYY-MM-DD, e.g. 2026-12-03"), lang)
    })
}

fn bad_set(text: &str, lang: Lang) -> CliError {
    let ids: Vec<&str> = VoteSet::ALL.iter().map(|s| s.id()).collect();
    bad_flag("--set", text, (&format!("{}（群众、代表、大工委）", ids.join("、")), &ids.join(", ")), lang)
}
