//! The store on temporary databases: round trips, references, archive, audit,
//! revisions, settings, check, backup and restore, schema versions.

mod common;

use common::*;
use silian::model::{AnyData, IndexValue, Kind, Problem};
use silian::store::{AuditAction, Store, StoreError};

#[test]
fn records_round_trip_with_bookkeeping() {
    let (_dir, store) = temp_store();
    small_street(&store);
    let rec = store.get(Kind::Household, 1).unwrap().unwrap();
    assert_eq!(rec.meta.id, 1);
    assert_eq!(rec.meta.rev, 1);
    assert_eq!(rec.meta.created_at, ctx().now);
    assert!(!rec.meta.archived);
    let AnyData::Household(h) = &rec.data else { panic!("kind") };
    assert_eq!(h.head, "曾国藩");
    assert_eq!(store.list(Kind::Member, false).unwrap().len(), 1);
}

#[test]
fn ids_are_per_kind_and_never_reused() {
    let (_dir, store) = temp_store();
    small_street(&store);
    let second = add(&store, Kind::Community, &[("name", "新安社区")]);
    assert_eq!(second, 2);
    store.set_archived(&ctx(), Kind::Community, 2, true).unwrap();
    assert_eq!(add(&store, Kind::Community, &[("name", "三堡社区")]), 3);
}

#[test]
fn references_must_exist() {
    let (_dir, store) = temp_store();
    let err = store.create(&ctx(), build(Kind::Household, &[("community_id", "9"), ("head", "张三")])).unwrap_err();
    let StoreError::Invalid(inv) = err else { panic!("{err:?}") };
    assert_eq!(inv.0[0].field, "community_id");
    assert_eq!(inv.0[0].problem, Problem::NotFound { kind: Kind::Community, id: 9 });
    assert!(inv.message(silian::i18n::Lang::Zh).contains("找不到编号为 9 的社区"));
}

#[test]
fn archived_records_cannot_be_newly_referenced_but_old_references_stay() {
    let (_dir, store) = temp_store();
    small_street(&store);
    store.set_archived(&ctx(), Kind::Community, 1, true).unwrap();
    let new = build(Kind::Household, &[("community_id", "1"), ("head", "李四")]);
    assert!(matches!(store.create(&ctx(), new), Err(StoreError::Invalid(_))));
    // The existing household keeps its community and can still be edited.
    let old = store.get(Kind::Household, 1).unwrap().unwrap();
    let edited = old.data.edit(&[("size".into(), "3".into())], today()).unwrap();
    store.update(&ctx(), 1, edited, None).unwrap();
    // Unarchiving is possible and lists show it again.
    assert!(store.list(Kind::Community, false).unwrap().is_empty());
    store.set_archived(&ctx(), Kind::Community, 1, false).unwrap();
    assert_eq!(store.list(Kind::Community, false).unwrap().len(), 1);
}

#[test]
fn updates_bump_the_revision_and_refuse_stale_saves() {
    let (_dir, store) = temp_store();
    small_street(&store);
    let old = store.get(Kind::Member, 1).unwrap().unwrap();
    let a = old.data.edit(&[("post".into(), "书记".into())], today()).unwrap();
    let saved = store.update(&ctx(), 1, a, Some(1)).unwrap();
    assert_eq!(saved.meta.rev, 2);
    let b = old.data.edit(&[("post".into(), "副书记".into())], today()).unwrap();
    assert!(matches!(store.update(&ctx(), 1, b, Some(1)), Err(StoreError::Stale { found: 2, .. })));
}

#[test]
fn every_change_is_audited_field_by_field() {
    let (_dir, store) = temp_store();
    small_street(&store);
    let old = store.get(Kind::Household, 1).unwrap().unwrap();
    let edited = old.data.edit(&[("phone".into(), "13900001111".into())], today()).unwrap();
    store.update(&ctx(), 1, edited, None).unwrap();
    store.set_archived(&ctx(), Kind::Household, 1, true).unwrap();
    let log = store.audit_log().unwrap();
    let update = log.iter().find(|e| e.action == AuditAction::Update).unwrap();
    assert_eq!((update.kind, update.id, update.account.as_str()), (Some(Kind::Household), 1, "clerk"));
    assert_eq!(update.changes.len(), 1);
    assert_eq!((update.changes[0].old.as_str(), update.changes[0].new.as_str()), ("13812341234", "13900001111"));
    assert_eq!(log.last().unwrap().action, AuditAction::Archive);
    assert_eq!(log.len(), 6);
}

