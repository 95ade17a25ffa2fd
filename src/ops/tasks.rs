//! Tasks after the meeting: progress reports, finishing (and which demands
//! are still waiting), and what is unfinished or overdue per responsible member.

use super::{typed, typed_all, Caller, Error, Label, Need, Operation};
use crate::i18n::Lang;
use crate::model::enums::TaskStatus;
use crate::model::task::Progress;
use crate::model::{AnyData, AnyRecord, Kind, Member, Task};
use crate::rules::overdue::task_overdue;
use crate::store::{Store, StoreError};
use crate::workflow::tasks::{reporter_of, Finished, OwnerTasks};
use crate::workflow::WorkflowError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Appends a progress report; a task not started is then under way. A report
/// with no reporter is the owner's contact person's (see [`reporter_of`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportProgress {
    pub task_id: u64,
    pub progress: Progress,
}

impl Operation for ReportProgress {
    type Reply = AnyRecord;
    fn need(&self) -> Need<'_> {
        Need::records(vec![(Kind::Task, self.task_id)])
    }
    fn outcome(&self, reply: &AnyRecord, label: &Label, lang: Lang) -> String {
        let task = label(reply.kind(), reply.id());
        match lang {
            Lang::Zh => format!("已记录“{task}”的进展"),
            Lang::En => format!("Progress on \"{task}\" recorded"),
        }
    }
    fn run(self, store: &Store, caller: &Caller) -> Result<AnyRecord, Error> {
        let ReportProgress { task_id, mut progress } = self;
        store.write_batch(&caller.ctx, |b| {
            let mut task: Task = typed(b, task_id)?;
            if let (TaskStatus::Done, Some(on)) = (task.status, task.done_on) {
                return Err(WorkflowError::TaskDone { id: task_id, on }.into());
            }
            if progress.reporter.trim().is_empty() {
                if let Ok(owner) = typed::<Member>(b, task.owner_id) {
                    progress.reporter = reporter_of(&owner);
                }
            }
            task.progress.push(progress);
            if task.status == TaskStatus::Todo {
                task.status = TaskStatus::Doing;
            }
            Ok(b.update(task_id, AnyData::Task(Box::new(task)))?)
        })
    }
}

/// Marks a task done on `done_on`; the reply names its demands still pending,
/// so that the caller can ask whether they are resolved.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FinishTask {
    pub task_id: u64,
    pub done_on: NaiveDate,
}

impl Operation for FinishTask {
    type Reply = Finished;
    fn need(&self) -> Need<'_> {
        Need::records(vec![(Kind::Task, self.task_id)])
    }
    fn outcome(&self, reply: &Finished, label: &Label, lang: Lang) -> String {
        let task = label(reply.task.kind(), reply.task.id());
        match lang {
            Lang::Zh => format!("责任事项“{task}”已完成"),
            Lang::En => format!("Task \"{task}\" is done"),
        }
    }
    fn run(self, store: &Store, caller: &Caller) -> Result<Finished, Error> {
        let FinishTask { task_id, done_on } = self;
        store.write_batch(&caller.ctx, |b| {
            let mut task: Task = typed(b, task_id)?;
            if let (TaskStatus::Done, Some(on)) = (task.status, task.done_on) {
                return Err(WorkflowError::TaskDone { id: task_id, on }.into());
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
}

/// Unfinished tasks per owner (by owner id), or only those past due on `today`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TasksByOwner {
    pub today: NaiveDate,
    pub overdue_only: bool,
}

impl Operation for TasksByOwner {
    type Reply = Vec<OwnerTasks>;
    fn need(&self) -> Need<'_> {
        Need::Read
    }
    fn run(self, store: &Store, _: &Caller) -> Result<Vec<OwnerTasks>, Error> {
        let TasksByOwner { today, overdue_only } = self;
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
}
