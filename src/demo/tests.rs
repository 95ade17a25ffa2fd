use super::*;
use crate::model::enums::{DemandStatus, Grade, MeetingKind, MeetingStatus, TaskStatus};
use crate::model::RecordData;
use crate::rules::compliance::{four_links, HouseholdLink};
use crate::rules::grade::grade_from_sets;
use crate::rules::overdue::{demand_overdue, household_overdue, last_visits, task_overdue};
use std::fmt::Debug;

fn day(s: &str) -> NaiveDate {
    s.parse().expect("test date")
}

/// The brief's day; one early in a year (evaluations half done, history
/// reaching into a year the holiday table does not cover); a meeting day.
const DAYS: [&str; 3] = ["2026-11-29", "2025-02-01", "2025-10-10"];

fn each_case(check: impl Fn(&DemoData, NaiveDate)) {
    for today in DAYS.map(day) {
        for (scale, seed) in [(1, 7), (1, 8), (3, 7)] {
            check(&generate(scale, today, seed), today);
        }
    }
}

fn all_valid<T: RecordData>(records: &[T]) {
    for (i, r) in records.iter().enumerate() {
        if let Err(e) = r.validate() {
            panic!("{:?} #{} is invalid: {e:?}\n{r:?}", T::KIND, id(i));
        }
    }
}

#[test]
fn every_record_validates() {
    each_case(|d, _| {
        all_valid(&d.communities);
        all_valid(&d.units);
        all_valid(&d.members);
        all_valid(&d.households);
        all_valid(&d.visits);
        all_valid(&d.demands);
        all_valid(&d.meetings);
        all_valid(&d.tasks);
        all_valid(&d.evaluations);
        all_valid(&d.deputies);
        all_valid(&d.sessions);
    });
}

fn exists<T>(id: u64, records: &[T]) -> bool {
    id >= 1 && index(id) < records.len()
}

fn all_exist<T: Debug>(what: &str, ids: impl IntoIterator<Item = u64>, records: &[T]) {
    for id in ids {
        assert!(exists(id, records), "{what} {id} does not exist (of {})", records.len());
    }
}

#[test]
fn every_reference_points_to_a_record() {
    each_case(|d, _| {
        all_exist("member unit", d.members.iter().filter_map(|m| m.unit_id), &d.units);
        all_exist("member community", d.members.iter().filter_map(|m| m.community_id), &d.communities);
        all_exist("household community", d.households.iter().map(|h| h.community_id), &d.communities);
        all_exist("household member", d.households.iter().filter_map(|h| h.member_id), &d.members);
        for v in &d.visits {
            all_exist("visit member", [v.member_id], &d.members);
            all_exist("visit target", v.household_id, &d.households);
            all_exist("visit target", v.unit_id, &d.units);
            all_exist("visit target", v.community_id, &d.communities);
            all_exist("visit demand", v.demand_id, &d.demands);
        }
        for x in &d.demands {
            all_exist("demand visit", x.visit_id, &d.visits);
            all_exist("demand target", x.household_id, &d.households);
            all_exist("demand target", x.unit_id, &d.units);
            all_exist("demand target", x.community_id, &d.communities);
            all_exist("demand member", x.member_id, &d.members);
            all_exist("demand meeting", x.meeting_id, &d.meetings);
            all_exist("demand task", x.task_id, &d.tasks);
        }
        for m in &d.meetings {
            all_exist("meeting chair", m.chair_id, &d.members);
            all_exist("attendee", m.attendee_ids.iter().copied(), &d.members);
            all_exist("topic demand", m.topics.iter().flat_map(|t| t.demand_ids.iter().copied()), &d.demands);
        }
        for t in &d.tasks {
            all_exist("task owner", [t.owner_id], &d.members);
            all_exist("task meeting", t.meeting_id, &d.meetings);
            all_exist("task demand", t.demand_ids.iter().copied(), &d.demands);
        }
        all_exist("evaluated member", d.evaluations.iter().map(|e| e.member_id), &d.members);
        all_exist("deputy community", d.deputies.iter().filter_map(|x| x.community_id), &d.communities);
        for s in &d.sessions {
            all_exist("session member", s.member_ids.iter().chain(&s.attendee_ids).copied(), &d.members);
            all_exist("session deputy", s.deputy_ids.iter().copied(), &d.deputies);
        }
    });
}

#[test]
fn linked_records_agree_with_each_other() {
    each_case(|d, _| {
        for (i, x) in d.demands.iter().enumerate() {
            assert_eq!(x.target().refs().count() + usize::from(!x.visitor.is_empty()), 1);
            if let Some(v) = x.visit_id.map(|v| &d.visits[index(v)]) {
                assert_eq!((x.target(), x.raised_on), (v.target(), v.date), "demand {}", id(i));
            }
            if let Some(m) = x.meeting_id.map(|m| &d.meetings[index(m)]) {
                assert!(m.topics.iter().any(|t| t.demand_ids.contains(&id(i))), "demand {}", id(i));
            }
            if let Some(t) = x.task_id.map(|t| &d.tasks[index(t)]) {
                assert!(t.demand_ids.contains(&id(i)) && t.meeting_id == x.meeting_id, "demand {}", id(i));
            }
        }
        for v in d.visits.iter().filter(|v| v.demand_id.is_some()) {
            let x = &d.demands[index(v.demand_id.unwrap_or_default())];
            assert_eq!((v.target(), Some(v.date)), (x.target(), x.follow_up_on));
        }
        for h in d.households.iter().filter(|h| h.member_id.is_some()) {
            let member = &d.members[index(h.member_id.unwrap_or_default())];
            assert_eq!(member.community_id, Some(h.community_id), "{h:?}");
        }
    });
}

