//! `silian remind`, `silian overdue`, and `--format json` for `tasks` and
//! `settings`, on a constructed street and a fixed clock (2026-11-29).

mod common;

use common::*;
use serde_json::Value;
use silian::model::Kind;
use silian::store::Store;
use std::path::PathBuf;

/// `small_street` and, due within 7 days: 王芳's report for 蒋娜 (12-01), task
/// 1 (12-02), the extra meeting, the demand and household 曾国藩 (12-04);
/// task 2 is due in 10 days. Late: task 4 (蒋娜), demand 2 (nobody), meeting 3 (余伟军, not held).
fn remind_street() -> (tempfile::TempDir, PathBuf) {
    let (dir, db) = street_db();
    let store = Store::open(&db, 8).unwrap();
    add(&store, Kind::Member, &[("name", "蒋娜"), ("role", "office_director"), ("contact_name", "王芳")]);
    add(
        &store,
        Kind::Visit,
        &[("date", "2026-09-05"), ("member_id", "1"), ("kind", "home"), ("household_id", "1"), ("summary", "了解近况")],
    );
    add(&store, Kind::Meeting, &[("date", "2026-10-09"), ("status", "held")]);
    add(&store, Kind::Meeting, &[("date", "2026-12-04"), ("kind", "extra"), ("chair_id", "2"), ("status", "planned")]);
    add(&store, Kind::Meeting, &[("date", "2026-11-06"), ("kind", "extra"), ("chair_id", "1"), ("status", "planned")]);
    add(&store, Kind::Task, &[("title", "更换楼道灯"), ("owner_id", "1"), ("due", "2026-12-02")]);
    add(&store, Kind::Task, &[("title", "助餐服务对接"), ("owner_id", "1"), ("due", "2026-12-09")]);
    let report = r#"[{"date":"2026-11-01","reporter":"王芳","note":"已联系物业"}]"#;
    let given = [("title", "老旧小区加装电梯"), ("owner_id", "2"), ("meeting_id", "1"), ("due", "2027-03-01")];
    add(&store, Kind::Task, &[given.as_slice(), &[("progress", report)]].concat());
    add(&store, Kind::Task, &[("title", "清理楼道杂物"), ("owner_id", "2"), ("due", "2026-11-20")]);
    let demand = [("household_id", "1"), ("member_id", "1"), ("category", "infrastructure")];
    add(&store, Kind::Demand, &[demand.as_slice(), &[("raised_on", "2026-11-04"), ("content", "路灯不亮")]].concat());
    let late = [("raised_on", "2026-10-01"), ("visitor", "王阿姨 13812345678"), ("category", "welfare")];
    add(&store, Kind::Demand, &[late.as_slice(), &[("content", "咨询低保，电话13812345678")]].concat());
    drop(store);
    (dir, db)
}

fn json_of(db: &std::path::Path, args: &[&str]) -> Value {
    let out = silian(db, "en", args);
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_str(&stdout(&out)).unwrap_or_else(|e| panic!("{e}: {}", stdout(&out)))
}

fn shape(item: &Value) -> (String, Value, String, String, i64) {
    let text = |k: &str| item[k].as_str().unwrap_or_default().to_string();
    (text("kind"), item["id"].clone(), text("label"), text("due"), item["days_left"].as_i64().unwrap())
}

