//! The joint meeting: the year's regular meetings planned, a planned meeting
//! moved, its agenda, topics taken from it, attendance, discussion and
//! decision per topic, and a decision turned into a task in one step.

use super::{typed, typed_all, Caller, Error, Label, Need, Operation};
use crate::i18n::Lang;
use crate::model::enums::{DemandStatus, MeetingKind, MeetingStatus, TaskStatus};
use crate::model::{AnyData, AnyRecord, Demand, Household, Kind, Meeting, Task, Topic};
use crate::rules::calendar::{quarterly_schedule, ScheduledMeeting};
use crate::rules::holidays::HolidayCalendar;
use crate::store::{Batch, Store, StoreError};
use crate::workflow::agenda::{candidates, topic_title, Candidates, Take};
use crate::workflow::lifecycle::check_transition;
use crate::workflow::meeting::NewTask;
use crate::workflow::off_calendar::{off_calendar, schedule_date};
use crate::workflow::plan::{planned, PlanOutcome};
use crate::workflow::WorkflowError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A planned regular meeting for each quarter of `schedule` that has no
/// regular meeting yet (whatever its status), so that asking twice creates nothing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanYear {
    pub schedule: Vec<ScheduledMeeting>,
}

impl PlanYear {
    /// The year's four meetings on the dates of the calendar rule.
    pub fn for_year(year: i32, calendar: &HolidayCalendar) -> PlanYear {
        PlanYear { schedule: quarterly_schedule(year, calendar) }
    }

    /// The year planned.
    pub fn year(&self) -> Option<i32> {
        self.schedule.first().map(|s| s.quarter.year)
    }
}

impl Operation for PlanYear {
    type Reply = PlanOutcome;
    fn need(&self) -> Need<'_> {
        Need::AllRecords
    }
    fn outcome(&self, reply: &PlanOutcome, _: &Label, lang: Lang) -> String {
        let year = self.year().unwrap_or_default();
        match (reply.created.len(), lang) {
            (0, Lang::Zh) => format!("{year} 年的 {} 次例会已在计划中，未新建", reply.existing.len()),
            (0, Lang::En) => format!("{year} already has its {} regular meetings: none created", reply.existing.len()),
            (n, Lang::Zh) => format!("已安排 {year} 年的 {n} 次例会（计划）"),
            (n, Lang::En) => format!("Planned {n} regular meetings for {year}"),
        }
    }
    fn run(self, store: &Store, caller: &Caller) -> Result<PlanOutcome, Error> {
        store.write_batch(&caller.ctx, |b| {
            let meetings = b.list(Kind::Meeting)?;
            let mut out = PlanOutcome::default();
            for s in &self.schedule {
                let found = meetings.iter().find(|r| {
                    matches!(&r.data, AnyData::Meeting(m) if m.kind == MeetingKind::Regular && m.quarter == Some(s.quarter))
                });
                match found {
                    Some(rec) => out.existing.push(rec.clone()),
                    None => {
                        let id = b.create(AnyData::Meeting(Box::new(planned(s))))?;
                        out.created.push(b.get(Kind::Meeting, id)?);
                    }
                }
            }
            Ok(out)
        })
    }
}

/// Moves a planned meeting to `date`; the reason is appended to its minutes,
/// where `show` displays it, and the audit log keeps the old date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MoveMeeting {
    pub id: u64,
    pub date: NaiveDate,
    pub reason: String,
}

impl Operation for MoveMeeting {
    type Reply = AnyRecord;
    fn need(&self) -> Need<'_> {
        Need::AllRecords
    }
    fn outcome(&self, _: &AnyRecord, _: &Label, lang: Lang) -> String {
        let MoveMeeting { id, date, .. } = self;
        match lang {
            Lang::Zh => format!("议事会 {id} 已改期至 {date}，原因记入纪要"),
            Lang::En => format!("Meeting {id} moved to {date}; the reason is in its minutes"),
        }
    }
    fn run(self, store: &Store, caller: &Caller) -> Result<AnyRecord, Error> {
        let MoveMeeting { id, date, reason } = self;
        store.write_batch(&caller.ctx, |b| {
            let mut m: Meeting = typed(b, id)?;
            if m.status != MeetingStatus::Planned {
                return Err(WorkflowError::NotPlanned { id, status: m.status }.into());
            }
            let reason = reason.trim();
            if reason.is_empty() {
                return Err(WorkflowError::ReasonRequired(crate::workflow::ReasonFor::Move).into());
            }
            let line = format!("改期：{} → {date}，原因：{reason}", m.date);
            m.minutes = if m.minutes.is_empty() { line } else { format!("{}\n{line}", m.minutes) };
            m.date = date;
            Ok(b.update(id, AnyData::Meeting(Box::new(m)))?)
        })
    }
}

