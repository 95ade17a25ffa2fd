//! 督办: what falls due within a few days and what is already late — the next
//! joint meeting, tasks, demands near their limit, households near the end of
//! their visit cycle, and contact persons whose regular report (定期汇报) is due.
//! Computed from the records and the settings alone; today is passed in.

use super::tasks::reporter_of;
use crate::model::enums::{MeetingStatus, TaskStatus};
use crate::model::period::Quarter;
use crate::model::privacy::mask_numbers_in_text;
use crate::model::{AnyData, AnyRecord, Demand, Household, Meeting, Member, Settings, Task};
use crate::rules::calendar::ScheduledMeeting;
use crate::rules::overdue::{days_after, days_since, demand_due_on, household_due_on};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// How far ahead `silian remind` and the overview look unless told.
pub const DEFAULT_DAYS: u32 = 7;
/// The furthest ahead one may look: a year.
pub const MAX_DAYS: u32 = 366;

/// What falls due; in the order of [`DueItem`]s due the same day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DueKind {
    Meeting,
    Task,
    Demand,
    Household,
    ContactReport,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueItem {
    pub kind: DueKind,
    /// The meeting, task, demand or household; the member for a contact's
    /// report; none for a meeting the calendar foresees that is not planned yet.
    pub id: Option<u64>,
    /// Names only (a task's title, a household's head, a contact's name, a
    /// meeting's quarter), never a resident's phone or address.
    pub label: String,
    /// The member responsible: owner, handling or linking member, the meeting's chair.
    pub member_id: Option<u64>,
    pub member: String,
    pub due: NaiveDate,
    /// Negative when late.
    pub days_left: i64,
    /// Meetings only: whether its notice was recorded, when that is known.
    pub notice_recorded: Option<bool>,
}

/// What is late for one member (none: nobody is named).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberLate {
    pub member_id: Option<u64>,
    pub member: String,
    /// Longest late first.
    pub items: Vec<DueItem>,
}

/// A household with a linking member, as its reminder reads it.
struct LinkedHousehold {
    id: u64,
    member_id: u64,
    head: String,
    linked: NaiveDate,
}

