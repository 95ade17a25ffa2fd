//! Records as people read them, shared by the command line and the workbench:
//! DOMAIN-named fields, references named, residents' personal data masked
//! unless revealed. Nothing here knows of the terminal.

use crate::i18n::Lang;
use crate::model::fields::{display_value, specs, FieldSpec, FieldType};
use crate::model::{AnyRecord, Kind};
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::collections::HashMap;

/// Names of referenced records, however a front end keeps them.
pub trait Labels {
    /// Borrowed where held, made where cheaper to make than to hold (visits).
    fn label_of(&self, kind: Kind, id: u64) -> Option<Cow<'_, str>>;
}

/// Labels of the records that a list refers to, loaded once per command.
#[derive(Default)]
pub struct Names {
    labels: HashMap<(Kind, u64), String>,
}

impl Names {
    /// Loads the labels of every kind that `kind`'s fields refer to.
    pub fn for_kind<E>(list: impl Fn(Kind) -> Result<Vec<AnyRecord>, E>, kind: Kind) -> Result<Names, E> {
        let mut names = Names::default();
        let mut targets: Vec<Kind> = specs(kind).iter().filter_map(|s| ref_kind(s.ty)).collect();
        if kind == Kind::Household {
            targets.push(Kind::Community);
        }
        targets.sort();
        targets.dedup();
        for target in targets {
            for rec in list(target)? {
                names.labels.insert((target, rec.id()), rec.data.label());
            }
        }
        Ok(names)
    }
}

impl Labels for Names {
    fn label_of(&self, kind: Kind, id: u64) -> Option<Cow<'_, str>> {
        self.labels.get(&(kind, id)).map(|l| Cow::Borrowed(l.as_str()))
    }
}

fn ref_kind(ty: FieldType) -> Option<Kind> {
    match ty {
        FieldType::Ref(k) | FieldType::Refs(k) => Some(k),
        _ => None,
    }
}

/// The record's JSON with personal fields masked unless `reveal`.
pub fn record_json(rec: &AnyRecord, names: &impl Labels, reveal: bool) -> Map<String, Value> {
    let mut map = rec.to_json();
    if !reveal {
        mask(rec.kind(), &mut map, names);
    }
    map
}

fn mask(kind: Kind, map: &mut Map<String, Value>, names: &impl Labels) {
    let community = map.get("community_id").and_then(Value::as_u64).and_then(|id| names.label_of(Kind::Community, id));
    let community = community.map(Cow::into_owned);
    for spec in specs(kind) {
        let Some(Value::String(text)) = map.get(spec.name) else { continue };
        if let Some(masked) = spec.masked(kind, text, community.as_deref()) {
            map.insert(spec.name.to_string(), Value::from(masked));
        }
    }
}

/// Columns of `silian list` in table form.
pub fn table_columns(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Member => &["name", "role", "post", "line", "unit_id", "community_id", "phone"],
        Kind::Unit => &["name", "kind", "party_org", "secretary", "phone", "party_members"],
        Kind::Community => &["name", "secretary", "phone", "households_total", "population"],
        Kind::Household => &["head", "community_id", "member_id", "address", "phone", "size", "tags"],
        Kind::Visit => &["date", "member_id", "kind", "target", "summary"],
        Kind::Demand => &["raised_on", "category", "status", "member_id", "target", "content"],
        Kind::Meeting => &["date", "quarter", "kind", "location", "status"],
        Kind::Task => &["title", "owner_id", "due", "status", "meeting_id"],
        Kind::Evaluation => &["member_id", "period", "grade", "vote_sets"],
        Kind::Deputy => &["name", "type", "level", "sector", "community_id", "phone"],
        Kind::Session => &["period", "kind", "date", "member_ids", "deputy_ids", "resident_reps"],
    }
}

pub fn column_label(kind: Kind, column: &str, lang: Lang) -> String {
    if column == "target" {
        return lang.pick("对象", "Target").to_string();
    }
    crate::model::fields::spec_of(kind, column).map_or(column.to_string(), |s| s.label(lang).to_string())
}

