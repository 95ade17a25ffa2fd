//! The overview tab: the next joint meeting, what falls due within a week,
//! the candidate agenda, members short of their four links, overdue
//! households, demands and tasks, and visits per month. Computed from the
//! loaded data and today's date only.

use super::data::Data;
use super::held::visit_days;
use crate::model::{AnyData, AnyRecord, Kind, Meeting};
use crate::rules::calendar::{next_meeting, ScheduledMeeting};
use crate::rules::compliance::{four_links, HouseholdLink, LinkStatus};
use crate::rules::overdue::{demand_overdue, household_overdue, last_visits, task_overdue};
use crate::workflow::agenda::HotIssue;
use crate::workflow::off_calendar::{off_calendar, OffCalendar};
use crate::workflow::remind::{due_within, DueItem, DueKind, Sources, DEFAULT_DAYS};
use chrono::{Datelike, Months, NaiveDate};
use std::collections::HashMap;

/// Reminders shown on the overview before "N more".
pub const SHOWN_REMINDERS: usize = 3;

pub struct Overview {
    pub next_meeting: ScheduledMeeting,
    /// What falls due within `DEFAULT_DAYS` and has a record to open, soonest first.
    pub reminders: Vec<DueItem>,
    /// Planned meetings on a holiday or a make-up working day, by date.
    pub off_calendar: Vec<OffCalendar>,
    /// The next meeting's candidate topics worth raising: hot issues that
    /// several raised, or escalated or overdue ones (each opens its oldest
    /// demand), then late tasks: (kind, id).
    pub agenda: Vec<(Kind, u64)>,
    /// The hot issues behind the demands in `agenda`.
    pub hot: Vec<HotIssue>,
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
        let mut items: Vec<(Kind, u64)> = self.shown_reminders().iter().filter_map(reminder_target).collect();
        items.extend(self.agenda.iter().copied());
        items.extend(self.short_members.iter().map(|s| (Kind::Member, s.member_id)));
        items.extend(self.overdue_households.iter().map(|(id, _)| (Kind::Household, *id)));
        items
    }

    /// The reminders the overview lists; the rest are counted.
    pub fn shown_reminders(&self) -> &[DueItem] {
        &self.reminders[..self.reminders.len().min(SHOWN_REMINDERS)]
    }
}

/// The record a reminder opens: a contact's report opens their member.
pub fn reminder_target(item: &DueItem) -> Option<(Kind, u64)> {
    let kind = match item.kind {
        DueKind::Meeting => Kind::Meeting,
        DueKind::Task => Kind::Task,
        DueKind::Demand => Kind::Demand,
        DueKind::Household => Kind::Household,
        DueKind::ContactReport => Kind::Member,
    };
    Some((kind, item.id?))
}

pub fn overview(data: &Data, today: NaiveDate) -> Overview {
    let (last_visit, visits_per_month) = visit_summary(data, today);
    let scheduled = next_meeting(today, &data.calendar);
    // Decoded once: demands are held packed, and these are all of them that
    // the reminders, the agenda and the overdue count read.
    let pending = data.pending_demands();
    let overdue_demands = overdue_demands(data, &pending, today);
    let overdue_tasks: Vec<u64> = active(data, Kind::Task)
        .filter_map(|r| matches!(&r.data, AnyData::Task(t) if task_overdue(t, today)).then_some(r.id()))
        .collect();
    let (agenda, hot) = next_agenda(data, &pending, &scheduled, today);
    let kinds = [Kind::Member, Kind::Task, Kind::Meeting];
    let mut sources = Sources::new(kinds.iter().flat_map(|k| whole(data, *k)).chain(&pending), &last_visit);
    let households = read_households(data, &last_visit, today, &mut sources);
    Overview {
        reminders: reminders(data, &sources, &scheduled, today),
        next_meeting: planned_meeting(data, scheduled),
        off_calendar: off_calendar_meetings(data),
        agenda,
        hot,
        short_members: short_members(data, &households.links),
        overdue_households: households.overdue,
        overdue_demands,
        overdue_tasks,
        visits_per_month,
    }
}

/// The candidate topics of the next planned meeting (or of the calendar's
/// next one, when none is planned), as the meeting's own agenda groups them.
fn next_agenda(
    data: &Data,
    pending: &[AnyRecord],
    scheduled: &ScheduledMeeting,
    today: NaiveDate,
) -> (Vec<(Kind, u64)>, Vec<HotIssue>) {
    use crate::model::enums::{MeetingKind, MeetingStatus};
    let planned = active(data, Kind::Meeting)
        .filter_map(|r| match &r.data {
            AnyData::Meeting(m) if m.status == MeetingStatus::Planned && m.date >= today => Some((**m).clone()),
            _ => None,
        })
        .min_by_key(|m| m.date);
    let meeting = planned.unwrap_or_else(|| Meeting::new(scheduled.date, MeetingKind::Regular, MeetingStatus::Planned));
    let candidates = data.agenda_among(&meeting, today, pending);
    let worth = |i: &HotIssue| i.escalated || i.overdue || i.demand_ids.len() > 1;
    let hot: Vec<HotIssue> = candidates.issues.into_iter().filter(worth).collect();
    let mut agenda: Vec<(Kind, u64)> =
        hot.iter().filter_map(|i| Some((Kind::Demand, *i.demand_ids.first()?))).collect();
    agenda.extend(candidates.tasks.iter().map(|t| (Kind::Task, t.task_id)));
    (agenda, hot)
}

