//! Several records written as one: a workflow step that creates a task and
//! moves its demands, or records a follow-up visit and its demand, is all or
//! nothing. The step reads and stages records through a [`Batch`]; nothing is
//! written until it returns, then everything goes into one sled transaction
//! over all record trees, the index, the counters and the audit log, and is flushed.

use super::audit::{self, AuditAction, AuditEntry};
use super::codec::{self, id_key};
use super::write::{append_audit, next_id_key, prepare, take_counter, unwrap_tx};
use super::{index, Context, Store, StoreError};
use crate::model::settings::Settings;
use crate::model::{AnyData, AnyRecord, FieldError, IndexValue, Invalid, Kind, Meta, Problem, Ref};
use sled::transaction::ConflictableTransactionError;
use sled::Transactional;
use std::collections::HashMap;

/// The records a step has staged, readable by the step as if already written.
pub struct Batch<'a> {
    store: &'a Store,
    ctx: Context,
    /// The next free id per kind; ids are handed out before the write, which is
    /// safe because the writer lock is held from the first read to the commit.
    next: HashMap<Kind, u64>,
    /// New and changed records in order; the second is the version before.
    staged: Vec<(AnyRecord, Option<AnyRecord>)>,
    /// The settings in force (the grade rule and vote weights), read once for the step.
    settings: Settings,
}

impl<'a> Batch<'a> {
    /// The record as this step sees it: staged first, then the store.
    pub fn get(&self, kind: Kind, id: u64) -> Result<AnyRecord, StoreError> {
        match self.staged.iter().rev().find(|(r, _)| r.kind() == kind && r.id() == id) {
            Some((rec, _)) => Ok(rec.clone()),
            None => self.store.get(kind, id)?.ok_or(StoreError::NotFound { kind, id }),
        }
    }

    /// Every unarchived record of `kind`, with this step's changes.
    pub fn list(&self, kind: Kind) -> Result<Vec<AnyRecord>, StoreError> {
        let mut all = self.store.list(kind, false)?;
        for (rec, _) in self.staged.iter().filter(|(r, _)| r.kind() == kind) {
            match all.iter_mut().find(|r| r.id() == rec.id()) {
                Some(slot) => *slot = rec.clone(),
                None => all.push(rec.clone()),
            }
        }
        Ok(all)
    }

    /// Stages a new record and returns the id it will have.
    pub fn create(&mut self, mut data: AnyData) -> Result<u64, StoreError> {
        prepare(&mut data, None, Some(&self.settings))?;
        let kind = data.kind();
        let id = self.next_id(kind)?;
        let meta = Meta { id, rev: 1, created_at: self.ctx.now, updated_at: self.ctx.now, archived: false };
        self.staged.push((AnyRecord { meta, data }, None));
        Ok(id)
    }

    /// Stages new data for an existing record; nothing is staged when it is unchanged.
    pub fn update(&mut self, id: u64, mut data: AnyData) -> Result<AnyRecord, StoreError> {
        let kind = data.kind();
        let current = self.get(kind, id)?;
        prepare(&mut data, Some(&current.data), Some(&self.settings))?;
        if current.data == data {
            return Ok(current);
        }
        let position = self.staged.iter().position(|(r, _)| r.kind() == kind && r.id() == id);
        let before = match position {
            Some(i) => self.staged.remove(i).1,
            None => Some(current.clone()),
        };
        let rev = before.as_ref().map_or(1, |b| b.meta.rev + 1);
        let meta = Meta { rev, updated_at: self.ctx.now, ..current.meta };
        let rec = AnyRecord { meta, data };
        self.staged.push((rec.clone(), before));
        Ok(rec)
    }

    fn next_id(&mut self, kind: Kind) -> Result<u64, StoreError> {
        let next = match self.next.get(&kind) {
            Some(n) => *n,
            None => self.store.meta.get(next_id_key(kind))?.and_then(|v| codec::key_id(&v)).unwrap_or(1),
        };
        self.next.insert(kind, next + 1);
        Ok(next)
    }

