//! The 述职 figures against a small street counted by hand (period 2026H1,
//! today 2026-11-29, so the window is 2026-01-01 to 2026-06-30).

use super::*;
use crate::i18n::Lang;
use crate::model::enums::{DemandCategory, MeetingKind, Role};
use crate::model::{AnyData, Evaluation, Meta};
use crate::review::duty_text::duty_text;

pub(crate) fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

pub(crate) fn rec(id: u64, data: AnyData) -> AnyRecord {
    let at = d("2025-12-01").and_hms_opt(9, 0, 0).unwrap().and_utc();
    AnyRecord { meta: Meta { id, rev: 1, created_at: at, updated_at: at, archived: false }, data }
}

fn archived(mut r: AnyRecord) -> AnyRecord {
    r.meta.archived = true;
    r
}

pub(crate) fn member(name: &str, role: Role) -> Member {
    Member {
        name: name.into(),
        phone: String::new(),
        role,
        unit_id: None,
        post: "党建委员".into(),
        duties: String::new(),
        line: "党建".into(),
        community_id: Some(1),
        contact_name: String::new(),
        contact_phone: String::new(),
        notes: String::new(),
    }
}

pub(crate) fn evaluation(member_id: u64, period: &str) -> Evaluation {
    Evaluation::blank(member_id, period.parse().unwrap())
}

fn household(member: u64) -> AnyData {
    AnyData::Household(Box::new(Household {
        community_id: 1,
        member_id: Some(member),
        head: "曾国藩".into(),
        address: String::new(),
        phone: String::new(),
        size: None,
        tags: vec![],
        notes: String::new(),
    }))
}

fn visit(date: &str, member: u64, kind: VisitKind, household: Option<u64>) -> AnyData {
    AnyData::Visit(Box::new(Visit {
        date: d(date),
        member_id: member,
        kind,
        household_id: household,
        unit_id: None,
        community_id: None,
        visitor: if household.is_none() { "李四".into() } else { String::new() },
        summary: "了解情况".into(),
        demand_id: None,
    }))
}

/// `closed`: (status, resolved_on, follow-up date and satisfaction).
fn demand(
    raised: &str,
    member: u64,
    status: DemandStatus,
    resolved: Option<&str>,
    follow: Option<(&str, Satisfaction)>,
) -> AnyData {
    AnyData::Demand(Box::new(Demand {
        household_id: Some(1),
        member_id: Some(member),
        status,
        resolution: if status.is_pending() { String::new() } else { "已处理".into() },
        resolved_on: resolved.map(d),
        follow_up_on: follow.map(|(date, _)| d(date)),
        satisfaction: follow.map(|(_, s)| s),
        ..Demand::new(d(raised), DemandCategory::Infrastructure, "路灯不亮")
    }))
}

fn meeting(date: &str, status: MeetingStatus, attendees: &[u64]) -> AnyData {
    AnyData::Meeting(Box::new(Meeting {
        attendee_ids: attendees.to_vec(),
        ..Meeting::new(d(date), MeetingKind::Regular, status)
    }))
}

fn task(owner: u64, due: Option<&str>, status: TaskStatus, done: Option<&str>) -> AnyData {
    AnyData::Task(Box::new(Task {
        title: "加装路灯".into(),
        detail: String::new(),
        meeting_id: None,
        demand_ids: vec![],
        owner_id: owner,
        due: due.map(d),
        status,
        progress: vec![],
        done_on: done.map(d),
    }))
}

