//! Reminders on a small street, today 2026-11-29, settings at their defaults
//! (visits every 90 days, demands within 30, contacts report every 30).

use super::*;
use crate::model::{Kind, Meta};
use crate::rules::calendar::next_meeting;
use crate::rules::holidays::HolidayCalendar;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn today() -> NaiveDate {
    d("2026-11-29")
}

/// A record created on `created` from fields as the command line takes them.
fn rec(id: u64, kind: Kind, created: &str, fields: &[(&str, &str)]) -> AnyRecord {
    let pairs: Vec<(String, String)> = fields.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    let data = AnyData::build(kind, &pairs, today()).unwrap_or_else(|e| panic!("{}", e.message(crate::i18n::Lang::En)));
    let at = d(created).and_hms_opt(9, 0, 0).unwrap().and_utc();
    AnyRecord { meta: Meta { id, rev: 1, created_at: at, updated_at: at, archived: false }, data }
}

/// Member 1 余伟军 (contact 王芳) and 2 单雄信; a household of each; a
/// task of member 1 due in 3 days, one in 10; a demand of member 2 raised 25
/// days ago; household 1 last visited 85 days ago.
fn street() -> Vec<AnyRecord> {
    vec![
        rec(1, Kind::Member, "2026-01-05", &[("name", "余伟军"), ("role", "leader"), ("contact_name", "王芳")]),
        rec(2, Kind::Member, "2026-01-05", &[("name", "单雄信"), ("role", "part_time")]),
        rec(1, Kind::Household, "2026-01-05", &[("community_id", "1"), ("member_id", "1"), ("head", "曾国藩")]),
        rec(2, Kind::Household, "2026-11-01", &[("community_id", "1"), ("member_id", "2"), ("head", "区志坚")]),
        rec(1, Kind::Task, "2026-11-10", &[("title", "更换楼道灯"), ("owner_id", "1"), ("due", "2026-12-02")]),
        rec(2, Kind::Task, "2026-11-10", &[("title", "助餐服务对接"), ("owner_id", "1"), ("due", "2026-12-09")]),
        rec(
            1,
            Kind::Demand,
            "2026-11-04",
            &[
                ("raised_on", "2026-11-04"),
                ("household_id", "1"),
                ("member_id", "2"),
                ("category", "other"),
                ("content", "路灯不亮"),
            ],
        ),
    ]
}

fn visits() -> HashMap<u64, NaiveDate> {
    HashMap::from([(1, d("2026-09-05"))])
}

fn due(records: &[AnyRecord], days: u32) -> Vec<DueItem> {
    let last = visits();
    let src = Sources::new(records, &last);
    let scheduled = next_meeting(today(), &HolidayCalendar::builtin());
    due_within(&src, &Settings::default(), &scheduled, today(), days)
}

fn kinds(items: &[DueItem]) -> Vec<(DueKind, Option<u64>, i64)> {
    items.iter().map(|i| (i.kind, i.id, i.days_left)).collect()
}

#[test]
fn within_seven_days_come_the_task_the_demand_and_the_household_soonest_first_kind_by_kind() {
    let items = due(&street(), 7);
    assert_eq!(
        kinds(&items),
        vec![(DueKind::Task, Some(1), 3), (DueKind::Demand, Some(1), 5), (DueKind::Household, Some(1), 5)]
    );
    let task = &items[0];
    assert_eq!((task.label.as_str(), task.member.as_str(), task.due), ("更换楼道灯", "余伟军", d("2026-12-02")));
    assert_eq!(items[1].member_id, Some(2));
}

