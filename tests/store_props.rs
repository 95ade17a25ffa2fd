//! Random sequences of creates, edits and archive toggles against an in-memory
//! model: the store must list the same records, and its indexes must answer
//! exactly what the records imply.

mod common;

use common::*;
use proptest::prelude::*;
use silian::model::{AnyData, IndexValue, Kind};
use std::collections::BTreeMap;

#[derive(Clone, Debug)]
enum Op {
    AddHousehold { community: u8 },
    AddVisit { household: u8, day: u8 },
    MoveVisit { visit: u8, household: u8, day: u8 },
    ToggleArchive { kind_is_visit: bool, which: u8 },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0u8..3).prop_map(|community| Op::AddHousehold { community }),
        (any::<u8>(), 1u8..28).prop_map(|(household, day)| Op::AddVisit { household, day }),
        (any::<u8>(), any::<u8>(), 1u8..28).prop_map(|(visit, household, day)| Op::MoveVisit { visit, household, day }),
        (any::<bool>(), any::<u8>()).prop_map(|(kind_is_visit, which)| Op::ToggleArchive { kind_is_visit, which }),
    ]
}

/// The model: per kind, id → (data, archived).
type Model = BTreeMap<(Kind, u64), (AnyData, bool)>;

fn pick(model: &Model, kind: Kind, n: u8, active_only: bool) -> Option<u64> {
    let ids: Vec<u64> =
        model.iter().filter(|((k, _), (_, a))| *k == kind && !(active_only && *a)).map(|((_, id), _)| *id).collect();
    (!ids.is_empty()).then(|| ids[n as usize % ids.len()])
}

fn visit(household: u64, day: u8) -> AnyData {
    let date = format!("2026-11-{day:02}");
    build(
        Kind::Visit,
        &[
            ("date", &date),
            ("member_id", "1"),
            ("kind", "home"),
            ("household_id", &household.to_string()),
            ("summary", "走访"),
        ],
    )
}

fn apply(store: &silian::store::Store, model: &mut Model, op: &Op) {
    match *op {
        Op::AddHousehold { community } => {
            let data =
                build(Kind::Household, &[("community_id", &(community as u64 + 1).to_string()), ("head", "张三")]);
            let rec = store.create(&ctx(), data.clone()).unwrap();
            model.insert((Kind::Household, rec.meta.id), (data, false));
        }
        Op::AddVisit { household, day } => {
            let Some(h) = pick(model, Kind::Household, household, true) else { return };
            let rec = store.create(&ctx(), visit(h, day)).unwrap();
            model.insert((Kind::Visit, rec.meta.id), (visit(h, day), false));
        }
        Op::MoveVisit { visit: v, household, day } => {
            let (Some(v), Some(h)) =
                (pick(model, Kind::Visit, v, false), pick(model, Kind::Household, household, true))
            else {
                return;
            };
            store.update(&ctx(), v, visit(h, day), None).unwrap();
            model.get_mut(&(Kind::Visit, v)).unwrap().0 = visit(h, day);
        }
        Op::ToggleArchive { kind_is_visit, which } => {
            let kind = if kind_is_visit { Kind::Visit } else { Kind::Household };
            let Some(id) = pick(model, kind, which, false) else { return };
            let entry = model.get_mut(&(kind, id)).unwrap();
            entry.1 = !entry.1;
            store.set_archived(&ctx(), kind, id, entry.1).unwrap();
        }
    }
}

fn assert_agrees(store: &silian::store::Store, model: &Model) {
    for kind in [Kind::Household, Kind::Visit] {
        let listed: Vec<(u64, AnyData, bool)> =
            store.list(kind, true).unwrap().into_iter().map(|r| (r.meta.id, r.data, r.meta.archived)).collect();
        let expected: Vec<(u64, AnyData, bool)> =
            model.iter().filter(|((k, _), _)| *k == kind).map(|((_, id), (d, a))| (*id, d.clone(), *a)).collect();
        assert_eq!(listed, expected);
    }
    for (&(kind, id), (data, _)) in model {
        for value in data.index_values() {
            assert!(store.ids_by(kind, &value).unwrap().contains(&id), "{kind} {id} missing under {value:?}");
        }
    }
    let per_household = |h: u64| -> Vec<u64> {
        model
            .iter()
            .filter(|((k, _), (d, _))| {
                *k == Kind::Visit && d.index_values().contains(&IndexValue::Ref(Kind::Household, h))
            })
            .map(|((_, id), _)| *id)
            .collect()
    };
    for &(_, h) in model.keys().filter(|(k, _)| *k == Kind::Household) {
        assert_eq!(store.ids_by(Kind::Visit, &IndexValue::Ref(Kind::Household, h)).unwrap(), per_household(h));
    }
    assert!(store.check().unwrap().is_empty(), "{:?}", store.check().unwrap());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn indexes_follow_every_sequence_of_changes(ops in proptest::collection::vec(op(), 1..40)) {
        let (_dir, store) = temp_store();
        for name in ["长安社区", "新安社区", "三堡社区"] {
            add(&store, Kind::Community, &[("name", name)]);
        }
        add(&store, Kind::Member, &[("name", "余伟军"), ("role", "leader")]);
        let mut model = Model::new();
        for op in &ops {
            apply(&store, &mut model, op);
        }
        assert_agrees(&store, &model);
    }
}
