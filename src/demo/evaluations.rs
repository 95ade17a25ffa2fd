//! 双述双评: each member's evaluation for the last two complete years, done
//! in January and February of the year after; steps still to come are left empty.

use super::pools::{LEADER, OFFICE_DIRECTOR, SHORT_MEMBERS};
use super::texts::leader_comment;
use super::{add_days, chance, id};
use crate::model::enums::{Grade, Recommendation, Role};
use crate::model::period::Period;
use crate::model::settings::{GradeRule, VoteWeights};
use crate::model::{Evaluation, Member, VoteSet, VoteSets, Votes};
use crate::rules::grade::grade_from_sets;
use chrono::{Datelike, NaiveDate};
use fastrand::Rng;

/// The grades given in the older year whatever the dice say, so that every
/// grade occurs: the leader excellent, one member competent, the short ones lower.
const FIXED_GRADES: [(usize, Grade); 4] = [
    (LEADER, Grade::Excellent),
    (3, Grade::Competent),
    (SHORT_MEMBERS[0], Grade::Incompetent),
    (SHORT_MEMBERS[1], Grade::Basic),
];

/// Deputies and residents' representatives who heard each member's report.
const DEPUTIES: u32 = 12;

/// The part-time members' evaluations (the plan evaluates the 兼职委员). The
/// dice are rolled for every member, as before the rule was kept, so that the
/// rest of the demo stays as it was.
pub fn generate(rng: &mut Rng, today: NaiveDate, members: &[Member]) -> Vec<Evaluation> {
    let evaluated = |e: &Evaluation| members.get(super::index(e.member_id)).is_some_and(|m| m.role == Role::PartTime);
    every_member(rng, today, members.len()).into_iter().filter(evaluated).collect()
}

fn every_member(rng: &mut Rng, today: NaiveDate, members: usize) -> Vec<Evaluation> {
    let last = today.year() - 1;
    let mut out = Vec::with_capacity(2 * members);
    for year in [last - 1, last] {
        let voters = rng.u32(30..=36);
        for m in 0..members {
            let fixed = (year != last).then(|| FIXED_GRADES.iter().find(|(i, _)| *i == m)).flatten();
            let target = fixed.map_or_else(|| random_grade(rng, m <= OFFICE_DIRECTOR), |&(_, g)| g);
            let present = voters - rng.u32(0..=3);
            out.push(evaluation(rng, today, (id(m), year), present, target));
        }
    }
    out
}

/// Mostly excellent or competent; the leading group never lower.
fn random_grade(rng: &mut Rng, leading: bool) -> Grade {
    match rng.u8(..if leading { 92 } else { 100 }) {
        0..50 => Grade::Excellent,
        50..92 => Grade::Competent,
        92..98 => Grade::Basic,
        _ => Grade::Incompetent,
    }
}

/// Reports in January, rating right after, publication and feedback in February.
fn evaluation(
    rng: &mut Rng,
    today: NaiveDate,
    (member_id, year): (u64, i32),
    voters: u32,
    target: Grade,
) -> Evaluation {
    let past = |d: NaiveDate| (d <= today).then_some(d);
    let january = NaiveDate::from_ymd_opt(year + 1, 1, 10).unwrap_or(today);
    let committee = past(add_days(january, rng.i64(0..=10)));
    let deputies = committee.and_then(|d| past(add_days(d, rng.i64(5..=15))));
    let published = deputies.and_then(|d| past(add_days(d, rng.i64(5..=10))));
    let city = published.filter(|_| chance(rng, 80)).and_then(|d| past(add_days(d, rng.i64(7..=20))));
    let district = published.filter(|_| chance(rng, 90)).and_then(|d| past(add_days(d, rng.i64(3..=14))));
    let votes = deputies.map(|_| votes_for(rng, target, voters));
    let vote_sets = votes.map_or_else(VoteSets::default, |v| VoteSets {
        residents: Some(VoteSet { issued: Some(voters + 3), returned: Some(v.total()), ..VoteSet::of(v) }),
        deputies: Some(VoteSet {
            issued: Some(DEPUTIES),
            returned: Some(DEPUTIES),
            ..VoteSet::of(scaled(v, DEPUTIES))
        }),
        committee: None,
    });
    let grade = grade_from_sets(&vote_sets, &VoteWeights::default(), &GradeRule::default());
    // Without the dice: a third of the excellent are recommended for commendation.
    let recommended = grade == Some(Grade::Excellent) && member_id % 3 == 0;
    Evaluation {
        member_id,
        period: Period { year, half: None },
        committee_report_on: committee,
        leader_comment: committee.map_or_else(String::new, |_| leader_comment(grade).to_string()),
        deputies_report_on: deputies,
        vote_sets,
        grade,
        grade_reason: String::new(),
        published_on: published,
        fed_back_city_on: city,
        fed_back_district_on: district,
        notes: if committee.is_some() && chance(rng, 5) {
            "因公外出，书面述职。".to_string()
        } else {
            String::new()
        },
        leader: committee.map_or_else(String::new, |_| "街道党工委书记".to_string()),
        recommendation: if recommended { Recommendation::Commendation } else { Recommendation::None },
        recommendation_reason: if recommended {
            "年度考评优秀，联系服务群众成效明显".into()
        } else {
            String::new()
        },
        publicity_from: published,
        publicity_to: published.map(|d| add_days(d, 7)),
    }
}

/// The same shares over `n` votes (the deputies' set follows the residents').
fn scaled(v: Votes, n: u32) -> Votes {
    let share = |x: u32| x * n / v.total().max(1);
    let (excellent, competent, incompetent) = (share(v.excellent), share(v.competent), share(v.incompetent));
    Votes { excellent, competent, incompetent, basic: n - excellent - competent - incompetent }
}

/// Tallies of `total` votes that the default rule grades as `target`.
fn votes_for(rng: &mut Rng, target: Grade, total: u32) -> Votes {
    let (excellent, competent, incompetent) = match target {
        Grade::Excellent => {
            let e = total.div_ceil(2) + rng.u32(0..=total / 4);
            let i = rng.u32(0..=1);
            (e, total - e - i - rng.u32(0..=2), i)
        }
        Grade::Competent => {
            let e = rng.u32(total / 4..total.div_ceil(2));
            let i = rng.u32(0..=1);
            (e, total - e - i - rng.u32(0..=2), i)
        }
        Grade::Basic => {
            let passing = total / 3 + rng.u32(0..total / 4);
            let e = passing / 3;
            (e, passing - e, rng.u32(0..=2))
        }
        Grade::Incompetent => {
            let i = total.div_ceil(3) + rng.u32(0..=3);
            let e = (total - i) / 3;
            (e, (total - i) / 3, i)
        }
    };
    Votes { excellent, competent, basic: total - excellent - competent - incompetent, incompetent }
}
