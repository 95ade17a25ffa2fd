//! The default grade of a 双述双评 evaluation from the democratic rating.

use crate::model::enums::{Grade, VoteSetKind};
use crate::model::settings::{GradeRule, Share, VoteWeights};
use crate::model::{VoteSets, Votes};

/// No votes, no grade; incompetent ≥ 1/3 → 不称职; else excellent + competent
/// < 2/3 → 基本称职; else excellent ≥ 1/2 → 优秀; else 称职 (shares from `rule`).
pub fn grade_from_votes(votes: &Votes, rule: &GradeRule) -> Option<Grade> {
    let v = |n: u32| u128::from(n);
    let tallies = [v(votes.excellent), v(votes.competent), v(votes.basic), v(votes.incompetent)];
    grade_from_tallies(tallies, v(votes.total()), rule)
}

/// The grade of the sets' **weighted** shares: each set's shares count by its
/// weight, over the weights of the sets recorded (a set with weight 0 counts
/// for nothing; a set not recorded leaves its weight to the others). Exact:
/// every share is a fraction over one common denominator, so a share exactly
/// at a threshold reaches it.
pub fn grade_from_sets(sets: &VoteSets, weights: &VoteWeights, rule: &GradeRule) -> Option<Grade> {
    let counted: Vec<(Share, Votes)> = sets
        .present()
        .map(|(kind, set)| (weights.of(kind), set.votes()))
        .filter(|(w, v)| w.num > 0 && v.total() > 0)
        .collect();
    let common = counted.iter().try_fold(1u128, |l, (w, v)| lcm(l, u128::from(w.den) * u128::from(v.total())))?;
    let mut tallies = [0u128; 4];
    let mut total = 0u128;
    for (w, v) in &counted {
        // This set's votes over the common denominator: count × weight × (common / (den × set total)).
        let scale = common / (u128::from(w.den) * u128::from(v.total())) * u128::from(w.num);
        for (t, n) in tallies.iter_mut().zip([v.excellent, v.competent, v.basic, v.incompetent]) {
            *t = t.checked_add(u128::from(n).checked_mul(scale)?)?;
        }
        total = total.checked_add(u128::from(v.total()).checked_mul(scale)?)?;
    }
    grade_from_tallies(tallies, total, rule)
}

fn grade_from_tallies(
    [excellent, competent, _basic, incompetent]: [u128; 4],
    total: u128,
    rule: &GradeRule,
) -> Option<Grade> {
    if total == 0 {
        return None;
    }
    let reached = |share: Share, part: u128| part * u128::from(share.den) >= u128::from(share.num) * total;
    Some(if reached(rule.incompetent, incompetent) {
        Grade::Incompetent
    } else if !reached(rule.pass, excellent + competent) {
        Grade::Basic
    } else if reached(rule.excellent, excellent) {
        Grade::Excellent
    } else {
        Grade::Competent
    })
}

fn gcd(a: u128, b: u128) -> u128 {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}

/// `None` past u128: only for absurd ballot counts and weights.
fn lcm(a: u128, b: u128) -> Option<u128> {
    (a / gcd(a, b)).checked_mul(b)
}

/// Whether a set's returned ballots reach the minimum turnout; `None` when
/// issued or returned is not recorded.
pub fn turnout_reached(issued: Option<u32>, returned: Option<u32>, min: Share) -> Option<bool> {
    let (issued, returned) = (issued?, returned?);
    (issued > 0).then(|| min.reached_by(returned, issued))
}

