//! Every change: validate, check references, then one sled transaction over the
//! record, its index entries, the id counter and the audit entry, then `flush()`.

use super::audit::{self, AuditAction, AuditEntry, Change, AUDIT_VERSION};
use super::codec::{self, id_key};
use super::index;
use super::{Context, Store, StoreError};
use crate::model::settings::{Settings, SETTING_KEYS};
use crate::model::{AnyData, AnyRecord, Evaluation, FieldError, IndexValue, Invalid, Kind, Meta, Problem, Wrap};
use crate::rules::grading::settle_grade;
use sled::transaction::{ConflictableTransactionResult, TransactionError, TransactionalTree};
use sled::Transactional;

pub(super) const SETTINGS_KEY: &[u8] = b"settings";
/// 2: `demand_due_days_by_category`, `report_cycle_days`, `issuing_body` and
/// `objection_contact` (version 1 is read by `read::decode_settings`).
pub(super) const SETTINGS_VERSION: u8 = 2;
pub(super) const AUDIT_SEQ: &[u8] = b"audit_seq";

/// Meta keys that belong to the content a backup holds or that describe it
/// (counters, settings, an import's marker and journal), as opposed to the
/// roles and schema marks a restore keeps.
pub(super) fn is_content_key(key: &[u8]) -> bool {
    key.starts_with(b"next_id/") || key == AUDIT_SEQ || key == SETTINGS_KEY || super::bulk::is_import_state(key)
}

pub(super) fn next_id_key(kind: Kind) -> Vec<u8> {
    format!("next_id/{}", kind.id()).into_bytes()
}

/// Takes the next value of a counter in the meta tree (starting at 1).
pub(super) fn take_counter(meta: &TransactionalTree, key: &[u8]) -> ConflictableTransactionResult<u64, StoreError> {
    let next = meta.get(key)?.and_then(|v| codec::key_id(&v)).unwrap_or(1);
    meta.insert(key, &(next + 1).to_be_bytes())?;
    Ok(next)
}

pub(super) fn append_audit(
    audit: &TransactionalTree,
    meta: &TransactionalTree,
    entry: &AuditEntry,
) -> ConflictableTransactionResult<(), StoreError> {
    let seq = take_counter(meta, AUDIT_SEQ)?;
    audit.insert(&seq.to_be_bytes(), codec::encode(AUDIT_VERSION, entry))?;
    Ok(())
}

/// Every record is made ready for writing here, whichever path writes it (one
/// record, a workflow's batch, an import): its text normalized, its fields
/// validated, and an evaluation's grade settled against its votes (`old`: the
/// stored version). Records restored or generated as a whole store
/// (`insert_many`) keep the grades they were written with: `grading` is `None`.
pub(super) fn prepare(data: &mut AnyData, old: Option<&AnyData>, grading: Option<&Settings>) -> Result<(), StoreError> {
    data.normalize();
    data.validate()?;
    if let (AnyData::Evaluation(new), Some(settings)) = (data, grading) {
        let old = old.and_then(Evaluation::peek);
        settle_grade(old, new, settings).map_err(|e| Invalid(vec![e]))?;
    }
    Ok(())
}

pub(super) fn unwrap_tx<T>(r: Result<T, TransactionError<StoreError>>) -> Result<T, StoreError> {
    r.map_err(|e| match e {
        TransactionError::Abort(e) => e,
        TransactionError::Storage(e) => e.into(),
    })
}

impl Store {
    pub(super) fn entry(
        &self,
        ctx: &Context,
        action: AuditAction,
        kind: Option<Kind>,
        id: u64,
        changes: Vec<Change>,
    ) -> AuditEntry {
        AuditEntry { at: ctx.now, account: ctx.account.clone(), action, kind, id, changes, note: String::new() }
    }

    /// Writes `record` (a new id is taken when its id is 0), moving its index
    /// entries from `old_values` to its current ones, with `entry` in the audit log.
    fn commit(&self, record: AnyRecord, old_values: &[IndexValue], entry: AuditEntry) -> Result<AnyRecord, StoreError> {
        let kind = record.kind();
        let new_values = record.data.index_values();
        let trees = (self.tree(kind), &self.index, &self.meta, &self.audit);
        let saved = unwrap_tx(trees.transaction(|(t, i, m, a)| {
            let mut rec = record.clone();
            if rec.meta.id == 0 {
                rec.meta.id = take_counter(m, &next_id_key(kind))?;
            }
            let id = rec.meta.id;
            t.insert(&id_key(id), codec::encode_any(&rec))?;
            for v in old_values.iter().filter(|v| !new_values.contains(v)) {
                i.remove(index::key(kind, v, id))?;
            }
            for v in &new_values {
                i.insert(index::key(kind, v, id), &[])?;
            }
            let mut e = entry.clone();
            e.id = id;
            append_audit(a, m, &e)?;
            Ok(rec)
        }))?;
        self.flush()?;
        Ok(saved)
    }

