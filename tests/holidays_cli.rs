//! Holidays for every year on the command line: a year without a State
//! Council notice is provisional and says so; a notice added later flags the
//! planned meetings it puts on a day off; `holidays.toml` travels in backups.

mod common;

use common::*;
use serde_json::{json, Value};
use std::path::Path;

fn ok(db: &Path, lang: &str, args: &[&str]) -> String {
    let out = silian(db, lang, args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    stdout(&out)
}

fn json_of(db: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&ok(db, "en", args)).unwrap()
}

/// As silian writes its own files: readable by the owner alone.
fn write_private(path: &Path, text: &str) {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new().write(true).create(true).truncate(true).mode(0o600).open(path).unwrap();
    f.write_all(text.as_bytes()).unwrap();
}

/// A made-up 2027 notice whose National Day break runs to Fri 10-08, the
/// date the provisional calendar gave the Q4 meeting.
const NOTICE_2027: &str = "[[year]]\nyear = 2027\nworkdays = [\"2027-09-26\", \"2027-10-09\"]\n\
    [[year.holiday]]\nname = \"元旦\"\nstart = \"2027-01-01\"\nend = \"2027-01-03\"\n\
    [[year.holiday]]\nname = \"国庆节\"\nname_en = \"National Day\"\nstart = \"2027-10-01\"\nend = \"2027-10-08\"\n";

#[test]
fn schedule_of_a_year_without_a_notice_is_provisional() {
    let (_dir, db) = street_db();
    let s = json_of(&db, &["schedule", "2027", "--format", "json"]);
    let dates: Vec<&str> = s.as_array().unwrap().iter().map(|m| m["date"].as_str().unwrap()).collect();
    assert_eq!(dates, ["2027-01-08", "2027-04-02", "2027-07-02", "2027-10-08"]);
    assert!(s.as_array().unwrap().iter().all(|m| m["provisional"] == true), "{s}");
    assert_eq!(s[0]["moved_from"], "2027-01-01");
    assert_eq!(s[0]["reason"], "New Year's Day");

    let out = silian(&db, "zh", &["schedule", "2027"]);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(text.contains("2027-01-08 暂定") && text.contains("2027-10-08 暂定"), "{text}");
    assert!(text.contains("国务院放假通知尚未发布"), "{text}");
    assert!(!stderr(&out).contains("没有 2027 年"), "the old warning is gone: {}", stderr(&out));
    let en = ok(&db, "en", &["schedule", "2027"]);
    assert!(en.contains("2027-04-02 provisional"), "{en}");
}

#[test]
fn plan_of_a_provisional_year_says_so_and_notes_it_in_the_minutes() {
    let (_dir, db) = street_db();
    let p = json_of(&db, &["plan", "2027", "--format", "json"]);
    assert_eq!(p["provisional"], true);
    let created = p["created"].as_array().unwrap();
    let dates: Vec<&str> = created.iter().map(|m| m["date"].as_str().unwrap()).collect();
    assert_eq!(dates, ["2027-01-08", "2027-04-02", "2027-07-02", "2027-10-08"]);
    assert_eq!(created[0]["quarter"], "2027Q1");
    assert_eq!(created[0]["provisional"], true);
    let id = created[1]["id"].as_u64().unwrap().to_string();
    let shown = json_of(&db, &["show", "meeting", &id, "--format", "json"]);
    assert!(shown.to_string().contains("日期按法定节假日暂定，国务院放假通知发布后请核对"), "{shown}");

    let again = json_of(&db, &["plan", "2027", "--format", "json"]);
    assert_eq!(again["created"], json!([]));
    assert_eq!(again["existing"].as_array().unwrap().len(), 4);
    let notice_year = json_of(&db, &["plan", "2026", "--format", "json"]);
    assert_eq!(notice_year["provisional"], false);

    let zh = ok(&db, "zh", &["plan", "2028"]);
    assert!(zh.contains("已创建 2028Q1 例会：2028-01-07（暂定）"), "{zh}");
}

