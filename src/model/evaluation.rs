//! 考评: a member's yearly or half-yearly 双述双评 evaluation.

use super::enums::Grade;
use super::fields::{FieldSpec as F, FieldType::*};
use super::kind::Kind;
use super::period::Period;
use super::record::{opt_ref, IndexValue, RecordData, Ref};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The democratic rating (民主测评) tallies.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Votes {
    pub excellent: u32,
    pub competent: u32,
    pub basic: u32,
    pub incompetent: u32,
}

impl Votes {
    pub fn total(&self) -> u32 {
        self.excellent + self.competent + self.basic + self.incompetent
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evaluation {
    pub member_id: u64,
    pub period: Period,
    pub committee_report_on: Option<NaiveDate>,
    pub leader_comment: String,
    pub deputies_report_on: Option<NaiveDate>,
    pub votes: Option<Votes>,
    /// The recorded grade; when empty the grade follows from the votes.
    pub grade: Option<Grade>,
    pub grade_reason: String,
    pub published_on: Option<NaiveDate>,
    pub fed_back_city_on: Option<NaiveDate>,
    pub fed_back_district_on: Option<NaiveDate>,
    pub notes: String,
}

impl Evaluation {
    /// The evaluation of a member for a period before anything is entered.
    pub fn blank(member_id: u64, period: Period) -> Evaluation {
        Evaluation {
            member_id,
            period,
            committee_report_on: None,
            leader_comment: String::new(),
            deputies_report_on: None,
            votes: None,
            grade: None,
            grade_reason: String::new(),
            published_on: None,
            fed_back_city_on: None,
            fed_back_district_on: None,
            notes: String::new(),
        }
    }
}

pub const FIELDS: &[F] = &[
    F::new("member_id", "委员", "Member", Ref(Kind::Member)).required(),
    F::new("period", "考评期", "Period", Period).required(),
    F::new("committee_report_on", "向大工委述职日期", "Reported to committee on", Date).past(),
    F::new("leader_comment", "领导点评", "Leaders' comment", LongText { max: 2000 }),
    F::new("deputies_report_on", "向两代表一委员述职日期", "Reported to deputies on", Date).past(),
    F::new("votes", "测评票数", "Votes", Votes),
    F::new("grade", "等次", "Grade", Choice(Grade::CHOICES)),
    F::new("grade_reason", "等次说明", "Grade reason", Text { max: 200 }),
    F::new("published_on", "公示日期", "Published on", Date).past(),
    F::new("fed_back_city_on", "报市委组织部日期", "Fed back to city on", Date).past(),
    F::new("fed_back_district_on", "报区委组织部日期", "Fed back to district on", Date).past(),
    F::new("notes", "备注", "Notes", LongText { max: 2000 }),
];

impl RecordData for Evaluation {
    fn free_text_mut(&mut self) -> Vec<&mut String> {
        vec![&mut self.leader_comment, &mut self.notes]
    }

    const KIND: Kind = Kind::Evaluation;

    fn refs(&self) -> Vec<Ref> {
        opt_ref("member_id", Kind::Member, Some(self.member_id)).into_iter().collect()
    }

    fn extra_index(&self) -> Vec<IndexValue> {
        vec![IndexValue::Period(self.period.to_string())]
    }

    fn label(&self) -> String {
        self.period.to_string()
    }
}
