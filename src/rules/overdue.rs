//! What is late: households not visited within the cycle, demands open past
//! their due days, tasks past their due date. `today` is always passed in.

use crate::model::enums::TaskStatus;
use crate::model::{Demand, Settings, Task};
use chrono::{Days, NaiveDate};

/// Days from `from` to `today`.
pub fn days_since(from: NaiveDate, today: NaiveDate) -> i64 {
    (today - from).num_days()
}

/// `from` plus `days`, the last representable date when that is past the calendar's end.
pub fn days_after(from: NaiveDate, days: u32) -> NaiveDate {
    from.checked_add_days(Days::new(u64::from(days))).unwrap_or(NaiveDate::MAX)
}

/// The last day of a household's visit cycle: `cycle_days` after its last
/// visit, or after it was linked (`since`) when it was never visited.
pub fn household_due_on(last_visit: Option<NaiveDate>, since: NaiveDate, cycle_days: u32) -> NaiveDate {
    days_after(last_visit.unwrap_or(since), cycle_days)
}

/// A household is overdue when more than `cycle_days` have passed since its last
/// visit, or since it was linked (`since`) when it was never visited.
pub fn household_overdue(last_visit: Option<NaiveDate>, since: NaiveDate, today: NaiveDate, cycle_days: u32) -> bool {
    today > household_due_on(last_visit, since, cycle_days)
}

/// The last day a demand may stay open: the one place its limit is computed.
/// The days are its category's (`demand_due_days_by_category`, else
/// `demand_due_days`), counted from when its current round began: a demand
/// reopened (重办) gets a fresh limit from the reopening.
pub fn demand_due_on(demand: &Demand, settings: &Settings) -> NaiveDate {
    days_after(demand.round_began(), settings.demand_due_days_for(demand.category))
}

/// Still waiting for someone to act, past its limit (see [`demand_due_on`]).
pub fn demand_overdue(demand: &Demand, today: NaiveDate, settings: &Settings) -> bool {
    demand.status.is_pending() && today > demand_due_on(demand, settings)
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
        let (today, s) = (d("2026-11-29"), Settings::default());
        assert!(!demand_overdue(&demand("2026-10-30", DemandStatus::Open), today, &s)); // 30 days
        assert!(demand_overdue(&demand("2026-10-29", DemandStatus::Open), today, &s)); // 31 days
        assert!(demand_overdue(&demand("2026-10-29", DemandStatus::Escalated), today, &s));
        assert!(!demand_overdue(&demand("2026-01-01", DemandStatus::Resolved), today, &s));
    }

    #[test]
    fn a_demands_limit_is_its_due_days_after_it_was_raised() {
        let s = Settings { demand_due_days: 10, ..Settings::default() };
        assert_eq!(demand_due_on(&demand("2026-11-25", DemandStatus::Open), &s), d("2026-12-05"));
        assert_eq!(household_due_on(None, d("2026-11-01"), 90), d("2027-01-30"));
        assert_eq!(days_after(NaiveDate::MAX, 1), NaiveDate::MAX);
    }

    #[test]
    fn a_limit_follows_the_category_and_runs_from_a_reopening() {
        let mut s = Settings::default();
        s.set("demand_due_days_by_category", "other=7").unwrap();
        let mut demand = demand("2026-11-01", DemandStatus::InProgress);
        assert_eq!(demand_due_on(&demand, &s), d("2026-11-08"), "an 'other' demand: 7 days");
        demand.category = crate::model::enums::DemandCategory::Welfare;
        assert_eq!(demand_due_on(&demand, &s), d("2026-12-01"), "the rest: demand_due_days, 30");
        demand.rounds.push(crate::model::demand::Round {
            date: d("2026-11-20"),
            reason: "不满意".into(),
            ..Default::default()
        });
        assert_eq!(demand_due_on(&demand, &s), d("2026-12-20"), "from the reopening");
        assert!(!demand_overdue(&demand, d("2026-12-05"), &s));
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
