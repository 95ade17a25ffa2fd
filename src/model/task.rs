//! 责任事项: work handed out by a meeting to a responsible member.

use super::composite::{item_errors, Part, PartType};
use super::enums::TaskStatus;
use super::error::{FieldError, Problem};
use super::fields::{FieldSpec as F, FieldType::*};
use super::kind::Kind;
use super::record::{opt_ref, refs_of, IndexValue, RecordData, Ref};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One progress report by the owner's contact person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    pub date: NaiveDate,
    #[serde(default)]
    pub reporter: String,
    pub note: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Task {
    pub title: String,
    pub detail: String,
    pub meeting_id: Option<u64>,
    pub demand_ids: Vec<u64>,
    pub owner_id: u64,
    pub due: Option<NaiveDate>,
    pub status: TaskStatus,
    pub progress: Vec<Progress>,
    pub done_on: Option<NaiveDate>,
}

/// The parts of a progress report, checked one by one (see [`super::composite`]).
pub const PROGRESS_PARTS: &[Part] = &[
    Part::new("date", "日期", "date", PartType::PastDate).required(),
    Part::new("reporter", "汇报人", "reporter", PartType::Line(40)),
    Part::new("note", "进展情况", "note", PartType::Text(2000)).required(),
];

pub const FIELDS: &[F] = &[
    F::new("title", "事项", "Title", Text { max: 100 }).required(),
    F::new("detail", "内容", "Detail", LongText { max: 4000 }),
    F::new("meeting_id", "议事会", "Meeting", Ref(Kind::Meeting)),
    F::new("demand_ids", "相关诉求", "Demands", Refs(Kind::Demand)),
    F::new("owner_id", "责任人", "Owner", Ref(Kind::Member)).required(),
    F::new("due", "完成时限", "Due", Date),
    F::new("status", "状态", "Status", Choice(TaskStatus::CHOICES)).required().default_to("todo"),
    F::new("progress", "进展", "Progress", Json),
    F::new("done_on", "完成日期", "Done on", Date).past(),
];

impl RecordData for Task {
    fn free_text_mut(&mut self) -> Vec<&mut String> {
        vec![&mut self.detail]
    }

    const KIND: Kind = Kind::Task;

    fn check(&self) -> Vec<FieldError> {
        let mut found = Vec::new();
        if self.status == TaskStatus::Done && self.done_on.is_none() {
            found.push(("done_on", Problem::NeedsWhenStatus { status: TaskStatus::Done.id() }));
        }
        let progress = serde_json::to_value(&self.progress).unwrap_or_default();
        let items = item_errors(Kind::Task, "progress", &progress);
        found.into_iter().map(|(f, p)| FieldError::new(Kind::Task, f, p)).chain(items).collect()
    }

    fn refs(&self) -> Vec<Ref> {
        let owner = opt_ref("owner_id", Kind::Member, Some(self.owner_id));
        let meeting = opt_ref("meeting_id", Kind::Meeting, self.meeting_id);
        let demands = refs_of("demand_ids", Kind::Demand, &self.demand_ids);
        owner.into_iter().chain(meeting).chain(demands).collect()
    }

    fn extra_index(&self) -> Vec<IndexValue> {
        let due = self.due.map(IndexValue::Date);
        due.into_iter().chain([IndexValue::Status(self.status.id().to_string())]).collect()
    }

    fn label(&self) -> String {
        self.title.clone()
    }

    fn search_text(&self) -> String {
        self.detail.clone()
    }
}
