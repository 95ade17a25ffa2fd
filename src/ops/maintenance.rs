//! The store as a whole: its check, its audit log, its backup, and the record
//! of personal data shown unmasked.

use super::{Caller, Error, Label, Need, Operation};
use crate::i18n::Lang;
use crate::model::fields::masked_value;
use crate::model::Kind;
use crate::store::check::CheckProblem;
use crate::store::{AuditAction, AuditEntry, Store};
use serde::{Deserialize, Serialize};

/// Verify every record, index, reference and counter.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Check;

impl Operation for Check {
    type Reply = Vec<CheckProblem>;
    fn need(&self) -> Need<'_> {
        Need::Read
    }
    fn run(self, store: &Store, _: &Caller) -> Result<Vec<CheckProblem>, Error> {
        Ok(store.check()?)
    }
}

/// The audit log, its old and new values masked as lists show them unless
/// `reveal`, which is itself recorded in the log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditLog {
    pub reveal: bool,
}

impl Operation for AuditLog {
    type Reply = Vec<AuditEntry>;
    fn need(&self) -> Need<'_> {
        Need::Admin
    }
    fn run(self, store: &Store, caller: &Caller) -> Result<Vec<AuditEntry>, Error> {
        if self.reveal {
            store.log_event(&caller.ctx, AuditAction::Reveal, None, 0, "audit log")?;
            return Ok(store.audit_log()?);
        }
        let mut entries = store.audit_log()?;
        for entry in &mut entries {
            let Some(kind) = entry.kind else { continue };
            for change in &mut entry.changes {
                for value in [&mut change.old, &mut change.new] {
                    if let Some(masked) = masked_value(kind, &change.field, value, None) {
                        *value = masked;
                    }
                }
            }
        }
        Ok(entries)
    }
}

/// Personal data was shown or exported unmasked: one audit entry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LogReveal {
    pub kind: Kind,
    pub ids: Vec<u64>,
    pub note: String,
}

impl Operation for LogReveal {
    type Reply = ();
    fn need(&self) -> Need<'_> {
        Need::records(self.ids.iter().map(|id| (self.kind, *id)).collect())
    }
    fn outcome(&self, _: &(), _: &Label, lang: Lang) -> String {
        lang.pick("已显示完整个人信息（已记入审计日志）", "Personal data shown in full (logged)").into()
    }
    fn run(self, store: &Store, caller: &Caller) -> Result<(), Error> {
        let LogReveal { kind, ids, note } = self;
        let id = if ids.len() == 1 { ids[0] } else { 0 };
        let note = if ids.len() > 1 { format!("{note} ({} records)", ids.len()) } else { note };
        Ok(store.log_event(&caller.ctx, AuditAction::Reveal, Some(kind), id, &note)?)
    }
}

/// The whole store as a backup file's bytes (see `Store::backup`), to be
/// written to `file` (named in the audit log).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Backup {
    pub file: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BackupFile {
    pub bytes: Vec<u8>,
    pub records: u64,
}

impl Operation for Backup {
    type Reply = BackupFile;
    fn need(&self) -> Need<'_> {
        Need::Admin
    }
    fn run(self, store: &Store, caller: &Caller) -> Result<BackupFile, Error> {
        let mut bytes = Vec::new();
        let records = store.backup(&caller.ctx, &mut bytes)?;
        log_backup(store, &caller.ctx, &self.file, records)?;
        Ok(BackupFile { bytes, records })
    }
}

/// Every resident's data left the store: who took it, to which file, how many records.
pub fn log_backup(store: &Store, ctx: &super::Context, file: &str, records: u64) -> Result<(), Error> {
    Ok(store.log_event(ctx, AuditAction::Backup, None, 0, &format!("{file} ({records} records)"))?)
}
