//! Hostile and broken input, as a user (or an attacker) hands it to the
//! command line: spreadsheets crafted to crash or to eat memory, files cut
//! short, edited backups, escape sequences. Each must be refused with the
//! line, part or field named, and the store left exactly as it was.

mod common;

use common::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn hostile(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile").join(name)
}

/// What a user can see of the store: every kind's records and the check.
fn contents(db: &Path) -> String {
    let kinds = ["community", "unit", "member", "household", "visit", "demand", "meeting", "task"];
    let list = |kind: &&str| {
        let out = silian(db, "en", &["list", kind, "--archived", "--format", "json"]);
        assert!(out.status.success(), "{}", stderr(&out));
        stdout(&out)
    };
    kinds.iter().map(list).collect::<Vec<_>>().join("\n")
}

fn refused(db: &Path, args: &[&str]) -> String {
    let out = silian(db, "zh", args);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{args:?} should be refused as the file's fault: {err}");
    assert!(!err.contains("panicked") && !err.contains('\u{1b}'), "{err}");
    err
}

#[test]
fn crafted_spreadsheets_are_refused_with_the_limit_named_and_nothing_written() {
    let (_dir, db) = street_db();
    let before = contents(&db);
    let cases = [
        ("cell-at-XFD1048576.xlsx", "超过上限 256 列"),
        ("cell-reference-overflow.xlsx", "超过上限 256 列"),
        ("shared-strings-count.xlsx", "声明了 99999999999999 个字符串"),
        ("zip-bomb.xlsx", "解压后超过"),
    ];
    for (file, expected) in cases {
        let err = refused(&db, &["import", "household", hostile(file).to_str().unwrap()]);
        assert!(err.contains(expected), "{file}: {err}");
    }
    // Date cells far outside any calendar are read as the numbers they are,
    // and the visit's date is then refused on its line.
    for file in ["date-minus-1e300.xlsx", "date-minus-1e15.xlsx"] {
        let err = refused(&db, &["import", "visit", hostile(file).to_str().unwrap()]);
        assert!(err.contains("第 2 行"), "{file}: {err}");
    }
    // Formats whose readers have no such guards are not taken, and the way out is said.
    let xls = hostile("date-minus-1e300.xlsx").with_extension("xls");
    let err = refused(&db, &["import", "household", xls.to_str().unwrap()]);
    assert!(err.contains("另存为 .xlsx"), "{err}");
    assert_eq!(contents(&db), before);
}

#[test]
fn a_csv_cut_inside_a_quote_imports_nothing_and_says_where_the_quote_opened() {
    let (dir, db) = street_db();
    let before = contents(&db);
    let file = dir.path().join("cut.csv");
    std::fs::write(&file, "户主,所在社区,家庭住址\n李四,长安社区,和平路1号\n王五,长安社区,\"和平路\n2号").unwrap();
    let err = refused(&db, &["import", "household", file.to_str().unwrap()]);
    assert!(err.contains("第 3 行") && err.contains("引号"), "{err}");
    assert_eq!(contents(&db), before);
}

#[test]
fn a_file_in_two_encodings_names_the_first_line_that_is_not_utf8() {
    let (dir, db) = street_db();
    let file = dir.path().join("mixed.csv");
    let mut bytes = "户主,所在社区,家庭住址\n李四,长安社区,和平路1号\n".as_bytes().to_vec();
    bytes.extend(encoding_rs::GB18030.encode("王五,长安社区,和平路2号\n").0.iter());
    std::fs::write(&file, bytes).unwrap();
    let err = refused(&db, &["import", "household", file.to_str().unwrap()]);
    assert!(err.contains("第 3 行") && err.contains("编码"), "{err}");
}

#[test]
fn a_report_of_many_problems_lists_two_hundred_and_counts_the_rest() {
    let (dir, db) = street_db();
    let file = dir.path().join("bad.csv");
    let rows: String = (0..500).map(|i| format!("户{i},无此社区,路{i}号\n")).collect();
    std::fs::write(&file, format!("户主,所在社区,家庭住址\n{rows}")).unwrap();
    let err = refused(&db, &["import", "household", file.to_str().unwrap(), "--dry-run"]);
    assert!(err.contains("另有 300 处问题未列出"), "{err}");
    assert_eq!(err.lines().filter(|l| l.contains("找不到名为")).count(), 200);
    assert!(err.contains("500 处问题（涉及 500 行）"), "{err}");
}

