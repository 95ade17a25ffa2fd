//! 督办: what falls due within a few days and what is already late, for
//! `silian remind`, `silian overdue` and the workbench (see `workflow::remind`).

use super::{Caller, Error, Need, Operation, Personal};
use crate::model::{AnyData, AnyRecord, Kind};
use crate::rules::calendar::ScheduledMeeting;
use crate::store::{Store, StoreError};
use crate::workflow::remind::{due_within, overdue, DueItem, MemberLate, Sources, MAX_DAYS};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// What falls due from `today` to `days` days later (at most a year).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Remind {
    pub today: NaiveDate,
    pub days: u32,
    /// The calendar's next meeting, for when none is planned: the front end
    /// holds the holiday calendar (the built-in one and the store's holidays.toml).
    pub scheduled: ScheduledMeeting,
}

impl Operation for Remind {
    type Reply = Vec<DueItem>;
    fn need(&self) -> Need<'_> {
        Need::Read
    }
    fn run(self, store: &Store, _: &Caller) -> Result<Vec<DueItem>, Error> {
        let (records, visits) = read(store)?;
        let src = Sources::new(&records, &visits);
        Ok(due_within(&src, &store.settings()?, &self.scheduled, self.today, self.days.min(MAX_DAYS)))
    }
}

/// What is already late on `today`, by member.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Overdue {
    pub today: NaiveDate,
}

impl Operation for Overdue {
    type Reply = Vec<MemberLate>;
    fn need(&self) -> Need<'_> {
        Need::Read
    }
    fn run(self, store: &Store, _: &Caller) -> Result<Vec<MemberLate>, Error> {
        let (records, visits) = read(store)?;
        Ok(overdue(&Sources::new(&records, &visits), &store.settings()?, self.today))
    }
}

/// The records reminders read, and each household's last visit: visits are
/// scanned rather than gathered, as there may be a hundred thousand.
fn read(store: &Store) -> Result<(Vec<AnyRecord>, HashMap<u64, NaiveDate>), StoreError> {
    let mut records = store.list(Kind::Member, true)?;
    for kind in [Kind::Household, Kind::Demand, Kind::Task, Kind::Meeting] {
        records.extend(store.list(kind, false)?);
    }
    let mut last: HashMap<u64, NaiveDate> = HashMap::new();
    store.scan(Kind::Visit, |rec| {
        if let (false, AnyData::Visit(v)) = (rec.meta.archived, &rec.data) {
            if let Some(household) = v.household_id {
                let latest = last.entry(household).or_insert(v.date);
                *latest = (*latest).max(v.date);
            }
        }
        true
    })?;
    Ok((records, last))
}

/// Labels carry names only, never a resident's phone or address.
impl Personal for Vec<DueItem> {
    fn records_mut(&mut self) -> Vec<&mut AnyRecord> {
        Vec::new()
    }
}

impl Personal for Vec<MemberLate> {
    fn records_mut(&mut self) -> Vec<&mut AnyRecord> {
        Vec::new()
    }
}
