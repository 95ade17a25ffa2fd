//! The audit log: who changed what, when, field by field.

use crate::model::fields::specs;
use crate::model::{AnyData, Kind};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditAction {
    Create,
    Update,
    Archive,
    Unarchive,
    /// Personal data shown or exported unmasked.
    Reveal,
    Settings,
    Restore,
    Demo,
    /// A record nobody refers to, removed (the undo of a create).
    Delete,
    /// An account's role granted or taken away (the account is in the note).
    Role,
    /// The whole store written to a backup file (the file and count are in the note).
    Backup,
    /// One file imported: the file in the note, the new records' ids and the
    /// counts in the entry (see [`AuditEntry::imported`]). Last, because
    /// entries are stored positionally.
    Import,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub field: String,
    pub old: String,
    pub new: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub at: DateTime<Utc>,
    pub account: String,
    pub action: AuditAction,
    pub kind: Option<Kind>,
    pub id: u64,
    pub changes: Vec<Change>,
    pub note: String,
}

pub const AUDIT_VERSION: u8 = 1;

/// What an [`AuditAction::Import`] entry says: the file is its note. Each new
/// record is marked by its own `created_at`, equal to the entry's `at`, and
/// by its id in `created` (an import takes consecutive ids).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Imported {
    pub created: Range<u64>,
    pub updated: u64,
}

/// Field names of the counts in an import entry's changes.
const CREATED: &str = "created";
const UPDATED: &str = "updated";

impl AuditEntry {
    /// The one entry of an import of `file` into `kind`: its new records took
    /// `created`, and `updated` records changed (each with its own Update entry).
    pub fn import(at: DateTime<Utc>, account: &str, kind: Kind, file: &str, imported: &Imported) -> AuditEntry {
        let count = |field: &str, n: u64| Change { field: field.into(), old: String::new(), new: n.to_string() };
        AuditEntry {
            at,
            account: account.to_string(),
            action: AuditAction::Import,
            kind: Some(kind),
            id: imported.created.start,
            changes: vec![
                count(CREATED, imported.created.end - imported.created.start),
                count(UPDATED, imported.updated),
            ],
            note: file.to_string(),
        }
    }

    /// The ids and counts of an import entry; `None` for other entries.
    pub fn imported(&self) -> Option<Imported> {
        if self.action != AuditAction::Import {
            return None;
        }
        let count = |field: &str| -> u64 {
            let change = self.changes.iter().find(|c| c.field == field);
            change.and_then(|c| c.new.parse().ok()).unwrap_or(0)
        };
        Some(Imported { created: self.id..self.id + count(CREATED), updated: count(UPDATED) })
    }

    /// Whether the entry is about record `id` of its kind: an import entry is
    /// about every record it created.
    pub fn concerns(&self, id: u64) -> bool {
        match self.imported() {
            Some(imported) => imported.created.contains(&id),
            None => self.id == id,
        }
    }
}

/// Each field whose value differs, old → new, in the order of the field specs.
pub fn diff(old: Option<&AnyData>, new: &AnyData) -> Vec<Change> {
    let old_map = old.map(AnyData::to_map).unwrap_or_default();
    let new_map = new.to_map();
    specs(new.kind())
        .iter()
        .filter_map(|spec| {
            let before = old_map.get(spec.name).map(plain).unwrap_or_default();
            let after = new_map.get(spec.name).map(plain).unwrap_or_default();
            (before != after).then(|| Change { field: spec.name.to_string(), old: before, new: after })
        })
        .collect()
}

/// Values as text: strings without quotes, empty for nothing.
fn plain(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(a) if a.is_empty() => String::new(),
        other => other.to_string(),
    }
}