#[test]
fn remind_lists_exactly_what_falls_due_within_seven_days() {
    let (_dir, db) = remind_street();
    let out = silian(&db, "zh", &["remind"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "督办提醒：2026-11-29 起 7 天内到期 5 项\n\
         2026-12-01  还有 2 天  联系人汇报：王芳（蒋娜）\n\
         2026-12-02  还有 3 天  责任事项：更换楼道灯（余伟军）\n\
         2026-12-04  还有 5 天  联席议事会：2026Q4（蒋娜，通知未记录）\n\
         2026-12-04  还有 5 天  诉求：路灯不亮（余伟军）\n\
         2026-12-04  还有 5 天  联系户走访：曾国藩（余伟军）\n"
    );
    // Once the notice went out, the meeting is still listed but no longer asks for it.
    let noticed = silian(&db, "zh", &["edit", "meeting", "2", "--notice-on", "11-28"]);
    assert!(noticed.status.success(), "{}", stderr(&noticed));
    let after = stdout(&silian(&db, "zh", &["remind"]));
    assert!(after.contains("联席议事会：2026Q4（蒋娜）\n"), "{after}");
    let en = stdout(&silian(&db, "en", &["remind"]));
    assert!(en.starts_with("Reminders: 5 due within 7 days of 2026-11-29\n"), "{en}");
    assert!(en.contains("2026-12-02  in 3 days  task: 更换楼道灯 (余伟军)"), "{en}");
    assert!(!en.contains("助餐服务对接"), "due in 10 days: {en}");
}

#[test]
fn remind_as_json_carries_kind_id_label_member_and_days_left() {
    let (_dir, db) = remind_street();
    let items = json_of(&db, &["remind", "--format", "json"]);
    let got: Vec<_> = items.as_array().unwrap().iter().map(shape).collect();
    let want = [
        ("contact_report", 2, "王芳", "2026-12-01", 2),
        ("task", 1, "更换楼道灯", "2026-12-02", 3),
        ("meeting", 2, "2026Q4", "2026-12-04", 5),
        ("demand", 1, "路灯不亮", "2026-12-04", 5),
        ("household", 1, "曾国藩", "2026-12-04", 5),
    ];
    let want: Vec<_> = want
        .iter()
        .map(|(k, id, l, d, n)| (k.to_string(), Value::from(*id), l.to_string(), d.to_string(), *n))
        .collect();
    assert_eq!(got, want);
    assert_eq!((items[1]["member_id"].as_u64(), items[1]["member"].as_str()), (Some(1), Some("余伟军")));
    let longer = json_of(&db, &["remind", "--days", "10", "--format", "json"]);
    assert!(longer.as_array().unwrap().iter().any(|i| i["label"] == "助餐服务对接"));
}

#[test]
fn nothing_due_is_an_empty_list_and_exit_zero() {
    let (_dir, db) = remind_street();
    assert_eq!(json_of(&db, &["remind", "--days", "0", "--format", "json"]), Value::Array(vec![]));
    let zh = silian(&db, "zh", &["remind", "--days", "0"]);
    assert!(zh.status.success());
    assert_eq!(stdout(&zh), "2026-11-29 起 0 天内没有到期事项\n");
    let dir = tempfile::tempdir().unwrap();
    let empty = db_in(&dir);
    assert_eq!(json_of(&empty, &["remind", "--format", "json"]), Value::Array(vec![]));
    assert_eq!(json_of(&empty, &["overdue", "--format", "json"]), Value::Array(vec![]));
    assert_eq!(stdout(&silian(&empty, "en", &["overdue"])), "Nothing is overdue\n");
}

#[test]
fn days_out_of_bounds_are_refused_naming_the_flag() {
    let (_dir, db) = remind_street();
    for (bad, lang) in [("-1", "zh"), ("367", "en"), ("seven", "en")] {
        let out = silian(&db, lang, &["remind", "--days", bad]);
        assert_eq!(out.status.code(), Some(2), "{bad}");
        assert!(stderr(&out).contains("--days") && stderr(&out).contains(bad), "{}", stderr(&out));
        assert!(stdout(&out).is_empty());
    }
}

#[test]
fn overdue_groups_what_is_late_by_member() {
    let (_dir, db) = remind_street();
    let out = silian(&db, "zh", &["overdue"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "余伟军（1 项）\n\
         \x20 2026-11-06  已超期 23 天  联席议事会：2026Q4（未召开）\n\
         蒋娜（1 项）\n\
         \x20 2026-11-20  已超期 9 天  责任事项：清理楼道杂物\n\
         未指定委员（1 项）\n\
         \x20 2026-10-31  已超期 29 天  诉求：咨询低保，电话138****5678\n"
    );
    let groups = json_of(&db, &["overdue", "--format", "json"]);
    let members: Vec<_> = groups.as_array().unwrap().iter().map(|g| g["member_id"].clone()).collect();
    assert_eq!(members, vec![Value::from(1), Value::from(2), Value::Null]);
    assert_eq!(
        shape(&groups[1]["items"][0]),
        ("task".into(), Value::from(4), "清理楼道杂物".into(), "2026-11-20".into(), -9)
    );
    assert!(!stdout(&silian(&db, "en", &["overdue", "--format", "json"])).contains("12345678"));
}

#[test]
fn the_report_cycle_is_a_setting_validated_and_shown_as_json() {
    let (_dir, db) = street_db();
    let settings = json_of(&db, &["settings", "--format", "json"]);
    assert_eq!(settings["report_cycle_days"], 30);
    assert_eq!(settings["visit_cycle_days"], 90);
    assert_eq!(settings["grade_pass_share"], "2/3");
    let zero = silian(&db, "zh", &["settings", "report_cycle_days", "0"]);
    assert_eq!(zero.status.code(), Some(2));
    assert!(stderr(&zero).contains("report_cycle_days") && stderr(&zero).contains("1 到 3650"), "{}", stderr(&zero));
    assert!(silian(&db, "en", &["settings", "report-cycle-days", "14"]).status.success());
    assert_eq!(
        json_of(&db, &["settings", "report_cycle_days", "--format", "json"]),
        serde_json::json!({"report_cycle_days": 14})
    );
}

#[test]
fn a_shorter_report_cycle_brings_a_report_forward() {
    let (_dir, db) = remind_street();
    assert!(silian(&db, "en", &["settings", "report_cycle_days", "60"]).status.success());
    assert!(!stdout(&silian(&db, "en", &["remind"])).contains("contact's report"));
}

#[test]
fn tasks_as_json_by_owner_with_overdue_marked() {
    let (_dir, db) = remind_street();
    let groups = json_of(&db, &["tasks", "--format", "json"]);
    let owners: Vec<_> =
        groups.as_array().unwrap().iter().map(|g| (g["owner_id"].clone(), g["owner"].clone())).collect();
    assert_eq!(owners, vec![(Value::from(1), Value::from("余伟军")), (Value::from(2), Value::from("蒋娜"))]);
    let late: Vec<_> =
        groups[1]["tasks"].as_array().unwrap().iter().map(|t| (t["title"].clone(), t["overdue"].clone())).collect();
    assert!(late.contains(&(Value::from("清理楼道杂物"), Value::from(true))), "{late:?}");
    assert!(late.contains(&(Value::from("老旧小区加装电梯"), Value::from(false))), "{late:?}");
    let only_late = json_of(&db, &["tasks", "--overdue", "--format", "json"]);
    assert_eq!(only_late.as_array().unwrap().len(), 1);
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(json_of(&db_in(&dir), &["tasks", "--format", "json"]), Value::Array(vec![]));
}
