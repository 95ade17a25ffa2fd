//! The joint meetings: one per quarter on the rule's date, a couple of extra
//! ones, the demands sent to them, and what they decided.

use super::pools::{pick, LEADER, OFFICE_DIRECTOR, SHORT_MEMBERS};
use super::tasks::{self, Sitting};
use super::texts::{self, EXTRA_TOPICS};
use super::{add_days, chance, id, Span, Street};
use crate::model::enums::{DemandCategory, DemandStatus, MeetingKind, MeetingStatus};
use crate::model::period::Quarter;
use crate::model::{Demand, Meeting, Task, Topic};
use crate::rules::calendar::quarterly_schedule;
use crate::rules::holidays::HolidayCalendar;
use chrono::{Datelike, NaiveDate, Weekday};
use fastrand::Rng;
use std::cell::Cell;
use std::collections::BTreeMap;

const LOCATIONS: &[&str] =
    &["街道党群服务中心三楼会议室", "街道办事处第一会议室", "滨江实验小学会议室（共建单位轮值）"];
/// The last regular meeting at least this old leaves a task undone past its due date.
const STALL_AGE_DAYS: i64 = 120;
/// A demand goes to the first meeting at least this many days after it was raised.
const NOTICE_DAYS: i64 = 7;

/// A meeting's date and kind, before its topics are known.
pub struct Slot {
    pub date: NaiveDate,
    pub kind: MeetingKind,
    pub status: MeetingStatus,
    /// Index into [`EXTRA_TOPICS`] for an extra meeting.
    pub extra: Option<usize>,
    /// Its first task stalls: some demand surely waits on an overdue task.
    pub stall: bool,
}

/// Every regular meeting in the span (held), the next one (planned) and the
/// last two extra meetings, by date.
pub fn schedule(span: Span, cal: &HolidayCalendar) -> Vec<Slot> {
    let regular = (span.start.year()..=span.today.year() + 1).flat_map(|y| quarterly_schedule(y, cal));
    let mut slots: Vec<Slot> = Vec::new();
    for date in regular.map(|m| m.date).filter(|&d| d >= span.start) {
        if slots.last().is_some_and(|s| s.status == MeetingStatus::Planned) {
            break;
        }
        let status = if date <= span.today { MeetingStatus::Held } else { MeetingStatus::Planned };
        slots.push(Slot { date, kind: MeetingKind::Regular, status, extra: None, stall: false });
    }
    let mut extras: Vec<Slot> = (span.start.year()..=span.today.year())
        .flat_map(|y| [(y, 7, 15, 0), (y, 11, 18, 1)])
        .filter_map(|(y, m, d, extra)| Some((NaiveDate::from_ymd_opt(y, m, d)?, extra)))
        .map(|(d, extra)| (midweek_working_day(d, cal), extra))
        .filter(|&(d, _)| d >= add_days(span.start, 20) && d <= add_days(span.today, -10))
        .map(|(date, extra)| Slot {
            date,
            kind: MeetingKind::Extra,
            status: MeetingStatus::Held,
            extra: Some(extra),
            stall: false,
        })
        .collect();
    slots.extend(extras.drain(extras.len().saturating_sub(2)..));
    slots.sort_by_key(|s| s.date);
    let long_ago = add_days(span.today, -STALL_AGE_DAYS);
    if let Some(s) = slots.iter_mut().rev().find(|s| s.kind == MeetingKind::Regular && s.date < long_ago) {
        s.stall = true;
    }
    slots
}

/// The first Tuesday to Thursday on or after `day` that is a working day.
fn midweek_working_day(day: NaiveDate, cal: &HolidayCalendar) -> NaiveDate {
    let midweek = |d: &NaiveDate| matches!(d.weekday(), Weekday::Tue | Weekday::Wed | Weekday::Thu);
    day.iter_days().take(30).find(|d| midweek(d) && cal.is_working_day(*d)).unwrap_or(day)
}

/// Sends some demands to the next meeting: the big issues (加装电梯, 停车难…)
/// often, others rarely; the planned meeting gets at least two, the stalling
/// one at least one. Returns the demand indexes per slot.
pub fn escalate(rng: &mut Rng, demands: &mut [Demand], slots: &[Slot]) -> Vec<Vec<usize>> {
    let mut agenda = vec![Vec::new(); slots.len()];
    for (i, demand) in demands.iter_mut().enumerate() {
        let percent = if texts::is_major(&demand.content) { 30 } else { 1 };
        if let Some(s) = slot_after(slots, demand.raised_on).filter(|_| chance(rng, percent)) {
            send(demand, s);
            agenda[s].push(i);
        }
    }
    for (s, slot) in slots.iter().enumerate() {
        let planned = slot.status == MeetingStatus::Planned;
        let wanted = if planned { 2 } else { usize::from(slot.stall) };
        // Right after a meeting nothing may be due for the next one yet: the
        // planned one then takes the latest demands, as if too late for the last.
        let fits = |i: usize| {
            if planned {
                demands[i].raised_on <= add_days(slot.date, -NOTICE_DAYS)
            } else {
                slot_after(slots, demands[i].raised_on) == Some(s)
            }
        };
        let waiting = (0..demands.len()).rev().filter(|&i| demands[i].status == DemandStatus::Open);
        let due_here: Vec<usize> = waiting.filter(|&i| fits(i)).take(wanted.saturating_sub(agenda[s].len())).collect();
        for i in due_here {
            send(&mut demands[i], s);
            agenda[s].push(i);
        }
        agenda[s].sort_unstable();
    }
    agenda
}

