//! `silian evaluate`, `silian evaluations`, `silian publish` and `silian report
//! member`: the 定期考事 commands. The work is done by the store's evaluation
//! requests and `crate::review`; here periods are parsed and results printed.

use super::commands::{json, Env};
use super::env::today;
use super::{output, CliError, FeedbackTo, Format};
use crate::i18n::Lang;
use crate::io::export::{bad_extension_message, write_atomic};
use crate::model::period::Period;
use crate::model::{FieldError, Kind, Problem};
use crate::net::Backend;
use crate::ops;
use crate::review::duty_text::{duty_text, period_name};
use crate::review::publication::{self, PublicationFormat};
use crate::review::RosterRow;
use crate::review::{feedback, rollup};
use crate::rules::calendar::working_days_from;
use crate::rules::holidays::HolidayCalendar;
use crate::workflow::WorkflowError;
use chrono::NaiveDate;
use std::path::Path;

fn parse_period(env: &Env, text: &str) -> Result<Period, CliError> {
    text.parse().map_err(|()| {
        let problem = Problem::BadPeriod { value: text.to_string() };
        CliError::usage(FieldError::new(Kind::Evaluation, "period", problem).message(env.lang))
    })
}

pub fn evaluate(env: &Env, period: &str, all_roles: bool) -> Result<(), CliError> {
    let period = parse_period(env, period)?;
    let store = env.open_store()?;
    let done = env.ask(&store, ops::review::Evaluate { period, all_roles })?;
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
    let votes = r.vote_sets_text(lang);
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

/// Checks that the period can be published, writes the 公示 list, then
/// records today and the 公示期 (`days` working days from `from`): a file that
/// could not be written leaves no date behind, and nothing is written for a
/// period not ready.
pub fn publish(
    env: &Env,
    period: &str,
    out: &Path,
    from: Option<&str>,
    days: u32,
    calendar: &HolidayCalendar,
) -> Result<(), CliError> {
    let period = parse_period(env, period)?;
    let format = PublicationFormat::of(out)
        .ok_or_else(|| CliError::usage(bad_extension_message(out, &[".xlsx", ".md"], env.lang)))?;
    let from = super::cycle::date_arg("--from", from, env.lang)?;
    if !(1..=30).contains(&days) {
        return Err(CliError::usage(match env.lang {
            Lang::Zh => format!("--days {days} 无效：公示期应为 1 到 30 个工作日"),
            Lang::En => format!("--days {days} is not valid: the publicity period is 1 to 30 working days"),
        }));
    }
    let to = working_days_from(from, days, calendar);
    let store = env.open_store()?;
    let rows = roster(env, &store, period)?;
    if rows.is_empty() {
        return Err(CliError::usage(no_evaluations(env.lang, period)));
    }
    let mark = ops::review::MarkPublished { period, on: today(), publicity_from: from, publicity_to: to };
    refuse_unready(env, &rows, period)?;
    let settings = env.ask(&store, ops::settings::GetSettings)?;
    let bytes = publication::bytes(format, &rows, &settings, period, (from, to), env.lang)
        .map_err(|e| write_failed(env, out, e.0))?;
    write_atomic(out, &bytes).map_err(|e| write_failed(env, out, e))?;
    let on = mark.on;
    env.ask(&store, mark)?;
    eprintln!("{}", published_message(env.lang, period, rows.len(), on, (from, to), out));
    Ok(())
}

/// The operation's own refusals, given before any file is written.
fn refuse_unready(env: &Env, rows: &[RosterRow], period: Period) -> Result<(), CliError> {
    let period_text = period.to_string();
    let refusal = match rows.iter().find_map(|r| r.published_on) {
        Some(on) => Some(WorkflowError::AlreadyPublished { period: period_text, on }),
        None => {
            let unready = publication::unready(rows);
            (!unready.is_empty()).then_some(WorkflowError::NotReadyToPublish { period: period_text, unready })
        }
    };
    match refusal {
        Some(e) => Err(CliError::usage(e.message(env.lang))),
        None => Ok(()),
    }
}

/// Withdraws the period's 公示 (admin), with the reason.
pub fn unpublish(env: &Env, period: &str, reason: String) -> Result<(), CliError> {
    let period = parse_period(env, period)?;
    let store = env.open_store()?;
    env.ask_and_say(&store, ops::review::Unpublish { period, on: today(), reason }).map(drop)
}

fn published_message(
    lang: Lang,
    period: Period,
    n: usize,
    on: NaiveDate,
    (from, to): (NaiveDate, NaiveDate),
    out: &Path,
) -> String {
    let name = period_name(period, lang);
    match lang {
        Lang::Zh => {
            format!("已写出{name}公示名单 {n} 人：{}；公示日期记为 {on}，公示期 {from} 至 {to}", out.display())
        }
        Lang::En => format!(
            "Wrote the {name} publication list, {n} members, to {}; published on {on}, open to objections {from} to {to}",
            out.display()
        ),
    }
}

fn write_failed(env: &Env, file: &Path, reason: impl std::fmt::Display) -> CliError {
    CliError::failure(match env.lang {
        Lang::Zh => format!("无法写入文件 {}：{reason}", file.display()),
        Lang::En => format!("cannot write {}: {reason}", file.display()),
    })
}

/// Writes the 报送表 of a published period, then records the day it went to
/// the departments named.
pub fn feedback(env: &Env, period: &str, out: &Path, to: FeedbackTo) -> Result<(), CliError> {
    let period = parse_period(env, period)?;
    if !out.extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsx")) {
        return Err(CliError::usage(bad_extension_message(out, &[".xlsx"], env.lang)));
    }
    let store = env.open_store()?;
    let rows = env.ask(&store, ops::review::FeedbackOf { period, today: today() })?;
    let settings = env.ask(&store, ops::settings::GetSettings)?;
    let bytes = feedback::workbook_bytes(&rows, &settings.street_name, period, env.lang)
        .map_err(|e| write_failed(env, out, e.0))?;
    write_atomic(out, &bytes).map_err(|e| write_failed(env, out, e))?;
    let to = match to {
        FeedbackTo::City => ops::review::Recipient::City,
        FeedbackTo::District => ops::review::Recipient::District,
        FeedbackTo::Both => ops::review::Recipient::Both,
    };
    let on = today();
    env.ask(&store, ops::review::MarkFedBack { period, to, on })?;
    let whom = match (to, env.lang) {
        (ops::review::Recipient::City, Lang::Zh) => "市委组织部",
        (ops::review::Recipient::District, Lang::Zh) => "区委组织部",
        (ops::review::Recipient::Both, Lang::Zh) => "市委组织部、区委组织部",
        (ops::review::Recipient::City, Lang::En) => "the city organisation department",
        (ops::review::Recipient::District, Lang::En) => "the district organisation department",
        (ops::review::Recipient::Both, Lang::En) => "the city and district organisation departments",
    };
    eprintln!(
        "{}",
        match env.lang {
            Lang::Zh => format!("已写出报送表（{} 人）：{}；报送{whom}日期记为 {on}", rows.len(), out.display()),
            Lang::En =>
                format!("Wrote the feedback ({} members) to {}; sent to {whom} on {on}", rows.len(), out.display()),
        }
    );
    Ok(())
}

/// Reads every street's 报送表 and writes the district's roll-up.
pub fn rollup(env: &Env, files: &[std::path::PathBuf], out: &Path) -> Result<(), CliError> {
    if !out.extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsx")) {
        return Err(CliError::usage(bad_extension_message(out, &[".xlsx"], env.lang)));
    }
    let rows = rollup::read_all(files).map_err(|e| CliError::usage(e.message(env.lang)))?;
    let bytes = rollup::workbook_bytes(&rows, env.lang).map_err(|e| write_failed(env, out, e.0))?;
    write_atomic(out, &bytes).map_err(|e| write_failed(env, out, e))?;
    let streets = rollup::street_totals(&rows).len();
    eprintln!(
        "{}",
        match env.lang {
            Lang::Zh => format!("已汇总 {streets} 个街道、{} 名委员：{}", rows.len(), out.display()),
            Lang::En => format!("Rolled up {streets} streets, {} members, to {}", rows.len(), out.display()),
        }
    );
    Ok(())
}