#[test]
fn an_unchanged_save_writes_nothing() {
    let (_dir, store) = temp_store();
    small_street(&store);
    let old = store.get(Kind::Member, 1).unwrap().unwrap();
    let same = store.update(&ctx(), 1, old.data.clone(), None).unwrap();
    assert_eq!(same.meta.rev, 1);
    assert_eq!(store.audit_log().unwrap().len(), 4);
}

#[test]
fn indexes_find_related_records() {
    let (_dir, store) = temp_store();
    small_street(&store);
    add(
        &store,
        Kind::Visit,
        &[("date", "2026-11-01"), ("member_id", "1"), ("kind", "home"), ("household_id", "1"), ("summary", "了解情况")],
    );
    add(
        &store,
        Kind::Visit,
        &[
            ("date", "2026-11-02"),
            ("member_id", "1"),
            ("kind", "phone"),
            ("household_id", "1"),
            ("summary", "电话回访"),
        ],
    );
    let by_household = store.ids_by(Kind::Visit, &IndexValue::Ref(Kind::Household, 1)).unwrap();
    assert_eq!(by_household, vec![1, 2]);
    let on_day = store.ids_by(Kind::Visit, &IndexValue::Date("2026-11-02".parse().unwrap())).unwrap();
    assert_eq!(on_day, vec![2]);
    // Editing the date moves the index entry.
    let v = store.get(Kind::Visit, 2).unwrap().unwrap();
    let moved = v.data.edit(&[("date".into(), "2026-11-03".into())], today()).unwrap();
    store.update(&ctx(), 2, moved, None).unwrap();
    assert!(store.ids_by(Kind::Visit, &IndexValue::Date("2026-11-02".parse().unwrap())).unwrap().is_empty());
    assert!(store.check().unwrap().is_empty());
}

#[test]
fn one_evaluation_per_member_and_period() {
    let (_dir, store) = temp_store();
    small_street(&store);
    add(&store, Kind::Evaluation, &[("member_id", "1"), ("period", "2025"), ("vote_sets", "群众 20,5,1,0")]);
    let again = build(Kind::Evaluation, &[("member_id", "1"), ("period", "2025")]);
    let Err(StoreError::Invalid(inv)) = store.create(&ctx(), again) else { panic!("duplicate accepted") };
    assert_eq!(inv.0[0].field, "period");
    add(&store, Kind::Evaluation, &[("member_id", "1"), ("period", "2025H1")]);
}

#[test]
fn settings_persist_and_are_audited() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    {
        let store = Store::open(&path, 8).unwrap();
        let mut s = store.settings().unwrap();
        s.set("visit_cycle_days", "60").unwrap();
        s.set("street_name", "滨江街道").unwrap();
        store.set_settings(&ctx(), &s).unwrap();
    }
    let store = Store::open(&path, 8).unwrap();
    assert_eq!(store.settings().unwrap().visit_cycle_days, 60);
    let entry = store.audit_log().unwrap().pop().unwrap();
    assert_eq!(entry.action, AuditAction::Settings);
    assert_eq!(entry.changes.len(), 2);
}

#[test]
fn check_finds_a_broken_index_and_reference() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    {
        let store = Store::open(&path, 8).unwrap();
        small_street(&store);
        assert!(store.check().unwrap().is_empty());
    }
    {
        // Tamper underneath the store: drop the community record and an index entry.
        let db = sled::open(&path).unwrap();
        db.open_tree("community").unwrap().remove(1u64.to_be_bytes()).unwrap();
        let index = db.open_tree("index").unwrap();
        let first = index.iter().keys().next().unwrap().unwrap();
        index.remove(first).unwrap();
        db.flush().unwrap();
    }
    let store = Store::open(&path, 8).unwrap();
    let problems = store.check().unwrap();
    let text: Vec<String> = problems.iter().map(|p| p.message(silian::i18n::Lang::En)).collect();
    assert!(text.iter().any(|t| t.contains("refers to community 1")), "{text:?}");
    assert!(text.iter().any(|t| t.contains("index")), "{text:?}");
}