#[test]
fn a_longer_look_finds_the_later_task_the_contacts_report_and_the_calendars_meeting() {
    let items = due(&street(), 40);
    let found = kinds(&items);
    assert!(found.contains(&(DueKind::Task, Some(2), 10)), "{found:?}");
    // Nothing reported since the tasks were created on 11-10: due 30 days later.
    let report = items.iter().find(|i| i.kind == DueKind::ContactReport).unwrap();
    assert_eq!((report.label.as_str(), report.member.as_str(), report.due), ("王芳", "余伟军", d("2026-12-10")));
    // No meeting planned: the calendar's next date, marked as no record.
    let meeting = items.iter().find(|i| i.kind == DueKind::Meeting).unwrap();
    assert_eq!((meeting.id, meeting.label.as_str(), meeting.notice_recorded), (None, "2027Q1", None));
    assert!(items.windows(2).all(|w| w[0].due <= w[1].due));
}

#[test]
fn zero_days_is_today_only() {
    let mut records = street();
    records.push(rec(3, Kind::Task, "2026-11-10", &[("title", "今日事"), ("owner_id", "2"), ("due", "2026-11-29")]));
    assert_eq!(kinds(&due(&records, 0)), vec![(DueKind::Task, Some(3), 0)]);
    assert!(due(&street(), 0).is_empty());
}

#[test]
fn a_planned_meeting_comes_before_the_calendars_date() {
    let mut records = street();
    records.push(rec(
        4,
        Kind::Meeting,
        "2026-11-01",
        &[("date", "2026-12-04"), ("kind", "extra"), ("chair_id", "1"), ("location", "三楼"), ("status", "planned")],
    ));
    let meeting = due(&records, 7).into_iter().find(|i| i.kind == DueKind::Meeting).unwrap();
    assert_eq!((meeting.id, meeting.label.as_str(), meeting.member.as_str()), (Some(4), "2026Q4 三楼", "余伟军"));
    assert_eq!(meeting.days_left, 5);
}

