//! The evaluations of a period, one row per member, as the status listing and
//! the 公示 list show them.

use crate::i18n::Lang;
use crate::model::enums::{Grade, Recommendation, Role, SessionKind, VoteSetKind};
use crate::model::period::Period;
use crate::model::Settings;
use crate::model::{AnyRecord, Evaluation, Member, Unit, VoteSets, Votes, Wrap};
use crate::rules::grade::{required_sets, turnout_reached};
use crate::rules::grading::is_overridden;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RosterRow {
    pub evaluation_id: u64,
    pub member_id: u64,
    pub member: String,
    pub post: String,
    pub unit: String,
    pub grade: Option<Grade>,
    /// Set by hand with a reason rather than computed from the votes.
    pub overridden: bool,
    pub vote_sets: VoteSets,
    /// The sets whose ballots returned fall short of the minimum turnout.
    pub low_turnout: Vec<VoteSetKind>,
    /// The vote sets the grade needs (weight above 0) that are not recorded.
    pub missing_sets: Vec<VoteSetKind>,
    pub recommendation: Recommendation,
    pub publicity_from: Option<NaiveDate>,
    pub publicity_to: Option<NaiveDate>,
    pub committee_report_on: Option<NaiveDate>,
    pub deputies_report_on: Option<NaiveDate>,
    pub published_on: Option<NaiveDate>,
    pub fed_back_city_on: Option<NaiveDate>,
    pub fed_back_district_on: Option<NaiveDate>,
}

impl RosterRow {
    /// Excellent, competent, basic, incompetent as percentages of every
    /// set's votes together, to one decimal; `None` without votes.
    pub fn shares(&self) -> Option<[f64; 4]> {
        percentages(self.vote_sets.all_votes())
    }
}

impl RosterRow {
    /// `群众 12,3,1,0/45/42；代表 …`, a set below the minimum turnout marked
    /// `（收回率低）` / ` (low turnout)` when the turnout was checked.
    pub fn vote_sets_text(&self, lang: Lang) -> String {
        self.vote_sets.text(lang, &self.low_turnout)
    }
}

/// Excellent, competent, basic, incompetent as percentages, to one decimal;
/// `None` without votes.
pub fn percentages(v: Votes) -> Option<[f64; 4]> {
    let total = f64::from(v.total());
    (v.total() > 0).then(|| {
        [v.excellent, v.competent, v.basic, v.incompetent].map(|n| (f64::from(n) * 1000.0 / total).round() / 10.0)
    })
}

/// The active evaluations of `period`, ordered by the members' roles, then ids.
/// `records` must hold the members and units they name.
pub fn roster(records: &[AnyRecord], period: Period, settings: &Settings) -> Vec<RosterRow> {
    let members: HashMap<u64, &Member> = typed::<Member>(records).collect();
    let units: HashMap<u64, &Unit> = typed::<Unit>(records).collect();
    let mut rows: Vec<(Option<Role>, RosterRow)> = records
        .iter()
        .filter(|r| !r.meta.archived)
        .filter_map(|r| Evaluation::peek(&r.data).map(|e| (r.id(), e)))
        .filter(|(_, e)| e.period == period)
        .map(|(id, e)| {
            let member = members.get(&e.member_id);
            let unit = member.and_then(|m| m.unit_id).and_then(|u| units.get(&u));
            let mut row = row(id, e, member.copied(), unit.copied(), settings);
            reports_from_sessions(&mut row, period, records);
            (member.map(|m| m.role), row)
        })
        .collect();
    rows.sort_by_key(|(role, row)| (*role, row.member_id));
    rows.into_iter().map(|(_, row)| row).collect()
}

/// A report not dated on the evaluation is the session's at which the member
/// reported (述职会 records, when the records hold them): the evaluation and
/// its sessions say the same.
fn reports_from_sessions(row: &mut RosterRow, period: Period, records: &[AnyRecord]) {
    for (_, session) in super::sessions::sessions_of(row.member_id, period, records) {
        let slot = match session.kind {
            SessionKind::Committee => &mut row.committee_report_on,
            SessionKind::Deputies => &mut row.deputies_report_on,
        };
        slot.get_or_insert(session.date);
    }
}

fn typed<T: Wrap>(records: &[AnyRecord]) -> impl Iterator<Item = (u64, &T)> {
    records.iter().filter_map(|r| T::peek(&r.data).map(|d| (r.id(), d)))
}

fn row(id: u64, e: &Evaluation, member: Option<&Member>, unit: Option<&Unit>, settings: &Settings) -> RosterRow {
    let low_turnout = e
        .vote_sets
        .present()
        .filter(|(_, s)| turnout_reached(s.issued, s.returned, settings.min_turnout) == Some(false))
        .map(|(k, _)| k)
        .collect();
    let missing_sets =
        required_sets(&settings.vote_weights).into_iter().filter(|k| e.vote_sets.get(*k).is_none()).collect();
    RosterRow {
        low_turnout,
        missing_sets,
        recommendation: e.recommendation,
        publicity_from: e.publicity_from,
        publicity_to: e.publicity_to,
        evaluation_id: id,
        member_id: e.member_id,
        member: member.map_or_else(|| format!("#{}", e.member_id), |m| m.name.clone()),
        post: member.map(|m| m.post.clone()).unwrap_or_default(),
        unit: unit.map(|u| u.name.clone()).unwrap_or_default(),
        grade: e.grade,
        overridden: is_overridden(e),
        vote_sets: e.vote_sets,
        committee_report_on: e.committee_report_on,
        deputies_report_on: e.deputies_report_on,
        published_on: e.published_on,
        fed_back_city_on: e.fed_back_city_on,
        fed_back_district_on: e.fed_back_district_on,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_are_percentages_to_one_decimal() {
        let mut row = row(1, &crate::review::duty::tests::evaluation(1, "2026"), None, None, &Settings::default());
        assert_eq!(row.shares(), None);
        row.vote_sets.residents =
            Some(crate::model::VoteSet::of(Votes { excellent: 12, competent: 3, basic: 1, incompetent: 0 }));
        assert_eq!(row.shares(), Some([75.0, 18.8, 6.3, 0.0]));
    }
}
