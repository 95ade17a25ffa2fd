//! A demand's checked steps, its follow-up visit (回访), checked plain edits,
//! and counts by category, status, community or member.

use super::lifecycle::check_transition;
use super::{refused, typed, typed_all, WorkflowError};
use crate::model::enums::{DemandCategory, DemandStatus, Satisfaction, VisitKind};
use crate::model::{AnyData, AnyRecord, Demand, FieldError, Invalid, Kind, Problem, Visit};
use crate::store::{Context, Store, StoreError};
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

/// Moves a demand one step; refused unless the lifecycle allows it, and the
/// record's own validation requires the resolution (or reason) and date.
pub fn step_demand(store: &Store, ctx: &Context, id: u64, step: DemandStep) -> Result<AnyRecord, StoreError> {
    store.write_batch(ctx, |b| {
        let mut demand: Demand = typed(b, id)?;
        let to = step.target();
        if demand.status == to || check_transition(id, demand.status, to).is_err() {
            return Err(refused(WorkflowError::Transition { id, from: demand.status, to }));
        }
        demand.status = to;
        match step {
            DemandStep::Resolve { resolution, on } => {
                demand.resolution = resolution;
                demand.resolved_on = Some(on);
            }
            DemandStep::Unresolvable { reason, on } => {
                demand.resolution = reason;
                demand.resolved_on = on;
            }
            DemandStep::Start | DemandStep::Escalate => {}
        }
        b.update(id, AnyData::Demand(Box::new(demand)))
    })
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

/// Records the follow-up as a visit linked to the demand, and its date and
/// satisfaction on the demand, together. Returns the visit, then the demand.
pub fn follow_up(store: &Store, ctx: &Context, id: u64, f: FollowUp) -> Result<Vec<AnyRecord>, StoreError> {
    store.write_batch(ctx, |b| {
        let mut demand: Demand = typed(b, id)?;
        if let Some(on) = demand.follow_up_on {
            return Err(refused(WorkflowError::FollowedUp { id, on }));
        }
        let member_id = f.member_id.or(demand.member_id).ok_or_else(|| {
            StoreError::Invalid(Invalid(vec![FieldError::new(Kind::Visit, "member_id", Problem::Required)]))
        })?;
        demand.follow_up_on = Some(f.on);
        demand.satisfaction = Some(f.satisfaction);
        let summary = f.summary.unwrap_or_else(|| format!("回访：{}", f.satisfaction.label(crate::i18n::Lang::Zh)));
        let visit = Visit {
            date: f.on,
            member_id,
            kind: f.kind,
            household_id: demand.household_id,
            unit_id: demand.unit_id,
            community_id: demand.community_id,
            visitor: demand.visitor.clone(),
            summary,
            demand_id: Some(id),
        };
        // The demand first: a follow-up of a pending demand is refused by its own check.
        let demand = b.update(id, AnyData::Demand(Box::new(demand)))?;
        let visit_id = b.create(AnyData::Visit(visit))?;
        Ok(vec![b.get(Kind::Visit, visit_id)?, demand])
    })
}

/// A plain edit from a form or `silian edit`: a demand's status must follow the lifecycle.
pub fn edit_checked(
    store: &Store,
    ctx: &Context,
    id: u64,
    data: AnyData,
    expected_rev: Option<u64>,
) -> Result<AnyRecord, StoreError> {
    if let AnyData::Demand(new) = &data {
        let old = store.get(Kind::Demand, id)?.ok_or(StoreError::NotFound { kind: Kind::Demand, id })?;
        if let AnyData::Demand(old) = &old.data {
            check_transition(id, old.status, new.status).map_err(refused)?;
        }
    }
    store.update(ctx, id, data, expected_rev)
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

/// Unarchived demands counted per group, in the order of the key.
pub fn count_demands(store: &Store, by: Grouping) -> Result<Vec<(GroupKey, usize)>, StoreError> {
    let demands: Vec<(u64, Demand)> = typed_all(store.list(Kind::Demand, false)?);
    let mut counts = std::collections::BTreeMap::new();
    for (_, d) in &demands {
        let key = match by {
            Grouping::Category => GroupKey::Category(d.category),
            Grouping::Status => GroupKey::Status(d.status),
            Grouping::Community => GroupKey::Community(community_of(store, d)?),
            Grouping::Member => GroupKey::Member(d.member_id),
        };
        *counts.entry(key).or_insert(0) += 1;
    }
    Ok(counts.into_iter().collect())
}

/// The demand's community, or its household's.
fn community_of(store: &Store, d: &Demand) -> Result<Option<u64>, StoreError> {
    if d.community_id.is_some() {
        return Ok(d.community_id);
    }
    let Some(hid) = d.household_id else { return Ok(None) };
    Ok(match store.get(Kind::Household, hid)?.map(|r| r.data) {
        Some(AnyData::Household(h)) => Some(h.community_id),
        _ => None,
    })
}
