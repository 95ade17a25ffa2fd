//! A district's roll-up of its streets' 报送表 (`silian rollup`): no store is
//! needed, only the files. Each file's `data` sheet is read back; a file of
//! another format or version, or a street and period given twice, is refused
//! with the file named rather than added in twice.

use super::feedback::{FeedbackRow, DATA_COLUMNS, DATA_SHEET, FORMAT, FORMAT_VERSION, REASON_COLUMN};
use crate::i18n::Lang;
use crate::io::export::{Block, Cell, Sheet};
use crate::io::read::{read_xlsx_sheet, ReadError, Row};
use crate::model::enums::{Grade, Recommendation};
use crate::model::VoteSet;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum RollupError {
    #[error("{path}: cannot be read")]
    Read { path: PathBuf, error: ReadError },
    #[error("{path}: not a silian feedback file")]
    NotFeedback { path: PathBuf },
    #[error("{path}: format version {found}")]
    Version { path: PathBuf, found: String },
    #[error("{path}: line {line}: {column}")]
    BadCell { path: PathBuf, line: usize, column: &'static str, value: String },
    #[error("{street} {period} twice")]
    Twice { street: String, period: String, first: PathBuf, second: PathBuf },
}

impl RollupError {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (RollupError::Read { path, error }, _) => format!("{}: {}", path.display(), error.message(lang)),
            (RollupError::NotFeedback { path }, Lang::Zh) => {
                format!("{} 不是 silian 的报送表（没有 {DATA_SHEET} 工作表，或其首格不是 {FORMAT}）", path.display())
            }
            (RollupError::NotFeedback { path }, Lang::En) => {
                format!("{} is not a silian feedback file (no {DATA_SHEET} sheet, or its first cell is not {FORMAT})", path.display())
            }
            (RollupError::Version { path, found }, Lang::Zh) => format!(
                "{} 的报送表格式版本为 {found}，本版 silian 读取版本 {FORMAT_VERSION}；请用同一版本的 silian 重新导出",
                path.display()
            ),
            (RollupError::Version { path, found }, Lang::En) => format!(
                "{} is feedback format version {found}; this silian reads version {FORMAT_VERSION}: export it again with the same silian",
                path.display()
            ),
            (RollupError::BadCell { path, line, column, value }, Lang::Zh) => {
                format!("{} 第 {line} 行 {column} 列：\"{value}\" 无法识别", path.display())
            }
            (RollupError::BadCell { path, line, column, value }, Lang::En) => {
                format!("{} line {line}, column {column}: \"{value}\" is not understood", path.display())
            }
            (RollupError::Twice { street, period, first, second }, Lang::Zh) => format!(
                "{street} {period} 的报送表出现了两次：{} 与 {}；请只保留一份",
                first.display(),
                second.display()
            ),
            (RollupError::Twice { street, period, first, second }, Lang::En) => format!(
                "{street} {period} is given twice: {} and {}; keep one",
                first.display(),
                second.display()
            ),
        }
    }
}

/// Every row of every file, checked; in the files' order.
pub fn read_all(paths: &[PathBuf]) -> Result<Vec<FeedbackRow>, RollupError> {
    let mut seen: BTreeMap<(String, String), PathBuf> = BTreeMap::new();
    let mut all = Vec::new();
    for path in paths {
        let rows = read_one(path)?;
        let mut keys: Vec<(String, String)> = rows.iter().map(|r| (r.street.clone(), r.period.clone())).collect();
        keys.dedup();
        for key in keys {
            if let Some(first) = seen.get(&key) {
                let (street, period) = key;
                return Err(RollupError::Twice { street, period, first: first.clone(), second: path.clone() });
            }
            seen.insert(key, path.clone());
        }
        all.extend(rows);
    }
    Ok(all)
}

fn read_one(path: &Path) -> Result<Vec<FeedbackRow>, RollupError> {
    let read = |error| RollupError::Read { path: path.to_path_buf(), error };
    let sheet = read_xlsx_sheet(path, DATA_SHEET).map_err(read)?;
    let not_feedback = || RollupError::NotFeedback { path: path.to_path_buf() };
    let sheet = sheet.ok_or_else(not_feedback)?;
    let mut rows = sheet.rows.iter().filter(|r| !r.is_blank());
    let marker = rows.next().ok_or_else(not_feedback)?;
    let (format, version) = marker.cell(0).split_once(' ').ok_or_else(not_feedback)?;
    if format != FORMAT {
        return Err(not_feedback());
    }
    if version.trim() != FORMAT_VERSION.to_string() {
        return Err(RollupError::Version { path: path.to_path_buf(), found: version.trim().to_string() });
    }
    let header = rows.next().ok_or_else(not_feedback)?;
    let expected = DATA_COLUMNS.iter().copied().chain([REASON_COLUMN]);
    if !expected.enumerate().all(|(i, name)| header.cell(i) == name) {
        return Err(RollupError::Version { path: path.to_path_buf(), found: format!("{version}?") });
    }
    rows.map(|row| parse_row(path, row)).collect()
}

