//! Stores written by earlier versions must open and read the same. The fixture
//! under tests/fixtures/store-v1 was written by schema version 1 (the first
//! release) with `cargo test --test migration -- --ignored write_fixture`.

mod common;

use common::*;
use silian::model::{AnyData, Kind};
use silian::store::{codec, Store, SCHEMA_VERSION};
use std::path::{Path, PathBuf};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/store-v1")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// What the fixture holds: a small street with one of every kind.
fn fill(store: &Store) {
    small_street(store);
    add(
        store,
        Kind::Visit,
        &[
            ("date", "2026-11-20"),
            ("member_id", "1"),
            ("kind", "home"),
            ("household_id", "1"),
            ("summary", "了解老人身体状况"),
        ],
    );
    add(
        store,
        Kind::Demand,
        &[
            ("raised_on", "2026-11-20"),
            ("visit_id", "1"),
            ("household_id", "1"),
            ("member_id", "1"),
            ("category", "infrastructure"),
            ("content", "楼道灯不亮"),
            ("status", "escalated"),
        ],
    );
    add(
        store,
        Kind::Meeting,
        &[
            ("date", "2026-10-09"),
            ("location", "街道三楼会议室"),
            ("chair_id", "1"),
            ("attendee_ids", "1"),
            ("topics", r#"[{"title":"楼道照明","demand_ids":[1],"discussion":"","decision":"由物业更换"}]"#),
            ("status", "held"),
        ],
    );
    add(
        store,
        Kind::Task,
        &[
            ("title", "更换楼道灯"),
            ("meeting_id", "1"),
            ("demand_ids", "1"),
            ("owner_id", "1"),
            ("due", "2026-12-15"),
            ("progress", r#"[{"date":"2026-11-25","reporter":"蒋娜","note":"已联系物业"}]"#),
        ],
    );
    add(
        store,
        Kind::Evaluation,
        &[("member_id", "1"), ("period", "2025"), ("vote_sets", "群众 25,6,1,0"), ("grade", "excellent")],
    );
    let mut settings = store.settings().unwrap();
    settings.set("street_name", "滨江街道").unwrap();
    store.set_settings(&ctx(), &settings).unwrap();
    store.set_archived(&ctx(), Kind::Unit, 1, true).unwrap();
}

#[test]
#[ignore = "writes the fixture; run only when a new schema version is released"]
fn write_fixture() {
    let path = fixture();
    let _ = std::fs::remove_dir_all(&path);
    let store = Store::open(&path, 8).unwrap();
    fill(&store);
}

#[test]
fn the_first_version_store_opens_and_reads_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    copy_dir(&fixture(), &path);
    let store = Store::open(&path, 8).unwrap();
    // The same records as a store filled today by the same steps.
    let (_dir, fresh) = temp_store();
    fill(&fresh);
    for kind in Kind::ALL {
        let old: Vec<(u64, bool, AnyData)> =
            store.list(kind, true).unwrap().into_iter().map(|r| (r.meta.id, r.meta.archived, r.data)).collect();
        let new: Vec<(u64, bool, AnyData)> =
            fresh.list(kind, true).unwrap().into_iter().map(|r| (r.meta.id, r.meta.archived, r.data)).collect();
        assert_eq!(old, new, "{kind}");
        // The roster and the sessions came after the fixture: their trees are made, empty, on open.
        assert_eq!(old.is_empty(), NEW_SINCE_FIXTURE.contains(&kind), "{kind}");
    }
    assert_eq!(store.settings().unwrap().street_name, "滨江街道");
    assert_eq!(store.audit_log().unwrap().len(), fresh.audit_log().unwrap().len());
    assert!(store.check().unwrap().is_empty());
    assert_eq!(SCHEMA_VERSION, 1, "a new schema version needs a migration step and a new fixture");
}

/// Kinds the fixture's silian did not know.
const NEW_SINCE_FIXTURE: [Kind; 2] = [Kind::Deputy, Kind::Session];

#[test]
fn a_first_version_store_takes_deputies_and_sessions_and_stays_sound() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    copy_dir(&fixture(), &path);
    let store = Store::open(&path, 8).unwrap();
    let deputy = add(&store, Kind::Deputy, &[("name", "林海燕"), ("type", "cppcc"), ("level", "city")]);
    let fields = [("period", "2025"), ("kind", "deputies"), ("date", "2026-01-17"), ("member_ids", "1")];
    let session = add(&store, Kind::Session, &[&fields[..], &[("deputy_ids", &deputy.to_string())]].concat());
    drop(store);
    let store = Store::open(&path, 8).unwrap();
    assert_eq!((store.count(Kind::Deputy), store.count(Kind::Session)), (1, 1));
    let AnyData::Session(s) = store.get(Kind::Session, session).unwrap().unwrap().data else { panic!() };
    assert_eq!((s.member_ids, s.deputy_ids), (vec![1], vec![deputy]));
    assert!(store.check().unwrap().is_empty(), "{:?}", store.check().unwrap());
}

/// The stored bytes of a record are pinned: a change to a record type that
/// would silently change its encoding fails here first.
#[test]
fn the_record_encoding_is_pinned() {
    let (_dir, store) = temp_store();
    small_street(&store);
    let rec = store.get(Kind::Household, 1).unwrap().unwrap();
    let bytes = codec::encode_any(&rec);
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(hex, PINNED_HOUSEHOLD, "encoding changed");
    assert_eq!(codec::decode_any(Kind::Household, &bytes).unwrap(), rec);
    assert!(matches!(codec::decode_any(Kind::Household, &[9, 0]), Err(codec::DecodeError::UnknownVersion(9))));
}

/// A session's bytes: its period as text, its kind by position, its lists of ids.
#[test]
fn the_session_encoding_is_pinned() {
    let (_dir, store) = temp_store();
    small_street(&store);
    let fields = [("period", "2025"), ("kind", "deputies"), ("date", "2026-01-17"), ("member_ids", "1")];
    add(&store, Kind::Session, &[&fields[..], &[("resident_reps", "20"), ("leader", "王立新")]].concat());
    let rec = store.get(Kind::Session, 1).unwrap().unwrap();
    let bytes = codec::encode_any(&rec);
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(hex, PINNED_SESSION, "encoding changed");
    assert_eq!(codec::decode_any(Kind::Session, &bytes).unwrap(), rec);
    let mut v1 = bytes.clone();
    v1[0] = 1;
    assert!(codec::decode_any(Kind::Session, &v1).is_err(), "no layout-1 session was ever written");
}

const PINNED_SESSION: &str = "02010114323032362d31312d32395430393a33303a30305a14323032362d31312d32395430393a33303a30305a000432303235010a323032362d30312d31370001010000011409e78e8be7ab8be696b000";

/// Layout 2 (the first byte): a household is written as in layout 1 otherwise.
const PINNED_HOUSEHOLD: &str = "02010114323032362d31312d32395430393a33303a30305a14323032362d31312d32395430393a33303a30305a0001010109e69bbee59bbde897a914e5b9b8e7a68fe8b7af3132e58fb7353031e5aea40b3133383132333431323334000000";
