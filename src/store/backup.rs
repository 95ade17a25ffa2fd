//! Portable backups: JSON lines that any later silian (or any tool) can read.
//! The first line says what the file is and which versions wrote it; then the
//! settings, the text files kept beside the records ([`CARRIED_FILES`]), every
//! record with its bookkeeping, the audit log numbered from 1, and a last line
//! that counts the records and audit entries, so that a file cut anywhere is
//! known to be cut.
//!
//! Restoring reads the file twice and never holds it whole. The first pass
//! checks everything ([`verify`]): one header, settings in range, every record
//! valid, no id twice, every reference to a record the file holds, the audit
//! log numbered without gaps and no entry later than the backup, and the
//! counts of the last line; lines longer than [`MAX_BACKUP_LINE`] end it (a
//! file of zeros has no line end). Only then does the second pass write a new
//! store beside the old one, which [`restore_file`] swaps in with one rename:
//! a refused or killed restore leaves the old store exactly as it was.

use super::audit::{AuditAction, AuditEntry, AUDIT_VERSION};
use super::codec::{self, id_key};
use super::write::{next_id_key, AUDIT_SEQ, SETTINGS_KEY, SETTINGS_VERSION};
use super::{index, Context, Store, StoreError, SCHEMA_VERSION};
use crate::i18n::Lang;
use crate::model::{AnyRecord, Kind, Settings};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::io::{BufRead, Read, Write};
use std::path::{Path, PathBuf};

pub const BACKUP_FORMAT: &str = "silian-backup";

/// Bytes in one line of a backup file (a record with every text field full
/// is well under 1 MiB).
pub const MAX_BACKUP_LINE: usize = 16 << 20;
/// 2: audit entries carry their number, and a last line counts what the file holds.
/// 3: the files of [`CARRIED_FILES`] travel with the records.
pub const BACKUP_VERSION: u32 = 3;

/// Text files the clerk keeps in the store's directory that a backup carries
/// and a restore puts back, readable by the owner alone: the holidays of the
/// years after the built-in ones. A restore from a file without one keeps the
/// store's own.
pub const CARRIED_FILES: &[&str] = &["holidays.toml"];

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Line {
    Header { format: String, version: u32, schema: u32, created_at: DateTime<Utc>, records: u64 },
    Settings(Settings),
    File { name: String, text: String },
    Record(AnyRecord),
    Audit(Logged),
    End { records: u64, audit: u64 },
}

/// An audit entry with its place in the log (absent in version 1 files).
#[derive(Debug, Serialize, Deserialize)]
struct Logged {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    seq: Option<u64>,
    #[serde(flatten)]
    entry: AuditEntry,
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct RestoreSummary {
    pub records: usize,
    pub audit_entries: usize,
    /// The names of the carried files the backup held and the restore wrote.
    pub files: Vec<String>,
}

/// What is wrong with a backup file, with the line it is on (0: the file as a whole).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {what:?}")]
pub struct BackupProblem {
    pub line: usize,
    pub what: BackupFault,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BackupFault {
    Unreadable(String),
    TooLong,
    NotJson(String),
    NoHeader,
    Format(String),
    Newer { version: u32, schema: u32 },
    SecondHeader,
    SecondSettings,
    Settings(String),
    UnknownFile(String),
    SecondFile(String),
    Record(String),
    IdZero,
    DuplicateId { kind: Kind, id: u64, first_line: usize },
    Dangling { kind: Kind, id: u64, target: Kind, target_id: u64 },
    AuditOutOfOrder { expected: u64, found: u64 },
    AuditLater { at: DateTime<Utc>, created_at: DateTime<Utc> },
    AuditAccount,
    AfterEnd,
    Empty,
    CutShort { records: u64, expected: u64, audit: Option<(u64, u64)> },
}

impl BackupProblem {
    fn at(line: usize, what: BackupFault) -> StoreError {
        StoreError::Backup(BackupProblem { line, what })
    }

