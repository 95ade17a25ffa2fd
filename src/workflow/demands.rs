//! What a demand's steps, its follow-up visit (回访) and its counts take.

use super::WorkflowError;
use crate::model::demand::Round;
use crate::model::enums::{DemandCategory, DemandStatus, Satisfaction, VisitKind};
use crate::model::Demand;
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

/// 重办: a closed demand whose follow-up was unsatisfied goes back to work.
/// The round it closes keeps what that round came to; the demand's own
/// outcome fields start empty again, and its deadline runs from `on`.
pub fn reopen(demand: &mut Demand, id: u64, on: NaiveDate, reason: &str) -> Result<(), WorkflowError> {
    let closed = matches!(demand.status, DemandStatus::Resolved | DemandStatus::Unresolvable);
    if !closed || demand.satisfaction != Some(Satisfaction::Unsatisfied) {
        return Err(WorkflowError::NotReopenable { id, status: demand.status, satisfaction: demand.satisfaction });
    }
    if reason.trim().is_empty() {
        return Err(WorkflowError::ReasonRequired(super::ReasonFor::Reopening));
    }
    demand.rounds.push(Round {
        date: on,
        reason: reason.trim().to_string(),
        resolution: std::mem::take(&mut demand.resolution),
        resolved_on: demand.resolved_on.take(),
        follow_up_on: demand.follow_up_on.take(),
        satisfaction: demand.satisfaction.take(),
    });
    demand.status = DemandStatus::InProgress;
    Ok(())
}

/// 转办: handed to a functional department (again, if it was before: the
/// earlier department's reply no longer answers). Someone is now on it.
pub fn refer(demand: &mut Demand, id: u64, department: &str, on: NaiveDate) -> Result<(), WorkflowError> {
    if matches!(demand.status, DemandStatus::Resolved | DemandStatus::Unresolvable) {
        return Err(WorkflowError::ReferClosed { id, status: demand.status });
    }
    if department.trim().is_empty() {
        return Err(WorkflowError::DepartmentRequired);
    }
    demand.referred_to = department.trim().to_string();
    demand.referred_on = Some(on);
    demand.department_reply.clear();
    if demand.status == DemandStatus::Open {
        demand.status = DemandStatus::InProgress;
    }
    Ok(())
}

/// The department's answer to a referral.
pub fn record_reply(demand: &mut Demand, id: u64, reply: &str) -> Result<(), WorkflowError> {
    if demand.referred_to.trim().is_empty() {
        return Err(WorkflowError::NotReferred { id });
    }
    demand.department_reply = reply.trim().to_string();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    fn unsatisfied() -> Demand {
        Demand {
            status: DemandStatus::Resolved,
            resolution: "已协调物业修好路灯".into(),
            resolved_on: Some(d(10, 20)),
            follow_up_on: Some(d(11, 2)),
            satisfaction: Some(Satisfaction::Unsatisfied),
            household_id: Some(1),
            ..Demand::new(d(10, 1), DemandCategory::Infrastructure, "楼道路灯不亮")
        }
    }

    #[test]
    fn an_unsatisfied_follow_up_reopens_the_demand_and_keeps_the_round() {
        let mut demand = unsatisfied();
        reopen(&mut demand, 7, d(11, 3), "灯又坏了").unwrap();
        assert_eq!(demand.status, DemandStatus::InProgress);
        assert_eq!((demand.resolved_on, demand.follow_up_on, demand.satisfaction), (None, None, None));
        assert_eq!(demand.rounds.len(), 1);
        let round = &demand.rounds[0];
        assert_eq!((round.date, round.reason.as_str()), (d(11, 3), "灯又坏了"));
        assert_eq!(round.resolution, "已协调物业修好路灯");
        assert_eq!(round.satisfaction, Some(Satisfaction::Unsatisfied));
        assert_eq!(demand.round_began(), d(11, 3));
        assert!(crate::model::RecordData::check(&demand).is_empty(), "{:?}", crate::model::RecordData::check(&demand));
    }

    #[test]
    fn only_an_unsatisfied_follow_up_reopens() {
        let mut satisfied = Demand { satisfaction: Some(Satisfaction::Satisfied), ..unsatisfied() };
        let err = reopen(&mut satisfied, 7, d(11, 3), "x").unwrap_err();
        assert!(err.message(crate::i18n::Lang::Zh).contains("只有“不满意”才能重办"));
        let mut pending = Demand::new(d(10, 1), DemandCategory::Other, "x");
        assert!(matches!(reopen(&mut pending, 7, d(11, 3), "x"), Err(WorkflowError::NotReopenable { .. })));
        assert_eq!(
            reopen(&mut unsatisfied(), 7, d(11, 3), "  "),
            Err(WorkflowError::ReasonRequired(crate::workflow::ReasonFor::Reopening))
        );
    }

    #[test]
    fn a_referral_puts_the_demand_to_work_and_a_reply_needs_one() {
        let mut demand = Demand::new(d(10, 1), DemandCategory::Safety, "电动车楼道充电");
        assert_eq!(record_reply(&mut demand, 3, "已处理"), Err(WorkflowError::NotReferred { id: 3 }));
        refer(&mut demand, 3, "区消防救援大队", d(10, 5)).unwrap();
        assert_eq!(demand.status, DemandStatus::InProgress);
        assert_eq!((demand.referred_to.as_str(), demand.referred_on), ("区消防救援大队", Some(d(10, 5))));
        record_reply(&mut demand, 3, "已上门检查并劝离").unwrap();
        assert_eq!(demand.department_reply, "已上门检查并劝离");
        assert!(matches!(refer(&mut unsatisfied(), 3, "城管", d(11, 5)), Err(WorkflowError::ReferClosed { .. })));
    }
}