/// The sets a grade needs: those whose weight counts.
pub fn required_sets(weights: &VoteWeights) -> Vec<VoteSetKind> {
    VoteSetKind::ALL.iter().copied().filter(|k| weights.of(*k).num > 0).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grade(e: u32, c: u32, b: u32, i: u32) -> Option<Grade> {
        let votes = Votes { excellent: e, competent: c, basic: b, incompetent: i };
        grade_from_votes(&votes, &GradeRule::default())
    }

    fn set(e: u32, c: u32, b: u32, i: u32) -> Option<crate::model::VoteSet> {
        Some(crate::model::VoteSet::of(Votes { excellent: e, competent: c, basic: b, incompetent: i }))
    }

    #[test]
    fn weighted_shares_reach_a_threshold_exactly() {
        let (weights, rule) = (VoteWeights::default(), GradeRule::default());
        // Residents 10/20 excellent, deputies 5/10: 1/2 weighted — exactly 优秀.
        let sets = VoteSets { residents: set(10, 10, 0, 0), deputies: set(5, 5, 0, 0), committee: None };
        assert_eq!(grade_from_sets(&sets, &weights, &rule), Some(Grade::Excellent));
        // Residents 9/20, deputies 5/10: (0.45 + 0.5) / 2 < 1/2 — 称职.
        let sets = VoteSets { residents: set(9, 11, 0, 0), deputies: set(5, 5, 0, 0), committee: None };
        assert_eq!(grade_from_sets(&sets, &weights, &rule), Some(Grade::Competent));
        // Incompetent 1/3 weighted: 0/30 and 2/3 → (0 + 2/3) / 2 = 1/3 — exactly 不称职.
        let sets = VoteSets { residents: set(20, 10, 0, 0), deputies: set(1, 0, 0, 2), committee: None };
        assert_eq!(grade_from_sets(&sets, &weights, &rule), Some(Grade::Incompetent));
    }

    #[test]
    fn a_set_of_weight_zero_counts_for_nothing_and_a_missing_set_leaves_its_weight() {
        let (weights, rule) = (VoteWeights::default(), GradeRule::default());
        let committee_only = VoteSets { committee: set(0, 0, 0, 9), ..VoteSets::default() };
        assert_eq!(grade_from_sets(&committee_only, &weights, &rule), None, "committee weighs 0 by default");
        let residents_only =
            VoteSets { residents: set(15, 10, 5, 0), committee: set(0, 0, 0, 9), ..VoteSets::default() };
        assert_eq!(grade_from_sets(&residents_only, &weights, &rule), grade(15, 10, 5, 0));
        let heavy =
            VoteWeights { residents: Share::new(1, 3), deputies: Share::new(2, 3), committee: Share::new(0, 1) };
        // Residents all 不称职 weigh 1/3: exactly the 不称职 threshold.
        let sets = VoteSets { residents: set(0, 0, 0, 6), deputies: set(3, 0, 0, 0), committee: None };
        assert_eq!(grade_from_sets(&sets, &heavy, &rule), Some(Grade::Incompetent));
    }

    #[test]
    fn turnout_is_checked_when_both_counts_are_known() {
        let min = Share::new(2, 3);
        assert_eq!(turnout_reached(Some(30), Some(20), min), Some(true));
        assert_eq!(turnout_reached(Some(30), Some(19), min), Some(false));
        assert_eq!(turnout_reached(None, Some(19), min), None);
    }

    #[test]
    fn no_votes_no_grade() {
        assert_eq!(grade(0, 0, 0, 0), None);
    }

    #[test]
    fn incompetent_at_exactly_one_third() {
        assert_eq!(grade(10, 10, 0, 10), Some(Grade::Incompetent));
        assert_eq!(grade(15, 6, 0, 9), Some(Grade::Excellent));
    }

    #[test]
    fn pass_needs_two_thirds_excellent_or_competent() {
        // 19 of 30 is below 2/3; 20 of 30 is exactly 2/3.
        assert_eq!(grade(10, 9, 11, 0), Some(Grade::Basic));
        assert_eq!(grade(10, 10, 10, 0), Some(Grade::Competent));
    }

    #[test]
    fn excellent_at_exactly_one_half() {
        assert_eq!(grade(15, 10, 5, 0), Some(Grade::Excellent));
        assert_eq!(grade(14, 11, 5, 0), Some(Grade::Competent));
    }

    #[test]
    fn incompetent_wins_over_everything_else() {
        assert_eq!(grade(20, 0, 0, 10), Some(Grade::Incompetent));
    }

    #[test]
    fn thresholds_are_settings() {
        let rule = GradeRule { excellent: crate::model::settings::Share::new(3, 4), ..GradeRule::default() };
        let votes = Votes { excellent: 15, competent: 15, basic: 0, incompetent: 0 };
        assert_eq!(grade_from_votes(&votes, &rule), Some(Grade::Competent));
    }
}
