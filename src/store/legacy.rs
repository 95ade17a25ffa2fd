//! Record layouts older than [`super::codec::RECORD_VERSION`], kept so that a
//! store (or an interrupted import's saved versions) written by an older
//! silian is read by the code that knows its layout. bincode is positional:
//! a record written before a field existed cannot be read as the new struct.
//!
//! Record layout 1 is layout 2 without a meeting's notice date and funding
//! and a demand's reopenings and referral; every other kind is unchanged.
//! An evaluation of layout 1 had one tally, `votes`, which becomes its
//! residents' vote set (ballots not counted then), and none of the later
//! fields (leader, recommendation, 公示期).
//! Settings layout 1 is layout 2 without the deadlines by category.

use super::codec::{decode_body, DecodeError};
use crate::model::enums::Grade;
use crate::model::enums::{DemandCategory, DemandStatus, MeetingKind, MeetingStatus, Satisfaction};
use crate::model::meeting::Topic;
use crate::model::period::Period;
use crate::model::period::Quarter;
use crate::model::settings::GradeRule;
use crate::model::{
    Community, Demand, Deputy, Evaluation, Household, Meeting, Member, Meta, Session, Settings, Task, Unit, Visit,
    VoteSet, VoteSets, Votes,
};
use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use serde::Deserialize;

/// How a kind's layout-1 value becomes today's.
pub trait FromV1: Sized {
    fn from_v1(body: &[u8]) -> Result<(Meta, Self), DecodeError>;
}

/// Kinds whose layout has not changed since layout 1.
macro_rules! same_as_v1 {
    ($($t:ty),*) => {$(
        impl FromV1 for $t {
            fn from_v1(body: &[u8]) -> Result<(Meta, Self), DecodeError> {
                decode_body(body)
            }
        }
    )*};
}
same_as_v1!(Member, Unit, Community, Household, Visit, Task);

/// Kinds that came with layout 2: no layout-1 value of them was ever written.
macro_rules! new_in_v2 {
    ($($t:ty),*) => {$(
        impl FromV1 for $t {
            fn from_v1(_: &[u8]) -> Result<(Meta, Self), DecodeError> {
                Err(DecodeError::UnknownVersion(1))
            }
        }
    )*};
}
new_in_v2!(Deputy, Session);

fn upgraded<Old: DeserializeOwned + Into<New>, New>(body: &[u8]) -> Result<(Meta, New), DecodeError> {
    let (meta, old): (Meta, Old) = decode_body(body)?;
    Ok((meta, old.into()))
}

#[derive(Deserialize)]
struct MeetingV1 {
    date: NaiveDate,
    quarter: Option<Quarter>,
    kind: MeetingKind,
    location: String,
    chair_id: Option<u64>,
    attendee_ids: Vec<u64>,
    topics: Vec<Topic>,
    minutes: String,
    status: MeetingStatus,
}

impl From<MeetingV1> for Meeting {
    fn from(m: MeetingV1) -> Meeting {
        Meeting {
            date: m.date,
            quarter: m.quarter,
            kind: m.kind,
            location: m.location,
            chair_id: m.chair_id,
            attendee_ids: m.attendee_ids,
            topics: m.topics,
            minutes: m.minutes,
            status: m.status,
            notice_on: None,
            funding: None,
            funding_note: String::new(),
        }
    }
}

impl FromV1 for Meeting {
    fn from_v1(body: &[u8]) -> Result<(Meta, Self), DecodeError> {
        upgraded::<MeetingV1, Meeting>(body)
    }
}

#[derive(Deserialize)]
struct DemandV1 {
    raised_on: NaiveDate,
    visit_id: Option<u64>,
    household_id: Option<u64>,
    unit_id: Option<u64>,
    community_id: Option<u64>,
    visitor: String,
    member_id: Option<u64>,
    category: DemandCategory,
    content: String,
    status: DemandStatus,
    resolution: String,
    resolved_on: Option<NaiveDate>,
    follow_up_on: Option<NaiveDate>,
    satisfaction: Option<Satisfaction>,
    meeting_id: Option<u64>,
    task_id: Option<u64>,
}

impl From<DemandV1> for Demand {
    fn from(d: DemandV1) -> Demand {
        Demand {
            raised_on: d.raised_on,
            visit_id: d.visit_id,
            household_id: d.household_id,
            unit_id: d.unit_id,
            community_id: d.community_id,
            visitor: d.visitor,
            member_id: d.member_id,
            category: d.category,
            content: d.content,
            status: d.status,
            resolution: d.resolution,
            resolved_on: d.resolved_on,
            follow_up_on: d.follow_up_on,
            satisfaction: d.satisfaction,
            meeting_id: d.meeting_id,
            task_id: d.task_id,
            rounds: Vec::new(),
            referred_to: String::new(),
            referred_on: None,
            department_reply: String::new(),
        }
    }
}

