//! The schema version lives in the meta tree. Opening a store written by an
//! older silian runs each migration step in turn, then rewrites the version;
//! a store from a newer silian is refused rather than misread.

use super::{Store, StoreError};

/// The layout this build writes. Raise it together with a new step in `STEPS`.
pub const SCHEMA_VERSION: u32 = 1;

const VERSION_KEY: &[u8] = b"schema_version";

type Step = fn(&Store) -> Result<(), StoreError>;

/// `STEPS[n]` upgrades a store from version `n + 1` to `n + 2`.
const STEPS: &[Step] = &[];

pub fn run(store: &Store) -> Result<(), StoreError> {
    let found = read_version(store)?;
    match found {
        None => write_version(store, SCHEMA_VERSION),
        Some(v) if v > SCHEMA_VERSION => {
            Err(StoreError::NewerSchema { path: store.path.clone(), found: v, supported: SCHEMA_VERSION })
        }
        Some(v) if v < SCHEMA_VERSION => upgrade(store, v),
        Some(_) => Ok(()),
    }
}

fn upgrade(store: &Store, from: u32) -> Result<(), StoreError> {
    for version in from..SCHEMA_VERSION {
        if let Some(step) = STEPS.get(version as usize - 1) {
            step(store)?;
        }
        write_version(store, version + 1)?;
    }
    store.rebuild_indexes()
}

pub fn read_version(store: &Store) -> Result<Option<u32>, StoreError> {
    let Some(bytes) = store.meta.get(VERSION_KEY)? else { return Ok(None) };
    let arr: [u8; 4] = bytes.as_ref().try_into().map_err(|_| StoreError::Io("bad schema version".into()))?;
    Ok(Some(u32::from_be_bytes(arr)))
}

pub(super) fn write_version(store: &Store, version: u32) -> Result<(), StoreError> {
    store.meta.insert(VERSION_KEY, &version.to_be_bytes())?;
    store.flush()
}
