//! The meeting cycle through the store's requests: plan, agenda, meeting,
//! decision → task → demands, progress, finishing, demand lifecycle, follow-up.

mod common;

use common::*;
use silian::i18n::Lang;
use silian::model::enums::{DemandStatus, MeetingStatus, Satisfaction, TaskStatus, VisitKind};
use silian::model::task::Progress;
use silian::model::{AnyData, AnyRecord, Demand, Kind, Meeting, Task, Visit};
use silian::ops::{self, Error};
use silian::rules::calendar::quarterly_schedule;
use silian::rules::holidays::HolidayCalendar;
use silian::store::{Store, StoreError};
use silian::workflow::demands::{DemandStep, FollowUp, GroupKey, Grouping};
use silian::workflow::meeting::NewTask;
use silian::workflow::{HotIssue, LateTask, Take, WorkflowError};

fn d(s: &str) -> chrono::NaiveDate {
    s.parse().unwrap()
}

fn meeting(store: &Store, id: u64) -> Meeting {
    match store.get(Kind::Meeting, id).unwrap().unwrap().data {
        AnyData::Meeting(m) => *m,
        other => panic!("{other:?}"),
    }
}

fn demand(store: &Store, id: u64) -> Demand {
    match store.get(Kind::Demand, id).unwrap().unwrap().data {
        AnyData::Demand(x) => *x,
        other => panic!("{other:?}"),
    }
}

fn task(store: &Store, id: u64) -> Task {
    match store.get(Kind::Task, id).unwrap().unwrap().data {
        AnyData::Task(t) => *t,
        other => panic!("{other:?}"),
    }
}

fn plan(store: &Store, year: i32) -> (Vec<AnyRecord>, Vec<AnyRecord>) {
    let schedule = quarterly_schedule(year, &HolidayCalendar::builtin());
    let p = ask(store, ops::meeting::PlanYear { schedule }).unwrap();
    (p.created, p.existing)
}

fn take(meeting_id: u64, take: Take) -> ops::meeting::TakeTopic {
    ops::meeting::TakeTopic::one(meeting_id, take)
}

