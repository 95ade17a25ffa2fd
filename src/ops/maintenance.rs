//! The store as a whole: its check, its audit log, its backup, and the record
//! of personal data shown unmasked.

use super::{Caller, Error, Label, Need, Operation};
use crate::i18n::Lang;
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

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditLog;

impl Operation for AuditLog {
    type Reply = Vec<AuditEntry>;
    fn need(&self) -> Need<'_> {
        Need::Admin
    }
    fn run(self, store: &Store, _: &Caller) -> Result<Vec<AuditEntry>, Error> {
        Ok(store.audit_log()?)
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

/// The whole store as a backup file's bytes (see `Store::backup`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Backup;

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
        Ok(BackupFile { bytes, records })
    }
}
