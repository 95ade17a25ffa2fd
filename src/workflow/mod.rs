//! The rules of the meeting cycle (定时议事, 定责促事): plan the year's
//! meetings, assemble an agenda, record the meeting, turn decisions into
//! tasks, report progress, and carry demands through their checked lifecycle.
//! Everything here is pure: the lifecycle, the agenda's candidates, the types
//! the steps take and give, and their texts. The steps themselves, which read
//! and write the store, are operations in `crate::ops`.

pub mod agenda;
pub mod demands;
mod error;
pub mod lifecycle;
pub mod links;
pub mod meeting;
pub mod off_calendar;
pub mod plan;
pub mod remind;
pub mod remind_text;
pub mod tasks;
pub mod text;

pub use agenda::{Candidates, HotIssue, LateTask, Take};
pub use error::{check_account, ReasonFor, WorkflowError};
pub use links::{household_member, HouseholdMember};