impl FromV1 for Demand {
    fn from_v1(body: &[u8]) -> Result<(Meta, Self), DecodeError> {
        upgraded::<DemandV1, Demand>(body)
    }
}

#[derive(Deserialize)]
struct EvaluationV1 {
    member_id: u64,
    period: Period,
    committee_report_on: Option<NaiveDate>,
    leader_comment: String,
    deputies_report_on: Option<NaiveDate>,
    votes: Option<Votes>,
    grade: Option<Grade>,
    grade_reason: String,
    published_on: Option<NaiveDate>,
    fed_back_city_on: Option<NaiveDate>,
    fed_back_district_on: Option<NaiveDate>,
    notes: String,
}

impl From<EvaluationV1> for Evaluation {
    fn from(e: EvaluationV1) -> Evaluation {
        Evaluation {
            committee_report_on: e.committee_report_on,
            leader_comment: e.leader_comment,
            deputies_report_on: e.deputies_report_on,
            vote_sets: VoteSets { residents: e.votes.map(VoteSet::of), ..VoteSets::default() },
            grade: e.grade,
            grade_reason: e.grade_reason,
            published_on: e.published_on,
            fed_back_city_on: e.fed_back_city_on,
            fed_back_district_on: e.fed_back_district_on,
            notes: e.notes,
            ..Evaluation::blank(e.member_id, e.period)
        }
    }
}

impl FromV1 for Evaluation {
    fn from_v1(body: &[u8]) -> Result<(Meta, Self), DecodeError> {
        upgraded::<EvaluationV1, Evaluation>(body)
    }
}

#[derive(Deserialize)]
struct SettingsV1 {
    street_name: String,
    households_per_member: u32,
    visit_cycle_days: u32,
    demand_due_days: u32,
    grade_rule: GradeRule,
}

/// Settings written in layout 1; what they did not have takes its default.
pub fn settings_v1(body: &[u8]) -> Result<Settings, DecodeError> {
    let old: SettingsV1 = decode_body(body)?;
    Ok(Settings {
        street_name: old.street_name,
        households_per_member: old.households_per_member,
        visit_cycle_days: old.visit_cycle_days,
        demand_due_days: old.demand_due_days,
        grade_rule: old.grade_rule,
        ..Settings::default()
    })
}

#[cfg(test)]
mod tests {
    use super::super::codec::{decode_any, encode, encode_any};
    use super::*;
    use crate::model::{AnyData, AnyRecord, Kind};
    use chrono::Utc;

    fn meta() -> Meta {
        Meta { id: 4, rev: 1, created_at: Utc::now(), updated_at: Utc::now(), archived: false }
    }

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    /// bincode is positional: a tuple of the old fields is the old struct's layout.
    #[test]
    fn a_meeting_written_before_notice_and_funding_reads_with_them_empty() {
        let topics = vec![Topic { title: "电动车充电".into(), ..Topic::default() }];
        let old = (
            day(10, 9),
            Some(Quarter { year: 2026, q: 4 }),
            MeetingKind::Regular,
            "街道三楼会议室".to_string(),
            Some(1u64),
            vec![1u64, 2],
            topics.clone(),
            "纪要".to_string(),
            MeetingStatus::Held,
        );
        let bytes = encode(1, &(meta(), old));
        let rec = decode_any(Kind::Meeting, &bytes).unwrap();
        let AnyData::Meeting(m) = &rec.data else { panic!("{rec:?}") };
        assert_eq!((m.location.as_str(), &m.topics, m.status), ("街道三楼会议室", &topics, MeetingStatus::Held));
        assert_eq!((m.notice_on, m.funding, m.funding_note.as_str()), (None, None, ""));
        // Written again, it is layout 2 and reads back the same.
        let again = decode_any(Kind::Meeting, &encode_any(&rec)).unwrap();
        assert_eq!(again, rec);
    }

    #[test]
    fn a_demand_written_before_reopening_and_referral_reads_with_none() {
        let old = (
            day(10, 1),
            None::<u64>,
            Some(3u64),
            None::<u64>,
            None::<u64>,
            String::new(),
            Some(1u64),
            DemandCategory::Welfare,
            "申请助餐".to_string(),
            DemandStatus::Resolved,
            "已安排".to_string(),
            Some(day(10, 20)),
            Some(day(11, 2)),
            Some(Satisfaction::Unsatisfied),
            None::<u64>,
            None::<u64>,
        );
        let rec = decode_any(Kind::Demand, &encode(1, &(meta(), old))).unwrap();
        let AnyData::Demand(d) = &rec.data else { panic!("{rec:?}") };
        assert_eq!((d.content.as_str(), d.satisfaction), ("申请助餐", Some(Satisfaction::Unsatisfied)));
        assert!(d.rounds.is_empty() && d.referred_to.is_empty() && d.referred_on.is_none());
        let _: &AnyRecord = &rec;
    }
}
