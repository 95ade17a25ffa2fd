//! 联席议事会: the quarterly joint deliberation meeting and its topics.

use super::composite::{item_errors, Part, PartType};
use super::enums::{MeetingKind, MeetingStatus};
use super::error::{FieldError, Problem};
use super::fields::{FieldSpec as F, FieldType::*};
use super::kind::Kind;
use super::period::Quarter;
use super::record::{opt_ref, refs_of, IndexValue, RecordData, Ref};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Topic {
    pub title: String,
    #[serde(default)]
    pub demand_ids: Vec<u64>,
    #[serde(default)]
    pub discussion: String,
    #[serde(default)]
    pub decision: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meeting {
    pub date: NaiveDate,
    /// Follows from the date when not given.
    pub quarter: Option<Quarter>,
    pub kind: MeetingKind,
    pub location: String,
    pub chair_id: Option<u64>,
    pub attendee_ids: Vec<u64>,
    pub topics: Vec<Topic>,
    pub minutes: String,
    pub status: MeetingStatus,
    /// When the notice (会议通知) went out.
    #[serde(default)]
    pub notice_on: Option<NaiveDate>,
    /// The meeting's 工作经费 from the street budget, in whole yuan.
    #[serde(default)]
    pub funding: Option<u32>,
    #[serde(default)]
    pub funding_note: String,
}

/// The parts of a topic, checked one by one (see [`super::composite`]).
pub const TOPIC_PARTS: &[Part] = &[
    Part::new("title", "标题", "title", PartType::Line(200)).required(),
    Part::new("demand_ids", "相关诉求", "demands", PartType::Ids),
    Part::new("discussion", "讨论情况", "discussion", PartType::Text(4000)),
    Part::new("decision", "议定事项", "decision", PartType::Text(4000)),
];

pub const FIELDS: &[F] = &[
    F::new("date", "日期", "Date", Date).required(),
    F::new("quarter", "季度", "Quarter", Quarter),
    F::new("kind", "类型", "Kind", Choice(MeetingKind::CHOICES)).required().default_to("regular"),
    F::new("location", "地点", "Location", Text { max: 100 }),
    F::new("chair_id", "主持人", "Chair", Ref(Kind::Member)),
    F::new("attendee_ids", "参会人员", "Attendees", Refs(Kind::Member)),
    F::new("topics", "议题", "Topics", Json),
    F::new("minutes", "纪要", "Minutes", LongText { max: 20_000 }),
    F::new("status", "状态", "Status", Choice(MeetingStatus::CHOICES)).required().default_to("planned"),
    F::new("notice_on", "通知日期", "Notice sent on", Date).past(),
    F::new("funding", "经费（元）", "Funding (¥)", Count { max: MAX_FUNDING }),
    F::new("funding_note", "经费说明", "Funding note", Text { max: 200 }),
];

/// A street's meeting budget is thousands of yuan; ten million is a typo.
pub const MAX_FUNDING: u32 = 10_000_000;

impl Meeting {
    /// A meeting on `date` with nothing else known yet.
    pub fn new(date: NaiveDate, kind: MeetingKind, status: MeetingStatus) -> Meeting {
        Meeting {
            date,
            quarter: None,
            kind,
            location: String::new(),
            chair_id: None,
            attendee_ids: Vec::new(),
            topics: Vec::new(),
            minutes: String::new(),
            status,
            notice_on: None,
            funding: None,
            funding_note: String::new(),
        }
    }
}

impl RecordData for Meeting {
    fn free_text_mut(&mut self) -> Vec<&mut String> {
        vec![&mut self.minutes, &mut self.funding_note]
    }

    const KIND: Kind = Kind::Meeting;

    fn normalize(&mut self) {
        self.quarter.get_or_insert(Quarter::of(self.date));
    }

    fn check(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        let date_quarter = Quarter::of(self.date);
        if self.quarter.is_some_and(|q| q != date_quarter) {
            let problem = Problem::QuarterMismatch { date_quarter: date_quarter.to_string() };
            errors.push(FieldError::new(Kind::Meeting, "quarter", problem));
        }
        let topics = serde_json::to_value(&self.topics).unwrap_or_default();
        errors.extend(item_errors(Kind::Meeting, "topics", &topics));
        if self.notice_on.is_some_and(|d| d > self.date) {
            errors.push(FieldError::new(Kind::Meeting, "notice_on", Problem::NotAfter { other: "date" }));
        }
        if !self.funding_note.trim().is_empty() && self.funding.is_none() {
            errors.push(FieldError::new(Kind::Meeting, "funding_note", Problem::NeedsField { other: "funding" }));
        }
        errors
    }

    fn refs(&self) -> Vec<Ref> {
        let chair = opt_ref("chair_id", Kind::Member, self.chair_id);
        let attendees = refs_of("attendee_ids", Kind::Member, &self.attendee_ids);
        let demands = self.topics.iter().flat_map(|t| refs_of("topics", Kind::Demand, &t.demand_ids));
        chair.into_iter().chain(attendees).chain(demands).collect()
    }

    fn extra_index(&self) -> Vec<IndexValue> {
        vec![IndexValue::Date(self.date), IndexValue::Status(self.status.id().to_string())]
    }

    fn label(&self) -> String {
        let quarter = self.quarter.unwrap_or(Quarter::of(self.date));
        format!("{quarter} {}", self.date)
    }

    fn search_text(&self) -> String {
        let titles: Vec<&str> = self.topics.iter().map(|t| t.title.as_str()).collect();
        format!("{} {}", self.location, titles.join(" "))
    }
}
