//! The command line end to end, as a script or a clerk would use it.

mod common;

use common::*;
use serde_json::Value;

fn ok(db: &std::path::Path, args: &[&str]) -> String {
    let out = silian(db, "zh", args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    stdout(&out)
}

fn json(db: &std::path::Path, args: &[&str]) -> Value {
    serde_json::from_str(&ok(db, args)).unwrap()
}

fn street(db: &std::path::Path) {
    assert_eq!(ok(db, &["add", "community", "--name", "长安社区"]), "1\n");
    ok(db, &["add", "unit", "--name", "ABC科技有限公司", "--kind", "non_public"]);
    ok(
        db,
        &[
            "add",
            "member",
            "--name",
            "曾国藩",
            "--role",
            "part_time",
            "--unit-id",
            "1",
            "--community-id=1",
            "--line",
            "党建",
        ],
    );
    ok(db, &["add", "member", "--name", "单雄信", "--role", "full_time", "--community-id", "1"]);
    let id = ok(
        db,
        &[
            "add",
            "households",
            "--community-id",
            "1",
            "--member-id",
            "1",
            "--head",
            "余伟军",
            "--phone",
            "13812341234",
            "--address",
            "幸福路12号3栋501室",
            "--tags",
            "低保户,veteran",
        ],
    );
    assert_eq!(id, "1\n");
}

#[test]
fn add_prints_the_id_and_list_shows_names_not_ids() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(&dir);
    street(&db);
    let table = ok(&db, &["list", "member"]);
    assert!(table.contains("曾国藩") && table.contains("ABC科技有限公司") && table.contains("长安社区"), "{table}");
    assert!(table.contains("共 2 条"), "{table}");
    let en = stdout(&silian(&db, "en", &["list", "member"]));
    assert!(en.contains("Part-time member") && en.contains("2 records"), "{en}");
}

#[test]
fn json_uses_domain_field_names_and_masks_personal_data() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(&dir);
    street(&db);
    let list = json(&db, &["list", "household", "--format", "json"]);
    let h = &list[0];
    assert_eq!(h["id"], 1);
    assert_eq!(h["head"], "余伟军");
    assert_eq!(h["phone"], "138****1234");
    assert_eq!(h["address"], "长安社区****");
    assert_eq!(h["tags"], serde_json::json!(["subsistence", "veteran"]));
    assert_eq!(h["community_id"], 1);
    for key in ["created_at", "updated_at", "archived", "member_id", "size", "notes"] {
        assert!(h.get(key).is_some(), "{key}");
    }
    let table = ok(&db, &["list", "household"]);
    assert!(!table.contains("13812341234") && !table.contains("幸福路"), "{table}");
}

#[test]
fn reveal_shows_full_values_and_is_audited() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(&dir);
    street(&db);
    let shown = json(&db, &["show", "household", "1", "--format", "json", "--reveal"]);
    assert_eq!(shown["phone"], "13812341234");
    assert_eq!(shown["address"], "幸福路12号3栋501室");
    let audit = json(&db, &["audit", "--format", "json"]);
    let last = audit.as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["action"], "reveal");
    assert_eq!(last["kind"], "household");
    assert_eq!(last["id"], 1);
    assert!(!last["account"].as_str().unwrap().is_empty());
}

#[test]
fn a_visitor_phone_is_masked() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(&dir);
    street(&db);
    ok(
        &db,
        &[
            "add",
            "visit",
            "--date",
            "t",
            "--member-id",
            "1",
            "--kind",
            "reception",
            "--visitor",
            "王阿姨 13912345678",
            "--summary",
            "咨询低保",
        ],
    );
    let v = json(&db, &["show", "visit", "1", "--format", "json"]);
    assert_eq!(v["visitor"], "王阿姨 139****5678");
    assert_eq!(v["date"], "2026-11-29");
}