/// One cell as a person reads it: labels for choices, names for references.
pub fn cell(kind: Kind, map: &Map<String, Value>, column: &str, names: &impl Labels, lang: Lang) -> String {
    if column == "target" {
        return target_cell(map, names);
    }
    let Some(spec) = crate::model::fields::spec_of(kind, column) else { return String::new() };
    let value = map.get(column).unwrap_or(&Value::Null);
    let text = field_text(spec, value, names, lang);
    match (kind, column) {
        (Kind::Evaluation, "grade") if grade_overridden(map) => {
            format!("{text}{}", lang.pick("（手工）", " (overridden)"))
        }
        // The feedback to the organisation departments is owed until its date is set.
        (Kind::Evaluation, "fed_back_city_on" | "fed_back_district_on") if text.is_empty() => {
            lang.pick("缺", "missing").to_string()
        }
        _ => text,
    }
}

/// An evaluation's grade was set by hand: a reason is recorded (see `crate::review::grading`).
fn grade_overridden(map: &Map<String, Value>) -> bool {
    map.get("grade_reason").and_then(Value::as_str).is_some_and(|r| !r.trim().is_empty())
}

pub fn field_text(spec: &FieldSpec, value: &Value, names: &impl Labels, lang: Lang) -> String {
    match (spec.ty, value) {
        (FieldType::Ref(k), Value::Number(n)) => ref_text(names, k, n.as_u64().unwrap_or(0)),
        (FieldType::Refs(k), Value::Array(items)) => items
            .iter()
            .map(|v| ref_text(names, k, v.as_u64().unwrap_or(0)))
            .collect::<Vec<_>>()
            .join(crate::i18n::list_sep(lang)),
        _ => display_value(spec, value, lang),
    }
}

fn ref_text(names: &impl Labels, kind: Kind, id: u64) -> String {
    names.label_of(kind, id).map_or(format!("#{id}"), Cow::into_owned)
}

fn target_cell(map: &Map<String, Value>, names: &impl Labels) -> String {
    let visitor = map.get("visitor").and_then(Value::as_str).unwrap_or_default();
    let community = map.get("community_id").and_then(Value::as_u64);
    if let (false, Some(id)) = (visitor.trim().is_empty(), community) {
        return format!("{visitor}（{}）", ref_text(names, Kind::Community, id));
    }
    let refs = [("household_id", Kind::Household), ("unit_id", Kind::Unit), ("community_id", Kind::Community)];
    for (field, kind) in refs {
        if let Some(id) = map.get(field).and_then(Value::as_u64) {
            return ref_text(names, kind, id);
        }
    }
    map.get("visitor").and_then(Value::as_str).unwrap_or_default().to_string()
}

/// Raw values for CSV: ids, choice ids, `12,3,1,0`, compact JSON for lists.
pub fn raw_text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) if items.iter().all(|v| v.is_number() || v.is_string()) => {
            items.iter().map(|v| v.as_str().map_or(v.to_string(), str::to_string)).collect::<Vec<_>>().join(",")
        }
        Value::Object(m) if m.contains_key("excellent") => ["excellent", "competent", "basic", "incompetent"]
            .map(|k| m.get(k).map(Value::to_string).unwrap_or_default())
            .join(","),
        other => other.to_string(),
    }
}

/// Text from records never reaches a terminal raw: control characters are
/// shown as `\u{1b}`, newlines and tabs as spaces.
pub fn visible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\t' => out.push(' '),
            c if c.is_control() => out.push_str(&c.escape_unicode().to_string()),
            c => out.push(c),
        }
    }
    out
}

/// As [`visible`], line by line: a message of several lines keeps its lines.
pub fn visible_lines(text: &str) -> String {
    text.split('\n').map(visible).collect::<Vec<_>>().join("\n")
}

/// Rows as CSV text with a header row.
pub fn csv_text(headers: &[String], rows: &[Vec<String>]) -> Result<String, String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    std::iter::once(headers)
        .chain(rows.iter().map(Vec::as_slice))
        .try_for_each(|row| writer.write_record(row))
        .map_err(|e| e.to_string())?;
    let bytes = writer.into_inner().map_err(|e| e.to_string())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
