//! The audit log: who changed what, when, field by field.

use crate::model::fields::specs;
use crate::model::{AnyData, Kind};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

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
