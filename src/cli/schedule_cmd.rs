//! `silian schedule`: the year's four meeting dates, and how a provisional
//! year (no State Council notice yet) is shown wherever a date of it is.

use super::commands::{json, Env};
use super::maintenance::holiday_calendar;
use super::{output, CliError, Format};
use crate::i18n::Lang;
use crate::rules::calendar::{quarterly_schedule, ScheduledMeeting};
use crate::rules::holidays::HolidayCalendar;

pub fn schedule(env: &Env, year: i32, format: Format) -> Result<(), CliError> {
    if !(1900..=2199).contains(&year) {
        return Err(CliError::usage(match env.lang {
            Lang::Zh => format!("年份 {year} 无效，应为 1900 至 2199 之间"),
            Lang::En => format!("year {year} is not valid; expected 1900 to 2199"),
        }));
    }
    let calendar = holiday_calendar(env)?;
    warn_without_holidays(env, &calendar, year);
    let meetings = quarterly_schedule(year, &calendar);
    out!(
        "{}",
        match format {
            Format::Json => json(&meetings.iter().map(|m| schedule_json(m, env.lang)).collect::<Vec<_>>()),
            _ => schedule_table(&meetings, env.lang) + &provisional_footnote(&calendar, year, env.lang),
        }
    );
    Ok(())
}

/// Before 2025 a year without a notice has no holidays at all: its dates are
/// plain first Fridays (later years are provisional, and say so).
pub fn warn_without_holidays(env: &Env, calendar: &HolidayCalendar, year: i32) {
    if calendar.covers_year(year) || calendar.is_provisional(year) {
        return;
    }
    let file = env.path.join("holidays.toml");
    eprintln!(
        "{}",
        match env.lang {
            Lang::Zh => format!(
                "注意：没有 {year} 年的法定节假日数据，日期按每季度第一个星期五计；可在 {} 中补充",
                file.display()
            ),
            Lang::En => format!(
                "Note: no public holiday data for {year}; dates are plain first Fridays. Add them in {}",
                file.display()
            ),
        }
    );
}

/// What 暂定 means, under a table that shows it.
pub fn provisional_footnote(calendar: &HolidayCalendar, year: i32, lang: Lang) -> String {
    if !calendar.is_provisional(year) {
        return String::new();
    }
    match lang {
        Lang::Zh => format!(
            "暂定：{year} 年的国务院放假通知尚未发布，日期按法定节假日推算（国庆按 10 月 1 日至 7 日）；\
             通知发布后写入 holidays.toml，再用 silian check 核对已安排的会议\n"
        ),
        Lang::En => format!(
            "Provisional: the State Council's holiday notice for {year} is not out yet; dates follow the statutory \
             holidays (National Day as Oct 1–7). Once it is, add it to holidays.toml and run silian check\n"
        ),
    }
}

pub fn schedule_json(m: &ScheduledMeeting, lang: Lang) -> serde_json::Value {
    let mut obj = serde_json::json!({
        "quarter": m.quarter.to_string(),
        "date": m.date.to_string(),
        "provisional": m.provisional,
    });
    if let (Some(from), Some(reason)) = (m.moved_from, &m.reason) {
        obj["moved_from"] = from.to_string().into();
        obj["reason"] = reason.name(lang).into();
    }
    obj
}

fn schedule_table(meetings: &[ScheduledMeeting], lang: Lang) -> String {
    let headers =
        [lang.pick("季度", "Quarter"), lang.pick("日期", "Date"), lang.pick("说明", "Note")].map(String::from);
    let rows: Vec<Vec<String>> = meetings
        .iter()
        .map(|m| {
            let note = match (m.moved_from, &m.reason) {
                (Some(from), Some(h)) => match lang {
                    Lang::Zh => format!("原定 {from} 逢{}，顺延", h.name(lang)),
                    Lang::En => format!("moved from {from} ({})", h.name(lang)),
                },
                _ => String::new(),
            };
            vec![m.quarter.to_string(), dated(m.date, m.provisional, lang), note]
        })
        .collect();
    output::table(&headers, &rows)
}

/// A date, marked when its year is provisional: `2027-01-08 暂定`.
pub fn dated(date: chrono::NaiveDate, provisional: bool, lang: Lang) -> String {
    if provisional {
        format!("{date} {}", provisional_word(lang))
    } else {
        date.to_string()
    }
}

/// The mark of a date from a provisional year.
pub fn provisional_word(lang: Lang) -> &'static str {
    lang.pick("暂定", "provisional")
}
