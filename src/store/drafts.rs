//! Drafts of forms being typed, and removing a record nobody refers to.

use super::audit::{AuditAction, AuditEntry, Change};
use super::codec::id_key;
use super::{index, Context, Store, StoreError};
use crate::model::{IndexValue, Kind};

impl Store {
    /// Durable on return, like every write.
    pub fn put_draft(&self, key: &str, value: &[u8]) -> Result<(), StoreError> {
        self.drafts.insert(key.as_bytes(), value)?;
        self.flush()
    }

    pub fn delete_draft(&self, key: &str) -> Result<(), StoreError> {
        self.drafts.remove(key.as_bytes())?;
        self.flush()
    }

    pub fn drafts(&self) -> Result<Vec<(String, Vec<u8>)>, StoreError> {
        let mut out = Vec::new();
        for item in self.drafts.iter() {
            let (k, v) = item?;
            out.push((String::from_utf8_lossy(&k).into_owned(), v.to_vec()));
        }
        Ok(out)
    }

    /// The first record that refers to `kind` `id`, if any.
    pub fn first_referrer(&self, kind: Kind, id: u64) -> Result<Option<(Kind, u64)>, StoreError> {
        for from in Kind::ALL {
            if let Some(by) =
                self.ids_by(from, &IndexValue::Ref(kind, id))?.into_iter().find(|by| (from, *by) != (kind, id))
            {
                return Ok(Some((from, by)));
            }
        }
        Ok(None)
    }

    /// Removes a record that nothing refers to; referenced ones must be archived.
    pub fn delete(&self, ctx: &Context, kind: Kind, id: u64) -> Result<(), StoreError> {
        let _guard = self.writer.lock().unwrap_or_else(|e| e.into_inner());
        let rec = self.get(kind, id)?.ok_or(StoreError::NotFound { kind, id })?;
        if let Some((by_kind, by_id)) = self.first_referrer(kind, id)? {
            return Err(StoreError::Referenced { kind, id, by_kind, by_id });
        }
        let entry = AuditEntry {
            at: ctx.now,
            account: ctx.account.clone(),
            action: AuditAction::Delete,
            kind: Some(kind),
            id,
            changes: super::audit::diff(None, &rec.data)
                .into_iter()
                .map(|c| Change { field: c.field, old: c.new, new: String::new() })
                .collect(),
            note: String::new(),
        };
        let values = rec.data.index_values();
        let trees = (self.tree(kind), &self.index, &self.meta, &self.audit);
        super::write::unwrap_tx(sled::Transactional::transaction(&trees, |(t, i, m, a)| {
            t.remove(&id_key(id))?;
            for v in &values {
                i.remove(index::key(kind, v, id))?;
            }
            super::write::append_audit(a, m, &entry)
        }))?;
        self.flush()?;
        Ok(())
    }
}
