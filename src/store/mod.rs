//! The embedded store on sled: one tree per record kind, an index tree, a meta
//! tree (schema version, id counters, settings) and the audit log. Every write
//! is one transaction followed by `flush()`; only then is it acknowledged.
//!
//! Persistence only: it knows records, their encoding, indexes, references,
//! the audit log, transactions and roles as stored, and nothing of the
//! operations (`crate::ops`) or workflows built on it, which it never imports.

pub mod audit;
pub mod backup;
pub mod batch;
pub mod bulk;
pub mod check;
pub mod codec;
mod context;
mod drafts;
pub mod error;
pub mod find;
pub mod index;
mod legacy;
mod migrate;
mod read;
pub mod roles;
mod stored;
mod write;

pub use audit::{AuditAction, AuditEntry, Change};
pub use batch::Batch;
pub use context::Context;
pub use error::StoreError;
pub use migrate::SCHEMA_VERSION;
pub use roles::{Grant, Role};
pub use stored::StoredRecords;

use crate::model::Kind;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Page cache when not told otherwise; sled's own default of 1 GiB is far too
/// much for the office machines this runs on. Measured on the demo store at
/// `--scale 43` (121k records): reading every record holds about this much
/// beyond what sled needs to open the store, and 4 MiB read the lot as fast
/// as 32 MiB did (670–760 ms), since pages not cached come from the kernel's
/// file cache. (Only with the patched sled in `vendor/sled` is the limit kept at all.)
/// 2 MiB since 2026-12-04, once leaves of index keys held more: the
/// workbench's peak 55.3 -> 53.4 MB, and importing 100,000 households as
/// fast as with 4 (1 MiB: a fifth slower, as evicted leaves are read again).
pub const DEFAULT_CACHE_MB: u64 = 2;

/// The workbench's: it reads the store once and then writes a record at a
/// time, so the leaves a large write reads again matter less than the
/// 1.2 MB of its peak the second MiB took (issue 22).
pub const WORKBENCH_CACHE_MB: u64 = 1;

pub struct Store {
    db: sled::Db,
    path: PathBuf,
    records: Vec<sled::Tree>,
    index: sled::Tree,
    meta: sled::Tree,
    audit: sled::Tree,
    /// Half-typed forms of the workbench, kept as typed so that a crash loses none.
    drafts: sled::Tree,
    /// One writer at a time, so reference checks and the write they guard agree.
    writer: Mutex<()>,
    /// The account that owns the store's directory (see `roles`).
    creator: std::sync::OnceLock<Option<String>>,
}

impl Store {
    pub fn open(path: &Path, cache_mb: u64) -> Result<Store, StoreError> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            crate::os::create_private_dir(parent).map_err(|e| open_error(path, e.to_string()))?;
        }
        remove_incomplete_snapshots(path);
        let config = sled::Config::new()
            .path(path)
            .cache_capacity(cache_mb.max(1) * 1024 * 1024)
            // No background flusher: it would wake an idle program ~11 times a
            // second, and we flush after every write anyway.
            .flush_every_ms(None);
        let db = open_waiting_for_lock(&config, path)?;
        backup::remove_debris(path);
        let store = Store::from_db(db, path)?;
        migrate::run(&store)?;
        Ok(store)
    }

    fn from_db(db: sled::Db, path: &Path) -> Result<Store, StoreError> {
        let records = Kind::ALL.iter().map(|k| db.open_tree(k.id())).collect::<Result<Vec<_>, _>>()?;
        Ok(Store {
            index: db.open_tree("index")?,
            meta: db.open_tree("meta")?,
            audit: db.open_tree("audit")?,
            drafts: db.open_tree("drafts")?,
            records,
            db,
            path: path.to_path_buf(),
            writer: Mutex::new(()),
            creator: std::sync::OnceLock::new(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn tree(&self, kind: Kind) -> &sled::Tree {
        &self.records[kind as usize]
    }

    /// Makes everything written so far durable.
    fn flush(&self) -> Result<(), StoreError> {
        self.db.flush()?;
        Ok(())
    }

    /// Bytes the store takes on disk.
    pub fn size_on_disk(&self) -> u64 {
        self.db.size_on_disk().unwrap_or(0)
    }
}

/// sled 0.34 writes a snapshot to `snap.<lsn>.generating` and renames it when
/// complete, but on opening it reads the last `snap.*` file by name, which is a
/// half-written `.generating` file after a kill at the wrong moment: the store
/// then refuses to open ("Read corrupted data", sled issue #1527). Such a file
/// is incomplete by construction, so it is removed; the log replays from the
/// previous snapshot.
fn remove_incomplete_snapshots(path: &Path) {
    let Ok(entries) = std::fs::read_dir(path) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with("snap.") && name.ends_with(".generating") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// sled lets go of its lock only when its background threads have let go of
/// the store, a moment after the last handle is dropped, so a store closed just
/// now (by this process or by a command that just ended) may still be locked.
/// A short wait tells that apart from a store really held by another silian.
fn open_waiting_for_lock(config: &sled::Config, path: &Path) -> Result<sled::Db, StoreError> {
    const ATTEMPTS: u32 = 20;
    let mut attempt = 1;
    loop {
        match config.open().map_err(|e| translate_open_error(path, e)) {
            Err(StoreError::Locked { .. }) if attempt < ATTEMPTS => {
                std::thread::sleep(std::time::Duration::from_millis(50));
                attempt += 1;
            }
            result => return result,
        }
    }
}

fn open_error(path: &Path, reason: String) -> StoreError {
    StoreError::Open { path: path.to_path_buf(), reason }
}

/// sled reports a store held by another process only as an I/O error whose text
/// says "could not acquire lock".
fn translate_open_error(path: &Path, e: sled::Error) -> StoreError {
    let text = e.to_string();
    if text.contains("could not acquire lock") || text.contains("WouldBlock") {
        StoreError::Locked { path: path.to_path_buf() }
    } else {
        open_error(path, text)
    }
}