    /// Every reference must name a record that exists or is staged here; a
    /// newly set one must not be archived.
    fn check_references(&self) -> Result<(), StoreError> {
        let mut errors = Vec::new();
        for (rec, before) in &self.staged {
            let old_refs = before.as_ref().map(|b| b.data.refs()).unwrap_or_default();
            for r in rec.data.refs() {
                if let Some(problem) = self.reference_problem(&r, &old_refs)? {
                    errors.push(FieldError::new(rec.kind(), r.field, problem));
                }
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(Invalid(errors).into())
        }
    }

    fn reference_problem(&self, r: &Ref, old_refs: &[Ref]) -> Result<Option<Problem>, StoreError> {
        if self.staged.iter().any(|(s, _)| s.kind() == r.kind && s.id() == r.id) {
            return Ok(None);
        }
        Ok(match self.store.get(r.kind, r.id)? {
            None => Some(Problem::NotFound { kind: r.kind, id: r.id }),
            Some(t) if t.meta.archived && !old_refs.contains(r) => {
                Some(Problem::ArchivedRef { kind: r.kind, id: r.id })
            }
            Some(_) => None,
        })
    }

    fn audit_entries(&self) -> Vec<AuditEntry> {
        self.staged
            .iter()
            .map(|(rec, before)| AuditEntry {
                at: self.ctx.now,
                account: self.ctx.account.clone(),
                action: if before.is_some() { AuditAction::Update } else { AuditAction::Create },
                kind: Some(rec.kind()),
                id: rec.id(),
                changes: audit::diff(before.as_ref().map(|b| &b.data), &rec.data),
                note: String::new(),
            })
            .collect()
    }
}

impl Store {
    /// Runs `step` against a [`Batch`] and writes what it staged, all or nothing.
    /// An error from the step writes nothing.
    /// The step's own error type may carry more than the store's (a refusal
    /// by the rules of a workflow).
    pub fn write_batch<T, E: From<StoreError>>(
        &self,
        ctx: &Context,
        step: impl FnOnce(&mut Batch) -> Result<T, E>,
    ) -> Result<T, E> {
        let _guard = self.writer.lock().unwrap_or_else(|e| e.into_inner());
        let settings = self.settings()?;
        let mut batch = Batch { store: self, ctx: ctx.clone(), next: HashMap::new(), staged: Vec::new(), settings };
        let out = step(&mut batch)?;
        if batch.staged.is_empty() {
            return Ok(out);
        }
        batch.check_references()?;
        self.commit_batch(&batch)?;
        Ok(out)
    }

    fn commit_batch(&self, batch: &Batch) -> Result<(), StoreError> {
        let entries = batch.audit_entries();
        let mut trees: Vec<&sled::Tree> = self.records.iter().collect();
        trees.extend([&self.index, &self.meta, &self.audit]);
        let n = self.records.len();
        unwrap_tx(trees.as_slice().transaction(|t| {
            let (i, m, a) = (&t[n], &t[n + 1], &t[n + 2]);
            for (rec, before) in &batch.staged {
                let kind = rec.kind();
                if before.is_none() && take_counter(m, &next_id_key(kind))? != rec.id() {
                    let e = StoreError::Io(format!("the id counter of {kind} moved during a write"));
                    return Err(ConflictableTransactionError::Abort(e));
                }
                t[kind as usize].insert(&id_key(rec.id()), codec::encode_any(rec))?;
                let new_values = rec.data.index_values();
                let old_values: Vec<IndexValue> = before.as_ref().map(|b| b.data.index_values()).unwrap_or_default();
                for v in old_values.iter().filter(|v| !new_values.contains(v)) {
                    i.remove(index::key(kind, v, rec.id()))?;
                }
                for v in &new_values {
                    i.insert(index::key(kind, v, rec.id()), &[])?;
                }
            }
            for e in &entries {
                append_audit(a, m, e)?;
            }
            Ok(())
        }))?;
        self.flush()
    }
}