#[test]
fn a_report_by_the_contact_restarts_the_cycle_and_a_report_by_another_does_not() {
    let mut records = street();
    let progress =
        |reporter: &str, date: &str| format!(r#"[{{"date":"{date}","reporter":"{reporter}","note":"进展"}}]"#);
    let report_due =
        |records: &[AnyRecord]| due(records, 366).into_iter().find(|i| i.kind == DueKind::ContactReport).map(|i| i.due);
    let other = progress("李四", "2026-11-20");
    records.push(rec(
        5,
        Kind::Task,
        "2026-03-01",
        &[("title", "旧事"), ("owner_id", "1"), ("status", "done"), ("done_on", "2026-04-01"), ("progress", &other)],
    ));
    assert_eq!(report_due(&records), Some(d("2026-12-10")));
    let own = progress("王芳", "2026-11-20");
    records.push(rec(
        6,
        Kind::Task,
        "2026-03-01",
        &[("title", "旧事二"), ("owner_id", "1"), ("status", "done"), ("done_on", "2026-11-25"), ("progress", &own)],
    ));
    assert_eq!(report_due(&records), Some(d("2026-12-20")));
    // Nothing unfinished: nothing to report on.
    records.retain(|r| !(r.kind() == Kind::Task && [1, 2].contains(&r.id())));
    assert_eq!(report_due(&records), None);
}

#[test]
fn a_task_from_a_meeting_was_given_on_the_meetings_day() {
    let mut records = street();
    records.push(rec(7, Kind::Meeting, "2026-11-28", &[("date", "2026-10-09"), ("status", "held")]));
    records.push(rec(
        3,
        Kind::Task,
        "2026-11-28",
        &[("title", "导入的事项"), ("owner_id", "2"), ("meeting_id", "7"), ("due", "2027-03-01")],
    ));
    let last = visits();
    let groups = overdue(&Sources::new(&records, &last), &Settings::default(), today());
    let report = groups.iter().flat_map(|g| &g.items).find(|i| i.kind == DueKind::ContactReport).unwrap();
    assert_eq!((report.member_id, report.due), (Some(2), d("2026-11-08")));
}

#[test]
fn a_member_without_a_contact_reports_in_person() {
    let mut records = street();
    records.push(rec(3, Kind::Task, "2026-11-15", &[("title", "企业走访"), ("owner_id", "2"), ("due", "2027-03-01")]));
    let items = due(&records, 366);
    let report = items.iter().find(|i| i.kind == DueKind::ContactReport && i.member_id == Some(2)).unwrap();
    assert_eq!((report.label.as_str(), report.due), ("单雄信", d("2026-12-15")));
}

#[test]
fn archived_records_unlinked_households_and_finished_work_are_not_due() {
    let mut records = street();
    for r in records.iter_mut().filter(|r| r.kind() == Kind::Task && r.id() == 1) {
        r.meta.archived = true;
    }
    records.push(rec(3, Kind::Household, "2026-09-01", &[("community_id", "1"), ("head", "无人联系")]));
    records.push(rec(
        2,
        Kind::Demand,
        "2026-11-04",
        &[
            ("raised_on", "2026-11-04"),
            ("household_id", "1"),
            ("category", "other"),
            ("content", "已办"),
            ("status", "resolved"),
            ("resolution", "好"),
            ("resolved_on", "2026-11-20"),
        ],
    ));
    let found = kinds(&due(&records, 7));
    assert_eq!(found, vec![(DueKind::Demand, Some(1), 5), (DueKind::Household, Some(1), 5)]);
}

#[test]
fn a_demands_label_masks_numbers_typed_into_it() {
    let mut records = street();
    records.push(rec(
        3,
        Kind::Demand,
        "2026-11-04",
        &[
            ("raised_on", "2026-11-04"),
            ("household_id", "1"),
            ("category", "other"),
            ("content", "王阿姨 13812345678 反映漏水"),
        ],
    ));
    let items = due(&records, 7);
    let label = &items.iter().find(|i| i.id == Some(3)).unwrap().label;
    assert!(!label.contains("12345678") && label.contains("138****5678"), "{label}");
}

#[test]
fn what_is_late_is_grouped_by_member_with_nobody_last() {
    let mut records = street();
    records.push(rec(3, Kind::Task, "2026-10-01", &[("title", "逾期事"), ("owner_id", "2"), ("due", "2026-11-20")]));
    records.push(rec(
        3,
        Kind::Demand,
        "2026-10-01",
        &[("raised_on", "2026-10-01"), ("household_id", "1"), ("category", "other"), ("content", "无人承办")],
    ));
    records.push(rec(
        4,
        Kind::Demand,
        "2026-10-01",
        &[
            ("raised_on", "2026-10-10"),
            ("household_id", "1"),
            ("member_id", "1"),
            ("category", "other"),
            ("content", "久拖"),
        ],
    ));
    records.push(rec(
        1,
        Kind::Meeting,
        "2026-09-01",
        &[("date", "2026-10-09"), ("chair_id", "1"), ("status", "planned")],
    ));
    records.push(rec(2, Kind::Meeting, "2026-09-01", &[("date", "2026-11-06"), ("kind", "extra"), ("status", "held")]));
    let last = visits();
    let groups = overdue(&Sources::new(&records, &last), &Settings::default(), today());
    let shape: Vec<_> = groups.iter().map(|g| (g.member_id, g.member.as_str(), kinds(&g.items))).collect();
    assert_eq!(
        shape,
        vec![
            (Some(1), "余伟军", vec![(DueKind::Meeting, Some(1), -51), (DueKind::Demand, Some(4), -20)]),
            // Given a task on 10-01 and never reporting: due 10-31.
            (Some(2), "单雄信", vec![(DueKind::ContactReport, Some(2), -29), (DueKind::Task, Some(3), -9)]),
            (None, "", vec![(DueKind::Demand, Some(3), -29)]),
        ]
    );
}

#[test]
fn nothing_is_due_on_an_empty_street() {
    assert!(due(&[], 7).iter().all(|i| i.kind == DueKind::Meeting && i.id.is_none()));
    let last = HashMap::new();
    assert!(overdue(&Sources::new(&[], &last), &Settings::default(), today()).is_empty());
}