impl MoveMeeting {
    /// To the calendar rule's date of the meeting's quarter, the reason being
    /// `reason` or else why its date is a day off; none for an extra meeting
    /// or one on that date already.
    pub fn to_schedule(id: u64, m: &Meeting, cal: &HolidayCalendar, reason: Option<String>) -> Option<MoveMeeting> {
        let date = schedule_date(m, cal)?;
        if date == m.date {
            return None;
        }
        let why = off_calendar([(id, m)], cal).into_iter().next().map(|o| o.move_reason());
        Some(MoveMeeting { id, date, reason: reason.filter(|r| !r.trim().is_empty()).or(why).unwrap_or_default() })
    }
}

/// The meeting's candidate topics on `today`: hot issues and late tasks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Agenda {
    pub meeting_id: u64,
    pub today: NaiveDate,
}

impl Operation for Agenda {
    type Reply = Candidates;
    fn need(&self) -> Need<'_> {
        Need::Read
    }
    fn run(self, store: &Store, _: &Caller) -> Result<Candidates, Error> {
        let id = self.meeting_id;
        let not_found = StoreError::NotFound { kind: Kind::Meeting, id };
        let Some(AnyData::Meeting(meeting)) = store.get(Kind::Meeting, id)?.map(|r| r.data) else {
            return Err(not_found.into());
        };
        let demands: Vec<(u64, Demand)> = typed_all(store.list(Kind::Demand, false)?);
        let tasks: Vec<(u64, Task)> = typed_all(store.list(Kind::Task, false)?);
        let households: Vec<(u64, Household)> = typed_all(store.list(Kind::Household, true)?);
        let communities: HashMap<u64, u64> = households.into_iter().map(|(id, h)| (id, h.community_id)).collect();
        Ok(candidates(&meeting, &demands, &tasks, &communities, self.today, &store.settings()?))
    }
}

/// Adds a topic for each take, all or nothing: from demands (a hot issue
/// taken whole is one topic with every demand; each demand records the
/// meeting and is escalated to it) or from a task (its title and demands).
/// A title or demand already among the meeting's topics, or taken twice,
/// refuses the whole request. Replies the meeting, then the demands.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TakeTopic {
    pub meeting_id: u64,
    pub takes: Vec<Take>,
}

impl TakeTopic {
    pub fn one(meeting_id: u64, take: Take) -> TakeTopic {
        TakeTopic { meeting_id, takes: vec![take] }
    }
}

impl Operation for TakeTopic {
    type Reply = Vec<AnyRecord>;
    fn need(&self) -> Need<'_> {
        Need::AllRecords
    }
    fn outcome(&self, reply: &Vec<AnyRecord>, _: &Label, lang: Lang) -> String {
        let Some(AnyData::Meeting(m)) = reply.first().map(|r| &r.data) else { return String::new() };
        let first_new = m.topics.len().saturating_sub(self.takes.len());
        let titles: Vec<String> = m.topics[first_new..]
            .iter()
            .map(|t| match (t.demand_ids.len(), lang) {
                (0 | 1, _) => t.title.clone(),
                (n, Lang::Zh) => format!("{}（{n} 条诉求）", t.title),
                (n, Lang::En) => format!("{} ({n} demands)", t.title),
            })
            .collect();
        format!("{}{}", lang.pick("已列入议题：", "Taken into the topics: "), titles.join(lang.pick("；", "; ")))
    }
    fn run(self, store: &Store, caller: &Caller) -> Result<Vec<AnyRecord>, Error> {
        let TakeTopic { meeting_id, takes } = self;
        store.write_batch(&caller.ctx, |b| {
            let mut meeting: Meeting = typed(b, meeting_id)?;
            let mut demands: Vec<(u64, Demand)> = Vec::new();
            let mut taken_by: Vec<String> = meeting.topics.iter().map(|_| String::new()).collect();
            for take in &takes {
                let (topic, linked) = topic_of(b, take, meeting_id)?;
                check_new_topic(&meeting, &taken_by, &topic, take, meeting_id)?;
                meeting.topics.push(topic);
                taken_by.push(take.to_string());
                demands.extend(linked);
            }
            let mut out = vec![b.update(meeting_id, AnyData::Meeting(Box::new(meeting)))?];
            for (id, demand) in demands {
                out.push(b.update(id, AnyData::Demand(Box::new(demand)))?);
            }
            Ok(out)
        })
    }
}

