//! Portable backups: JSON lines that any later silian (or any tool) can read.
//! The first line says what the file is and which versions wrote it; then the
//! settings, every record with its bookkeeping, and the audit log.

use super::audit::{AuditAction, AuditEntry};
use super::{Context, Store, StoreError, SCHEMA_VERSION};
use crate::model::{AnyRecord, Kind, Settings};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::io::{BufRead, Write};

pub const BACKUP_FORMAT: &str = "silian-backup";
pub const BACKUP_VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Line {
    Header { format: String, version: u32, schema: u32, created_at: DateTime<Utc>, records: u64 },
    Settings(Settings),
    Record(AnyRecord),
    Audit(AuditEntry),
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct RestoreSummary {
    pub records: usize,
    pub audit_entries: usize,
}

fn io_error(e: impl std::fmt::Display) -> StoreError {
    StoreError::Backup(e.to_string())
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
        for kind in Kind::ALL {
            for rec in self.list(kind, true)? {
                write_line(out, &Line::Record(rec))?;
            }
        }
        for entry in self.audit_log()? {
            write_line(out, &Line::Audit(entry))?;
        }
        out.flush().map_err(io_error)?;
        Ok(records)
    }

    /// Replaces the store's content with a backup. Refuses a store that holds
    /// records unless `force`. Reads and checks the whole file before writing.
    pub fn restore(&self, ctx: &Context, input: impl BufRead, force: bool) -> Result<RestoreSummary, StoreError> {
        if !self.is_empty() && !force {
            return Err(StoreError::NotEmpty);
        }
        let content = read_backup(input)?;
        self.clear_all()?;
        if let Some(settings) = &content.settings {
            self.set_settings(ctx, settings)?;
        }
        self.put_restored(&content.records)?;
        self.put_audit(&content.audit)?;
        self.rebuild_indexes()?;
        let note = format!("{} records", content.records.len());
        self.log_event(ctx, AuditAction::Restore, None, 0, &note)?;
        Ok(RestoreSummary { records: content.records.len(), audit_entries: content.audit.len() })
    }
}

fn write_line(out: &mut impl Write, line: &Line) -> Result<(), StoreError> {
    serde_json::to_writer(&mut *out, line).map_err(io_error)?;
    out.write_all(b"\n").map_err(io_error)
}

#[derive(Default)]
struct Content {
    settings: Option<Settings>,
    records: Vec<AnyRecord>,
    audit: Vec<AuditEntry>,
}

fn read_backup(input: impl BufRead) -> Result<Content, StoreError> {
    let mut content = Content::default();
    let mut expected_records = None;
    for (n, line) in input.lines().enumerate() {
        let line = line.map_err(io_error)?;
        if line.trim().is_empty() {
            continue;
        }
        let parsed: Line = serde_json::from_str(&line).map_err(|e| io_error(format!("line {}: {e}", n + 1)))?;
        match (n, parsed) {
            (0, Line::Header { format, version, schema, records, .. }) => {
                check_header(&format, version, schema)?;
                expected_records = Some(records);
            }
            (0, _) => return Err(io_error("line 1: not a silian backup (no header)")),
            (_, Line::Header { .. }) => return Err(io_error(format!("line {}: a second header", n + 1))),
            (_, Line::Settings(s)) => content.settings = Some(s),
            (_, Line::Record(r)) => content.records.push(checked(r, n + 1)?),
            (_, Line::Audit(a)) => content.audit.push(a),
        }
    }
    match expected_records {
        Some(count) if count == content.records.len() as u64 => Ok(content),
        Some(count) => Err(io_error(format!("the file is cut short: {} of {count} records", content.records.len()))),
        None => Err(io_error("the file is empty")),
    }
}

fn check_header(format: &str, version: u32, schema: u32) -> Result<(), StoreError> {
    if format != BACKUP_FORMAT {
        return Err(io_error(format!("line 1: format \"{format}\" is not {BACKUP_FORMAT}")));
    }
    if version > BACKUP_VERSION || schema > SCHEMA_VERSION {
        return Err(io_error(format!("written by a newer silian (backup {version}, schema {schema})")));
    }
    Ok(())
}

fn checked(rec: AnyRecord, line: usize) -> Result<AnyRecord, StoreError> {
    match rec.data.validate() {
        Ok(()) if rec.id() > 0 => Ok(rec),
        Ok(()) => Err(io_error(format!("line {line}: record id 0"))),
        Err(e) => Err(io_error(format!("line {line}: {}", e.message(crate::i18n::Lang::En)))),
    }
}
