//! What the state does with the outcome of an effect: saved records take their
//! place in the lists, the last change becomes undoable, failures are shown.

use super::app::App;
use super::effects::{Outcome, UndoOp};
use super::keymap::Mode;
use super::open::{Layer, Question};
use crate::i18n::Lang;
use crate::model::{AnyRecord, Kind};
use crate::ops::Error;
use crate::store::StoreError;
use std::borrow::Cow;

impl App {
    pub fn apply(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Saved { rec, old } => self.saved(*rec, old.map(|b| *b)),
            Outcome::Archived { rec } => self.archived(*rec),
            Outcome::Undone { kind, id, rec } => self.undone(kind, id, rec.map(|b| *b)),
            Outcome::Revealed { kind, id } => {
                self.revealed.insert((kind, id));
                self.status = self
                    .lang
                    .pick("已显示完整个人信息（已记入审计日志）", "Personal data shown in full (logged)")
                    .into();
            }
            Outcome::Exported { path } => {
                self.status = match self.lang {
                    Lang::Zh => format!("已导出到 {path}"),
                    Lang::En => format!("Exported to {path}"),
                }
            }
            Outcome::ImportRead { kind, path, sheet } => self.import_read(kind, &path, sheet),
            Outcome::Imported { kind, outcome, records } => self.imported(kind, &outcome, records),
            Outcome::Replied { request, response } => self.replied(*request, *response),
            Outcome::Evaluated { done, records } => self.evaluated(&done, records),
            Outcome::OwnerTasks { groups, overdue_only } => self.show_owner_tasks(&groups, overdue_only),
            Outcome::Counts { by, counts } => self.show_counts(by, &counts),
            Outcome::DutyReport(report) => self.show_duty_report(&report),
            Outcome::Published { path, records } => self.published(&path, records),
            Outcome::Failed(e) => self.failed(e),
            Outcome::Quiet => {}
        }
    }

    fn describe(&self, rec: &AnyRecord) -> String {
        format!("{} {}", rec.kind().label(self.lang), self.data.label(rec.kind(), rec.id()))
    }

    fn saved(&mut self, rec: AnyRecord, old: Option<AnyRecord>) {
        let (kind, id) = (rec.kind(), rec.id());
        self.last_saved.insert(kind, rec.data.clone());
        self.data.upsert(rec);
        self.refresh_kind(kind);
        self.open.close(|o| matches!(o, Layer::Form(_)));
        let rec = self.data.get(kind, id).map(Cow::into_owned);
        let what = rec.as_ref().map(|r| self.describe(r)).unwrap_or_default();
        let (verb, op) = match old {
            Some(old) => (self.lang.pick("已修改", "Saved"), UndoOp::Updated { kind, id, old: Box::new(old.data) }),
            None => (self.lang.pick("已新增", "Added"), UndoOp::Created { kind, id }),
        };
        self.undo = Some((format!("{verb} {what}"), op));
        self.status = format!("{verb} {what}{}", self.undo_hint());
        self.jump_to(kind, id);
        self.pane = super::app::Pane::List;
    }

    fn archived(&mut self, rec: AnyRecord) {
        let (kind, id, now) = (rec.kind(), rec.id(), rec.meta.archived);
        let what = self.describe(&rec);
        self.data.upsert(rec);
        self.refresh_kind(kind);
        let verb =
            if now { self.lang.pick("已归档", "Archived") } else { self.lang.pick("已恢复", "Unarchived") };
        self.undo = Some((format!("{verb} {what}"), UndoOp::Archived { kind, id, was: !now }));
        self.status = format!("{verb} {what}{}", self.undo_hint());
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
