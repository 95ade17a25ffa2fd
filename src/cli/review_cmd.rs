//! `silian evaluate`, `silian evaluations`, `silian publish` and `silian report
//! member`: the 定期考事 commands. The work is done by the store's evaluation
//! requests and `crate::review`; here periods are parsed and results printed.

use super::commands::{json, Env};
use super::env::today;
use super::{output, CliError, Format};
use crate::i18n::Lang;
use crate::io::export::{bad_extension_message, write_atomic};
use crate::model::period::Period;
use crate::model::{FieldError, Kind, Problem};
use crate::net::Backend;
use crate::ops;
use crate::review::duty_text::{duty_text, period_name};
use crate::review::publication::{self, PublicationFormat};
use crate::review::RosterRow;
use chrono::NaiveDate;
use std::path::Path;

fn parse_period(env: &Env, text: &str) -> Result<Period, CliError> {
    text.parse().map_err(|()| {
        let problem = Problem::BadPeriod { value: text.to_string() };
        CliError::usage(FieldError::new(Kind::Evaluation, "period", problem).message(env.lang))
    })
}

pub fn evaluate(env: &Env, period: &str) -> Result<(), CliError> {
    let period = parse_period(env, period)?;
    let store = env.open_store()?;
    let done = env.ask(&store, ops::review::Evaluate { period })?;
    let (created, existing) = (done.created.len(), done.existing);
    outln!(
        "{}",
        match env.lang {
            Lang::Zh => format!("{period} 考评：新建 {created} 条，已有 {existing} 条"),
            Lang::En => format!("{period} evaluations: {created} created, {existing} already there"),
        }
    );
    Ok(())
}

fn roster(env: &Env, store: &Backend, period: Period) -> Result<Vec<RosterRow>, CliError> {
    env.ask(store, ops::review::EvaluationRoster { period })
}

/// The period's evaluations and what is still missing for each.
pub fn evaluations(env: &Env, period: &str, format: Format) -> Result<(), CliError> {
    let period = parse_period(env, period)?;
    let store = env.open_store()?;
    let rows = roster(env, &store, period)?;
    if rows.is_empty() && format != Format::Json {
        eprintln!("{}", no_evaluations(env.lang, period));
    }
    if format == Format::Json {
        out!("{}", json(&rows));
        return Ok(());
    }
    let lang = env.lang;
    let headers = [
        ("ID", "ID"),
        ("委员", "Member"),
        ("岗位", "Post"),
        ("票数", "Votes"),
        ("等次", "Grade"),
        ("向大工委述职", "Committee report"),
        ("向两代表一委员述职", "Deputies report"),
        ("公示", "Published"),
        ("报市委组织部", "Fed back (city)"),
        ("报区委组织部", "Fed back (district)"),
    ]
    .map(|(zh, en)| lang.pick(zh, en).to_string());
    let table: Vec<Vec<String>> = rows.iter().map(|r| status_row(r, lang)).collect();
    out!("{}{}", output::table(&headers, &table), status_summary(&rows, lang));
    Ok(())
}

fn no_evaluations(lang: Lang, period: Period) -> String {
    match lang {
        Lang::Zh => format!("{period} 没有考评记录；请先运行 silian evaluate {period}"),
        Lang::En => format!("there are no evaluations for {period}; run silian evaluate {period} first"),
    }
}

fn date_or_missing(d: Option<NaiveDate>, lang: Lang) -> String {
    d.map_or_else(|| lang.pick("缺", "missing").to_string(), |d| d.to_string())
}

/// `优秀`, or `基本称职（手工）` when set by hand.
pub fn grade_text(r: &RosterRow, lang: Lang) -> String {
    match (r.grade, r.overridden) {
        (None, _) => lang.pick("未评定", "not graded").to_string(),
        (Some(g), false) => g.label(lang).to_string(),
        (Some(g), true) => format!("{}{}", g.label(lang), lang.pick("（手工）", " (overridden)")),
    }
}

