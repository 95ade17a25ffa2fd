//! A meeting's candidate topics: the open demands grouped into hot issues
//! (see [`hot`]), and tasks past their due date.

pub mod hot;

pub use hot::HotIssue;

use crate::model::privacy::mask_numbers_in_text;
use crate::model::{Demand, Meeting, Settings, Task};
use crate::rules::overdue::{days_since, task_overdue};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::borrow::Borrow;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::str::FromStr;

/// What one topic is taken from: one or more demands (`demand:12`,
/// `demand:12+15+20`, a hot issue taken whole) or a task (`task:3`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Take {
    Demands(Vec<u64>),
    Task(u64),
}

impl fmt::Display for Take {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Take::Demands(ids) => {
                let ids: Vec<String> = ids.iter().map(u64::to_string).collect();
                write!(f, "demand:{}", ids.join("+"))
            }
            Take::Task(id) => write!(f, "task:{id}"),
        }
    }
}

impl FromStr for Take {
    type Err = ();

    /// `demand:12`, `demand:12+15`, `task:3`; the Chinese kind names and a
    /// fullwidth colon or plus are accepted too.
    fn from_str(s: &str) -> Result<Self, ()> {
        let (kind, ids) = s.split_once([':', '：']).ok_or(())?;
        let ids: Vec<u64> =
            ids.split(['+', '＋']).map(|id| id.trim().parse().map_err(|_| ())).collect::<Result<_, _>>()?;
        match (kind.trim(), ids.as_slice()) {
            ("demand" | "诉求", _) => Ok(Take::Demands(ids)),
            ("task" | "责任事项" | "事项", [id]) => Ok(Take::Task(*id)),
            _ => Err(()),
        }
    }
}

/// A task past its due date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LateTask {
    pub task_id: u64,
    pub title: String,
    pub owner_id: u64,
    pub days_late: i64,
}

/// What a meeting could discuss: hot issues ranked, then late tasks.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Candidates {
    pub issues: Vec<HotIssue>,
    pub tasks: Vec<LateTask>,
}

impl Candidates {
    pub fn is_empty(&self) -> bool {
        self.issues.is_empty() && self.tasks.is_empty()
    }

    pub fn len(&self) -> usize {
        self.issues.len() + self.tasks.len()
    }
}

/// A topic's title from a demand's content: its start, phone and ID numbers masked.
pub fn topic_title(content: &str) -> String {
    mask_numbers_in_text(content.trim()).chars().take(40).collect()
}

