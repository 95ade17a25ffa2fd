//! Routine visits: members' household visits and calls, receptions of walk-in
//! visitors, unit visits and community guidance; some of them raise a demand.

use super::pools::{self, pick, COMMUNITIES, OFFICE_DIRECTOR};
use super::texts::{self, DemandSeed};
use super::{add_days, chance, day_between, id, index, Span, Street};
use crate::model::enums::{DemandCategory, HouseholdTag, VisitKind};
use crate::model::{Demand, Household, Member, Visit};
use chrono::{Datelike, NaiveDate, Weekday};
use fastrand::Rng;
use std::ops::RangeInclusive;

/// Share of linked households left without a visit in the last cycle, in tenths of a percent.
const OVERDUE_PER_MILLE: usize = 100;
/// Visits to a household within this many days of today keep it off the overdue list.
const RECENT_DAYS: i64 = 85;

/// A visit whose id is not yet final, and the demand it raised.
pub struct Draft {
    pub visit: Visit,
    pub demand: Option<DemandSeed>,
}

pub struct Routine {
    /// Sorted by date.
    pub drafts: Vec<Draft>,
    /// Per household: the last day it may be visited (before today for the
    /// households left overdue).
    pub cutoff: Vec<NaiveDate>,
}

pub fn routine(rng: &mut Rng, span: Span, scale: u32, street: &Street) -> Routine {
    let cutoff = cutoffs(rng, span, street.households);
    let mut drafts = Vec::new();
    for (h, household) in street.households.iter().enumerate() {
        if let Some(member_id) = household.member_id {
            household_visits(rng, span, (id(h), household), member_id, cutoff[h], &mut drafts);
        }
    }
    receptions(rng, span, scale, street.members, &mut drafts);
    for (m, member) in street.members.iter().enumerate() {
        unit_visits(rng, span, (id(m), member), street, &mut drafts);
        community_visits(rng, span, (id(m), member), &mut drafts);
    }
    drafts.sort_by_key(|d| d.visit.date);
    Routine { drafts, cutoff }
}

/// Puts the follow-up visits among the routine ones by date and renumbers the
/// demands' `visit_id`s accordingly.
pub fn merge(drafts: Vec<Draft>, mut follow_ups: Vec<Visit>, demands: &mut [Demand]) -> Vec<Visit> {
    follow_ups.sort_by_key(|v| v.date);
    let mut new_id = Vec::with_capacity(drafts.len());
    let mut out = Vec::with_capacity(drafts.len() + follow_ups.len());
    let mut follow_ups = follow_ups.into_iter().peekable();
    for draft in drafts {
        while let Some(v) = follow_ups.next_if(|v| v.date < draft.visit.date) {
            out.push(v);
        }
        new_id.push(id(out.len()));
        out.push(draft.visit);
    }
    out.extend(follow_ups);
    for demand in demands {
        demand.visit_id = demand.visit_id.map(|v| new_id[index(v)]);
    }
    out
}

/// A visit with no target yet.
pub fn blank(date: NaiveDate, member_id: u64, kind: VisitKind, summary: String) -> Visit {
    Visit {
        date,
        member_id,
        kind,
        household_id: None,
        unit_id: None,
        community_id: None,
        visitor: String::new(),
        summary,
        demand_id: None,
    }
}

/// Today for most linked households; some days more than a cycle back for a
/// tenth of them, chosen at random.
fn cutoffs(rng: &mut Rng, span: Span, households: &[Household]) -> Vec<NaiveDate> {
    let mut cutoff = vec![span.today; households.len()];
    let mut linked: Vec<usize> = (0..households.len()).filter(|&h| households[h].member_id.is_some()).collect();
    rng.shuffle(&mut linked);
    let overdue = (linked.len() * OVERDUE_PER_MILLE + 500) / 1000;
    for &h in &linked[..overdue] {
        cutoff[h] = add_days(span.today, -rng.i64(95..=220));
    }
    cutoff
}

/// Days from about `first` on, `gap` days apart, up to `until`.
fn chain(rng: &mut Rng, first: NaiveDate, until: NaiveDate, gap: RangeInclusive<i64>) -> Vec<NaiveDate> {
    let mut dates = Vec::new();
    let mut day = first;
    while day <= until {
        dates.push(workday(rng, day, first));
        day = add_days(day, rng.i64(gap.clone()));
    }
    dates
}

/// Most visits that would fall on a weekend happen on the Friday before.
fn workday(rng: &mut Rng, day: NaiveDate, floor: NaiveDate) -> NaiveDate {
    let back = match day.weekday() {
        Weekday::Sat => 1,
        Weekday::Sun => 2,
        _ => 0,
    };
    if back > 0 && chance(rng, 75) {
        add_days(day, -back).max(floor)
    } else {
        day
    }
}

fn household_visits(
    rng: &mut Rng,
    span: Span,
    (household_id, household): (u64, &Household),
    member_id: u64,
    cutoff: NaiveDate,
    out: &mut Vec<Draft>,
) {
    let first = add_days(span.start, rng.i64(0..=60));
    let mut dates = chain(rng, first, cutoff, 45..=120);
    let recent = add_days(span.today, -RECENT_DAYS);
    if cutoff == span.today && dates.last().is_none_or(|&last| last < recent) {
        let from = dates.last().map_or(recent, |&last| add_days(last, 30).max(recent));
        dates.push(day_between(rng, from, span.today));
    }
    for date in dates {
        let mut draft = household_visit(rng, date, member_id, &household.tags);
        draft.visit.household_id = Some(household_id);
        out.push(draft);
    }
}