fn status_row(r: &RosterRow, lang: Lang) -> Vec<String> {
    let votes =
        r.votes.map_or_else(String::new, |v| format!("{},{},{},{}", v.excellent, v.competent, v.basic, v.incompetent));
    let dates =
        [r.committee_report_on, r.deputies_report_on, r.published_on, r.fed_back_city_on, r.fed_back_district_on];
    [r.evaluation_id.to_string(), r.member.clone(), r.post.clone(), votes, grade_text(r, lang)]
        .into_iter()
        .chain(dates.map(|d| date_or_missing(d, lang)))
        .collect()
}

fn status_summary(rows: &[RosterRow], lang: Lang) -> String {
    let count = |f: &dyn Fn(&RosterRow) -> bool| rows.iter().filter(|r| f(r)).count();
    let graded = count(&|r| r.grade.is_some());
    let published = count(&|r| r.published_on.is_some());
    let city = count(&|r| r.fed_back_city_on.is_none());
    let district = count(&|r| r.fed_back_district_on.is_none());
    match lang {
        Lang::Zh => format!(
            "共 {} 人：已评定 {graded}，已公示 {published}；未报市委组织部 {city}，未报区委组织部 {district}\n",
            rows.len()
        ),
        Lang::En => format!(
            "{} members: {graded} graded, {published} published; not yet fed back to the city {city}, to the district {district}\n",
            rows.len()
        ),
    }
}

pub fn member_report(env: &Env, member_id: u64, period: &str, format: Format) -> Result<(), CliError> {
    let period = parse_period(env, period)?;
    let store = env.open_store()?;
    let request = ops::review::DutyReportOf { member_id, period, today: today() };
    let report = env.ask(&store, request)?;
    match format {
        Format::Json => out!("{}", json(&report)),
        _ => out!("{}", duty_text(&report, env.lang)),
    }
    Ok(())
}

/// Writes the 公示 list, then records today as its publication date: a file
/// that could not be written leaves no date behind.
pub fn publish(env: &Env, period: &str, out: &Path) -> Result<(), CliError> {
    let period = parse_period(env, period)?;
    let format = PublicationFormat::of(out)
        .ok_or_else(|| CliError::usage(bad_extension_message(out, &[".xlsx", ".md"], env.lang)))?;
    let store = env.open_store()?;
    let rows = roster(env, &store, period)?;
    if rows.is_empty() {
        return Err(CliError::usage(no_evaluations(env.lang, period)));
    }
    let settings = env.ask(&store, ops::settings::GetSettings)?;
    let bytes = publication::bytes(format, &rows, &settings.street_name, period, env.lang)
        .map_err(|e| write_failed(env, out, e.0))?;
    write_atomic(out, &bytes).map_err(|e| write_failed(env, out, e))?;
    let ids: Vec<u64> = rows.iter().map(|r| r.evaluation_id).collect();
    let on = today();
    env.ask(&store, ops::review::MarkPublished { ids, on })?;
    let ungraded = rows.iter().filter(|r| r.grade.is_none()).count();
    eprintln!("{}", published_message(env.lang, period, rows.len(), ungraded, on, out));
    Ok(())
}

fn published_message(lang: Lang, period: Period, n: usize, ungraded: usize, on: NaiveDate, out: &Path) -> String {
    let name = period_name(period, lang);
    match lang {
        Lang::Zh => {
            let note = if ungraded > 0 { format!("（其中 {ungraded} 人未评定等次）") } else { String::new() };
            format!("已写出{name}公示名单 {n} 人{note}：{}；公示日期记为 {on}", out.display())
        }
        Lang::En => {
            let note = if ungraded > 0 { format!(" ({ungraded} not graded)") } else { String::new() };
            format!("Wrote the {name} publication list, {n} members{note}, to {}; published on {on}", out.display())
        }
    }
}

fn write_failed(env: &Env, file: &Path, reason: impl std::fmt::Display) -> CliError {
    CliError::failure(match env.lang {
        Lang::Zh => format!("无法写入文件 {}：{reason}", file.display()),
        Lang::En => format!("cannot write {}: {reason}", file.display()),
    })
}
