//! The statutory days off of the 全国年节及纪念日放假办法 (2024 revision, in
//! force from 2025) for a year the State Council has not yet announced.
//!
//! A notice moves days around weekends (调休); these are only the days the law
//! fixes, plus the whole National Day week: every notice of the last twenty
//! years has given Oct 1–7 off, so planning on Oct 1–3 alone would put the
//! Q4 meeting on a day nobody works.

use chrono::NaiveDate;
use tyme4rs::tyme::lunar::LunarDay;
use tyme4rs::tyme::solar::{SolarDay, SolarTerm};

use super::holidays::Holiday;

/// The first year the revised 放假办法 applies to.
pub const FIRST_YEAR: i32 = 2025;

/// The year's statutory holidays in calendar order. A day the Chinese
/// calendar cannot give (never for years the calendar accepts) is left out
/// rather than guessed.
pub fn statutory_holidays(year: i32) -> Vec<Holiday> {
    let ymd = |m, d| NaiveDate::from_ymd_opt(year, m, d);
    let spring = lunar(year, 1, 1).and_then(|d| d.pred_opt());
    let mid_autumn = lunar(year, 8, 15);
    let national = national_week(year, mid_autumn);
    let mut out = vec![
        holiday("元旦", "New Year's Day", ymd(1, 1), 1),
        holiday("春节", "Spring Festival", spring, 4),
        holiday("清明节", "Qingming Festival", solar_term(year, "清明"), 1),
        holiday("劳动节", "Labour Day", ymd(5, 1), 2),
        holiday("端午节", "Dragon Boat Festival", lunar(year, 5, 5), 1),
    ];
    if national.name_zh == "国庆节" {
        out.push(holiday("中秋节", "Mid-Autumn Festival", mid_autumn, 1));
    }
    out.push(Some(national));
    out.into_iter().flatten().collect()
}

/// Oct 1–7, joined with 中秋 when it falls in or right after the week (as in
/// 2025's notice), so that one break has one name.
fn national_week(year: i32, mid_autumn: Option<NaiveDate>) -> Holiday {
    let start = NaiveDate::from_ymd_opt(year, 10, 1).unwrap_or(NaiveDate::MIN);
    let end = NaiveDate::from_ymd_opt(year, 10, 7).unwrap_or(NaiveDate::MIN);
    let joined = mid_autumn.filter(|d| start <= *d && *d <= end.succ_opt().unwrap_or(end));
    match joined {
        Some(d) => Holiday {
            name_zh: "国庆节、中秋节".to_owned(),
            name_en: "National Day & Mid-Autumn Festival".to_owned(),
            start,
            end: end.max(d),
        },
        None => Holiday { name_zh: "国庆节".to_owned(), name_en: "National Day".to_owned(), start, end },
    }
}

fn holiday(zh: &str, en: &str, start: Option<NaiveDate>, days: u64) -> Option<Holiday> {
    let start = start?;
    let end = start.checked_add_days(chrono::Days::new(days - 1))?;
    Some(Holiday { name_zh: zh.to_owned(), name_en: en.to_owned(), start, end })
}

fn lunar(year: i32, month: isize, day: usize) -> Option<NaiveDate> {
    let d = LunarDay::new(year as isize, month, day).ok()?;
    solar(&d.get_solar_day())
}

fn solar_term(year: i32, name: &str) -> Option<NaiveDate> {
    solar(&SolarTerm::new(year as isize, name).ok()?.get_solar_day())
}

fn solar(d: &SolarDay) -> Option<NaiveDate> {
    let year = i32::try_from(d.get_year()).ok()?;
    NaiveDate::from_ymd_opt(year, u32::try_from(d.get_month()).ok()?, u32::try_from(d.get_day()).ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("test date")
    }

    fn runs(year: i32) -> Vec<(String, NaiveDate, NaiveDate)> {
        statutory_holidays(year).into_iter().map(|h| (h.name_zh, h.start, h.end)).collect()
    }

    fn expect(rows: &[(&str, NaiveDate, NaiveDate)]) -> Vec<(String, NaiveDate, NaiveDate)> {
        rows.iter().map(|(n, s, e)| (n.to_string(), *s, *e)).collect()
    }

    /// Checked by hand against a printed 2027 calendar: 春节 (正月初一) is Sat
    /// 02-06, so 除夕 02-05 to 初三 02-08; 清明 04-05; 端午 06-09; 中秋 09-15.
    #[test]
    fn statutory_days_2027() {
        assert_eq!(
            runs(2027),
            expect(&[
                ("元旦", d(2027, 1, 1), d(2027, 1, 1)),
                ("春节", d(2027, 2, 5), d(2027, 2, 8)),
                ("清明节", d(2027, 4, 5), d(2027, 4, 5)),
                ("劳动节", d(2027, 5, 1), d(2027, 5, 2)),
                ("端午节", d(2027, 6, 9), d(2027, 6, 9)),
                ("中秋节", d(2027, 9, 15), d(2027, 9, 15)),
                ("国庆节", d(2027, 10, 1), d(2027, 10, 7)),
            ])
        );
    }

    /// 2028: 春节 Wed 01-26 (除夕 01-25 to 初三 01-28); 清明 04-04; 端午 05-28;
    /// 中秋 Tue 10-03, inside the National Day week.
    #[test]
    fn statutory_days_2028() {
        assert_eq!(
            runs(2028),
            expect(&[
                ("元旦", d(2028, 1, 1), d(2028, 1, 1)),
                ("春节", d(2028, 1, 25), d(2028, 1, 28)),
                ("清明节", d(2028, 4, 4), d(2028, 4, 4)),
                ("劳动节", d(2028, 5, 1), d(2028, 5, 2)),
                ("端午节", d(2028, 5, 28), d(2028, 5, 28)),
                ("国庆节、中秋节", d(2028, 10, 1), d(2028, 10, 7)),
            ])
        );
    }

    /// The built-in notices of 2025 and 2026 contain every statutory day the
    /// rule computes: the rule and the notices agree where both exist.
    #[test]
    fn notices_cover_the_statutory_days() {
        let notices = super::super::holidays::HolidayCalendar::builtin();
        for year in [2025, 2026] {
            for h in statutory_holidays(year) {
                for day in h.start.iter_days().take_while(|x| *x <= h.end) {
                    assert!(notices.holiday_on(day).is_some(), "{year}: {} {day}", h.name_zh);
                }
            }
        }
    }

    #[test]
    fn every_year_the_calendar_accepts_has_all_its_days() {
        for year in FIRST_YEAR..=2999 {
            let hs = statutory_holidays(year);
            assert!(hs.len() == 6 || hs.len() == 7, "{year}: {hs:?}");
            assert!(hs.iter().all(|h| h.start.format("%Y").to_string() == year.to_string()), "{year}");
        }
    }
}