#[test]
fn nothing_is_dated_after_today_but_plans_and_due_dates() {
    each_case(|d, today| {
        let mut days: Vec<NaiveDate> = d.visits.iter().map(|v| v.date).collect();
        for x in &d.demands {
            days.extend([Some(x.raised_on), x.resolved_on, x.follow_up_on].into_iter().flatten());
        }
        days.extend(d.meetings.iter().filter(|m| m.status != MeetingStatus::Planned).map(|m| m.date));
        for t in &d.tasks {
            days.extend(t.progress.iter().map(|p| p.date).chain(t.done_on));
        }
        days.extend(d.sessions.iter().map(|s| s.date));
        for e in &d.evaluations {
            let steps = [e.committee_report_on, e.deputies_report_on, e.published_on];
            days.extend(steps.into_iter().chain([e.fed_back_city_on, e.fed_back_district_on]).flatten());
        }
        assert!(days.iter().all(|&x| x <= today), "{:?}", days.iter().max());
        assert!(days.iter().all(|&x| x >= add_days(today, -HISTORY_DAYS - 2)));
        let planned: Vec<_> = d.meetings.iter().filter(|m| m.status == MeetingStatus::Planned).collect();
        assert!(planned.len() == 1 && planned[0].date > today);
    });
}

#[test]
fn the_same_inputs_give_the_same_street() {
    let today = day(DAYS[0]);
    assert_eq!(generate(2, today, 42), generate(2, today, 42));
    assert_ne!(generate(1, today, 42).visits, generate(1, today, 43).visits);
}

#[test]
fn ids_follow_the_calendar() {
    each_case(|d, _| {
        assert!(d.visits.windows(2).all(|w| w[0].date <= w[1].date));
        assert!(d.demands.windows(2).all(|w| w[0].raised_on <= w[1].raised_on));
        assert!(d.meetings.windows(2).all(|w| w[0].date <= w[1].date));
    });
}

#[test]
fn scale_one_is_a_street_of_the_stated_size() {
    let today = day(DAYS[0]);
    let d = generate(1, today, 7);
    let counts = [d.communities.len(), d.units.len(), d.members.len(), d.households.len()];
    assert_eq!(counts, [6, 40, 24, 240]);
    assert_eq!(d.settings_street_name, "滨江街道");
    assert_eq!(generate(3, today, 7).households.len(), 720);
    assert_eq!(generate(0, today, 7), d);
}

#[test]
fn a_tenth_of_linked_households_is_overdue() {
    each_case(|d, today| {
        let last = last_visits(d.visits.iter().filter_map(|v| Some((v.household_id?, v.date))));
        let since = add_days(today, -HISTORY_DAYS);
        let linked: Vec<u64> =
            (0..d.households.len()).filter(|&h| d.households[h].member_id.is_some()).map(id).collect();
        let overdue = linked.iter().filter(|h| household_overdue(last.get(h).copied(), since, today, 90)).count();
        let share = overdue as f64 / linked.len() as f64;
        assert!((0.09..=0.11).contains(&share), "{overdue} of {}", linked.len());
    });
}

#[test]
fn the_dashboard_has_something_to_show() {
    each_case(|d, today| {
        let members: Vec<(u64, &Member)> = d.members.iter().enumerate().map(|(i, m)| (id(i), m)).collect();
        let households: Vec<HouseholdLink> = d.households.iter().map(HouseholdLink::from).collect();
        let short = four_links(&members, &households, 10).iter().filter(|s| s.is_short()).count();
        assert_eq!(short, 3);
        assert!(d.demands.iter().any(|x| demand_overdue(x, today, &crate::model::Settings::default())));
        assert!(d.tasks.iter().any(|t| task_overdue(t, today)));
        for status in DemandStatus::ALL {
            assert!(d.demands.iter().any(|x| x.status == *status), "no {status:?} demand");
        }
        assert!(d.demands.iter().any(|x| x.status == DemandStatus::InProgress && x.task_id.is_some()));
        assert!(d.tasks.iter().any(|t| t.status == TaskStatus::Done));
        let extra = d.meetings.iter().filter(|m| m.kind == MeetingKind::Extra).count();
        assert!((1..=2).contains(&extra));
    });
}

#[test]
fn every_grade_occurs_and_follows_the_votes() {
    each_case(|d, _| {
        for grade in Grade::ALL {
            assert!(d.evaluations.iter().any(|e| e.grade == Some(*grade)), "no {grade:?}");
        }
        for e in &d.evaluations {
            let from_votes = grade_from_sets(&e.vote_sets, &Default::default(), &Default::default());
            assert_eq!(e.grade, from_votes);
        }
        let part_time = d.members.iter().filter(|m| m.role == crate::model::enums::Role::PartTime).count();
        assert_eq!(d.evaluations.len(), 2 * part_time, "the part-time members, each year");
    });
}

