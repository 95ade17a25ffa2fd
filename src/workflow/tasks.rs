//! Tasks after the meeting: who reports on one, what finishing one gives back,
//! and tasks grouped per responsible member.

use crate::model::{AnyRecord, Member};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Finished {
    pub task: AnyRecord,
    /// Linked demands still pending, so the caller can ask whether they are resolved.
    pub unresolved: Vec<AnyRecord>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OwnerTasks {
    pub owner_id: u64,
    /// Oldest due date first.
    pub tasks: Vec<AnyRecord>,
}

/// Who reports on a task when nobody is named: its owner's contact person
/// (联络员), else the owner.
pub fn reporter_of(owner: &Member) -> String {
    if owner.contact_name.trim().is_empty() {
        owner.name.clone()
    } else {
        owner.contact_name.clone()
    }
}