#[test]
fn edit_archive_and_unarchive() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(&dir);
    street(&db);
    ok(&db, &["edit", "member", "1", "--post", "宣传委员", "--phone", "0571-87654321"]);
    let m = json(&db, &["show", "member", "1", "--format", "json"]);
    assert_eq!((m["post"].as_str(), m["phone"].as_str()), (Some("宣传委员"), Some("0571-87654321")));
    ok(&db, &["archive", "member", "2"]);
    assert_eq!(json(&db, &["list", "member", "--format", "json"]).as_array().unwrap().len(), 1);
    let all = json(&db, &["list", "member", "--archived", "--format", "json"]);
    assert_eq!(all[1]["archived"], true);
    ok(&db, &["unarchive", "member", "2"]);
    assert_eq!(json(&db, &["list", "member", "--format", "json"]).as_array().unwrap().len(), 2);
}

#[test]
fn search_finds_people_by_pinyin_initials_and_surname_readings() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(&dir);
    street(&db);
    let hits = json(&db, &["search", "zgf", "--format", "json"]);
    assert_eq!(hits[0], serde_json::json!({"kind": "member", "id": 1, "label": "曾国藩"}));
    let hits = json(&db, &["search", "sxx", "--format", "json"]);
    assert_eq!(hits[0]["label"], "单雄信");
    let hits = json(&db, &["search", "yuwei", "--format", "json"]);
    assert_eq!((hits[0]["kind"].as_str(), hits[0]["id"].as_u64()), (Some("household"), Some(1)));
    let hits = json(&db, &["search", "abckj", "--kind", "unit", "--format", "json"]);
    assert_eq!(hits[0]["label"], "ABC科技有限公司");
    let filtered = json(&db, &["list", "member", "--query", "sxx", "--format", "json"]);
    assert_eq!(filtered.as_array().unwrap().len(), 1);
}

#[test]
fn csv_has_domain_headers() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(&dir);
    street(&db);
    let csv = ok(&db, &["list", "household", "--format", "csv"]);
    let mut lines = csv.lines();
    assert!(lines
        .next()
        .unwrap()
        .starts_with("id,created_at,updated_at,archived,community_id,member_id,head,address,phone"));
    assert!(lines.next().unwrap().contains("138****1234"));
}

#[test]
fn schedule_moves_meetings_off_holidays() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(&dir);
    let s = json(&db, &["schedule", "2026", "--format", "json"]);
    assert_eq!(s.as_array().unwrap().len(), 4);
    assert_eq!(
        s[3],
        serde_json::json!({"quarter": "2026Q4", "date": "2026-10-09", "provisional": false, "moved_from": "2026-10-02", "reason": "国庆节"})
    );
    assert_eq!(s[1], serde_json::json!({"quarter": "2026Q2", "date": "2026-04-03", "provisional": false}));
    let en =
        serde_json::from_str::<Value>(&stdout(&silian(&db, "en", &["schedule", "2024", "--format", "json"]))).unwrap();
    assert_eq!(en[1]["reason"], "Qingming Festival");
    let table = ok(&db, &["schedule", "2025"]);
    assert!(table.contains("2025-10-10") && table.contains("顺延"), "{table}");
}

#[test]
fn a_user_holiday_file_extends_the_calendar() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(&dir);
    std::fs::create_dir_all(&db).unwrap();
    let file =
        "[[year]]\nyear = 2027\n[[year.holiday]]\nname = \"元旦\"\nstart = \"2027-01-01\"\nend = \"2027-01-03\"\n";
    std::fs::write(db.join("holidays.toml"), file).unwrap();
    let s = json(&db, &["schedule", "2027", "--format", "json"]);
    assert_eq!(s[0]["date"], "2027-01-08");
    assert_eq!(s[0]["reason"], "元旦");
    std::fs::write(db.join("holidays.toml"), "[[year]]\nyear = 2027\nworkdays = [\"2027-13-01\"]\n").unwrap();
    let out = silian(&db, "zh", &["schedule", "2027"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("holidays.toml"), "{}", stderr(&out));
}