/// The topic `take` makes, and its demands as they are to be once taken.
fn topic_of(b: &Batch, take: &Take, meeting_id: u64) -> Result<(Topic, Vec<(u64, Demand)>), Error> {
    match take {
        Take::Task(id) => {
            let task: Task = typed(b, *id)?;
            Ok((Topic { title: task.title, demand_ids: task.demand_ids, ..Topic::default() }, Vec::new()))
        }
        Take::Demands(ids) => {
            let mut linked: Vec<(u64, Demand)> = Vec::new();
            for &id in ids {
                if linked.iter().any(|(seen, _)| *seen == id) {
                    continue;
                }
                let mut demand: Demand = typed(b, id)?;
                check_transition(id, demand.status, DemandStatus::Escalated)?;
                demand.status = DemandStatus::Escalated;
                demand.meeting_id = Some(meeting_id);
                linked.push((id, demand));
            }
            // The oldest demand names the issue, as the agenda shows it.
            let oldest = linked.iter().min_by_key(|(id, d)| (d.raised_on, *id));
            let title = oldest.map(|(_, d)| topic_title(&d.content)).unwrap_or_default();
            let demand_ids = linked.iter().map(|(id, _)| *id).collect();
            Ok((Topic { title, demand_ids, ..Topic::default() }, linked))
        }
    }
}

/// Refuses a topic whose title or demands are already among the meeting's
/// topics; `taken_by` names the take of each topic added by this request.
fn check_new_topic(
    meeting: &Meeting,
    taken_by: &[String],
    topic: &Topic,
    take: &Take,
    meeting_id: u64,
) -> Result<(), Error> {
    let is_demand = matches!(take, Take::Demands(_));
    let clash = meeting.topics.iter().zip(taken_by).find(|(t, _)| {
        t.title == topic.title || (is_demand && t.demand_ids.iter().any(|id| topic.demand_ids.contains(id)))
    });
    let Some((held, earlier)) = clash else { return Ok(()) };
    let (title, take) = (held.title.clone(), take.to_string());
    Err(match earlier.is_empty() {
        true => WorkflowError::AlreadyTaken { meeting_id, title, take },
        false => WorkflowError::TakenTwice { title, first: earlier.clone(), second: take },
    }
    .into())
}

/// Marks members present (`Some(true)`), absent (`Some(false)`) or toggles them (`None`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Attendance {
    pub meeting_id: u64,
    pub member_ids: Vec<u64>,
    pub present: Option<bool>,
}

impl Operation for Attendance {
    type Reply = AnyRecord;
    fn need(&self) -> Need<'_> {
        Need::AllRecords
    }
    fn outcome(&self, reply: &AnyRecord, label: &Label, lang: Lang) -> String {
        let id = self.member_ids.first().copied().unwrap_or_default();
        let present = matches!(&reply.data, AnyData::Meeting(m) if m.attendee_ids.contains(&id));
        let name = label(Kind::Member, id);
        match (present, lang) {
            (true, Lang::Zh) => format!("{name} 已到会"),
            (false, Lang::Zh) => format!("{name} 未到会"),
            (true, Lang::En) => format!("{name} is present"),
            (false, Lang::En) => format!("{name} is absent"),
        }
    }
    fn run(self, store: &Store, caller: &Caller) -> Result<AnyRecord, Error> {
        let Attendance { meeting_id, member_ids, present } = self;
        store.write_batch(&caller.ctx, |b| {
            let mut meeting: Meeting = typed(b, meeting_id)?;
            for id in member_ids {
                let is_there = meeting.attendee_ids.contains(&id);
                match present.unwrap_or(!is_there) {
                    true if !is_there => meeting.attendee_ids.push(id),
                    false => meeting.attendee_ids.retain(|a| *a != id),
                    true => {}
                }
            }
            Ok(b.update(meeting_id, AnyData::Meeting(Box::new(meeting)))?)
        })
    }
}

