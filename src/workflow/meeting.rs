//! What the clerk gives when turning a decision into a task.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What the clerk gives when turning a decision into a task; the rest comes from the topic.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewTask {
    pub owner_id: u64,
    pub due: Option<NaiveDate>,
    /// Default: the topic's title.
    pub title: Option<String>,
    /// Default: the topic's demands.
    pub demand_ids: Option<Vec<u64>>,
}
