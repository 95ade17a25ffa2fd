//! Fields made of items (a meeting's topics, a task's progress reports),
//! checked item by item and part by part, so that a refusal says which item
//! and which part is wrong and what is expected (`议题第 2 项 标题：…`), rather
//! than that the whole field is not valid JSON.

use super::error::{FieldError, Problem};
use super::kind::Kind;
use crate::i18n::Lang;
use chrono::NaiveDate;
use serde_json::Value;

/// What a part of an item holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PartType {
    /// One line of text, at most this many characters.
    Line(usize),
    /// Text of several lines, at most this many characters.
    Text(usize),
    Date,
    /// The date of something that has happened: not later than today.
    PastDate,
    /// Record ids.
    Ids,
    /// One of these choices, by its id.
    Choice(&'static [super::choice::Choice]),
}

/// One part of an item: its key, labels, type, and whether it must be given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Part {
    pub key: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
    pub ty: PartType,
    pub required: bool,
}

impl Part {
    pub const fn new(key: &'static str, zh: &'static str, en: &'static str, ty: PartType) -> Part {
        Part { key, zh, en, ty, required: false }
    }

    pub const fn required(self) -> Part {
        Part { required: true, ..self }
    }

    pub fn label(&self, lang: Lang) -> &'static str {
        lang.pick(self.zh, self.en)
    }
}

/// The parts of a composite field's items (every such field has a name of its own).
pub fn parts_of(field: &str) -> Option<&'static [Part]> {
    match field {
        "topics" => Some(super::meeting::TOPIC_PARTS),
        "progress" => Some(super::task::PROGRESS_PARTS),
        "rounds" => Some(super::demand::ROUND_PARTS),
        _ => None,
    }
}

/// The label of a part, found by its key among every composite field's parts.
pub fn part_label(key: &str, lang: Lang) -> String {
    let all = [super::meeting::TOPIC_PARTS, super::task::PROGRESS_PARTS, super::demand::ROUND_PARTS];
    all.iter().flat_map(|p| p.iter()).find(|p| p.key == key).map_or(key.to_string(), |p| p.label(lang).to_string())
}

/// The first problem of a composite field's JSON value: not a list, an item
/// not an object, a part of the wrong type, missing or out of its limits.
/// `today`, when known (as typed, not as stored), keeps past dates past.
pub fn shape_problem(parts: &[Part], value: &Value, today: Option<NaiveDate>) -> Option<Problem> {
    let Value::Array(items) = value else {
        return Some(Problem::NotAList);
    };
    items.iter().enumerate().find_map(|(i, item)| {
        let in_item = |part: &'static str, problem: Problem| Problem::in_item(i + 1, part, problem);
        let Value::Object(map) = item else {
            return Some(in_item("", Problem::NotAList));
        };
        if let Some(key) = map.keys().find(|k| !parts.iter().any(|p| p.key == k.as_str())) {
            let known = parts.iter().map(|p| p.key).collect();
            return Some(Problem::in_item(i + 1, "", Problem::UnknownPart { key: key.clone(), known }));
        }
        parts.iter().find_map(|part| part_problem(part, map.get(part.key), today).map(|p| in_item(part.key, p)))
    })
}

fn part_problem(part: &Part, value: Option<&Value>, today: Option<NaiveDate>) -> Option<Problem> {
    let value = match value {
        None | Some(Value::Null) => return part.required.then_some(Problem::Required),
        Some(v) => v,
    };
    match (part.ty, value) {
        (PartType::Line(max), Value::String(s)) => text_problem(s, max, false, part.required),
        (PartType::Text(max), Value::String(s)) => text_problem(s, max, true, part.required),
        (PartType::Date, Value::String(s)) => super::fields::date_problem(s),
        (PartType::PastDate, Value::String(s)) => super::fields::date_problem(s).or_else(|| {
            let (date, today) = (s.parse::<NaiveDate>().ok()?, today?);
            (date > today).then(|| Problem::InFuture { value: s.clone(), today: today.to_string() })
        }),
        (PartType::Ids, Value::Array(ids)) => {
            ids.iter().find(|id| id.as_u64().is_none_or(|n| n == 0)).map(|id| Problem::BadId { value: id.to_string() })
        }
        (PartType::Ids, other) => Some(Problem::BadId { value: other.to_string() }),
        (PartType::Choice(choices), Value::String(s)) => {
            (!choices.iter().any(|c| c.id == s)).then(|| Problem::BadChoice { value: s.clone(), choices })
        }
        (_, other) => Some(Problem::NotText { value: other.to_string() }),
    }
}

