//! An import's writes: every new and changed record of one file, with their
//! index entries, the id and audit counters, one audit entry per changed
//! record (action Update, field by field, `import FILE` in the note) and one
//! for the import itself, then `flush()`. Either all of a file is in the store
//! or none of it.
//!
//! The import's entry ([`AuditAction::Import`], see [`audit::Imported`]) names
//! the account, the time, the file, the kind, the ids its new records took
//! (consecutive: they are reserved together) and the counts. Each new record
//! carries its own creation mark: its id in that range and its
//! `meta.created_at` equal to the entry's `at`. That replaced a Create entry
//! with every field per record: the fields are in the records themselves, and
//! at 100,000 rows the per-record entries were a quarter of the write (a
//! 100,000-key audit tree besides 300,000 record and index keys). It is written
//! last, with the removal of the marker (or in the one transaction of a small
//! import), so a listener told of it finds every record it names.
//!
//! How, and why not one sled transaction: measured with `examples/import_bench`
//! (100,000 households, on 2 cores shared with compilers), one transaction over
//! all rows took 8–10 s and peaked at about 2 GB of memory, because sled keeps
//! every pending write, reads each key before writing it, and holds one epoch
//! guard over the whole commit, so nothing it replaces can be freed. So a batch
//! of at most [`CHUNK`] records is one transaction over the record, index, meta
//! and audit trees, and a larger one is written key by key with plain inserts.
//! Not with sled's `apply_batch` either: it pins one epoch guard per batch, and
//! sled's garbage collector frees a few bags of old node versions per 128 pins,
//! so with batches of 1,000 keys the garbage outgrows its collection and memory
//! grows with every batch for good (a throwaway sled-only comparison, not kept
//! here: 400,000 keys of 200 bytes in batches of 1,000 peaked at 932 MB, with
//! plain inserts at 30 MB for 1,000,000 keys, in less time).
//!
//! All or nothing is kept thus: everything is validated and every reference
//! checked before the first chunk (here, and in the import's plan before that),
//! so only an I/O failure or a crash can stop a write midway. For that case a
//! marker ([`InterruptedImport`], with the ids the import reserves) and the
//! previous version of every record it changes are written and flushed first;
//! the counters move past the reserved ids at the same time, so they are never
//! reused. Records go before their index entries, so a crash leaves no index
//! entry without its record. The marker and journal go once all is written.
//! A marker left behind means the import was cut short: opening the store
//! (every command, and the workbench) calls [`Store::undo_interrupted_import`],
//! which removes its new records and puts the previous versions back, unless
//! other records have meanwhile come to refer to them, which it reports.
//!
//! Measured 2026-12-03 on 2 cores shared with other builds (`import_bench`,
//! `--profile profiling`, 100,000 households, 3 runs): plan 0.44–0.47 s, write
//! 1.74–1.96 s, 40,200–43,600 rows/s, peak 122 MB; with a Create entry per
//! record it was 30,900 rows/s and 188 MB. The records are validated once in
//! the plan and once here, through their serde form without JSON maps
//! (`model::field_check`). What remains of the write is sled's own: perf puts
//! all but about 1% of it inside `Tree::insert` (leaf splits, page
//! replacement, epoch pins), three inserts per household (the record and its
//! community and member references, which `first_referrer` needs to refuse
//! deleting a community or member that households name). Tried and left out:
//! the index entries on a second thread a chunk behind the records (no faster
//! on 2 cores, a sixth more CPU time and some 40,000 context switches: the two
//! threads contend inside sled); without the member reference (not kept: its
//! readers would scan) the write took 1.45–2.09 s.
//!
//! 2026-12-04, quiet machine: a third of that write was sled splitting
//! leaves, each in half, so keys written in order (the ids, and the ids
//! under one index value) left every leaf half empty. The patched sled
//! (`vendor/sled/SILIAN-PATCH.md`) fills such leaves and lets leaves of small
//! entries hold 64: write 1.58–1.67 -> 1.32–1.46 s; with the plan built on
//! two threads (`io::import::plan`), 100,000 rows in 1.70–1.87 s.

use super::audit::{self, AuditAction, AuditEntry, Change, Imported, AUDIT_VERSION};
use super::codec::{self, id_key};
use super::write::{prepare, unwrap_tx};
use super::{index, Context, Store, StoreError};
use crate::model::{AnyData, AnyRecord, FieldError, IndexValue, Invalid, Kind, Meta, Problem};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sled::transaction::{ConflictableTransactionError, TransactionalTree};
use sled::Transactional;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// Records per transaction (see the module comment for the measurements).
pub const CHUNK: usize = 1000;

