//! Roles: which account may make which request, and what personal data its
//! replies carry. Checked where every front end's request passes
//! (`ops::handle_as`), so it holds for the server and an embedded open alike.

mod common;

use common::*;
use silian::model::enums::{Satisfaction, VisitKind};
use silian::model::period::Period;
use silian::model::task::Progress;
use silian::model::{AnyData, AnyRecord, Kind, Settings};
use silian::ops::{self, Error, Request, Response};
use silian::store::bulk::ImportBatch;
use silian::store::{Context, Grant, Role, Store, StoreError};
use silian::workflow::demands::{DemandStep, FollowUp, Grouping};
use silian::workflow::meeting::NewTask;
use silian::workflow::Take;

fn as_(account: &str) -> Context {
    Context { account: account.into(), now: ctx().now }
}

fn grant(store: &Store, account: &str, role: Role, member_id: Option<u64>) {
    store.set_role(&ctx(), account, Some(Grant { role, member_id })).unwrap();
}

/// Two communities, each with a member, a household, a visit, a demand and a
/// task of that member; accounts for every role, the member account acting for member 1.
fn street() -> (tempfile::TempDir, Store) {
    let (dir, store) = temp_store();
    small_street(&store);
    add(&store, Kind::Community, &[("name", "幸福里社区")]);
    add(&store, Kind::Member, &[("name", "邓星"), ("role", "part_time"), ("community_id", "2")]);
    let phone = [("phone", "13900001111"), ("address", "和平路1号")];
    add(&store, Kind::Household, &[("community_id", "2"), ("member_id", "2"), ("head", "王芳"), phone[0], phone[1]]);
    for m in ["1", "2"] {
        add(
            &store,
            Kind::Visit,
            &[("date", "2026-11-20"), ("member_id", m), ("household_id", m), ("summary", "了解情况")],
        );
        let demand = [("raised_on", "2026-11-20"), ("member_id", m), ("household_id", m), ("category", "other")];
        add(&store, Kind::Demand, &[demand[0], demand[1], demand[2], demand[3], ("content", "楼道灯坏了")]);
        add(&store, Kind::Task, &[("title", "修灯"), ("owner_id", m)]);
    }
    let caller = [("raised_on", "2026-11-21"), ("member_id", "2"), ("visitor", "李先生 13712345678")];
    add(&store, Kind::Demand, &[caller[0], caller[1], caller[2], ("category", "other"), ("content", "夜间噪音")]);
    let walk_in = [("date", "2026-11-21"), ("member_id", "2"), ("visitor", "王阿姨 13812345678")];
    add(&store, Kind::Visit, &[walk_in[0], walk_in[1], walk_in[2], ("summary", "来访")]);
    add(&store, Kind::Meeting, &[("date", "2027-01-08"), ("quarter", "2027Q1"), ("kind", "regular")]);
    grant(&store, "ad", Role::Admin, None);
    grant(&store, "ed", Role::Editor, None);
    grant(&store, "vi", Role::Viewer, None);
    grant(&store, "me", Role::Member, Some(1));
    (dir, store)
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Need {
    Read,
    Write,
    Admin,
}

/// What each request needs, written out per variant: a new request kind
/// fails to compile here until someone decides who may make it.
fn need(request: &Request) -> Need {
    use Request::*;
    match request {
        Get(_) | List(_) | ListBy(_) | Search(_) | GetSettings(_) | Check(_) | Drafts(_) => Need::Read,
        PutDraft(_) | DeleteDraft(_) | Agenda(_) | TasksByOwner(_) | CountDemands(_) => Need::Read,
        EvaluationRoster(_) | DutyReport(_) | Newest(_) | RecordCounts(_) | WhoAmI(_) => Need::Read,
        Editing(_) | Page(_) | GetMany(_) | Remind(_) | Overdue(_) | StoredPage(_) => Need::Read,
        Create(_) | Update(_) | SetArchived(_) | LogReveal(_) | Delete(_) | Import(_) => Need::Write,
        PlanYear(_) | MoveMeeting(_) | TakeTopic(_) | Attendance(_) | RecordTopic(_) => Need::Write,
        DecisionToTask(_) | ReportProgress(_) | FinishTask(_) | StepDemand(_) => Need::Write,
        FollowUp(_) | EditChecked(_) | Evaluate(_) | MarkPublished(_) => Need::Write,
        ReopenDemand(_) | ReferDemand(_) | DepartmentReply(_) | MarkFedBack(_) => Need::Write,
        FeedbackOf(_) => Need::Read,
        Unpublish(_) => Need::Admin,
        SetSettings(_) | AuditLog(_) | Roles(_) | SetRole(_) | Backup(_) => Need::Admin,
    }
}

/// One request of every kind, aimed at member 1's records where it names one.
fn every_request(store: &Store) -> Vec<Request> {
    let day = today();
    let visit = store.get(Kind::Visit, 1).unwrap().unwrap();
    let period: Period = "2026".parse().unwrap();
    let schedule =
        silian::rules::calendar::quarterly_schedule(2027, &silian::rules::holidays::HolidayCalendar::builtin());
    let new_visit =
        build(Kind::Visit, &[("date", "2026-11-29"), ("member_id", "1"), ("household_id", "1"), ("summary", "再访")]);
    vec![
        Request::from(ops::records::Get { kind: Kind::Household, id: 1 }),
        Request::from(ops::records::List { kind: Kind::Household, include_archived: true }),
        Request::from(ops::records::ListBy {
            kind: Kind::Visit,
            value: silian::model::IndexValue::Ref(Kind::Member, 1),
            include_archived: true,
        }),
        Request::from(ops::records::Search { query: "zgf".into(), kind: None, include_archived: false, limit: 10 }),
        Request::from(ops::settings::GetSettings),
        Request::from(ops::maintenance::Check),
        Request::from(ops::drafts::Drafts),
        Request::from(ops::drafts::PutDraft { key: "form".into(), value: b"{}".to_vec() }),
        Request::from(ops::drafts::DeleteDraft { key: "form".into() }),
        Request::from(ops::meeting::Agenda { meeting_id: 1, today: day }),
        Request::from(ops::tasks::TasksByOwner { today: day, overdue_only: false }),
        Request::from(ops::remind::Remind {
            today: day,
            days: 7,
            scheduled: silian::rules::calendar::next_meeting(day, &silian::rules::holidays::HolidayCalendar::builtin()),
        }),
        Request::from(ops::remind::Overdue { today: day }),
        Request::from(ops::demands::CountDemands { by: Grouping::Category }),
        Request::from(ops::review::EvaluationRoster { period }),
        Request::from(ops::review::DutyReportOf { member_id: 1, period, today: day }),
        Request::from(ops::records::Newest { kind: Kind::Visit, n: 5 }),
        Request::from(ops::records::RecordCounts),
        Request::from(ops::accounts::WhoAmI),
        Request::from(ops::accounts::Editing { record: Some((Kind::Visit, 1)) }),
        Request::from(ops::records::Page { kind: Kind::Household, after: 0, limit: 10 }),
        Request::from(ops::records::GetMany { refs: vec![(Kind::Household, 1), (Kind::Household, 2)] }),
        Request::from(ops::records::StoredPage { kind: Kind::Household, after: 0, limit: 10 }),
        Request::from(ops::records::Create { data: new_visit.clone() }),
        Request::from(ops::records::Update { id: 1, data: visit.data.clone(), expected_rev: Some(visit.meta.rev) }),
        Request::from(ops::demands::EditChecked { id: 1, data: visit.data.clone(), expected_rev: None }),
        Request::from(ops::records::SetArchived { kind: Kind::Visit, id: 1, archived: false }),
        Request::from(ops::maintenance::LogReveal { kind: Kind::Household, ids: vec![1], note: "test".into() }),
        Request::from(ops::records::Delete { kind: Kind::Task, id: 1 }),
        Request::from(ops::import::Import {
            batch: ImportBatch { kind: Kind::Visit, creates: vec![new_visit], updates: vec![], source: "x.csv".into() },
        }),
        Request::from(ops::meeting::PlanYear { schedule }),
        Request::from(ops::meeting::MoveMeeting {
            id: 1,
            date: "2027-01-15".parse().unwrap(),
            reason: "会议室占用".into(),
        }),
        Request::from(ops::meeting::TakeTopic::one(1, Take::Demands(vec![1]))),
        Request::from(ops::meeting::Attendance { meeting_id: 1, member_ids: vec![1], present: Some(true) }),
        Request::from(ops::meeting::RecordTopic {
            meeting_id: 1,
            topic: 1,
            discussion: Some("讨论".into()),
            decision: None,
        }),
        Request::from(ops::meeting::DecisionToTask {
            meeting_id: 1,
            topic: 1,
            task: NewTask { owner_id: 1, due: None, title: None, demand_ids: None },
        }),
        Request::from(ops::tasks::ReportProgress {
            task_id: 2,
            progress: Progress { date: day, reporter: String::new(), note: "已联系".into() },
        }),
        Request::from(ops::tasks::FinishTask { task_id: 2, done_on: day }),
        Request::from(ops::demands::StepDemand { id: 1, step: DemandStep::Start }),
        Request::from(ops::demands::FollowUp {
            demand_id: 1,
            follow_up: FollowUp {
                on: day,
                satisfaction: Satisfaction::Satisfied,
                member_id: None,
                kind: VisitKind::Phone,
                summary: None,
            },
        }),
        Request::from(ops::demands::ReopenDemand { id: 1, on: day, reason: "不满意".into() }),
        Request::from(ops::demands::ReferDemand { id: 1, department: "区城管局".into(), on: day }),
        Request::from(ops::demands::DepartmentReply { id: 1, reply: "已处理".into() }),
        Request::from(ops::review::Evaluate { period, all_roles: false }),
        Request::from(ops::review::MarkPublished { period, on: day, publicity_from: day, publicity_to: day }),
        Request::from(ops::review::FeedbackOf { period, today: day }),
        Request::from(ops::review::MarkFedBack { period, to: ops::review::Recipient::City, on: day }),
        Request::from(ops::review::Unpublish { period, on: day, reason: "更正票数".into() }),
        Request::from(ops::settings::SetSettings { settings: Settings::default() }),
        Request::from(ops::maintenance::AuditLog { reveal: false }),
        Request::from(ops::maintenance::Backup { file: "b.jsonl".into() }),
        Request::from(ops::accounts::ListRoles),
        Request::from(ops::accounts::SetRole {
            account: "new".into(),
            grant: Some(Grant { role: Role::Viewer, member_id: None }),
        }),
    ]
}

fn refused(result: &Result<Response, Error>) -> bool {
    matches!(result, Err(Error::Store(StoreError::Forbidden { .. })))
}

#[test]
fn each_role_may_make_exactly_the_requests_it_is_granted() {
    for (account, allowed) in [
        ("ad", &[Need::Read, Need::Write, Need::Admin][..]),
        ("ed", &[Need::Read, Need::Write][..]),
        ("vi", &[Need::Read][..]),
    ] {
        let (_dir, store) = street();
        for request in every_request(&store) {
            let need = need(&request);
            let shown = format!("{request:?}");
            let result = ops::handle_as(&store, &as_(account), request);
            assert_eq!(refused(&result), !allowed.contains(&need), "{account} {need:?}: {shown}\n→ {result:?}");
        }
    }
}

#[test]
fn an_account_without_a_role_is_refused_everything_with_the_admins_named() {
    let (_dir, store) = street();
    for request in every_request(&store) {
        match ops::handle_as(&store, &as_("stranger"), request) {
            Err(e @ Error::Store(StoreError::UnknownAccount { .. })) => {
                let message = e.message(silian::i18n::Lang::Zh);
                assert!(message.contains("stranger") && message.contains("ad"), "{message}");
            }
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn a_member_writes_only_their_own_records() {
    let (_dir, store) = street();
    let me = as_("me");
    let own = build(
        Kind::Visit,
        &[("date", "2026-11-29"), ("member_id", "1"), ("household_id", "1"), ("summary", "本人走访")],
    );
    assert!(
        ops::handle_as(&store, &me, Request::from(ops::records::Create { data: own })).is_ok(),
        "a visit of their own"
    );
    let others =
        build(Kind::Visit, &[("date", "2026-11-29"), ("member_id", "2"), ("household_id", "2"), ("summary", "代记")]);
    assert!(
        refused(&ops::handle_as(&store, &me, Request::from(ops::records::Create { data: others }))),
        "a visit of another member"
    );
    let household = |id| store.get(Kind::Household, id).unwrap().unwrap();
    let mut mine = household(1);
    assert!(ops::handle_as(
        &store,
        &me,
        Request::from(ops::records::Update { id: 1, data: mine.data.clone(), expected_rev: None })
    )
    .is_ok());
    let theirs = household(2);
    assert!(refused(&ops::handle_as(
        &store,
        &me,
        Request::from(ops::records::Update { id: 2, data: theirs.data, expected_rev: None })
    )));
    // Nor can they move their own household out of their reach.
    let AnyData::Household(h) = &mut mine.data else { panic!() };
    (h.community_id, h.member_id) = (2, Some(2));
    assert!(refused(&ops::handle_as(
        &store,
        &me,
        Request::from(ops::records::Update { id: 1, data: mine.data, expected_rev: None })
    )));
    let progress = Progress { date: today(), reporter: String::new(), note: "已联系".into() };
    let report = |task_id| Request::from(ops::tasks::ReportProgress { task_id, progress: progress.clone() });
    assert!(ops::handle_as(&store, &me, report(1)).is_ok(), "task 1 is member 1's");
    assert!(refused(&ops::handle_as(&store, &me, report(2))), "task 2 is member 2's");
    assert!(refused(&ops::handle_as(
        &store,
        &me,
        Request::from(ops::demands::StepDemand { id: 2, step: DemandStep::Start })
    )));
    assert!(
        ops::handle_as(&store, &me, Request::from(ops::demands::StepDemand { id: 1, step: DemandStep::Start })).is_ok()
    );
    assert!(refused(&ops::handle_as(
        &store,
        &me,
        Request::from(ops::maintenance::LogReveal { kind: Kind::Household, ids: vec![2], note: String::new() })
    )));
}

fn household_phone(store: &Store, account: &str, id: u64) -> String {
    match ops::handle_as(store, &as_(account), Request::from(ops::records::Get { kind: Kind::Household, id })).unwrap()
    {
        Response::Get(rec) => match rec.data {
            AnyData::Household(h) => h.phone,
            _ => panic!(),
        },
        other => panic!("{other:?}"),
    }
}

fn listed(store: &Store, account: &str, kind: Kind) -> Vec<AnyRecord> {
    match ops::handle_as(store, &as_(account), Request::from(ops::records::List { kind, include_archived: true }))
        .unwrap()
    {
        Response::List(records) => records,
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_viewer_never_gets_personal_data_and_a_member_only_their_own() {
    let (_dir, store) = street();
    assert_eq!(household_phone(&store, "ed", 2), "13900001111", "an editor gets it, and the front end masks it");
    assert_eq!(household_phone(&store, "vi", 2), "139****1111");
    assert_eq!(household_phone(&store, "me", 1), "13812341234", "the member's own household");
    assert_eq!(household_phone(&store, "me", 2), "139****1111", "another member's household");
    for rec in listed(&store, "vi", Kind::Household) {
        let AnyData::Household(h) = rec.data else { panic!() };
        assert!(h.phone.contains("****") && h.address.ends_with("****"), "{h:?}");
    }
    let visitors = |account| -> Vec<String> {
        let visits = listed(&store, account, Kind::Visit).into_iter();
        visits
            .filter_map(|r| match r.data {
                AnyData::Visit(v) if !v.visitor.is_empty() => Some(v.visitor),
                _ => None,
            })
            .collect()
    };
    assert_eq!(visitors("vi"), ["王阿姨 138****5678"]);
    assert_eq!(visitors("me"), ["王阿姨 138****5678"], "member 2's walk-in visitor");
    assert_eq!(visitors("ed"), ["王阿姨 13812345678"]);
    assert!(refused(&ops::handle_as(
        &store,
        &as_("vi"),
        Request::from(ops::maintenance::LogReveal { kind: Kind::Household, ids: vec![1], note: String::new() })
    )));
}

/// Stored bytes cannot be masked: they go only to an account that sees
/// every record in full, and any other is told to ask for records instead.
#[test]
fn records_as_stored_are_given_only_to_an_account_that_sees_everything() {
    let (_dir, store) = street();
    for (account, given) in [("ad", true), ("ed", true), ("vi", false), ("me", false)] {
        for kind in [Kind::Household, Kind::Visit, Kind::Demand] {
            let asked = ops::records::StoredPage { kind, after: 0, limit: 100 };
            let stored = ops::ask_local(&store, &as_(account), asked).unwrap();
            assert_eq!(stored.is_some(), given, "{account}, {kind:?}");
            let Some(stored) = stored else { continue };
            let decoded: Vec<AnyRecord> = stored
                .iter()
                .map(|(_, bytes)| silian::store::codec::decode_any(kind, bytes.unwrap()).unwrap())
                .collect();
            assert_eq!(decoded, store.list(kind, true).unwrap(), "{account} is given every {kind:?} as stored");
        }
    }
}

#[test]
fn a_phone_number_shown_masked_cannot_be_found_by_searching_for_it() {
    let (_dir, store) = street();
    let found = |account, query: &str| match ops::handle_as(
        &store,
        &as_(account),
        Request::from(ops::records::Search { query: query.into(), kind: None, include_archived: true, limit: 10 }),
    )
    .unwrap()
    {
        Response::Search(hits) => hits.len(),
        other => panic!("{other:?}"),
    };
    // Lists show "李先生 137****5678" to everyone until revealed; a search that
    // matched the hidden digits would let them be guessed a few at a time.
    for account in ["ed", "vi", "me", "ad"] {
        assert_eq!(found(account, "13712345678"), 0, "{account}: the whole number");
        assert_eq!(found(account, "3712345"), 0, "{account}: the hidden digits");
    }
    assert_eq!(found("ed", "夜间噪音"), 1, "the demand itself is found by what it says");
}

#[test]
fn drafts_are_each_accounts_own() {
    let (_dir, store) = street();
    ops::handle_as(
        &store,
        &as_("ed"),
        Request::from(ops::drafts::PutDraft { key: "form".into(), value: b"ed typing".to_vec() }),
    )
    .unwrap();
    let drafts = |account| match ops::handle_as(&store, &as_(account), Request::from(ops::drafts::Drafts)).unwrap() {
        Response::Drafts(d) => d,
        other => panic!("{other:?}"),
    };
    assert_eq!(drafts("ed"), vec![("form".to_string(), b"ed typing".to_vec())]);
    assert!(drafts("vi").is_empty(), "another account does not get it offered");
}

#[test]
fn the_creator_is_the_first_admin_and_the_last_admin_stays() {
    let (_dir, store) = temp_store();
    let me = silian::os::current_account();
    let roles = store.roles().unwrap();
    assert_eq!(roles.get(&me).map(|g| g.role), Some(Role::Admin), "{roles:?}");
    let err = store.set_role(&as_(&me), &me, Some(Grant { role: Role::Viewer, member_id: None })).unwrap_err();
    assert!(matches!(err, StoreError::LastAdmin { .. }), "{err:?}");
    let err = store.set_role(&as_(&me), "x", Some(Grant { role: Role::Member, member_id: Some(99) })).unwrap_err();
    assert!(matches!(err, StoreError::NotFound { kind: Kind::Member, id: 99 }), "{err:?}");
    ops::handle_as(
        &store,
        &as_(&me),
        Request::from(ops::accounts::SetRole {
            account: "x".into(),
            grant: Some(Grant { role: Role::Editor, member_id: None }),
        }),
    )
    .unwrap();
    let entry = store.audit_log().unwrap().into_iter().last().unwrap();
    assert_eq!(
        (entry.account.as_str(), entry.note.as_str(), entry.changes[0].new.as_str()),
        (me.as_str(), "x", "editor")
    );
}

/// Every phone number of `street()`, in full.
const PHONES: [&str; 4] = ["13900001111", "13812341234", "13712345678", "13812345678"];

/// The full phone numbers found in any record the workbench holds.
fn phones_held(app: &silian::tui::app::App) -> Vec<String> {
    let mut found = Vec::new();
    for kind in Kind::ALL {
        for rec in app.data.records(kind).iter() {
            let text = serde_json::to_string(&*rec).unwrap();
            found.extend(PHONES.iter().filter(|p| text.contains(**p)).map(|p| format!("{kind:?} {}: {p}", rec.id())));
        }
    }
    found
}

fn workbench_as(store: &silian::net::Backend, account: &str, dir: &std::path::Path) -> silian::tui::app::App {
    let opts = silian::tui::Options {
        lang: silian::i18n::Lang::Zh,
        ascii: false,
        color: false,
        today: today(),
        account: account.into(),
    };
    let calendar = silian::rules::holidays::HolidayCalendar::builtin();
    silian::tui::start_state(store, calendar, &opts, dir).unwrap().0
}

#[test]
fn a_viewer_opening_the_workbench_on_the_store_itself_holds_no_phone_number_in_full() {
    let (dir, store) = street();
    let store = silian::net::Backend::Local(store);
    assert_eq!(phones_held(&workbench_as(&store, "vi", dir.path())), Vec::<String>::new());
    let calendar = silian::rules::holidays::HolidayCalendar::builtin();
    let preview = silian::tui::load_preview(&store, calendar, "vi").unwrap();
    let opts = silian::tui::Options {
        lang: silian::i18n::Lang::Zh,
        ascii: false,
        color: false,
        today: today(),
        account: "vi".into(),
    };
    let first_screen = silian::tui::start_state_with(preview, &store, &opts, dir.path()).unwrap().0;
    assert_eq!(phones_held(&first_screen), Vec::<String>::new(), "nor does its first screen");
    // The same store read by an editor holds them all: the check above looks where they are.
    assert_eq!(phones_held(&workbench_as(&store, "ed", dir.path())).len(), PHONES.len());
    // An account with no role reads nothing at all.
    let calendar = silian::rules::holidays::HolidayCalendar::builtin();
    assert!(silian::tui::load(&store, calendar, "stranger").is_err());
}

#[test]
fn the_roster_and_sessions_are_read_by_everyone_written_by_the_office_and_a_deputys_phone_kept_from_members() {
    let (_dir, store) = street();
    roster(&store);
    let phones = |account| -> Vec<String> {
        let deputies = listed(&store, account, Kind::Deputy).into_iter();
        deputies.filter_map(|r| if let AnyData::Deputy(d) = r.data { Some(d.phone) } else { None }).collect()
    };
    assert_eq!(phones("ed"), ["13922223333", "13644445555"]);
    assert_eq!(phones("vi"), ["139****3333", "136****5555"]);
    assert_eq!(phones("me"), ["139****3333", "136****5555"], "a member reads the roster, not the deputies' phones");
    assert_eq!(listed(&store, "me", Kind::Session).len(), 2, "a member sees the sessions they reported at");
    let deputy = build(Kind::Deputy, &[("name", "徐秀兰"), ("type", "party_congress"), ("level", "street")]);
    let create =
        |account| ops::handle_as(&store, &as_(account), Request::from(ops::records::Create { data: deputy.clone() }));
    assert!(refused(&create("me")), "the roster is the office's to keep");
    assert!(refused(&create("vi")));
    assert!(create("ed").is_ok());
    let session =
        build(Kind::Session, &[("period", "2026"), ("kind", "committee"), ("date", "2027-01-15"), ("member_ids", "1")]);
    let create =
        |account| ops::handle_as(&store, &as_(account), Request::from(ops::records::Create { data: session.clone() }));
    assert!(refused(&create("me")), "even a session the member reports at");
}