#[test]
fn the_roster_has_every_type_and_level_and_each_year_two_sessions_of_the_part_time_members() {
    use crate::model::enums::{DeputyLevel, DeputyType, Role, SessionKind};
    each_case(|d, today| {
        assert_eq!(d.deputies.len(), 12);
        assert!(DeputyType::ALL.iter().all(|t| d.deputies.iter().any(|x| x.deputy_type == *t)));
        assert!(DeputyLevel::ALL.iter().all(|l| d.deputies.iter().any(|x| x.level == *l)));
        let reported = |e: &Evaluation, kind| match kind {
            SessionKind::Committee => e.committee_report_on.is_some(),
            SessionKind::Deputies => e.deputies_report_on.is_some(),
        };
        for e in d.evaluations.iter().filter(|e| d.members[index(e.member_id)].role == Role::PartTime) {
            for kind in SessionKind::ALL {
                let held =
                    d.sessions.iter().filter(|s| s.period == e.period && s.kind == *kind && s.reported(e.member_id));
                assert_eq!(held.count(), usize::from(reported(e, *kind)), "{today}: {e:?} {kind:?}");
            }
        }
        for s in &d.sessions {
            assert!(s.member_ids.iter().all(|m| d.members[index(*m)].role == Role::PartTime));
            assert_eq!(s.kind == SessionKind::Deputies, !s.deputy_ids.is_empty(), "{s:?}");
        }
    });
    // The day the brief names: both sessions of 2024 and of 2025 held.
    assert_eq!(generate(1, day(DAYS[0]), 7).sessions.len(), 4);
}

/// `cargo test --release demo::tests::scale_40 -- --ignored --nocapture`
#[test]
#[ignore = "timing; run in release"]
fn scale_40_timing() {
    let start = std::time::Instant::now();
    let d = generate(40, day(DAYS[0]), 1);
    let took = start.elapsed();
    println!(
        "scale 40 in {took:?}: {} communities, {} units, {} members, {} households, {} visits, {} demands, {} meetings, {} tasks, {} evaluations",
        d.communities.len(),
        d.units.len(),
        d.members.len(),
        d.households.len(),
        d.visits.len(),
        d.demands.len(),
        d.meetings.len(),
        d.tasks.len(),
        d.evaluations.len()
    );
    if !cfg!(debug_assertions) {
        assert!(took.as_secs_f64() < 2.0);
    }
    all_valid(&d.visits);
    all_valid(&d.demands);
    all_valid(&d.meetings);
    all_valid(&d.tasks);
}

#[test]
fn the_demos_distinct_demand_texts_of_a_category_are_never_one_hot_issue() {
    use crate::workflow::agenda::hot::{bigrams, similar};
    let seeds: Vec<_> = [texts::RESIDENT_DEMANDS, texts::COMMUNITY_DEMANDS, texts::UNIT_DEMANDS].concat();
    for (i, a) in seeds.iter().enumerate() {
        for b in &seeds[i + 1..] {
            let same = a.category == b.category && similar(&bigrams(a.content), &bigrams(b.content));
            assert!(!same, "{} ~ {}", a.content, b.content);
        }
    }
}

#[test]
fn every_meeting_is_on_a_working_day_of_the_calendar() {
    let cal = crate::rules::holidays::HolidayCalendar::builtin();
    each_case(|d, today| {
        for m in &d.meetings {
            assert!(cal.is_working_day(m.date) && cal.holiday_on(m.date).is_none(), "{today}: {m:?}");
        }
    });
    // 2027 has no notice: its provisional 元旦 moves the planned meeting off 01-01.
    let planned = |d: &DemoData| d.meetings.iter().find(|m| m.status == MeetingStatus::Planned).map(|m| m.date);
    assert_eq!(planned(&generate(1, day("2026-12-03"), 7)), Some(day("2027-01-08")));
    // The clerk's own holidays are the demo's too.
    let notice =
        "[[year]]\nyear = 2027\n[[year.holiday]]\nname = \"元旦\"\nstart = \"2027-01-01\"\nend = \"2027-01-08\"\n";
    let cal = cal.with_user_file(notice).expect("valid");
    assert_eq!(planned(&generate_with(1, day("2026-12-03"), 7, &cal)), Some(day("2027-01-15")));
}

#[test]
fn an_evaluations_reports_are_dated_by_the_sessions_its_member_reported_at() {
    each_case(|d, _| {
        for e in &d.evaluations {
            for s in d.sessions.iter().filter(|s| s.period == e.period && s.member_ids.contains(&e.member_id)) {
                let dated = match s.kind {
                    crate::model::enums::SessionKind::Committee => e.committee_report_on,
                    crate::model::enums::SessionKind::Deputies => e.deputies_report_on,
                };
                assert_eq!(dated, Some(s.date), "{e:?} {s:?}");
            }
        }
    });
}
