//! Forms for the steps of the meeting cycle (progress, a topic's discussion and
//! decision, decision → task, resolving a demand, its follow-up). They reuse the
//! record form — pickers, date parsing, live errors — over field specs of their
//! own, and on save become store requests instead of records.

use super::form::FormState;
use crate::i18n::Lang;
use crate::model::enums::{Satisfaction, VisitKind};
use crate::model::fields::{field_problem, parse_field, FieldSpec as F, FieldType::*};
use crate::model::task::Progress;
use crate::model::{FieldError, Invalid, Kind};
use crate::ops::{self, Request};
use crate::workflow::demands::{DemandStep, FollowUp};
use crate::workflow::meeting::NewTask;
use chrono::NaiveDate;
use serde_json::Value;

/// What a step form does when saved.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum StepForm {
    Progress {
        task_id: u64,
    },
    /// Topic numbers count from 1, as in the store's requests.
    Topic {
        meeting_id: u64,
        topic: usize,
    },
    DecisionTask {
        meeting_id: u64,
        topic: usize,
    },
    /// One resolution for each of these demands (finishing a task may resolve several).
    Resolve {
        demand_ids: Vec<u64>,
    },
    Unresolvable {
        demand_id: u64,
    },
    FollowUp {
        demand_id: u64,
    },
    MoveMeeting {
        meeting_id: u64,
    },
    /// 重办 after an unsatisfied follow-up.
    Reopen {
        demand_id: u64,
    },
    /// 转办 to a department.
    Refer {
        demand_id: u64,
    },
    DepartmentReply {
        demand_id: u64,
    },
}

const PROGRESS: &[F] = &[
    F::new("date", "日期", "Date", Date).required().past(),
    F::new("reporter", "报告人", "Reporter", Text { max: 40 }),
    F::new("note", "进展", "Progress", LongText { max: 2000 }).required(),
];

const TOPIC: &[F] = &[
    F::new("discussion", "讨论情况", "Discussion", LongText { max: 4000 }),
    F::new("decision", "议定事项", "Decision", LongText { max: 4000 }),
];

const DECISION_TASK: &[F] = &[
    F::new("title", "事项", "Title", Text { max: 100 }).required(),
    F::new("owner_id", "责任人", "Owner", Ref(Kind::Member)).required(),
    F::new("due", "完成时限", "Due", Date),
    F::new("demand_ids", "相关诉求", "Demands", Refs(Kind::Demand)),
];

const RESOLVE: &[F] = &[
    F::new("resolution", "办理结果", "Resolution", LongText { max: 2000 }).required(),
    F::new("resolved_on", "办结日期", "Resolved on", Date).required().past(),
];

const UNRESOLVABLE: &[F] = &[
    F::new("reason", "无法办理的原因", "Reason", LongText { max: 2000 }).required(),
    F::new("on", "日期", "Date", Date).past(),
];

const FOLLOW_UP: &[F] = &[
    F::new("date", "回访日期", "Follow-up on", Date).required().past(),
    F::new("satisfaction", "满意度", "Satisfaction", Choice(Satisfaction::CHOICES)).required(),
    F::new("summary", "回访情况", "Summary", Text { max: 200 }),
    F::new("kind", "回访方式", "How", Choice(VisitKind::CHOICES)).required(),
    F::new("member_id", "回访委员", "By member", Ref(Kind::Member)),
];

const MOVE_MEETING: &[F] = &[
    F::new("date", "新日期", "New date", Date).required(),
    F::new("reason", "改期原因", "Reason", Text { max: 200 }).required(),
];

const REOPEN: &[F] = &[
    F::new("reason", "重办原因", "Why reopened", LongText { max: 2000 }).required(),
    F::new("date", "重办日期", "Reopened on", Date).required().past(),
];

const REFER: &[F] = &[
    F::new("department", "转办部门", "Department", Text { max: 60 }).required(),
    F::new("date", "转办日期", "Referred on", Date).required().past(),
];

const DEPARTMENT_REPLY: &[F] = &[F::new("reply", "部门答复", "Department's reply", LongText { max: 2000 }).required()];