/// Everything one import writes, all of one kind.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportBatch {
    pub kind: Kind,
    pub creates: Vec<AnyData>,
    pub updates: Vec<ImportUpdate>,
    /// Where the rows came from (the file name), kept in the audit log.
    pub source: String,
}

/// New data for an existing record, refused if the record changed since it was read.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportUpdate {
    pub id: u64,
    pub expected_rev: u64,
    pub data: AnyData,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportOutcome {
    /// Ids of the new records, in the order of `creates`.
    pub created: Vec<u64>,
    /// Ids of the records changed (updates that changed nothing are left out).
    pub updated: Vec<u64>,
}

const NEXT_AUDIT: &[u8] = b"audit_seq";
/// Meta key of the marker of an import being written.
const MARKER: &[u8] = b"import/pending";
/// Meta keys of the previous versions of records an unfinished import changed: prefix + id.
const JOURNAL: &[u8] = b"import/old/";
const MARKER_VERSION: u8 = 1;

/// Whether a meta key belongs to an import's marker or journal.
pub(super) fn is_import_state(key: &[u8]) -> bool {
    key == MARKER || key.starts_with(JOURNAL)
}

fn journal_key(id: u64) -> Vec<u8> {
    let mut key = JOURNAL.to_vec();
    key.extend(id.to_be_bytes());
    key
}

/// An import whose writes began but did not finish (the program or the machine stopped).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InterruptedImport {
    pub kind: Kind,
    pub source: String,
    pub account: String,
    /// When the import ran: every record it wrote carries this time.
    pub at: DateTime<Utc>,
    /// Ids its new records took (those written so far).
    pub created: Range<u64>,
    /// How many records it meant to add and to change.
    pub planned_creates: u64,
    pub planned_updates: u64,
}

/// What undoing an interrupted import did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UndoneImport {
    pub import: InterruptedImport,
    /// New records removed.
    pub removed: usize,
    /// Changed records put back as they were.
    pub restored: usize,
    /// Records it could not undo because others now refer to them or they were changed since: (kind, id).
    pub kept: Vec<(Kind, u64)>,
}

impl InterruptedImport {
    /// The audit entry of one record the import changed.
    fn update_entry(&self, id: u64, changes: &[Change]) -> AuditEntry {
        AuditEntry {
            at: self.at,
            account: self.account.clone(),
            action: AuditAction::Update,
            kind: Some(self.kind),
            id,
            changes: changes.to_vec(),
            note: format!("import {}", self.source),
        }
    }

    /// The import's own audit entry, once its new records took `created`.
    fn import_entry(&self, created: Range<u64>) -> AuditEntry {
        let imported = Imported { created, updated: self.planned_updates };
        AuditEntry::import(self.at, &self.account, self.kind, &self.source, &imported)
    }
}

fn next_id_key(kind: Kind) -> Vec<u8> {
    format!("next_id/{}", kind.id()).into_bytes()
}

/// The next free record id and audit number.
#[derive(Clone, Copy)]
struct Next {
    id: u64,
    seq: u64,
}

/// A record about to be written, with the index entries it leaves and takes.
struct Pending {
    record: AnyRecord,
    /// The stored bytes of the version an update replaces.
    old_bytes: Option<Vec<u8>>,
    old_values: Vec<IndexValue>,
    /// What an update changes, for its audit entry; empty for a new record,
    /// which the import's one entry covers.
    changes: Vec<Change>,
}

