//! A demand's checked steps, its follow-up visit (回访), checked plain edits,
//! and counts by category, status, community or member.

use super::{typed, typed_all, Caller, Error, Label, Need, Operation};
use crate::i18n::Lang;
use crate::model::{AnyData, AnyRecord, Demand, FieldError, Invalid, Kind, Problem, Visit};
use crate::store::{Store, StoreError};
use crate::workflow::demands::{
    record_reply, refer, reopen, DemandStep, FollowUp as FollowUpVisit, GroupKey, Grouping,
};
use crate::workflow::lifecycle::check_transition;
use crate::workflow::WorkflowError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Moves a demand one step; refused unless the lifecycle allows it, and the
/// record's own validation requires the resolution (or reason) and date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StepDemand {
    pub id: u64,
    pub step: DemandStep,
}

impl Operation for StepDemand {
    type Reply = AnyRecord;
    fn need(&self) -> Need<'_> {
        Need::records(vec![(Kind::Demand, self.id)])
    }
    fn outcome(&self, reply: &AnyRecord, _: &Label, lang: Lang) -> String {
        let id = self.id;
        let status = match &reply.data {
            AnyData::Demand(d) => d.status.label(lang),
            _ => "",
        };
        match lang {
            Lang::Zh => format!("诉求 {id} 已改为“{status}”"),
            Lang::En => format!("Demand {id} is now {status}"),
        }
    }
    fn run(self, store: &Store, caller: &Caller) -> Result<AnyRecord, Error> {
        let StepDemand { id, step } = self;
        store.write_batch(&caller.ctx, |b| {
            let mut demand: Demand = typed(b, id)?;
            let to = step.target();
            if demand.status == to || check_transition(id, demand.status, to).is_err() {
                return Err(WorkflowError::Transition { id, from: demand.status, to }.into());
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
            Ok(b.update(id, AnyData::Demand(Box::new(demand)))?)
        })
    }
}

/// Records the follow-up as a visit linked to the demand, and its date and
/// satisfaction on the demand, together. Replies the visit, then the demand.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FollowUp {
    pub demand_id: u64,
    pub follow_up: FollowUpVisit,
}

impl Operation for FollowUp {
    type Reply = Vec<AnyRecord>;
    fn need(&self) -> Need<'_> {
        Need::records(vec![(Kind::Demand, self.demand_id)])
    }
    fn outcome(&self, reply: &Vec<AnyRecord>, _: &Label, lang: Lang) -> String {
        let demand_id = self.demand_id;
        let visit = reply.first().map(AnyRecord::id).unwrap_or_default();
        match lang {
            Lang::Zh => format!("已记录诉求 {demand_id} 的回访（走访记录 {visit}）"),
            Lang::En => format!("Follow-up of demand {demand_id} recorded (visit {visit})"),
        }
    }
    fn run(self, store: &Store, caller: &Caller) -> Result<Vec<AnyRecord>, Error> {
        let FollowUp { demand_id: id, follow_up: f } = self;
        store.write_batch(&caller.ctx, |b| {
            let mut demand: Demand = typed(b, id)?;
            if let Some(on) = demand.follow_up_on {
                return Err(WorkflowError::FollowedUp { id, on }.into());
            }
            let member_id = f.member_id.or(demand.member_id).ok_or_else(|| {
                Error::from(Invalid(vec![FieldError::new(Kind::Visit, "member_id", Problem::Required)]))
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
            let visit_id = b.create(AnyData::Visit(Box::new(visit)))?;
            Ok(vec![b.get(Kind::Visit, visit_id)?, demand])
        })
    }
}

/// An edit by a user (a form, `silian edit`): as `records::Update`, but a
/// demand's status must follow its lifecycle.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EditChecked {
    pub id: u64,
    pub data: AnyData,
    pub expected_rev: Option<u64>,
}

impl Operation for EditChecked {
    type Reply = AnyRecord;
    fn need(&self) -> Need<'_> {
        Need::Records { touched: vec![(self.data.kind(), self.id)], new_data: Some((self.id, &self.data)) }
    }
    fn outcome(&self, rec: &AnyRecord, label: &Label, lang: Lang) -> String {
        super::records::said(lang.pick("已修改", "Saved"), rec, label, lang)
    }
    fn run(self, store: &Store, caller: &Caller) -> Result<AnyRecord, Error> {
        let EditChecked { id, data, expected_rev } = self;
        super::review::refuse_locked(store, data.kind(), id)?;
        if let AnyData::Demand(new) = &data {
            let old = store.get(Kind::Demand, id)?.ok_or(StoreError::NotFound { kind: Kind::Demand, id })?;
            if let AnyData::Demand(old) = &old.data {
                check_transition(id, old.status, new.status)?;
            }
        }
        Ok(store.update(&caller.ctx, id, data, expected_rev)?)
    }
}