impl StepForm {
    pub fn specs(&self) -> &'static [F] {
        match self {
            StepForm::Progress { .. } => PROGRESS,
            StepForm::Topic { .. } => TOPIC,
            StepForm::DecisionTask { .. } => DECISION_TASK,
            StepForm::Resolve { .. } => RESOLVE,
            StepForm::Unresolvable { .. } => UNRESOLVABLE,
            StepForm::FollowUp { .. } => FOLLOW_UP,
            StepForm::MoveMeeting { .. } => MOVE_MEETING,
            StepForm::Reopen { .. } => REOPEN,
            StepForm::Refer { .. } => REFER,
            StepForm::DepartmentReply { .. } => DEPARTMENT_REPLY,
        }
    }

    /// The record kind the step acts on, for error messages.
    pub fn kind(&self) -> Kind {
        match self {
            StepForm::Progress { .. } | StepForm::DecisionTask { .. } => Kind::Task,
            StepForm::Topic { .. } | StepForm::MoveMeeting { .. } => Kind::Meeting,
            StepForm::Resolve { .. }
            | StepForm::Unresolvable { .. }
            | StepForm::Reopen { .. }
            | StepForm::Refer { .. }
            | StepForm::DepartmentReply { .. } => Kind::Demand,
            StepForm::FollowUp { .. } => Kind::Visit,
        }
    }

    pub fn title(&self, lang: Lang) -> String {
        match (self, lang) {
            (StepForm::Progress { task_id }, Lang::Zh) => format!("报告进展：责任事项 {task_id}"),
            (StepForm::Progress { task_id }, Lang::En) => format!("Report progress on task {task_id}"),
            (StepForm::Topic { topic, .. }, Lang::Zh) => format!("议题 {topic}：讨论与议定"),
            (StepForm::Topic { topic, .. }, Lang::En) => format!("Topic {topic}: discussion and decision"),
            (StepForm::DecisionTask { topic, .. }, Lang::Zh) => format!("议题 {topic} 的决定转为责任事项"),
            (StepForm::DecisionTask { topic, .. }, Lang::En) => format!("Task from the decision on topic {topic}"),
            (StepForm::Resolve { demand_ids }, Lang::Zh) => format!("办结诉求 {}", ids(demand_ids)),
            (StepForm::Resolve { demand_ids }, Lang::En) => format!("Resolve demand {}", ids(demand_ids)),
            (StepForm::Unresolvable { demand_id }, Lang::Zh) => format!("诉求 {demand_id} 无法办理"),
            (StepForm::Unresolvable { demand_id }, Lang::En) => format!("Demand {demand_id} cannot be resolved"),
            (StepForm::FollowUp { demand_id }, Lang::Zh) => format!("回访诉求 {demand_id}"),
            (StepForm::FollowUp { demand_id }, Lang::En) => format!("Follow-up of demand {demand_id}"),
            (StepForm::MoveMeeting { meeting_id }, Lang::Zh) => format!("议事会 {meeting_id} 改期"),
            (StepForm::MoveMeeting { meeting_id }, Lang::En) => format!("Move meeting {meeting_id}"),
            (StepForm::Reopen { demand_id }, Lang::Zh) => format!("重办诉求 {demand_id}"),
            (StepForm::Reopen { demand_id }, Lang::En) => format!("Reopen demand {demand_id}"),
            (StepForm::Refer { demand_id }, Lang::Zh) => format!("转办诉求 {demand_id}"),
            (StepForm::Refer { demand_id }, Lang::En) => format!("Refer demand {demand_id} to a department"),
            (StepForm::DepartmentReply { demand_id }, Lang::Zh) => format!("诉求 {demand_id} 的部门答复"),
            (StepForm::DepartmentReply { demand_id }, Lang::En) => format!("Department's reply to demand {demand_id}"),
        }
    }

    /// The requests the filled-in form asks for, or the problems placed by field.
    pub fn requests(&self, form: &FormState, today: NaiveDate) -> Result<Vec<Request>, Invalid> {
        let v = Values::read(form, self.kind(), today)?;
        Ok(match self {
            StepForm::Progress { task_id } => {
                let progress =
                    Progress { date: v.date("date", today), reporter: v.text("reporter"), note: v.text("note") };
                vec![Request::from(ops::tasks::ReportProgress { task_id: *task_id, progress })]
            }
            StepForm::Topic { meeting_id, topic } => vec![Request::from(ops::meeting::RecordTopic {
                meeting_id: *meeting_id,
                topic: *topic,
                discussion: Some(v.text("discussion")),
                decision: Some(v.text("decision")),
            })],
            StepForm::DecisionTask { meeting_id, topic } => {
                let task = NewTask {
                    owner_id: v.ids("owner_id").first().copied().unwrap_or_default(),
                    due: v.opt_date("due"),
                    title: Some(v.text("title")),
                    demand_ids: Some(v.ids("demand_ids")),
                };
                vec![Request::from(ops::meeting::DecisionToTask { meeting_id: *meeting_id, topic: *topic, task })]
            }
            StepForm::Resolve { demand_ids } => demand_ids
                .iter()
                .map(|id| {
                    Request::from(ops::demands::StepDemand {
                        id: *id,
                        step: DemandStep::Resolve {
                            resolution: v.text("resolution"),
                            on: v.date("resolved_on", today),
                        },
                    })
                })
                .collect(),
            StepForm::Unresolvable { demand_id } => vec![Request::from(ops::demands::StepDemand {
                id: *demand_id,
                step: DemandStep::Unresolvable { reason: v.text("reason"), on: v.opt_date("on") },
            })],
            StepForm::FollowUp { demand_id } => {
                let summary = Some(v.text("summary")).filter(|s| !s.is_empty());
                let satisfaction = Satisfaction::parse(&v.text("satisfaction")).unwrap_or(Satisfaction::Satisfied);
                let follow_up = FollowUp {
                    on: v.date("date", today),
                    satisfaction,
                    // None: the store takes the demand's member.
                    member_id: v.ids("member_id").first().copied(),
                    kind: VisitKind::parse(&v.text("kind")).unwrap_or(VisitKind::Phone),
                    summary,
                };
                vec![Request::from(ops::demands::FollowUp { demand_id: *demand_id, follow_up })]
            }
            StepForm::MoveMeeting { meeting_id } => {
                vec![Request::from(ops::meeting::MoveMeeting {
                    id: *meeting_id,
                    date: v.date("date", today),
                    reason: v.text("reason"),
                })]
            }
            StepForm::Reopen { demand_id } => vec![Request::from(ops::demands::ReopenDemand {
                id: *demand_id,
                on: v.date("date", today),
                reason: v.text("reason"),
            })],
            StepForm::Refer { demand_id } => vec![Request::from(ops::demands::ReferDemand {
                id: *demand_id,
                department: v.text("department"),
                on: v.date("date", today),
            })],
            StepForm::DepartmentReply { demand_id } => {
                vec![Request::from(ops::demands::DepartmentReply { id: *demand_id, reply: v.text("reply") })]
            }
        })
    }
}