impl Store {
    /// Writes all of `batch` or nothing. Every record is validated and every
    /// reference checked again here (the import's plan did it already, against
    /// a snapshot); `progress` is told how many records are written so far.
    pub fn import_batch(
        &self,
        ctx: &Context,
        batch: ImportBatch,
        progress: &dyn Fn(usize, usize),
    ) -> Result<ImportOutcome, StoreError> {
        let _guard = self.writer.lock().unwrap_or_else(|e| e.into_inner());
        let kind = batch.kind;
        let settings = self.settings()?;
        let mut pending = Vec::with_capacity(batch.creates.len() + batch.updates.len());
        for mut data in batch.creates {
            if data.kind() != kind {
                return Err(StoreError::WrongKind { expected: kind, found: data.kind() });
            }
            prepare(&mut data, None, Some(&settings))?;
            let meta = Meta { id: 0, rev: 1, created_at: ctx.now, updated_at: ctx.now, archived: false };
            pending.push(Pending {
                record: AnyRecord { meta, data },
                old_bytes: None,
                old_values: Vec::new(),
                changes: Vec::new(),
            });
        }
        let created = pending.len();
        let mut seen = HashSet::new();
        for update in batch.updates {
            let ImportUpdate { id, expected_rev, mut data } = update;
            if data.kind() != kind {
                return Err(StoreError::WrongKind { expected: kind, found: data.kind() });
            }
            if !seen.insert(id) {
                let problem = Problem::Duplicate { value: id.to_string() };
                return Err(Invalid(vec![FieldError::new(kind, "id", problem)]).into());
            }
            let old = self.get(kind, id)?.ok_or(StoreError::NotFound { kind, id })?;
            if old.meta.rev != expected_rev {
                return Err(StoreError::Stale { kind, id, expected: expected_rev, found: old.meta.rev });
            }
            prepare(&mut data, Some(&old.data), Some(&settings))?;
            if data == old.data {
                continue;
            }
            let changes = audit::diff(Some(&old.data), &data);
            let meta = Meta { rev: old.meta.rev + 1, updated_at: ctx.now, ..old.meta.clone() };
            pending.push(Pending {
                old_bytes: Some(codec::encode_any(&old)),
                old_values: old.data.index_values(),
                record: AnyRecord { meta, data },
                changes,
            });
        }
        self.check_batch_references(kind, &pending)?;
        let marker = InterruptedImport {
            kind,
            source: batch.source,
            account: ctx.account.clone(),
            at: ctx.now,
            created: 0..0,
            planned_creates: created as u64,
            planned_updates: (pending.len() - created) as u64,
        };
        let total = pending.len();
        let ids = if total == 0 {
            Vec::new()
        } else if total <= CHUNK {
            // One chunk needs no marker: its transaction is all or nothing by itself.
            self.write_chunk(&marker, &pending)?
        } else {
            self.write_marked(&pending, marker, progress)?
        };
        progress(ids.len(), total);
        self.flush()?;
        let (created, updated) = ids.split_at(created);
        Ok(ImportOutcome { created: created.to_vec(), updated: updated.to_vec() })
    }

    /// Writes a batch too large for one transaction: reserves its ids and
    /// audit numbers and sets the marker and journal (flushed, so that a crash
    /// afterwards is always undone), then writes the chunks key by key
    /// (records before their index entries), then the import's audit entry
    /// and the marker's removal together.
    fn write_marked(
        &self,
        pending: &[Pending],
        marker: InterruptedImport,
        progress: &dyn Fn(usize, usize),
    ) -> Result<Vec<u64>, StoreError> {
        let (mut next, marker) = self.begin_marked(pending, marker)?;
        let mut ids = Vec::with_capacity(pending.len());
        for part in pending.chunks(CHUNK) {
            next = self.write_part(&marker, part, next, &mut ids)?;
            progress(ids.len(), pending.len());
        }
        // The entry with the marker's removal: once both are in, the import is
        // complete; a journal entry left by a crash after it goes with the next import.
        let entry = codec::encode(AUDIT_VERSION, &marker.import_entry(marker.created.clone()));
        unwrap_tx((&self.meta, &self.audit).transaction(|(m, a)| {
            a.insert(&next.seq.to_be_bytes(), entry.as_slice())?;
            m.remove(MARKER)?;
            Ok(())
        }))?;
        self.clear_journal()?;
        Ok(ids)
    }

    fn clear_journal(&self) -> Result<(), StoreError> {
        for key in self.meta.scan_prefix(JOURNAL).keys() {
            self.meta.remove(key?)?;
        }
        Ok(())
    }

    /// Sets the journal and then, in one step, the marker and the id and audit
    /// counters moved past everything the batch takes (flushed, so that a
    /// crash afterwards is always undone): the ids of its new records, an
    /// audit number per update and one for the import's own entry. Returns
    /// the first new id and audit number, and the marker with its ids.
    fn begin_marked(
        &self,
        pending: &[Pending],
        marker: InterruptedImport,
    ) -> Result<(Next, InterruptedImport), StoreError> {
        let kind = marker.kind;
        let read = |key: &[u8]| -> Result<u64, StoreError> {
            Ok(self.meta.get(key)?.and_then(|v| codec::key_id(&v)).unwrap_or(1))
        };
        let start = Next { id: read(&next_id_key(kind))?, seq: read(NEXT_AUDIT)? };
        let creates = pending.iter().filter(|p| p.old_bytes.is_none()).count() as u64;
        let marker = InterruptedImport { created: start.id..start.id + creates, ..marker };
        self.clear_journal()?;
        for p in pending {
            if let Some(old) = &p.old_bytes {
                self.meta.insert(journal_key(p.record.meta.id), old.as_slice())?;
            }
        }
        let mut batch = sled::Batch::default();
        batch.insert(MARKER, codec::encode(MARKER_VERSION, &marker));
        batch.insert(next_id_key(kind), &(start.id + creates).to_be_bytes());
        batch.insert(NEXT_AUDIT, &(start.seq + marker.planned_updates + 1).to_be_bytes());
        self.meta.apply_batch(batch)?;
        self.flush()?;
        Ok((start, marker))
    }