/// Unarchived demands counted per group, in the order of the key.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CountDemands {
    pub by: Grouping,
}

impl Operation for CountDemands {
    type Reply = Vec<(GroupKey, usize)>;
    fn need(&self) -> Need<'_> {
        Need::Read
    }
    fn run(self, store: &Store, _: &Caller) -> Result<Vec<(GroupKey, usize)>, Error> {
        let demands: Vec<(u64, Demand)> = typed_all(store.list(Kind::Demand, false)?);
        let mut counts = std::collections::BTreeMap::new();
        for (_, d) in &demands {
            let key = match self.by {
                Grouping::Category => GroupKey::Category(d.category),
                Grouping::Status => GroupKey::Status(d.status),
                Grouping::Community => GroupKey::Community(community_of(store, d)?),
                Grouping::Member => GroupKey::Member(d.member_id),
            };
            *counts.entry(key).or_insert(0) += 1;
        }
        Ok(counts.into_iter().collect())
    }
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

/// 重办 after an unsatisfied follow-up: the demand goes back to work, its
/// closed round kept in its history (see [`crate::workflow::demands::reopen`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReopenDemand {
    pub id: u64,
    pub on: NaiveDate,
    pub reason: String,
}

impl Operation for ReopenDemand {
    type Reply = AnyRecord;
    fn need(&self) -> Need<'_> {
        Need::records(vec![(Kind::Demand, self.id)])
    }
    fn outcome(&self, reply: &AnyRecord, _: &Label, lang: Lang) -> String {
        let (id, round) = (self.id, rounds_of(reply));
        match lang {
            Lang::Zh => format!("诉求 {id} 已重办（第 {} 轮），状态改为“办理中”", round + 1),
            Lang::En => format!("Demand {id} reopened (round {}); it is in progress again", round + 1),
        }
    }
    fn run(self, store: &Store, caller: &Caller) -> Result<AnyRecord, Error> {
        let ReopenDemand { id, on, reason } = self;
        change_demand(store, caller, id, |d| reopen(d, id, on, &reason))
    }
}

/// 转办: the demand is handed to a functional department on a date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReferDemand {
    pub id: u64,
    pub department: String,
    pub on: NaiveDate,
}

impl Operation for ReferDemand {
    type Reply = AnyRecord;
    fn need(&self) -> Need<'_> {
        Need::records(vec![(Kind::Demand, self.id)])
    }
    fn outcome(&self, _: &AnyRecord, _: &Label, lang: Lang) -> String {
        let (id, to, on) = (self.id, self.department.trim(), self.on);
        match lang {
            Lang::Zh => format!("诉求 {id} 已于 {on} 转办至{to}"),
            Lang::En => format!("Demand {id} referred to {to} on {on}"),
        }
    }
    fn run(self, store: &Store, caller: &Caller) -> Result<AnyRecord, Error> {
        let ReferDemand { id, department, on } = self;
        change_demand(store, caller, id, |d| refer(d, id, &department, on))
    }
}

/// The department's reply to a referred demand.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DepartmentReply {
    pub id: u64,
    pub reply: String,
}

impl Operation for DepartmentReply {
    type Reply = AnyRecord;
    fn need(&self) -> Need<'_> {
        Need::records(vec![(Kind::Demand, self.id)])
    }
    fn outcome(&self, _: &AnyRecord, _: &Label, lang: Lang) -> String {
        let id = self.id;
        match lang {
            Lang::Zh => format!("已记录诉求 {id} 的部门答复"),
            Lang::En => format!("Department's reply to demand {id} recorded"),
        }
    }
    fn run(self, store: &Store, caller: &Caller) -> Result<AnyRecord, Error> {
        let DepartmentReply { id, reply } = self;
        change_demand(store, caller, id, |d| record_reply(d, id, &reply))
    }
}

/// How many times the demand was reopened.
fn rounds_of(rec: &AnyRecord) -> usize {
    match &rec.data {
        AnyData::Demand(d) => d.rounds.len(),
        _ => 0,
    }
}

/// Reads demand `id`, applies a workflow step to it and saves it, in one batch.
fn change_demand(
    store: &Store,
    caller: &Caller,
    id: u64,
    step: impl FnOnce(&mut Demand) -> Result<(), WorkflowError>,
) -> Result<AnyRecord, Error> {
    store.write_batch(&caller.ctx, |b| {
        let mut demand: Demand = typed(b, id)?;
        step(&mut demand)?;
        Ok(b.update(id, AnyData::Demand(Box::new(demand)))?)
    })
}
