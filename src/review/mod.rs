//! 定期考事: the yearly (or half-yearly) 双述双评 evaluation as work that flows —
//! creating a period's evaluations, keeping grades in step with the votes,
//! assembling each member's 述职 material and publishing the 公示 list.
//!
//! Everything but `ops` is pure (records and dates in, figures or text
//! out); `ops` holds the store-level operations behind the store API's
//! evaluation requests, so the command line and the workbench share them.

pub mod duty;
pub mod duty_text;
pub mod grading;
pub mod ops;
pub mod publication;
pub mod roster;

pub use duty::{duty_report, DutyReport};
pub use grading::{is_overridden, settle_grade};
pub use roster::{roster, RosterRow};
