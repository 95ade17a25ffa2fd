//! Who writes, and when: every change's audit entry names both.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Who asks, and when: the clock is read once, at the edge.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Context {
    pub account: String,
    pub now: DateTime<Utc>,
}
