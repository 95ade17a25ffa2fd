//! The five parts of the ledger, one table a sheet (the meetings' part and
//! the overdue part take several). Overdue is decided by the rules in
//! `crate::rules::overdue`, applied to each record as it stood on the as-of
//! day (a demand resolved later was still pending then).

use super::Book;
use crate::i18n::Lang;
use crate::io::export::records::{join_names, progress_text};
use crate::io::export::{Block, Cell, Sheet};
use crate::model::enums::{DemandStatus, TaskStatus};
use crate::model::period::Quarter;
use crate::model::{AnyRecord, Demand, Household, Kind, Meeting, Member, Meta, Settings, Task, Visit, Wrap};
use crate::present::{cell, record_json};
use crate::rules::compliance::{four_links as link_statuses, HouseholdLink, LinkStatus};
use crate::rules::overdue::{days_since, demand_overdue, household_overdue, last_visits, task_overdue};
use chrono::NaiveDate;
use std::borrow::Cow;
use std::collections::HashSet;

fn headers(book: &Book, pairs: &[(&str, &str)]) -> Vec<String> {
    pairs.iter().map(|(zh, en)| book.pick(zh, en).to_string()).collect()
}

fn block(book: &Book, caption: Option<String>, pairs: &[(&str, &str)]) -> Block {
    Block { caption, empty_note: Some(book.pick("（无）", "(none)").into()), ..Block::new(headers(book, pairs)) }
}

pub(super) fn sheet(book: &Book, name: (&str, &str), part: (&str, &str), block: Block) -> Sheet {
    Sheet {
        name: book.pick(name.0, name.1).into(),
        title: book.title(book.pick(part.0, part.1)),
        block,
        autofilter: false,
        lang: book.lang,
    }
}

fn records_of<'a, T: Wrap>(book: &Book<'a>) -> Vec<(&'a AnyRecord, &'a T)> {
    book.active(T::KIND).filter_map(|r| T::peek(&r.data).map(|d| (r, d))).collect()
}

/// The members and households of the as-of day, and each member's four links then.
pub(super) struct Links<'a> {
    pub members: Vec<(u64, &'a Member)>,
    pub households: Vec<(u64, &'a Household, &'a Meta)>,
    pub statuses: Vec<LinkStatus>,
}

pub(super) fn links_on_as_of<'a>(book: &Book<'a>) -> Links<'a> {
    let mut members = book.typed_on::<Member>(book.as_of);
    members.sort_by_key(|(id, m, _)| (m.role, *id));
    let members: Vec<(u64, &Member)> = members.iter().map(|(id, m, _)| (*id, *m)).collect();
    let households = book.typed_on::<Household>(book.as_of);
    let linked: Vec<HouseholdLink> = households.iter().map(|(_, h, _)| HouseholdLink::from(*h)).collect();
    let statuses = link_statuses(&members, &linked, book.settings.households_per_member);
    Links { members, households, statuses }
}

/// (1) The four links of each member in office on the as-of day, and the quarter's visits.
pub(super) fn four_links(book: &Book) -> Sheet {
    let Links { members: pairs, households, statuses } = links_on_as_of(book);
    let visits: Vec<&Visit> =
        book.typed::<Visit>().into_iter().map(|(_, v, _)| v).filter(|v| book.in_quarter(v.date)).collect();
    let visited: HashSet<u64> = visits.iter().filter_map(|v| v.household_id).collect();

    let mut b = block(
        book,
        None,
        &[
            ("委员", "Member"),
            ("职务", "Role"),
            ("所在单位", "Unit"),
            ("条线", "Line of work"),
            ("联系社区", "Linked community"),
            ("联系户数", "Households linked"),
            ("应联系户数", "Households expected"),
            ("本季度已走访联系户", "Linked households visited"),
            ("本季度走访次数", "Visits made"),
            ("四联情况", "Four links"),
        ],
    );
    for ((id, m), status) in pairs.iter().zip(&statuses) {
        let linked_visited =
            households.iter().filter(|(hid, h, _)| h.member_id == Some(*id) && visited.contains(hid)).count();
        let made = visits.iter().filter(|v| v.member_id == *id).count();
        b.rows.push(vec![
            Cell::text(m.name.clone()),
            Cell::text(m.role.label(book.lang)),
            Cell::text(book.name(Kind::Unit, m.unit_id)),
            Cell::text(m.line.clone()),
            Cell::text(book.name(Kind::Community, m.community_id)),
            Cell::count(status.households),
            Cell::count(status.target),
            Cell::count(linked_visited as u64),
            Cell::count(made as u64),
            Cell::text(links_text(status, book)),
        ]);
    }
    let b = b.with_totals(book.lang, vec![5, 6, 7, 8]);
    sheet(book, ("一、四联情况", "1 Four links"), ("一、委员“四联”情况", "1. Members' four links"), b)
}

