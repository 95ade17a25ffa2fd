//! The 公示 list of a period's evaluations — member, post, unit, grade and
//! vote shares — as an XLSX sheet or Markdown, chosen by the file's extension.

use super::duty_text::period_name;
use super::roster::RosterRow;
use crate::i18n::Lang;
use crate::io::export::{xlsx, Block, Cell, Sheet, WriteError};
use crate::model::period::Period;
use crate::model::Settings;
use chrono::NaiveDate;
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

/// The 公示期 and where to object: `公示期：2026-12-03 至 2026-12-09。如有异议，请向 街道党政办 0571-12345678 反映。`
pub fn publicity_line((from, to): (NaiveDate, NaiveDate), contact: &str, lang: Lang) -> String {
    let contact = contact.trim();
    match (lang, contact.is_empty()) {
        (Lang::Zh, false) => format!("公示期：{from} 至 {to}。如有异议，请于公示期内向 {contact} 反映。"),
        (Lang::Zh, true) => format!("公示期：{from} 至 {to}。如有异议，请于公示期内向街道党工委反映。"),
        (Lang::En, false) => format!("Open to objections from {from} to {to}: contact {contact}."),
        (Lang::En, true) => format!("Open to objections from {from} to {to}: contact the street's party committee."),
    }
}

/// `滨江街道党工委 2026-12-03`: who publishes, and when.
pub fn signature(street: &str, on: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}党工委　{}", street.trim(), on.format("%Y年%-m月%-d日")),
        Lang::En => format!("{} party working committee, {on}", street.trim()),
    }
}

pub fn sheet(
    rows: &[RosterRow],
    settings: &Settings,
    period: Period,
    publicity: (NaiveDate, NaiveDate),
    lang: Lang,
) -> Sheet {
    let street = settings.street_name.as_str();
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
        title: vec![
            title(street, period, lang),
            publicity_line(publicity, &settings.objection_contact, lang),
            signature(street, publicity.0, lang),
        ],
        block,
        autofilter: false,
        lang,
    }
}

pub fn markdown(
    rows: &[RosterRow],
    settings: &Settings,
    period: Period,
    publicity: (NaiveDate, NaiveDate),
    lang: Lang,
) -> String {
    let street = settings.street_name.as_str();
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
    let _ = write!(
        t,
        "\n{}\n\n{}\n",
        publicity_line(publicity, &settings.objection_contact, lang),
        signature(street, publicity.0, lang)
    );
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
    settings: &Settings,
    period: Period,
    publicity: (NaiveDate, NaiveDate),
    lang: Lang,
) -> Result<Vec<u8>, WriteError> {
    match format {
        PublicationFormat::Xlsx => Ok(xlsx::workbook_bytes(&[sheet(rows, settings, period, publicity, lang)])?),
        PublicationFormat::Markdown => Ok(markdown(rows, settings, period, publicity, lang).into_bytes()),
    }
}

/// What an evaluation still lacks before its grade can be made public.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Missing {
    Grade,
    CommitteeReport,
    DeputiesReport,
    VoteSet(crate::model::enums::VoteSetKind),
}

impl Missing {
    pub fn label(self, lang: Lang) -> String {
        match self {
            Missing::Grade => lang.pick("等次", "grade").into(),
            Missing::CommitteeReport => lang.pick("向大工委述职", "report to the committee").into(),
            Missing::DeputiesReport => lang.pick("向两代表一委员述职", "report to the deputies").into(),
            Missing::VoteSet(kind) => match lang {
                Lang::Zh => format!("{}测评票", kind.label(lang)),
                Lang::En => format!("{} votes", kind.label(lang)),
            },
        }
    }
}

/// A member whose evaluation is not ready for the 公示, and what it lacks.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Unready {
    pub member: String,
    pub missing: Vec<Missing>,
}

/// Every row not ready for the 公示: without a grade, either report, or a
/// vote set the grade needs. Empty when the period may be published.
pub fn unready(rows: &[RosterRow]) -> Vec<Unready> {
    rows.iter()
        .filter_map(|r| {
            let mut missing = Vec::new();
            if r.grade.is_none() {
                missing.push(Missing::Grade);
            }
            if r.committee_report_on.is_none() {
                missing.push(Missing::CommitteeReport);
            }
            if r.deputies_report_on.is_none() {
                missing.push(Missing::DeputiesReport);
            }
            missing.extend(r.missing_sets.iter().map(|k| Missing::VoteSet(*k)));
            (!missing.is_empty()).then(|| Unready { member: r.member.clone(), missing })
        })
        .collect()
}

/// `余伟军（缺：等次、代表测评票）；…` — every member named, for the refusal.
pub fn unready_text(list: &[Unready], lang: Lang) -> String {
    let sep = crate::i18n::list_sep(lang);
    let each: Vec<String> = list
        .iter()
        .map(|u| {
            let missing: Vec<String> = u.missing.iter().map(|m| m.label(lang)).collect();
            match lang {
                Lang::Zh => format!("{}（缺：{}）", u.member, missing.join(sep)),
                Lang::En => format!("{} (missing: {})", u.member, missing.join(sep)),
            }
        })
        .collect();
    each.join(lang.pick("；", "; "))
}
