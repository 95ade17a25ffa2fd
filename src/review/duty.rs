//! 述职 material: what a member did in an evaluation period, counted from the
//! records, so that the member can start their report from it. Figures run
//! from the period's first day to its last, or to today while it runs.

use crate::model::enums::{DemandStatus, MeetingStatus, Satisfaction, TaskStatus, VisitKind};
use crate::model::period::Period;
use crate::model::{AnyRecord, Demand, Household, Meeting, Member, Settings, Task, Visit, Wrap};
use crate::rules::overdue::{household_overdue, last_visits};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DutyReport {
    pub member_id: u64,
    pub member: String,
    pub post: String,
    pub period: Period,
    pub from: NaiveDate,
    pub as_of: NaiveDate,
    pub households: HouseholdFigures,
    pub visits: VisitFigures,
    pub demands: DemandFigures,
    pub follow_ups: FollowUpFigures,
    pub meetings: MeetingFigures,
    pub tasks: TaskFigures,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HouseholdFigures {
    /// Active households the member links, against `target` (households_per_member).
    pub linked: u32,
    pub target: u32,
    /// Linked households the member visited in the period.
    pub visited: u32,
    /// Linked households last visited within `cycle_days` of the as-of day.
    pub within_cycle: u32,
    pub cycle_days: u32,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitFigures {
    pub total: u32,
    /// Every kind, in the order of [`VisitKind::ALL`], zeros included.
    pub by_kind: Vec<(VisitKind, u32)>,
}

/// Demands the member handles that were pending at some time in the period.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DemandFigures {
    pub handled: u32,
    pub resolved: u32,
    pub unresolvable: u32,
    /// Handled but not closed by the as-of day.
    pub pending: u32,
}

/// Follow-up visits (回访) of the member's demands made in the period.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpFigures {
    pub total: u32,
    pub satisfied: u32,
    pub basic: u32,
    pub unsatisfied: u32,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingFigures {
    /// Joint meetings held in the period, and those the member attended.
    pub held: u32,
    pub attended: u32,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskFigures {
    /// Done in the period by their due day (or without one), and after it.
    pub on_time: u32,
    pub late: u32,
    /// Past due on the as-of day and not done by then.
    pub overdue: u32,
}

/// The window the figures cover.
struct Window {
    from: NaiveDate,
    to: NaiveDate,
}

impl Window {
    fn holds(&self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.to
    }

    fn holds_opt(&self, date: Option<NaiveDate>) -> bool {
        date.is_some_and(|d| self.holds(d))
    }
}

/// The material of member `member_id` for `period`, or `None` when there is
/// no such member among `records`. Archived records are not counted.
pub fn duty_report(
    records: &[AnyRecord],
    settings: &Settings,
    member_id: u64,
    period: Period,
    today: NaiveDate,
) -> Option<DutyReport> {
    let member = records.iter().filter(|r| r.id() == member_id).find_map(|r| Member::peek(&r.data))?;
    let w = Window { from: period.first_day(), to: period.last_day().min(today) };
    let visits: Vec<&Visit> = active::<Visit>(records).map(|(_, _, v)| v).filter(|v| v.date <= w.to).collect();
    let own_visits: Vec<&Visit> =
        visits.iter().copied().filter(|v| v.member_id == member_id && w.holds(v.date)).collect();
    let demands: Vec<&Demand> =
        active::<Demand>(records).map(|(_, _, d)| d).filter(|d| d.member_id == Some(member_id)).collect();
    Some(DutyReport {
        member_id,
        member: member.name.clone(),
        post: member.post.clone(),
        period,
        from: w.from,
        as_of: w.to,
        households: households(records, settings, member_id, &visits, &own_visits, &w),
        visits: visit_figures(&own_visits),
        demands: demand_figures(&demands, &w),
        follow_ups: follow_ups(&demands, &w),
        meetings: meetings(records, member_id, &w),
        tasks: tasks(records, member_id, &w),
    })
}

fn active<T: Wrap>(records: &[AnyRecord]) -> impl Iterator<Item = (u64, &AnyRecord, &T)> {
    records.iter().filter(|r| !r.meta.archived).filter_map(|r| T::peek(&r.data).map(|d| (r.id(), r, d)))
}

fn households(
    records: &[AnyRecord],
    settings: &Settings,
    member_id: u64,
    visits: &[&Visit],
    own_visits: &[&Visit],
    w: &Window,
) -> HouseholdFigures {
    let linked: Vec<(u64, &AnyRecord)> = active::<Household>(records)
        .filter(|(_, _, h)| h.member_id == Some(member_id))
        .map(|(id, r, _)| (id, r))
        .collect();
    let last = last_visits(visits.iter().filter_map(|v| v.household_id.map(|h| (h, v.date))));
    let cycle = settings.visit_cycle_days;
    let within = linked
        .iter()
        .filter(|(id, r)| !household_overdue(last.get(id).copied(), r.meta.created_at.date_naive(), w.to, cycle))
        .count();
    let visited = linked.iter().filter(|(id, _)| own_visits.iter().any(|v| v.household_id == Some(*id))).count();
    HouseholdFigures {
        linked: linked.len() as u32,
        target: settings.households_per_member,
        visited: visited as u32,
        within_cycle: within as u32,
        cycle_days: cycle,
    }
}

fn visit_figures(own: &[&Visit]) -> VisitFigures {
    let by_kind = VisitKind::ALL.iter().map(|k| (*k, own.iter().filter(|v| v.kind == *k).count() as u32)).collect();
    VisitFigures { total: own.len() as u32, by_kind }
}

/// The day a closed demand was closed; an unresolvable one without a date
/// counts as closed on the day it was raised.
fn closed_on(d: &Demand) -> Option<NaiveDate> {
    match d.status {
        DemandStatus::Resolved | DemandStatus::Unresolvable => Some(d.resolved_on.unwrap_or(d.raised_on)),
        _ => None,
    }
}

fn demand_figures(demands: &[&Demand], w: &Window) -> DemandFigures {
    let handled: Vec<&&Demand> =
        demands.iter().filter(|d| d.raised_on <= w.to && closed_on(d).is_none_or(|c| c >= w.from)).collect();
    let closed_as = |status| handled.iter().filter(|d| d.status == status && w.holds_opt(closed_on(d))).count() as u32;
    let resolved = closed_as(DemandStatus::Resolved);
    let unresolvable = closed_as(DemandStatus::Unresolvable);
    DemandFigures {
        handled: handled.len() as u32,
        resolved,
        unresolvable,
        pending: handled.len() as u32 - resolved - unresolvable,
    }
}

fn follow_ups(demands: &[&Demand], w: &Window) -> FollowUpFigures {
    let done: Vec<&&Demand> = demands.iter().filter(|d| w.holds_opt(d.follow_up_on)).collect();
    let rated = |s| done.iter().filter(|d| d.satisfaction == Some(s)).count() as u32;
    FollowUpFigures {
        total: done.len() as u32,
        satisfied: rated(Satisfaction::Satisfied),
        basic: rated(Satisfaction::Basic),
        unsatisfied: rated(Satisfaction::Unsatisfied),
    }
}

fn meetings(records: &[AnyRecord], member_id: u64, w: &Window) -> MeetingFigures {
    let held: Vec<&Meeting> = active::<Meeting>(records)
        .map(|(_, _, m)| m)
        .filter(|m| m.status == MeetingStatus::Held && w.holds(m.date))
        .collect();
    let attended = held.iter().filter(|m| m.attendee_ids.contains(&member_id)).count();
    MeetingFigures { held: held.len() as u32, attended: attended as u32 }
}

fn tasks(records: &[AnyRecord], member_id: u64, w: &Window) -> TaskFigures {
    let own: Vec<&Task> = active::<Task>(records).map(|(_, _, t)| t).filter(|t| t.owner_id == member_id).collect();
    let done_in = |t: &&&Task| t.status == TaskStatus::Done && w.holds_opt(t.done_on);
    let late = |t: &Task| matches!((t.done_on, t.due), (Some(done), Some(due)) if done > due);
    let done_by_then = |t: &Task| t.status == TaskStatus::Done && t.done_on.is_none_or(|d| d <= w.to);
    TaskFigures {
        on_time: own.iter().filter(done_in).filter(|t| !late(t)).count() as u32,
        late: own.iter().filter(done_in).filter(|t| late(t)).count() as u32,
        overdue: own.iter().filter(|t| t.due.is_some_and(|due| due < w.to) && !done_by_then(t)).count() as u32,
    }
}

#[cfg(test)]
pub(crate) mod tests;