/// `齐全`, or what is missing: `缺所在单位；联系户差8户`.
pub(super) fn links_text(s: &LinkStatus, book: &Book) -> String {
    let mut gaps: Vec<String> = Vec::new();
    let mut gap = |missing: bool, zh: &str, en: &str| {
        if missing {
            gaps.push(book.lang.pick(zh, en).to_string());
        }
    };
    gap(!s.has_unit, "缺所在单位", "no unit");
    gap(!s.has_line, "缺条线", "no line of work");
    gap(!s.has_community, "缺联系社区", "no linked community");
    let short = s.households_short();
    if short > 0 {
        gaps.push(match book.lang {
            crate::i18n::Lang::Zh => format!("联系户差{short}户"),
            crate::i18n::Lang::En => format!("{short} households short"),
        });
    }
    if s.outside_community > 0 {
        gaps.push(match book.lang {
            crate::i18n::Lang::Zh => format!("{}户不在联系社区", s.outside_community),
            crate::i18n::Lang::En => format!("{} outside the linked community", s.outside_community),
        });
    }
    if gaps.is_empty() {
        book.pick("齐全", "complete").into()
    } else {
        gaps.join(book.pick("；", "; "))
    }
}

/// Who or what a visit or demand concerns; a visitor's phone number masked.
fn target(book: &Book, rec: &AnyRecord) -> Cell {
    let map = record_json(rec, book, false);
    Cell::text(cell(rec.kind(), &map, "target", book, book.lang))
}

/// (2) The quarter's visits, by date.
pub(super) fn visits(book: &Book) -> Sheet {
    let mut visits: Vec<(&AnyRecord, &Visit)> =
        records_of::<Visit>(book).into_iter().filter(|(_, v)| book.in_quarter(v.date)).collect();
    visits.sort_by_key(|(r, v)| (v.date, r.id()));
    let mut b = block(
        book,
        None,
        &[("日期", "Date"), ("委员", "Member"), ("方式", "Kind"), ("走访对象", "Visited"), ("情况", "Summary")],
    );
    for (rec, v) in visits {
        b.rows.push(vec![
            Cell::Date(v.date),
            Cell::text(book.name(Kind::Member, Some(v.member_id))),
            Cell::text(v.kind.label(book.lang)),
            target(book, rec),
            Cell::text(v.summary.clone()),
        ]);
    }
    sheet(book, ("二、走访记录", "2 Visits"), ("二、走访记录", "2. Visits"), b)
}

/// When a closed demand was closed: its resolution date, else its last change.
fn closed_on(d: &Demand, meta: &Meta) -> Option<NaiveDate> {
    (!d.status.is_pending()).then(|| d.resolved_on.unwrap_or(meta.updated_at.date_naive()))
}

/// Still waiting for someone on `day` (raised by then and not yet closed).
fn pending_on(d: &Demand, meta: &Meta, day: NaiveDate) -> bool {
    d.raised_on <= day && closed_on(d, meta).is_none_or(|c| c > day)
}

/// The overdue rule applied to the demand as it stood on `day`.
pub(super) fn demand_late_on(d: &Demand, meta: &Meta, day: NaiveDate, settings: &Settings) -> bool {
    if !pending_on(d, meta, day) {
        return false;
    }
    let then: Cow<Demand> = if d.status.is_pending() {
        Cow::Borrowed(d)
    } else {
        Cow::Owned(Demand { status: DemandStatus::InProgress, ..d.clone() })
    };
    demand_overdue(&then, day, settings)
}

/// The overdue rule applied to the task as it stood on `day`.
pub(super) fn task_late_on(t: &Task, day: NaiveDate) -> bool {
    let done_later = t.status == TaskStatus::Done && t.done_on.is_some_and(|d| d > day);
    let then: Cow<Task> =
        if done_later { Cow::Owned(Task { status: TaskStatus::Doing, ..t.clone() }) } else { Cow::Borrowed(t) };
    task_overdue(&then, day)
}

