//! What the workbench asks of the outside world, and what came back. `update`
//! returns effects; the runner performs them on the store and hands the
//! outcome back to the state. Tests perform them on a temporary store.

use super::form::DRAFT_KEY;
use super::unsent;
use crate::io::read::{ReadError, Sheet};
use crate::model::period::Period;
use crate::model::{AnyData, AnyRecord, Kind};
use crate::net::Backend;
use crate::ops::{self, Error, Request, Response};
use crate::review::{DutyReport, Evaluated};
use crate::store::bulk::{ImportBatch, ImportOutcome};
use crate::store::{Context, StoreError};
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
    /// An operation asked of the store as it is; the reply comes back with it.
    Ask(Box<Request>),
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
    /// The reply to an `Effect::Ask`, with what was asked.
    Replied {
        request: Box<Request>,
        response: Box<Response>,
    },
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
    Failed(Error),
    Quiet,
}

pub fn perform(store: &Backend, ctx: &Context, effect: Effect) -> Outcome {
    match run(store, ctx, effect) {
        Ok(outcome) => outcome,
        Err(e) => Outcome::Failed(e),
    }
}

/// The draft gone from the store and from where it waited while the server was away.
fn delete_draft(store: &Backend, ctx: &Context) -> Result<(), Error> {
    unsent::clear(store);
    store.ask(ctx, ops::drafts::DeleteDraft { key: DRAFT_KEY.into() })
}

/// A file written whole or not at all: a temporary file renamed into place.
fn write_file(path: &str, bytes: &[u8]) -> Result<(), Error> {
    crate::io::export::write_atomic(std::path::Path::new(path), bytes)
        .map_err(|e| StoreError::Io(format!("{path}: {e}")).into())
}

fn run(store: &Backend, ctx: &Context, effect: Effect) -> Result<Outcome, Error> {
    Ok(match effect {
        Effect::Save { id: None, data, .. } => {
            let rec = store.ask(ctx, ops::records::Create { data: *data })?;
            delete_draft(store, ctx)?;
            Outcome::Saved { rec: Box::new(rec), old: None }
        }
        Effect::Save { id: Some(id), rev, data } => {
            let old = store.get(ctx, data.kind(), id)?.map(Box::new);
            // A user's edit: a demand's status must follow its lifecycle.
            let rec = store.ask(ctx, ops::demands::EditChecked { id, data: *data, expected_rev: rev })?;
            delete_draft(store, ctx)?;
            Outcome::Saved { rec: Box::new(rec), old }
        }
        Effect::SetArchived { kind, id, archived } => {
            Outcome::Archived { rec: Box::new(store.ask(ctx, ops::records::SetArchived { kind, id, archived })?) }
        }
        Effect::Undo(op) => undo(store, ctx, op)?,
        Effect::Reveal { kind, id } => {
            store.ask(ctx, ops::maintenance::LogReveal { kind, ids: vec![id], note: "workbench".into() })?;
            Outcome::Revealed { kind, id }
        }
        Effect::PutDraft(value) => {
            match store.ask(ctx, ops::drafts::PutDraft { key: DRAFT_KEY.into(), value: value.clone() }) {
                Ok(_) => {
                    unsent::clear(store);
                    Outcome::Quiet
                }
                Err(e @ Error::Unreachable { .. }) => {
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
            store.ask(ctx, ops::accounts::Editing { record })?;
            Outcome::Quiet
        }
        Effect::Export { path, bytes } => {
            write_file(&path, &bytes)?;
            Outcome::Exported { path }
        }
        Effect::ReadImport { kind, path } => {
            let sheet = crate::io::read::read_file(std::path::Path::new(&path), None);
            Outcome::ImportRead { kind, path, sheet }
        }
        Effect::Import(batch) => {
            let kind = batch.kind;
            let outcome = store.ask(ctx, ops::import::Import { batch: *batch })?;
            let records = store.all(ctx, kind)?;
            Outcome::Imported { kind, outcome, records }
        }
        Effect::Ask(request) => {
            let response = store.ask_request(ctx, (*request).clone())?;
            Outcome::Replied { request, response: Box::new(response) }
        }
        Effect::TasksByOwner { today, overdue_only } => {
            let groups = store.ask(ctx, ops::tasks::TasksByOwner { today, overdue_only })?;
            Outcome::OwnerTasks { groups, overdue_only }
        }
        Effect::CountDemands(by) => Outcome::Counts { by, counts: store.ask(ctx, ops::demands::CountDemands { by })? },
        Effect::Evaluate(period) => {
            let done = store.ask(ctx, ops::review::Evaluate { period })?;
            Outcome::Evaluated { done, records: store.all(ctx, Kind::Evaluation)? }
        }
        Effect::DutyReport { member_id, period, today } => {
            let report = store.ask(ctx, ops::review::DutyReportOf { member_id, period, today })?;
            Outcome::DutyReport(Box::new(report))
        }
        Effect::Publish { path, bytes, ids, on } => {
            // The file first: a date is recorded only for a list that exists.
            write_file(&path, &bytes)?;
            let records = store.ask(ctx, ops::review::MarkPublished { ids, on })?;
            Outcome::Published { path, records }
        }
    })
}

fn undo(store: &Backend, ctx: &Context, op: UndoOp) -> Result<Outcome, Error> {
    let rec = match op {
        UndoOp::Created { kind, id } => match store.ask(ctx, ops::records::Delete { kind, id }) {
            Ok(()) => return Ok(Outcome::Undone { kind, id, rec: None }),
            Err(Error::Store(StoreError::Referenced { .. })) => {
                store.ask(ctx, ops::records::SetArchived { kind, id, archived: true })?
            }
            Err(e) => return Err(e),
        },
        UndoOp::Updated { id, old, .. } => {
            store.ask(ctx, ops::records::Update { id, data: *old, expected_rev: None })?
        }
        UndoOp::Archived { kind, id, was } => store.ask(ctx, ops::records::SetArchived { kind, id, archived: was })?,
    };
    Ok(Outcome::Undone { kind: rec.kind(), id: rec.id(), rec: Some(Box::new(rec)) })
}
