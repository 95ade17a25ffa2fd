//! What each document shows, as plain data, and the pure functions that
//! gather it from records. Layout (`papers`) reads only these views, so where
//! the figures come from can change here without touching the layout.

use crate::i18n::Lang;
use crate::model::enums::MeetingKind;
use crate::model::enums::{Grade, Role};
use crate::model::period::{Period, Quarter};
use crate::model::{AnyRecord, Deputy, Meeting, Member, Session, Task, Unit, Votes, Wrap};
use crate::review::{DutyReport, RosterRow};
use chrono::{NaiveDate, NaiveTime};
use std::collections::HashMap;

/// One member as a document names them.
#[derive(Clone, Debug, PartialEq)]
pub struct Person {
    pub name: String,
    pub unit: String,
    pub post: String,
}

/// Whom to call: the office director (a member's phone is not residents' data).
#[derive(Clone, Debug, PartialEq)]
pub struct Contact {
    pub name: String,
    pub phone: String,
}

/// The 落款: who issues the document and on which day.
#[derive(Clone, Debug, PartialEq)]
pub struct Signed {
    pub by: String,
    pub on: NaiveDate,
}

#[derive(Clone, Debug, PartialEq)]
pub struct MeetingHead {
    pub date: NaiveDate,
    pub quarter: Quarter,
    pub extra: bool,
    pub location: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct NoticeView {
    pub meeting: MeetingHead,
    pub time: NaiveTime,
    pub topics: Vec<String>,
    pub attendees: Vec<Person>,
    pub contact: Option<Contact>,
    pub signed: Signed,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SigninView {
    pub meeting: MeetingHead,
    /// What is held, when it is not a joint meeting: a reporting session (述职会).
    pub heading: Option<String>,
    pub people: Vec<Person>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TopicLine {
    pub title: String,
    pub discussion: String,
    pub decision: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TaskLine {
    pub title: String,
    pub owner: String,
    pub due: Option<NaiveDate>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct MinutesView {
    pub meeting: MeetingHead,
    pub chair: Option<String>,
    pub present: Vec<String>,
    pub absent: Vec<String>,
    pub minutes: String,
    pub topics: Vec<TopicLine>,
    pub tasks: Vec<TaskLine>,
    pub funding: Option<u32>,
    pub funding_note: String,
    pub signed: Signed,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ReportView {
    pub duty: DutyReport,
    pub on: NaiveDate,
}

/// Whose ballot: 群众, 代表 (两代表一委员) or 大工委 — the evaluation's vote sets.
pub use crate::model::enums::VoteSetKind as VoteSet;

#[derive(Clone, Debug, PartialEq)]
pub struct BallotView {
    pub period: Period,
    pub set: VoteSet,
    pub people: Vec<Person>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TallyRow {
    pub person: Person,
    pub votes: Votes,
    pub grade: Option<Grade>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TallyView {
    pub period: Period,
    pub rows: Vec<TallyRow>,
    pub signed: Signed,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PublishView {
    pub period: Period,
    pub rows: Vec<(Person, Grade)>,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub working_days: u32,
    pub contact: String,
    pub signed: Signed,
}

#[derive(Clone, Debug, PartialEq)]
pub struct FeedbackView {
    pub period: Period,
    pub members: usize,
    /// Members of each grade, in the order of [`Grade::ALL`].
    pub by_grade: Vec<(Grade, usize)>,
    pub ungraded: usize,
    pub published_on: Option<NaiveDate>,
    pub contact: Option<Contact>,
    pub signed: Signed,
}

/// The members and units the meeting documents name.
pub struct Roll<'a> {
    members: Vec<(u64, &'a Member, bool)>,
    units: HashMap<u64, &'a Unit>,
}

impl<'a> Roll<'a> {
    /// From member and unit records (archived ones too: they may be named).
    pub fn new(records: &'a [AnyRecord]) -> Roll<'a> {
        let mut members: Vec<(u64, &Member, bool)> =
            records.iter().filter_map(|r| Member::peek(&r.data).map(|m| (r.id(), m, r.meta.archived))).collect();
        members.sort_by_key(|(id, m, _)| (m.role, *id));
        let units = records.iter().filter_map(|r| Unit::peek(&r.data).map(|u| (r.id(), u))).collect();
        Roll { members, units }
    }

    fn person(&self, m: &Member) -> Person {
        let unit = m.unit_id.and_then(|u| self.units.get(&u)).map(|u| u.name.clone()).unwrap_or_default();
        Person { name: m.name.clone(), unit, post: m.post.clone() }
    }

    /// Active members, by role, then id.
    pub fn active(&self) -> Vec<(u64, Person)> {
        self.members.iter().filter(|(_, _, archived)| !archived).map(|(id, m, _)| (*id, self.person(m))).collect()
    }

    pub fn name(&self, id: u64) -> String {
        self.members.iter().find(|(i, _, _)| *i == id).map_or_else(|| format!("#{id}"), |(_, m, _)| m.name.clone())
    }

    /// The first active office director, with their phone.
    pub fn office_director(&self) -> Option<Contact> {
        self.members
            .iter()
            .find(|(_, m, archived)| !archived && m.role == Role::OfficeDirector)
            .map(|(_, m, _)| Contact { name: m.name.clone(), phone: m.phone.clone() })
    }
}

pub fn meeting_head(m: &Meeting) -> MeetingHead {
    MeetingHead {
        date: m.date,
        quarter: m.quarter.unwrap_or_else(|| Quarter::of(m.date)),
        extra: m.kind == MeetingKind::Extra,
        location: m.location.clone(),
    }
}

/// Who is asked to come: the meeting's attendee list, or every active member
/// while it has none.
pub fn notice(m: &Meeting, roll: &Roll, time: NaiveTime, signed: Signed) -> NoticeView {
    let attendees = if m.attendee_ids.is_empty() {
        roll.active().into_iter().map(|(_, p)| p).collect()
    } else {
        let active = roll.active();
        m.attendee_ids
            .iter()
            .map(|id| {
                active.iter().find(|(i, _)| i == id).map_or_else(
                    || Person { name: roll.name(*id), unit: String::new(), post: String::new() },
                    |(_, p)| p.clone(),
                )
            })
            .collect()
    };
    NoticeView {
        meeting: meeting_head(m),
        time,
        topics: m.topics.iter().map(|t| t.title.clone()).collect(),
        attendees,
        contact: roll.office_director(),
        signed,
    }
}

pub fn signin(m: &Meeting, roll: &Roll) -> SigninView {
    SigninView { meeting: meeting_head(m), heading: None, people: roll.active().into_iter().map(|(_, p)| p).collect() }
}

/// A reporting session's sheet: the members who report (and, at the
/// committee's, the members attending), then the deputies invited, each
/// with their sector and whether 党代表, 人大代表 or 政协委员.
pub fn session_signin(s: &Session, roll: &Roll, deputies: &[(u64, &Deputy)], lang: Lang) -> SigninView {
    let members = roll.active();
    let mut ids: Vec<u64> = s.member_ids.clone();
    ids.extend(s.attendee_ids.iter().filter(|id| !s.member_ids.contains(id)));
    let mut people: Vec<Person> =
        ids.iter().filter_map(|id| members.iter().find(|(m, _)| m == id).map(|(_, p)| p.clone())).collect();
    people.extend(s.deputy_ids.iter().filter_map(|id| deputies.iter().find(|(d, _)| d == id)).map(|(_, d)| Person {
        name: d.name.clone(),
        unit: d.sector.clone(),
        post: d.deputy_type.label(lang).to_string(),
    }));
    let period = crate::review::duty_text::period_name(s.period, lang);
    let heading = match lang {
        Lang::Zh => format!("{period}{}会", s.kind.label(lang)),
        Lang::En => format!("{} session, {period}", s.kind.label(lang)),
    };
    let head = MeetingHead { date: s.date, quarter: Quarter::of(s.date), extra: false, location: s.location.clone() };
    SigninView { meeting: head, heading: Some(heading), people }
}

/// Present are the attendees recorded; absent the active members who are not.
pub fn minutes(meeting_id: u64, m: &Meeting, roll: &Roll, tasks: &[AnyRecord], signed: Signed) -> MinutesView {
    let present = m.attendee_ids.iter().map(|id| roll.name(*id)).collect();
    let absent =
        roll.active().into_iter().filter(|(id, _)| !m.attendee_ids.contains(id)).map(|(_, p)| p.name).collect();
    let mut tasks: Vec<(u64, &Task)> = tasks
        .iter()
        .filter(|r| !r.meta.archived)
        .filter_map(|r| Task::peek(&r.data).map(|t| (r.id(), t)))
        .filter(|(_, t)| t.meeting_id == Some(meeting_id))
        .collect();
    tasks.sort_by_key(|(id, _)| *id);
    MinutesView {
        meeting: meeting_head(m),
        chair: m.chair_id.map(|id| roll.name(id)),
        present,
        absent,
        minutes: m.minutes.clone(),
        topics: m
            .topics
            .iter()
            .map(|t| TopicLine {
                title: t.title.clone(),
                discussion: t.discussion.clone(),
                decision: t.decision.clone(),
            })
            .collect(),
        tasks: tasks
            .iter()
            .map(|(_, t)| TaskLine { title: t.title.clone(), owner: roll.name(t.owner_id), due: t.due })
            .collect(),
        funding: m.funding,
        funding_note: m.funding_note.clone(),
        signed,
    }
}

fn person(row: &RosterRow) -> Person {
    Person { name: row.member.clone(), unit: row.unit.clone(), post: row.post.clone() }
}

/// Everyone evaluated in the period: today every evaluation of the period.
pub fn ballot(rows: &[RosterRow], period: Period, set: VoteSet) -> BallotView {
    BallotView { period, set, people: rows.iter().map(person).collect() }
}

/// The votes a member's tally counts: every set's together, as the 公示's shares.
pub fn tallied_votes(row: &RosterRow) -> Votes {
    row.vote_sets.all_votes()
}

pub fn tally(rows: &[RosterRow], period: Period, signed: Signed) -> TallyView {
    let rows = rows.iter().map(|r| TallyRow { person: person(r), votes: tallied_votes(r), grade: r.grade }).collect();
    TallyView { period, rows, signed }
}

/// The graded members, or the names of those without a grade.
pub fn graded(rows: &[RosterRow]) -> Result<Vec<(Person, Grade)>, Vec<String>> {
    let ungraded: Vec<String> = rows.iter().filter(|r| r.grade.is_none()).map(|r| r.member.clone()).collect();
    if !ungraded.is_empty() {
        return Err(ungraded);
    }
    Ok(rows.iter().filter_map(|r| r.grade.map(|g| (person(r), g))).collect())
}

pub fn feedback(rows: &[RosterRow], period: Period, contact: Option<Contact>, signed: Signed) -> FeedbackView {
    let by_grade = Grade::ALL.iter().map(|g| (*g, rows.iter().filter(|r| r.grade == Some(*g)).count())).collect();
    FeedbackView {
        period,
        members: rows.len(),
        by_grade,
        ungraded: rows.iter().filter(|r| r.grade.is_none()).count(),
        published_on: rows.iter().filter_map(|r| r.published_on).min(),
        contact,
        signed,
    }
}
