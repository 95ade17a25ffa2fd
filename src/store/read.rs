//! Queries: records by id, by kind, by index value; settings; the audit log.

use super::audit::AuditEntry;
use super::codec::{self, id_key, DecodeError};
use super::write::SETTINGS_KEY;
use super::{index, Store, StoreError};
use crate::model::{AnyRecord, IndexValue, Kind, Settings};

impl Store {
    pub fn get(&self, kind: Kind, id: u64) -> Result<Option<AnyRecord>, StoreError> {
        let Some(bytes) = self.tree(kind).get(id_key(id))? else { return Ok(None) };
        decode(kind, id, &bytes).map(Some)
    }

    /// Every record of `kind` in id order; archived ones only when asked.
    pub fn list(&self, kind: Kind, include_archived: bool) -> Result<Vec<AnyRecord>, StoreError> {
        let mut out = Vec::new();
        self.scan(kind, |rec| {
            if include_archived || !rec.meta.archived {
                out.push(rec);
            }
            true
        })?;
        Ok(out)
    }

    /// Every record of `kind` in id order (archived ones too) to `each`, until
    /// it returns false. Returns whether all were given.
    pub fn scan(&self, kind: Kind, mut each: impl FnMut(AnyRecord) -> bool) -> Result<bool, StoreError> {
        for item in self.tree(kind).iter() {
            let (key, bytes) = item?;
            if !each(decode(kind, codec::key_id(&key).unwrap_or(0), &bytes)?) {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// The `n` records of `kind` with the highest ids (archived ones too), in
    /// id order: what a list shows first, read without reading the rest.
    pub fn newest(&self, kind: Kind, n: usize) -> Result<Vec<AnyRecord>, StoreError> {
        let mut out = Vec::with_capacity(n);
        for item in self.tree(kind).iter().rev().take(n) {
            let (key, bytes) = item?;
            out.push(decode(kind, codec::key_id(&key).unwrap_or(0), &bytes)?);
        }
        out.reverse();
        Ok(out)
    }

    /// Up to `limit` records of `kind` with ids above `after`, in id order
    /// (archived ones too): a large kind read a page at a time.
    pub fn page(&self, kind: Kind, after: u64, limit: usize) -> Result<Vec<AnyRecord>, StoreError> {
        let mut out = Vec::with_capacity(limit.min(4096));
        for item in self.tree(kind).range(id_key(after.saturating_add(1))..).take(limit) {
            let (key, bytes) = item?;
            out.push(decode(kind, codec::key_id(&key).unwrap_or(0), &bytes)?);
        }
        Ok(out)
    }

    /// Ids of the records of `kind` indexed under `value`, ascending.
    pub fn ids_by(&self, kind: Kind, value: &IndexValue) -> Result<Vec<u64>, StoreError> {
        let prefix = index::prefix(kind, value);
        let mut ids = Vec::new();
        for key in self.index.scan_prefix(&prefix).keys() {
            let key = key?;
            if key.len() == prefix.len() + 8 {
                ids.extend(codec::key_id(&key));
            }
        }
        Ok(ids)
    }

    /// Records of `kind` indexed under `value` (archived ones only when asked).
    pub fn list_by(
        &self,
        kind: Kind,
        value: &IndexValue,
        include_archived: bool,
    ) -> Result<Vec<AnyRecord>, StoreError> {
        let mut out = Vec::new();
        for id in self.ids_by(kind, value)? {
            if let Some(rec) = self.get(kind, id)?.filter(|r| include_archived || !r.meta.archived) {
                out.push(rec);
            }
        }
        Ok(out)
    }

    pub fn count(&self, kind: Kind) -> usize {
        self.tree(kind).len()
    }

    pub fn is_empty(&self) -> bool {
        Kind::ALL.iter().all(|k| self.tree(*k).is_empty())
    }

    pub fn settings(&self) -> Result<Settings, StoreError> {
        let Some(bytes) = self.meta.get(SETTINGS_KEY)? else { return Ok(Settings::default()) };
        decode_settings(&bytes).map_err(|e| StoreError::Io(format!("settings: {e}")))
    }

    /// Audit entries written after entry number `seq`, with their numbers, oldest first.
    pub fn audit_after(&self, seq: u64) -> Result<Vec<(u64, AuditEntry)>, StoreError> {
        let mut out = Vec::new();
        for item in self.audit.range((seq + 1).to_be_bytes()..) {
            let (key, bytes) = item?;
            out.push((codec::key_id(&key).unwrap_or(0), decode_audit(&bytes)?));
        }
        Ok(out)
    }

    /// The number of the last audit entry, 0 when there is none.
    pub fn audit_head(&self) -> Result<u64, StoreError> {
        Ok(self.audit.last()?.and_then(|(k, _)| codec::key_id(&k)).unwrap_or(0))
    }

    /// The audit log, oldest first.
    pub fn audit_log(&self) -> Result<Vec<AuditEntry>, StoreError> {
        let mut out = Vec::new();
        for item in self.audit.iter() {
            let (_, bytes) = item?;
            out.push(decode_audit(&bytes)?);
        }
        Ok(out)
    }
}

fn decode(kind: Kind, id: u64, bytes: &[u8]) -> Result<AnyRecord, StoreError> {
    codec::decode_any(kind, bytes).map_err(|reason| StoreError::Corrupt { kind, id, reason })
}

pub(super) fn decode_audit(bytes: &[u8]) -> Result<AuditEntry, StoreError> {
    let decoded = match codec::split(bytes) {
        Ok((1, body)) => codec::decode_body(body),
        Ok((v, _)) => Err(DecodeError::UnknownVersion(v)),
        Err(e) => Err(e),
    };
    decoded.map_err(|e| StoreError::Io(format!("audit log: {e}")))
}

/// Settings of any version this build knows; what an older version lacks takes its default.
fn decode_settings(bytes: &[u8]) -> Result<Settings, DecodeError> {
    match codec::split(bytes)? {
        (1, body) => super::legacy::settings_v1(body),
        (2, body) => codec::decode_body(body),
        (v, _) => Err(DecodeError::UnknownVersion(v)),
    }
}

#[cfg(test)]
mod settings_tests {
    use super::*;

    #[test]
    fn version_1_settings_read_with_what_came_later_defaulted() {
        let v1 = (String::from("滨江街道"), 8u32, 60u32, 20u32, crate::model::settings::GradeRule::default());
        let settings = decode_settings(&codec::encode(1, &v1)).unwrap();
        assert_eq!(
            (settings.street_name.as_str(), settings.visit_cycle_days, settings.demand_due_days),
            ("滨江街道", 60, 20)
        );
        assert_eq!(settings.report_cycle_days, Settings::default().report_cycle_days);
        assert!(settings.demand_due_days_by_category.is_empty());
        let now = Settings { report_cycle_days: 14, ..settings };
        assert_eq!(decode_settings(&codec::encode(2, &now)).unwrap(), now);
    }
}