fn ids(list: &[u64]) -> String {
    list.iter().map(u64::to_string).collect::<Vec<_>>().join(", ")
}

/// A form's fields parsed as the record builder would parse them.
struct Values(Vec<(&'static str, Value)>);

impl Values {
    fn read(form: &FormState, kind: Kind, today: NaiveDate) -> Result<Values, Invalid> {
        let mut values = Vec::new();
        let mut errors = Vec::new();
        for field in &form.fields {
            let parsed = parse_field(field.spec, &field.value(), today)
                .and_then(|v| field_problem(field.spec, &v).map_or(Ok(v), Err));
            match parsed {
                Ok(v) => values.push((field.spec.name, v)),
                Err(problem) => errors.push(FieldError::new(kind, field.spec.name, problem)),
            }
        }
        if errors.is_empty() {
            Ok(Values(values))
        } else {
            Err(Invalid(errors))
        }
    }

    fn get(&self, name: &str) -> Option<&Value> {
        self.0.iter().find(|(n, _)| *n == name).map(|(_, v)| v)
    }

    fn text(&self, name: &str) -> String {
        self.get(name).and_then(Value::as_str).unwrap_or_default().trim().to_string()
    }

    fn opt_date(&self, name: &str) -> Option<NaiveDate> {
        self.get(name).and_then(Value::as_str).and_then(|s| s.parse().ok())
    }

    /// Required dates are checked by `read`; `today` only stands in for the impossible.
    fn date(&self, name: &str, today: NaiveDate) -> NaiveDate {
        self.opt_date(name).unwrap_or(today)
    }

    fn ids(&self, name: &str) -> Vec<u64> {
        match self.get(name) {
            Some(Value::Number(n)) => n.as_u64().into_iter().collect(),
            Some(Value::Array(a)) => a.iter().filter_map(Value::as_u64).collect(),
            _ => Vec::new(),
        }
    }
}
