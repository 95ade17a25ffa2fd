//! The rules of the 四定四联 work as pure functions: time is passed in, never read.

pub mod calendar;
pub mod compliance;
pub mod grade;
pub mod grading;
pub mod holidays;
pub mod overdue;
pub mod statutory;