#[test]
fn bad_input_exits_2_naming_the_field_in_the_chosen_language() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(&dir);
    street(&db);
    let out = silian(
        &db,
        "zh",
        &["add", "visit", "--date", "昨天的昨天", "--member-id", "1", "--summary", "x", "--household-id", "1"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("日期（date）") && stderr(&out).contains("YYYY-MM-DD"), "{}", stderr(&out));
    let out = silian(&db, "en", &["add", "household", "--community-id", "7", "--head", "李四"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("household community_id: there is no community with id 7"), "{}", stderr(&out));
    let out = silian(&db, "en", &["add", "widget", "--name", "x"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unknown record kind \"widget\""), "{}", stderr(&out));
    let out = silian(&db, "en", &["show", "member", "99"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no member with id 99"), "{}", stderr(&out));
    for out in [
        &silian(&db, "en", &["edit", "member", "1", "--role"]),
        &silian(&db, "zh", &["list", "member", "--format", "xml"]),
    ] {
        assert_eq!(out.status.code(), Some(2));
        assert!(!stderr(out).contains("panicked"));
    }
}

#[test]
fn global_flags_may_follow_the_fields() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(&dir);
    let out = silian(&db, "zh", &["add", "member", "--name", "x", "--lang", "en"]);
    assert!(stderr(&out).contains("member role: is required"), "{}", stderr(&out));
}

#[test]
fn check_backup_and_restore_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(&dir);
    street(&db);
    assert!(ok(&db, &["check"]).contains("未发现问题"));
    let file = dir.path().join("backup.jsonl");
    ok(&db, &["backup", file.to_str().unwrap()]);
    let other = dir.path().join("other");
    ok(&other, &["restore", file.to_str().unwrap()]);
    assert_eq!(ok(&other, &["list", "member", "--format", "json"]), ok(&db, &["list", "member", "--format", "json"]));
    let refused = silian(&other, "en", &["restore", file.to_str().unwrap()]);
    assert_ne!(refused.status.code(), Some(0));
    assert!(stderr(&refused).contains("--force"), "{}", stderr(&refused));
    ok(&other, &["restore", file.to_str().unwrap(), "--force"]);
}

#[test]
fn settings_are_shown_and_set() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(&dir);
    assert!(ok(&db, &["settings"]).contains("households_per_member = 10"));
    ok(&db, &["settings", "demand_due_days", "45"]);
    assert_eq!(ok(&db, &["settings", "demand_due_days"]), "45\n");
    let out = silian(&db, "en", &["settings", "demand_due_days", "soon"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("expected a whole number"), "{}", stderr(&out));
}

#[test]
fn a_store_in_use_is_named_in_the_message() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(&dir);
    let _held = silian::store::Store::open(&db, 8).unwrap();
    let out = silian(&db, "zh", &["list", "member"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains(db.to_str().unwrap()) && err.contains("另一个 silian"), "{err}");
    let out = silian(&db, "en", &["list", "member"]);
    assert!(stderr(&out).contains("in use by another silian"), "{}", stderr(&out));
}

#[test]
fn a_reader_that_stops_reading_ends_a_command_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(&dir);
    let demo = silian(&db, "en", &["demo", "--scale", "1"]);
    assert!(demo.status.success(), "{}", String::from_utf8_lossy(&demo.stderr));
    let mut child = std::process::Command::new(bin())
        .args(["list", "visit"])
        .env("SILIAN_DB", &db)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Read a line, then close the pipe, as `| head -n 1` does; the list is
    // far longer than a pipe holds, so the command is still writing.
    let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    std::io::BufRead::read_line(&mut stdout, &mut first).unwrap();
    assert!(first.contains("ID"), "{first}");
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.is_empty(), "{err}");
    assert_eq!(out.status.code(), Some(141), "ends as a program ended by SIGPIPE does");
}

#[test]
fn a_visit_takes_its_households_member_and_another_member_is_noted() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(&dir);
    street(&db);
    // Household 1 (余伟军's) is linked to member 1, 曾国藩.
    let id = ok(&db, &["add", "visit", "--household-id", "1", "--summary", "走访", "--date", "t"]);
    let visit = json(&db, &["show", "visit", id.trim(), "--format", "json"]);
    assert_eq!(visit["member_id"], 1, "{visit}");
    let out = silian(
        &db,
        "zh",
        &["add", "visit", "--household-id", "1", "--member-id", "2", "--summary", "代走访", "--date", "t"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("联系户 余伟军 的联系委员是 曾国藩，这里填的是 单雄信"), "{}", stderr(&out));
}
