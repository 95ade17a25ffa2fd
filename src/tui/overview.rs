//! The overview tab: the next joint meeting and its candidate agenda, members
//! short of their four links, overdue households, demands and tasks, and visits
//! per month. Computed from the loaded data and today's date only.

use super::data::Data;
use crate::model::{AnyData, Kind};
use crate::rules::calendar::{next_meeting, ScheduledMeeting};
use crate::rules::compliance::{four_links, LinkStatus};
use crate::rules::overdue::{demand_overdue, household_overdue, last_visits, task_overdue};
use chrono::{Datelike, Months, NaiveDate};

pub struct Overview {
    pub next_meeting: ScheduledMeeting,
    /// Escalated and overdue demands, overdue tasks: (kind, id).
    pub agenda: Vec<(Kind, u64)>,
    pub short_members: Vec<LinkStatus>,
    /// Households not visited within the cycle, with their last visit.
    pub overdue_households: Vec<(u64, Option<NaiveDate>)>,
    pub overdue_demands: Vec<u64>,
    pub overdue_tasks: Vec<u64>,
    /// (`2026-11`, visits) for the last 12 months, oldest first.
    pub visits_per_month: Vec<(String, u64)>,
}

impl Overview {
    /// Every record the overview names, in the order it shows them, for keyboard selection.
    pub fn items(&self) -> Vec<(Kind, u64)> {
        let mut items = self.agenda.clone();
        items.extend(self.short_members.iter().map(|s| (Kind::Member, s.member_id)));
        items.extend(self.overdue_households.iter().map(|(id, _)| (Kind::Household, *id)));
        items
    }
}

pub fn overview(data: &Data, today: NaiveDate) -> Overview {
    let overdue_demands = overdue_demands(data, today);
    let overdue_tasks: Vec<u64> = active(data, Kind::Task)
        .filter_map(|(id, d)| matches!(d, AnyData::Task(t) if task_overdue(t, today)).then_some(id))
        .collect();
    let escalated = active(data, Kind::Demand)
        .filter_map(|(id, d)| matches!(d, AnyData::Demand(x) if x.status.id() == "escalated").then_some(id));
    let mut agenda: Vec<(Kind, u64)> = escalated.map(|id| (Kind::Demand, id)).collect();
    let late: Vec<(Kind, u64)> =
        overdue_demands.iter().map(|id| (Kind::Demand, *id)).filter(|item| !agenda.contains(item)).collect();
    agenda.extend(late);
    agenda.extend(overdue_tasks.iter().map(|id| (Kind::Task, *id)));
    Overview {
        next_meeting: next_meeting(today, &data.calendar),
        agenda,
        short_members: short_members(data),
        overdue_households: overdue_households(data, today),
        overdue_demands,
        overdue_tasks,
        visits_per_month: visits_per_month(data, today),
    }
}

/// `!` after the id of a task past its due date or a demand open too long, so
/// that it shows without colour too; empty otherwise.
pub fn overdue_mark(data: &Data, rec: &crate::model::AnyRecord, today: NaiveDate) -> &'static str {
    let late = match &rec.data {
        AnyData::Task(t) => task_overdue(t, today),
        AnyData::Demand(d) => demand_overdue(d, today, data.settings.demand_due_days),
        _ => false,
    };
    if late && !rec.meta.archived {
        "!"
    } else {
        ""
    }
}

fn active(data: &Data, kind: Kind) -> impl Iterator<Item = (u64, &AnyData)> {
    data.records(kind).iter().filter(|r| !r.meta.archived).map(|r| (r.id(), &r.data))
}

fn overdue_demands(data: &Data, today: NaiveDate) -> Vec<u64> {
    let due = data.settings.demand_due_days;
    active(data, Kind::Demand)
        .filter_map(|(id, d)| matches!(d, AnyData::Demand(x) if demand_overdue(x, today, due)).then_some(id))
        .collect()
}

fn short_members(data: &Data) -> Vec<LinkStatus> {
    let members: Vec<(u64, &crate::model::Member)> = active(data, Kind::Member)
        .filter_map(|(id, d)| match d {
            AnyData::Member(m) => Some((id, &**m)),
            _ => None,
        })
        .collect();
    let households: Vec<&crate::model::Household> = active(data, Kind::Household)
        .filter_map(|(_, d)| match d {
            AnyData::Household(h) => Some(&**h),
            _ => None,
        })
        .collect();
    let target = data.settings.households_per_member;
    four_links(&members, &households, target).into_iter().filter(LinkStatus::is_short).collect()
}

fn overdue_households(data: &Data, today: NaiveDate) -> Vec<(u64, Option<NaiveDate>)> {
    let visits = active(data, Kind::Visit).filter_map(|(_, d)| match d {
        AnyData::Visit(v) => v.household_id.map(|h| (h, v.date)),
        _ => None,
    });
    let last = last_visits(visits);
    let cycle = data.settings.visit_cycle_days;
    data.records(Kind::Household)
        .iter()
        .filter(|r| !r.meta.archived)
        .filter_map(|r| {
            let seen = last.get(&r.id()).copied();
            let since = r.meta.created_at.date_naive();
            household_overdue(seen, since, today, cycle).then_some((r.id(), seen))
        })
        .collect()
}

fn visits_per_month(data: &Data, today: NaiveDate) -> Vec<(String, u64)> {
    let first = today.with_day(1).unwrap_or(today);
    let months: Vec<NaiveDate> = (0..12).rev().filter_map(|n| first.checked_sub_months(Months::new(n))).collect();
    let mut counts = vec![0u64; months.len()];
    for (_, d) in active(data, Kind::Visit) {
        let AnyData::Visit(v) = d else { continue };
        let month = v.date.with_day(1).unwrap_or(v.date);
        if let Some(i) = months.iter().position(|m| *m == month) {
            counts[i] += 1;
        }
    }
    months.iter().zip(counts).map(|(m, c)| (m.format("%Y-%m").to_string(), c)).collect()
}