fn street() -> Vec<AnyRecord> {
    use DemandStatus as S;
    use Satisfaction::*;
    use TaskStatus::*;
    use VisitKind::*;
    let mut r = vec![
        rec(1, AnyData::Member(Box::new(member("余伟军", Role::Leader)))),
        rec(2, AnyData::Member(Box::new(member("单雄信", Role::PartTime)))),
        rec(1, household(1)),
        rec(2, household(1)),
        rec(3, household(1)),
        rec(4, household(2)),
        archived(rec(5, household(1))),
    ];
    let visits = [
        visit("2026-02-10", 1, Home, Some(1)),
        visit("2026-05-20", 1, Home, Some(1)),
        visit("2026-06-15", 2, Home, Some(2)), // another member's visit keeps H2 within the cycle
        visit("2026-03-01", 1, Phone, Some(3)), // 121 days before 06-30: H3 overdue
        visit("2026-04-01", 1, Reception, None),
        visit("2026-08-01", 1, Home, Some(3)), // after the window
        visit("2025-12-20", 1, Home, Some(1)), // before it
    ];
    let demands = [
        demand("2025-12-10", 1, S::Resolved, Some("2026-01-15"), Some(("2026-01-20", Satisfied))),
        demand("2026-03-01", 1, S::Resolved, Some("2026-07-10"), Some(("2026-07-15", Basic))), // pending then
        demand("2026-04-01", 1, S::Unresolvable, Some("2026-04-20"), Some(("2026-04-25", Unsatisfied))),
        demand("2026-05-01", 1, S::Open, None, None),
        demand("2025-11-01", 1, S::Resolved, Some("2025-12-01"), None), // closed before the period
        demand("2026-07-01", 1, S::Open, None, None),                   // raised after it
        demand("2026-02-01", 2, S::Open, None, None),                   // someone else's
        demand("2026-02-01", 1, S::Resolved, Some("2026-06-01"), Some(("2026-06-05", Basic))),
    ];
    let meetings = [
        rec(1, meeting("2026-01-09", MeetingStatus::Held, &[1, 2])),
        rec(2, meeting("2026-04-03", MeetingStatus::Held, &[2])),
        rec(3, meeting("2026-07-03", MeetingStatus::Held, &[1])),
        rec(4, meeting("2026-06-05", MeetingStatus::Cancelled, &[1])),
        archived(rec(5, meeting("2026-05-10", MeetingStatus::Held, &[1]))),
    ];
    let tasks = [
        task(1, Some("2026-03-31"), Done, Some("2026-03-20")), // on time
        task(1, Some("2026-04-30"), Done, Some("2026-05-10")), // late
        task(1, None, Done, Some("2026-06-01")),               // on time: no due day
        task(1, Some("2026-05-31"), Doing, None),              // overdue
        task(1, Some("2026-06-15"), Done, Some("2026-07-05")), // overdue on 06-30, done after
        task(1, Some("2026-08-31"), Todo, None),
        task(2, Some("2026-01-31"), Todo, None),
        task(1, Some("2026-06-30"), Doing, None), // due on the last day: not yet overdue
    ];
    r.extend(visits.into_iter().enumerate().map(|(i, v)| rec(i as u64 + 1, v)));
    r.extend(demands.into_iter().enumerate().map(|(i, v)| rec(i as u64 + 1, v)));
    r.extend(meetings);
    r.extend(tasks.into_iter().enumerate().map(|(i, v)| rec(i as u64 + 1, v)));
    r
}

fn report() -> DutyReport {
    duty_report(&street(), &Settings::default(), 1, "2026H1".parse().unwrap(), d("2026-11-29")).unwrap()
}

#[test]
fn figures_match_the_hand_count() {
    let r = report();
    assert_eq!((r.from, r.as_of), (d("2026-01-01"), d("2026-06-30")));
    let h = HouseholdFigures { linked: 3, target: 10, visited: 2, within_cycle: 2, cycle_days: 90 };
    assert_eq!(r.households, h);
    assert_eq!(r.visits.total, 4);
    let by_kind: Vec<u32> = r.visits.by_kind.iter().map(|(_, n)| *n).collect();
    assert_eq!(by_kind, [2, 1, 1, 0, 0]); // home, reception, phone, unit, community
    assert_eq!(r.demands, DemandFigures { handled: 5, resolved: 2, unresolvable: 1, pending: 2 });
    assert_eq!(r.follow_ups, FollowUpFigures { total: 3, satisfied: 1, basic: 1, unsatisfied: 1 });
    assert_eq!(r.meetings, MeetingFigures { held: 2, attended: 1 });
    assert_eq!(r.tasks, TaskFigures { on_time: 2, late: 1, overdue: 2 });
}

#[test]
fn a_running_period_counts_up_to_today() {
    let r = duty_report(&street(), &Settings::default(), 1, "2026".parse().unwrap(), d("2026-11-29")).unwrap();
    assert_eq!(r.as_of, d("2026-11-29"));
    assert_eq!(r.meetings, MeetingFigures { held: 3, attended: 2 });
    assert_eq!(r.visits.total, 5);
}

#[test]
fn no_member_no_report() {
    assert!(duty_report(&street(), &Settings::default(), 9, "2026".parse().unwrap(), d("2026-11-29")).is_none());
}

#[test]
fn the_text_states_the_figures_in_both_languages() {
    let zh = duty_text(&report(), Lang::Zh);
    assert!(zh.starts_with("余伟军2026年上半年述职材料（统计 2026-01-01 至 2026-06-30）"), "{zh}");
    assert!(zh.contains("联系 3 户（应联系 10 户，差 7 户），本期走访到 2 户"), "{zh}");
    assert!(zh.contains("上门走访 2 次，来访接待 1 次，电话联系 1 次"), "{zh}");
    assert!(zh.contains("经手诉求 5 件：办结 2 件，无法解决 1 件，尚在办理 2 件"), "{zh}");
    assert!(zh.contains("按期完成 2 项，逾期完成 1 项，逾期未完成 2 项"), "{zh}");
    let en = duty_text(&report(), Lang::En);
    assert!(en.contains("3 linked (target 10, 7 short); 2 visited"), "{en}");
    assert!(en.contains("2 held, 1 attended"), "{en}");
}
