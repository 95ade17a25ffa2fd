//! `silian plan YEAR`: the four regular meetings of a year as `planned`, on the
//! dates of the calendar rule; and moving a planned meeting with a reason.

use super::{refused, typed, WorkflowError};
use crate::model::enums::{MeetingKind, MeetingStatus};
use crate::model::{AnyData, AnyRecord, Kind, Meeting};
use crate::rules::calendar::ScheduledMeeting;
use crate::store::{Context, Store, StoreError};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PlanOutcome {
    pub created: Vec<AnyRecord>,
    /// The regular meetings the year already had, left as they are.
    pub existing: Vec<AnyRecord>,
}

/// Creates a planned regular meeting for each scheduled quarter that has no
/// regular meeting yet (whatever its status), so that running it twice creates nothing.
pub fn plan_year(store: &Store, ctx: &Context, schedule: &[ScheduledMeeting]) -> Result<PlanOutcome, StoreError> {
    store.write_batch(ctx, |b| {
        let meetings = b.list(Kind::Meeting)?;
        let mut out = PlanOutcome::default();
        for s in schedule {
            let found = meetings.iter().find(|r| {
                matches!(&r.data, AnyData::Meeting(m) if m.kind == MeetingKind::Regular && m.quarter == Some(s.quarter))
            });
            match found {
                Some(rec) => out.existing.push(rec.clone()),
                None => {
                    let id = b.create(AnyData::Meeting(Box::new(planned(s))))?;
                    out.created.push(b.get(Kind::Meeting, id)?);
                }
            }
        }
        Ok(out)
    })
}

fn planned(s: &ScheduledMeeting) -> Meeting {
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
    }
}

/// Moves a planned meeting to `date`; the reason is appended to its minutes,
/// where `show` displays it, and the audit log keeps the old date.
pub fn move_meeting(
    store: &Store,
    ctx: &Context,
    id: u64,
    date: NaiveDate,
    reason: &str,
) -> Result<AnyRecord, StoreError> {
    store.write_batch(ctx, |b| {
        let mut m: Meeting = typed(b, id)?;
        if m.status != MeetingStatus::Planned {
            return Err(refused(WorkflowError::NotPlanned { id, status: m.status }));
        }
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(refused(WorkflowError::ReasonRequired));
        }
        let line = format!("改期：{} → {date}，原因：{reason}", m.date);
        m.minutes = if m.minutes.is_empty() { line } else { format!("{}\n{line}", m.minutes) };
        m.date = date;
        b.update(id, AnyData::Meeting(Box::new(m)))
    })
}