    /// One chunk of a marked batch, numbered from `next`; returns where the
    /// next chunk starts. Records go before their index entries.
    fn write_part(
        &self,
        import: &InterruptedImport,
        part: &[Pending],
        mut next: Next,
        ids: &mut Vec<u64>,
    ) -> Result<Next, StoreError> {
        let kind = import.kind;
        let first = ids.len();
        // One buffer for every value and one for every key: sled copies them.
        let mut buf = Vec::with_capacity(256);
        for p in part {
            let id = if p.record.meta.id == 0 {
                next.id += 1;
                next.id - 1
            } else {
                p.record.meta.id
            };
            let meta = Meta { id, ..p.record.meta.clone() };
            crate::with_data!(&p.record.data, d => codec::encode_record_into(&mut buf, &meta, d));
            self.tree(kind).insert(id_key(id), buf.as_slice())?;
            ids.push(id);
        }
        for (p, id) in part.iter().zip(&ids[first..]) {
            let new_values = p.record.data.index_values();
            for v in p.old_values.iter().filter(|v| !new_values.contains(v)) {
                index::key_into(&mut buf, kind, v, *id);
                self.index.remove(buf.as_slice())?;
            }
            for v in &new_values {
                index::key_into(&mut buf, kind, v, *id);
                self.index.insert(buf.as_slice(), &[])?;
            }
            if p.old_bytes.is_some() {
                let entry = import.update_entry(*id, &p.changes);
                self.audit.insert(next.seq.to_be_bytes(), codec::encode(AUDIT_VERSION, &entry))?;
                next.seq += 1;
            }
        }
        Ok(next)
    }

    /// A batch of at most one chunk, in one transaction: records, index
    /// entries, audit entries and counters.
    fn write_chunk(&self, import: &InterruptedImport, part: &[Pending]) -> Result<Vec<u64>, StoreError> {
        let kind = import.kind;
        let trees = (self.tree(kind), &self.index, &self.meta, &self.audit);
        unwrap_tx(trees.transaction(|(t, i, m, a)| {
            let (mut next_id, mut next_seq) = (counter(m, &next_id_key(kind))?, counter(m, NEXT_AUDIT)?);
            let first_id = next_id;
            let mut ids = Vec::with_capacity(part.len());
            for p in part {
                let id = if p.record.meta.id == 0 {
                    next_id += 1;
                    next_id - 1
                } else {
                    p.record.meta.id
                };
                let meta = Meta { id, ..p.record.meta.clone() };
                t.insert(&id_key(id), crate::with_data!(&p.record.data, d => codec::encode_record(&meta, d)))?;
                let new_values = p.record.data.index_values();
                for v in p.old_values.iter().filter(|v| !new_values.contains(v)) {
                    i.remove(index::key(kind, v, id))?;
                }
                for v in &new_values {
                    i.insert(index::key(kind, v, id), &[])?;
                }
                if p.old_bytes.is_some() {
                    let entry = import.update_entry(id, &p.changes);
                    a.insert(&next_seq.to_be_bytes(), codec::encode(AUDIT_VERSION, &entry))?;
                    next_seq += 1;
                }
                ids.push(id);
            }
            let entry = import.import_entry(first_id..next_id);
            a.insert(&next_seq.to_be_bytes(), codec::encode(AUDIT_VERSION, &entry))?;
            next_seq += 1;
            m.insert(next_id_key(kind), &next_id.to_be_bytes())?;
            m.insert(NEXT_AUDIT, &next_seq.to_be_bytes())?;
            Ok(ids)
        }))
    }