fn parse_row(path: &Path, row: &Row) -> Result<FeedbackRow, RollupError> {
    let bad = |i: usize| RollupError::BadCell {
        path: path.to_path_buf(),
        line: row.line,
        column: DATA_COLUMNS.get(i).copied().unwrap_or(REASON_COLUMN),
        value: row.cell(i).to_string(),
    };
    let number = |i: usize| -> Result<Option<u32>, RollupError> {
        let text = row.cell(i).trim();
        if text.is_empty() {
            return Ok(None);
        }
        text.parse::<u32>().map(Some).map_err(|_| bad(i))
    };
    let count = |i: usize| number(i).map(Option::unwrap_or_default);
    let set = |at: usize| -> Result<Option<VoteSet>, RollupError> {
        if (at..at + 4).all(|i| row.cell(i).trim().is_empty()) {
            return Ok(None);
        }
        Ok(Some(VoteSet {
            excellent: count(at)?,
            competent: count(at + 1)?,
            basic: count(at + 2)?,
            incompetent: count(at + 3)?,
            issued: number(at + 4)?,
            returned: number(at + 5)?,
        }))
    };
    let grade = match row.cell(5).trim() {
        "" => None,
        text => Some(Grade::parse(text).ok_or_else(|| bad(5))?),
    };
    let recommendation = match row.cell(37).trim() {
        "" => None,
        text => Some(Recommendation::parse(text).ok_or_else(|| bad(37))?),
    };
    Ok(FeedbackRow {
        street: row.cell(0).to_string(),
        period: row.cell(1).to_string(),
        member: row.cell(2).to_string(),
        unit: row.cell(3).to_string(),
        post: row.cell(4).to_string(),
        grade,
        sets: [set(6)?, set(12)?, set(18)?],
        households_linked: count(24)?,
        households_target: count(25)?,
        households_visited: count(26)?,
        visits: count(27)?,
        demands_handled: count(28)?,
        demands_resolved: count(29)?,
        follow_ups: count(30)?,
        satisfied: count(31)?,
        basic_satisfied: count(32)?,
        meetings_held: count(33)?,
        meetings_attended: count(34)?,
        tasks_on_time: count(35)?,
        tasks_late: count(36)?,
        recommendation,
        recommendation_reason: row.cell(38).to_string(),
    })
}

/// One street's figures, added up over its members.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StreetTotals {
    pub street: String,
    pub period: String,
    pub members: u32,
    /// Excellent, competent, basic, incompetent, and not graded.
    pub grades: [u32; 5],
    pub issued: u32,
    pub returned: u32,
    pub households_visited: u32,
    pub households_target: u32,
    pub demands_handled: u32,
    pub demands_resolved: u32,
    pub follow_ups: u32,
    pub satisfied: u32,
}

/// Per street and period, in the order they first appear.
pub fn street_totals(rows: &[FeedbackRow]) -> Vec<StreetTotals> {
    let mut out: Vec<StreetTotals> = Vec::new();
    for r in rows {
        let at = match out.iter().position(|t| t.street == r.street && t.period == r.period) {
            Some(at) => at,
            None => {
                out.push(StreetTotals {
                    street: r.street.clone(),
                    period: r.period.clone(),
                    ..StreetTotals::default()
                });
                out.len() - 1
            }
        };
        let t = &mut out[at];
        t.members += 1;
        let slot = r.grade.map_or(4, |g| Grade::ALL.iter().position(|x| *x == g).unwrap_or(4));
        t.grades[slot] += 1;
        for set in r.sets.iter().flatten() {
            if let (Some(i), Some(ret)) = (set.issued, set.returned) {
                t.issued += i;
                t.returned += ret;
            }
        }
        t.households_visited += r.households_visited;
        t.households_target += r.households_target;
        t.demands_handled += r.demands_handled;
        t.demands_resolved += r.demands_resolved;
        t.follow_ups += r.follow_ups;
        t.satisfied += r.satisfied + r.basic_satisfied;
    }
    out
}

