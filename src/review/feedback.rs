//! The 报送表 to the city and district organisation departments (市委组织部,
//! 区委组织部): per evaluated member the grade, the votes of each set, the
//! year's work record and the committee's recommendation. The workbook holds
//! a sheet for people and a sheet for machines (`data`, with a format name
//! and version in its first row), which `silian rollup` adds up across streets.

use super::duty::DutyReport;
use super::roster::percentages;
use super::roster::RosterRow;
use crate::i18n::Lang;
use crate::io::export::{xlsx, Block, Cell, Sheet, WriteError};
use crate::model::enums::{Grade, Recommendation, VoteSetKind};
use crate::model::period::Period;
use crate::model::VoteSet;
use serde::{Deserialize, Serialize};

/// What the machine-readable sheet says it is, in its first cell.
pub const FORMAT: &str = "silian-feedback";
/// Raised when a column of the `data` sheet changes meaning.
pub const FORMAT_VERSION: u32 = 1;
/// The machine-readable sheet's name.
pub const DATA_SHEET: &str = "data";

/// One evaluated member, as sent.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FeedbackRow {
    pub street: String,
    pub period: String,
    pub member: String,
    pub unit: String,
    pub post: String,
    pub grade: Option<Grade>,
    /// Residents', deputies' and committee's sets, in that order.
    pub sets: [Option<VoteSet>; 3],
    pub households_linked: u32,
    pub households_target: u32,
    pub households_visited: u32,
    pub visits: u32,
    pub demands_handled: u32,
    pub demands_resolved: u32,
    pub follow_ups: u32,
    pub satisfied: u32,
    pub basic_satisfied: u32,
    pub meetings_held: u32,
    pub meetings_attended: u32,
    pub tasks_on_time: u32,
    pub tasks_late: u32,
    pub recommendation: Option<Recommendation>,
    pub recommendation_reason: String,
}

/// The member's row from the period's roster row and their work record.
pub fn row(street: &str, period: Period, r: &RosterRow, duty: &DutyReport, reason: &str) -> FeedbackRow {
    FeedbackRow {
        street: street.to_string(),
        period: period.to_string(),
        member: r.member.clone(),
        unit: r.unit.clone(),
        post: r.post.clone(),
        grade: r.grade,
        sets: [VoteSetKind::Residents, VoteSetKind::Deputies, VoteSetKind::Committee]
            .map(|k| r.vote_sets.get(k).copied()),
        households_linked: duty.households.linked,
        households_target: duty.households.target,
        households_visited: duty.households.visited,
        visits: duty.visits.total,
        demands_handled: duty.demands.handled,
        demands_resolved: duty.demands.resolved,
        follow_ups: duty.follow_ups.total,
        satisfied: duty.follow_ups.satisfied,
        basic_satisfied: duty.follow_ups.basic,
        meetings_held: duty.meetings.held,
        meetings_attended: duty.meetings.attended,
        tasks_on_time: duty.tasks.on_time,
        tasks_late: duty.tasks.late,
        recommendation: Some(r.recommendation),
        recommendation_reason: reason.to_string(),
    }
}

/// The `data` sheet's columns after the format row, in order.
pub const DATA_COLUMNS: [&str; 38] = [
    "street",
    "period",
    "member",
    "unit",
    "post",
    "grade",
    "residents_excellent",
    "residents_competent",
    "residents_basic",
    "residents_incompetent",
    "residents_issued",
    "residents_returned",
    "deputies_excellent",
    "deputies_competent",
    "deputies_basic",
    "deputies_incompetent",
    "deputies_issued",
    "deputies_returned",
    "committee_excellent",
    "committee_competent",
    "committee_basic",
    "committee_incompetent",
    "committee_issued",
    "committee_returned",
    "households_linked",
    "households_target",
    "households_visited",
    "visits",
    "demands_handled",
    "demands_resolved",
    "follow_ups",
    "satisfied",
    "basic_satisfied",
    "meetings_held",
    "meetings_attended",
    "tasks_on_time",
    "tasks_late",
    "recommendation",
];

/// The recommendation's reason comes last, after the fixed columns.
pub const REASON_COLUMN: &str = "recommendation_reason";

fn set_cells(set: &Option<VoteSet>) -> [Cell; 6] {
    let n = |x: Option<u32>| x.map_or(Cell::Empty, Cell::count);
    match set {
        Some(s) => [
            Cell::count(s.excellent),
            Cell::count(s.competent),
            Cell::count(s.basic),
            Cell::count(s.incompetent),
            n(s.issued),
            n(s.returned),
        ],
        None => [Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty],
    }
}

