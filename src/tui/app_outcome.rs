//! What the state does with the outcome of an effect: saved records take their
//! place in the lists, the last change becomes undoable, failures are shown.

use super::app::App;
use super::effects::{Effect, Outcome, UndoOp};
use super::keymap::Mode;
use super::open::{Layer, Question};
use crate::i18n::Lang;
use crate::model::{AnyRecord, Kind};
use crate::ops::{self, Error, Operation, Request, Response};
use crate::store::StoreError;
use std::borrow::Cow;

/// What an operation says it did to a record, asked of the state once the record is held.
type Said<'a> = dyn Fn(&App, &AnyRecord) -> String + 'a;

impl App {
    /// What came back of an effect; the effects it leads to (a draft to
    /// drop once its record is saved, a kind to read again after an import).
    pub(super) fn apply(&mut self, outcome: Outcome) -> Vec<Effect> {
        match outcome {
            Outcome::Replied { request, response } => return self.replied(*request, *response),
            Outcome::Undone { kind, id, rec } => self.undone(kind, id, rec.map(|b| *b)),
            Outcome::Exported { path } => {
                self.status = match self.lang {
                    Lang::Zh => format!("已导出到 {path}"),
                    Lang::En => format!("Exported to {path}"),
                }
            }
            Outcome::ImportRead { kind, path, sheet } => self.import_read(kind, &path, sheet),
            Outcome::Published { path, records } => self.published(&path, records),
            Outcome::FedBack { path, records } => self.fed_back(&path, records),
            Outcome::RolledUp { path, streets, members } => {
                self.status = match self.lang {
                    Lang::Zh => format!("已汇总 {streets} 个街道、{members} 名委员：{path}"),
                    Lang::En => format!("Rolled up {streets} streets, {members} members, to {path}"),
                }
            }
            Outcome::DocumentWritten { path } => self.document_written(&path),
            Outcome::DocumentRefused(message) => self.status = message,
            Outcome::Failed(e) => self.failed(e),
            Outcome::Quiet => {}
        }
        Vec::new()
    }

    /// The reply to an operation, handed to the part of the state that asked.
    fn replied(&mut self, request: Request, response: Response) -> Vec<Effect> {
        match (request, response) {
            (Request::Create(op), Response::Create(rec)) => return self.saved(rec, None, &|a, r| a.said(&op, r)),
            (Request::EditChecked(op), Response::EditChecked(rec)) => {
                let old = self.data.get(rec.kind(), op.id).map(Cow::into_owned);
                return self.saved(rec, old, &|a, r| a.said(&op, r));
            }
            (Request::SetArchived(op), Response::SetArchived(rec)) => self.archived(rec, &|a, r| a.said(&op, r)),
            (Request::LogReveal(op), Response::LogReveal(reply)) => {
                self.revealed.extend(op.ids.iter().map(|id| (op.kind, *id)));
                self.status = op.outcome(&reply, &|kind, id| self.data.label(kind, id), self.lang);
            }
            (Request::TasksByOwner(op), Response::TasksByOwner(groups)) => {
                self.show_owner_tasks(&groups, op.overdue_only)
            }
            (Request::CountDemands(op), Response::CountDemands(counts)) => self.show_counts(op.by, &counts),
            (Request::DutyReport(_), Response::DutyReport(report)) => self.show_duty_report(&report),
            (Request::Remind(op), Response::Remind(items)) => self.show_reminders(&op, &items),
            (Request::Overdue(_), Response::Overdue(groups)) => self.show_overdue(&groups),
            (Request::Evaluate(op), Response::Evaluate(done)) => {
                self.status = op.outcome(&done, &|kind, id| self.data.label(kind, id), self.lang);
                self.go_tab(Kind::Evaluation as usize + 1);
                return vec![Effect::ask(ops::records::List { kind: Kind::Evaluation, include_archived: true })];
            }
            (Request::Import(op), Response::Import(done)) => {
                let kind = op.batch.kind;
                self.status = op.outcome(&done, &|kind, id| self.data.label(kind, id), self.lang);
                self.go_tab(kind as usize + 1);
                // The previous change's undo would now act on a store the import has changed around it.
                self.undo = None;
                return vec![Effect::ask(ops::records::List { kind, include_archived: true })];
            }
            (Request::List(op), Response::List(records)) => {
                self.data.replace_kind(op.kind, records);
                self.refresh_kind(op.kind);
            }
            (Request::Editing(_), _) => {}
            (request, response) => self.stepped(request, response),
        }
        Vec::new()
    }

