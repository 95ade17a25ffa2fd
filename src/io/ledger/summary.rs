//! The ledger's first sheet: the quarter in figures, each taken as of the
//! quarter's end (or today, while it runs), with how it is counted beside it.
//!
//! The rules, in one place:
//! - members, linked households and their target are those of the as-of day
//!   (`super::existed_on`); a household counts when its member is in office;
//! - a linked household is due one visit per visit cycle that fits in the
//!   quarter (its days ÷ `visit_cycle_days`, at least one); visits to a
//!   household count towards its own visits due and no further, so that ten
//!   visits to one household do not make up for another never visited;
//! - demands received are those raised in the quarter; resolved are those of
//!   them 已办结 by the as-of day; 办结率 = resolved ÷ received;
//! - 满意率 = (满意 + 基本满意) ÷ follow-ups made in the quarter with a rating;
//! - tasks counted are those due in the quarter; on time when done by the
//!   due day, late otherwise (done later, or still open);
//! - meetings held are the quarter's meetings marked held; funding is the
//!   quarter's meetings' and the year's to the quarter's end.

use super::parts::{funded_meetings, links_on_as_of, quarter_meetings, sheet as part_sheet};
use super::Book;
use crate::i18n::Lang;
use crate::io::export::{Block, Cell, Sheet};
use crate::model::enums::{DemandStatus, MeetingStatus, Satisfaction, TaskStatus};
use crate::model::{Demand, Task, Visit};
use std::collections::{HashMap, HashSet};

/// The quarter's figures; see the module's rules.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub members: u64,
    pub households_linked: u64,
    pub households_expected: u64,
    pub visits: u64,
    pub households_visited: u64,
    /// Visits to linked households, each household's counted up to its visits due.
    pub household_visits: u64,
    pub visits_per_household: u64,
    pub visits_due: u64,
    pub demands_received: u64,
    pub demands_resolved: u64,
    pub followed_up: u64,
    pub satisfied: u64,
    pub tasks_due: u64,
    pub tasks_on_time: u64,
    pub tasks_late: u64,
    pub meetings_held: u64,
    pub funding_quarter: u64,
    pub funding_year: u64,
}

pub(super) fn figures(book: &Book) -> Summary {
    let mut s = Summary::default();
    links_and_visits(book, &mut s);
    demands(book, &mut s);
    tasks(book, &mut s);
    let meetings = quarter_meetings(book);
    s.meetings_held =
        meetings.iter().filter(|(_, m)| m.status == MeetingStatus::Held && m.date <= book.as_of).count() as u64;
    s.funding_quarter = meetings.iter().filter_map(|(_, m)| m.funding).map(u64::from).sum();
    s.funding_year = funded_meetings(book).iter().filter_map(|m| m.funding).map(u64::from).sum();
    s
}

/// Visits due to each household in the quarter: one per cycle that fits, at least one.
pub fn visits_per_household(quarter_days: i64, cycle_days: u32) -> u64 {
    (quarter_days.max(0) as u64 / u64::from(cycle_days.max(1))).max(1)
}

fn links_and_visits(book: &Book, s: &mut Summary) {
    let links = links_on_as_of(book);
    s.members = links.members.len() as u64;
    s.households_linked = links.statuses.iter().map(|l| u64::from(l.households)).sum();
    s.households_expected = links.statuses.iter().map(|l| u64::from(l.target)).sum();
    let in_office: HashSet<u64> = links.members.iter().map(|(id, _)| *id).collect();
    let linked: HashSet<u64> = links
        .households
        .iter()
        .filter(|(_, h, _)| h.member_id.is_some_and(|m| in_office.contains(&m)))
        .map(|(id, _, _)| *id)
        .collect();
    let quarter_days = (book.quarter.last_day() - book.quarter.first_day()).num_days() + 1;
    s.visits_per_household = visits_per_household(quarter_days, book.settings.visit_cycle_days);
    s.visits_due = s.households_linked * s.visits_per_household;
    let visits: Vec<&Visit> =
        book.typed::<Visit>().into_iter().map(|(_, v, _)| v).filter(|v| book.in_quarter(v.date)).collect();
    s.visits = visits.len() as u64;
    let mut per_household: HashMap<u64, u64> = HashMap::new();
    for h in visits.iter().filter_map(|v| v.household_id).filter(|h| linked.contains(h)) {
        *per_household.entry(h).or_default() += 1;
    }
    s.households_visited = per_household.len() as u64;
    s.household_visits = per_household.values().map(|n| (*n).min(s.visits_per_household)).sum();
}

fn demands(book: &Book, s: &mut Summary) {
    let all = book.typed::<Demand>();
    let received: Vec<&Demand> = all.iter().map(|(_, d, _)| *d).filter(|d| book.in_quarter(d.raised_on)).collect();
    s.demands_received = received.len() as u64;
    s.demands_resolved = received
        .iter()
        .filter(|d| d.status == DemandStatus::Resolved && d.resolved_on.is_none_or(|r| r <= book.as_of))
        .count() as u64;
    let rated: Vec<Satisfaction> = all
        .iter()
        .filter(|(_, d, _)| d.follow_up_on.is_some_and(|f| book.in_quarter(f)))
        .filter_map(|(_, d, _)| d.satisfaction)
        .collect();
    s.followed_up = rated.len() as u64;
    s.satisfied = rated.iter().filter(|r| matches!(r, Satisfaction::Satisfied | Satisfaction::Basic)).count() as u64;
}

