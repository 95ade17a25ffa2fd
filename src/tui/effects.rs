//! What the workbench asks of the outside world, and what came back. `update`
//! returns effects; the runner performs them on the store and hands the
//! outcome back to the state. Tests perform them on a temporary store.

use super::form::DRAFT_KEY;
use super::unsent;
use crate::io::read::{ReadError, Sheet};
use crate::model::period::Period;
use crate::model::{AnyData, AnyRecord, Kind};
use crate::net::Backend;
use crate::review::ops::Evaluated;
use crate::review::DutyReport;
use crate::store::bulk::{ImportBatch, ImportOutcome};
use crate::store::{Context, Request, Response, StoreError};
use crate::workflow::demands::{GroupKey, Grouping};
use crate::workflow::tasks::OwnerTasks;
use chrono::NaiveDate;

/// How to take back the last change.
#[derive(Clone, Debug, PartialEq)]
pub enum UndoOp {
    /// Remove a record just added (or archive it when something refers to it already).
    Created {
        kind: Kind,
        id: u64,
    },
    Updated {
        kind: Kind,
        id: u64,
        old: Box<AnyData>,
    },
    Archived {
        kind: Kind,
        id: u64,
        was: bool,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    Save {
        id: Option<u64>,
        rev: Option<u64>,
        data: Box<AnyData>,
    },
    SetArchived {
        kind: Kind,
        id: u64,
        archived: bool,
    },
    Undo(UndoOp),
    Reveal {
        kind: Kind,
        id: u64,
    },
    PutDraft(Vec<u8>),
    DeleteDraft,
    /// Tell the others which record this workbench has open in a form.
    Editing(Option<(Kind, u64)>),
    Export {
        path: String,
        bytes: Vec<u8>,
    },
    ReadImport {
        kind: Kind,
        path: String,
    },
    Import(Box<ImportBatch>),
    /// A step of the meeting cycle, asked of the store as it is.
    Step(Box<Request>),
    Evaluate(Period),
    DutyReport {
        member_id: u64,
        period: Period,
        today: NaiveDate,
    },
    /// Write the 公示 list, then record `on` as the listed evaluations' publication date.
    Publish {
        path: String,
        bytes: Vec<u8>,
        ids: Vec<u64>,
        on: NaiveDate,
    },
    TasksByOwner {
        today: NaiveDate,
        overdue_only: bool,
    },
    CountDemands(Grouping),
}

/// What a step changed: the records as they now are.
#[derive(Debug)]
pub struct Stepped {
    pub request: Request,
    pub records: Vec<AnyRecord>,
    /// A finished task's demands that are still pending.
    pub unresolved: Vec<AnyRecord>,
    /// Planning a year: how many meetings it already had.
    pub existing: usize,
}

#[derive(Debug)]
pub enum Outcome {
    Saved {
        rec: Box<AnyRecord>,
        old: Option<Box<AnyRecord>>,
    },
    Archived {
        rec: Box<AnyRecord>,
    },
    /// The undo is done; `rec` is the record as it now is, `None` when removed.
    Undone {
        kind: Kind,
        id: u64,
        rec: Option<Box<AnyRecord>>,
    },
    Revealed {
        kind: Kind,
        id: u64,
    },
    Exported {
        path: String,
    },
    ImportRead {
        kind: Kind,
        path: String,
        sheet: Result<Sheet, ReadError>,
    },
    /// The import is written; `records` are all of its kind as they now are.
    Imported {
        kind: Kind,
        outcome: ImportOutcome,
        records: Vec<AnyRecord>,
    },
    Stepped(Box<Stepped>),
    /// `records`: every evaluation as it now is.
    Evaluated {
        done: Evaluated,
        records: Vec<AnyRecord>,
    },
    DutyReport(Box<DutyReport>),
    Published {
        path: String,
        records: Vec<AnyRecord>,
    },
    OwnerTasks {
        groups: Vec<OwnerTasks>,
        overdue_only: bool,
    },
    Counts {
        by: Grouping,
        counts: Vec<(GroupKey, usize)>,
    },
    Failed(StoreError),
    Quiet,
}

pub fn perform(store: &Backend, ctx: &Context, effect: Effect) -> Outcome {
    match run(store, ctx, effect) {
        Ok(outcome) => outcome,
        Err(e) => Outcome::Failed(e),
    }
}

fn unexpected() -> StoreError {
    StoreError::Io("unexpected reply".into())
}

fn record(response: Response) -> Result<Box<AnyRecord>, StoreError> {
    match response {
        Response::Record(rec) => Ok(rec),
        _ => Err(unexpected()),
    }
}

/// The draft gone from the store and from where it waited while the server was away.
fn delete_draft(store: &Backend, ctx: &Context) -> Result<(), StoreError> {
    unsent::clear(store);
    store.ask(ctx, Request::DeleteDraft { key: DRAFT_KEY.into() }).map(|_| ())
}

fn run(store: &Backend, ctx: &Context, effect: Effect) -> Result<Outcome, StoreError> {
    Ok(match effect {
        Effect::Save { id: None, data, .. } => {
            let rec = record(store.ask(ctx, Request::Create { data: *data })?)?;
            delete_draft(store, ctx)?;
            Outcome::Saved { rec, old: None }
        }
        Effect::Save { id: Some(id), rev, data } => {
            let old = store.get(ctx, data.kind(), id)?.map(Box::new);
            // A user's edit: a demand's status must follow its lifecycle.
            let rec = record(store.ask(ctx, Request::EditChecked { id, data: *data, expected_rev: rev })?)?;
            delete_draft(store, ctx)?;
            Outcome::Saved { rec, old }
        }
        Effect::SetArchived { kind, id, archived } => {
            Outcome::Archived { rec: record(store.ask(ctx, Request::SetArchived { kind, id, archived })?)? }
        }
        Effect::Undo(op) => undo(store, ctx, op)?,
        Effect::Reveal { kind, id } => {
            store.ask(ctx, Request::LogReveal { kind, ids: vec![id], note: "workbench".into() })?;
            Outcome::Revealed { kind, id }
        }
        Effect::PutDraft(value) => {
            match store.ask(ctx, Request::PutDraft { key: DRAFT_KEY.into(), value: value.clone() }) {
                Ok(_) => {
                    unsent::clear(store);
                    Outcome::Quiet
                }
                Err(e @ StoreError::Unreachable { .. }) => {
                    unsent::keep(store, &value);
                    Outcome::Failed(e)
                }
                Err(e) => return Err(e),
            }
        }
        Effect::DeleteDraft => {
            delete_draft(store, ctx)?;
            Outcome::Quiet
        }
        Effect::Editing(record) => {
            store.ask(ctx, Request::Editing { record })?;
            Outcome::Quiet
        }
        Effect::Export { path, bytes } => {
            // Whole or not at all: a temporary file renamed into place.
            crate::io::export::write_atomic(std::path::Path::new(&path), &bytes)
                .map_err(|e| StoreError::Io(format!("{path}: {e}")))?;
            Outcome::Exported { path }
        }
        Effect::ReadImport { kind, path } => {
            let sheet = crate::io::read::read_file(std::path::Path::new(&path), None);
            Outcome::ImportRead { kind, path, sheet }
        }
        Effect::Import(batch) => {
            let kind = batch.kind;
            let Response::Imported(outcome) = store.ask(ctx, Request::Import { batch: *batch })? else {
                return Err(unexpected());
            };
            let Response::Records(records) = store.ask(ctx, Request::List { kind, include_archived: true })? else {
                return Err(unexpected());
            };
            Outcome::Imported { kind, outcome, records }
        }
        Effect::Step(request) => Outcome::Stepped(Box::new(step(store, ctx, *request)?)),
        Effect::TasksByOwner { today, overdue_only } => {
            match store.ask(ctx, Request::TasksByOwner { today, overdue_only })? {
                Response::TasksByOwner(groups) => Outcome::OwnerTasks { groups, overdue_only },
                _ => return Err(unexpected()),
            }
        }
        Effect::CountDemands(by) => match store.ask(ctx, Request::CountDemands { by })? {
            Response::Counts(counts) => Outcome::Counts { by, counts },
            _ => return Err(unexpected()),
        },
        Effect::Evaluate(period) => {
            let Response::Evaluated(done) = store.ask(ctx, Request::Evaluate { period })? else {
                return Err(unexpected());
            };
            let list = Request::List { kind: Kind::Evaluation, include_archived: true };
            let Response::Records(records) = store.ask(ctx, list)? else { return Err(unexpected()) };
            Outcome::Evaluated { done, records }
        }
        Effect::DutyReport { member_id, period, today } => {
            match store.ask(ctx, Request::DutyReport { member_id, period, today })? {
                Response::DutyReport(report) => Outcome::DutyReport(report),
                _ => return Err(unexpected()),
            }
        }
        Effect::Publish { path, bytes, ids, on } => {
            // The file first: a date is recorded only for a list that exists.
            crate::io::export::write_atomic(std::path::Path::new(&path), &bytes)
                .map_err(|e| StoreError::Io(format!("{path}: {e}")))?;
            let Response::Records(records) = store.ask(ctx, Request::MarkPublished { ids, on })? else {
                return Err(unexpected());
            };
            Outcome::Published { path, records }
        }
    })
}

fn step(store: &Backend, ctx: &Context, request: Request) -> Result<Stepped, StoreError> {
    let mut out = Stepped { request: request.clone(), records: Vec::new(), unresolved: Vec::new(), existing: 0 };
    match store.ask(ctx, request)? {
        Response::Record(rec) => out.records.push(*rec),
        Response::Records(records) => out.records = records,
        Response::Finished(f) => {
            out.records.push(f.task);
            out.unresolved = f.unresolved;
        }
        Response::Planned(p) => {
            out.records = p.created;
            out.existing = p.existing.len();
        }
        _ => {}
    }
    Ok(out)
}

fn undo(store: &Backend, ctx: &Context, op: UndoOp) -> Result<Outcome, StoreError> {
    match op {
        UndoOp::Created { kind, id } => match store.ask(ctx, Request::Delete { kind, id }) {
            Ok(_) => Ok(Outcome::Undone { kind, id, rec: None }),
            Err(StoreError::Referenced { .. }) => {
                let rec = record(store.ask(ctx, Request::SetArchived { kind, id, archived: true })?)?;
                Ok(Outcome::Undone { kind, id, rec: Some(rec) })
            }
            Err(e) => Err(e),
        },
        UndoOp::Updated { kind, id, old } => {
            let rec = record(store.ask(ctx, Request::Update { id, data: *old, expected_rev: None })?)?;
            Ok(Outcome::Undone { kind, id, rec: Some(rec) })
        }
        UndoOp::Archived { kind, id, was } => {
            let rec = record(store.ask(ctx, Request::SetArchived { kind, id, archived: was })?)?;
            Ok(Outcome::Undone { kind, id, rec: Some(rec) })
        }
    }
}
