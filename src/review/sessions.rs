//! 述职会: the sessions of a period, who reported at each, and the sessions
//! one member reported at — the one place an evaluation finds its reports.

use crate::model::enums::SessionKind;
use crate::model::period::Period;
use crate::model::{AnyData, AnyRecord, Kind, Session};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The active sessions of `period` at which `member_id` reported, by date.
pub fn sessions_of(member_id: u64, period: Period, records: &[AnyRecord]) -> Vec<(u64, &Session)> {
    of_period(period, records).into_iter().filter(|(_, s)| s.reported(member_id)).collect()
}

/// The active sessions of `period`, by date (then id).
pub fn of_period(period: Period, records: &[AnyRecord]) -> Vec<(u64, &Session)> {
    let mut found: Vec<(u64, &Session)> = records
        .iter()
        .filter(|r| !r.meta.archived)
        .filter_map(|r| match &r.data {
            AnyData::Session(s) if s.period == period => Some((r.id(), &**s)),
            _ => None,
        })
        .collect();
    found.sort_by_key(|(id, s)| (s.date, *id));
    found
}

/// A record named in a session's row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Named {
    pub id: u64,
    pub name: String,
}

/// One session as `silian sessions` lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionRow {
    pub id: u64,
    pub period: Period,
    pub kind: SessionKind,
    pub date: NaiveDate,
    pub location: String,
    pub reported: Vec<Named>,
    pub attendees: usize,
    pub deputies: Vec<Named>,
    pub resident_reps: Option<u32>,
    pub leader: String,
}

/// The sessions of `period` with the members who reported and the deputies
/// present named; `records` holds the sessions, members and deputies.
pub fn session_rows(period: Period, records: &[AnyRecord]) -> Vec<SessionRow> {
    let names: HashMap<(Kind, u64), String> = records.iter().map(|r| ((r.kind(), r.id()), r.data.label())).collect();
    let named = |kind: Kind, ids: &[u64]| -> Vec<Named> {
        let name = |id: u64| names.get(&(kind, id)).cloned().unwrap_or_else(|| format!("#{id}"));
        ids.iter().map(|&id| Named { id, name: name(id) }).collect()
    };
    of_period(period, records)
        .into_iter()
        .map(|(id, s)| SessionRow {
            id,
            period: s.period,
            kind: s.kind,
            date: s.date,
            location: s.location.clone(),
            reported: named(Kind::Member, &s.member_ids),
            attendees: s.attendee_ids.len(),
            deputies: named(Kind::Deputy, &s.deputy_ids),
            resident_reps: s.resident_reps,
            leader: s.leader.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Meta;

    fn record(id: u64, archived: bool, data: AnyData) -> AnyRecord {
        let now = chrono::DateTime::default();
        AnyRecord { meta: Meta { id, rev: 1, created_at: now, updated_at: now, archived }, data }
    }

    fn session(id: u64, period: &str, kind: &str, date: &str, members: &str) -> AnyRecord {
        let fields = [("period", period), ("kind", kind), ("date", date), ("member_ids", members)];
        let fields: Vec<(String, String)> = fields.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        let today = "2027-03-01".parse().expect("date");
        record(id, false, AnyData::build(Kind::Session, &fields, today).expect("valid session"))
    }

    fn period(s: &str) -> Period {
        s.parse().expect("period")
    }

    #[test]
    fn a_members_sessions_are_those_of_the_period_they_reported_at_by_date() {
        let mut records = vec![
            session(1, "2026", "deputies", "2027-01-20", "3,4"),
            session(2, "2026", "committee", "2027-01-10", "3"),
            session(3, "2025", "committee", "2026-01-12", "3"),
            session(4, "2026", "committee", "2027-01-11", "4"),
            session(5, "2026H2", "committee", "2027-01-09", "3"),
        ];
        let ids = |found: Vec<(u64, &Session)>| found.into_iter().map(|(id, _)| id).collect::<Vec<_>>();
        assert_eq!(ids(sessions_of(3, period("2026"), &records)), vec![2, 1]);
        assert_eq!(ids(sessions_of(4, period("2026"), &records)), vec![4, 1]);
        assert_eq!(ids(sessions_of(3, period("2026H2"), &records)), vec![5]);
        assert!(sessions_of(9, period("2026"), &records).is_empty());
        records[1].meta.archived = true;
        assert_eq!(ids(sessions_of(3, period("2026"), &records)), vec![1], "an archived session is no report");
    }

    #[test]
    fn a_row_names_who_reported() {
        let member = |id, name: &str| {
            let fields = [("name".to_string(), name.to_string()), ("role".to_string(), "part_time".to_string())];
            record(id, false, AnyData::build(Kind::Member, &fields, "2027-03-01".parse().expect("date")).expect("ok"))
        };
        let records = vec![member(3, "解红梅"), session(1, "2026", "committee", "2027-01-10", "3,8")];
        let rows = session_rows(period("2026"), &records);
        let names: Vec<&str> = rows[0].reported.iter().map(|n| n.name.as_str()).collect();
        assert_eq!(names, ["解红梅", "#8"]);
    }
}