    /// References must name existing records; a newly set one must not be
    /// archived. Each distinct target is looked up once, so that 100,000
    /// households in one community cost one read.
    fn check_batch_references(&self, kind: Kind, pending: &[Pending]) -> Result<(), StoreError> {
        let mut found: HashMap<(Kind, u64), Option<bool>> = HashMap::new();
        let mut errors = Vec::new();
        for p in pending {
            let old: Vec<(Kind, u64)> = p.old_values.iter().filter_map(ref_of).collect();
            for r in p.record.data.refs() {
                let archived = match found.get(&(r.kind, r.id)) {
                    Some(a) => *a,
                    None => {
                        let a = self.get(r.kind, r.id)?.map(|t| t.meta.archived);
                        found.insert((r.kind, r.id), a);
                        a
                    }
                };
                let problem = match archived {
                    None => Some(Problem::NotFound { kind: r.kind, id: r.id }),
                    Some(true) if !old.contains(&(r.kind, r.id)) => {
                        Some(Problem::ArchivedRef { kind: r.kind, id: r.id })
                    }
                    Some(_) => None,
                };
                errors.extend(problem.map(|p| FieldError::new(kind, r.field, p)));
            }
            if errors.len() >= 20 {
                break;
            }
        }
        errors.extend(self.evaluation_clashes(pending)?);
        if errors.is_empty() {
            Ok(())
        } else {
            Err(Invalid(errors).into())
        }
    }
}

impl Store {
    /// The import that was cut short, if any (see the module comment).
    pub fn interrupted_import(&self) -> Result<Option<InterruptedImport>, StoreError> {
        Ok(self.meta.get(MARKER)?.and_then(|b| decode_marker(&b)))
    }

    /// Takes back what an interrupted import wrote: its new records go, the
    /// records it changed get their previous version back. A record others
    /// have come to refer to, or one changed again since, is kept and listed.
    /// `None` when no import was interrupted.
    pub fn undo_interrupted_import(&self, ctx: &Context) -> Result<Option<UndoneImport>, StoreError> {
        let _guard = self.writer.lock().unwrap_or_else(|e| e.into_inner());
        let Some(import) = self.interrupted_import()? else { return Ok(None) };
        let kind = import.kind;
        let mut kept = Vec::new();
        let mut created = Vec::new();
        // The records in the reserved range, not every id in it: an import
        // cut short early is undone in the time of what it wrote.
        let range = id_key(import.created.start)..id_key(import.created.end);
        for item in self.tree(kind).range(range) {
            let (key, bytes) = item?;
            let id = codec::key_id(&key).unwrap_or(0);
            let rec = codec::decode_any(kind, &bytes).map_err(|reason| StoreError::Corrupt { kind, id, reason })?;
            // Only what this import wrote: its time, never saved again since.
            if rec.meta.created_at == import.at && rec.meta.rev == 1 {
                created.push(rec);
            }
        }
        let ids: HashSet<u64> = created.iter().map(AnyRecord::id).collect();
        let referred = self.referred_among(kind, &ids)?;
        created.retain(|r| {
            let keep = referred.contains(&r.id());
            if keep {
                kept.push((kind, r.id()));
            }
            !keep
        });
        let mut restore = Vec::new();
        let mut journal = Vec::new();
        for item in self.meta.scan_prefix(JOURNAL) {
            let (key, bytes) = item?;
            journal.push(key.to_vec());
            let id = codec::key_id(&key).unwrap_or(0);
            let old = codec::decode_any(kind, &bytes).map_err(|reason| StoreError::Corrupt { kind, id, reason })?;
            match self.get(kind, id)? {
                Some(now) if now.meta.rev == old.meta.rev + 1 && now.meta.updated_at == import.at => {
                    restore.push((now, old))
                }
                Some(now) if now == old => {}
                _ => kept.push((kind, id)),
            }
        }
        for part in created.chunks(CHUNK) {
            unwrap_tx((self.tree(kind), &self.index).transaction(|(t, i)| {
                for rec in part {
                    t.remove(&id_key(rec.id()))?;
                    for v in rec.data.index_values() {
                        i.remove(index::key(kind, &v, rec.id()))?;
                    }
                }
                Ok(())
            }))?;
        }
        for part in restore.chunks(CHUNK) {
            unwrap_tx((self.tree(kind), &self.index).transaction(|(t, i)| {
                for (now, old) in part {
                    let old_values = old.data.index_values();
                    for v in now.data.index_values().iter().filter(|v| !old_values.contains(v)) {
                        i.remove(index::key(kind, v, now.id()))?;
                    }
                    for v in &old_values {
                        i.insert(index::key(kind, v, old.id()), &[])?;
                    }
                    t.insert(&id_key(old.id()), codec::encode_any(old))?;
                }
                Ok(())
            }))?;
        }
        let undone = UndoneImport { import, removed: created.len(), restored: restore.len(), kept };
        let note = format!(
            "undo interrupted import {}: {} removed, {} restored, {} kept",
            undone.import.source,
            undone.removed,
            undone.restored,
            undone.kept.len()
        );
        let entry = AuditEntry {
            at: ctx.now,
            account: ctx.account.clone(),
            action: AuditAction::Delete,
            kind: Some(kind),
            id: 0,
            changes: Vec::new(),
            note,
        };
        unwrap_tx((&self.meta, &self.audit).transaction(|(m, a)| {
            m.remove(MARKER)?;
            for key in &journal {
                m.remove(key.as_slice())?;
            }
            let seq = counter(m, NEXT_AUDIT)?;
            a.insert(&seq.to_be_bytes(), codec::encode(AUDIT_VERSION, &entry))?;
            m.insert(NEXT_AUDIT, &(seq + 1).to_be_bytes())?;
            Ok(())
        }))?;
        self.flush()?;
        Ok(Some(undone))
    }