fn text_problem(text: &str, max: usize, multiline: bool, required: bool) -> Option<Problem> {
    if required && text.trim().is_empty() {
        return Some(Problem::Required);
    }
    super::fields::text_problem(text, max, multiline)
}

/// Every item problem of a record's composite field, as field errors.
pub fn item_errors(kind: Kind, field: &'static str, value: &Value) -> Vec<FieldError> {
    let parts = parts_of(field).unwrap_or_default();
    shape_problem(parts, value, None).map(|p| FieldError::new(kind, field, p)).into_iter().collect()
}

/// A date written `YYYY-MM-DD` that no calendar has (2026-02-30).
pub fn is_impossible_date(text: &str) -> bool {
    let parts: Vec<&str> = text.trim().split('-').collect();
    let numbers: Option<Vec<u32>> = parts.iter().map(|p| p.parse().ok()).collect();
    match numbers.as_deref() {
        Some([y, m, d]) if parts[0].len() == 4 && (1..=12).contains(m) && (1..=31).contains(d) => {
            NaiveDate::from_ymd_opt(*y as i32, *m, *d).is_none()
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fields::{parse_field, spec_of};

    fn refusal(kind: Kind, field: &str, json: &str, lang: Lang) -> String {
        let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        let problem = parse_field(spec_of(kind, field).unwrap(), json, today).unwrap_err();
        FieldError::new(kind, field, problem).message(lang)
    }

    #[test]
    fn a_refusal_names_the_item_and_the_part() {
        let long = format!(r#"[{{"title":"电动车"}},{{"title":"{}"}}]"#, "长".repeat(300));
        let zh = refusal(Kind::Meeting, "topics", &long, Lang::Zh);
        assert!(zh.contains("第 2 项 标题：") && zh.contains("200"), "{zh}");
        let en = refusal(Kind::Meeting, "topics", &long, Lang::En);
        assert!(en.contains("item 2, title: ") && en.contains("200"), "{en}");
        let day = r#"[{"date":"2026-02-30","note":"已走访"}]"#;
        let zh = refusal(Kind::Task, "progress", day, Lang::Zh);
        assert!(zh.contains("第 1 项 日期：2026-02-30 不存在"), "{zh}");
        let en = refusal(Kind::Task, "progress", day, Lang::En);
        assert!(en.contains("item 1, date: 2026-02-30 does not exist"), "{en}");
    }

    #[test]
    fn control_characters_missing_parts_and_strange_shapes_are_refused() {
        let cases = [
            (Kind::Meeting, "topics", "[{\"title\":\"a\\u001b]0;x\\u0007\"}]", "控制字符"),
            (Kind::Task, "progress", r#"[{"date":"2026-11-29","note":"  "}]"#, "第 1 项 进展情况：必填"),
            (Kind::Task, "progress", r#"[{"date":"2026-11-29","note":"x","when":1}]"#, "没有“when”"),
            (Kind::Task, "progress", r#"{"date":"2026-11-29"}"#, "列表"),
            (Kind::Task, "progress", r#"[{"date":20261129,"note":"x"}]"#, "应为文字"),
            (Kind::Meeting, "topics", r#"[{"title":"a","demand_ids":[0]}]"#, "第 1 项 相关诉求"),
        ];
        for (kind, field, json, expected) in cases {
            let zh = refusal(kind, field, json, Lang::Zh);
            assert!(zh.contains(expected), "{json}: {zh}");
        }
    }

    #[test]
    fn discussion_may_run_over_several_lines() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        let spec = spec_of(Kind::Meeting, "topics").unwrap();
        assert!(parse_field(spec, r#"[{"title":"a","discussion":"一\n二\t三"}]"#, today).is_ok());
    }
}
