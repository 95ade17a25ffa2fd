//! What is late: households not visited within the cycle, demands open past
//! their due days, tasks past their due date. `today` is always passed in.

use crate::model::enums::TaskStatus;
use crate::model::{Demand, Task};
use chrono::NaiveDate;

/// Days from `from` to `today`.
pub fn days_since(from: NaiveDate, today: NaiveDate) -> i64 {
    (today - from).num_days()
}

/// A household is overdue when more than `cycle_days` have passed since its last
/// visit, or since it was linked (`since`) when it was never visited.
pub fn household_overdue(last_visit: Option<NaiveDate>, since: NaiveDate, today: NaiveDate, cycle_days: u32) -> bool {
    days_since(last_visit.unwrap_or(since), today) > i64::from(cycle_days)
}

/// Still waiting for someone to act, more than `due_days` after it was raised.
pub fn demand_overdue(demand: &Demand, today: NaiveDate, due_days: u32) -> bool {
    demand.status.is_pending() && days_since(demand.raised_on, today) > i64::from(due_days)
}

/// Not done, and its due date has passed.
pub fn task_overdue(task: &Task, today: NaiveDate) -> bool {
    task.status != TaskStatus::Done && task.due.is_some_and(|due| today > due)
}

/// The latest visit date per household among `(household_id, date)` pairs.
pub fn last_visits(visits: impl IntoIterator<Item = (u64, NaiveDate)>) -> std::collections::HashMap<u64, NaiveDate> {
    let mut last = std::collections::HashMap::new();
    for (household, date) in visits {
        last.entry(household).and_modify(|d: &mut NaiveDate| *d = (*d).max(date)).or_insert(date);
    }
    last
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::enums::{DemandCategory, DemandStatus};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn demand(raised: &str, status: DemandStatus) -> Demand {
        Demand { household_id: Some(1), status, ..Demand::new(d(raised), DemandCategory::Other, "路灯不亮") }
    }

    #[test]
    fn household_is_overdue_the_day_after_the_cycle() {
        let today = d("2026-11-29");
        assert!(!household_overdue(Some(d("2026-08-31")), d("2020-01-01"), today, 90)); // 90 days
        assert!(household_overdue(Some(d("2026-08-30")), d("2020-01-01"), today, 90)); // 91 days
        assert!(!household_overdue(None, d("2026-11-01"), today, 90));
        assert!(household_overdue(None, d("2026-01-01"), today, 90));
    }

    #[test]
    fn demand_is_overdue_only_while_pending() {
        let today = d("2026-11-29");
        assert!(!demand_overdue(&demand("2026-10-30", DemandStatus::Open), today, 30)); // 30 days
        assert!(demand_overdue(&demand("2026-10-29", DemandStatus::Open), today, 30)); // 31 days
        assert!(demand_overdue(&demand("2026-10-29", DemandStatus::Escalated), today, 30));
        assert!(!demand_overdue(&demand("2026-01-01", DemandStatus::Resolved), today, 30));
    }

    #[test]
    fn task_is_overdue_after_its_due_day() {
        let mut task = Task {
            title: "修路灯".into(),
            detail: String::new(),
            meeting_id: None,
            demand_ids: vec![],
            owner_id: 1,
            due: Some(d("2026-11-29")),
            status: TaskStatus::Doing,
            progress: vec![],
            done_on: None,
        };
        assert!(!task_overdue(&task, d("2026-11-29")));
        assert!(task_overdue(&task, d("2026-11-30")));
        task.status = TaskStatus::Done;
        assert!(!task_overdue(&task, d("2026-11-30")));
    }

    #[test]
    fn last_visit_is_the_latest() {
        let last =
            last_visits([(1, d("2026-01-01")), (1, d("2026-03-01")), (2, d("2026-02-01")), (1, d("2026-02-01"))]);
        assert_eq!(last[&1], d("2026-03-01"));
        assert_eq!(last[&2], d("2026-02-01"));
    }
}
