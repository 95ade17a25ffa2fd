//! Cell text as spreadsheets leave it, made into what the field parsers read:
//! Excel serial dates (`46355`), date-times (`2026/11/29 14:30`), whole numbers
//! stored as floats (`3.0`), thousands separators (`1,234`). Phone numbers in
//! scientific notation (`1.38123E+10`) have lost digits and are refused.

use crate::model::fields::FieldType;
use chrono::{Duration, NaiveDate};

/// What a cell cannot be, before the field's own parser sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CellProblem {
    /// Excel wrote a long number as `1.38123E+10`: the digits are gone.
    Scientific { value: String },
}

/// The text to hand to the field parser.
pub fn prepare(ty: FieldType, text: &str) -> Result<String, CellProblem> {
    let t = text.trim();
    Ok(match ty {
        FieldType::Date => date_text(t),
        FieldType::Count { .. } => {
            let plain = strip_thousands(t);
            whole_number(&plain).map_or_else(|| plain.clone(), str::to_string)
        }
        FieldType::Phone => {
            if is_scientific(t) {
                return Err(CellProblem::Scientific { value: t.to_string() });
            }
            whole_number(t).unwrap_or(t).to_string()
        }
        _ => t.to_string(),
    })
}

/// `3.0` / `3.00` → `3`; `None` when `t` is not such a number.
fn whole_number(t: &str) -> Option<&str> {
    let (int, frac) = t.split_once('.')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (digits(int) && !frac.is_empty() && frac.bytes().all(|b| b == b'0')).then_some(int)
}

/// `1,234` → `1234` (Excel's number format with separators); other text unchanged.
fn strip_thousands(t: &str) -> String {
    let groups: Vec<&str> = t.split(',').collect();
    let ok = groups.len() > 1
        && (1..=3).contains(&groups[0].len())
        && groups.iter().all(|g| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit()))
        && groups[1..].iter().all(|g| g.len() == 3);
    if ok {
        groups.concat()
    } else {
        t.to_string()
    }
}

fn is_scientific(t: &str) -> bool {
    let Some((mantissa, exp)) = t.split_once(['E', 'e']) else { return false };
    let exp = exp.strip_prefix('+').unwrap_or(exp);
    !mantissa.is_empty()
        && mantissa.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && !exp.is_empty()
        && exp.bytes().all(|b| b.is_ascii_digit())
}

/// Excel's day 0 for the 1900 date system (serials past 60 count from here).
fn excel_epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or_default()
}

/// An Excel serial date as a date: five digits (1927–2173), a fraction is the time of day.
pub fn serial_date(t: &str) -> Option<NaiveDate> {
    let (int, frac) = t.split_once('.').unwrap_or((t, ""));
    let five_digits = int.len() == 5 && int.bytes().all(|b| b.is_ascii_digit());
    if !five_digits || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    excel_epoch().checked_add_signed(Duration::days(int.parse().ok()?))
}

/// Serial numbers become `YYYY-MM-DD`; a time after a date is dropped.
fn date_text(t: &str) -> String {
    if let Some(d) = serial_date(t) {
        return d.to_string();
    }
    match t.split_once([' ', 'T']) {
        Some((date, time)) if time.contains(':') && !date.is_empty() => date.to_string(),
        _ => t.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_serials_and_date_times() {
        assert_eq!(prepare(FieldType::Date, "46355"), Ok("2026-11-29".to_string()));
        assert_eq!(prepare(FieldType::Date, "46355.5"), Ok("2026-11-29".to_string()));
        assert_eq!(prepare(FieldType::Date, "2026/11/29 14:30"), Ok("2026/11/29".to_string()));
        assert_eq!(prepare(FieldType::Date, "2026-11-29T08:00:00"), Ok("2026-11-29".to_string()));
        assert_eq!(prepare(FieldType::Date, "2026年11月29日"), Ok("2026年11月29日".to_string()));
        assert_eq!(prepare(FieldType::Date, "1129"), Ok("1129".to_string()));
        assert_eq!(serial_date("45658"), NaiveDate::from_ymd_opt(2025, 1, 1));
    }

    #[test]
    fn floats_and_separators() {
        assert_eq!(prepare(FieldType::Count { max: 50 }, "3.0"), Ok("3".to_string()));
        assert_eq!(prepare(FieldType::Count { max: 50 }, "3.5"), Ok("3.5".to_string()));
        assert_eq!(prepare(FieldType::Count { max: 100_000 }, "1,234"), Ok("1234".to_string()));
        assert_eq!(prepare(FieldType::Count { max: 100_000 }, "12,34"), Ok("12,34".to_string()));
        assert_eq!(prepare(FieldType::Phone, "13812341234.0"), Ok("13812341234".to_string()));
        assert_eq!(prepare(FieldType::Phone, "0571-87654321"), Ok("0571-87654321".to_string()));
        assert!(prepare(FieldType::Phone, "1.38123E+10").is_err());
        assert_eq!(prepare(FieldType::Text { max: 9 }, " 3.0 "), Ok("3.0".to_string()));
    }
}
