//! Planned meetings that the holiday calendar now puts on a day off or on a
//! make-up working day (调休上班): what `silian check` and the overview flag
//! once a year's notice arrives after its meetings were planned.
//!
//! A meeting is never flagged merely for differing from the schedule: the
//! clerk may have chosen its date on purpose.

use crate::i18n::Lang;
use crate::model::enums::{MeetingKind, MeetingStatus};
use crate::model::period::Quarter;
use crate::model::Meeting;
use crate::rules::calendar::meeting_date;
use crate::rules::holidays::{Holiday, HolidayCalendar};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// Why a planned meeting's date is odd.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum OffDay {
    /// A day off; `provisional` when the year has no notice yet.
    Holiday { holiday: Holiday, provisional: bool },
    /// A weekend day that the notice makes a working day.
    MakeUpWorkday,
}

/// A planned meeting on an odd day, and where the schedule puts its quarter.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OffCalendar {
    pub meeting_id: u64,
    pub date: NaiveDate,
    pub quarter: Option<Quarter>,
    pub why: OffDay,
    /// The calendar rule's date for the meeting's quarter; none for an extra
    /// meeting, or when the rule gives the same odd day.
    pub schedule_date: Option<NaiveDate>,
}

/// Every planned meeting of `meetings` on a holiday or a make-up workday, by date.
pub fn off_calendar<'a>(
    meetings: impl IntoIterator<Item = (u64, &'a Meeting)>,
    cal: &HolidayCalendar,
) -> Vec<OffCalendar> {
    let mut out: Vec<OffCalendar> = meetings
        .into_iter()
        .filter(|(_, m)| m.status == MeetingStatus::Planned)
        .filter_map(|(id, m)| {
            let why = off_day(m.date, cal)?;
            let schedule_date = schedule_date(m, cal).filter(|d| *d != m.date);
            Some(OffCalendar { meeting_id: id, date: m.date, quarter: m.quarter, why, schedule_date })
        })
        .collect();
    out.sort_by_key(|o| (o.date, o.meeting_id));
    out
}

/// The calendar rule's date for a regular meeting's quarter; an extra meeting has none.
pub fn schedule_date(m: &Meeting, cal: &HolidayCalendar) -> Option<NaiveDate> {
    let q = m.quarter.filter(|_| m.kind == MeetingKind::Regular)?;
    Some(meeting_date(q, cal).date)
}

fn off_day(d: NaiveDate, cal: &HolidayCalendar) -> Option<OffDay> {
    if let Some(h) = cal.holiday_on(d) {
        let provisional = cal.is_provisional(d.year());
        return Some(OffDay::Holiday { holiday: h.clone(), provisional });
    }
    let make_up = [d.year(), d.year() + 1].iter().any(|y| cal.workdays(*y).contains(&d));
    make_up.then_some(OffDay::MakeUpWorkday)
}

impl OffCalendar {
    /// Why the date is odd: `2027-01-01 逢元旦`.
    pub fn why_text(&self, lang: Lang) -> String {
        let date = self.date;
        match (&self.why, lang) {
            (OffDay::Holiday { holiday, provisional: false }, Lang::Zh) => format!("{date} 逢{}", holiday.name(lang)),
            (OffDay::Holiday { holiday, provisional: true }, Lang::Zh) => {
                format!("{date} 逢{}（暂定）", holiday.name(lang))
            }
            (OffDay::Holiday { holiday, provisional: false }, Lang::En) => {
                format!("{date} is in {}", holiday.name(lang))
            }
            (OffDay::Holiday { holiday, provisional: true }, Lang::En) => {
                format!("{date} is in {} (provisional)", holiday.name(lang))
            }
            (OffDay::MakeUpWorkday, Lang::Zh) => format!("{date} 是调休上班的周末"),
            (OffDay::MakeUpWorkday, Lang::En) => format!("{date} is a weekend day worked in exchange for a holiday"),
        }
    }

    /// One line for `check` and the overview.
    pub fn message(&self, lang: Lang) -> String {
        let (id, why) = (self.meeting_id, self.why_text(lang));
        match (self.schedule_date, lang) {
            (Some(to), Lang::Zh) => format!("议事会 {id}：{why}，日程日期为 {to}"),
            (Some(to), Lang::En) => format!("meeting {id}: {why}; the schedule says {to}"),
            (None, Lang::Zh) => format!("议事会 {id}：{why}，请另定日期"),
            (None, Lang::En) => format!("meeting {id}: {why}; choose another date"),
        }
    }

    /// The reason recorded in the minutes when the meeting is moved to the
    /// schedule's date (minutes are kept in Chinese, as the plan writes them).
    pub fn move_reason(&self) -> String {
        format!("{}，按放假安排改至日程日期", self.why_text(Lang::Zh))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::calendar::ScheduledMeeting;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("test date")
    }

    /// Built through `planned`, so that new meeting fields need no change here.
    fn meeting(date: &str, quarter: Option<&str>, status: MeetingStatus) -> Meeting {
        let q = Quarter::of(d(date));
        let s = ScheduledMeeting { quarter: q, date: d(date), moved_from: None, reason: None, provisional: false };
        let mut m = crate::workflow::plan::planned(&s);
        m.quarter = quarter.map(|q| q.parse().expect("quarter"));
        m.status = status;
        m
    }

    const NOTICE_2027: &str = "[[year]]\nyear = 2027\nworkdays = [\"2027-01-09\"]\n\
        [[year.holiday]]\nname = \"元旦\"\nstart = \"2027-01-01\"\nend = \"2027-01-03\"\n\
        [[year.holiday]]\nname = \"清明节\"\nstart = \"2027-04-03\"\nend = \"2027-04-05\"\n";

    #[test]
    fn planned_meetings_on_days_off_or_make_up_days_are_flagged() {
        let cal = HolidayCalendar::builtin().with_user_file(NOTICE_2027).expect("valid");
        let ms = [
            meeting("2027-01-01", Some("2027Q1"), MeetingStatus::Planned),
            meeting("2027-01-09", None, MeetingStatus::Planned),
            meeting("2027-04-02", Some("2027Q2"), MeetingStatus::Planned),
            meeting("2027-01-02", Some("2027Q1"), MeetingStatus::Held),
            // Not the schedule's date, but a working day the clerk chose.
            meeting("2027-07-07", Some("2027Q3"), MeetingStatus::Planned),
        ];
        let found = off_calendar(ms.iter().enumerate().map(|(i, m)| (i as u64 + 1, m)), &cal);
        let ids: Vec<u64> = found.iter().map(|o| o.meeting_id).collect();
        assert_eq!(ids, [1, 2]);
        assert_eq!(found[0].schedule_date, Some(d("2027-01-08")));
        assert_eq!(found[0].message(Lang::Zh), "议事会 1：2027-01-01 逢元旦，日程日期为 2027-01-08");
        assert_eq!(found[1].why, OffDay::MakeUpWorkday);
        assert_eq!(
            found[1].message(Lang::En),
            "meeting 2: 2027-01-09 is a weekend day worked in exchange for a holiday; choose another date"
        );
    }

    #[test]
    fn a_provisional_holiday_says_so() {
        let cal = HolidayCalendar::builtin();
        let m = meeting("2027-10-01", Some("2027Q4"), MeetingStatus::Planned);
        let found = off_calendar([(7, &m)], &cal);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message(Lang::En),
            "meeting 7: 2027-10-01 is in National Day (provisional); the schedule says 2027-10-08"
        );
        assert!(found[0].move_reason().starts_with("2027-10-01 逢国庆节（暂定）"));
    }
}
