//! Demands: raised at visits (or phoned in), then handled over time; closed
//! ones get a follow-up visit (回访) with a satisfaction rating.

use super::pools::{self, pick, OFFICE_DIRECTOR};
use super::texts::{self, DemandSeed};
use super::visits::{blank, Draft};
use super::{add_days, chance, day_between, id, index, Span};
use crate::model::enums::{DemandStatus, Satisfaction, VisitKind};
use crate::model::{Demand, Household, Visit};
use chrono::NaiveDate;
use fastrand::Rng;

/// Demands raised at the routine visits, plus a few phoned in without a visit;
/// sorted by the day they were raised.
pub fn from_visits(rng: &mut Rng, span: Span, drafts: &[Draft], households: &[Household]) -> Vec<Demand> {
    let mut demands: Vec<Demand> = drafts
        .iter()
        .enumerate()
        .filter_map(|(i, draft)| draft.demand.map(|seed| raised_at(id(i), &draft.visit, &seed)))
        .collect();
    for _ in 0..demands.len() / 25 + 2 {
        demands.push(phoned_in(rng, span, households));
    }
    demands.sort_by_key(|d| d.raised_on);
    demands
}

fn new_demand(raised_on: NaiveDate, member_id: u64, seed: &DemandSeed) -> Demand {
    Demand { member_id: Some(member_id), ..Demand::new(raised_on, seed.category, seed.content) }
}

fn raised_at(visit_id: u64, visit: &Visit, seed: &DemandSeed) -> Demand {
    Demand {
        visit_id: Some(visit_id),
        household_id: visit.household_id,
        unit_id: visit.unit_id,
        community_id: visit.community_id,
        visitor: visit.visitor.clone(),
        ..new_demand(visit.date, visit.member_id, seed)
    }
}

/// A linked household calling its member, or a case passed on by the 12345 hotline.
fn phoned_in(rng: &mut Rng, span: Span, households: &[Household]) -> Demand {
    let raised_on = day_between(rng, span.start, span.today);
    let seed = &pick(rng, texts::RESIDENT_DEMANDS);
    let linked = (0..16).map(|_| rng.usize(..households.len())).find(|&h| households[h].member_id.is_some());
    match linked {
        Some(h) if chance(rng, 50) => Demand {
            household_id: Some(id(h)),
            ..new_demand(raised_on, households[h].member_id.unwrap_or(id(OFFICE_DIRECTOR)), seed)
        },
        _ => {
            let caller = format!("{}{}", pools::surname(rng), pick(rng, pools::VISITOR_TITLES));
            Demand {
                visitor: format!("12345热线转办（{caller}）"), ..new_demand(raised_on, id(OFFICE_DIRECTOR), seed)
            }
        }
    }
}

/// Gives every demand still open (not sent to a meeting) the state it has
/// reached today: the older, the likelier it is closed.
pub fn settle_all(rng: &mut Rng, today: NaiveDate, demands: &mut [Demand]) {
    for demand in demands.iter_mut().filter(|d| d.status == DemandStatus::Open) {
        settle(rng, today, demand);
    }
}

fn settle(rng: &mut Rng, today: NaiveDate, demand: &mut Demand) {
    let age = (today - demand.raised_on).num_days();
    let (open, doing, unresolvable) = match age {
        ..=30 => (35, 35, 0),
        31..=90 => (6, 8, 5),
        _ => (1, 1, 7),
    };
    let roll = rng.u8(..100);
    if roll < open {
        return;
    }
    if roll < open + doing {
        demand.status = DemandStatus::InProgress;
    } else if roll < open + doing + unresolvable {
        demand.status = DemandStatus::Unresolvable;
        demand.resolution = pick(rng, texts::UNRESOLVABLE).to_string();
        demand.resolved_on =
            Some(day_between(rng, add_days(demand.raised_on, 3), today.min(add_days(demand.raised_on, 30))));
    } else {
        let resolved_on = day_between(rng, demand.raised_on, today.min(add_days(demand.raised_on, 40)));
        resolve(demand, resolved_on, "");
    }
}

