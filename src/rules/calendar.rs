//! When the joint meeting (联席议事会) sits.
//!
//! Rule: the first Friday of every quarter; if that Friday is a public
//! holiday day off, the first following Friday that is a working day.
//! The current date is always passed in, so this module never reads the clock.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::holidays::{Holiday, HolidayCalendar};
pub use crate::model::period::{Quarter, QuarterParseError, QuarterParseErrorKind};

/// The meeting of one quarter, and why it is not on the first Friday if it
/// was moved.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduledMeeting {
    pub quarter: Quarter,
    pub date: NaiveDate,
    /// The first Friday, when the meeting had to move away from it.
    pub moved_from: Option<NaiveDate>,
    /// The holiday that fell on the first Friday.
    pub reason: Option<Holiday>,
    /// The year has no State Council notice yet: the date follows the
    /// statutory holidays and may change when the notice comes out.
    #[serde(default)]
    pub provisional: bool,
}

const WEEK: Days = Days::new(7);

pub fn first_friday(q: Quarter) -> NaiveDate {
    let first = q.first_day();
    let ahead = (7 + Weekday::Fri.num_days_from_monday() - first.weekday().num_days_from_monday()) % 7;
    first.checked_add_days(Days::new(u64::from(ahead))).unwrap_or(first)
}

/// Years with neither a notice nor provisional holidays (before 2025) are
/// treated as having no holidays; callers should check
/// [`HolidayCalendar::covers_year`] and warn.
pub fn meeting_date(q: Quarter, cal: &HolidayCalendar) -> ScheduledMeeting {
    let first = first_friday(q);
    let provisional = cal.is_provisional(q.year);
    if cal.is_working_day(first) {
        return ScheduledMeeting { quarter: q, date: first, moved_from: None, reason: None, provisional };
    }
    ScheduledMeeting {
        quarter: q,
        date: next_working_friday(first, cal),
        moved_from: Some(first),
        reason: cal.holiday_on(first).cloned(),
        provisional,
    }
}

/// Ends because holidays are finite date ranges; the `unwrap_or` is only
/// reachable at chrono's last representable date.
fn next_working_friday(friday: NaiveDate, cal: &HolidayCalendar) -> NaiveDate {
    std::iter::successors(friday.checked_add_days(WEEK), |d| d.checked_add_days(WEEK))
        .find(|&d| cal.is_working_day(d))
        .unwrap_or(friday)
}

/// The four meetings of `year`, Q1 to Q4.
pub fn quarterly_schedule(year: i32, cal: &HolidayCalendar) -> Vec<ScheduledMeeting> {
    (1..=4).map(|q| meeting_date(Quarter { year, q }, cal)).collect()
}

/// The first meeting on or after `today` (a meeting today counts).
pub fn next_meeting(today: NaiveDate, cal: &HolidayCalendar) -> ScheduledMeeting {
    // Start one quarter back: a meeting moved by a long break could in
    // principle spill past its own quarter's end.
    let start = Quarter::of(today).prev();
    std::iter::successors(Some(start), |q| Some(q.next()))
        .take(4)
        .map(|q| meeting_date(q, cal))
        .filter(|m| m.date >= today)
        .min_by_key(|m| m.date)
        .unwrap_or_else(|| meeting_date(Quarter::of(today).next(), cal))
}

