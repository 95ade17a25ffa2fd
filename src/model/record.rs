//! What every record has (id, revision, timestamps, archived) and the trait each
//! kind implements, plus building a record from `field = value` pairs.

use super::error::{FieldError, Invalid, Problem};
use super::fields::{empty_value, parse_field, spec_of, specs, validate_fields};
use super::kind::Kind;
use chrono::{DateTime, NaiveDate, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::fmt::Debug;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    pub id: u64,
    /// Counts saves, so that a save over someone else's newer change can be refused.
    pub rev: u64,
    #[serde(deserialize_with = "super::stamp::deserialize")]
    pub created_at: DateTime<Utc>,
    #[serde(deserialize_with = "super::stamp::deserialize")]
    pub updated_at: DateTime<Utc>,
    pub archived: bool,
}

/// A reference from one record to another, named by the field that holds it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ref {
    pub field: &'static str,
    pub kind: Kind,
    pub id: u64,
}

/// A value a record is found by, besides the records it refers to.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum IndexValue {
    Ref(Kind, u64),
    Date(NaiveDate),
    Status(String),
    Period(String),
}

pub trait RecordData: Serialize + DeserializeOwned + Clone + Debug + PartialEq + Send + 'static {
    const KIND: Kind;

    /// Fills what follows from other fields (a meeting's quarter from its date).
    fn normalize(&mut self) {}

    /// Rules that tie several fields together.
    fn check(&self) -> Vec<FieldError> {
        Vec::new()
    }

    fn refs(&self) -> Vec<Ref>;

    /// Dates and statuses the record is listed by.
    fn extra_index(&self) -> Vec<IndexValue> {
        Vec::new()
    }

    /// A short text that names the record in lists, pickers and search.
    fn label(&self) -> String;

    /// Text searched besides the label (summaries, content).
    fn search_text(&self) -> String {
        String::new()
    }

    /// The fields written freely, where a phone or ID number may be typed
    /// (a summary, a demand's content, notes).
    fn free_text_mut(&mut self) -> Vec<&mut String> {
        Vec::new()
    }

    fn index_values(&self) -> Vec<IndexValue> {
        let mut values: Vec<IndexValue> = self.refs().iter().map(|r| IndexValue::Ref(r.kind, r.id)).collect();
        values.extend(self.extra_index());
        values.sort();
        values.dedup();
        values
    }

    /// All field rules: the specs' and the kind's own.
    fn validate(&self) -> Result<(), Invalid> {
        let mut errors = super::field_check::field_errors(Self::KIND, self);
        errors.extend(self.check());
        if errors.is_empty() {
            Ok(())
        } else {
            Err(Invalid(errors))
        }
    }
}

pub fn to_map<T: Serialize>(data: &T) -> Map<String, Value> {
    match serde_json::to_value(data) {
        Ok(Value::Object(m)) => m,
        _ => Map::new(),
    }
}

pub fn opt_ref(field: &'static str, kind: Kind, id: Option<u64>) -> Option<Ref> {
    id.map(|id| Ref { field, kind, id })
}

pub fn refs_of<'a>(field: &'static str, kind: Kind, ids: &'a [u64]) -> impl Iterator<Item = Ref> + 'a {
    ids.iter().map(move |&id| Ref { field, kind, id })
}

/// Builds a record of kind `T` from `field = value` pairs as typed by a user,
/// on top of `base` when editing. Reports every bad field at once.
pub fn build<T: RecordData>(base: Option<&T>, fields: &[(String, String)], today: NaiveDate) -> Result<T, Invalid> {
    let mut map = base.map(to_map).unwrap_or_default();
    let mut errors = Vec::new();
    for (name, raw) in fields {
        match spec_of(T::KIND, name) {
            None => errors.push(unknown_field(T::KIND, name)),
            Some(spec) => match parse_field(spec, raw, today) {
                Ok(v) => {
                    map.insert(spec.name.to_string(), v);
                }
                Err(p) => errors.push(FieldError::new(T::KIND, spec.name, p)),
            },
        }
    }
    if base.is_none() {
        fill_defaults(T::KIND, &mut map, today);
    }
    fill_missing(T::KIND, &mut map, &mut errors);
    if !errors.is_empty() {
        // Report format problems of the other fields too, so one run names them all.
        let more: Vec<FieldError> =
            validate_fields(T::KIND, &map).into_iter().filter(|e| !already_reported(&errors, &e.field)).collect();
        errors.extend(more);
        return Err(Invalid(errors));
    }
    let mut data: T = from_map(map)?;
    data.normalize();
    data.validate()?;
    Ok(data)
}

fn unknown_field(kind: Kind, name: &str) -> FieldError {
    let known = specs(kind).iter().map(|s| s.name).collect();
    FieldError::new(kind, name.trim_start_matches("--"), Problem::UnknownField { known })
}

fn fill_defaults(kind: Kind, map: &mut Map<String, Value>, today: NaiveDate) {
    for spec in specs(kind) {
        let absent = map.get(spec.name).is_none_or(Value::is_null);
        if let (true, Some(default)) = (absent, spec.default) {
            if let Ok(v) = parse_field(spec, default, today) {
                map.insert(spec.name.to_string(), v);
            }
        }
    }
}

/// Missing optional fields become empty; missing required ones are errors.
fn fill_missing(kind: Kind, map: &mut Map<String, Value>, errors: &mut Vec<FieldError>) {
    for spec in specs(kind) {
        let absent = map.get(spec.name).is_none_or(Value::is_null);
        if absent && spec.required && !already_reported(errors, spec.name) {
            errors.push(FieldError::new(kind, spec.name, Problem::Required));
        } else if !map.contains_key(spec.name) {
            map.insert(spec.name.to_string(), empty_value(spec.ty));
        }
    }
}

fn already_reported(errors: &[FieldError], field: &str) -> bool {
    errors.iter().any(|e| e.field == field)
}

fn from_map<T: RecordData>(map: Map<String, Value>) -> Result<T, Invalid> {
    serde_json::from_value(Value::Object(map)).map_err(|e| {
        let problem = Problem::BadJson { value: String::new(), reason: e.to_string() };
        Invalid(vec![FieldError::new(T::KIND, "", problem)])
    })
}