fn household_visit(rng: &mut Rng, date: NaiveDate, member_id: u64, tags: &[HouseholdTag]) -> Draft {
    let frail = tags.iter().any(|t| matches!(t, HouseholdTag::ElderlyAlone | HouseholdTag::Disabled));
    let home = chance(rng, if frail { 90 } else { 78 });
    let (kind, summary, demand_percent) = if home {
        (VisitKind::Home, home_summary(rng, tags), 7)
    } else {
        (VisitKind::Phone, pick(rng, texts::PHONE), 4)
    };
    let demand = chance(rng, demand_percent).then(|| resident_demand(rng, tags));
    Draft { visit: blank(date, member_id, kind, with_demand(summary, "户主", demand)), demand }
}

fn home_summary(rng: &mut Rng, tags: &[HouseholdTag]) -> &'static str {
    let pool = match tags.first() {
        Some(_) if chance(rng, 40) => texts::HOME_GENERAL,
        Some(HouseholdTag::ElderlyAlone) => texts::HOME_ELDERLY,
        Some(HouseholdTag::Hardship | HouseholdTag::Subsistence) => texts::HOME_HARDSHIP,
        Some(HouseholdTag::Disabled) => texts::HOME_DISABLED,
        Some(HouseholdTag::Veteran) => texts::HOME_VETERAN,
        Some(HouseholdTag::LeftBehind) => texts::HOME_LEFT_BEHIND,
        None => texts::HOME_GENERAL,
    };
    pick(rng, pool)
}

/// Households with a tag ask about welfare more often than others.
fn resident_demand(rng: &mut Rng, tags: &[HouseholdTag]) -> DemandSeed {
    if !tags.is_empty() && chance(rng, 50) {
        let welfare: Vec<DemandSeed> =
            texts::RESIDENT_DEMANDS.iter().copied().filter(|d| d.category == DemandCategory::Welfare).collect();
        return pick(rng, &welfare);
    }
    pick(rng, texts::RESIDENT_DEMANDS)
}

/// The summary, and what `speaker` asked for when the visit raised a demand.
fn with_demand(summary: &str, speaker: &str, demand: Option<DemandSeed>) -> String {
    match demand {
        Some(d) => format!("{summary}{speaker}反映：{}", d.content),
        None => summary.to_string(),
    }
}

/// Walk-in visitors: 60 a year per scale step, a quarter of them at the office.
fn receptions(rng: &mut Rng, span: Span, scale: u32, members: &[Member], out: &mut Vec<Draft>) {
    for _ in 0..120 * scale {
        let day = day_between(rng, span.start, span.today);
        let date = workday(rng, day, span.start);
        let member = if chance(rng, 25) { OFFICE_DIRECTOR } else { rng.usize(..members.len()) };
        let demand = chance(rng, 60).then(|| pick(rng, texts::RESIDENT_DEMANDS));
        let summary = with_demand(pick(rng, texts::RECEPTION), "来访人", demand);
        let mut visit = blank(date, id(member), VisitKind::Reception, summary);
        visit.visitor = pools::visitor_name(rng);
        out.push(Draft { visit, demand });
    }
}

/// Part-time members visit their own unit; street staff visit units at large.
fn unit_visits(rng: &mut Rng, span: Span, (member_id, member): (u64, &Member), street: &Street, out: &mut Vec<Draft>) {
    let Some(own) = member.unit_id else { return };
    let at_large = index(own) == pools::STREET_OFFICE_UNIT;
    let gap = if at_large { 90..=180 } else { 80..=160 };
    let first = add_days(span.start, rng.i64(0..=90));
    for date in chain(rng, first, span.today, gap) {
        let unit = if at_large { id(rng.usize(1..street.units.len())) } else { own };
        let template = pick(rng, texts::UNIT_VISIT);
        let demand = chance(rng, 20).then(|| pick(rng, texts::UNIT_DEMANDS));
        let summary = with_demand(&template.replace("{unit}", &street.units[index(unit)].name), "单位", demand);
        let mut visit = blank(date, member_id, VisitKind::Unit, summary);
        visit.unit_id = Some(unit);
        out.push(Draft { visit, demand });
    }
}

fn community_visits(rng: &mut Rng, span: Span, (member_id, member): (u64, &Member), out: &mut Vec<Draft>) {
    let Some(community) = member.community_id else { return };
    let first = add_days(span.start, rng.i64(0..=60));
    for date in chain(rng, first, span.today, 60..=120) {
        let template = pick(rng, texts::COMMUNITY_VISIT);
        let demand = chance(rng, 15).then(|| pick(rng, texts::COMMUNITY_DEMANDS));
        let summary = with_demand(&template.replace("{community}", COMMUNITIES[index(community)].name), "社区", demand);
        let mut visit = blank(date, member_id, VisitKind::Community, summary);
        visit.community_id = Some(community);
        out.push(Draft { visit, demand });
    }
}