fn refusal<T: std::fmt::Debug>(r: Result<T, Error>) -> WorkflowError {
    match r {
        Err(Error::Refused(e)) => e,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn planning_a_year_twice_creates_its_four_meetings_once() {
    let (_dir, store) = temp_store();
    let (created, existing) = plan(&store, 2025);
    assert_eq!((created.len(), existing.len()), (4, 0));
    let dates: Vec<_> = (1..=4).map(|id| meeting(&store, id).date.to_string()).collect();
    // Q1 2025-01-03 is a working Friday; Q4's first Friday (10-03) is National Day.
    assert_eq!(dates[0], "2025-01-03");
    assert_eq!(dates[3], "2025-10-10");
    let q4 = meeting(&store, 4);
    assert_eq!(q4.status, MeetingStatus::Planned);
    assert!(q4.minutes.contains("2025-10-03"), "{}", q4.minutes);
    let (created, existing) = plan(&store, 2025);
    assert_eq!((created.len(), existing.len()), (0, 4));
    assert_eq!(store.list(Kind::Meeting, false).unwrap().len(), 4);
}

#[test]
fn planning_skips_quarters_that_have_a_regular_meeting() {
    let (_dir, store) = temp_store();
    sample_street(&store); // a held regular meeting in 2026Q4
    let (created, existing) = plan(&store, 2026);
    assert_eq!((created.len(), existing.len()), (3, 1));
    assert_eq!(existing[0].id(), 1);
}

#[test]
fn a_planned_meeting_moves_with_its_reason_and_a_held_one_does_not() {
    let (_dir, store) = temp_store();
    sample_street(&store);
    plan(&store, 2027);
    let id = 2; // 2027Q1
    let req = ops::meeting::MoveMeeting { id, date: d("2027-01-15"), reason: "书记外出学习".into() };
    ask(&store, req).unwrap();
    let m = meeting(&store, id);
    assert_eq!(m.date, d("2027-01-15"));
    assert!(m.minutes.contains("→ 2027-01-15，原因：书记外出学习"), "{}", m.minutes);
    let empty = ops::meeting::MoveMeeting { id, date: d("2027-01-22"), reason: " ".into() };
    assert_eq!(refusal(ask(&store, empty)), WorkflowError::ReasonRequired(silian::workflow::ReasonFor::Move));
    let held = ops::meeting::MoveMeeting { id: 1, date: d("2026-10-16"), reason: "x".into() };
    assert!(refusal(ask(&store, held)).message(Lang::Zh).contains("只有“计划”中的会议才能改期"));
}

#[test]
fn the_agenda_holds_overdue_demands_and_tasks_not_yet_topics() {
    let (_dir, store) = temp_store();
    sample_street(&store);
    let items = ask(&store, ops::meeting::Agenda { meeting_id: 1, today: today() }).unwrap();
    // Demand 1 is escalated but already the meeting's topic (and behind overdue task 1); 3 is resolved.
    let ids: Vec<&[u64]> = items.issues.iter().map(|i| i.demand_ids.as_slice()).collect();
    assert_eq!(ids, [[2]]);
    let HotIssue { households, members, waited_days, overdue, escalated, .. } = items.issues[0];
    assert_eq!((households, members, waited_days, overdue, escalated), (1, 1, 89, true, false));
    assert_eq!(items.tasks, [LateTask { task_id: 1, title: "更换楼道灯".into(), owner_id: 1, days_late: 14 }]);
}

#[test]
fn taking_a_demand_links_it_both_ways_and_only_once() {
    let (_dir, store) = temp_store();
    sample_street(&store);
    plan(&store, 2027);
    ask(&store, take(2, Take::Demands(vec![2]))).unwrap();
    ask(&store, take(2, Take::Task(1))).unwrap();
    let m = meeting(&store, 2);
    assert_eq!(m.topics[0].title, "申请助餐服务");
    assert_eq!(m.topics[0].demand_ids, [2]);
    assert_eq!(m.topics[1].title, "更换楼道灯");
    assert_eq!(m.topics[1].demand_ids, [1]);
    assert_eq!(demand(&store, 2).meeting_id, Some(2));
    assert_eq!(demand(&store, 2).status, DemandStatus::Escalated, "open → escalated to the meeting");
    let again = refusal(ask(&store, take(2, Take::Demands(vec![2]))));
    assert!(matches!(again, WorkflowError::AlreadyTaken { .. }));
    let items = ask(&store, ops::meeting::Agenda { meeting_id: 2, today: today() }).unwrap();
    assert!(items.is_empty(), "{items:?}");
}

/// E-bikes charging in stairwells, raised three ways in 长安社区 (two
/// households and a visitor) and once in 新安社区; a lamp in 长安社区.
fn e_bike_complaints(store: &Store) -> [u64; 5] {
    let raise = |target: (&str, &str), raised: &str, content: &str, status: &str| {
        #[rustfmt::skip]
        let fields = [target, ("raised_on", raised), ("member_id", "1"), ("category", "safety"),
            ("content", content), ("status", status)];
        add(store, Kind::Demand, &fields)
    };
    [
        raise(("household_id", "1"), "2026-11-02", "电动车在楼道充电，担心起火，希望建集中充电桩。", "open"),
        raise(("household_id", "3"), "2026-10-20", "楼道里电动车充电到半夜，存在火灾隐患", "in_progress"),
        raise(("community_id", "1"), "2026-11-10", "电动自行车楼道内充电问题突出，建议安装充电桩", "open"),
        raise(("household_id", "2"), "2026-11-05", "电动车在楼道充电，担心起火，希望建集中充电桩。", "open"),
        raise(("household_id", "1"), "2026-11-06", "楼下饭店晚上营业噪音太大，吵得睡不着", "open"),
    ]
}

#[test]
fn the_agenda_groups_one_communitys_repeated_complaint_and_ranks_it_first() {
    let (_dir, store) = temp_store();
    sample_street(&store);
    plan(&store, 2027);
    let [a, b, c, other_community, noise] = e_bike_complaints(&store);
    let items = ask(&store, ops::meeting::Agenda { meeting_id: 2, today: today() }).unwrap();
    let hot = &items.issues[0];
    assert_eq!(hot.demand_ids, [b, a, c], "oldest first");
    assert_eq!((hot.households, hot.other_targets, hot.members, hot.waited_days), (2, 1, 1, 40));
    assert_eq!(hot.title, "楼道里电动车充电到半夜，存在火灾隐患");
    assert_eq!(hot.community_id, Some(1));
    for alone in [other_community, noise, 2] {
        assert!(items.issues.iter().any(|i| i.demand_ids == [alone]), "{alone} on its own: {items:?}");
    }
}

#[test]
fn a_hot_issue_taken_whole_is_one_topic_and_every_demand_points_back() {
    let (_dir, store) = temp_store();
    sample_street(&store);
    plan(&store, 2027);
    let [a, b, c, ..] = e_bike_complaints(&store);
    let recs = ask(&store, take(2, Take::Demands(vec![b, a, c]))).unwrap();
    assert_eq!(recs.len(), 4, "the meeting, then its three demands");
    let m = meeting(&store, 2);
    assert_eq!(m.topics.len(), 1);
    assert_eq!(m.topics[0].demand_ids, [b, a, c]);
    assert_eq!(m.topics[0].title, "楼道里电动车充电到半夜，存在火灾隐患");
    for id in [a, b, c] {
        let dm = demand(&store, id);
        assert_eq!((dm.meeting_id, dm.status), (Some(2), DemandStatus::Escalated), "demand {id}");
    }
    let items = ask(&store, ops::meeting::Agenda { meeting_id: 2, today: today() }).unwrap();
    assert!(items.issues.iter().all(|i| !i.demand_ids.contains(&a)), "taken issues leave the agenda");
    assert!(store.check().unwrap().is_empty());
}

#[test]
fn several_takes_where_one_collides_change_nothing() {
    let (_dir, store) = temp_store();
    sample_street(&store);
    plan(&store, 2027);
    let [a, _, _, other_community, noise] = e_bike_complaints(&store);
    ask(&store, take(2, Take::Demands(vec![2]))).unwrap();
    let before = (meeting(&store, 2), demand(&store, noise), demand(&store, a));
    let audit_before = store.audit_log().unwrap().len();
    let unchanged = |store: &Store| {
        assert_eq!((meeting(store, 2), demand(store, noise), demand(store, a)), before);
        assert_eq!(store.audit_log().unwrap().len(), audit_before, "nothing written");
    };
    // The second is already a topic of the meeting.
    let req =
        ops::meeting::TakeTopic { meeting_id: 2, takes: vec![Take::Demands(vec![noise]), Take::Demands(vec![2])] };
    let err = refusal(ask(&store, req));
    assert_eq!(
        err,
        WorkflowError::AlreadyTaken { meeting_id: 2, title: "申请助餐服务".into(), take: "demand:2".into() }
    );
    unchanged(&store);
    // Two demands of one text in two communities would be two topics of one title.
    let takes = vec![Take::Demands(vec![noise]), Take::Demands(vec![a]), Take::Demands(vec![other_community])];
    let err = refusal(ask(&store, ops::meeting::TakeTopic { meeting_id: 2, takes }));
    let en = err.message(Lang::En);
    assert!(en.starts_with(&format!("demand:{a} and demand:{other_community} would both be the topic")), "{en}");
    assert!(en.contains(&format!("--take demand:{a}+{other_community}")), "{en}");
    unchanged(&store);
    // A closed demand cannot be taken to a meeting, nor anything with it.
    let takes = vec![Take::Demands(vec![noise, 3])];
    let err = refusal(ask(&store, ops::meeting::TakeTopic { meeting_id: 2, takes }));
    assert_eq!(err, WorkflowError::Transition { id: 3, from: DemandStatus::Resolved, to: DemandStatus::Escalated });
    unchanged(&store);
}

#[test]
fn attendance_is_set_unset_and_toggled() {
    let (_dir, store) = temp_store();
    sample_street(&store);
    plan(&store, 2027);
    let set = |ids: Vec<u64>, present| {
        ask(&store, ops::meeting::Attendance { meeting_id: 2, member_ids: ids, present }).unwrap();
        meeting(&store, 2).attendee_ids
    };
    assert_eq!(set(vec![1, 2], Some(true)), [1, 2]);
    assert_eq!(set(vec![1, 2], Some(true)), [1, 2]);
    assert_eq!(set(vec![2, 3], None), [1, 3]);
    assert_eq!(set(vec![1], Some(false)), [3]);
    let unknown = ask(&store, ops::meeting::Attendance { meeting_id: 2, member_ids: vec![9], present: Some(true) });
    assert!(matches!(unknown, Err(Error::Store(StoreError::Invalid(_)))));
}

/// Meeting 2 (2027Q1) with demand 2 as its first topic, decided.
fn decided(store: &Store) {
    plan(store, 2027);
    ask(store, take(2, Take::Demands(vec![2]))).unwrap();
    let req = ops::meeting::RecordTopic {
        meeting_id: 2,
        topic: 1,
        discussion: Some("社区食堂可承接".into()),
        decision: Some("由蒋娜牵头对接社区食堂".into()),
    };
    ask(store, req).unwrap();
}

fn new_task() -> NewTask {
    NewTask { owner_id: 3, due: Some(d("2027-02-28")), title: None, demand_ids: None }
}

#[test]
fn a_decision_becomes_a_task_and_its_demands_move_in_one_step() {
    let (_dir, store) = temp_store();
    sample_street(&store);
    decided(&store);
    let recs = ask(&store, ops::meeting::DecisionToTask { meeting_id: 2, topic: 1, task: new_task() }).unwrap();
    let task_id = recs[0].id();
    assert_eq!(task_id, 3);
    let t = task(&store, task_id);
    assert_eq!((t.title.as_str(), t.detail.as_str()), ("申请助餐服务", "由蒋娜牵头对接社区食堂"));
    assert_eq!((t.owner_id, t.meeting_id, t.demand_ids.clone()), (3, Some(2), vec![2]));
    let dm = demand(&store, 2);
    assert_eq!((dm.status, dm.task_id, dm.meeting_id), (DemandStatus::InProgress, Some(3), Some(2)));
    assert!(store.check().unwrap().is_empty());
    let audit = store.audit_log().unwrap();
    assert!(audit.iter().any(|e| e.kind == Some(Kind::Task) && e.id == 3));
}

#[test]
fn a_task_is_not_created_when_a_linked_demand_cannot_move() {
    let (_dir, store) = temp_store();
    sample_street(&store);
    decided(&store);
    let audit_before = store.audit_log().unwrap().len();
    // Demand 3 is resolved: it cannot go back to in progress, so nothing is written.
    let task = NewTask { demand_ids: Some(vec![2, 3]), ..new_task() };
    let err = refusal(ask(&store, ops::meeting::DecisionToTask { meeting_id: 2, topic: 1, task }));
    assert_eq!(err, WorkflowError::Transition { id: 3, from: DemandStatus::Resolved, to: DemandStatus::InProgress });
    assert_eq!(store.list(Kind::Task, false).unwrap().len(), 2);
    assert_eq!(demand(&store, 2).status, DemandStatus::Escalated, "as the take left it");
    assert_eq!(store.audit_log().unwrap().len(), audit_before, "nothing audited either");
    // Nor when the owner does not exist, nor without a decision.
    let bad_owner = NewTask { owner_id: 99, ..new_task() };
    assert!(matches!(
        ask(&store, ops::meeting::DecisionToTask { meeting_id: 2, topic: 1, task: bad_owner }),
        Err(Error::Store(StoreError::Invalid(_)))
    ));
    assert_eq!(demand(&store, 2).task_id, None);
    let no_topic = refusal(ask(&store, ops::meeting::DecisionToTask { meeting_id: 2, topic: 2, task: new_task() }));
    assert_eq!(no_topic, WorkflowError::NoTopic { meeting_id: 2, number: 2, count: 1 });
    ask(&store, take(2, Take::Task(1))).unwrap();
    let undecided = refusal(ask(&store, ops::meeting::DecisionToTask { meeting_id: 2, topic: 2, task: new_task() }));
    assert_eq!(undecided, WorkflowError::NoDecision { number: 2 });
    // The refused steps took no id: the next task is 3.
    let recs = ask(&store, ops::meeting::DecisionToTask { meeting_id: 2, topic: 1, task: new_task() }).unwrap();
    assert_eq!(recs[0].id(), 3);
}

#[test]
fn progress_is_appended_and_finishing_names_the_unresolved_demands() {
    let (_dir, store) = temp_store();
    sample_street(&store);
    let progress = Progress { date: d("2026-11-28"), reporter: "王芳".into(), note: "物业已采购灯具".into() };
    ask(&store, ops::tasks::ReportProgress { task_id: 1, progress }).unwrap();
    assert_eq!(task(&store, 1).progress.len(), 2);
    let first = Progress { date: d("2026-11-28"), reporter: "王芳".into(), note: "已联系".into() };
    ask(&store, ops::tasks::ReportProgress { task_id: 2, progress: first }).unwrap();
    assert_eq!(task(&store, 2).status, TaskStatus::Doing, "a report starts a task");
    let f = ask(&store, ops::tasks::FinishTask { task_id: 1, done_on: today() }).unwrap();
    assert_eq!(f.unresolved.iter().map(AnyRecord::id).collect::<Vec<_>>(), [1]);
    let t = task(&store, 1);
    assert_eq!((t.status, t.done_on), (TaskStatus::Done, Some(today())));
    let again = refusal(ask(&store, ops::tasks::FinishTask { task_id: 1, done_on: today() }));
    assert_eq!(again, WorkflowError::TaskDone { id: 1, on: today() });
}

#[test]
fn overdue_tasks_are_grouped_by_owner_at_their_boundary() {
    let (_dir, store) = temp_store();
    sample_street(&store);
    add(&store, Kind::Task, &[("title", "今天到期"), ("owner_id", "1"), ("due", "2026-11-29")]);
    add(&store, Kind::Task, &[("title", "昨天到期"), ("owner_id", "3"), ("due", "2026-11-28")]);
    let groups = |day: &str| {
        let g = ask(&store, ops::tasks::TasksByOwner { today: d(day), overdue_only: true }).unwrap();
        g.iter().map(|o| (o.owner_id, o.tasks.iter().map(AnyRecord::id).collect::<Vec<_>>())).collect::<Vec<_>>()
    };
    assert_eq!(groups("2026-11-29"), [(1, vec![1]), (3, vec![4])]);
    assert_eq!(groups("2026-11-30"), [(1, vec![1, 3]), (3, vec![4])]);
    assert_eq!(groups("2026-11-15"), []);
    assert_eq!(groups("2026-11-16"), [(1, vec![1])]);
    let all = ask(&store, ops::tasks::TasksByOwner { today: today(), overdue_only: false }).unwrap();
    let owners: Vec<(u64, usize)> = all.iter().map(|o| (o.owner_id, o.tasks.len())).collect();
    assert_eq!(owners, [(1, 2), (3, 2)], "every unfinished task, per owner");
}

fn step(store: &Store, id: u64, step: DemandStep) -> Result<AnyRecord, Error> {
    ask(store, ops::demands::StepDemand { id, step })
}

fn resolve() -> DemandStep {
    DemandStep::Resolve { resolution: "已安排助餐".into(), on: d("2026-11-28") }
}

#[test]
fn demand_steps_follow_the_lifecycle() {
    let (_dir, store) = temp_store();
    sample_street(&store);
    // 2 is open: it cannot be resolved straight away.
    let err = refusal(step(&store, 2, resolve()));
    assert!(err.message(Lang::En).contains("it may become: In progress (in_progress), Escalated (escalated)"));
    step(&store, 2, DemandStep::Escalate).unwrap();
    step(&store, 2, DemandStep::Start).unwrap();
    step(&store, 2, resolve()).unwrap();
    let dm = demand(&store, 2);
    assert_eq!(
        (dm.status, dm.resolved_on, dm.resolution.as_str()),
        (DemandStatus::Resolved, Some(d("2026-11-28")), "已安排助餐")
    );
    let closed = refusal(step(&store, 2, DemandStep::Start));
    assert!(closed.message(Lang::Zh).contains("此状态之后不能再变更"));
    // 1 is escalated: unresolvable needs a reason.
    let blank = step(&store, 1, DemandStep::Unresolvable { reason: " ".into(), on: None });
    assert!(matches!(blank, Err(Error::Store(StoreError::Invalid(_)))), "{blank:?}");
    step(&store, 1, DemandStep::Unresolvable { reason: "产权不明".into(), on: None }).unwrap();
    assert_eq!(demand(&store, 1).status, DemandStatus::Unresolvable);
}

#[test]
fn a_plain_edit_obeys_the_lifecycle_too() {
    let (_dir, store) = temp_store();
    sample_street(&store);
    let old = store.get(Kind::Demand, 2).unwrap().unwrap();
    let edit = |fields: &[(&str, &str)]| {
        let pairs: Vec<(String, String)> = fields.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        old.data.edit(&pairs, today()).unwrap()
    };
    let resolved = edit(&[("status", "resolved"), ("resolution", "已办"), ("resolved_on", "2026-11-28")]);
    let err = refusal(ask(&store, ops::demands::EditChecked { id: 2, data: resolved.clone(), expected_rev: None }));
    assert_eq!(err, WorkflowError::Transition { id: 2, from: DemandStatus::Open, to: DemandStatus::Resolved });
    ask(
        &store,
        ops::demands::EditChecked {
            id: 2, data: edit(&[("content", "申请助餐服务（老人）")]), expected_rev: None
        },
    )
    .unwrap();
    // The workbench's undo restores an older version through the unchecked update.
    ask(&store, ops::records::Update { id: 2, data: resolved, expected_rev: None }).unwrap();
}

fn follow_up(satisfaction: Satisfaction) -> FollowUp {
    FollowUp { on: d("2026-11-29"), satisfaction, member_id: None, kind: VisitKind::Phone, summary: None }
}

#[test]
fn a_follow_up_is_a_visit_linked_to_its_closed_demand() {
    let (_dir, store) = temp_store();
    sample_street(&store);
    let pending = ask(&store, ops::demands::FollowUp { demand_id: 2, follow_up: follow_up(Satisfaction::Satisfied) });
    assert!(
        matches!(pending, Err(Error::Store(StoreError::Invalid(_)))),
        "an open demand has no follow-up: {pending:?}"
    );
    assert_eq!(store.list(Kind::Visit, false).unwrap().len(), 5, "nothing written");
    step(&store, 2, DemandStep::Start).unwrap();
    step(&store, 2, resolve()).unwrap();
    let recs = ask(&store, ops::demands::FollowUp { demand_id: 2, follow_up: follow_up(Satisfaction::Basic) }).unwrap();
    let AnyData::Visit(v) = &recs[0].data else { panic!() };
    let expected = Visit {
        date: d("2026-11-29"),
        member_id: 1,
        kind: VisitKind::Phone,
        household_id: Some(3),
        unit_id: None,
        community_id: None,
        visitor: String::new(),
        summary: "回访：基本满意".into(),
        demand_id: Some(2),
    };
    assert_eq!(**v, expected);
    let dm = demand(&store, 2);
    assert_eq!((dm.follow_up_on, dm.satisfaction), (Some(d("2026-11-29")), Some(Satisfaction::Basic)));
    let twice =
        refusal(ask(&store, ops::demands::FollowUp { demand_id: 2, follow_up: follow_up(Satisfaction::Satisfied) }));
    assert_eq!(twice, WorkflowError::FollowedUp { id: 2, on: d("2026-11-29") });
}

#[test]
fn an_unsatisfied_follow_up_reopens_the_demand_and_its_history_keeps_each_round() {
    let (_dir, store) = temp_store();
    sample_street(&store);
    let reopen =
        |on: &str| ops::demands::ReopenDemand { id: 2, on: d(on), reason: "老人说送餐时间不合适".into() };
    // Not closed yet: nothing to reopen, and nothing written.
    let early = refusal(ask(&store, reopen("2026-11-29")));
    assert!(matches!(early, WorkflowError::NotReopenable { id: 2, .. }), "{early:?}");
    step(&store, 2, DemandStep::Start).unwrap();
    step(&store, 2, resolve()).unwrap();
    ask(&store, ops::demands::FollowUp { demand_id: 2, follow_up: follow_up(Satisfaction::Unsatisfied) }).unwrap();
    let rec = ask(&store, reopen("2026-11-29")).unwrap();
    let said = ops::Operation::outcome(&reopen("2026-11-29"), &rec, &|_, id| id.to_string(), Lang::Zh);
    assert_eq!(said, "诉求 2 已重办（第 2 轮），状态改为“办理中”");
    let dm = demand(&store, 2);
    assert_eq!(dm.status, DemandStatus::InProgress);
    assert_eq!((dm.resolved_on, dm.follow_up_on, dm.satisfaction), (None, None, None));
    assert_eq!(dm.rounds.len(), 1);
    assert_eq!(dm.rounds[0].resolution, "已安排助餐");
    assert_eq!(dm.rounds[0].satisfaction, Some(Satisfaction::Unsatisfied));
    // The second round closes and is followed up as satisfied: no third round.
    step(&store, 2, DemandStep::Resolve { resolution: "改为午间送餐".into(), on: d("2026-11-29") }).unwrap();
    ask(&store, ops::demands::FollowUp { demand_id: 2, follow_up: follow_up(Satisfaction::Satisfied) }).unwrap();
    let satisfied = refusal(ask(&store, reopen("2026-11-29")));
    assert!(satisfied.message(Lang::Zh).contains("只有“不满意”才能重办"), "{}", satisfied.message(Lang::Zh));
    let history = silian::io::export::records::entries_text(
        "rounds",
        &serde_json::to_value(&demand(&store, 2).rounds).unwrap(),
        Lang::Zh,
    );
    assert_eq!(history, "2026-11-29 重办：老人说送餐时间不合适（上轮：已安排助餐）");
}

#[test]
fn a_referred_demand_is_worked_on_and_takes_its_department_reply() {
    let (_dir, store) = temp_store();
    sample_street(&store);
    let reply = || ops::demands::DepartmentReply { id: 2, reply: "已纳入区助餐点".into() };
    assert_eq!(refusal(ask(&store, reply())), WorkflowError::NotReferred { id: 2 });
    let refer = ops::demands::ReferDemand { id: 2, department: "区民政局".into(), on: d("2026-11-20") };
    ask(&store, refer).unwrap();
    ask(&store, reply()).unwrap();
    let dm = demand(&store, 2);
    assert_eq!(dm.status, DemandStatus::InProgress, "an open demand referred is being worked on");
    assert_eq!((dm.referred_to.as_str(), dm.referred_on), ("区民政局", Some(d("2026-11-20"))));
    assert_eq!(dm.department_reply, "已纳入区助餐点");
    step(&store, 2, resolve()).unwrap();
    let closed = ops::demands::ReferDemand { id: 2, department: "区城管局".into(), on: d("2026-11-29") };
    assert!(matches!(refusal(ask(&store, closed)), WorkflowError::ReferClosed { id: 2, .. }));
}

#[test]
fn demands_are_counted_by_category_status_community_and_member() {
    let (_dir, store) = temp_store();
    sample_street(&store);
    let counts = |by| ask(&store, ops::demands::CountDemands { by }).unwrap();
    assert_eq!(counts(Grouping::Status).len(), 3);
    assert_eq!(counts(Grouping::Member), [(GroupKey::Member(Some(1)), 2), (GroupKey::Member(Some(2)), 1)]);
    // Demands of households count to the household's community; demand 3 is a unit's.
    assert_eq!(counts(Grouping::Community), [(GroupKey::Community(None), 1), (GroupKey::Community(Some(1)), 2)]);
    let total: usize = counts(Grouping::Category).iter().map(|(_, n)| n).sum();
    assert_eq!(total, 3);
}