fn tasks(book: &Book, s: &mut Summary) {
    let due: Vec<(&Task, chrono::NaiveDate)> = book
        .typed::<Task>()
        .into_iter()
        .filter_map(|(_, t, _)| t.due.filter(|d| book.in_quarter(*d)).map(|d| (t, d)))
        .collect();
    s.tasks_due = due.len() as u64;
    s.tasks_on_time =
        due.iter().filter(|(t, d)| t.status == TaskStatus::Done && t.done_on.is_none_or(|done| done <= *d)).count()
            as u64;
    s.tasks_late = s.tasks_due - s.tasks_on_time;
}

/// A share, or a dash when there is nothing to divide by.
fn rate(part: u64, whole: u64) -> Cell {
    if whole == 0 {
        Cell::text("—")
    } else {
        Cell::Percent(part as f64 / whole as f64)
    }
}

/// The summary as a sheet of three columns: item, figure, how it is counted.
pub(super) fn sheet(book: &Book, s: &Summary) -> Sheet {
    let headers = [("项目", "Item"), ("数值", "Figure"), ("说明", "How it is counted")];
    let mut b = Block::new(headers.iter().map(|(zh, en)| book.pick(zh, en).to_string()).collect());
    for (item, figure, note) in rows(book, s) {
        b.rows.push(vec![Cell::text(item), figure, Cell::text(note)]);
    }
    part_sheet(book, ("总览", "Summary"), ("本季度工作概况", "The quarter in figures"), b)
}

fn rows(book: &Book, s: &Summary) -> Vec<(String, Cell, String)> {
    let lang = book.lang;
    let row = |zh: &str, en: &str, figure: Cell, note_zh: String, note_en: String| {
        (lang.pick(zh, en).to_string(), figure, if lang == Lang::Zh { note_zh } else { note_en })
    };
    let per = book.settings.households_per_member;
    let cycle = book.settings.visit_cycle_days;
    let n = Cell::count;
    vec![
        row(
            "委员人数",
            "Members",
            n(s.members),
            "统计截至日在任：此后新增或此前归档的不计".into(),
            "in office on the as-of day".into(),
        ),
        row(
            "联系户数",
            "Households linked",
            n(s.households_linked),
            "统计截至日已登记、由在任委员联系".into(),
            "entered by the as-of day, linked to a member in office".into(),
        ),
        row(
            "应联系户数",
            "Households expected",
            n(s.households_expected),
            format!("每位委员 {per} 户"),
            format!("{per} per member"),
        ),
        row("走访次数", "Visits made", n(s.visits), "本季度各种方式的走访".into(), "all kinds, in the quarter".into()),
        row(
            "已走访联系户",
            "Linked households visited",
            n(s.households_visited),
            "本季度至少走访一次".into(),
            "visited at least once in the quarter".into(),
        ),
        row(
            "联系户走访户次",
            "Visits to linked households",
            n(s.household_visits),
            "每户计至应走访次数为止".into(),
            "each household's counted up to its visits due".into(),
        ),
        row(
            "应走访户次",
            "Visits due",
            n(s.visits_due),
            format!("联系户数 × {}（每 {cycle} 天至少走访一次）", s.visits_per_household),
            format!("households linked × {} (one visit every {cycle} days)", s.visits_per_household),
        ),
        row(
            "走访完成率",
            "Visits done",
            rate(s.household_visits, s.visits_due),
            "联系户走访户次 ÷ 应走访户次".into(),
            "visits to linked households ÷ visits due".into(),
        ),
        row("受理诉求", "Demands received", n(s.demands_received), "本季度反映".into(), "raised in the quarter".into()),
        row(
            "已办结",
            "Resolved",
            n(s.demands_resolved),
            "其中统计截至日已办结".into(),
            "of them, resolved by the as-of day".into(),
        ),
        row(
            "办结率",
            "Resolution rate",
            rate(s.demands_resolved, s.demands_received),
            "已办结 ÷ 受理诉求".into(),
            "resolved ÷ received".into(),
        ),
        row(
            "回访",
            "Follow-ups",
            n(s.followed_up),
            "本季度回访并评价满意度".into(),
            "made in the quarter with a rating".into(),
        ),
        row("满意（含基本满意）", "Satisfied (incl. basically)", n(s.satisfied), String::new(), String::new()),
        row(
            "满意率",
            "Satisfaction rate",
            rate(s.satisfied, s.followed_up),
            "（满意 + 基本满意）÷ 回访".into(),
            "(satisfied + basically) ÷ follow-ups".into(),
        ),
        row("到期责任事项", "Tasks due", n(s.tasks_due), "完成时限在本季度".into(), "due in the quarter".into()),
        row("按时完成", "Done on time", n(s.tasks_on_time), "在完成时限内完成".into(), "done by the due day".into()),
        row("逾期", "Late", n(s.tasks_late), "逾期完成或仍未完成".into(), "done late or still open".into()),
        row(
            "召开议事会",
            "Meetings held",
            n(s.meetings_held),
            "本季度已召开的联席议事会".into(),
            "the quarter's joint meetings held".into(),
        ),
        row(
            "本季度经费（元）",
            "Funding this quarter (yuan)",
            n(s.funding_quarter),
            "本季度议事会经费".into(),
            "the quarter's meetings".into(),
        ),
        row(
            "年度经费（元）",
            "Funding this year (yuan)",
            n(s.funding_year),
            format!("{} 年 1 月至本季度末", book.quarter.year),
            format!("January {} to the quarter's end", book.quarter.year),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_visit_per_cycle_that_fits_in_the_quarter() {
        assert_eq!(visits_per_household(92, 90), 1);
        assert_eq!(visits_per_household(92, 30), 3);
        assert_eq!(visits_per_household(90, 180), 1);
        assert_eq!(visits_per_household(92, 0), 92);
    }
}