    /// Which of `ids` (records of `kind`) other records refer to, by one scan
    /// of the index per referring kind.
    fn referred_among(&self, kind: Kind, ids: &HashSet<u64>) -> Result<HashSet<u64>, StoreError> {
        let mut referred = HashSet::new();
        if ids.is_empty() {
            return Ok(referred);
        }
        for from in Kind::ALL {
            let prefix = [from.code(), 0x10 + kind.code()];
            for key in self.index.scan_prefix(prefix).keys() {
                let key = key?;
                let target = key.get(2..10).and_then(|b| b.try_into().ok()).map(u64::from_be_bytes);
                let by = codec::key_id(&key).unwrap_or(0);
                if let Some(target) = target.filter(|t| ids.contains(t)) {
                    if !(from == kind && ids.contains(&by)) {
                        referred.insert(target);
                    }
                }
            }
        }
        Ok(referred)
    }

    /// A member has one evaluation per period, in the store and in the batch.
    fn evaluation_clashes(&self, pending: &[Pending]) -> Result<Vec<FieldError>, StoreError> {
        let mut seen = HashSet::new();
        let mut errors = Vec::new();
        for p in pending {
            let AnyData::Evaluation(e) = &p.record.data else { continue };
            let of_member = self.ids_by(Kind::Evaluation, &IndexValue::Ref(Kind::Member, e.member_id))?;
            let of_period = self.ids_by(Kind::Evaluation, &IndexValue::Period(e.period.to_string()))?;
            let in_store = of_member.iter().any(|id| *id != p.record.meta.id && of_period.contains(id));
            if in_store || !seen.insert((e.member_id, e.period.to_string())) {
                let problem = Problem::Duplicate { value: e.period.to_string() };
                errors.push(FieldError::new(Kind::Evaluation, "period", problem));
            }
        }
        Ok(errors)
    }
}

fn ref_of(v: &IndexValue) -> Option<(Kind, u64)> {
    match v {
        IndexValue::Ref(k, id) => Some((*k, *id)),
        _ => None,
    }
}

type TxResult<T> = Result<T, ConflictableTransactionError<StoreError>>;

fn counter(m: &TransactionalTree, key: &[u8]) -> TxResult<u64> {
    Ok(m.get(key)?.and_then(|v| codec::key_id(&v)).unwrap_or(1))
}

