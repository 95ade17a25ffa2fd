//! The joint meeting: the year's regular meetings planned, a planned meeting
//! moved, its agenda, topics taken from it, attendance, discussion and
//! decision per topic, and a decision turned into a task in one step.

use super::{typed, typed_all, Caller, Error, Label, Need, Operation};
use crate::i18n::Lang;
use crate::model::enums::{DemandStatus, MeetingKind, MeetingStatus, TaskStatus};
use crate::model::{AnyData, AnyRecord, Demand, Kind, Meeting, Task, Topic};
use crate::rules::calendar::{quarterly_schedule, ScheduledMeeting};
use crate::rules::holidays::HolidayCalendar;
use crate::store::{Batch, Store, StoreError};
use crate::workflow::agenda::{candidates, Candidate, Source};
use crate::workflow::lifecycle::check_transition;
use crate::workflow::meeting::NewTask;
use crate::workflow::off_calendar::{off_calendar, schedule_date};
use crate::workflow::plan::{planned, PlanOutcome};
use crate::workflow::WorkflowError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

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
                return Err(WorkflowError::ReasonRequired.into());
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

/// The meeting's candidate topics on `today`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Agenda {
    pub meeting_id: u64,
    pub today: NaiveDate,
}

impl Operation for Agenda {
    type Reply = Vec<Candidate>;
    fn need(&self) -> Need<'_> {
        Need::Read
    }
    fn run(self, store: &Store, _: &Caller) -> Result<Vec<Candidate>, Error> {
        let id = self.meeting_id;
        let not_found = StoreError::NotFound { kind: Kind::Meeting, id };
        let Some(AnyData::Meeting(meeting)) = store.get(Kind::Meeting, id)?.map(|r| r.data) else {
            return Err(not_found.into());
        };
        let demands: Vec<(u64, Demand)> = typed_all(store.list(Kind::Demand, false)?);
        let tasks: Vec<(u64, Task)> = typed_all(store.list(Kind::Task, false)?);
        let due_days = store.settings()?.demand_due_days;
        Ok(candidates(&meeting, &demands, &tasks, self.today, due_days))
    }
}

/// Adds a topic from a demand (linked, and the demand records the meeting) or
/// from a task (its title and demands).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TakeTopic {
    pub meeting_id: u64,
    pub source: Source,
}

impl Operation for TakeTopic {
    type Reply = AnyRecord;
    fn need(&self) -> Need<'_> {
        Need::AllRecords
    }
    fn outcome(&self, reply: &AnyRecord, _: &Label, lang: Lang) -> String {
        let title = match &reply.data {
            AnyData::Meeting(m) => m.topics.last().map(|t| t.title.as_str()).unwrap_or_default(),
            _ => "",
        };
        format!("{}{title}", lang.pick("已列入议题：", "Taken into the topics: "))
    }
    fn run(self, store: &Store, caller: &Caller) -> Result<AnyRecord, Error> {
        let TakeTopic { meeting_id, source } = self;
        store.write_batch(&caller.ctx, |b| {
            let mut meeting: Meeting = typed(b, meeting_id)?;
            let topic = match source {
                Source::Demand(id) => {
                    let mut demand: Demand = typed(b, id)?;
                    let topic = Topic {
                        title: demand.content.chars().take(40).collect(),
                        demand_ids: vec![id],
                        ..Topic::default()
                    };
                    demand.meeting_id = Some(meeting_id);
                    b.update(id, AnyData::Demand(Box::new(demand)))?;
                    topic
                }
                Source::Task(id) => {
                    let task: Task = typed(b, id)?;
                    Topic { title: task.title, demand_ids: task.demand_ids, ..Topic::default() }
                }
            };
            let clash = meeting
                .topics
                .iter()
                .any(|t| t.title == topic.title || matches!(source, Source::Demand(id) if t.demand_ids.contains(&id)));
            if clash {
                return Err(WorkflowError::AlreadyTaken { meeting_id, title: topic.title }.into());
            }
            meeting.topics.push(topic);
            Ok(b.update(meeting_id, AnyData::Meeting(Box::new(meeting)))?)
        })
    }
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