    pub fn create(&self, ctx: &Context, mut data: AnyData) -> Result<AnyRecord, StoreError> {
        let _guard = self.writer.lock().unwrap_or_else(|e| e.into_inner());
        prepare(&mut data, None, Some(&self.settings()?))?;
        self.check_references(&data, None, 0)?;
        let meta = Meta { id: 0, rev: 1, created_at: ctx.now, updated_at: ctx.now, archived: false };
        let changes = audit::diff(None, &data);
        let entry = self.entry(ctx, AuditAction::Create, Some(data.kind()), 0, changes);
        self.commit(AnyRecord { meta, data }, &[], entry)
    }

    /// Replaces the data of record `id`; refused when `expected_rev` is given
    /// and someone saved a newer revision meanwhile.
    pub fn update(
        &self,
        ctx: &Context,
        id: u64,
        mut data: AnyData,
        expected_rev: Option<u64>,
    ) -> Result<AnyRecord, StoreError> {
        let _guard = self.writer.lock().unwrap_or_else(|e| e.into_inner());
        let kind = data.kind();
        let old = self.get(kind, id)?.ok_or(StoreError::NotFound { kind, id })?;
        if let Some(expected) = expected_rev.filter(|r| *r != old.meta.rev) {
            return Err(StoreError::Stale { kind, id, expected, found: old.meta.rev });
        }
        prepare(&mut data, Some(&old.data), Some(&self.settings()?))?;
        if data == old.data {
            return Ok(old);
        }
        self.check_references(&data, Some(&old.data), id)?;
        let changes = audit::diff(Some(&old.data), &data);
        let meta = Meta { rev: old.meta.rev + 1, updated_at: ctx.now, ..old.meta.clone() };
        let entry = self.entry(ctx, AuditAction::Update, Some(kind), id, changes);
        self.commit(AnyRecord { meta, data }, &old.data.index_values(), entry)
    }

    pub fn set_archived(&self, ctx: &Context, kind: Kind, id: u64, archived: bool) -> Result<AnyRecord, StoreError> {
        let _guard = self.writer.lock().unwrap_or_else(|e| e.into_inner());
        let old = self.get(kind, id)?.ok_or(StoreError::NotFound { kind, id })?;
        if old.meta.archived == archived {
            return Ok(old);
        }
        let meta = Meta { archived, rev: old.meta.rev + 1, updated_at: ctx.now, ..old.meta.clone() };
        let action = if archived { AuditAction::Archive } else { AuditAction::Unarchive };
        let change = Change { field: "archived".into(), old: (!archived).to_string(), new: archived.to_string() };
        let entry = self.entry(ctx, action, Some(kind), id, vec![change]);
        let values = old.data.index_values();
        self.commit(AnyRecord { meta, data: old.data }, &values, entry)
    }

    /// Every reference must name an existing record; a newly set one must not be archived.
    fn check_references(&self, data: &AnyData, old: Option<&AnyData>, self_id: u64) -> Result<(), StoreError> {
        let old_refs = old.map(AnyData::refs).unwrap_or_default();
        let mut errors = Vec::new();
        for r in data.refs() {
            let problem = match self.get(r.kind, r.id)? {
                None => Some(Problem::NotFound { kind: r.kind, id: r.id }),
                Some(t) if t.meta.archived && !old_refs.contains(&r) => {
                    Some(Problem::ArchivedRef { kind: r.kind, id: r.id })
                }
                Some(_) => None,
            };
            errors.extend(problem.map(|p| FieldError::new(data.kind(), r.field, p)));
        }
        errors.extend(self.duplicate_errors(data, self_id)?);
        if errors.is_empty() {
            Ok(())
        } else {
            Err(Invalid(errors).into())
        }
    }

    /// A member has one evaluation per period.
    fn duplicate_errors(&self, data: &AnyData, self_id: u64) -> Result<Vec<FieldError>, StoreError> {
        let AnyData::Evaluation(e) = data else { return Ok(Vec::new()) };
        let of_member = self.ids_by(Kind::Evaluation, &IndexValue::Ref(Kind::Member, e.member_id))?;
        let of_period = self.ids_by(Kind::Evaluation, &IndexValue::Period(e.period.to_string()))?;
        let clash = of_member.iter().any(|id| *id != self_id && of_period.contains(id));
        let problem = Problem::Duplicate { value: e.period.to_string() };
        Ok(clash.then(|| FieldError::new(Kind::Evaluation, "period", problem)).into_iter().collect())
    }

