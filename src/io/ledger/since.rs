//! From which day a member or a household counts in the ledger.
//!
//! The day it was entered — unless a dated record names it earlier: an
//! office that starts with silian types in its history after the fact, and
//! a member who attended the July meeting was in office in July whenever
//! they were entered. So a member counts from the earliest of the day they
//! were entered, a visit they made, a meeting they chaired or attended, a
//! demand they handled; a household from the earliest of the day it was
//! entered, a visit to it, a demand it raised.

use crate::model::{AnyData, AnyRecord, Kind};
use chrono::NaiveDate;
use std::collections::HashMap;

/// The earliest day each member and household is named by a dated record.
pub(super) fn first_named(records: &[AnyRecord]) -> HashMap<(Kind, u64), NaiveDate> {
    let mut first: HashMap<(Kind, u64), NaiveDate> = HashMap::new();
    let mut note = |kind: Kind, id: Option<u64>, day: NaiveDate| {
        if let Some(id) = id {
            first.entry((kind, id)).and_modify(|d| *d = (*d).min(day)).or_insert(day);
        }
    };
    for rec in records {
        match &rec.data {
            AnyData::Visit(v) => {
                note(Kind::Member, Some(v.member_id), v.date);
                note(Kind::Household, v.household_id, v.date);
            }
            AnyData::Meeting(m) => {
                for id in m.attendee_ids.iter().copied().chain(m.chair_id) {
                    note(Kind::Member, Some(id), m.date);
                }
            }
            AnyData::Demand(d) => {
                note(Kind::Member, d.member_id, d.raised_on);
                note(Kind::Household, d.household_id, d.raised_on);
            }
            _ => {}
        }
    }
    first
}
