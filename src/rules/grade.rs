//! The default grade of a 双述双评 evaluation from the democratic rating.

use crate::model::enums::Grade;
use crate::model::settings::GradeRule;
use crate::model::Votes;

/// No votes, no grade; incompetent ≥ 1/3 → 不称职; else excellent + competent
/// < 2/3 → 基本称职; else excellent ≥ 1/2 → 优秀; else 称职 (shares from `rule`).
pub fn grade_from_votes(votes: &Votes, rule: &GradeRule) -> Option<Grade> {
    let total = votes.total();
    if total == 0 {
        return None;
    }
    Some(if rule.incompetent.reached_by(votes.incompetent, total) {
        Grade::Incompetent
    } else if !rule.pass.reached_by(votes.excellent + votes.competent, total) {
        Grade::Basic
    } else if rule.excellent.reached_by(votes.excellent, total) {
        Grade::Excellent
    } else {
        Grade::Competent
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grade(e: u32, c: u32, b: u32, i: u32) -> Option<Grade> {
        let votes = Votes { excellent: e, competent: c, basic: b, incompetent: i };
        grade_from_votes(&votes, &GradeRule::default())
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
