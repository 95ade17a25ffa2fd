//! 诉求: a resident's or organisation's demand and how it was handled.

use super::composite::{item_errors, Part, PartType};
use super::enums::{DemandCategory, DemandStatus, Satisfaction};
use super::error::{FieldError, Problem};
use super::fields::{FieldSpec as F, FieldType::*};
use super::kind::Kind;
use super::record::{opt_ref, IndexValue, RecordData, Ref};
use super::target::Target;
use super::visit::first_chars;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Demand {
    pub raised_on: NaiveDate,
    pub visit_id: Option<u64>,
    pub household_id: Option<u64>,
    pub unit_id: Option<u64>,
    pub community_id: Option<u64>,
    pub visitor: String,
    pub member_id: Option<u64>,
    pub category: DemandCategory,
    pub content: String,
    pub status: DemandStatus,
    pub resolution: String,
    pub resolved_on: Option<NaiveDate>,
    pub follow_up_on: Option<NaiveDate>,
    pub satisfaction: Option<Satisfaction>,
    pub meeting_id: Option<u64>,
    pub task_id: Option<u64>,
    /// Each reopening (重办) after an unsatisfied follow-up, oldest first, with
    /// what the round it closed had come to.
    #[serde(default)]
    pub rounds: Vec<Round>,
    /// 转办: the functional department the demand was referred to, when, and its reply.
    #[serde(default)]
    pub referred_to: String,
    #[serde(default)]
    pub referred_on: Option<NaiveDate>,
    #[serde(default)]
    pub department_reply: String,
}

/// One reopening: when and why, and the closed round's outcome it set aside
/// (so the demand's history shows every round, not only the last).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Round {
    pub date: NaiveDate,
    pub reason: String,
    #[serde(default)]
    pub resolution: String,
    #[serde(default)]
    pub resolved_on: Option<NaiveDate>,
    #[serde(default)]
    pub follow_up_on: Option<NaiveDate>,
    #[serde(default)]
    pub satisfaction: Option<Satisfaction>,
}

/// The parts of a reopening, checked one by one (see [`super::composite`]).
pub const ROUND_PARTS: &[Part] = &[
    Part::new("date", "重办日期", "date", PartType::PastDate).required(),
    Part::new("reason", "重办原因", "reason", PartType::Text(2000)).required(),
    Part::new("resolution", "上轮办理结果", "resolution", PartType::Text(2000)),
    Part::new("resolved_on", "上轮办结日期", "resolved_on", PartType::Date),
    Part::new("follow_up_on", "上轮回访日期", "follow_up_on", PartType::Date),
    Part::new("satisfaction", "上轮满意度", "satisfaction", PartType::Choice(Satisfaction::CHOICES)),
];

pub const FIELDS: &[F] = &[
    F::new("raised_on", "反映日期", "Raised on", Date).required().past(),
    F::new("visit_id", "走访记录", "Visit", Ref(Kind::Visit)),
    F::new("household_id", "联系户", "Household", Ref(Kind::Household)),
    F::new("unit_id", "单位", "Unit", Ref(Kind::Unit)),
    F::new("community_id", "社区", "Community", Ref(Kind::Community)),
    F::new("visitor", "来访人", "Visitor", Text { max: 60 }),
    F::new("member_id", "委员", "Member", Ref(Kind::Member)),
    F::new("category", "类别", "Category", Choice(DemandCategory::CHOICES)).required(),
    F::new("content", "诉求内容", "Content", LongText { max: 2000 }).required(),
    F::new("status", "状态", "Status", Choice(DemandStatus::CHOICES)).required().default_to("open"),
    F::new("resolution", "办理结果", "Resolution", LongText { max: 2000 }),
    F::new("resolved_on", "办结日期", "Resolved on", Date).past(),
    F::new("follow_up_on", "回访日期", "Follow-up on", Date).past(),
    F::new("satisfaction", "满意度", "Satisfaction", Choice(Satisfaction::CHOICES)),
    F::new("meeting_id", "议事会", "Meeting", Ref(Kind::Meeting)),
    F::new("task_id", "责任事项", "Task", Ref(Kind::Task)),
    F::new("rounds", "重办", "Reopened", Json),
    F::new("referred_to", "转办部门", "Referred to", Text { max: 60 }),
    F::new("referred_on", "转办日期", "Referred on", Date).past(),
    F::new("department_reply", "部门答复", "Dept. reply", LongText { max: 2000 }),
];

impl Demand {
    /// A demand just raised: open, tied to nothing yet.
    pub fn new(raised_on: NaiveDate, category: DemandCategory, content: &str) -> Demand {
        Demand {
            raised_on,
            visit_id: None,
            household_id: None,
            unit_id: None,
            community_id: None,
            visitor: String::new(),
            member_id: None,
            category,
            content: content.to_string(),
            status: DemandStatus::Open,
            resolution: String::new(),
            resolved_on: None,
            follow_up_on: None,
            satisfaction: None,
            meeting_id: None,
            task_id: None,
            rounds: Vec::new(),
            referred_to: String::new(),
            referred_on: None,
            department_reply: String::new(),
        }
    }