/// A backup of the small street, as JSON lines to edit.
fn backup_lines(dir: &tempfile::TempDir, db: &Path) -> Vec<Value> {
    let file = dir.path().join("good.jsonl");
    let out = silian(db, "en", &["backup", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    std::fs::read_to_string(file).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

fn write_lines(path: &Path, lines: &[Value]) {
    let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    std::fs::write(path, text).unwrap();
}

fn record_line(lines: &[Value], kind: &str) -> usize {
    lines.iter().position(|l| l["record"]["data"][kind].is_object()).unwrap()
}

/// A change to a backup's lines.
type Edit = Box<dyn Fn(&mut Vec<Value>)>;

#[test]
fn edited_backups_are_refused_whole_and_the_store_is_left_as_it_was() {
    let (dir, db) = street_db();
    let good = backup_lines(&dir, &db);
    let before = contents(&db);
    let household = record_line(&good, "Household");
    let audit = good.iter().position(|l| l.get("audit").is_some()).unwrap();
    let edits: Vec<(&str, Edit, &str)> = vec![
        (
            "dangling",
            Box::new(move |l| {
                let text = l[household].to_string().replace("\"community_id\":1", "\"community_id\":9");
                l[household] = serde_json::from_str(&text).unwrap();
            }),
            "不在备份中",
        ),
        ("duplicate", Box::new(move |l| l.insert(household, l[household].clone())), "已出现过"),
        ("settings", Box::new(|l| l[1]["settings"]["households_per_member"] = 0.into()), "households_per_member"),
        (
            "share",
            Box::new(|l| l[1]["settings"]["grade_rule"]["pass"] = serde_json::json!({"num": 5, "den": 0})),
            "设置有误",
        ),
        ("audit dropped", Box::new(move |l| l.truncate(audit)), "文件不完整"),
        ("end cut", Box::new(|l| drop(l.pop())), "文件不完整"),
        (
            "forged audit",
            Box::new(move |l| {
                let mut forged = l[audit].clone();
                forged["audit"]["account"] = "mallory".into();
                l.insert(audit + 1, forged);
            }),
            "日志不连续",
        ),
        (
            "audit from the future",
            Box::new(move |l| l[audit]["audit"]["at"] = "2099-01-01T00:00:00Z".into()),
            "晚于备份时间",
        ),
    ];
    for (name, edit, expected) in edits {
        let mut lines = good.clone();
        edit(&mut lines);
        let file = dir.path().join(format!("{name}.jsonl"));
        write_lines(&file, &lines);
        let err = refused(&db, &["restore", file.to_str().unwrap(), "--force"]);
        assert!(err.contains(expected) && err.contains("未做任何改动"), "{name}: {err}");
        assert_eq!(contents(&db), before, "{name} changed the store");
    }
    assert!(!dir.path().join("store.restoring").exists(), "no half-written store is left behind");
}

#[test]
fn a_file_without_line_ends_is_refused_after_one_line_not_read_forever() {
    let (dir, db) = street_db();
    let before = contents(&db);
    let zeros = dir.path().join("zeros.jsonl");
    std::fs::write(&zeros, vec![0u8; (16 << 20) + 10]).unwrap();
    let err = refused(&db, &["restore", zeros.to_str().unwrap(), "--force"]);
    assert!(err.contains("第 1 行") && err.contains("16 MiB"), "{err}");
    assert_eq!(contents(&db), before);
}

#[test]
fn a_restore_replaces_the_store_whole_and_keeps_the_roles() {
    let (dir, db) = street_db();
    let file = dir.path().join("backup.jsonl");
    assert!(silian(&db, "en", &["role", "clerk", "editor"]).status.success());
    assert!(silian(&db, "en", &["backup", file.to_str().unwrap()]).status.success());
    let backed_up = contents(&db);
    assert!(silian(&db, "en", &["add", "community", "--name", "新安社区"]).status.success());
    // A restore killed earlier left a half-written store beside this one.
    std::fs::create_dir_all(dir.path().join("store.restoring")).unwrap();
    std::fs::write(dir.path().join("store.restoring/junk"), "x").unwrap();
    let out = silian(&db, "zh", &["restore", file.to_str().unwrap(), "--force"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(contents(&db), backed_up);
    assert!(stdout(&silian(&db, "en", &["role"])).contains("clerk"), "roles outlive a restore");
    let check = silian(&db, "en", &["check"]);
    assert!(check.status.success(), "{}{}", stdout(&check), stderr(&check));
    assert!(!dir.path().join("store.restoring").exists());
    let audit = stdout(&silian(&db, "en", &["audit"]));
    assert!(audit.contains("restore"), "{audit}");
}

#[test]
fn control_characters_are_refused_in_account_names_and_topic_titles() {
    let (_dir, db) = street_db();
    let err = refused(&db, &["role", "x\u{1b}]0;owned\u{7}", "viewer"]);
    assert!(err.contains("不是有效的账号名"), "{err}");
    let topics = r#"[{"title":"电动车\u001b[2J"}]"#;
    let err = refused(&db, &["add", "meeting", "--date", "2026-12-10", "--topics", topics]);
    assert!(err.contains("第 1 项 标题") && err.contains("控制字符"), "{err}");
    let long = format!(r#"[{{"title":"停车"}},{{"title":"{}"}}]"#, "长".repeat(300));
    let err = refused(&db, &["add", "meeting", "--date", "2026-12-10", "--topics", &long]);
    assert!(err.contains("第 2 项 标题") && err.contains("200"), "{err}");
}

#[test]
fn a_field_given_twice_is_refused() {
    let (_dir, db) = street_db();
    let err = refused(&db, &["add", "community", "--name", "甲", "--name", "乙"]);
    assert!(err.contains("--name") && err.contains("不止一次"), "{err}");
    assert!(!contents(&db).contains("甲"));
}

#[test]
fn input_echoed_in_a_message_reaches_the_terminal_escaped() {
    let (_dir, db) = street_db();
    let out = silian(&db, "zh", &["list", "\u{1b}]0;owned\u{7}"]);
    let err = stderr(&out);
    assert!(!out.status.success());
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}') && err.contains("\\u{1b}"), "{err:?}");
}

/// Households in the small street's store, as the command line counts them.
fn households(db: &Path) -> usize {
    let out = silian(db, "en", &["list", "household", "--archived", "--format", "json"]);
    serde_json::from_slice::<Vec<Value>>(&out.stdout).map_or(usize::MAX, |l| l.len())
}

#[test]
fn a_restore_killed_at_any_moment_leaves_the_old_store_or_the_whole_new_one() {
    use silian::model::Kind;
    use silian::store::bulk::ImportBatch;
    let (dir, db) = street_db();
    // A backup that takes a while to write: the street and 20,000 more households.
    let big = dir.path().join("big.jsonl");
    {
        let other = dir.path().join("other");
        let store = silian::store::Store::open(&other, 8).unwrap();
        small_street(&store);
        let creates = (0..20_000)
            .map(|i| {
                build(Kind::Household, &[("community_id", "1"), ("head", &format!("户{i}")), ("address", "和平路")])
            })
            .collect();
        let batch = ImportBatch { kind: Kind::Household, creates, updates: Vec::new(), source: "t".into() };
        store.import_batch(&ctx(), batch, &|_, _| {}).unwrap();
        let mut out = std::io::BufWriter::new(std::fs::File::create(&big).unwrap());
        store.backup(&ctx(), &mut out).unwrap();
    }
    assert_eq!(households(&db), 1);
    for delay in [30, 120, 300, 800] {
        let mut child = std::process::Command::new(bin())
            .args(["restore", big.to_str().unwrap(), "--force"])
            .env("SILIAN_DB", &db)
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay));
        let _ = child.kill();
        let _ = child.wait();
        let found = households(&db);
        assert!(found == 1 || found == 20_001, "killed after {delay} ms: {found} households");
        let check = silian(&db, "en", &["check"]);
        assert!(check.status.success(), "killed after {delay} ms: {}", stdout(&check));
        if found == 20_001 {
            break;
        }
    }
    assert!(!dir.path().join("store.restoring").exists(), "what a killed restore leaves is cleared on the next open");
}

#[test]
fn a_backup_written_before_the_last_line_existed_is_still_restored() {
    let (dir, db) = street_db();
    let mut lines = backup_lines(&dir, &db);
    let before = contents(&db);
    // Format 1: no numbers on the audit entries, no last line.
    lines[0]["header"]["version"] = 1.into();
    for line in lines.iter_mut().filter(|l| l.get("audit").is_some()) {
        line["audit"].as_object_mut().unwrap().remove("seq");
    }
    assert!(lines.pop().unwrap().get("end").is_some());
    let file = dir.path().join("v1.jsonl");
    write_lines(&file, &lines);
    let other = dir.path().join("other");
    let out = silian(&other, "zh", &["restore", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(contents(&other), before);
    // Cut short, it is refused all the same: the header counts the records.
    let household = record_line(&lines, "Household");
    lines.truncate(household);
    write_lines(&file, &lines);
    let err = refused(&other, &["restore", file.to_str().unwrap(), "--force"]);
    assert!(err.contains("文件不完整"), "{err}");
}
