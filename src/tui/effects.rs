//! What the workbench asks of the outside world, and what came back. `update`
//! returns effects; the runner performs them (`runner::carry_out`) and hands
//! each outcome back to `update`. Tests do the same on a temporary store.

use super::form::DRAFT_KEY;
use super::unsent;
use crate::io::read::{ReadError, Sheet};
use crate::model::{AnyData, AnyRecord, Kind};
use crate::net::Backend;
use crate::ops::{self, Error, Request, Response};
use crate::store::{Context, StoreError};
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

/// What the state asks of the outside world. Nearly everything is an
/// operation (`Ask`), whose reply comes back with the request to the part of
/// the state that asked (`App::replied`); the rest touches files, or keeps a
/// draft where the server cannot lose it.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// An operation asked of the store as it is; the reply comes back with it.
    Ask(Box<Request>),
    /// Take back the last change: a record just added is removed, or archived
    /// when something refers to it already.
    Undo(UndoOp),
    PutDraft(Vec<u8>),
    DeleteDraft,
    Export {
        path: String,
        bytes: Vec<u8>,
    },
    ReadImport {
        kind: Kind,
        path: String,
    },
    /// Gather and lay out a Word document, then write it to `path` (or to
    /// its default name in the current directory).
    Document {
        paper: crate::docs::Paper,
        path: Option<String>,
        today: NaiveDate,
        lang: crate::i18n::Lang,
    },
    /// Gather a published period's 报送表, write it to `path`, then record the
    /// day it went to both organisation departments.
    Feedback {
        period: crate::model::period::Period,
        path: String,
        today: NaiveDate,
        lang: crate::i18n::Lang,
    },
    /// Add up the streets' 报送表 `files` into the district workbook `path`.
    Rollup {
        files: Vec<String>,
        path: String,
        lang: crate::i18n::Lang,
    },
    /// Write the 公示 list, then record `on` as the listed evaluations' publication date.
    Publish {
        path: String,
        bytes: Vec<u8>,
        mark: ops::review::MarkPublished,
    },
}

impl Effect {
    /// An operation to ask.
    pub fn ask(op: impl Into<Request>) -> Effect {
        Effect::Ask(Box::new(op.into()))
    }
}

#[derive(Debug)]
pub enum Outcome {
    /// The reply to an `Effect::Ask`, with what was asked.
    Replied {
        request: Box<Request>,
        response: Box<Response>,
    },
    /// The undo is done; `rec` is the record as it now is, `None` when removed.
    Undone {
        kind: Kind,
        id: u64,
        rec: Option<Box<AnyRecord>>,
    },
    Exported {
        path: String,
    },
    ImportRead {
        kind: Kind,
        path: String,
        sheet: Result<Sheet, ReadError>,
    },
    Published {
        path: String,
        records: Vec<AnyRecord>,
    },
    DocumentWritten {
        path: String,
    },
    /// The 报送表 written (how many members) and its sending recorded.
    FedBack {
        path: String,
        records: Vec<AnyRecord>,
    },
    /// The district roll-up written: how many streets and members.
    RolledUp {
        path: String,
        streets: usize,
        members: usize,
    },
    /// A document that could not be made, and why, in the user's language.
    DocumentRefused(String),
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
        Effect::Ask(request) => {
            let response = store.ask_request(ctx, (*request).clone())?;
            Outcome::Replied { request, response: Box::new(response) }
        }
        Effect::Undo(op) => undo(store, ctx, op)?,
        Effect::PutDraft(value) => {
            match store.ask(ctx, ops::drafts::PutDraft { key: DRAFT_KEY.into(), value: value.clone() }) {
                Ok(_) => {
                    unsent::clear(store);
                    Outcome::Quiet
                }
                Err(e @ (Error::Unreachable { .. } | Error::Lost { .. })) => {
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
        Effect::Export { path, bytes } => {
            write_file(&path, &bytes)?;
            Outcome::Exported { path }
        }
        Effect::ReadImport { kind, path } => {
            let sheet = crate::io::read::read_file(std::path::Path::new(&path), None);
            Outcome::ImportRead { kind, path, sheet }
        }
        Effect::Document { paper, path, today, lang } => match crate::docs::build(store, ctx, &paper, today, lang) {
            Ok(written) => {
                let path = path.unwrap_or(written.file_name);
                write_file(&path, &written.bytes)?;
                Outcome::DocumentWritten { path }
            }
            Err(crate::docs::DocError::Op(e)) => return Err(e),
            Err(e) => Outcome::DocumentRefused(e.message(lang)),
        },
        Effect::Feedback { period, path, today, lang } => {
            let rows = store.ask(ctx, ops::review::FeedbackOf { period, today })?;
            let settings = store.ask(ctx, ops::settings::GetSettings)?;
            let bytes = crate::review::feedback::workbook_bytes(&rows, &settings.street_name, period, lang)
                .map_err(|e| Error::from(StoreError::Io(format!("{path}: {}", e.0))))?;
            write_file(&path, &bytes)?;
            let to = ops::review::Recipient::Both;
            let records = store.ask(ctx, ops::review::MarkFedBack { period, to, on: today })?;
            Outcome::FedBack { path, records }
        }
        Effect::Rollup { files, path, lang } => {
            let files: Vec<std::path::PathBuf> = files.iter().map(std::path::PathBuf::from).collect();
            let rows = match crate::review::rollup::read_all(&files) {
                Ok(rows) => rows,
                Err(e) => return Ok(Outcome::DocumentRefused(e.message(lang))),
            };
            let bytes = crate::review::rollup::workbook_bytes(&rows, lang)
                .map_err(|e| Error::from(StoreError::Io(format!("{path}: {}", e.0))))?;
            write_file(&path, &bytes)?;
            let streets = crate::review::rollup::street_totals(&rows).len();
            Outcome::RolledUp { path, streets, members: rows.len() }
        }
        Effect::Publish { path, bytes, mark } => {
            // The file first: a date is recorded only for a list that exists.
            write_file(&path, &bytes)?;
            let records = store.ask(ctx, mark)?;
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