#[test]
fn backup_and_restore_reproduce_the_store() {
    let (_dir, store) = temp_store();
    small_street(&store);
    store.set_archived(&ctx(), Kind::Unit, 1, true).unwrap();
    let mut file = Vec::new();
    assert_eq!(store.backup(&ctx(), &mut file).unwrap(), 4);
    let (_dir2, other) = temp_store();
    let summary = other.restore(&ctx(), || Ok(file.as_slice()), false).unwrap();
    assert_eq!(summary.records, 4);
    for kind in [Kind::Community, Kind::Unit, Kind::Member, Kind::Household] {
        assert_eq!(other.list(kind, true).unwrap(), store.list(kind, true).unwrap());
    }
    assert!(other.check().unwrap().is_empty());
    // New records continue after the restored ids.
    assert_eq!(add(&other, Kind::Community, &[("name", "新安社区")]), 2);
    // A store with records is refused unless forced.
    assert!(matches!(other.restore(&ctx(), || Ok(file.as_slice()), false), Err(StoreError::NotEmpty)));
    other.restore(&ctx(), || Ok(file.as_slice()), true).unwrap();
    assert_eq!(other.count(Kind::Community), 1);
}

#[test]
fn a_truncated_or_foreign_backup_is_refused_before_anything_is_written() {
    let (_dir, store) = temp_store();
    small_street(&store);
    let mut file = Vec::new();
    store.backup(&ctx(), &mut file).unwrap();
    let text = String::from_utf8(file).unwrap();
    let cut: String = text.lines().take(3).map(|l| format!("{l}\n")).collect();
    let (_dir2, other) = temp_store();
    let err = other.restore(&ctx(), || Ok(cut.as_bytes()), false).unwrap_err();
    assert!(err.message(silian::i18n::Lang::En).contains("cut short"), "{err:?}");
    assert!(other.is_empty());
    let err = other.restore(&ctx(), || Ok("hello\n".as_bytes()), false).unwrap_err();
    assert!(matches!(err, StoreError::Backup(_)));
}

#[test]
fn a_store_from_a_newer_silian_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    drop(Store::open(&path, 8).unwrap());
    {
        let db = sled::open(&path).unwrap();
        db.open_tree("meta").unwrap().insert("schema_version", &99u32.to_be_bytes()).unwrap();
        db.flush().unwrap();
    }
    let Err(err) = Store::open(&path, 8) else { panic!("opened") };
    assert!(matches!(err, StoreError::NewerSchema { found: 99, .. }));
    assert!(err.message(silian::i18n::Lang::Zh).contains("升级"));
}

#[test]
fn the_api_types_travel_as_bytes() {
    use silian::ops::{self, Request, Response};
    let (_dir, store) = temp_store();
    let request = Request::from(ops::records::Create { data: build(Kind::Community, &[("name", "长安社区")]) });
    let bytes = bincode::serde::encode_to_vec(&request, bincode::config::standard()).unwrap();
    let (back, _): (Request, usize) = bincode::serde::decode_from_slice(&bytes, bincode::config::standard()).unwrap();
    ask(&store, ops::settings::GetSettings).unwrap(); // makes the test's account an admin
    let response = ops::handle_as(&store, &ctx(), back).unwrap();
    let bytes = bincode::serde::encode_to_vec(&response, bincode::config::standard()).unwrap();
    let (back, _): (Response, usize) = bincode::serde::decode_from_slice(&bytes, bincode::config::standard()).unwrap();
    assert!(matches!(back, Response::Create(r) if r.meta.id == 1));
}

#[test]
fn a_half_written_snapshot_left_by_a_kill_does_not_stop_the_store_from_opening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    {
        let store = Store::open(&path, 8).unwrap();
        small_street(&store);
    }
    // What a kill during sled's snapshot writing leaves behind.
    std::fs::write(path.join("snap.FFFFFFFFFFFFFFFF.generating"), b"partial").unwrap();
    let store = Store::open(&path, 8).unwrap();
    assert_eq!(store.count(Kind::Household), 1);
    assert!(store.check().unwrap().is_empty());
}
