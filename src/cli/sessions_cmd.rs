//! `silian sessions PERIOD`: the period's reporting sessions (述职会) and who
//! reported at each. Which sessions belong to a period is decided in
//! `crate::review::sessions`; here the records are read and the rows printed.

use super::commands::{json, Env};
use super::output::visible;
use super::{CliError, Format};
use crate::i18n::{list_sep, Lang};
use crate::model::enums::SessionKind;
use crate::model::period::Period;
use crate::model::{FieldError, Kind, Problem};
use crate::ops;
use crate::review::sessions::Named;
use crate::review::{session_rows, SessionRow};
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum SessionsCommand {
    /// The reporting sessions (述职会) of PERIOD (2026 or 2026H1): date, kind, who reported, deputies present.
    Sessions {
        period: String,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
}

pub fn run(env: &Env, command: SessionsCommand) -> Result<(), CliError> {
    let SessionsCommand::Sessions { period, format } = command;
    let period: Period = period.parse().map_err(|()| {
        let problem = Problem::BadPeriod { value: period.clone() };
        CliError::usage(FieldError::new(Kind::Session, "period", problem).message(env.lang))
    })?;
    let store = env.open_store()?;
    let mut records = Vec::new();
    for kind in [Kind::Session, Kind::Member, Kind::Deputy] {
        records.extend(env.ask(&store, ops::records::List { kind, include_archived: true })?);
    }
    let rows = session_rows(period, &records);
    if format == Format::Json {
        out!("{}", json(&rows));
    } else if rows.is_empty() {
        eprintln!("{}", none_yet(period, env.lang));
    } else {
        out!("{}", blocks(&rows, env.lang));
    }
    Ok(())
}

fn none_yet(period: Period, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{period} 没有述职会记录；用 silian add session --period {period} --kind committee --date … 登记"),
        Lang::En => format!(
            "there are no reporting sessions for {period}; record one with silian add session --period {period} --kind committee --date …"
        ),
    }
}

/// One block per session: its heading, then every member who reported and
/// every deputy present in full (a table column would cut the names).
fn blocks(rows: &[SessionRow], lang: Lang) -> String {
    let names = |named: &[Named]| named.iter().map(|n| n.name.as_str()).collect::<Vec<_>>().join(list_sep(lang));
    let mut out = String::new();
    for r in rows {
        let mut head = vec![format!("#{}", r.id), r.date.to_string(), r.kind.label(lang).to_string()];
        head.extend([r.location.clone(), r.leader.clone()].into_iter().filter(|t| !t.is_empty()));
        out.push_str(&format!("{}\n", visible(&head.join("  "))));
        let reported = lang.pick("述职委员", "Reported");
        out.push_str(&format!("  {reported} ({}): {}\n", r.reported.len(), visible(&names(&r.reported))));
        if r.kind == SessionKind::Deputies {
            let deputies = lang.pick("到会代表委员", "Deputies present");
            out.push_str(&format!("  {deputies} ({}): {}\n", r.deputies.len(), visible(&names(&r.deputies))));
            let reps = r.resident_reps.unwrap_or(0);
            out.push_str(&format!(
                "  {}\n",
                lang.pick(&format!("群众代表 {reps} 人"), &format!("{reps} resident representatives"))
            ));
        }
    }
    out
}
