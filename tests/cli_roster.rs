//! The 两代表一委员 roster and the reporting sessions (述职会) from the command
//! line: add, list, show, import and export, `silian sessions`, the rule that
//! a committee session has no deputies, and a deputy's phone masked wherever
//! it is shown unless revealed.

mod common;

use calamine::{open_workbook, Data, Reader, Xlsx};
use common::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// A closed store with the sample street and the roster of `common::roster`.
fn roster_db() -> (tempfile::TempDir, PathBuf) {
    closed_store(|store| {
        sample_street(store);
        roster(store);
    })
}

fn ok(db: &Path, lang: &str, args: &[&str]) -> String {
    let out = silian(db, lang, args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    stdout(&out)
}

fn fails(db: &Path, lang: &str, args: &[&str]) -> (i32, String) {
    let out = silian(db, lang, args);
    (out.status.code().unwrap_or(-1), stderr(&out))
}

#[test]
fn a_deputy_is_added_listed_and_shown_by_its_domain_names() {
    let (_dir, db) = street_db();
    let args = ["add", "deputy", "--name", "林海燕", "--type", "人大代表", "--level", "区", "--sector", "滨江实验小学"];
    let id = ok(&db, "zh", &[&args[..], &["--phone", "13922223333", "--community-id", "1"]].concat());
    assert_eq!(id.trim(), "1");
    let list = ok(&db, "zh", &["list", "deputies"]);
    assert!(list.contains("林海燕") && list.contains("人大代表") && list.contains("长安社区"), "{list}");
    let json: Value = serde_json::from_str(&ok(&db, "en", &["show", "deputy", "1", "--format", "json"])).unwrap();
    assert_eq!(json["type"], "peoples_congress");
    assert_eq!(json["level"], "district");
    assert_eq!(json["sector"], "滨江实验小学");
    ok(&db, "zh", &["edit", "deputy", "1", "--level", "city"]);
    assert!(ok(&db, "en", &["show", "deputy", "1"]).contains("City"));
    ok(&db, "zh", &["archive", "deputy", "1"]);
    assert!(!ok(&db, "zh", &["list", "deputy"]).contains("林海燕"));
}

#[test]
fn a_committee_session_with_deputies_is_refused_naming_the_field() {
    let (_dir, db) = roster_db();
    let committee = ["add", "session", "--period", "2026", "--kind", "committee", "--date", "2027-01-15"];
    let (code, zh) = fails(&db, "zh", &[&committee[..], &["--deputy-ids", "1,2"]].concat());
    assert_eq!(code, 2);
    assert!(zh.contains("到会代表委员（deputy_ids）") && zh.contains("向两代表一委员述职"), "{zh}");
    let (_, en) = fails(&db, "en", &[&committee[..], &["--resident-reps", "12"]].concat());
    assert!(en.contains("resident_reps") && en.contains("only a session reporting to the deputies"), "{en}");
    let (_, before) =
        fails(&db, "en", &["add", "session", "--period", "2026", "--kind", "deputies", "--date", "2025-12-30"]);
    assert!(before.contains("before the period 2026 begins (2026-01-01)"), "{before}");
    let (_, unknown) = fails(
        &db,
        "zh",
        &["add", "session", "--period", "2026", "--kind", "deputies", "--date", "2027-01-20", "--deputy-ids", "9"],
    );
    assert!(unknown.contains("找不到编号为 9 的代表委员"), "{unknown}");
    // Planned ahead: a session may be dated after today.
    let planned = ok(&db, "zh", &[&committee[..], &["--member-ids", "2"]].concat());
    assert_eq!(planned.trim(), "3");
}

#[test]
fn sessions_lists_each_session_of_the_period_with_who_reported() {
    let (_dir, db) = roster_db();
    let text = ok(&db, "zh", &["sessions", "2025"]);
    let committee = text.find("向大工委述职").unwrap();
    let deputies = text.find("向两代表一委员述职").unwrap();
    assert!(committee < deputies, "by date: {text}");
    assert!(text.contains("述职委员 (2): 余伟军、单雄信"), "{text}");
    assert!(text.contains("到会代表委员 (2): 林海燕、何国庆") && text.contains("群众代表 20 人"), "{text}");
    let json: Value = serde_json::from_str(&ok(&db, "en", &["sessions", "2025", "--format", "json"])).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 2);
    assert_eq!(json[1]["kind"], "deputies");
    assert_eq!(json[1]["reported"][1]["name"], "单雄信");
    assert_eq!(json[1]["resident_reps"], 20);
    let none = silian(&db, "en", &["sessions", "2026"]);
    assert!(none.status.success() && stderr(&none).contains("no reporting sessions for 2026"));
    let (code, bad) = fails(&db, "zh", &["sessions", "2026Q1"]);
    assert_eq!(code, 2);
    assert!(bad.contains("不是考评期"), "{bad}");
}

