//! A year's regular meetings as `planned`, on the dates of the calendar rule.

use crate::model::enums::{MeetingKind, MeetingStatus};
use crate::model::{AnyRecord, Meeting};
use crate::rules::calendar::ScheduledMeeting;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PlanOutcome {
    pub created: Vec<AnyRecord>,
    /// The regular meetings the year already had, left as they are.
    pub existing: Vec<AnyRecord>,
}

/// A regular meeting planned for `s`, its minutes saying why it is not on the first Friday.
pub fn planned(s: &ScheduledMeeting) -> Meeting {
    let minutes = match (&s.moved_from, &s.reason) {
        (Some(first), Some(h)) => format!("首个周五 {first} 逢{}，顺延至 {}", h.name_zh, s.date),
        (Some(first), None) => format!("首个周五 {first} 不是工作日，顺延至 {}", s.date),
        _ => String::new(),
    };
    Meeting {
        date: s.date,
        quarter: Some(s.quarter),
        kind: MeetingKind::Regular,
        location: String::new(),
        chair_id: None,
        attendee_ids: Vec::new(),
        topics: Vec::new(),
        minutes,
        status: MeetingStatus::Planned,
        notice_on: None,
        funding: None,
        funding_note: String::new(),
    }
}
