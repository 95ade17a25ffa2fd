//! 述职会: a reporting session of a period, to the big working committee or
//! to the 两代表一委员, and who reported at it.

use super::enums::SessionKind;
use super::error::{FieldError, Problem};
use super::fields::{FieldSpec as F, FieldType::*};
use super::kind::Kind;
use super::period::Period;
use super::record::{refs_of, IndexValue, RecordData, Ref};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub period: Period,
    pub kind: SessionKind,
    /// May be ahead of today: a session is entered when it is planned.
    pub date: NaiveDate,
    pub location: String,
    /// The members who reported.
    pub member_ids: Vec<u64>,
    /// The members present.
    pub attendee_ids: Vec<u64>,
    /// The deputies present, from the roster; only at a `deputies` session.
    pub deputy_ids: Vec<u64>,
    /// Resident representatives present; only at a `deputies` session.
    pub resident_reps: Option<u32>,
    /// The leader who commented on the reports.
    pub leader: String,
    pub notes: String,
}

pub const FIELDS: &[F] = &[
    F::new("period", "考评期", "Period", Period).required(),
    F::new("kind", "类型", "Kind", Choice(SessionKind::CHOICES)).required(),
    F::new("date", "日期", "Date", Date).required(),
    F::new("location", "地点", "Location", Text { max: 100 }),
    F::new("member_ids", "述职委员", "Reporting members", Refs(Kind::Member)),
    F::new("attendee_ids", "参会委员", "Members present", Refs(Kind::Member)),
    F::new("deputy_ids", "到会代表委员", "Deputies present", Refs(Kind::Deputy)),
    F::new("resident_reps", "群众代表人数", "Resident representatives", Count { max: 10_000 }),
    F::new("leader", "点评领导", "Commenting leader", Text { max: 60 }),
    F::new("notes", "备注", "Notes", LongText { max: 4000 }),
];

impl Session {
    pub fn reported(&self, member_id: u64) -> bool {
        self.member_ids.contains(&member_id)
    }
}

impl RecordData for Session {
    fn free_text_mut(&mut self) -> Vec<&mut String> {
        vec![&mut self.notes]
    }

    const KIND: Kind = Kind::Session;

    fn check(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        let committee = self.kind == SessionKind::Committee;
        if committee && !self.deputy_ids.is_empty() {
            errors.push(FieldError::new(Kind::Session, "deputy_ids", Problem::OnlyAtDeputiesSession));
        }
        if committee && self.resident_reps.is_some_and(|n| n > 0) {
            errors.push(FieldError::new(Kind::Session, "resident_reps", Problem::OnlyAtDeputiesSession));
        }
        let first_day = self.period.first_day();
        if self.date < first_day {
            let problem = Problem::BeforePeriod { period: self.period.to_string(), first_day: first_day.to_string() };
            errors.push(FieldError::new(Kind::Session, "date", problem));
        }
        errors
    }

    fn refs(&self) -> Vec<Ref> {
        let reporters = refs_of("member_ids", Kind::Member, &self.member_ids);
        let attendees = refs_of("attendee_ids", Kind::Member, &self.attendee_ids);
        reporters.chain(attendees).chain(refs_of("deputy_ids", Kind::Deputy, &self.deputy_ids)).collect()
    }

    fn extra_index(&self) -> Vec<IndexValue> {
        vec![IndexValue::Period(self.period.to_string()), IndexValue::Date(self.date)]
    }

    fn label(&self) -> String {
        format!("{} {}", self.period, self.date)
    }

    fn search_text(&self) -> String {
        format!("{} {}", self.location, self.leader)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::model::AnyData;

    fn build(fields: &[(&str, &str)]) -> Result<AnyData, super::super::Invalid> {
        let fields: Vec<(String, String)> = fields.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        AnyData::build(Kind::Session, &fields, "2026-11-29".parse().expect("date"))
    }

    #[test]
    fn a_committee_session_has_no_deputies_and_says_which_field() {
        let base = [("period", "2026"), ("kind", "committee"), ("date", "2027-01-15")];
        let refused = build(&[&base[..], &[("deputy_ids", "1"), ("resident_reps", "5")]].concat()).unwrap_err();
        let fields: Vec<&str> = refused.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["deputy_ids", "resident_reps"]);
        assert!(refused.message(Lang::Zh).contains("到会代表委员（deputy_ids）"), "{}", refused.message(Lang::Zh));
        assert!(build(&[&base[..], &[("resident_reps", "0")]].concat()).is_ok(), "none present is no one");
        let deputies =
            [("period", "2026"), ("kind", "向两代表一委员述职"), ("date", "2027-01-15"), ("deputy_ids", "1")];
        assert!(build(&deputies).is_ok(), "planned ahead of today, deputies present");
    }

    #[test]
    fn a_session_is_not_before_its_period() {
        let early = build(&[("period", "2026H2"), ("kind", "committee"), ("date", "2026-06-30")]).unwrap_err();
        assert_eq!(early.0[0].field, "date");
        assert!(early.message(Lang::En).contains("before the period 2026H2 begins (2026-07-01)"));
    }

    #[test]
    fn a_deputys_phone_is_personal_and_masked_as_a_residents() {
        let spec = crate::model::fields::spec_of(Kind::Deputy, "phone").expect("phone");
        assert!(spec.is_personal(Kind::Deputy));
        assert_eq!(
            crate::model::fields::masked_value(Kind::Deputy, "phone", "13922223333", None).as_deref(),
            Some("139****3333")
        );
    }
}
