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
