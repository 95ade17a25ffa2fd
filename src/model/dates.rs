//! Dates as people type them in a meeting: `2026-11-29`, `2026/11/29`,
//! `2026年11月29日`, `11-29`, `1129`, `t` (today), `-1` / `+7` (days from today).
//! Today is always passed in so that every form can be tested.

use chrono::{Datelike, Duration, NaiveDate};

/// Reads a date the way a user may type it; `None` when it is not a date.
pub fn parse_date_input(raw: &str, today: NaiveDate) -> Option<NaiveDate> {
    let s = raw.trim();
    relative_date(s, today).or_else(|| full_date(s)).or_else(|| month_day(s, today.year()))
}

fn relative_date(s: &str, today: NaiveDate) -> Option<NaiveDate> {
    match s {
        "t" | "T" | "today" | "今天" | "今日" => return Some(today),
        "y" | "yesterday" | "昨天" => return today.pred_opt(),
        _ => {}
    }
    let (sign, digits) = match s.as_bytes().first()? {
        b'+' => (1, &s[1..]),
        b'-' => (-1, &s[1..]),
        _ => return None,
    };
    if digits.is_empty() || digits.len() > 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let days: i64 = digits.parse().ok()?;
    today.checked_add_signed(Duration::days(sign * days))
}

fn full_date(s: &str) -> Option<NaiveDate> {
    if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        return NaiveDate::parse_from_str(s, "%Y%m%d").ok();
    }
    let parts = split_numbers(s)?;
    match parts.as_slice() {
        [y, m, d] if y.len() == 4 => ymd(y, m, d),
        _ => None,
    }
}

fn month_day(s: &str, year: i32) -> Option<NaiveDate> {
    if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) {
        return ymd(&year.to_string(), &s[..2], &s[2..]);
    }
    let parts = split_numbers(s)?;
    match parts.as_slice() {
        [m, d] if m.len() <= 2 => ymd(&year.to_string(), m, d),
        _ => None,
    }
}

/// Splits `2026-11-29`, `2026/11/29`, `2026.11.29`, `2026年11月29日` into its numbers;
/// `None` when anything else stands between them.
fn split_numbers(s: &str) -> Option<Vec<&str>> {
    let s = s.strip_suffix('日').or_else(|| s.strip_suffix('号')).unwrap_or(s);
    let parts: Vec<&str> = s.split(['-', '/', '.', '年', '月']).collect();
    let all_digits = parts.iter().all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()));
    all_digits.then_some(parts)
}

fn ymd(y: &str, m: &str, d: &str) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn every_documented_form_is_read() {
        let today = d("2026-11-29");
        let cases = [
            ("2026-11-29", "2026-11-29"),
            ("2026/3/5", "2026-03-05"),
            ("2026.03.05", "2026-03-05"),
            ("2026年3月5日", "2026-03-05"),
            ("20260305", "2026-03-05"),
            ("11-28", "2026-11-28"),
            ("1128", "2026-11-28"),
            ("3/5", "2026-03-05"),
            ("t", "2026-11-29"),
            ("今天", "2026-11-29"),
            ("-1", "2026-11-28"),
            ("+7", "2026-12-06"),
            ("y", "2026-11-28"),
        ];
        for (input, want) in cases {
            assert_eq!(parse_date_input(input, today), Some(d(want)), "{input}");
        }
    }

    #[test]
    fn non_dates_are_refused() {
        let today = d("2026-11-29");
        for bad in ["", "2026-13-01", "2026-02-30", "abc", "-", "+x", "11-29-", "1-2-3", "99999", "+99999"] {
            assert_eq!(parse_date_input(bad, today), None, "{bad}");
        }
    }
}