    pub fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let what = self.what.message(lang);
        match (self.line, zh) {
            (0, _) => what,
            (n, true) => format!("第 {n} 行：{what}"),
            (n, false) => format!("line {n}: {what}"),
        }
    }
}

impl BackupFault {
    fn message(&self, lang: Lang) -> String {
        use BackupFault::*;
        let zh = lang == Lang::Zh;
        let pick = |z: String, e: String| if zh { z } else { e };
        match self {
            Unreadable(e) => pick(format!("无法读取：{e}"), format!("cannot be read: {e}")),
            TooLong => pick(
                format!("超过 {} MiB 仍未换行，不是 silian 备份文件", MAX_BACKUP_LINE >> 20),
                format!("runs past {} MiB without a line end: not a silian backup", MAX_BACKUP_LINE >> 20),
            ),
            NotJson(e) => pick(format!("不是备份文件的格式：{e}"), format!("not a backup line: {e}")),
            NoHeader => pick("不是 silian 备份文件（缺少文件头）".into(), "not a silian backup (no header)".into()),
            Format(f) => {
                pick(format!("格式“{f}”不是 {BACKUP_FORMAT}"), format!("format \"{f}\" is not {BACKUP_FORMAT}"))
            }
            Newer { version, schema } => pick(
                format!("由更新版本的 silian 写成（备份格式 {version}，数据版本 {schema}）"),
                format!("written by a newer silian (backup {version}, schema {schema})"),
            ),
            SecondHeader => pick("出现了第二个文件头".into(), "a second header".into()),
            SecondSettings => pick("出现了第二份设置".into(), "a second copy of the settings".into()),
            Settings(e) => pick(format!("设置有误：{e}"), format!("settings: {e}")),
            UnknownFile(name) => pick(
                format!("文件“{name}”不是备份可带的文件（应为 {}）", CARRIED_FILES.join("、")),
                format!("file \"{name}\" is not one a backup carries (expected {})", CARRIED_FILES.join(", ")),
            ),
            SecondFile(name) => pick(format!("文件“{name}”出现了两次"), format!("file \"{name}\" appears twice")),
            Record(e) => e.clone(),
            IdZero => pick("记录编号为 0".into(), "record id 0".into()),
            DuplicateId { kind, id, first_line } => pick(
                format!("{}编号 {id} 在第 {first_line} 行已出现过", kind.label(lang)),
                format!("{kind} {id} already appears on line {first_line}"),
            ),
            Dangling { kind, id, target, target_id } => pick(
                format!("{}{id} 引用的{} {target_id} 不在备份中", kind.label(lang), target.label(lang)),
                format!("{kind} {id} refers to {target} {target_id}, which the file does not hold"),
            ),
            AuditOutOfOrder { expected, found } => pick(
                format!("审计日志应为第 {expected} 条，却是第 {found} 条：日志不连续"),
                format!("audit entry {found} where {expected} was due: the log is not contiguous"),
            ),
            AuditLater { at, created_at } => pick(
                format!("审计日志的时间 {at} 晚于备份时间 {created_at}"),
                format!("an audit entry at {at}, after the backup was made ({created_at})"),
            ),
            AuditAccount => pick("审计日志的账号名无效".into(), "an audit entry with an invalid account name".into()),
            AfterEnd => pick("结束行之后还有内容".into(), "lines after the last line".into()),
            Empty => pick("文件是空的".into(), "the file is empty".into()),
            CutShort { records, expected, audit } => {
                let audit = audit.map(|(found, due)| (found, due)).unwrap_or_default();
                pick(
                    format!("文件不完整：{records}/{expected} 条记录，{}/{} 条审计日志", audit.0, audit.1),
                    format!(
                        "the file is cut short: {records} of {expected} records, {} of {} audit entries",
                        audit.0, audit.1
                    ),
                )
            }
        }
    }
}

fn io_error(e: impl std::fmt::Display) -> StoreError {
    StoreError::Io(e.to_string())
}

impl Store {
    /// Writes the whole store to `out`; returns the number of records written.
    pub fn backup(&self, ctx: &Context, out: &mut impl Write) -> Result<u64, StoreError> {
        // No write in between: with a server, others may be saving meanwhile.
        let _guard = self.writer.lock().unwrap_or_else(|e| e.into_inner());
        let records = Kind::ALL.iter().map(|k| self.count(*k) as u64).sum();
        let header = Line::Header {
            format: BACKUP_FORMAT.into(),
            version: BACKUP_VERSION,
            schema: SCHEMA_VERSION,
            created_at: ctx.now,
            records,
        };
        write_line(out, &header)?;
        write_line(out, &Line::Settings(self.settings()?))?;
        for (name, text) in self.carried_files()? {
            write_line(out, &Line::File { name, text })?;
        }
        let mut written = 0u64;
        for kind in Kind::ALL {
            for item in self.tree(kind).iter() {
                let (key, bytes) = item?;
                let id = codec::key_id(&key).unwrap_or(0);
                let rec = codec::decode_any(kind, &bytes).map_err(|reason| StoreError::Corrupt { kind, id, reason })?;
                write_line(out, &Line::Record(rec))?;
                written += 1;
            }
        }
        let mut audit = 0u64;
        for item in self.audit.iter() {
            let (_, bytes) = item?;
            audit += 1;
            let entry = super::read::decode_audit(&bytes)?;
            write_line(out, &Line::Audit(Logged { seq: Some(audit), entry }))?;
        }
        write_line(out, &Line::End { records: written, audit })?;
        out.flush().map_err(io_error)?;
        Ok(written)
    }

