//! Demonstration data: a whole street (communities, units, committee members,
//! households) with two years of visits, demands, meetings, tasks,
//! evaluations and reporting sessions ending at a given day, and the roster of
//! deputies who hear the reports; the same for the same seed.
//!
//! Scale 1 is one realistic street: 6 communities, 40 units, 24 members and
//! 240 households. Scale N multiplies households, and with them visits,
//! demands and tasks, by N; members grow by a tenth of 24 per extra step (at
//! most 80 in all) so that each still links a believable number of households,
//! while communities and units stay as they are.

mod demands;
mod evaluations;
mod meetings;
mod org;
mod pools;
mod roster;
mod tasks;
mod texts;
mod visits;

#[cfg(test)]
mod tests;

use crate::model::{Community, Demand, Deputy, Evaluation, Household, Meeting, Member, Session, Task, Unit, Visit};
use chrono::{NaiveDate, TimeDelta};
use fastrand::Rng;

#[derive(Clone, Debug, PartialEq)]
pub struct DemoData {
    pub settings_street_name: String,
    pub communities: Vec<Community>,
    pub units: Vec<Unit>,
    pub members: Vec<Member>,
    pub households: Vec<Household>,
    pub visits: Vec<Visit>,
    pub demands: Vec<Demand>,
    pub meetings: Vec<Meeting>,
    pub tasks: Vec<Task>,
    pub evaluations: Vec<Evaluation>,
    pub deputies: Vec<Deputy>,
    pub sessions: Vec<Session>,
}

/// Days of history before `today`.
pub const HISTORY_DAYS: i64 = 730;

/// Deterministic for a given (scale, today, seed). References use the ids the
/// records will get when inserted into an EMPTY store: each kind's records get
/// ids 1, 2, 3… in the order of its Vec (so `households[0]` is household 1).
/// A scale of 0 is taken as 1. Meetings follow the built-in holidays.
pub fn generate(scale: u32, today: NaiveDate, seed: u64) -> DemoData {
    generate_with(scale, today, seed, &crate::rules::holidays::HolidayCalendar::builtin())
}

/// As [`generate`], meetings falling on working days of `calendar`: the one
/// the rest of silian uses, with the clerk's `holidays.toml`.
pub fn generate_with(
    scale: u32,
    today: NaiveDate,
    seed: u64,
    calendar: &crate::rules::holidays::HolidayCalendar,
) -> DemoData {
    let scale = scale.max(1);
    let mut rng = Rng::with_seed(seed);
    let span = Span { start: add_days(today, -HISTORY_DAYS), today };
    let communities = org::communities(&mut rng);
    let units = org::units(&mut rng);
    let members = org::members(&mut rng, scale);
    let households = org::households(&mut rng, scale, &members);
    let street = Street { members: &members, units: &units, households: &households };

    let routine = visits::routine(&mut rng, span, scale, &street);
    let mut demands = demands::from_visits(&mut rng, span, &routine.drafts, &households);
    let slots = meetings::schedule(span, calendar);
    let agenda = meetings::escalate(&mut rng, &mut demands, &slots);
    demands::settle_all(&mut rng, span.today, &mut demands);
    let (meetings, tasks) = meetings::hold(&mut rng, span, &slots, &agenda, &mut demands, &street);
    let follow_ups = demands::follow_up_all(&mut rng, span.today, &mut demands, &routine.cutoff);
    let mut visits = visits::merge(routine.drafts, follow_ups, &mut demands);
    let (mut meetings, mut tasks) = (meetings, tasks);
    let hot = demands::hot_issue(span.today, &households);
    let renumber = insert_by_date(&mut demands, hot);
    renumber_demands(&renumber, &mut visits, &mut meetings, &mut tasks);
    let mut evaluations = evaluations::generate(&mut rng, span.today, &members);
    let deputies = roster::deputies(seed, communities.len());
    let sessions = roster::sessions(seed, &members, &evaluations, deputies.len());
    roster::date_reports_by_sessions(&mut evaluations, &sessions);

    DemoData {
        settings_street_name: pools::STREET.to_string(),
        communities,
        units,
        members,
        households,
        visits,
        demands,
        meetings,
        tasks,
        evaluations,
        deputies,
        sessions,
    }
}

/// Puts `extra` among `demands` in the order they were raised (ids follow
/// the calendar); returns each old demand id's new one, by old index.
fn insert_by_date(demands: &mut Vec<Demand>, extra: Vec<Demand>) -> Vec<u64> {
    let old = demands.len();
    demands.extend(extra);
    let mut order: Vec<usize> = (0..demands.len()).collect();
    order.sort_by_key(|&i| (demands[i].raised_on, i >= old, i));
    let mut new_id = vec![0; demands.len()];
    for (position, &i) in order.iter().enumerate() {
        new_id[i] = id(position);
    }
    let mut taken: Vec<Option<Demand>> = std::mem::take(demands).into_iter().map(Some).collect();
    *demands = order.iter().filter_map(|&i| taken[i].take()).collect();
    new_id.truncate(old);
    new_id
}

/// Points the references to demands at their ids after [`insert_by_date`].
fn renumber_demands(new_id: &[u64], visits: &mut [Visit], meetings: &mut [Meeting], tasks: &mut [Task]) {
    let renumber = |old: &mut u64| *old = new_id[index(*old)];
    visits.iter_mut().filter_map(|v| v.demand_id.as_mut()).for_each(renumber);
    meetings.iter_mut().flat_map(|m| m.topics.iter_mut()).flat_map(|t| t.demand_ids.iter_mut()).for_each(renumber);
    tasks.iter_mut().flat_map(|t| t.demand_ids.iter_mut()).for_each(renumber);
}

/// The days the history covers, both ends included.
#[derive(Clone, Copy, Debug)]
struct Span {
    start: NaiveDate,
    today: NaiveDate,
}

/// The fixed part of the street that the history refers to.
struct Street<'a> {
    members: &'a [Member],
    units: &'a [Unit],
    households: &'a [Household],
}

/// The id a record at `index` of its Vec gets in an empty store.
fn id(index: usize) -> u64 {
    index as u64 + 1
}

/// The Vec index of the record with `id`.
fn index(id: u64) -> usize {
    (id - 1) as usize
}

fn add_days(date: NaiveDate, days: i64) -> NaiveDate {
    date + TimeDelta::days(days)
}

/// A day between `from` and `to`, both included (`from` when `to` is earlier).
fn day_between(rng: &mut Rng, from: NaiveDate, to: NaiveDate) -> NaiveDate {
    let span = (to - from).num_days().max(0);
    add_days(from, rng.i64(0..=span))
}

/// True with probability `percent` / 100.
fn chance(rng: &mut Rng, percent: u8) -> bool {
    rng.u8(..100) < percent
}
