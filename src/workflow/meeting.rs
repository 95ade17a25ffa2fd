//! During the meeting: topics taken from the agenda, attendance, discussion and
//! decision per topic, and a decision turned into a task in one step.

use super::agenda::{candidates, Candidate, Source};
use super::lifecycle::check_transition;
use super::{refused, typed, typed_all, WorkflowError};
use crate::model::enums::{DemandStatus, TaskStatus};
use crate::model::{AnyData, AnyRecord, Demand, Kind, Meeting, Task, Topic};
use crate::store::{Batch, Context, Store, StoreError};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The meeting's candidate topics on `today`.
pub fn agenda(store: &Store, meeting_id: u64, today: NaiveDate) -> Result<Vec<Candidate>, StoreError> {
    let meeting =
        store.get(Kind::Meeting, meeting_id)?.ok_or(StoreError::NotFound { kind: Kind::Meeting, id: meeting_id })?;
    let AnyData::Meeting(meeting) = meeting.data else {
        return Err(StoreError::NotFound { kind: Kind::Meeting, id: meeting_id });
    };
    let demands: Vec<(u64, Demand)> = typed_all(store.list(Kind::Demand, false)?);
    let tasks: Vec<(u64, Task)> = typed_all(store.list(Kind::Task, false)?);
    let due_days = store.settings()?.demand_due_days;
    Ok(candidates(&meeting, &demands, &tasks, today, due_days))
}

/// Adds a topic from a demand (linked, and the demand records the meeting) or
/// from a task (its title and demands).
pub fn take_topic(store: &Store, ctx: &Context, meeting_id: u64, source: Source) -> Result<AnyRecord, StoreError> {
    store.write_batch(ctx, |b| {
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
            return Err(refused(WorkflowError::AlreadyTaken { meeting_id, title: topic.title }));
        }
        meeting.topics.push(topic);
        b.update(meeting_id, AnyData::Meeting(Box::new(meeting)))
    })
}

/// Marks members present (`Some(true)`), absent (`Some(false)`) or toggles them (`None`).
pub fn set_attendance(
    store: &Store,
    ctx: &Context,
    meeting_id: u64,
    member_ids: &[u64],
    present: Option<bool>,
) -> Result<AnyRecord, StoreError> {
    store.write_batch(ctx, |b| {
        let mut meeting: Meeting = typed(b, meeting_id)?;
        for &id in member_ids {
            let is_there = meeting.attendee_ids.contains(&id);
            match present.unwrap_or(!is_there) {
                true if !is_there => meeting.attendee_ids.push(id),
                false => meeting.attendee_ids.retain(|a| *a != id),
                true => {}
            }
        }
        b.update(meeting_id, AnyData::Meeting(Box::new(meeting)))
    })
}

/// Topic `number` (from 1) of a meeting, or the error naming how many there are.
fn topic_index(meeting: &Meeting, meeting_id: u64, number: usize) -> Result<usize, StoreError> {
    let count = meeting.topics.len();
    if number == 0 || number > count {
        return Err(refused(WorkflowError::NoTopic { meeting_id, number, count }));
    }
    Ok(number - 1)
}

/// Writes the discussion and/or decision of topic `number` (from 1).
pub fn record_topic(
    store: &Store,
    ctx: &Context,
    meeting_id: u64,
    number: usize,
    discussion: Option<String>,
    decision: Option<String>,
) -> Result<AnyRecord, StoreError> {
    store.write_batch(ctx, |b| {
        let mut meeting: Meeting = typed(b, meeting_id)?;
        let i = topic_index(&meeting, meeting_id, number)?;
        let topic = &mut meeting.topics[i];
        if let Some(text) = discussion {
            topic.discussion = text;
        }
        if let Some(text) = decision {
            topic.decision = text;
        }
        b.update(meeting_id, AnyData::Meeting(Box::new(meeting)))
    })
}

/// What the clerk gives when turning a decision into a task; the rest comes from the topic.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewTask {
    pub owner_id: u64,
    pub due: Option<NaiveDate>,
    /// Default: the topic's title.
    pub title: Option<String>,
    /// Default: the topic's demands.
    pub demand_ids: Option<Vec<u64>>,
}

/// Creates the task of topic `number`'s decision and moves its demands to
/// `in_progress` with the task recorded, all or nothing. Returns the task, then the demands.
pub fn decision_to_task(
    store: &Store,
    ctx: &Context,
    meeting_id: u64,
    number: usize,
    new: NewTask,
) -> Result<Vec<AnyRecord>, StoreError> {
    store.write_batch(ctx, |b| {
        let meeting: Meeting = typed(b, meeting_id)?;
        let topic = &meeting.topics[topic_index(&meeting, meeting_id, number)?];
        if topic.decision.trim().is_empty() {
            return Err(refused(WorkflowError::NoDecision { number }));
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

fn start_demand(b: &mut Batch, id: u64, task_id: u64, meeting_id: u64) -> Result<AnyRecord, StoreError> {
    let mut demand: Demand = typed(b, id)?;
    check_transition(id, demand.status, DemandStatus::InProgress).map_err(refused)?;
    demand.status = DemandStatus::InProgress;
    demand.task_id = Some(task_id);
    demand.meeting_id.get_or_insert(meeting_id);
    b.update(id, AnyData::Demand(Box::new(demand)))
}