/// The last day of `days` working days starting on `from` (itself counted
/// when it is a working day): a 公示期 of five working days.
pub fn working_days_from(from: NaiveDate, days: u32, cal: &HolidayCalendar) -> NaiveDate {
    let mut left = days.max(1);
    let mut day = from;
    loop {
        if cal.is_working_day(day) {
            left -= 1;
            if left == 0 {
                return day;
            }
        }
        match day.succ_opt() {
            Some(next) => day = next,
            None => return day,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("test date")
    }

    fn q(s: &str) -> Quarter {
        s.parse().expect("test quarter")
    }

    type Ymd = (i32, u32, u32);

    /// Worked out by hand from the notices: quarter, its first Friday, the
    /// meeting date, and the holiday that moved it.
    ///
    /// 2024: Q1 01-01 is Mon → Fri 01-05, a plain working day.
    ///       Q2 04-01 Mon → 04-05 in 清明 04-04..06 → 04-12.
    ///       Q3 07-01 Mon → 07-05. Q4 10-01 Tue → 10-04 in 国庆 10-01..07 → 10-11.
    /// 2025: Q1 01-01 Wed → 01-03 (元旦 is only 01-01). Q2 04-01 Tue → 04-04
    ///       in 清明 04-04..06 → 04-11. Q3 07-01 Tue → 07-04.
    ///       Q4 10-01 Wed → 10-03 in 国庆/中秋 10-01..08 → 10-10.
    /// 2026: Q1 01-01 Thu → 01-02 in 元旦 01-01..03 → 01-09.
    ///       Q2 04-01 Wed → 04-03, the day before 清明 04-04..06: stays.
    ///       Q3 07-01 Wed → 07-03. Q4 10-01 Thu → 10-02 in 国庆 10-01..07 → 10-09
    ///       (10-09 is an ordinary Friday; 10-10 is the make-up Saturday).
    #[rustfmt::skip]
    const EXPECTED: [(&str, Ymd, Ymd, Option<&str>); 12] = [
        ("2024Q1", (2024, 1, 5),  (2024, 1, 5),   None),
        ("2024Q2", (2024, 4, 5),  (2024, 4, 12),  Some("清明节")),
        ("2024Q3", (2024, 7, 5),  (2024, 7, 5),   None),
        ("2024Q4", (2024, 10, 4), (2024, 10, 11), Some("国庆节")),
        ("2025Q1", (2025, 1, 3),  (2025, 1, 3),   None),
        ("2025Q2", (2025, 4, 4),  (2025, 4, 11),  Some("清明节")),
        ("2025Q3", (2025, 7, 4),  (2025, 7, 4),   None),
        ("2025Q4", (2025, 10, 3), (2025, 10, 10), Some("国庆节、中秋节")),
        ("2026Q1", (2026, 1, 2),  (2026, 1, 9),   Some("元旦")),
        ("2026Q2", (2026, 4, 3),  (2026, 4, 3),   None),
        ("2026Q3", (2026, 7, 3),  (2026, 7, 3),   None),
        ("2026Q4", (2026, 10, 2), (2026, 10, 9),  Some("国庆节")),
    ];

    #[test]
    fn five_working_days_skip_weekends_and_holidays() {
        let cal = HolidayCalendar::builtin();
        // Thu 2026-12-03: Thu, Fri, Mon, Tue, Wed.
        assert_eq!(working_days_from(d(2026, 12, 3), 5, &cal), d(2026, 12, 9));
        // Mon 2026-09-28: 9-28, 9-29, 9-30, then 国庆 10-01..07; 10-08, 10-09 (10-10 is a make-up Saturday).
        assert_eq!(working_days_from(d(2026, 9, 28), 5, &cal), d(2026, 10, 9));
    }

    #[test]
    fn meetings_2024_to_2026() {
        let cal = HolidayCalendar::builtin();
        for (quarter, (fy, fm, fd), (my, mm, md), moved_by) in EXPECTED {
            let quarter = q(quarter);
            let friday = d(fy, fm, fd);
            let date = d(my, mm, md);
            // Guard the hand-written table itself.
            assert_eq!(friday.weekday(), Weekday::Fri, "{quarter}");
            assert_eq!(date.weekday(), Weekday::Fri, "{quarter}");

            assert_eq!(first_friday(quarter), friday, "{quarter}");
            let m = meeting_date(quarter, &cal);
            assert_eq!(m.quarter, quarter);
            assert_eq!(m.date, date, "{quarter}");
            assert_eq!(cal.holiday_on(m.date), None, "{quarter} lands on a holiday");
            match moved_by {
                None => {
                    assert_eq!(m.moved_from, None, "{quarter}");
                    assert_eq!(m.reason, None, "{quarter}");
                }
                Some(name) => {
                    assert_eq!(m.moved_from, Some(friday), "{quarter}");
                    let reason = m.reason.as_ref().map(|h| h.name(Lang::Zh));
                    assert_eq!(reason, Some(name), "{quarter}");
                }
            }
        }
    }

    #[test]
    fn quarterly_schedule_has_four_meetings_in_order() {
        let cal = HolidayCalendar::builtin();
        let s = quarterly_schedule(2026, &cal);
        let dates: Vec<_> = s.iter().map(|m| m.date).collect();
        assert_eq!(dates, vec![d(2026, 1, 9), d(2026, 4, 3), d(2026, 7, 3), d(2026, 10, 9)]);
        let quarters: Vec<_> = s.iter().map(|m| m.quarter.to_string()).collect();
        assert_eq!(quarters, ["2026Q1", "2026Q2", "2026Q3", "2026Q4"]);
    }

    #[test]
    fn next_meeting_on_or_after_today() {
        let cal = HolidayCalendar::builtin();
        let cases = [
            (d(2025, 12, 31), d(2026, 1, 9)),
            (d(2026, 1, 2), d(2026, 1, 9)), // the holiday Friday itself
            (d(2026, 1, 9), d(2026, 1, 9)), // meeting day counts
            (d(2026, 1, 10), d(2026, 4, 3)),
            (d(2026, 9, 30), d(2026, 10, 9)),
            (d(2026, 10, 1), d(2026, 10, 9)),
            (d(2024, 4, 6), d(2024, 4, 12)),
            (d(2024, 2, 29), d(2024, 4, 12)),
        ];
        for (today, expected) in cases {
            assert_eq!(next_meeting(today, &cal).date, expected, "today {today}");
        }
    }

    #[test]
    fn uncovered_year_before_2025_falls_back_to_first_friday() {
        let cal = HolidayCalendar::builtin();
        assert!(!cal.covers_year(2023) && !cal.is_provisional(2023));
        // 2021-01-01 is a Friday and surely 元旦, but nothing is known of 2021.
        let m = meeting_date(q("2021Q1"), &cal);
        assert_eq!((m.date, m.moved_from, m.provisional), (d(2021, 1, 1), None, false));
    }

    /// 2027 has no notice: Q1 01-01 is 元旦 → 01-08; Q2 04-02 (清明 is Mon
    /// 04-05); Q3 07-02; Q4 10-01 in the National Day week → 10-08.
    #[test]
    fn year_without_a_notice_is_provisional() {
        let cal = HolidayCalendar::builtin();
        assert!(!cal.covers_year(2027) && cal.is_provisional(2027));
        let s = quarterly_schedule(2027, &cal);
        let dates: Vec<_> = s.iter().map(|m| m.date).collect();
        assert_eq!(dates, vec![d(2027, 1, 8), d(2027, 4, 2), d(2027, 7, 2), d(2027, 10, 8)]);
        assert!(s.iter().all(|m| m.provisional));
        let reasons: Vec<_> = s.iter().map(|m| m.reason.as_ref().map(|h| h.name(Lang::Zh).to_owned())).collect();
        assert_eq!(reasons, [Some("元旦".to_owned()), None, None, Some("国庆节".to_owned())]);
        assert_eq!(next_meeting(d(2026, 10, 10), &cal).date, d(2027, 1, 8));
        assert!(quarterly_schedule(2026, &cal).iter().all(|m| !m.provisional));
    }

    #[test]
    fn a_notice_in_the_user_file_ends_the_provisional_year() {
        let cal = HolidayCalendar::builtin().with_user_file("[[year]]\nyear = 2027\n").expect("valid");
        assert!(cal.covers_year(2027) && !cal.is_provisional(2027));
        let m = meeting_date(q("2027Q1"), &cal);
        assert_eq!((m.date, m.provisional), (d(2027, 1, 1), false));
    }

    #[test]
    fn user_file_year_gets_a_schedule() {
        let text = r#"
# Made-up 2027 data for the test; only the shape matters.
[[year]]
year = 2027
[[year.holiday]]
name = "元旦"
name_en = "New Year's Day"
start = "2027-01-01"
end = "2027-01-03"
"#;
        let cal = HolidayCalendar::builtin().with_user_file(text).expect("valid");
        let s = quarterly_schedule(2027, &cal);
        assert_eq!(s.len(), 4);
        assert_eq!(s[0].moved_from, Some(d(2027, 1, 1)));
        assert_eq!(s[0].date, d(2027, 1, 8));
        let reason = s[0].reason.as_ref().map(|h| h.name(Lang::En));
        assert_eq!(reason, Some("New Year's Day"));
        assert_eq!(next_meeting(d(2026, 10, 10), &cal).date, d(2027, 1, 8));
    }

    #[test]
    fn replaced_year_changes_the_schedule() {
        // Without 元旦 in 2026 the Q1 meeting stays on 01-02.
        let text = "[[year]]\nyear = 2026\n";
        let cal = HolidayCalendar::builtin().with_user_file(text).expect("valid");
        let m = meeting_date(q("2026Q1"), &cal);
        assert_eq!((m.date, m.moved_from), (d(2026, 1, 2), None));
    }

    #[test]
    fn back_to_back_holidays_move_further() {
        let text = r#"
[[year]]
year = 2027
[[year.holiday]]
name = "甲"
start = "2027-01-01"
end = "2027-01-10"
[[year.holiday]]
name = "乙"
start = "2027-01-11"
end = "2027-01-15"
"#;
        let cal = HolidayCalendar::default().with_user_file(text).expect("valid");
        let m = meeting_date(q("2027Q1"), &cal);
        assert_eq!(m.date, d(2027, 1, 22));
        assert_eq!(m.reason.map(|h| h.name_zh), Some("甲".to_owned()));
    }

    #[test]
    fn quarter_parse_display_round_trip() {
        for s in ["2026Q4", "2024Q1", "0999Q2", "9999Q3"] {
            assert_eq!(q(s).to_string(), s);
        }
        assert_eq!(q("2026q4"), Quarter { year: 2026, q: 4 });
        assert_eq!(q(" 2026Q4 "), Quarter { year: 2026, q: 4 });
        assert_eq!(q("2026q4").to_string(), "2026Q4");
    }

    #[test]
    fn bad_quarter_strings() {
        use QuarterParseErrorKind::{Format, QuarterNumber};
        let cases = [
            ("2026Q5", QuarterNumber),
            ("2026Q0", QuarterNumber),
            ("2026Q9", QuarterNumber),
            ("", Format),
            ("2026", Format),
            ("Q4", Format),
            ("26Q4", Format),
            ("2026Q44", Format),
            ("2026-Q4", Format),
            ("2026 Q4", Format),
            ("Q42026", Format),
            ("２０２６Q4", Format),
            ("2026Ｑ4", Format),
            ("-026Q4", Format),
        ];
        for (input, kind) in cases {
            let e = input.parse::<Quarter>().expect_err(input);
            assert_eq!(e.kind, kind, "{input}");
            assert_eq!(e.input, input);
            let (zh, en) = (e.message(Lang::Zh), e.message(Lang::En));
            assert!(zh.contains(input) && zh.contains("2026Q4"), "{zh}");
            assert!(en.contains(input) && en.contains("2026Q4"), "{en}");
            assert_eq!(e.to_string(), en);
        }
        let e = "2026Q5".parse::<Quarter>().expect_err("bad");
        assert_eq!(e.message(Lang::Zh), "“2026Q5”的季度不对，季度应为 1 至 4，如 2026Q4");
        let long = "x".repeat(1000);
        let e = long.parse::<Quarter>().expect_err("bad");
        assert!(e.message(Lang::En).len() < 120);
    }

    #[test]
    fn quarter_arithmetic() {
        assert_eq!(Quarter::of(d(2026, 3, 31)), q("2026Q1"));
        assert_eq!(Quarter::of(d(2026, 4, 1)), q("2026Q2"));
        assert_eq!(Quarter::of(d(2026, 12, 31)), q("2026Q4"));
        assert_eq!(q("2024Q1").first_day(), d(2024, 1, 1));
        assert_eq!(q("2024Q1").last_day(), d(2024, 3, 31));
        assert_eq!(q("2024Q2").last_day(), d(2024, 6, 30));
        assert_eq!(q("2024Q3").first_day(), d(2024, 7, 1));
        assert_eq!(q("2024Q4").last_day(), d(2024, 12, 31));
        assert_eq!(q("2026Q4").next(), q("2027Q1"));
        assert_eq!(q("2027Q1").prev(), q("2026Q4"));
        assert_eq!(q("2026Q2").next(), q("2026Q3"));
        assert!(q("2026Q4") < q("2027Q1"));
        assert!(q("2026Q1") < q("2026Q2"));
    }

    #[test]
    fn hand_built_odd_quarters_do_not_panic() {
        let cal = HolidayCalendar::builtin();
        for quarter in [
            Quarter { year: 2026, q: 0 },
            Quarter { year: 2026, q: 9 },
            Quarter { year: i32::MAX, q: 4 },
            Quarter { year: i32::MIN, q: 1 },
        ] {
            let _ = meeting_date(quarter, &cal);
            let _ = quarter.last_day();
            let _ = quarter.prev();
        }
        let _ = next_meeting(NaiveDate::MAX, &cal);
        let _ = next_meeting(NaiveDate::MIN, &cal);
    }
}