/// Closes `demand` as resolved on `day`, its resolution text after `lead`.
pub fn resolve(demand: &mut Demand, day: NaiveDate, lead: &str) {
    demand.status = DemandStatus::Resolved;
    demand.resolved_on = Some(day);
    let done = texts::seed_of(&demand.content).map_or("已办结。", |seed| seed.resolution);
    demand.resolution = format!("{lead}{done}");
}

/// Follows up most closed demands a few days after closing, unless that day
/// is still to come or would visit a household meant to stay overdue. Returns
/// the follow-up visits.
pub fn follow_up_all(rng: &mut Rng, today: NaiveDate, demands: &mut [Demand], cutoff: &[NaiveDate]) -> Vec<Visit> {
    let mut visits = Vec::new();
    for (i, demand) in demands.iter_mut().enumerate() {
        let percent = match demand.status {
            DemandStatus::Resolved => 85,
            DemandStatus::Unresolvable => 50,
            _ => continue,
        };
        let Some(closed) = demand.resolved_on else { continue };
        let day = add_days(closed, rng.i64(2..=15));
        let limit = demand.household_id.map_or(today, |h| cutoff[index(h)]);
        if !chance(rng, percent) || day > limit {
            continue;
        }
        demand.follow_up_on = Some(day);
        demand.satisfaction = chance(rng, 92).then(|| satisfaction(rng, demand.status));
        visits.push(follow_up_visit(rng, id(i), demand, day));
    }
    visits
}

fn satisfaction(rng: &mut Rng, status: DemandStatus) -> Satisfaction {
    let (satisfied, basic) = if status == DemandStatus::Resolved { (72, 94) } else { (10, 50) };
    match rng.u8(..100) {
        r if r < satisfied => Satisfaction::Satisfied,
        r if r < basic => Satisfaction::Basic,
        _ => Satisfaction::Unsatisfied,
    }
}

fn follow_up_visit(rng: &mut Rng, demand_id: u64, demand: &Demand, day: NaiveDate) -> Visit {
    let kind = match (demand.household_id, demand.unit_id, demand.community_id) {
        (Some(_), ..) if chance(rng, 55) => VisitKind::Home,
        (_, Some(_), _) => VisitKind::Unit,
        (_, _, Some(_)) => VisitKind::Community,
        _ => VisitKind::Phone,
    };
    let verdict = match demand.satisfaction {
        Some(Satisfaction::Satisfied) => "对办理结果表示满意。",
        Some(Satisfaction::Basic) => "表示基本满意。",
        Some(Satisfaction::Unsatisfied) => "对办理结果不满意，已做好解释工作，继续跟踪。",
        None => "已告知办理结果。",
    };
    let summary = format!("{}{verdict}", pick(rng, texts::FOLLOW_UP));
    let member = demand.member_id.unwrap_or(id(OFFICE_DIRECTOR));
    Visit {
        household_id: demand.household_id,
        unit_id: demand.unit_id,
        community_id: demand.community_id,
        visitor: demand.visitor.clone(),
        demand_id: Some(demand_id),
        ..blank(day, member, kind, summary)
    }
}

/// The same complaint, put four ways by four households of one community in
/// the last weeks and not yet handled: the hot issue (热点问题) the joint
/// meeting's agenda should find. Made without the generator, so that the
/// rest of the demo stays as it was.
pub fn hot_issue(today: NaiveDate, households: &[Household]) -> Vec<Demand> {
    const TEXTS: [(&str, i64); 4] = [
        ("电动车在楼道充电，担心起火，希望建集中充电桩。", -41),
        ("楼道里电动车充电到半夜，存在火灾隐患", -26),
        ("电动自行车楼道内充电问题突出，建议安装充电桩", -12),
        ("好几户在楼道给电动车充电，请社区管一管", -4),
    ];
    let Some(community) = households.iter().find(|h| h.member_id.is_some()).map(|h| h.community_id) else {
        return Vec::new();
    };
    let raisers = households.iter().enumerate().filter(|(_, h)| h.community_id == community && h.member_id.is_some());
    raisers
        .zip(TEXTS)
        .map(|((i, h), (text, days))| Demand {
            household_id: Some(id(i)),
            member_id: h.member_id,
            ..Demand::new(add_days(today, days), crate::model::enums::DemandCategory::Safety, text)
        })
        .collect()
}