#[test]
fn a_notice_added_later_flags_the_planned_meeting_it_puts_on_a_holiday() {
    let (_dir, db) = street_db();
    ok(&db, "zh", &["plan", "2027"]);
    assert!(silian(&db, "zh", &["check"]).status.success());

    write_private(&db.join("holidays.toml"), NOTICE_2027);
    let out = silian(&db, "zh", &["check"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains(
            "议事会 4：2027-10-08 逢国庆节，日程日期为 2027-10-15；改期：silian meeting move 4 --to-schedule"
        ),
        "{text}"
    );
    assert!(!text.contains("议事会 1"), "01-08 is a working day in the notice too: {text}");

    let out = silian(&db, "en", &["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let report: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(report["ok"], false);
    assert_eq!(report["problems"], json!([]));
    let flagged = &report["meetings"][0];
    assert_eq!(flagged["meeting_id"], 4);
    assert_eq!(flagged["date"], "2027-10-08");
    assert_eq!(flagged["why"], "holiday");
    assert_eq!(flagged["holiday"], "National Day");
    assert_eq!(flagged["provisional"], false);
    assert_eq!(flagged["schedule_date"], "2027-10-15");

    let moved = ok(&db, "zh", &["meeting", "move", "4", "--to-schedule"]);
    assert_eq!(
        moved,
        "议事会 4 已改期至 2027-10-15（原因：2027-10-08 逢国庆节，按放假安排改至日程日期，已记入纪要）\n"
    );
    let shown = json_of(&db, &["show", "meeting", "4", "--format", "json"]);
    assert!(shown.to_string().contains("改期：2027-10-08 → 2027-10-15"), "{shown}");
    assert!(silian(&db, "zh", &["check"]).status.success());
    let again = ok(&db, "en", &["meeting", "move", "4", "--to-schedule"]);
    assert!(again.contains("already"), "{again}");
}

#[test]
fn a_meeting_on_a_make_up_workday_is_flagged_too() {
    let (_dir, db) = street_db();
    write_private(&db.join("holidays.toml"), NOTICE_2027);
    let id = ok(&db, "zh", &["add", "meeting", "--date", "2027-10-09", "--kind", "extra"]);
    let out = silian(&db, "en", &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains(&format!("meeting {}: 2027-10-09 is a weekend day worked", id.trim())), "{text}");
    let out = silian(&db, "en", &["meeting", "move", id.trim(), "--to-schedule"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not a regular meeting"), "{}", stderr(&out));
}

#[test]
fn holidays_toml_travels_in_a_backup_and_comes_back_private() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, db) = street_db();
    write_private(&db.join("holidays.toml"), NOTICE_2027);
    let file = dir.path().join("backup.jsonl");
    ok(&db, "zh", &["backup", file.to_str().unwrap()]);

    let empty = dir.path().join("empty");
    let out = silian(&empty, "zh", &["restore", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("以及 holidays.toml"), "{}", stderr(&out));
    let restored = empty.join("holidays.toml");
    assert_eq!(std::fs::read_to_string(&restored).unwrap(), NOTICE_2027);
    assert_eq!(std::fs::metadata(&restored).unwrap().permissions().mode() & 0o777, 0o600);
    let s = json_of(&empty, &["schedule", "2027", "--format", "json"]);
    assert_eq!(s[3]["date"], "2027-10-15", "the restored notice is in force");
    assert_eq!(s[3]["provisional"], false);
}

#[test]
fn a_backup_without_the_file_restores_and_keeps_the_stores_own() {
    let (dir, db) = street_db();
    let file = dir.path().join("backup.jsonl");
    ok(&db, "zh", &["backup", file.to_str().unwrap()]);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(!text.contains("\"file\""), "no holidays.toml, no file line");

    let other = dir.path().join("other");
    ok(&other, "zh", &["add", "community", "--name", "新安社区"]);
    write_private(&other.join("holidays.toml"), NOTICE_2027);
    let out = silian(&other, "en", &["restore", "--force", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(other.join("holidays.toml")).unwrap(), NOTICE_2027);
}

#[test]
fn a_backup_naming_another_file_is_refused_and_changes_nothing() {
    let (dir, db) = street_db();
    write_private(&db.join("holidays.toml"), NOTICE_2027);
    let file = dir.path().join("backup.jsonl");
    ok(&db, "zh", &["backup", file.to_str().unwrap()]);
    let text = std::fs::read_to_string(&file).unwrap().replace("\"name\":\"holidays.toml\"", "\"name\":\"../evil\"");
    std::fs::write(&file, text).unwrap();
    let empty = dir.path().join("empty");
    let out = silian(&empty, "en", &["restore", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("file \"../evil\" is not one a backup carries"), "{}", stderr(&out));
    assert!(!dir.path().join("evil").exists() && !empty.join("holidays.toml").exists());
}