#[test]
fn a_deputys_phone_is_masked_in_lists_exports_search_and_audit_unless_revealed() {
    let (dir, db) = roster_db();
    let full = "13922223333";
    let list = ok(&db, "zh", &["list", "deputy", "--format", "json"]);
    assert!(list.contains("139****3333") && !list.contains(full), "{list}");
    assert!(!ok(&db, "zh", &["show", "deputy", "1"]).contains(full));
    let csv = dir.path().join("deputies.csv");
    ok(&db, "zh", &["export", "deputy", csv.to_str().unwrap()]);
    let written = std::fs::read_to_string(&csv).unwrap();
    assert!(written.contains("139****3333") && !written.contains(full), "{written}");
    let found = ok(&db, "zh", &["search", "13922223333", "--kind", "deputy"]);
    assert!(!found.contains("林海燕"), "a masked number is not found: {found}");
    assert!(ok(&db, "zh", &["search", "linhy"]).contains("林海燕"));
    let audit = ok(&db, "zh", &["audit", "--kind", "deputy", "--id", "1", "--format", "json"]);
    assert!(audit.contains("139****3333") && !audit.contains(full), "{audit}");
    let revealed = ok(&db, "zh", &["list", "deputy", "--reveal"]);
    assert!(revealed.contains(full), "{revealed}");
    let log = ok(&db, "zh", &["audit", "--format", "json"]);
    assert!(log.contains("reveal"), "the reveal is recorded: {log}");
}

#[test]
fn a_roster_with_chinese_headers_is_imported_and_exported_back() {
    let (dir, db) = street_db();
    let csv = dir.path().join("roster.csv");
    let rows = [
        "滨江街道两代表一委员名单",
        "代表姓名,代表类别,级别,界别/单位,联系电话,所在社区,备注",
        "林海燕,人大代表,区,滨江实验小学,13922223333,长安社区,",
        "何国庆,政协委员,市,经济界,136 4444 5555,,界别召集人",
        "徐秀兰,党代表,街道,长安社区,,长安社区,",
    ];
    std::fs::write(&csv, rows.join("\n")).unwrap();
    ok(&db, "zh", &["import", "deputy", csv.to_str().unwrap()]);
    let json: Value =
        serde_json::from_str(&ok(&db, "en", &["list", "deputy", "--format", "json", "--reveal"])).unwrap();
    let names: Vec<&str> = json.as_array().unwrap().iter().map(|d| d["name"].as_str().unwrap()).collect();
    assert_eq!(names.len(), 3, "{json}");
    let he = json.as_array().unwrap().iter().find(|d| d["name"] == "何国庆").unwrap();
    assert_eq!((he["type"].as_str(), he["level"].as_str()), (Some("cppcc"), Some("city")));
    assert_eq!(he["phone"], "13644445555");
    assert_eq!(he["notes"], "界别召集人");
    let again = silian(&db, "zh", &["import", "deputy", csv.to_str().unwrap()]);
    assert!(!again.status.success(), "the same name and phone twice fails by default");

    let xlsx = dir.path().join("roster.xlsx");
    ok(&db, "zh", &["export", "deputy", xlsx.to_str().unwrap()]);
    let mut book: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    let cells: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(|c| if *c == Data::Empty { String::new() } else { c.to_string() }).collect())
        .collect();
    let header = cells.iter().position(|r| r.iter().any(|c| c == "姓名")).unwrap();
    assert!(["姓名", "类别", "层级", "界别/单位", "电话", "社区"]
        .iter()
        .all(|h| cells[header].contains(&h.to_string())));
    let lin = cells.iter().find(|r| r.contains(&"林海燕".to_string())).unwrap();
    assert!(
        lin.contains(&"人大代表".to_string())
            && lin.contains(&"区".to_string())
            && lin.contains(&"长安社区".to_string())
    );
    assert!(lin.contains(&"139****3333".to_string()), "masked unless revealed: {lin:?}");
}

#[test]
fn a_template_for_the_roster_names_its_columns_and_choices() {
    let (dir, db) = street_db();
    let path = dir.path().join("template.xlsx");
    ok(&db, "zh", &["template", "deputy", path.to_str().unwrap()]);
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    let text: Vec<String> = range.cells().map(|(_, _, c)| c.to_string()).collect();
    assert!(text.iter().any(|t| t.contains("两代表一委员名单")), "{text:?}");
    assert!(text.iter().any(|t| t.starts_with("必填") && t.contains("党代表、人大代表、政协委员")), "{text:?}");
}
