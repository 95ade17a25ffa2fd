//! A meeting's candidate topics: demands escalated to the meeting, demands
//! pending past their due days, and tasks past their due date.

use crate::model::enums::DemandStatus;
use crate::model::{Demand, Meeting, Settings, Task};
use crate::rules::overdue::{days_since, demand_overdue, task_overdue};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The record a topic comes from: `demand:12` or `task:3`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Source {
    Demand(u64),
    Task(u64),
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Demand(id) => write!(f, "demand:{id}"),
            Source::Task(id) => write!(f, "task:{id}"),
        }
    }
}

impl FromStr for Source {
    type Err = ();

    /// `demand:12`, `task:3`; the Chinese kind names are accepted too.
    fn from_str(s: &str) -> Result<Self, ()> {
        let (kind, id) = s.split_once([':', '：']).ok_or(())?;
        let id: u64 = id.trim().parse().map_err(|_| ())?;
        match kind.trim() {
            "demand" | "诉求" => Ok(Source::Demand(id)),
            "task" | "责任事项" | "事项" => Ok(Source::Task(id)),
            _ => Err(()),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Why {
    Escalated,
    /// Days since the demand was raised.
    DemandOverdue {
        days: i64,
    },
    /// Days past the task's due date.
    TaskOverdue {
        days: i64,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Candidate {
    pub source: Source,
    pub why: Why,
    pub title: String,
    /// The member handling the demand, or the task's owner.
    pub member_id: Option<u64>,
}

/// What a meeting could discuss on `today`, leaving out what is already among its topics.
pub fn candidates(
    meeting: &Meeting,
    demands: &[(u64, Demand)],
    tasks: &[(u64, Task)],
    today: NaiveDate,
    settings: &Settings,
) -> Vec<Candidate> {
    let taken: Vec<u64> = meeting.topics.iter().flat_map(|t| t.demand_ids.iter().copied()).collect();
    let titles: Vec<&str> = meeting.topics.iter().map(|t| t.title.as_str()).collect();
    let mut late_tasks: Vec<&(u64, Task)> =
        tasks.iter().filter(|(_, t)| task_overdue(t, today) && !titles.contains(&t.title.as_str())).collect();
    late_tasks.sort_by_key(|(id, t)| (t.due, *id));
    // A demand behind an overdue task comes up with that task.
    let behind_tasks: Vec<u64> = late_tasks.iter().flat_map(|(_, t)| t.demand_ids.iter().copied()).collect();
    let open: Vec<&(u64, Demand)> =
        demands.iter().filter(|(id, _)| !taken.contains(id) && !behind_tasks.contains(id)).collect();
    let mut escalated: Vec<_> = open.iter().filter(|(_, d)| d.status == DemandStatus::Escalated).collect();
    escalated.sort_by_key(|(id, d)| (d.raised_on, *id));
    let mut late: Vec<_> = open
        .iter()
        .filter(|(_, d)| d.status != DemandStatus::Escalated && demand_overdue(d, today, settings))
        .collect();
    late.sort_by_key(|(id, d)| (d.raised_on, *id));
    let demand = |(id, d): &(u64, Demand), why| Candidate {
        source: Source::Demand(*id),
        why,
        title: d.content.chars().take(40).collect(),
        member_id: d.member_id,
    };
    let mut out: Vec<Candidate> = escalated.into_iter().map(|d| demand(d, Why::Escalated)).collect();
    out.extend(late.into_iter().map(|d| demand(d, Why::DemandOverdue { days: days_since(d.1.raised_on, today) })));
    out.extend(late_tasks.into_iter().map(|(id, t)| Candidate {
        source: Source::Task(*id),
        why: Why::TaskOverdue { days: t.due.map_or(0, |due| days_since(due, today)) },
        title: t.title.clone(),
        member_id: Some(t.owner_id),
    }));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::enums::{DemandCategory, MeetingKind, MeetingStatus, TaskStatus};
    use crate::model::Topic;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn demand(raised: &str, status: DemandStatus, content: &str) -> Demand {
        Demand {
            household_id: Some(1),
            member_id: Some(2),
            status,
            ..Demand::new(d(raised), DemandCategory::Other, content)
        }
    }

    fn task(title: &str, due: &str, status: TaskStatus, demand_ids: Vec<u64>) -> Task {
        Task {
            title: title.into(),
            detail: String::new(),
            meeting_id: None,
            demand_ids,
            owner_id: 3,
            due: Some(d(due)),
            status,
            progress: vec![],
            done_on: None,
        }
    }

    fn meeting(topics: Vec<Topic>) -> Meeting {
        Meeting {
            date: d("2027-01-08"),
            quarter: None,
            kind: MeetingKind::Regular,
            location: String::new(),
            chair_id: None,
            attendee_ids: vec![],
            topics,
            minutes: String::new(),
            status: MeetingStatus::Planned,
        }
    }

    #[test]
    fn escalated_then_overdue_demands_then_overdue_tasks() {
        let today = d("2026-11-29");
        let demands = vec![
            (1, demand("2026-11-20", DemandStatus::Escalated, "加装电梯")),
            (2, demand("2026-10-29", DemandStatus::Open, "路灯不亮")), // 31 days
            (3, demand("2026-10-30", DemandStatus::Open, "垃圾清运")), // 30 days: not yet
            (4, demand("2026-01-01", DemandStatus::Resolved, "早已办结")),
            (5, demand("2026-09-01", DemandStatus::InProgress, "停车难")),
            (6, demand("2026-09-01", DemandStatus::InProgress, "随事项上会")),
        ];
        let tasks = vec![
            (1, task("修路灯", "2026-11-28", TaskStatus::Doing, vec![6])),
            (2, task("今天到期", "2026-11-29", TaskStatus::Todo, vec![])),
            (3, task("已完成", "2026-01-01", TaskStatus::Done, vec![])),
        ];
        let got = candidates(&meeting(vec![]), &demands, &tasks, today, &Settings::default());
        let sources: Vec<Source> = got.iter().map(|c| c.source).collect();
        assert_eq!(sources, [Source::Demand(1), Source::Demand(5), Source::Demand(2), Source::Task(1)]);
        assert_eq!(got[0].why, Why::Escalated);
        assert_eq!(got[2].why, Why::DemandOverdue { days: 31 });
        assert_eq!(got[3].why, Why::TaskOverdue { days: 1 });
        assert_eq!(got[3].title, "修路灯");
    }

    #[test]
    fn what_is_already_a_topic_is_left_out() {
        let demands = vec![(1, demand("2026-11-20", DemandStatus::Escalated, "加装电梯"))];
        let tasks = vec![(1, task("修路灯", "2026-11-01", TaskStatus::Doing, vec![]))];
        let topics = vec![
            Topic { title: "加装电梯".into(), demand_ids: vec![1], ..Topic::default() },
            Topic { title: "修路灯".into(), ..Topic::default() },
        ];
        assert!(candidates(&meeting(topics), &demands, &tasks, d("2026-11-29"), &Settings::default()).is_empty());
    }

    #[test]
    fn sources_parse_in_both_languages() {
        assert_eq!("demand:12".parse(), Ok(Source::Demand(12)));
        assert_eq!("诉求：12".parse(), Ok(Source::Demand(12)));
        assert_eq!("task:3".parse(), Ok(Source::Task(3)));
        assert!("visit:3".parse::<Source>().is_err());
        assert!("demand:x".parse::<Source>().is_err());
        assert_eq!(Source::Task(3).to_string(), "task:3");
    }
}