/// What a meeting could discuss on `today`, leaving out what is already among
/// its topics: every open demand, grouped into hot issues, and overdue tasks.
/// `household_community` gives each household's community. The demands and
/// tasks may be borrowed: the workbench's copy of a large street's open
/// demands was its peak of memory (4.8 MB at the demo's 9,000, issue 22).
pub fn candidates<D: Borrow<Demand>, T: Borrow<Task>>(
    meeting: &Meeting,
    demands: &[(u64, D)],
    tasks: &[(u64, T)],
    household_community: &HashMap<u64, u64>,
    today: NaiveDate,
    settings: &Settings,
) -> Candidates {
    let taken: HashSet<u64> = meeting.topics.iter().flat_map(|t| t.demand_ids.iter().copied()).collect();
    let titles: Vec<&str> = meeting.topics.iter().map(|t| t.title.as_str()).collect();
    let mut late_tasks: Vec<(u64, &Task)> = tasks
        .iter()
        .map(|(id, t)| (*id, t.borrow()))
        .filter(|(_, t)| task_overdue(t, today) && !titles.contains(&t.title.as_str()))
        .collect();
    late_tasks.sort_by_key(|(id, t)| (t.due, *id));
    // A demand behind an overdue task comes up with that task.
    let behind_tasks: HashSet<u64> = late_tasks.iter().flat_map(|(_, t)| t.demand_ids.iter().copied()).collect();
    let open: Vec<(u64, &Demand)> = demands
        .iter()
        .map(|(id, d)| (*id, d.borrow()))
        .filter(|(id, d)| hot::is_open(d) && !taken.contains(id) && !behind_tasks.contains(id))
        .collect();
    let issues = hot::hot_issues(&open, household_community, today, settings);
    let tasks = late_tasks
        .into_iter()
        .map(|(id, t)| LateTask {
            task_id: id,
            title: t.title.clone(),
            owner_id: t.owner_id,
            days_late: t.due.map_or(0, |due| days_since(due, today)),
        })
        .collect();
    Candidates { issues, tasks }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::enums::{DemandCategory, DemandStatus, MeetingKind, MeetingStatus, TaskStatus};
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
        Meeting { topics, ..Meeting::new(d("2027-01-08"), MeetingKind::Regular, MeetingStatus::Planned) }
    }

    fn households() -> HashMap<u64, u64> {
        HashMap::from([(1, 1)])
    }

    #[test]
    fn open_demands_as_issues_then_overdue_tasks() {
        let today = d("2026-11-29");
        let demands = vec![
            (1, demand("2026-11-20", DemandStatus::Escalated, "加装电梯")),
            (2, demand("2026-10-29", DemandStatus::Open, "路灯不亮")), // 31 days
            (3, demand("2026-11-27", DemandStatus::Open, "垃圾清运")),
            (4, demand("2026-01-01", DemandStatus::Resolved, "早已办结")),
            (5, demand("2026-09-01", DemandStatus::InProgress, "停车难")),
            (6, demand("2026-09-01", DemandStatus::InProgress, "随事项上会")),
            (7, demand("2026-10-29", DemandStatus::Open, "小区路灯不亮了")),
        ];
        let tasks = vec![
            (1, task("修路灯", "2026-11-28", TaskStatus::Doing, vec![6])),
            (2, task("今天到期", "2026-11-29", TaskStatus::Todo, vec![])),
            (3, task("已完成", "2026-01-01", TaskStatus::Done, vec![])),
        ];
        let got = candidates(&meeting(vec![]), &demands, &tasks, &households(), today, &Settings::default());
        let ids: Vec<Vec<u64>> = got.issues.iter().map(|i| i.demand_ids.clone()).collect();
        // One household raised each: ranked by the oldest wait.
        assert_eq!(ids, [vec![5], vec![2, 7], vec![1], vec![3]]);
        assert!(got.issues[1].overdue && !got.issues[1].escalated);
        assert!(got.issues[2].escalated && !got.issues[2].overdue);
        assert_eq!(got.issues[1].community_id, Some(1), "the household's community");
        assert_eq!(got.tasks, [LateTask { task_id: 1, title: "修路灯".into(), owner_id: 3, days_late: 1 }]);
    }

    #[test]
    fn what_is_already_a_topic_is_left_out() {
        let demands = vec![(1, demand("2026-11-20", DemandStatus::Escalated, "加装电梯"))];
        let tasks = vec![(1, task("修路灯", "2026-11-01", TaskStatus::Doing, vec![]))];
        let topics = vec![
            Topic { title: "加装电梯".into(), demand_ids: vec![1], ..Topic::default() },
            Topic { title: "修路灯".into(), ..Topic::default() },
        ];
        assert!(candidates(&meeting(topics), &demands, &tasks, &households(), d("2026-11-29"), &Settings::default())
            .is_empty());
    }

    #[test]
    fn takes_parse_in_both_languages() {
        assert_eq!("demand:12".parse(), Ok(Take::Demands(vec![12])));
        assert_eq!("诉求：12＋13".parse(), Ok(Take::Demands(vec![12, 13])));
        assert_eq!("demand:12+15+20".parse(), Ok(Take::Demands(vec![12, 15, 20])));
        assert_eq!("task:3".parse(), Ok(Take::Task(3)));
        assert!("task:3+4".parse::<Take>().is_err());
        assert!("visit:3".parse::<Take>().is_err());
        assert!("demand:x".parse::<Take>().is_err());
        assert!("demand:1+".parse::<Take>().is_err());
        assert_eq!(Take::Task(3).to_string(), "task:3");
        assert_eq!(Take::Demands(vec![12, 15]).to_string(), "demand:12+15");
    }

    #[test]
    fn a_title_masks_phone_numbers_and_is_short() {
        assert_eq!(topic_title(" 请回电13812345678 "), "请回电138****5678");
        assert_eq!(topic_title(&"长".repeat(50)).chars().count(), 40);
    }
}