/// Demands raised in the quarter, or raised before and still open at its start.
fn quarter_demands<'a>(book: &Book<'a>) -> Vec<(&'a AnyRecord, &'a Demand)> {
    let mut list: Vec<(&AnyRecord, &Demand)> = records_of::<Demand>(book)
        .into_iter()
        .filter(|(r, d)| d.raised_on <= book.as_of && closed_on(d, &r.meta).is_none_or(|c| c >= book.first))
        .collect();
    list.sort_by_key(|(r, d)| (d.raised_on, r.id()));
    list
}

/// (3) Demands of the quarter with their handling and follow-up.
pub(super) fn demands(book: &Book) -> Sheet {
    let mut b = block(
        book,
        None,
        &[
            ("反映日期", "Raised on"),
            ("诉求对象", "From"),
            ("类别", "Category"),
            ("诉求内容", "Content"),
            ("承办委员", "Member"),
            ("状态", "Status"),
            ("办理结果", "Resolution"),
            ("办结日期", "Resolved on"),
            ("回访日期", "Follow-up on"),
            ("满意度", "Satisfaction"),
            ("超期", "Overdue"),
        ],
    );
    for (rec, d) in quarter_demands(book) {
        let late = demand_late_on(d, &rec.meta, book.as_of, book.settings);
        b.rows.push(vec![
            Cell::Date(d.raised_on),
            target(book, rec),
            Cell::text(d.category.label(book.lang)),
            Cell::text(d.content.clone()),
            Cell::text(book.name(Kind::Member, d.member_id)),
            Cell::text(d.status.label(book.lang)),
            Cell::text(d.resolution.clone()),
            Cell::date(d.resolved_on),
            Cell::date(d.follow_up_on),
            Cell::text(d.satisfaction.map(|s| s.label(book.lang)).unwrap_or_default()),
            if late { Cell::text(book.pick("是", "yes")) } else { Cell::Empty },
        ]);
    }
    let mut s = sheet(book, ("三、诉求办理", "3 Demands"), ("三、诉求办理情况", "3. Demands"), b);
    if book.as_of < book.today {
        let note = match book.lang {
            crate::i18n::Lang::Zh => format!("（状态为 {} 的当前状态）", book.today),
            crate::i18n::Lang::En => format!(" (status as on {})", book.today),
        };
        if let Some(sub) = s.title.last_mut() {
            sub.push_str(&note);
        }
    }
    s
}

pub(super) fn meeting_quarter(m: &Meeting) -> Quarter {
    m.quarter.unwrap_or(Quarter::of(m.date))
}

/// The quarter's meetings by date.
pub(super) fn quarter_meetings<'a>(book: &Book<'a>) -> Vec<(&'a AnyRecord, &'a Meeting)> {
    let mut meetings: Vec<(&AnyRecord, &Meeting)> =
        records_of::<Meeting>(book).into_iter().filter(|(_, m)| meeting_quarter(m) == book.quarter).collect();
    meetings.sort_by_key(|(r, m)| (m.date, r.id()));
    meetings
}

fn names(book: &Book, kind: Kind, ids: &[u64]) -> String {
    let list: Vec<String> = ids.iter().map(|id| book.name(kind, Some(*id))).collect();
    join_names(list.iter().map(String::as_str), book.lang)
}

/// (4) The quarter's meetings and their attendance. 应到人数 is the members
/// in office on the meeting's day, as the minutes of the day count them.
pub(super) fn meetings(book: &Book) -> Sheet {
    let mut held = block(
        book,
        None,
        &[
            ("会议日期", "Date"),
            ("类型", "Kind"),
            ("地点", "Location"),
            ("主持人", "Chair"),
            ("状态", "Status"),
            ("应到人数", "Expected"),
            ("实到人数", "Attended"),
            ("参会人员", "Attendees"),
            ("纪要", "Minutes"),
            ("通知日期", "Notice sent"),
            ("经费（元）", "Funding (yuan)"),
        ],
    );
    held.empty_note = Some(book.pick("本季度没有议事会记录", "No meeting recorded this quarter").into());
    for (_, m) in quarter_meetings(book) {
        let expected = book.typed_on::<Member>(m.date).len();
        held.rows.push(vec![
            Cell::Date(m.date),
            Cell::text(m.kind.label(book.lang)),
            Cell::text(m.location.clone()),
            Cell::text(book.name(Kind::Member, m.chair_id)),
            Cell::text(m.status.label(book.lang)),
            Cell::count(expected as u64),
            Cell::count(m.attendee_ids.len() as u64),
            Cell::text(names(book, Kind::Member, &m.attendee_ids)),
            Cell::text(m.minutes.clone()),
            Cell::date(m.notice_on),
            m.funding.map_or(Cell::Empty, |yuan| Cell::count(u64::from(yuan))),
        ]);
    }
    let held = held.with_totals(book.lang, vec![10]);
    sheet(book, ("四、联席议事会", "4 Joint meetings"), ("四、联席议事会", "4. Joint meetings"), held)
}

