//! What a demand's steps, its follow-up visit (回访) and its counts take.

use crate::model::enums::{DemandCategory, DemandStatus, Satisfaction, VisitKind};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DemandStep {
    /// Someone is working on it.
    Start,
    /// Put before the joint meeting.
    Escalate,
    Resolve {
        resolution: String,
        on: NaiveDate,
    },
    Unresolvable {
        reason: String,
        on: Option<NaiveDate>,
    },
}

impl DemandStep {
    pub fn target(&self) -> DemandStatus {
        match self {
            DemandStep::Start => DemandStatus::InProgress,
            DemandStep::Escalate => DemandStatus::Escalated,
            DemandStep::Resolve { .. } => DemandStatus::Resolved,
            DemandStep::Unresolvable { .. } => DemandStatus::Unresolvable,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUp {
    pub on: NaiveDate,
    pub satisfaction: Satisfaction,
    /// Who called back; default: the member handling the demand.
    pub member_id: Option<u64>,
    pub kind: VisitKind,
    /// Default: a line naming the satisfaction.
    pub summary: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Grouping {
    Category,
    Status,
    Community,
    Member,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum GroupKey {
    Category(DemandCategory),
    Status(DemandStatus),
    /// None: not tied to a community (a unit or a visitor).
    Community(Option<u64>),
    Member(Option<u64>),
}
