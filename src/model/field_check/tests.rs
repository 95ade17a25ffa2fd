//! The typed check against the JSON one it stands in for, on every record of
//! the demo street and on records with a field changed at random.

use super::field_errors;
use crate::model::fields::validate_fields;
use crate::model::record::to_map;
use crate::model::{AnyData, Kind, RecordData, Wrap};
use crate::with_kind;
use proptest::prelude::*;
use serde_json::{json, Value};

fn demo_records() -> Vec<AnyData> {
    let demo = crate::demo::generate(1, "2026-11-29".parse().unwrap(), 7);
    let mut all: Vec<AnyData> = Vec::new();
    all.extend(demo.communities.into_iter().map(Wrap::wrap));
    all.extend(demo.units.into_iter().map(Wrap::wrap));
    all.extend(demo.members.into_iter().map(Wrap::wrap));
    all.extend(demo.households.into_iter().map(Wrap::wrap));
    all.extend(demo.visits.into_iter().map(Wrap::wrap));
    all.extend(demo.demands.into_iter().map(Wrap::wrap));
    all.extend(demo.meetings.into_iter().map(Wrap::wrap));
    all.extend(demo.tasks.into_iter().map(Wrap::wrap));
    all.extend(demo.evaluations.into_iter().map(Wrap::wrap));
    all.extend(demo.deputies.into_iter().map(Wrap::wrap));
    all.extend(demo.sessions.into_iter().map(Wrap::wrap));
    all
}

fn both_ways<T: RecordData>(data: &T) -> (Vec<crate::model::FieldError>, Vec<crate::model::FieldError>) {
    (field_errors(T::KIND, data), validate_fields(T::KIND, &to_map(data)))
}

#[test]
fn every_record_of_the_demo_street_is_judged_as_its_json_form() {
    let all = demo_records();
    assert!(Kind::ALL.iter().all(|k| all.iter().any(|d| d.kind() == *k)), "every kind is there");
    for data in &all {
        let (typed, json) = crate::with_data!(data, d => both_ways(d));
        assert_eq!(typed, json, "{data:?}");
    }
}

/// Values a field may be given in its JSON form: text that breaks the rules
/// (too long, control characters, not a phone or a date), blanks, nulls, lists.
fn value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(json!(null)),
        Just(json!("")),
        Just(json!("  \u{3000}")),
        Just(json!([])),
        Just(json!({})),
        Just(json!(0)),
        Just(json!(7)),
        Just(json!("2026-02-30")),
        Just(json!("1989-12-31")),
        Just(json!("2026-11-29")),
        Just(json!("13812341234")),
        Just(json!("0571-87654321")),
        Just(json!("电话")),
        Just(json!("a\u{7}b")),
        Just(json!("第一行\n第二行")),
        Just(json!(["hardship"])),
        "[a-z0-9 -]{0,20}".prop_map(Value::from),
        "[张王李你好，]{0,200}".prop_map(Value::from),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn a_record_with_a_field_changed_is_judged_as_its_json_form(pick in any::<prop::sample::Index>(), field in any::<prop::sample::Index>(), new in value()) {
        let all = demo_records();
        let data = &all[pick.index(all.len())];
        let mut map = data.to_map();
        let name = map.keys().nth(field.index(map.len())).cloned().unwrap_or_default();
        map.insert(name, new);
        // Values the record's type cannot hold are not records: nothing to judge.
        let judged = with_kind!(data.kind(), T => serde_json::from_value::<T>(Value::Object(map)).ok().map(|d| both_ways(&d)));
        if let Some((typed, json)) = judged {
            prop_assert_eq!(typed, json);
        }
    }
}