fn decode_marker(bytes: &[u8]) -> Option<InterruptedImport> {
    match codec::split(bytes) {
        Ok((MARKER_VERSION, body)) => codec::decode_body(body).ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Wrap;

    fn ctx() -> Context {
        Context { account: "clerk".into(), now: "2026-11-29T09:30:00Z".parse().unwrap() }
    }

    fn household(head: &str, community: u64) -> AnyData {
        let pairs = [("head", head.to_string()), ("community_id", community.to_string())];
        let pairs: Vec<(String, String)> = pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        AnyData::build(Kind::Household, &pairs, "2026-11-29".parse().unwrap()).unwrap()
    }

    fn street() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("store"), 8).unwrap();
        let community = AnyData::build(Kind::Community, &[("name".into(), "长安社区".into())], ctx().now.date_naive());
        store.create(&ctx(), community.unwrap()).unwrap();
        store.create(&ctx(), household("曾国藩", 1)).unwrap();
        (dir, store)
    }

    fn pending_of(store: &Store, creates: usize, update: bool) -> Vec<Pending> {
        let later = Context { now: "2026-11-30T08:00:00Z".parse().unwrap(), ..ctx() };
        let meta = Meta { id: 0, rev: 1, created_at: later.now, updated_at: later.now, archived: false };
        let mut out: Vec<Pending> = (0..creates)
            .map(|n| Pending {
                record: AnyRecord { meta: meta.clone(), data: household(&format!("户{n}"), 1) },
                old_bytes: None,
                old_values: Vec::new(),
                changes: Vec::new(),
            })
            .collect();
        if update {
            let old = store.get(Kind::Household, 1).unwrap().unwrap();
            let mut data = old.data.clone();
            if let AnyData::Household(h) = &mut data {
                h.head = "曾国荃".into();
            }
            let meta = Meta { rev: 2, updated_at: later.now, ..old.meta.clone() };
            let changes = audit::diff(Some(&old.data), &data);
            out.push(Pending {
                record: AnyRecord { meta, data },
                old_bytes: Some(codec::encode_any(&old)),
                old_values: old.data.index_values(),
                changes,
            });
        }
        out
    }

    /// Writes the first `chunks` chunks of an import as if the program then died.
    fn cut_short(store: &Store, pending: &[Pending], chunks: usize) -> InterruptedImport {
        let later: DateTime<Utc> = "2026-11-30T08:00:00Z".parse().unwrap();
        let planned_creates = pending.iter().filter(|p| p.old_bytes.is_none()).count() as u64;
        let marker = InterruptedImport {
            kind: Kind::Household,
            source: "t.csv".into(),
            account: "clerk".into(),
            at: later,
            created: 0..0,
            planned_creates,
            planned_updates: pending.len() as u64 - planned_creates,
        };
        let (mut next, marker) = store.begin_marked(pending, marker).unwrap();
        let mut ids = Vec::new();
        for part in pending.chunks(CHUNK).take(chunks) {
            next = store.write_part(&marker, part, next, &mut ids).unwrap();
        }
        store.flush().unwrap();
        store.interrupted_import().unwrap().expect("a marker")
    }

    #[test]
    fn an_interrupted_import_is_undone() {
        let (_dir, store) = street();
        // The update goes first here, so that it is in the written part.
        let mut with_update = pending_of(&store, 0, true);
        with_update.extend(pending_of(&store, CHUNK + 10, false));
        let marker = cut_short(&store, &with_update, 1);
        assert_eq!(marker.created, 2..(2 + CHUNK as u64 + 10), "every id the import would take is reserved");
        assert_eq!(store.count(Kind::Household), CHUNK, "the first household and 999 new ones");
        assert!(store.check().unwrap().is_empty(), "the partial state is consistent");
        let AnyData::Household(h) = store.get(Kind::Household, 1).unwrap().unwrap().data else { panic!() };
        assert_eq!(h.head, "曾国荃");

        let undone = store.undo_interrupted_import(&ctx()).unwrap().unwrap();
        assert_eq!((undone.removed, undone.restored, undone.kept.len()), (CHUNK - 1, 1, 0));
        assert_eq!(store.count(Kind::Household), 1);
        let rec = store.get(Kind::Household, 1).unwrap().unwrap();
        assert_eq!(Wrap::unwrap_any(rec.data.clone()).map(|h: crate::model::Household| h.head), Some("曾国藩".into()));
        assert_eq!(rec.meta.rev, 1);
        assert!(store.check().unwrap().is_empty(), "{:?}", store.check());
        assert_eq!(store.interrupted_import().unwrap(), None);
        assert!(store.undo_interrupted_import(&ctx()).unwrap().is_none());
        let next = store.create(&ctx(), household("新户", 1)).unwrap();
        assert!(next.meta.id > marker.created.end - 1, "ids are never reused");
    }

    #[test]
    fn a_forced_restore_forgets_an_interrupted_import() {
        let (_dir, store) = street();
        let mut backup = Vec::new();
        store.backup(&ctx(), &mut backup).unwrap();
        let mut pending = pending_of(&store, 0, true);
        pending.extend(pending_of(&store, CHUNK + 10, false));
        cut_short(&store, &pending, 1);
        assert_eq!(store.meta.scan_prefix(JOURNAL).count(), 1);
        store.restore(&ctx(), || Ok(backup.as_slice()), true).unwrap();
        assert!(store.interrupted_import().unwrap().is_none());
        assert_eq!(store.meta.scan_prefix(JOURNAL).count(), 0);
        assert_eq!(store.count(Kind::Household), 1);
    }

    #[test]
    fn records_others_refer_to_are_kept() {
        let (_dir, store) = street();
        let pending = pending_of(&store, CHUNK + 1, false);
        cut_short(&store, &pending, 1);
        let visit = [("date", "2026-11-29"), ("member_id", "1"), ("household_id", "3"), ("summary", "走访")];
        let member = [("name".to_string(), "余伟军".to_string()), ("role".to_string(), "leader".to_string())];
        store.create(&ctx(), AnyData::build(Kind::Member, &member, ctx().now.date_naive()).unwrap()).unwrap();
        let visit: Vec<(String, String)> = visit.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        store.create(&ctx(), AnyData::build(Kind::Visit, &visit, ctx().now.date_naive()).unwrap()).unwrap();
        let undone = store.undo_interrupted_import(&ctx()).unwrap().unwrap();
        assert_eq!(undone.kept, [(Kind::Household, 3)]);
        assert_eq!(store.count(Kind::Household), 2);
        assert!(store.check().unwrap().is_empty());
    }

    #[test]
    fn a_finished_import_leaves_no_marker() {
        let (_dir, store) = street();
        let batch = ImportBatch {
            kind: Kind::Household,
            creates: (0..CHUNK * 2 + 5).map(|n| household(&format!("户{n}"), 1)).collect(),
            updates: vec![ImportUpdate { id: 1, expected_rev: 1, data: household("曾国荃", 1) }],
            source: "t.csv".into(),
        };
        let done = store.import_batch(&ctx(), batch, &|_, _| {}).unwrap();
        assert_eq!((done.created.len(), done.updated.len()), (CHUNK * 2 + 5, 1));
        assert_eq!(store.interrupted_import().unwrap(), None);
        assert_eq!(store.meta.scan_prefix(JOURNAL).count(), 0);
        assert!(store.check().unwrap().is_empty());
    }

    #[test]
    fn a_large_import_is_one_audit_entry_and_its_updates_one_each() {
        let (_dir, store) = street();
        let before = store.audit_head().unwrap();
        let batch = ImportBatch {
            kind: Kind::Household,
            creates: (0..CHUNK * 3).map(|n| household(&format!("户{n}"), 1)).collect(),
            updates: vec![ImportUpdate { id: 1, expected_rev: 1, data: household("曾国荃", 1) }],
            source: "households.csv".into(),
        };
        store.import_batch(&ctx(), batch, &|_, _| {}).unwrap();
        let log = store.audit_after(before).unwrap();
        let seqs: Vec<u64> = log.iter().map(|(seq, _)| *seq).collect();
        assert_eq!(seqs, [before + 1, before + 2], "numbered on from the log, without gaps");
        let (update, import) = (&log[0].1, &log[1].1);
        assert_eq!((update.action, update.id, update.note.as_str()), (AuditAction::Update, 1, "import households.csv"));
        assert_eq!(update.changes.iter().map(|c| c.new.as_str()).collect::<Vec<_>>(), ["曾国荃"]);
        assert_eq!(
            (import.action, import.account.as_str(), import.note.as_str()),
            (AuditAction::Import, "clerk", "households.csv")
        );
        let created = 2..2 + CHUNK as u64 * 3;
        assert_eq!(import.imported(), Some(Imported { created: created.clone(), updated: 1 }));
        assert!(import.concerns(2) && import.concerns(created.end - 1) && !import.concerns(1));
        let marked: Vec<AnyRecord> =
            store.list(Kind::Household, false).unwrap().into_iter().filter(|r| import.concerns(r.id())).collect();
        assert_eq!(marked.len(), CHUNK * 3);
        assert!(marked.iter().all(|r| r.meta.created_at == import.at), "each is marked by its creation time");
        assert!(store.check().unwrap().is_empty());
        let next = store.create(&ctx(), household("新户", 1)).unwrap();
        assert_eq!(store.audit_after(before).unwrap().last().map(|(seq, _)| *seq), Some(before + 3));
        assert_eq!(next.id(), 3002);
    }

    #[test]
    fn a_backup_with_an_import_entry_restores() {
        let (_dir, store) = street();
        let batch = ImportBatch {
            kind: Kind::Household,
            creates: (0..CHUNK + 5).map(|n| household(&format!("户{n}"), 1)).collect(),
            updates: Vec::new(),
            source: "households.csv".into(),
        };
        store.import_batch(&ctx(), batch, &|_, _| {}).unwrap();
        let mut backup = Vec::new();
        store.backup(&ctx(), &mut backup).unwrap();
        let (_other_dir, other) = street();
        let restored = other.restore(&ctx(), || Ok(backup.as_slice()), true).unwrap();
        assert_eq!(other.count(Kind::Household), CHUNK + 6);
        let imports: Vec<_> = other.audit_log().unwrap().into_iter().filter_map(|e| e.imported()).collect();
        assert_eq!(imports, [Imported { created: 2..2 + CHUNK as u64 + 5, updated: 0 }]);
        assert_eq!(restored.audit_entries, store.audit_log().unwrap().len());
        assert!(other.check().unwrap().is_empty(), "{:?}", other.check());
    }
}
