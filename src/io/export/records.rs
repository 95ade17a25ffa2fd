//! Records of one kind as a block of typed cells: one column per field,
//! headed by its label; references as names, choices as labels, lists joined
//! with 、, dates and counts typed; residents' personal data masked unless revealed.

use super::table::{Block, Cell};
use crate::i18n::{list_sep, Lang};
use crate::model::demand::Round;
use crate::model::fields::{specs, FieldSpec, FieldType};
use crate::model::{AnyRecord, Kind, Progress, Topic};
use crate::present::{field_text, record_json, Labels};
use serde_json::{Map, Value};

/// One column of an export: a field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Column {
    pub spec: &'static FieldSpec,
}

impl Column {
    pub fn header(&self, lang: Lang) -> String {
        self.spec.label(lang).to_string()
    }
}

/// Every field of `kind`, in the order of its specs; vote sets as they are
/// typed (`群众 12,3,1,0/45/42；代表 …`), so that the file imports back.
pub fn columns(kind: Kind) -> Vec<Column> {
    specs(kind).iter().map(|spec| Column { spec }).collect()
}

/// The columns that add up in a `合计` row: counts (party members,
/// households, persons, funding), not vote tallies, which belong to one member each.
pub fn count_columns(kind: Kind) -> Vec<usize> {
    columns(kind)
        .iter()
        .enumerate()
        .filter(|(_, c)| matches!(c.spec.ty, FieldType::Count { .. }))
        .map(|(i, _)| i)
        .collect()
}

/// What to write and how.
pub struct ExportSpec<'a> {
    pub kind: Kind,
    pub lang: Lang,
    /// Whether a record's personal data is written in full.
    pub reveal: &'a dyn Fn(&AnyRecord) -> bool,
    /// Add a column that marks archived records.
    pub archived_column: bool,
}

/// The block an export writes: headers and one row per record, in the given order.
pub fn export_block<'r>(
    spec: &ExportSpec,
    records: impl IntoIterator<Item = &'r AnyRecord>,
    names: &impl Labels,
) -> Block {
    let columns = columns(spec.kind);
    let mut headers: Vec<String> = columns.iter().map(|c| c.header(spec.lang)).collect();
    if spec.archived_column {
        headers.push(spec.lang.pick("归档", "Archived").to_string());
    }
    let mut block = Block::new(headers);
    for rec in records {
        let map = record_json(rec, names, (spec.reveal)(rec));
        let mut row: Vec<Cell> = columns.iter().map(|c| cell(c, &map, names, spec.lang)).collect();
        if spec.archived_column {
            row.push(if rec.meta.archived { Cell::text(spec.lang.pick("已归档", "archived")) } else { Cell::Empty });
        }
        block.rows.push(row);
    }
    block
}

/// One field of a record (in its JSON form, already masked) as a typed cell.
pub fn cell(column: &Column, map: &Map<String, Value>, names: &impl Labels, lang: Lang) -> Cell {
    let spec = column.spec;
    let value = map.get(spec.name).unwrap_or(&Value::Null);
    match spec.ty {
        FieldType::Date => Cell::date(value.as_str().and_then(|s| s.parse().ok())),
        FieldType::Count { .. } => value.as_u64().map_or(Cell::Empty, Cell::count),
        FieldType::Json => Cell::text(entries_text(spec.name, value, lang)),
        _ => Cell::text(field_text(spec, value, names, lang)),
    }
}

/// Meeting topics and task progress as a person reads them: `议题：决定；…`,
/// `2026-11-01 王芳：已联系物业；…`.
pub fn entries_text(field: &str, value: &Value, lang: Lang) -> String {
    let (colon, sep) = (lang.pick("：", ": "), lang.pick("；", "; "));
    let joined = |parts: Vec<String>| parts.join(sep);
    match field {
        "topics" => match serde_json::from_value::<Vec<Topic>>(value.clone()) {
            Ok(topics) => joined(
                topics
                    .iter()
                    .map(|t| {
                        if t.decision.trim().is_empty() {
                            t.title.clone()
                        } else {
                            format!("{}{colon}{}", t.title, t.decision)
                        }
                    })
                    .collect(),
            ),
            Err(_) => compact(value),
        },
        "progress" => match serde_json::from_value::<Vec<Progress>>(value.clone()) {
            Ok(items) => joined(items.iter().map(|p| progress_text(p, lang)).collect()),
            Err(_) => compact(value),
        },
        "rounds" => match serde_json::from_value::<Vec<Round>>(value.clone()) {
            Ok(rounds) => joined(rounds.iter().map(|r| round_text(r, lang)).collect()),
            Err(_) => compact(value),
        },
        _ => compact(value),
    }
}

/// `2026-11-03 重办：灯又坏了（上轮：已协调物业修好路灯）`.
pub fn round_text(r: &Round, lang: Lang) -> String {
    let colon = lang.pick("：", ": ");
    let reopened = lang.pick("重办", "reopened");
    let before = match (r.resolution.trim(), lang) {
        ("", _) => String::new(),
        (text, Lang::Zh) => format!("（上轮：{text}）"),
        (text, Lang::En) => format!(" (previous round: {text})"),
    };
    format!("{} {reopened}{colon}{}{before}", r.date, r.reason)
}

pub fn progress_text(p: &Progress, lang: Lang) -> String {
    let colon = lang.pick("：", ": ");
    if p.reporter.trim().is_empty() {
        format!("{} {}", p.date, p.note)
    } else {
        format!("{} {}{colon}{}", p.date, p.reporter, p.note)
    }
}

fn compact(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::Array(a) if a.is_empty() => String::new(),
        other => other.to_string(),
    }
}

/// Names joined the way `lang` lists them.
pub fn join_names<'a>(names: impl IntoIterator<Item = &'a str>, lang: Lang) -> String {
    names.into_iter().collect::<Vec<_>>().join(list_sep(lang))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::present::Names;

    #[test]
    fn vote_sets_are_written_as_typed() {
        let headers: Vec<String> = columns(Kind::Evaluation).iter().map(|c| c.header(Lang::Zh)).collect();
        assert!(headers.contains(&"测评票".to_string()), "{headers:?}");
        let map: Map<String, Value> = serde_json::from_str(
            r#"{"vote_sets":{"residents":{"excellent":25,"competent":6,"basic":1,"incompetent":0,"issued":35,"returned":32},
                "deputies":{"excellent":8,"competent":2,"basic":0,"incompetent":0}},"period":"2025"}"#,
        )
        .unwrap();
        let cols = columns(Kind::Evaluation);
        let sets = cols.iter().find(|c| c.spec.name == "vote_sets").unwrap();
        // As typed, so that the file imports back.
        assert_eq!(cell(sets, &map, &Names::default(), Lang::Zh), Cell::text("群众 25,6,1,0/35/32；代表 8,2,0,0"));
    }

    #[test]
    fn topics_and_progress_read_as_text() {
        let topics: Value =
            serde_json::from_str(r#"[{"title":"楼道照明","decision":"物业更换"},{"title":"加装电梯"}]"#).unwrap();
        assert_eq!(entries_text("topics", &topics, Lang::Zh), "楼道照明：物业更换；加装电梯");
        let progress: Value =
            serde_json::from_str(r#"[{"date":"2026-11-01","reporter":"王芳","note":"已联系物业"}]"#).unwrap();
        assert_eq!(entries_text("progress", &progress, Lang::En), "2026-11-01 王芳: 已联系物业");
        assert_eq!(entries_text("progress", &Value::Array(vec![]), Lang::Zh), "");
    }
}