/// The machine-readable sheet: the format row, the column names, a row per member.
pub fn data_sheet(rows: &[FeedbackRow]) -> Sheet {
    let mut headers: Vec<String> = DATA_COLUMNS.iter().map(|c| c.to_string()).collect();
    headers.push(REASON_COLUMN.to_string());
    let mut block = Block::new(headers);
    for r in rows {
        let mut cells = vec![
            Cell::text(r.street.clone()),
            Cell::text(r.period.clone()),
            Cell::text(r.member.clone()),
            Cell::text(r.unit.clone()),
            Cell::text(r.post.clone()),
            Cell::text(r.grade.map(|g| g.id()).unwrap_or_default()),
        ];
        for set in &r.sets {
            cells.extend(set_cells(set));
        }
        let figures = [
            r.households_linked,
            r.households_target,
            r.households_visited,
            r.visits,
            r.demands_handled,
            r.demands_resolved,
            r.follow_ups,
            r.satisfied,
            r.basic_satisfied,
            r.meetings_held,
            r.meetings_attended,
            r.tasks_on_time,
            r.tasks_late,
        ];
        cells.extend(figures.map(Cell::count));
        cells.push(Cell::text(r.recommendation.map(|x| x.id()).unwrap_or_default()));
        cells.push(Cell::text(r.recommendation_reason.clone()));
        block.rows.push(cells);
    }
    // For machines: its words are the fixed English keys, its footer English too.
    Sheet {
        name: DATA_SHEET.into(),
        title: vec![format!("{FORMAT} {FORMAT_VERSION}")],
        block,
        autofilter: false,
        lang: Lang::En,
    }
}

/// `优秀 75.0% 称职 18.8% …（发出 45 收回 42）` for one set.
fn set_text(set: &Option<VoteSet>, lang: Lang) -> String {
    let Some(set) = set else { return String::new() };
    // Rounded as the 公示 rounds them, so that both papers say the same.
    let Some(shares) = percentages(set.votes()) else { return String::new() };
    let shares: Vec<String> =
        Grade::ALL.iter().zip(shares).map(|(g, p)| format!("{} {p:.1}%", g.label(lang))).collect();
    let ballots = match (set.issued, set.returned, lang) {
        (Some(i), Some(r), Lang::Zh) => format!("（发出 {i} 收回 {r}）"),
        (Some(i), Some(r), Lang::En) => format!(" ({i} issued, {r} returned)"),
        _ => String::new(),
    };
    format!("{}{ballots}", shares.join(" "))
}

/// The sheet people read and sign: one row per member.
pub fn report_sheet(rows: &[FeedbackRow], street: &str, period_title: &str, lang: Lang) -> Sheet {
    let headers = [
        ("姓名", "Member"),
        ("所在单位", "Unit"),
        ("岗位", "Post"),
        ("等次", "Grade"),
        ("群众测评", "Residents' votes"),
        ("代表测评", "Deputies' votes"),
        ("大工委测评", "Committee's votes"),
        ("联系户（走访/联系/应联系）", "Households (visited/linked/target)"),
        ("走访次数", "Visits"),
        ("诉求（办结/经办）", "Demands (resolved/handled)"),
        ("回访满意（满意+基本满意/回访）", "Satisfied (satisfied+basic/follow-ups)"),
        ("议事会（参加/召开）", "Meetings (attended/held)"),
        ("责任事项（按期/逾期）", "Tasks (on time/late)"),
        ("推荐", "Recommendation"),
        ("推荐理由", "Reason"),
    ]
    .map(|(zh, en)| lang.pick(zh, en).to_string())
    .to_vec();
    let mut block = Block::new(headers);
    for r in rows {
        let grade =
            r.grade.map_or_else(|| lang.pick("未评定", "not graded").to_string(), |g| g.label(lang).to_string());
        let recommendation = r.recommendation.filter(|x| *x != Recommendation::None).map(|x| x.label(lang).to_string());
        block.rows.push(vec![
            Cell::text(r.member.clone()),
            Cell::text(r.unit.clone()),
            Cell::text(r.post.clone()),
            Cell::text(grade),
            Cell::text(set_text(&r.sets[0], lang)),
            Cell::text(set_text(&r.sets[1], lang)),
            Cell::text(set_text(&r.sets[2], lang)),
            Cell::text(format!("{}/{}/{}", r.households_visited, r.households_linked, r.households_target)),
            Cell::count(r.visits),
            Cell::text(format!("{}/{}", r.demands_resolved, r.demands_handled)),
            Cell::text(format!("{}/{}", r.satisfied + r.basic_satisfied, r.follow_ups)),
            Cell::text(format!("{}/{}", r.meetings_attended, r.meetings_held)),
            Cell::text(format!("{}/{}", r.tasks_on_time, r.tasks_late)),
            Cell::text(recommendation.unwrap_or_default()),
            Cell::text(r.recommendation_reason.clone()),
        ]);
    }
    let title = match lang {
        Lang::Zh => format!("{street}大工委委员{period_title}“双述双评”结果报送表"),
        Lang::En => format!("{street}: 双述双评 results of committee members, {period_title}"),
    };
    Sheet { name: lang.pick("报送表", "Feedback").into(), title: vec![title], block, autofilter: false, lang }
}

/// The whole 报送表 workbook: the sheet for people, then the one for machines.
pub fn workbook_bytes(rows: &[FeedbackRow], street: &str, period: Period, lang: Lang) -> Result<Vec<u8>, WriteError> {
    let title = super::duty_text::period_name(period, lang);
    Ok(xlsx::workbook_bytes(&[report_sheet(rows, street, &title, lang), data_sheet(rows)])?)
}
