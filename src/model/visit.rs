//! 走访记录: a member's visit, reception, call or guidance.

use super::enums::VisitKind;
use super::error::FieldError;
use super::fields::{FieldSpec as F, FieldType::*};
use super::kind::Kind;
use super::record::{opt_ref, IndexValue, RecordData, Ref};
use super::target::Target;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Visit {
    /// Read by hand in the form it is stored in (`stamp::date`): there are many visits.
    #[serde(deserialize_with = "super::stamp::date")]
    pub date: NaiveDate,
    pub member_id: u64,
    pub kind: VisitKind,
    pub household_id: Option<u64>,
    pub unit_id: Option<u64>,
    pub community_id: Option<u64>,
    pub visitor: String,
    pub summary: String,
    /// Set when the visit is the follow-up (回访) of a demand.
    pub demand_id: Option<u64>,
}

pub const FIELDS: &[F] = &[
    F::new("date", "日期", "Date", Date).required().past(),
    F::new("member_id", "委员", "Member", Ref(Kind::Member)).required(),
    F::new("kind", "方式", "Kind", Choice(VisitKind::CHOICES)).required().default_to("home"),
    F::new("household_id", "联系户", "Household", Ref(Kind::Household)),
    F::new("unit_id", "单位", "Unit", Ref(Kind::Unit)),
    F::new("community_id", "社区", "Community", Ref(Kind::Community)),
    F::new("visitor", "来访人", "Visitor", Text { max: 60 }),
    F::new("summary", "情况", "Summary", LongText { max: 2000 }).required(),
    F::new("demand_id", "回访诉求", "Follow-up of demand", Ref(Kind::Demand)),
];

/// A visit read from its stored bytes without copying its text: the fields
/// of [`Visit`] in its order (bincode reads fields in turn), its text
/// borrowed. Reading the 101,000 visits of the demo street into the
/// workbench made and freed two strings per visit on the way to packing
/// them (`tui::held`); `a_stored_visit_reads_as_its_borrowed_form` fails if
/// the two part.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
pub struct VisitRef<'a> {
    #[serde(deserialize_with = "super::stamp::date")]
    pub date: NaiveDate,
    pub member_id: u64,
    pub kind: VisitKind,
    pub household_id: Option<u64>,
    pub unit_id: Option<u64>,
    pub community_id: Option<u64>,
    pub visitor: &'a str,
    pub summary: &'a str,
    pub demand_id: Option<u64>,
}

impl<'a> VisitRef<'a> {
    pub fn target(&self) -> Target<'a> {
        Target {
            household_id: self.household_id,
            unit_id: self.unit_id,
            community_id: self.community_id,
            visitor: self.visitor,
        }
    }

    /// The records the visit names (see [`RecordData::refs`]), without a list.
    pub fn refs(&self) -> impl Iterator<Item = Ref> {
        let member = opt_ref("member_id", Kind::Member, Some(self.member_id));
        let demand = opt_ref("demand_id", Kind::Demand, self.demand_id);
        member.into_iter().chain(self.target().refs()).chain(demand)
    }

    pub fn to_visit(&self) -> Visit {
        Visit {
            date: self.date,
            member_id: self.member_id,
            kind: self.kind,
            household_id: self.household_id,
            unit_id: self.unit_id,
            community_id: self.community_id,
            visitor: self.visitor.to_string(),
            summary: self.summary.to_string(),
            demand_id: self.demand_id,
        }
    }
}

impl Visit {
    pub fn borrowed(&self) -> VisitRef<'_> {
        VisitRef {
            date: self.date,
            member_id: self.member_id,
            kind: self.kind,
            household_id: self.household_id,
            unit_id: self.unit_id,
            community_id: self.community_id,
            visitor: &self.visitor,
            summary: &self.summary,
            demand_id: self.demand_id,
        }
    }

    pub fn target(&self) -> Target<'_> {
        self.borrowed().target()
    }
}

impl RecordData for Visit {
    fn free_text_mut(&mut self) -> Vec<&mut String> {
        vec![&mut self.summary]
    }

    const KIND: Kind = Kind::Visit;

    fn check(&self) -> Vec<FieldError> {
        self.target().check(Kind::Visit).into_iter().collect()
    }

    fn refs(&self) -> Vec<Ref> {
        self.borrowed().refs().collect()
    }

    fn extra_index(&self) -> Vec<IndexValue> {
        vec![IndexValue::Date(self.date)]
    }

    fn label(&self) -> String {
        format!("{} {}", self.date, first_chars(&self.summary, 30))
    }

    fn search_text(&self) -> String {
        format!("{} {}", self.visitor, self.summary)
    }
}

/// The first `n` characters, for labels of long texts.
pub fn first_chars(s: &str, n: usize) -> String {
    let line = s.lines().next().unwrap_or_default();
    match line.char_indices().nth(n) {
        Some((i, _)) => format!("{}…", &line[..i]),
        None => line.to_string(),
    }
}