/// The records reminders are computed from, archived ones left out, and
/// each household's last visit.
pub struct Sources<'a> {
    names: HashMap<u64, &'a str>,
    members: Vec<(u64, &'a Member)>,
    /// Linked households: what their reminder needs, copied, so that a
    /// household decoded for the moment can be added (`add_household`).
    households: Vec<LinkedHousehold>,
    demands: Vec<(u64, &'a Demand)>,
    /// With the day each was created.
    tasks: Vec<(u64, &'a Task, NaiveDate)>,
    meetings: Vec<(u64, &'a Meeting)>,
    last_visits: &'a HashMap<u64, NaiveDate>,
}

impl<'a> Sources<'a> {
    /// From records of any kinds (visits are read through `last_visits`).
    pub fn new(records: impl IntoIterator<Item = &'a AnyRecord>, last_visits: &'a HashMap<u64, NaiveDate>) -> Self {
        let mut src = Sources {
            names: HashMap::new(),
            members: Vec::new(),
            households: Vec::new(),
            demands: Vec::new(),
            tasks: Vec::new(),
            meetings: Vec::new(),
            last_visits,
        };
        for rec in records {
            src.add(rec);
        }
        src
    }

    fn add(&mut self, rec: &'a AnyRecord) {
        let (id, created) = (rec.id(), rec.meta.created_at.date_naive());
        if let AnyData::Member(m) = &rec.data {
            // An archived member still names what was theirs.
            self.names.insert(id, m.name.as_str());
        }
        if rec.meta.archived {
            return;
        }
        match &rec.data {
            AnyData::Member(m) => self.members.push((id, m)),
            AnyData::Household(h) => self.add_household(id, h, created),
            AnyData::Demand(d) => self.demands.push((id, d)),
            AnyData::Task(t) => self.tasks.push((id, t, created)),
            AnyData::Meeting(m) => self.meetings.push((id, m)),
            _ => {}
        }
    }

    /// Household `id`, created on `created` and not archived: the workbench
    /// holds households packed and decodes them one at a time.
    pub fn add_household(&mut self, id: u64, h: &Household, created: NaiveDate) {
        if let Some(member_id) = h.member_id {
            self.households.push(LinkedHousehold { id, member_id, head: h.head.clone(), linked: created });
        }
    }

    /// The day a task was given: its meeting's day, else the day it was created.
    fn given_on(&self, task: &Task, created: NaiveDate) -> NaiveDate {
        let meeting = task.meeting_id.and_then(|id| self.meetings.iter().find(|(m, _)| *m == id));
        meeting.map_or(created, |(_, m)| m.date)
    }

    fn member_name(&self, id: Option<u64>) -> String {
        id.map_or_else(String::new, |id| self.names.get(&id).map_or_else(|| format!("#{id}"), |n| n.to_string()))
    }

    fn item(&self, kind: DueKind, id: Option<u64>, label: String, member_id: Option<u64>, due: NaiveDate) -> DueItem {
        let member = self.member_name(member_id);
        DueItem { kind, id, label, member_id, member, due, days_left: 0, notice_recorded: None }
    }
}

/// Whether a meeting's notice (通知) was recorded; `None` for a meeting
/// that is not a record yet (only the calendar's date is known).
pub fn notice_recorded(meeting: &Meeting) -> Option<bool> {
    Some(meeting.notice_on.is_some())
}

/// Everything due from `today` to `days` days later, soonest first: the next
/// joint meeting, then tasks, demands, households and contacts' reports.
pub fn due_within(
    src: &Sources,
    settings: &Settings,
    scheduled: &ScheduledMeeting,
    today: NaiveDate,
    days: u32,
) -> Vec<DueItem> {
    let until = days_after(today, days);
    // Kept as they come rather than gathered and then sifted: a large
    // street's every household and demand, gathered, held 1.5 MB for as long
    // as the overview showed the few that fall due (issue 22).
    let mut items: Vec<DueItem> = std::iter::once(next_meeting(src, scheduled, today))
        .chain(dated(src, settings))
        .filter(|i| today <= i.due && i.due <= until)
        .collect();
    finish(&mut items, today);
    items
}

/// Everything already late on `today`, grouped by the member responsible (in
/// id order, nobody last), each group longest late first.
pub fn overdue(src: &Sources, settings: &Settings, today: NaiveDate) -> Vec<MemberLate> {
    let mut items: Vec<DueItem> =
        dated(src, settings).chain(missed_meetings(src, today)).filter(|i| i.due < today).collect();
    finish(&mut items, today);
    let mut groups: BTreeMap<(bool, u64), MemberLate> = BTreeMap::new();
    for item in items {
        let key = (item.member_id.is_none(), item.member_id.unwrap_or(0));
        let group = groups.entry(key).or_insert_with(|| MemberLate {
            member_id: item.member_id,
            member: item.member.clone(),
            items: Vec::new(),
        });
        group.items.push(item);
    }
    groups.into_values().collect()
}

fn finish(items: &mut [DueItem], today: NaiveDate) {
    for item in items.iter_mut() {
        item.days_left = -days_since(item.due, today);
    }
    items.sort_by_key(|i| (i.due, i.kind, i.id));
}

/// Tasks, demands, households and reports, each with the day it falls due.
fn dated<'s>(src: &'s Sources, settings: &'s Settings) -> impl Iterator<Item = DueItem> + 's {
    tasks(src).chain(demands(src, settings)).chain(households(src, settings)).chain(reports(src, settings))
}

/// The next planned meeting on or after today, else the calendar's next date.
fn next_meeting(src: &Sources, scheduled: &ScheduledMeeting, today: NaiveDate) -> DueItem {
    let planned = src
        .meetings
        .iter()
        .filter(|(_, m)| m.status == MeetingStatus::Planned && m.date >= today)
        .min_by_key(|(id, m)| (m.date, *id));
    match planned {
        Some((id, m)) => {
            let mut item = src.item(DueKind::Meeting, Some(*id), meeting_label(m), m.chair_id, m.date);
            item.notice_recorded = notice_recorded(m);
            item
        }
        None => src.item(DueKind::Meeting, None, scheduled.quarter.to_string(), None, scheduled.date),
    }
}

/// Planned meetings whose day has passed without their being held.
fn missed_meetings<'s>(src: &'s Sources, today: NaiveDate) -> impl Iterator<Item = DueItem> + 's {
    src.meetings
        .iter()
        .filter(move |(_, m)| m.status == MeetingStatus::Planned && m.date < today)
        .map(|(id, m)| src.item(DueKind::Meeting, Some(*id), meeting_label(m), m.chair_id, m.date))
}

fn meeting_label(m: &Meeting) -> String {
    let quarter = m.quarter.unwrap_or_else(|| Quarter::of(m.date)).to_string();
    match m.location.trim() {
        "" => quarter,
        place => format!("{quarter} {place}"),
    }
}

fn tasks<'s>(src: &'s Sources) -> impl Iterator<Item = DueItem> + 's {
    src.tasks
        .iter()
        .filter(|(_, t, _)| t.status != TaskStatus::Done)
        .filter_map(|(id, t, _)| Some(src.item(DueKind::Task, Some(*id), t.title.clone(), Some(t.owner_id), t.due?)))
}

