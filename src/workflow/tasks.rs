//! Tasks after the meeting: progress reports, finishing (and which demands
//! are still waiting), and what is overdue per responsible member.

use super::{refused, typed, typed_all, WorkflowError};
use crate::model::enums::TaskStatus;
use crate::model::task::Progress;
use crate::model::{AnyData, AnyRecord, Kind, Task};
use crate::rules::overdue::task_overdue;
use crate::store::{Context, Store, StoreError};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Appends a progress report; a task not started is then under way.
pub fn report_progress(
    store: &Store,
    ctx: &Context,
    task_id: u64,
    progress: Progress,
) -> Result<AnyRecord, StoreError> {
    store.write_batch(ctx, |b| {
        let mut task: Task = typed(b, task_id)?;
        if let (TaskStatus::Done, Some(on)) = (task.status, task.done_on) {
            return Err(refused(WorkflowError::TaskDone { id: task_id, on }));
        }
        task.progress.push(progress);
        if task.status == TaskStatus::Todo {
            task.status = TaskStatus::Doing;
        }
        b.update(task_id, AnyData::Task(Box::new(task)))
    })
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Finished {
    pub task: AnyRecord,
    /// Linked demands still pending, so the caller can ask whether they are resolved.
    pub unresolved: Vec<AnyRecord>,
}

pub fn finish_task(store: &Store, ctx: &Context, task_id: u64, done_on: NaiveDate) -> Result<Finished, StoreError> {
    store.write_batch(ctx, |b| {
        let mut task: Task = typed(b, task_id)?;
        if let (TaskStatus::Done, Some(on)) = (task.status, task.done_on) {
            return Err(refused(WorkflowError::TaskDone { id: task_id, on }));
        }
        task.status = TaskStatus::Done;
        task.done_on = Some(done_on);
        let mut unresolved = Vec::new();
        for &id in &task.demand_ids {
            let rec = b.get(Kind::Demand, id)?;
            if matches!(&rec.data, AnyData::Demand(d) if d.status.is_pending()) {
                unresolved.push(rec);
            }
        }
        let task = b.update(task_id, AnyData::Task(Box::new(task)))?;
        Ok(Finished { task, unresolved })
    })
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OwnerTasks {
    pub owner_id: u64,
    /// Oldest due date first.
    pub tasks: Vec<AnyRecord>,
}

/// Unfinished tasks per owner (by owner id), or only those past due on `today`.
pub fn tasks_by_owner(store: &Store, today: NaiveDate, overdue_only: bool) -> Result<Vec<OwnerTasks>, StoreError> {
    let records = store.list(Kind::Task, false)?;
    let wanted = |t: &Task| if overdue_only { task_overdue(t, today) } else { t.status != TaskStatus::Done };
    let mut late: Vec<(u64, Task)> = typed_all(records).into_iter().filter(|(_, t)| wanted(t)).collect();
    late.sort_by_key(|(id, t)| (t.owner_id, t.due, *id));
    let mut out: Vec<OwnerTasks> = Vec::new();
    for (id, task) in late {
        let rec = store.get(Kind::Task, id)?.ok_or(StoreError::NotFound { kind: Kind::Task, id })?;
        match out.last_mut() {
            Some(group) if group.owner_id == task.owner_id => group.tasks.push(rec),
            _ => out.push(OwnerTasks { owner_id: task.owner_id, tasks: vec![rec] }),
        }
    }
    Ok(out)
}