    /// Replaces the store's content with a backup, in place: for a store
    /// that is not a directory of its own (tests). Refuses a store that holds
    /// records unless `force`. `input` is read twice, checked before writing.
    pub fn restore<R: BufRead>(
        &self,
        ctx: &Context,
        mut input: impl FnMut() -> std::io::Result<R>,
        force: bool,
    ) -> Result<RestoreSummary, StoreError> {
        if !self.is_empty() && !force {
            return Err(StoreError::NotEmpty);
        }
        verify(input().map_err(io_error)?)?;
        self.clear_all()?;
        self.write_backup(ctx, input().map_err(io_error)?)
    }

    /// The second pass: settings, records with their index entries, the
    /// audit log, in batches, then the restore itself in the log.
    fn write_backup(&self, ctx: &Context, input: impl BufRead) -> Result<RestoreSummary, StoreError> {
        let mut writer = Writer::new(self);
        for_each_line(input, |_, line| writer.put(line))?;
        let summary = writer.finish()?;
        let note = format!("{} records", summary.records);
        self.log_event(ctx, AuditAction::Restore, None, 0, &note)?;
        Ok(summary)
    }

    /// The files of [`CARRIED_FILES`] in the store's directory, as text.
    fn carried_files(&self) -> Result<Vec<(String, String)>, StoreError> {
        let mut out = Vec::new();
        for name in CARRIED_FILES {
            match std::fs::read_to_string(self.path().join(name)) {
                Ok(text) => out.push((name.to_string(), text)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(io_error(format!("{name}: {e}"))),
            }
        }
        Ok(out)
    }

    /// Copies what a restore keeps from this store into `new`: the roles and
    /// the schema marks in the meta tree, the workbench's drafts, and the
    /// carried files (which the backup's own then replace).
    fn carry_over(&self, new: &Store) -> Result<(), StoreError> {
        for (name, text) in self.carried_files()? {
            write_private(&new.path().join(name), &text)?;
        }
        for item in self.meta.iter() {
            let (key, value) = item?;
            if !super::write::is_content_key(&key) {
                new.meta.insert(key, value)?;
            }
        }
        for item in self.drafts.iter() {
            let (key, value) = item?;
            new.drafts.insert(key, value)?;
        }
        Ok(())
    }
}

/// Restores the backup at `file` into the store at `path`: checks the file
/// whole, writes a new store beside the old one, and swaps it in. `store` is
/// the store at `path`, open; it is closed here.
pub fn restore_file(
    store: Store,
    ctx: &Context,
    file: &Path,
    cache_mb: u64,
    force: bool,
) -> Result<RestoreSummary, StoreError> {
    if !store.is_empty() && !force {
        return Err(StoreError::NotEmpty);
    }
    let open = || std::fs::File::open(file).map(std::io::BufReader::new).map_err(io_error);
    let path = store.path().to_path_buf();
    let staging = staging_dir(&path);
    // A restore killed earlier leaves its half-written store here.
    remove_dir(&staging)?;
    verify(open()?)?;
    let summary = {
        let new = Store::open(&staging, cache_mb)?;
        store.carry_over(&new)?;
        new.flush()?;
        let summary = new.write_backup(ctx, open()?);
        if summary.is_err() {
            drop(new);
            let _ = remove_dir(&staging);
        }
        summary?
    };
    // Swapped while the old store is still open here, so that no other
    // silian can open the store in between and take the new one for debris.
    crate::os::copy_dir_access(&path, &staging).map_err(io_error)?;
    crate::os::exchange_dirs(&path, &staging).map_err(io_error)?;
    drop(store);
    remove_dir(&staging)?;
    Ok(summary)
}

/// Where a restore writes the new store, beside the old one.
pub(super) fn staging_dir(path: &Path) -> PathBuf {
    sibling(path, "restoring")
}

/// Removes what a killed restore left beside the store at `path`. Only
/// while this process holds the store: a restore holds it while it writes.
pub(super) fn remove_debris(path: &Path) {
    let _ = remove_dir(&staging_dir(path));
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let name = path.file_name().map_or_else(|| "store".into(), |n| n.to_string_lossy().into_owned());
    path.with_file_name(format!("{name}.{suffix}"))
}

fn remove_dir(path: &Path) -> Result<(), StoreError> {
    match std::fs::remove_dir_all(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(io_error(e)),
        _ => Ok(()),
    }
}

/// Written whole, then readable by the owner alone, as every file silian writes.
fn write_private(path: &Path, text: &str) -> Result<(), StoreError> {
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    let write = || -> std::io::Result<()> {
        let mut file = std::fs::OpenOptions::new().write(true).create(true).truncate(true).mode(0o600).open(path)?;
        // An existing file keeps its mode when opened: set it.
        file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
        file.write_all(text.as_bytes())?;
        file.sync_all()
    };
    write().map_err(|e| io_error(format!("{}: {e}", path.display())))
}

fn write_line(out: &mut impl Write, line: &Line) -> Result<(), StoreError> {
    serde_json::to_writer(&mut *out, line).map_err(io_error)?;
    out.write_all(b"\n").map_err(io_error)
}

/// Calls `each` with every non-blank line of `input`, parsed, and its number;
/// a line longer than [`MAX_BACKUP_LINE`] or not a backup line ends the reading.
fn for_each_line(
    mut input: impl BufRead,
    mut each: impl FnMut(usize, Line) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    let mut buf = Vec::new();
    let mut n = 0;
    loop {
        n += 1;
        buf.clear();
        let read = (&mut input).take(MAX_BACKUP_LINE as u64 + 1).read_until(b'\n', &mut buf);
        let read = read.map_err(|e| BackupProblem::at(n, BackupFault::Unreadable(e.to_string())))?;
        if read == 0 {
            return Ok(());
        }
        if buf.len() > MAX_BACKUP_LINE {
            return Err(BackupProblem::at(n, BackupFault::TooLong));
        }
        if buf.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let line =
            serde_json::from_slice(&buf).map_err(|e| BackupProblem::at(n, BackupFault::NotJson(e.to_string())))?;
        each(n, line)?;
    }
}

type RecordKey = (Kind, u64);

/// What the first pass keeps: for a million records, some tens of megabytes.
#[derive(Default)]
struct Checker {
    created_at: Option<DateTime<Utc>>,
    version: u32,
    expected_records: u64,
    settings: bool,
    files: Vec<String>,
    /// Where each record is: its line, for a duplicate's message.
    ids: HashMap<RecordKey, usize>,
    /// References to check once every record is known: (from, to, line).
    refs: Vec<(RecordKey, RecordKey, usize)>,
    records: u64,
    audit: u64,
    end: Option<(u64, u64)>,
}

/// Checks a whole backup without writing anything (see the module comment).
pub fn verify(input: impl BufRead) -> Result<RestoreSummary, StoreError> {
    let mut checker = Checker::default();
    for_each_line(input, |n, line| checker.line(n, line))?;
    checker.finish()
}

impl Checker {
    fn line(&mut self, n: usize, line: Line) -> Result<(), StoreError> {
        let fault = |what| BackupProblem::at(n, what);
        if self.end.is_some() {
            return Err(fault(BackupFault::AfterEnd));
        }
        let Some(created_at) = self.created_at else {
            let Line::Header { format, version, schema, created_at, records } = line else {
                return Err(fault(BackupFault::NoHeader));
            };
            if format != BACKUP_FORMAT {
                return Err(fault(BackupFault::Format(format)));
            }
            if version > BACKUP_VERSION || schema > SCHEMA_VERSION {
                return Err(fault(BackupFault::Newer { version, schema }));
            }
            (self.created_at, self.version, self.expected_records) = (Some(created_at), version, records);
            return Ok(());
        };
        match line {
            Line::Header { .. } => return Err(fault(BackupFault::SecondHeader)),
            Line::Settings(_) if self.settings => return Err(fault(BackupFault::SecondSettings)),
            Line::Settings(settings) => {
                settings.check().map_err(|e| fault(BackupFault::Settings(e.message(Lang::En))))?;
                self.settings = true;
            }
            Line::File { name, .. } if !CARRIED_FILES.contains(&name.as_str()) => {
                return Err(fault(BackupFault::UnknownFile(name)))
            }
            Line::File { name, .. } if self.files.contains(&name) => return Err(fault(BackupFault::SecondFile(name))),
            Line::File { name, .. } => self.files.push(name),
            Line::Record(rec) => self.record(n, rec)?,
            Line::Audit(logged) => {
                self.audit += 1;
                if self.version >= 2 && logged.seq != Some(self.audit) {
                    let found = logged.seq.unwrap_or(0);
                    return Err(fault(BackupFault::AuditOutOfOrder { expected: self.audit, found }));
                }
                let entry = &logged.entry;
                if entry.at > created_at {
                    return Err(fault(BackupFault::AuditLater { at: entry.at, created_at }));
                }
                if entry.account.is_empty() || entry.account.chars().any(char::is_control) {
                    return Err(fault(BackupFault::AuditAccount));
                }
            }
            Line::End { records, audit } => self.end = Some((records, audit)),
        }
        Ok(())
    }