    pub fn set_settings(&self, ctx: &Context, settings: &Settings) -> Result<(), StoreError> {
        let _guard = self.writer.lock().unwrap_or_else(|e| e.into_inner());
        let old = self.settings()?;
        let changes: Vec<Change> = SETTING_KEYS
            .iter()
            .filter_map(|k| {
                let (before, after) = (old.get(k).unwrap_or_default(), settings.get(k).unwrap_or_default());
                (before != after).then(|| Change { field: k.to_string(), old: before, new: after })
            })
            .collect();
        let entry = self.entry(ctx, AuditAction::Settings, None, 0, changes);
        let encoded = codec::encode(SETTINGS_VERSION, settings);
        unwrap_tx((&self.meta, &self.audit).transaction(|(m, a)| {
            m.insert(SETTINGS_KEY, encoded.clone())?;
            append_audit(a, m, &entry)
        }))?;
        self.flush()
    }

    /// Records in the audit log that personal data was shown unmasked.
    pub fn log_event(
        &self,
        ctx: &Context,
        action: AuditAction,
        kind: Option<Kind>,
        id: u64,
        note: &str,
    ) -> Result<(), StoreError> {
        let _guard = self.writer.lock().unwrap_or_else(|e| e.into_inner());
        let mut entry = self.entry(ctx, action, kind, id, Vec::new());
        entry.note = note.to_string();
        unwrap_tx((&self.meta, &self.audit).transaction(|(m, a)| append_audit(a, m, &entry)))?;
        self.flush()
    }

    /// Writes many new records of one kind at once (demo data, restore), ids in
    /// order; validated but not reference-checked: `check` verifies afterwards.
    /// Durable once it returns.
    pub fn insert_many(&self, ctx: &Context, kind: Kind, items: Vec<AnyData>) -> Result<Vec<u64>, StoreError> {
        let _guard = self.writer.lock().unwrap_or_else(|e| e.into_inner());
        let mut ids = Vec::with_capacity(items.len());
        for chunk in items.chunks(2000) {
            let records = chunk.iter().map(|d| self.new_record(ctx, kind, d.clone())).collect::<Result<Vec<_>, _>>()?;
            ids.extend(self.insert_chunk(kind, records)?);
        }
        self.flush()?;
        Ok(ids)
    }

    fn new_record(&self, ctx: &Context, kind: Kind, mut data: AnyData) -> Result<AnyRecord, StoreError> {
        if data.kind() != kind {
            return Err(StoreError::WrongKind { expected: kind, found: data.kind() });
        }
        prepare(&mut data, None, None)?;
        Ok(AnyRecord { meta: Meta { id: 0, rev: 1, created_at: ctx.now, updated_at: ctx.now, archived: false }, data })
    }

    fn insert_chunk(&self, kind: Kind, records: Vec<AnyRecord>) -> Result<Vec<u64>, StoreError> {
        unwrap_tx((self.tree(kind), &self.index, &self.meta).transaction(|(t, i, m)| {
            let mut ids = Vec::with_capacity(records.len());
            for rec in &records {
                let id = take_counter(m, &next_id_key(kind))?;
                let rec = AnyRecord { meta: Meta { id, ..rec.meta.clone() }, data: rec.data.clone() };
                t.insert(&id_key(id), codec::encode_any(&rec))?;
                for v in rec.data.index_values() {
                    i.insert(index::key(kind, &v, id), &[])?;
                }
                ids.push(id);
            }
            Ok(ids)
        }))
    }

    /// Writes restored records under their own ids, and raises the id counter past them.
    /// Drops every record, index entry, counter and audit entry, keeping the schema version.
    pub(super) fn clear_all(&self) -> Result<(), StoreError> {
        for tree in self.records.iter().chain([&self.index, &self.audit]) {
            tree.clear()?;
        }
        for key in self.meta.iter().keys() {
            let key = key?;
            if is_content_key(&key) {
                self.meta.remove(key)?;
            }
        }
        Ok(())
    }

    /// Recomputes the index tree from the records.
    pub fn rebuild_indexes(&self) -> Result<(), StoreError> {
        self.index.clear()?;
        for kind in Kind::ALL {
            for rec in self.list(kind, true)? {
                for v in rec.data.index_values() {
                    self.index.insert(index::key(kind, &v, rec.id()), &[])?;
                }
            }
        }
        self.flush()
    }
}