/// Topic `number` (from 1) of a meeting, or the error naming how many there are.
fn topic_index(meeting: &Meeting, meeting_id: u64, number: usize) -> Result<usize, Error> {
    let count = meeting.topics.len();
    if number == 0 || number > count {
        return Err(WorkflowError::NoTopic { meeting_id, number, count }.into());
    }
    Ok(number - 1)
}

/// Writes the discussion and/or decision of topic `topic` (numbered from 1).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecordTopic {
    pub meeting_id: u64,
    pub topic: usize,
    pub discussion: Option<String>,
    pub decision: Option<String>,
}

impl Operation for RecordTopic {
    type Reply = AnyRecord;
    fn need(&self) -> Need<'_> {
        Need::AllRecords
    }
    fn outcome(&self, _: &AnyRecord, _: &Label, lang: Lang) -> String {
        let topic = self.topic;
        match lang {
            Lang::Zh => format!("已记录议题 {topic} 的讨论与议定事项"),
            Lang::En => format!("Topic {topic}: discussion and decision recorded"),
        }
    }
    fn run(self, store: &Store, caller: &Caller) -> Result<AnyRecord, Error> {
        let RecordTopic { meeting_id, topic: number, discussion, decision } = self;
        store.write_batch(&caller.ctx, |b| {
            let mut meeting: Meeting = typed(b, meeting_id)?;
            let i = topic_index(&meeting, meeting_id, number)?;
            let topic = &mut meeting.topics[i];
            if let Some(text) = discussion {
                topic.discussion = text;
            }
            if let Some(text) = decision {
                topic.decision = text;
            }
            Ok(b.update(meeting_id, AnyData::Meeting(Box::new(meeting)))?)
        })
    }
}

/// Creates the task of topic `topic`'s decision and moves its demands to
/// `in_progress` with the task recorded, all or nothing. Replies the task,
/// then the demands.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DecisionToTask {
    pub meeting_id: u64,
    pub topic: usize,
    pub task: NewTask,
}

impl Operation for DecisionToTask {
    type Reply = Vec<AnyRecord>;
    fn need(&self) -> Need<'_> {
        Need::AllRecords
    }
    fn outcome(&self, reply: &Vec<AnyRecord>, label: &Label, lang: Lang) -> String {
        let task = reply.first().map(|r| label(r.kind(), r.id())).unwrap_or_default();
        let demands = reply.len().saturating_sub(1);
        match lang {
            Lang::Zh => format!("已新建责任事项“{task}”，{demands} 条相关诉求转为办理中"),
            Lang::En => format!("Task \"{task}\" created; {demands} linked demands now in progress"),
        }
    }
    fn run(self, store: &Store, caller: &Caller) -> Result<Vec<AnyRecord>, Error> {
        let DecisionToTask { meeting_id, topic: number, task: new } = self;
        store.write_batch(&caller.ctx, |b| {
            let meeting: Meeting = typed(b, meeting_id)?;
            let topic = &meeting.topics[topic_index(&meeting, meeting_id, number)?];
            if topic.decision.trim().is_empty() {
                return Err(WorkflowError::NoDecision { number }.into());
            }
            let demand_ids = new.demand_ids.unwrap_or_else(|| topic.demand_ids.clone());
            let task = Task {
                title: new.title.unwrap_or_else(|| topic.title.chars().take(100).collect()),
                detail: topic.decision.clone(),
                meeting_id: Some(meeting_id),
                demand_ids: demand_ids.clone(),
                owner_id: new.owner_id,
                due: new.due,
                status: TaskStatus::Todo,
                progress: Vec::new(),
                done_on: None,
            };
            let task_id = b.create(AnyData::Task(Box::new(task)))?;
            let mut out = vec![b.get(Kind::Task, task_id)?];
            for id in demand_ids {
                out.push(start_demand(b, id, task_id, meeting_id)?);
            }
            Ok(out)
        })
    }
}

fn start_demand(b: &mut Batch, id: u64, task_id: u64, meeting_id: u64) -> Result<AnyRecord, Error> {
    let mut demand: Demand = typed(b, id)?;
    check_transition(id, demand.status, DemandStatus::InProgress)?;
    demand.status = DemandStatus::InProgress;
    demand.task_id = Some(task_id);
    demand.meeting_id.get_or_insert(meeting_id);
    Ok(b.update(id, AnyData::Demand(Box::new(demand)))?)
}