fn slot_after(slots: &[Slot], raised_on: NaiveDate) -> Option<usize> {
    let s = slots.partition_point(|s| s.date < add_days(raised_on, NOTICE_DAYS));
    (s < slots.len()).then_some(s)
}

fn send(demand: &mut Demand, slot: usize) {
    demand.status = DemandStatus::Escalated;
    demand.meeting_id = Some(id(slot));
}

/// The meetings in slot order; held ones hand out tasks and move their demands on.
pub fn hold(
    rng: &mut Rng,
    span: Span,
    slots: &[Slot],
    agenda: &[Vec<usize>],
    demands: &mut [Demand],
    street: &Street,
) -> (Vec<Meeting>, Vec<Task>) {
    let mut tasks = Vec::new();
    let mut meetings = Vec::with_capacity(slots.len());
    for (s, slot) in slots.iter().enumerate() {
        let stall = Cell::new(slot.stall);
        let sitting = Sitting { meeting_id: id(s), date: slot.date, today: span.today, street, stall };
        let groups = by_category(&agenda[s], demands);
        let (title, discussion, decision, line) = standing(slot);
        let mut topics: Vec<Topic> = Vec::new();
        if slot.status == MeetingStatus::Held {
            for (category, group) in groups {
                topics.push(tasks::demand_topic(rng, &sitting, category, &group, demands, &mut tasks));
            }
            topics.push(tasks::standing_topic(rng, &sitting, (title, discussion, decision), line, &mut tasks));
        } else {
            topics.extend(groups.into_iter().map(|(c, group)| agenda_topic(c, &group)));
            topics.push(Topic { title: title.to_string(), ..Topic::default() });
        }
        meetings.push(meeting(rng, slot, topics, street));
    }
    (meetings, tasks)
}

fn standing(slot: &Slot) -> (&'static str, &'static str, &'static str, &'static str) {
    match slot.extra {
        Some(e) => EXTRA_TOPICS[e],
        None => {
            let q = Quarter::of(slot.date);
            texts::standing_topic(q.q, q.year)
        }
    }
}

fn by_category(indexes: &[usize], demands: &[Demand]) -> BTreeMap<DemandCategory, Vec<usize>> {
    let mut groups: BTreeMap<DemandCategory, Vec<usize>> = BTreeMap::new();
    for &i in indexes {
        groups.entry(demands[i].category).or_default().push(i);
    }
    groups
}

/// A topic of a meeting still to come: what it will discuss, nothing decided.
fn agenda_topic(category: DemandCategory, group: &[usize]) -> Topic {
    Topic {
        title: tasks::topic_title(category, group.len()),
        demand_ids: group.iter().map(|&i| id(i)).collect(),
        ..Topic::default()
    }
}

fn meeting(rng: &mut Rng, slot: &Slot, topics: Vec<Topic>, street: &Street) -> Meeting {
    let held = slot.status == MeetingStatus::Held;
    let attendee_ids = if held { attendees(rng, street.members.len()) } else { Vec::new() };
    let location = pick(rng, LOCATIONS);
    let minutes = if held { minutes(slot, location, &attendee_ids, &topics, street) } else { String::new() };
    Meeting {
        date: slot.date,
        quarter: Some(Quarter::of(slot.date)),
        kind: slot.kind,
        location: location.to_string(),
        chair_id: Some(id(LEADER)),
        attendee_ids,
        topics,
        minutes,
        status: slot.status,
        // A held meeting's notice went out a week before, and it cost a few
        // hundred yuan. Taken from the date, not the generator, so that the
        // rest of the demo stays as it was.
        notice_on: held.then(|| slot.date - chrono::Days::new(7)),
        funding: held.then(|| 300 + 100 * (slot.date.ordinal() % 8)),
        funding_note: if held { FUNDING_NOTES[slot.date.ordinal() as usize % 3].to_string() } else { String::new() },
    }
}

const FUNDING_NOTES: &[&str] = &["会务资料印制", "会务资料及茶水", "会场布置及资料"];

/// The leading group always comes; the members short of their links often miss it.
fn attendees(rng: &mut Rng, members: usize) -> Vec<u64> {
    (0..members)
        .filter(|&m| {
            let percent = match m {
                LEADER..=OFFICE_DIRECTOR => 100,
                _ if SHORT_MEMBERS.contains(&m) => 50,
                _ => 88,
            };
            chance(rng, percent)
        })
        .map(id)
        .collect()
}

fn minutes(slot: &Slot, location: &str, attendees: &[u64], topics: &[Topic], street: &Street) -> String {
    let chair = &street.members[LEADER].name;
    let kind = if slot.kind == MeetingKind::Regular { "季度例会" } else { "临时会议" };
    let titles: Vec<String> = topics.iter().enumerate().map(|(n, t)| format!("{}. {}", n + 1, t.title)).collect();
    let decisions: Vec<String> = topics.iter().enumerate().map(|(n, t)| format!("{}. {}", n + 1, t.decision)).collect();
    format!(
        "{}，大工委联席议事会{kind}在{location}召开，{chair}主持，应到{}人，实到{}人。\n会议议题：\n{}\n会议决定：\n{}\n会议要求各责任委员按时限推进落实，工作联系人每月向责任委员报告进展，办公室跟踪督办。",
        slot.date,
        street.members.len(),
        attendees.len(),
        titles.join("\n"),
        decisions.join("\n"),
    )
}
