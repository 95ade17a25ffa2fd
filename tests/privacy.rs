//! Residents' data stays with the account that runs silian: every file and
//! directory it writes is that account's alone, whatever umask it was started
//! with, and a store others can read is named with the command that closes it.

mod common;

use common::*;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, Output};

/// silian started as a shell with a lax umask starts it (022: files 0644).
fn silian_lax(db: &Path, args: &[&str]) -> Output {
    let mut command = Command::new(bin());
    command.args(args).env("SILIAN_DB", db).env("SILIAN_LANG", "en").env("SILIAN_TODAY", "2026-11-29");
    // SAFETY: umask is async-signal-safe and touches nothing but the child's mask.
    unsafe {
        command.pre_exec(|| {
            libc::umask(0o022);
            Ok(())
        });
    }
    command.output().unwrap()
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// Every entry under `path` with the modes other accounts would have on it.
fn open_to_others(path: &Path, out: &mut Vec<String>) {
    let m = mode(path);
    if m & 0o077 != 0 {
        out.push(format!("{} {m:o}", path.display()));
    }
    if path.is_dir() {
        for entry in std::fs::read_dir(path).unwrap().flatten() {
            open_to_others(&entry.path(), out);
        }
    }
}

#[test]
fn every_file_silian_writes_is_its_owners_alone_whatever_the_umask() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office").join("store");
    let household = ["add", "household", "--head", "张三", "--community-id", "1", "--phone", "13912345678"];
    for args in [&["add", "community", "--name", "长安社区"][..], &household] {
        let out = silian_lax(&db, args);
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    }
    let backup = dir.path().join("backup.jsonl");
    let export = dir.path().join("households.csv");
    let xlsx = dir.path().join("households.xlsx");
    let template = dir.path().join("template.xlsx");
    for args in [
        vec!["backup", backup.to_str().unwrap()],
        vec!["export", "household", export.to_str().unwrap()],
        vec!["export", "household", xlsx.to_str().unwrap()],
        vec!["template", "household", template.to_str().unwrap()],
    ] {
        let out = silian_lax(&db, &args);
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    }
    let mut open = Vec::new();
    open_to_others(&dir.path().join("office"), &mut open);
    for file in [&backup, &export, &xlsx, &template] {
        open_to_others(file, &mut open);
    }
    assert_eq!(open, Vec::<String>::new(), "readable, writable or enterable by other accounts");
    assert_eq!(mode(&db), 0o700);
    assert_eq!(mode(&backup), 0o600);
}

#[test]
fn a_store_other_accounts_can_read_is_named_with_the_command_that_closes_it() {
    let (_dir, db) = street_db();
    let quiet = silian(&db, "en", &["check"]);
    assert!(quiet.status.success());
    assert!(!String::from_utf8_lossy(&quiet.stderr).contains("chmod"), "{quiet:?}");
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o755)).unwrap();
    let warned = silian(&db, "en", &["check"]);
    let err = String::from_utf8_lossy(&warned.stderr);
    assert!(err.contains("other accounts") && err.contains(&format!("chmod -R go-rwx {}", db.display())), "{err}");
    let zh = silian(&db, "zh", &["list", "community"]);
    assert!(String::from_utf8_lossy(&zh.stderr).contains("请运行：chmod -R go-rwx"), "{zh:?}");
    let fixed = Command::new("chmod").args(["-R", "go-rwx"]).arg(&db).status().unwrap();
    assert!(fixed.success());
    let after = silian(&db, "en", &["check"]);
    assert!(!String::from_utf8_lossy(&after.stderr).contains("chmod"), "{after:?}");
}

fn text(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

fn ran(db: &Path, args: &[&str]) -> String {
    let out = silian(db, "zh", args);
    assert!(out.status.success(), "{args:?}: {}", text(&out));
    text(&out)
}

#[test]
fn a_phone_or_id_number_typed_into_a_summary_is_masked_wherever_it_is_shown() {
    let (dir, db) = street_db();
    let summary = "张三 13766661111 反映楼道灯坏了，身份证330102199001011234";
    let id = ran(
        &db,
        &["add", "visit", "--date", "2026-11-28", "--member-id", "1", "--household-id", "1", "--summary", summary],
    );
    let id = id.trim();
    let export = dir.path().join("visits.csv");
    let shown = [
        ran(&db, &["list", "visit"]),
        ran(&db, &["show", "visit", id]),
        ran(&db, &["list", "visit", "--format", "json"]),
        ran(&db, &["export", "visit", export.to_str().unwrap()]) + &std::fs::read_to_string(&export).unwrap(),
    ];
    for out in &shown {
        assert!(!out.contains("13766661111") && !out.contains("199001011234"), "{out}");
    }
    // The list's table cuts the summary to its column; the rest show it whole.
    for out in &shown[1..] {
        assert!(out.contains("137****1111") && out.contains("330****1234"), "{out}");
    }
    assert!(ran(&db, &["show", "visit", id, "--reveal"]).contains("13766661111"), "revealed on purpose");
    let search = silian(&db, "zh", &["search", "13766661111"]);
    assert!(!text(&search).contains("楼道灯"), "{}", text(&search));
    // The workbench draws the list through the same masking.
    let backend = silian::net::Backend::open(&db, 8).unwrap();
    let opts = silian::tui::Options {
        lang: silian::i18n::Lang::Zh,
        ascii: false,
        color: false,
        today: today(),
        account: silian::os::current_account(),
    };
    let calendar = silian::rules::holidays::HolidayCalendar::builtin();
    let mut app = silian::tui::start_state(&backend, calendar, &opts, dir.path()).unwrap().0;
    app.go_tab(silian::model::Kind::Visit as usize + 1);
    app.update(silian::tui::input::Input::Key(silian::tui::key::Key::parse("enter").unwrap()));
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(200, 45)).unwrap();
    terminal.draw(|f| silian::tui::ui::draw(f, &app)).unwrap();
    let screen = terminal.backend().to_string();
    assert!(screen.contains("137****1111") && !screen.contains("13766661111"), "{screen}");
}

#[test]
fn the_audit_log_masks_what_lists_mask_and_a_reveal_or_a_backup_is_recorded() {
    let (dir, db) = street_db();
    ran(&db, &["edit", "household", "1", "--phone", "13955550000", "--address", "和平路9号"]);
    let audit = ran(&db, &["audit", "--kind", "household"]);
    let json = ran(&db, &["audit", "--format", "json"]);
    for out in [&audit, &json] {
        assert!(!out.contains("13812341234") && !out.contains("13955550000") && !out.contains("和平路9号"), "{out}");
    }
    assert!(json.contains("138****1234") && json.contains("139****0000"), "{json}");
    let revealed = ran(&db, &["audit", "--kind", "household", "--format", "json", "--reveal"]);
    assert!(revealed.contains("13812341234") && revealed.contains("13955550000"), "{revealed}");
    let backup = dir.path().join("b.jsonl");
    ran(&db, &["backup", backup.to_str().unwrap()]);
    let log = ran(&db, &["audit"]);
    let last_two: Vec<&str> = log.lines().rev().take(2).collect();
    assert!(last_two.iter().any(|l| l.contains("reveal") && l.contains("audit log")), "{log}");
    assert!(last_two.iter().any(|l| l.contains("backup") && l.contains("b.jsonl") && l.contains("records")), "{log}");
}