/// (4) The topics of the quarter's meetings and what was decided.
pub(super) fn topics(book: &Book) -> Sheet {
    let mut topics = block(
        book,
        None,
        &[
            ("会议日期", "Date"),
            ("议题", "Topic"),
            ("相关诉求", "Demands"),
            ("讨论情况", "Discussion"),
            ("决定事项", "Decision"),
        ],
    );
    for (_, m) in quarter_meetings(book) {
        for t in &m.topics {
            topics.rows.push(vec![
                Cell::Date(m.date),
                Cell::text(t.title.clone()),
                Cell::text(names(book, Kind::Demand, &t.demand_ids)),
                Cell::text(t.discussion.clone()),
                Cell::text(t.decision.clone()),
            ]);
        }
    }
    let part = ("四、联席议事会：议题与决定", "4. Joint meetings: topics and decisions");
    sheet(book, ("四、议题与决定", "4 Topics"), part, topics)
}

/// (4) The tasks the quarter's meetings gave out, with their latest progress.
pub(super) fn tasks(book: &Book) -> Sheet {
    let mut tasks = block(
        book,
        None,
        &[
            ("会议日期", "Date"),
            ("事项", "Task"),
            ("责任人", "Owner"),
            ("完成时限", "Due"),
            ("状态", "Status"),
            ("最新进展", "Latest progress"),
            ("完成日期", "Done on"),
        ],
    );
    let all_tasks = records_of::<Task>(book);
    for (rec, m) in quarter_meetings(book) {
        for (_, t) in all_tasks.iter().filter(|(_, t)| t.meeting_id == Some(rec.id())) {
            let latest = t.progress.iter().max_by_key(|p| p.date).map(|p| progress_text(p, book.lang));
            tasks.rows.push(vec![
                Cell::Date(m.date),
                Cell::text(t.title.clone()),
                Cell::text(book.name(Kind::Member, Some(t.owner_id))),
                Cell::date(t.due),
                Cell::text(t.status.label(book.lang)),
                Cell::text(latest.unwrap_or_default()),
                Cell::date(t.done_on),
            ]);
        }
    }
    sheet(book, ("四、责任事项", "4 Tasks"), ("四、联席议事会：责任事项", "4. Joint meetings: tasks"), tasks)
}

/// The year's meetings with funding, from January to the quarter's end.
pub(super) fn funded_meetings<'a>(book: &Book<'a>) -> Vec<&'a Meeting> {
    let mut meetings: Vec<&Meeting> = records_of::<Meeting>(book)
        .into_iter()
        .map(|(_, m)| m)
        .filter(|m| {
            let q = meeting_quarter(m);
            q.year == book.quarter.year && q <= book.quarter && m.funding.is_some()
        })
        .collect();
    meetings.sort_by_key(|m| m.date);
    meetings
}

/// (4) The meetings' 工作经费 from January to the quarter's end, with the
/// total: the street budget is by the year.
pub(super) fn year_funding(book: &Book) -> Sheet {
    let caption = match book.lang {
        Lang::Zh => format!("{} 年工作经费（截至本季度）", book.quarter.year),
        Lang::En => format!("Funding in {}, to this quarter", book.quarter.year),
    };
    let mut funding = block(book, Some(caption), &[("会议日期", "Date"), ("经费（元）", "Yuan"), ("说明", "Note")]);
    for m in funded_meetings(book) {
        let yuan = m.funding.map_or(Cell::Empty, |y| Cell::count(u64::from(y)));
        funding.rows.push(vec![Cell::Date(m.date), yuan, Cell::text(m.funding_note.clone())]);
    }
    let funding = funding.with_totals(book.lang, vec![1]);
    sheet(book, ("四、工作经费", "4 Funding"), ("四、联席议事会：工作经费", "4. Joint meetings: funding"), funding)
}

/// (5) Households not visited within the cycle, demands open past due,
/// tasks past due, all on the as-of day: a sheet each.
pub(super) fn overdue(book: &Book) -> [Sheet; 3] {
    [late_households(book), late_demands(book), late_tasks(book)]
}

