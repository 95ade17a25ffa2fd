//! What a held meeting decides: topics, the tasks they are broken into, each
//! task's progress reports, and what that means for the demands behind it.

use super::demands::resolve;
use super::pools::{pick, COMMUNITIES, DEPUTY_LEADER};
use super::texts;
use super::{add_days, chance, id, index, Street};
use crate::model::enums::{DemandCategory, DemandStatus, Role, TaskStatus};
use crate::model::{Demand, Progress, Task, Topic};
use chrono::NaiveDate;
use fastrand::Rng;
use std::cell::Cell;
use std::collections::BTreeMap;

/// The meeting a topic is decided at.
pub struct Sitting<'a> {
    pub meeting_id: u64,
    pub date: NaiveDate,
    pub today: NaiveDate,
    pub street: &'a Street<'a>,
    /// Whether the next task handed out stalls (taken by the first one).
    pub stall: Cell<bool>,
}

pub fn topic_title(category: DemandCategory, demands: usize) -> String {
    format!("{}（诉求{demands}件）", texts::topic_text(category).0)
}

/// A topic on demands of one category: one task per community they come from.
pub fn demand_topic(
    rng: &mut Rng,
    sitting: &Sitting,
    category: DemandCategory,
    group: &[usize],
    demands: &mut [Demand],
    tasks: &mut Vec<Task>,
) -> Topic {
    let (title, discussion, decision) = texts::topic_text(category);
    let mut shares = Vec::new();
    for (place, items) in by_place(group, demands, sitting.street) {
        let owner = demands[items[0]].member_id.unwrap_or(id(DEPUTY_LEADER));
        let demand_ids: Vec<u64> = items.iter().map(|&i| id(i)).collect();
        let detail = format!("{decision}涉及诉求{}件。", demand_ids.len());
        let place = place.name(sitting.street);
        let task = new_task(rng, sitting, (format!("{place}：{title}"), detail), owner, demand_ids);
        shares.push(format!("{place}由{}牵头，{}前完成", owner_name(sitting, owner), due_text(&task)));
        for &i in &items {
            link(&mut demands[i], id(tasks.len()), &task);
        }
        tasks.push(task);
    }
    Topic {
        title: topic_title(category, group.len()),
        demand_ids: group.iter().map(|&i| id(i)).collect(),
        discussion: discussion.to_string(),
        decision: format!("{decision}{}。", shares.join("；")),
    }
}

/// Standing business (deploying the district's decisions): one task for the
/// member whose line it is.
pub fn standing_topic(
    rng: &mut Rng,
    sitting: &Sitting,
    (title, discussion, decision): (&str, &str, &str),
    line: &str,
    tasks: &mut Vec<Task>,
) -> Topic {
    let owner = owner_for_line(sitting.street, line);
    let text = (title.to_string(), decision.to_string());
    let task = new_task(rng, sitting, text, owner, Vec::new());
    let decision = format!("{decision}由{}牵头，{}前完成。", owner_name(sitting, owner), due_text(&task));
    tasks.push(task);
    Topic { title: title.to_string(), demand_ids: Vec::new(), discussion: discussion.to_string(), decision }
}

/// Where a demand comes from, as far as handing out its task goes.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Place {
    Community(usize),
    Unit(usize),
    Visitors,
}

impl Place {
    fn of(demand: &Demand, street: &Street) -> Place {
        let household = demand.household_id.map(|h| street.households[index(h)].community_id);
        match (household.or(demand.community_id), demand.unit_id) {
            (Some(c), _) => Place::Community(index(c)),
            (None, Some(u)) => Place::Unit(index(u)),
            (None, None) => Place::Visitors,
        }
    }

    fn name<'a>(self, street: &Street<'a>) -> &'a str {
        match self {
            Place::Community(c) => COMMUNITIES[c].name,
            Place::Unit(u) => &street.units[u].name,
            Place::Visitors => "来访群众诉求",
        }
    }
}

/// The demands of a group by where they come from.
fn by_place(group: &[usize], demands: &[Demand], street: &Street) -> BTreeMap<Place, Vec<usize>> {
    let mut places: BTreeMap<Place, Vec<usize>> = BTreeMap::new();
    for &i in group {
        places.entry(Place::of(&demands[i], street)).or_default().push(i);
    }
    places
}

fn owner_name<'a>(sitting: &Sitting<'a>, owner: u64) -> &'a str {
    &sitting.street.members[index(owner)].name
}

fn due_text(task: &Task) -> String {
    task.due.map_or_else(String::new, |d| d.format("%Y年%-m月%-d日").to_string())
}

/// A full-time member of the line, else anyone of it, else the executive deputy.
fn owner_for_line(street: &Street, line: &str) -> u64 {
    let of_line = |full_time: bool| {
        street.members.iter().position(|m| m.line == line && (!full_time || m.role == Role::FullTime))
    };
    of_line(true).or_else(|| of_line(false)).map_or(id(DEPUTY_LEADER), id)
}

/// A task due one to three months after the meeting. Most get done, one in
/// five late; about one in twelve stalls.
fn new_task(
    rng: &mut Rng,
    sitting: &Sitting,
    (title, detail): (String, String),
    owner: u64,
    demand_ids: Vec<u64>,
) -> Task {
    let start = sitting.date;
    let due = add_days(start, rng.i64(30..=90));
    let late = if chance(rng, 20) { 25 } else { 0 };
    let finish = add_days(start, rng.i64(14..=(due - start).num_days() + late));
    let stall = chance(rng, 8) || sitting.stall.take();
    let done_on = (!stall && finish <= sitting.today).then_some(finish);
    let status = match done_on {
        Some(_) => TaskStatus::Done,
        None if sitting.today <= add_days(start, 3) => TaskStatus::Todo,
        None => TaskStatus::Doing,
    };
    let reporter = &sitting.street.members[index(owner)].contact_name;
    let progress = progress(rng, start, done_on.unwrap_or(sitting.today), done_on.is_some(), reporter);
    Task {
        title,
        detail,
        meeting_id: Some(sitting.meeting_id),
        demand_ids,
        owner_id: owner,
        due: Some(due),
        status,
        progress,
        done_on,
    }
}

/// Reports by the owner's contact person every two to four weeks until `until`,
/// the last one on that day when the task is done.
fn progress(rng: &mut Rng, start: NaiveDate, until: NaiveDate, done: bool, reporter: &str) -> Vec<Progress> {
    let report = |date, note: &str| Progress { date, reporter: reporter.to_string(), note: note.to_string() };
    let last = if done { add_days(until, -1) } else { until };
    let mut out = Vec::new();
    let mut day = add_days(start, rng.i64(10..=20));
    while day <= last {
        out.push(report(day, pick(rng, texts::PROGRESS)));
        day = add_days(day, rng.i64(14..=30));
    }
    if done {
        out.push(report(until, pick(rng, texts::DONE)));
    }
    out
}

/// The demand follows its task: resolved when the task is done, in progress before.
fn link(demand: &mut Demand, task_id: u64, task: &Task) {
    demand.task_id = Some(task_id);
    match task.done_on {
        Some(day) => resolve(demand, day, "经大工委联席议事会研究，"),
        None => demand.status = DemandStatus::InProgress,
    }
}