    fn record(&mut self, n: usize, rec: AnyRecord) -> Result<(), StoreError> {
        let fault = |what| BackupProblem::at(n, what);
        if rec.id() == 0 {
            return Err(fault(BackupFault::IdZero));
        }
        rec.data.validate().map_err(|e| fault(BackupFault::Record(e.message(Lang::En))))?;
        let key = (rec.kind(), rec.id());
        if let Some(first_line) = self.ids.insert(key, n) {
            return Err(fault(BackupFault::DuplicateId { kind: key.0, id: key.1, first_line }));
        }
        self.refs.extend(rec.data.refs().iter().map(|r| (key, (r.kind, r.id), n)));
        self.records += 1;
        Ok(())
    }

    fn finish(self) -> Result<RestoreSummary, StoreError> {
        if self.created_at.is_none() {
            return Err(BackupProblem::at(0, BackupFault::Empty));
        }
        let complete = match self.end {
            Some(end) => end == (self.records, self.audit) && self.records == self.expected_records,
            // Version 1 files have no last line: only the header's count tells.
            None => self.version < 2 && self.records == self.expected_records,
        };
        if !complete {
            let audit = self.end.map(|(_, due)| (self.audit, due));
            let cut = BackupFault::CutShort { records: self.records, expected: self.expected_records, audit };
            return Err(BackupProblem::at(0, cut));
        }
        if let Some((from, to, line)) = self.refs.iter().find(|(_, to, _)| !self.ids.contains_key(to)) {
            let dangling = BackupFault::Dangling { kind: from.0, id: from.1, target: to.0, target_id: to.1 };
            return Err(BackupProblem::at(*line, dangling));
        }
        Ok(RestoreSummary { records: self.records as usize, audit_entries: self.audit as usize, files: self.files })
    }
}

/// The second pass: each line's keys written as it is read (plain inserts,
/// not sled's `apply_batch`, whose garbage outgrows its collection: see
/// `store::bulk`), counters kept in memory and written last.
struct Writer<'a> {
    store: &'a Store,
    next_ids: HashMap<Kind, u64>,
    seq: u64,
    summary: RestoreSummary,
}

impl<'a> Writer<'a> {
    fn new(store: &'a Store) -> Writer<'a> {
        Writer {
            store,
            next_ids: HashMap::new(),
            seq: store.meta.get(AUDIT_SEQ).ok().flatten().and_then(|v| codec::key_id(&v)).unwrap_or(1),
            summary: RestoreSummary::default(),
        }
    }

    fn put(&mut self, line: Line) -> Result<(), StoreError> {
        match line {
            Line::Settings(settings) => {
                self.store.meta.insert(SETTINGS_KEY, codec::encode(SETTINGS_VERSION, &settings))?;
            }
            Line::Record(rec) => {
                let (kind, id) = (rec.kind(), rec.id());
                self.store.tree(kind).insert(id_key(id), codec::encode_any(&rec))?;
                for v in rec.data.index_values() {
                    self.store.index.insert(index::key(kind, &v, id), &[])?;
                }
                let next = self.next_ids.entry(kind).or_insert(1);
                *next = (*next).max(id + 1);
                self.summary.records += 1;
            }
            Line::Audit(logged) => {
                self.store.audit.insert(self.seq.to_be_bytes(), codec::encode(AUDIT_VERSION, &logged.entry))?;
                self.seq += 1;
                self.summary.audit_entries += 1;
            }
            Line::File { name, text } => {
                // Only names the first pass let through reach here.
                write_private(&self.store.path().join(&name), &text)?;
                self.summary.files.push(name);
            }
            Line::Header { .. } | Line::End { .. } => {}
        }
        Ok(())
    }

    fn finish(self) -> Result<RestoreSummary, StoreError> {
        let mut counters = sled::Batch::default();
        for (kind, next) in &self.next_ids {
            counters.insert(next_id_key(*kind), &next.to_be_bytes());
        }
        counters.insert(AUDIT_SEQ, &self.seq.to_be_bytes());
        self.store.meta.apply_batch(counters)?;
        self.store.flush()?;
        Ok(self.summary)
    }
}
