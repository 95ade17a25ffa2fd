//! 定期考事: the yearly (or half-yearly) 双述双评 evaluation as work that flows —
//! creating a period's evaluations, keeping grades in step with the votes,
//! assembling each member's 述职 material and publishing the 公示 list.
//!
//! Everything here is pure (records and dates in, figures or text out); the
//! operations that read and write the store are in `crate::ops::review`.

pub mod duty;
pub mod duty_text;
pub mod feedback;
pub mod publication;
pub mod rollup;
pub mod roster;
pub mod sessions;

pub use crate::rules::grading::{is_overridden, settle_grade};
pub use duty::{duty_report, DutyReport};
pub use roster::{roster, RosterRow};
pub use sessions::{session_rows, sessions_of, SessionRow};

/// What creating a period's evaluations did.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Evaluated {
    /// Ids of the evaluations created, in member order.
    pub created: Vec<u64>,
    /// Active members who already had an evaluation for the period.
    pub existing: usize,
}
