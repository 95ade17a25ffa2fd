//! The meeting cycle (定时议事, 定责促事) as steps over the records: plan the
//! year's meetings, assemble an agenda, record the meeting, turn decisions into
//! tasks, report progress, and carry demands through their checked lifecycle.
//! Pure rules live in `lifecycle` and `agenda`; the other files are steps that
//! read and write through a [`Batch`], so each one is all or nothing.

pub mod agenda;
pub mod demands;
mod error;
pub mod lifecycle;
pub mod meeting;
pub mod plan;
pub mod tasks;
pub mod text;

pub use agenda::{Candidate, Source, Why};
pub use error::WorkflowError;

use crate::model::{AnyRecord, Wrap};
use crate::store::{Batch, StoreError};

/// The typed data of record `id`, as the step sees it.
fn typed<T: Wrap>(batch: &Batch, id: u64) -> Result<T, StoreError> {
    let rec = batch.get(T::KIND, id)?;
    T::unwrap_any(rec.data).ok_or(StoreError::NotFound { kind: T::KIND, id })
}

/// Typed data of every record of a list, with its id.
fn typed_all<T: Wrap>(records: Vec<AnyRecord>) -> Vec<(u64, T)> {
    records.into_iter().filter_map(|r| Some((r.id(), T::unwrap_any(r.data)?))).collect()
}

fn refused(e: WorkflowError) -> StoreError {
    StoreError::Workflow(e)
}