fn demands<'s>(src: &'s Sources, settings: &'s Settings) -> impl Iterator<Item = DueItem> + 's {
    src.demands
        .iter()
        .filter(|(_, d)| d.status.is_pending())
        .map(|(id, d)| src.item(DueKind::Demand, Some(*id), demand_label(d), d.member_id, demand_due_on(d, settings)))
}

/// The start of what was said, numbers typed into it masked as lists mask them.
fn demand_label(d: &Demand) -> String {
    let text: String = mask_numbers_in_text(&d.content).chars().take(30).collect();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Linked households, by the end of their visit cycle.
fn households<'s>(src: &'s Sources, settings: &'s Settings) -> impl Iterator<Item = DueItem> + 's {
    let cycle = settings.visit_cycle_days;
    src.households.iter().map(move |h| {
        let due = household_due_on(src.last_visits.get(&h.id).copied(), h.linked, cycle);
        src.item(DueKind::Household, Some(h.id), h.head.clone(), Some(h.member_id), due)
    })
}

/// A contact person (or, with none named, the member: see [`reporter_of`])
/// reports every `report_cycle_days` while their member has unfinished tasks.
/// The cycle runs from the later of their last report on any of the member's
/// tasks and the day the oldest unfinished task was given (its meeting's day,
/// else the day it was created — an imported task's meeting says when better
/// than the import): a contact is not late for work that did not yet exist.
fn reports<'s>(src: &'s Sources, settings: &'s Settings) -> impl Iterator<Item = DueItem> + 's {
    src.members.iter().filter_map(|(member_id, member)| {
        let own: Vec<&Task> =
            src.tasks.iter().filter(|(_, t, _)| t.owner_id == *member_id).map(|(_, t, _)| *t).collect();
        let open_since = src
            .tasks
            .iter()
            .filter(|(_, t, _)| t.owner_id == *member_id && t.status != TaskStatus::Done)
            .map(|(_, t, created)| src.given_on(t, *created))
            .min()?;
        let reporter = reporter_of(member);
        let last_report =
            own.iter().flat_map(|t| &t.progress).filter(|p| p.reporter.trim() == reporter.trim()).map(|p| p.date).max();
        let start = last_report.map_or(open_since, |r| r.max(open_since));
        let due = days_after(start, settings.report_cycle_days);
        Some(src.item(DueKind::ContactReport, Some(*member_id), reporter, Some(*member_id), due))
    })
}

#[cfg(test)]
mod tests;