    fn describe(&self, rec: &AnyRecord) -> String {
        format!("{} {}", rec.kind().label(self.lang), self.data.label(rec.kind(), rec.id()))
    }

    /// What the operation says it did to `rec`, naming records as the lists do.
    fn said<O: Operation<Reply = AnyRecord>>(&self, op: &O, rec: &AnyRecord) -> String {
        op.outcome(rec, &|kind, id| self.data.label(kind, id), self.lang)
    }

    /// A form's record saved: it is shown, undoable, and its draft dropped;
    /// `said` tells what was done once the record is in place.
    fn saved(&mut self, rec: AnyRecord, old: Option<AnyRecord>, said: &Said) -> Vec<Effect> {
        let (kind, id) = (rec.kind(), rec.id());
        self.last_saved.insert(kind, rec.data.clone());
        self.data.upsert(rec);
        self.refresh_kind(kind);
        self.open.close(|o| matches!(o, Layer::Form(_)));
        let what = self.data.get(kind, id).map(|r| said(self, &r)).unwrap_or_default();
        let op = match old {
            Some(old) => UndoOp::Updated { kind, id, old: Box::new(old.data) },
            None => UndoOp::Created { kind, id },
        };
        self.status = format!("{what}{}", self.undo_hint());
        self.undo = Some((what, op));
        self.jump_to(kind, id);
        self.pane = super::app::Pane::List;
        vec![Effect::DeleteDraft]
    }

    fn archived(&mut self, rec: AnyRecord, said: &Said) {
        let (kind, id, now) = (rec.kind(), rec.id(), rec.meta.archived);
        let what = said(self, &rec);
        self.data.upsert(rec);
        self.refresh_kind(kind);
        self.status = format!("{what}{}", self.undo_hint());
        self.undo = Some((what, UndoOp::Archived { kind, id, was: !now }));
    }

    /// "（按 u 撤销）", naming the key the keymap in force binds to undo.
    fn undo_hint(&self) -> String {
        let key = self.keymap.key_text(Mode::Normal, super::action::Action::Undo, self.lang);
        match (key.is_empty(), self.lang) {
            (true, _) => String::new(),
            (false, Lang::Zh) => format!("（按 {key} 撤销）"),
            (false, Lang::En) => format!(" ({key} undoes)"),
        }
    }

    fn undone(&mut self, kind: Kind, id: u64, rec: Option<AnyRecord>) {
        let what = self.data.get(kind, id).map(|r| self.describe(&r)).unwrap_or_default();
        match rec {
            Some(rec) => self.data.upsert(rec),
            None => self.data.remove(kind, id),
        }
        self.refresh_kind(kind);
        self.status = format!("{}{what}", self.lang.pick("已撤销：", "Undone: "));
    }

    fn failed(&mut self, e: Error) {
        self.status = e.message(self.lang);
        if let (Some(StoreError::Stale { found, .. }), Some(_)) = (e.store(), self.form()) {
            self.open.push(Layer::Question(Question::Overwrite { rev: *found }));
            return;
        }
        if let (Some(StoreError::Invalid(invalid)), Some(form)) = (e.store(), self.open.form_mut()) {
            form.show_errors(invalid, self.lang);
            form.picker = None;
        }
    }
}