    pub fn target(&self) -> Target<'_> {
        Target {
            household_id: self.household_id,
            unit_id: self.unit_id,
            community_id: self.community_id,
            visitor: &self.visitor,
        }
    }

    fn closing_problems(&self) -> Vec<(&'static str, Problem)> {
        let status = self.status.id();
        let mut found = Vec::new();
        let closed = matches!(self.status, DemandStatus::Resolved | DemandStatus::Unresolvable);
        if closed && self.resolution.trim().is_empty() {
            found.push(("resolution", Problem::NeedsWhenStatus { status }));
        }
        if self.status == DemandStatus::Resolved && self.resolved_on.is_none() {
            found.push(("resolved_on", Problem::NeedsWhenStatus { status }));
        }
        if self.follow_up_on.is_some() && !closed {
            found.push(("follow_up_on", Problem::OnlyWhenClosed));
        }
        if self.satisfaction.is_some() && self.follow_up_on.is_none() {
            found.push(("satisfaction", Problem::NeedsField { other: "follow_up_on" }));
        }
        found
    }

    fn date_order_problems(&self) -> Vec<(&'static str, Problem)> {
        let mut found = Vec::new();
        if self.resolved_on.is_some_and(|d| d < self.raised_on) {
            found.push(("resolved_on", Problem::NotBefore { other: "raised_on" }));
        }
        let follow_floor = self.resolved_on.unwrap_or(self.raised_on);
        if self.follow_up_on.is_some_and(|d| d < follow_floor) {
            let other = if self.resolved_on.is_some() { "resolved_on" } else { "raised_on" };
            found.push(("follow_up_on", Problem::NotBefore { other }));
        }
        found
    }

    fn referral_problems(&self) -> Vec<(&'static str, Problem)> {
        let mut found = Vec::new();
        let referred = !self.referred_to.trim().is_empty();
        if self.referred_on.is_some() && !referred {
            found.push(("referred_on", Problem::NeedsField { other: "referred_to" }));
        }
        if referred && self.referred_on.is_none() {
            found.push(("referred_to", Problem::NeedsField { other: "referred_on" }));
        }
        if !self.department_reply.trim().is_empty() && !referred {
            found.push(("department_reply", Problem::NeedsField { other: "referred_to" }));
        }
        if self.referred_on.is_some_and(|d| d < self.raised_on) {
            found.push(("referred_on", Problem::NotBefore { other: "raised_on" }));
        }
        if self.rounds.iter().any(|r| r.satisfaction.is_some_and(|s| s != Satisfaction::Unsatisfied)) {
            found.push(("rounds", Problem::ReopenedWhenSatisfied));
        }
        if self.rounds.iter().any(|r| r.date < self.raised_on) {
            found.push(("rounds", Problem::NotBefore { other: "raised_on" }));
        }
        found
    }

    /// When the current round began: the last reopening, else when it was raised.
    pub fn round_began(&self) -> NaiveDate {
        self.rounds.last().map_or(self.raised_on, |r| r.date)
    }
}

impl RecordData for Demand {
    fn free_text_mut(&mut self) -> Vec<&mut String> {
        vec![&mut self.content, &mut self.resolution, &mut self.referred_to, &mut self.department_reply]
    }

    const KIND: Kind = Kind::Demand;

    fn check(&self) -> Vec<FieldError> {
        let mut errors: Vec<FieldError> = self.target().check(Kind::Demand).into_iter().collect();
        let problems =
            self.closing_problems().into_iter().chain(self.date_order_problems()).chain(self.referral_problems());
        errors.extend(problems.map(|(f, p)| FieldError::new(Kind::Demand, f, p)));
        let rounds = serde_json::to_value(&self.rounds).unwrap_or_default();
        errors.extend(item_errors(Kind::Demand, "rounds", &rounds));
        errors
    }

    fn refs(&self) -> Vec<Ref> {
        let own = [
            opt_ref("visit_id", Kind::Visit, self.visit_id),
            opt_ref("member_id", Kind::Member, self.member_id),
            opt_ref("meeting_id", Kind::Meeting, self.meeting_id),
            opt_ref("task_id", Kind::Task, self.task_id),
        ];
        self.target().refs().chain(own.into_iter().flatten()).collect()
    }

    fn extra_index(&self) -> Vec<IndexValue> {
        vec![IndexValue::Date(self.raised_on), IndexValue::Status(self.status.id().to_string())]
    }

    fn label(&self) -> String {
        first_chars(&self.content, 40)
    }

    fn search_text(&self) -> String {
        format!("{} {}", self.visitor, self.content)
    }
}