/// The scheduled meeting, at the date of its quarter's planned regular meeting
/// when one is planned: a meeting moved by hand is where it now is.
fn planned_meeting(data: &Data, scheduled: ScheduledMeeting) -> ScheduledMeeting {
    use crate::model::enums::{MeetingKind, MeetingStatus};
    let planned = active(data, Kind::Meeting).find_map(|r| match &r.data {
        AnyData::Meeting(m)
            if m.kind == MeetingKind::Regular
                && m.status == MeetingStatus::Planned
                && crate::model::period::Quarter::of(m.date) == scheduled.quarter =>
        {
            Some(m.date)
        }
        _ => None,
    });
    match planned {
        Some(date) if date != scheduled.date => ScheduledMeeting { date, moved_from: None, reason: None, ..scheduled },
        _ => scheduled,
    }
}

fn off_calendar_meetings(data: &Data) -> Vec<OffCalendar> {
    let meetings = active(data, Kind::Meeting).filter_map(|r| match &r.data {
        AnyData::Meeting(m) => Some((r.id(), &**m)),
        _ => None,
    });
    off_calendar(meetings, &data.calendar)
}

/// `!` after the id of a task past its due date or a demand open too long, so
/// that it shows without colour too; empty otherwise.
pub fn overdue_mark(data: &Data, rec: &crate::model::AnyRecord, today: NaiveDate) -> &'static str {
    let late = match &rec.data {
        AnyData::Task(t) => task_overdue(t, today),
        AnyData::Demand(d) => demand_overdue(d, today, &data.settings),
        _ => false,
    };
    if late && !rec.meta.archived {
        "!"
    } else {
        ""
    }
}

/// A meeting the calendar foresees but nobody planned is left out: the
/// meeting line above the reminders offers to plan it.
fn reminders(data: &Data, src: &Sources, scheduled: &ScheduledMeeting, today: NaiveDate) -> Vec<DueItem> {
    let mut items = due_within(src, &data.settings, scheduled, today, DEFAULT_DAYS);
    items.retain(|i| i.id.is_some());
    items
}

fn active(data: &Data, kind: Kind) -> impl Iterator<Item = &AnyRecord> {
    whole(data, kind).filter(|r| !r.meta.archived)
}

/// What the overview reads of the households not archived.
struct Households {
    /// Who links each, and where it is: for the four links.
    links: Vec<HouseholdLink>,
    /// Those not visited within the cycle, with their last visit.
    overdue: Vec<(u64, Option<NaiveDate>)>,
}

/// One pass over the households, each decoded once from where it is packed
/// (rather than once for each of the three that read them) and added to
/// `src` for the reminders.
fn read_households(data: &Data, last: &HashMap<u64, NaiveDate>, today: NaiveDate, src: &mut Sources) -> Households {
    let cycle = data.settings.visit_cycle_days;
    let mut read = Households { links: Vec::new(), overdue: Vec::new() };
    for rec in data.records(Kind::Household).active() {
        let (id, created) = (rec.id(), rec.meta.created_at.date_naive());
        let AnyData::Household(h) = &rec.data else { continue };
        read.links.push(HouseholdLink::from(&**h));
        let seen = last.get(&id).copied();
        if household_overdue(seen, created, today, cycle) {
            read.overdue.push((id, seen));
        }
        src.add_household(id, h, created);
    }
    read
}

/// The records of a kind the overview reads whole, borrowed: a copy of a
/// large street's households and demands took megabytes at the moment the
/// full load arrived, the workbench's peak of memory. Never a packed kind:
/// visits are read through `visit_days`, demands through `Data::pending_demands`,
/// households through `read_households`.
fn whole(data: &Data, kind: Kind) -> impl Iterator<Item = &AnyRecord> {
    debug_assert!(!crate::tui::held::packs(kind), "{kind:?} is read through its own accessor");
    data.records(kind).plain().unwrap_or_default().iter()
}

fn overdue_demands(data: &Data, pending: &[AnyRecord], today: NaiveDate) -> Vec<u64> {
    pending
        .iter()
        .filter_map(|r| {
            matches!(&r.data, AnyData::Demand(x) if demand_overdue(x, today, &data.settings)).then_some(r.id())
        })
        .collect()
}

fn short_members(data: &Data, households: &[HouseholdLink]) -> Vec<LinkStatus> {
    let members: Vec<(u64, &crate::model::Member)> = active(data, Kind::Member)
        .filter_map(|r| match &r.data {
            AnyData::Member(m) => Some((r.id(), &**m)),
            _ => None,
        })
        .collect();
    let target = data.settings.households_per_member;
    four_links(&members, households, target).into_iter().filter(LinkStatus::is_short).collect()
}

/// The last visit to each household, and (`2026-11`, visits) for the last 12
/// months, oldest first: one pass over the visits not archived, which are
/// read one at a time rather than gathered (2.4 MB at 100,000 visits).
fn visit_summary(data: &Data, today: NaiveDate) -> (HashMap<u64, NaiveDate>, Vec<(String, u64)>) {
    let first = today.with_day(1).unwrap_or(today);
    let months: Vec<NaiveDate> = (0..12).rev().filter_map(|n| first.checked_sub_months(Months::new(n))).collect();
    let mut counts = vec![0u64; months.len()];
    let visits = visit_days(data.records(Kind::Visit)).inspect(|(date, _)| {
        let month = date.with_day(1).unwrap_or(*date);
        if let Some(i) = months.iter().position(|m| *m == month) {
            counts[i] += 1;
        }
    });
    let last = last_visits(visits.filter_map(|(date, household)| Some((household?, date))));
    let per_month = months.iter().zip(counts).map(|(m, c)| (m.format("%Y-%m").to_string(), c)).collect();
    (last, per_month)
}
