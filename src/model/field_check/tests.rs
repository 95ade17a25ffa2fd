//! The typed check against the JSON one it stands in for, on a record of
//! every kind with each field given values that break the rules, and at random.

use super::field_errors;
use crate::model::fields::{specs, validate_fields, FieldType};
use crate::model::record::to_map;
use crate::model::{FieldError, Kind, RecordData};
use crate::with_kind;
use proptest::prelude::*;
use serde_json::{json, Map, Value};

/// A record of `kind` with every field given, in its JSON form.
fn sample(kind: Kind) -> Map<String, Value> {
    let value = |ty: FieldType| match ty {
        FieldType::Text { .. } | FieldType::LongText { .. } => json!("幸福路 1 号"),
        FieldType::Phone => json!("13812341234"),
        FieldType::Date => json!("2026-11-29"),
        FieldType::Count { .. } => json!(3),
        FieldType::Choice(choices) => json!(choices[0].id),
        FieldType::Choices(choices) => json!([choices[0].id]),
        FieldType::Ref(_) => json!(1),
        FieldType::Refs(_) => json!([1, 2]),
        FieldType::Quarter => json!("2026Q4"),
        FieldType::Period => json!("2026"),
        FieldType::VoteSets => json!({}),
        FieldType::Json => json!([]),
    };
    specs(kind).iter().map(|s| (s.name.to_string(), value(s.ty))).collect()
}

/// Both verdicts on `map` as a record of `kind`; `None` when the type cannot hold it.
fn judged(kind: Kind, map: Map<String, Value>) -> Option<(Vec<FieldError>, Vec<FieldError>)> {
    with_kind!(kind, T => serde_json::from_value::<T>(Value::Object(map)).ok().map(|d| both_ways(&d)))
}

fn both_ways<T: RecordData>(data: &T) -> (Vec<FieldError>, Vec<FieldError>) {
    (field_errors(T::KIND, data), validate_fields(T::KIND, &to_map(data)))
}

#[test]
fn every_field_of_every_kind_is_judged_as_its_json_form() {
    let troubles =
        [json!(null), json!(""), json!(" "), json!([]), json!({}), json!("a\u{7}b"), json!("x".repeat(3000))];
    for kind in Kind::ALL {
        let (typed, json) = judged(kind, sample(kind)).unwrap_or_else(|| panic!("a sample {kind}"));
        assert_eq!(typed, json, "{kind}");
        for spec in specs(kind) {
            for trouble in &troubles {
                let mut map = sample(kind);
                map.insert(spec.name.to_string(), trouble.clone());
                if let Some((typed, json)) = judged(kind, map) {
                    assert_eq!(typed, json, "{kind}.{} = {trouble}", spec.name);
                }
            }
        }
    }
}

#[test]
fn a_record_that_breaks_the_rules_gets_the_same_errors_in_the_same_order() {
    let mut map = sample(Kind::Household);
    map.insert("head".into(), json!("  "));
    map.insert("phone".into(), json!("电话"));
    map.insert("notes".into(), json!("x".repeat(2001)));
    let (typed, json) = judged(Kind::Household, map).expect("a household");
    let fields: Vec<&str> = typed.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["head", "phone", "notes"]);
    assert_eq!(typed, json);
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
    fn a_record_with_a_field_changed_is_judged_as_its_json_form(kind in any::<prop::sample::Index>(), field in any::<prop::sample::Index>(), new in value()) {
        let kind = Kind::ALL[kind.index(Kind::ALL.len())];
        let mut map = sample(kind);
        let name = specs(kind)[field.index(specs(kind).len())].name;
        map.insert(name.to_string(), new);
        // Values the record's type cannot hold are not records: nothing to judge.
        if let Some((typed, json)) = judged(kind, map) {
            prop_assert_eq!(typed, json);
        }
    }
}