/// `42/45 (93.3%)`, or `-` when nothing was counted.
fn ratio(part: u32, whole: u32) -> String {
    if whole == 0 {
        return "-".into();
    }
    format!("{part}/{whole} ({:.1}%)", f64::from(part) * 100.0 / f64::from(whole))
}

/// The district workbook: the streets side by side, every member, the recommendations.
pub fn sheets(rows: &[FeedbackRow], lang: Lang) -> Vec<Sheet> {
    let pick = |zh: &'static str, en: &'static str| lang.pick(zh, en).to_string();
    let mut streets = Block::new(vec![
        pick("街道", "Street"),
        pick("考评期", "Period"),
        pick("考评人数", "Members evaluated"),
        pick("优秀", "Excellent"),
        pick("称职", "Competent"),
        pick("基本称职", "Basic"),
        pick("不称职", "Incompetent"),
        pick("未评定", "Not graded"),
        pick("测评票收回率", "Ballots returned"),
        pick("联系户走访（已走访/应联系）", "Households visited / target"),
        pick("诉求办结", "Demands resolved"),
        pick("回访满意率", "Follow-ups satisfied"),
    ])
    // The district's own figures: members and grades added up.
    .with_totals(lang, (2..8).collect());
    for t in street_totals(rows) {
        let mut cells = vec![Cell::text(t.street.clone()), Cell::text(t.period.clone()), Cell::count(t.members)];
        cells.extend(t.grades.map(Cell::count));
        cells.extend([
            Cell::text(ratio(t.returned, t.issued)),
            Cell::text(ratio(t.households_visited, t.households_target)),
            Cell::text(ratio(t.demands_resolved, t.demands_handled)),
            Cell::text(ratio(t.satisfied, t.follow_ups)),
        ]);
        streets.rows.push(cells);
    }
    let mut members = Block::new(vec![
        pick("街道", "Street"),
        pick("考评期", "Period"),
        pick("姓名", "Member"),
        pick("所在单位", "Unit"),
        pick("岗位", "Post"),
        pick("等次", "Grade"),
        pick("推荐", "Recommendation"),
    ]);
    let mut recommended = Block::new(vec![
        pick("街道", "Street"),
        pick("姓名", "Member"),
        pick("所在单位", "Unit"),
        pick("等次", "Grade"),
        pick("推荐", "Recommendation"),
        pick("推荐理由", "Reason"),
    ]);
    for r in rows {
        let grade = r.grade.map(|g| g.label(lang).to_string()).unwrap_or_default();
        let rec = r.recommendation.filter(|x| *x != Recommendation::None).map(|x| x.label(lang).to_string());
        members.rows.push(vec![
            Cell::text(r.street.clone()),
            Cell::text(r.period.clone()),
            Cell::text(r.member.clone()),
            Cell::text(r.unit.clone()),
            Cell::text(r.post.clone()),
            Cell::text(grade.clone()),
            Cell::text(rec.clone().unwrap_or_default()),
        ]);
        if let Some(rec) = rec {
            recommended.rows.push(vec![
                Cell::text(r.street.clone()),
                Cell::text(r.member.clone()),
                Cell::text(r.unit.clone()),
                Cell::text(grade),
                Cell::text(rec),
                Cell::text(r.recommendation_reason.clone()),
            ]);
        }
    }
    recommended.empty_note = Some(pick("（无）", "(none)"));
    let sheet = |name: &str, title: &str, block: Block| Sheet {
        name: name.into(),
        title: vec![title.into()],
        block,
        autofilter: false,
        lang,
    };
    vec![
        sheet(&pick("各街道", "Streets"), &pick("各街道“双述双评”结果汇总", "双述双评 results by street"), streets),
        sheet(&pick("委员", "Members"), &pick("各街道大工委委员考评结果", "Every member's result"), members),
        sheet(&pick("推荐", "Recommended"), &pick("推荐评先评优及两代表一委员人选", "Recommendations"), recommended),
    ]
}

/// The district workbook of `rows`.
pub fn workbook_bytes(rows: &[FeedbackRow], lang: Lang) -> Result<Vec<u8>, crate::io::export::WriteError> {
    Ok(crate::io::export::xlsx::workbook_bytes(&sheets(rows, lang))?)
}
