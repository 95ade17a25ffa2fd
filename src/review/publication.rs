//! The 公示 list of a period's evaluations — member, post, unit, grade and
//! vote shares — as an XLSX sheet or Markdown, chosen by the file's extension.

use super::duty_text::period_name;
use super::roster::RosterRow;
use crate::i18n::Lang;
use crate::io::export::{xlsx, Block, Cell, Sheet, WriteError};
use crate::model::period::Period;
use std::fmt::Write;
use std::path::Path;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PublicationFormat {
    Xlsx,
    Markdown,
}

impl PublicationFormat {
    /// `.xlsx`, or `.md` / `.markdown`, ignoring case; `None` for anything else.
    pub fn of(path: &Path) -> Option<PublicationFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "xlsx" => Some(PublicationFormat::Xlsx),
            "md" | "markdown" => Some(PublicationFormat::Markdown),
            _ => None,
        }
    }
}

/// The list's title: the street, the period, what it is.
pub fn title(street: &str, period: Period, lang: Lang) -> String {
    let street = street.trim();
    let name = period_name(period, lang);
    match lang {
        Lang::Zh => format!("{street}大工委委员{name}“双述双评”考评结果公示"),
        Lang::En if street.is_empty() => format!("Evaluation results of committee members, {name}"),
        Lang::En => format!("{street}: evaluation results of committee members, {name}"),
    }
}

fn headers(lang: Lang) -> Vec<String> {
    let pairs = [
        ("序号", "No."),
        ("姓名", "Member"),
        ("岗位", "Post"),
        ("所在单位", "Unit"),
        ("等次", "Grade"),
        ("优秀票（%）", "Excellent (%)"),
        ("称职票（%）", "Competent (%)"),
        ("基本称职票（%）", "Basic (%)"),
        ("不称职票（%）", "Incompetent (%)"),
    ];
    pairs.iter().map(|(zh, en)| lang.pick(zh, en).to_string()).collect()
}

fn grade_text(row: &RosterRow, lang: Lang) -> String {
    row.grade.map_or_else(|| lang.pick("未评定", "not graded").to_string(), |g| g.label(lang).to_string())
}

pub fn sheet(rows: &[RosterRow], street: &str, period: Period, lang: Lang) -> Sheet {
    let mut block = Block::new(headers(lang));
    for (i, row) in rows.iter().enumerate() {
        let mut cells = vec![
            Cell::count(i as u64 + 1),
            Cell::text(row.member.clone()),
            Cell::text(row.post.clone()),
            Cell::text(row.unit.clone()),
            Cell::text(grade_text(row, lang)),
        ];
        let shares = row.shares().map_or([Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty], |s| s.map(Cell::Number));
        cells.extend(shares);
        block.rows.push(cells);
    }
    Sheet {
        name: lang.pick("公示", "Publication").into(),
        title: vec![title(street, period, lang)],
        block,
        autofilter: false,
        lang,
    }
}

pub fn markdown(rows: &[RosterRow], street: &str, period: Period, lang: Lang) -> String {
    let mut t = format!("# {}\n\n", title(street, period, lang));
    let headers = headers(lang);
    let _ = writeln!(t, "| {} |", headers.join(" | "));
    let _ = writeln!(t, "|{}", "---|".repeat(headers.len()));
    for (i, row) in rows.iter().enumerate() {
        let shares = row
            .shares()
            .map_or([String::new(), String::new(), String::new(), String::new()], |s| s.map(|p| format!("{p:.1}%")));
        let cells =
            [(i + 1).to_string(), row.member.clone(), row.post.clone(), row.unit.clone(), grade_text(row, lang)];
        let cells: Vec<String> = cells.into_iter().chain(shares).map(|c| md_cell(&c)).collect();
        let _ = writeln!(t, "| {} |", cells.join(" | "));
    }
    t
}

/// A pipe or a line break inside a cell would break the table.
fn md_cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\n', '\r'], " ")
}

/// The file's bytes in `format`.
pub fn bytes(
    format: PublicationFormat,
    rows: &[RosterRow],
    street: &str,
    period: Period,
    lang: Lang,
) -> Result<Vec<u8>, WriteError> {
    match format {
        PublicationFormat::Xlsx => Ok(xlsx::workbook_bytes(&[sheet(rows, street, period, lang)])?),
        PublicationFormat::Markdown => Ok(markdown(rows, street, period, lang).into_bytes()),
    }
}
