//! Shared helpers: temporary stores, a fixed clock, sample records, the binary.
#![allow(dead_code)]

use chrono::{DateTime, NaiveDate, Utc};
use silian::model::{AnyData, Kind};
use silian::store::{Context, Store};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn today() -> NaiveDate {
    "2026-11-29".parse().unwrap()
}

pub fn ctx() -> Context {
    let now: DateTime<Utc> = "2026-11-29T09:30:00Z".parse().unwrap();
    Context { account: "clerk".into(), now }
}

pub fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("store"), 8).unwrap();
    (dir, store)
}

pub fn build(kind: Kind, fields: &[(&str, &str)]) -> AnyData {
    let pairs: Vec<(String, String)> = fields.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    AnyData::build(kind, &pairs, today()).unwrap_or_else(|e| panic!("{}", e.message(silian::i18n::Lang::En)))
}

pub fn add(store: &Store, kind: Kind, fields: &[(&str, &str)]) -> u64 {
    store.create(&ctx(), build(kind, fields)).unwrap().meta.id
}

/// A community, a unit, a member linked to both, and one household: ids 1 each.
pub fn small_street(store: &Store) {
    add(store, Kind::Community, &[("name", "长安社区")]);
    add(store, Kind::Unit, &[("name", "滨江实验小学"), ("kind", "school")]);
    add(
        store,
        Kind::Member,
        &[("name", "余伟军"), ("role", "leader"), ("unit_id", "1"), ("community_id", "1"), ("line", "党建")],
    );
    add(
        store,
        Kind::Household,
        &[
            ("community_id", "1"),
            ("member_id", "1"),
            ("head", "曾国藩"),
            ("phone", "13812341234"),
            ("address", "幸福路12号501室"),
        ],
    );
}

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_silian")
}

/// Runs silian on `db` with a pinned date and language.
pub fn silian(db: &Path, lang: &str, args: &[&str]) -> Output {
    Command::new(bin())
        .args(args)
        .env("SILIAN_DB", db)
        .env("SILIAN_LANG", lang)
        .env("SILIAN_TODAY", "2026-11-29")
        .output()
        .unwrap()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn db_in(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("store")
}