fn late_households(book: &Book) -> Sheet {
    let lang = book.lang;
    let day = book.as_of;
    let cycle = book.settings.visit_cycle_days;

    let seen = last_visits(
        book.typed::<Visit>()
            .into_iter()
            .filter(|(_, v, _)| v.date <= day)
            .filter_map(|(_, v, _)| v.household_id.map(|h| (h, v.date))),
    );
    let mut late_households: Vec<(i64, u64, &Household, Option<NaiveDate>)> = book
        .typed_on::<Household>(day)
        .into_iter()
        .filter_map(|(id, h, meta)| {
            let last = seen.get(&id).copied();
            let since = meta.created_at.date_naive();
            household_overdue(last, since, day, cycle).then(|| (days_since(last.unwrap_or(since), day), id, h, last))
        })
        .collect();
    late_households.sort_by_key(|(days, id, _, _)| (std::cmp::Reverse(*days), *id));
    let caption = match lang {
        crate::i18n::Lang::Zh => format!("联系户超过 {cycle} 天未走访：{} 户", late_households.len()),
        crate::i18n::Lang::En => format!("Households not visited for over {cycle} days: {}", late_households.len()),
    };
    let mut households = block(
        book,
        Some(caption),
        &[
            ("户主", "Head of household"),
            ("社区", "Community"),
            ("联系委员", "Linking member"),
            ("最近走访", "Last visit"),
            ("未走访天数", "Days since"),
        ],
    );
    for (days, _, h, last) in &late_households {
        households.rows.push(vec![
            Cell::text(h.head.clone()),
            Cell::text(book.name(Kind::Community, Some(h.community_id))),
            Cell::text(book.name(Kind::Member, h.member_id)),
            last.map_or_else(|| Cell::text(book.pick("从未走访", "never")), Cell::Date),
            Cell::Number(*days as f64),
        ]);
    }
    let part = ("五、超期事项：联系户", "5. Overdue: households");
    sheet(book, ("五、超期联系户", "5 Late households"), part, households)
}

fn late_demands(book: &Book) -> Sheet {
    let (lang, day) = (book.lang, book.as_of);
    let late_demands: Vec<(&AnyRecord, &Demand)> = records_of::<Demand>(book)
        .into_iter()
        .filter(|(r, d)| demand_late_on(d, &r.meta, day, book.settings))
        .collect();
    let caption = match lang {
        crate::i18n::Lang::Zh => format!("诉求超过办理时限未办结：{} 件", late_demands.len()),
        crate::i18n::Lang::En => format!("Demands open past their limit: {}", late_demands.len()),
    };
    let mut demands = block(
        book,
        Some(caption),
        &[
            ("反映日期", "Raised on"),
            ("诉求对象", "From"),
            ("诉求内容", "Content"),
            ("承办委员", "Member"),
            ("状态", "Status"),
            ("已过天数", "Days open"),
        ],
    );
    for (rec, d) in &late_demands {
        demands.rows.push(vec![
            Cell::Date(d.raised_on),
            target(book, rec),
            Cell::text(d.content.clone()),
            Cell::text(book.name(Kind::Member, d.member_id)),
            Cell::text(d.status.label(lang)),
            Cell::Number(days_since(d.raised_on, day) as f64),
        ]);
    }
    sheet(book, ("五、超期诉求", "5 Late demands"), ("五、超期事项：诉求", "5. Overdue: demands"), demands)
}

fn late_tasks(book: &Book) -> Sheet {
    let (lang, day) = (book.lang, book.as_of);
    let late_tasks: Vec<(&AnyRecord, &Task)> =
        records_of::<Task>(book).into_iter().filter(|(_, t)| task_late_on(t, day)).collect();
    let caption = match lang {
        crate::i18n::Lang::Zh => format!("责任事项逾期：{} 项", late_tasks.len()),
        crate::i18n::Lang::En => format!("Tasks past due: {}", late_tasks.len()),
    };
    let mut tasks = block(
        book,
        Some(caption),
        &[("事项", "Task"), ("责任人", "Owner"), ("完成时限", "Due"), ("状态", "Status"), ("逾期天数", "Days late")],
    );
    for (_, t) in &late_tasks {
        tasks.rows.push(vec![
            Cell::text(t.title.clone()),
            Cell::text(book.name(Kind::Member, Some(t.owner_id))),
            Cell::date(t.due),
            Cell::text(t.status.label(lang)),
            t.due.map_or(Cell::Empty, |d| Cell::Number(days_since(d, day) as f64)),
        ]);
    }
    sheet(book, ("五、逾期事项", "5 Late tasks"), ("五、超期事项：责任事项", "5. Overdue: tasks"), tasks)
}
