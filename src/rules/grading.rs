//! An evaluation's grade follows its votes, unless it was set by hand with a
//! reason (`grade_reason`): then it is overridden and kept as set.

use crate::model::enums::Grade;
use crate::model::{Evaluation, FieldError, Kind, Problem, Settings};
use crate::rules::grade::grade_from_sets;

/// Set by hand: a reason is recorded, so the grade no longer follows the votes.
pub fn is_overridden(e: &Evaluation) -> bool {
    !e.grade_reason.trim().is_empty()
}

/// The grade the rule gives the evaluation's vote sets, weighted by the settings.
pub fn computed_grade(e: &Evaluation, settings: &Settings) -> Option<Grade> {
    grade_from_sets(&e.vote_sets, &settings.vote_weights, &settings.grade_rule)
}

/// Applied before an evaluation is written (`old` is the stored version).
/// Without a reason the grade becomes the computed one; a grade typed in this
/// change that the votes do not give is refused, naming the missing reason,
/// rather than silently replaced.
pub fn settle_grade(old: Option<&Evaluation>, new: &mut Evaluation, settings: &Settings) -> Result<(), FieldError> {
    if is_overridden(new) {
        return Ok(());
    }
    let computed = computed_grade(new, settings);
    let typed = new.grade.filter(|g| Some(*g) != old.and_then(|o| o.grade));
    if let Some(grade) = typed.filter(|g| Some(*g) != computed) {
        return Err(FieldError::new(Kind::Evaluation, "grade", Problem::HandGradeNeedsReason { grade, computed }));
    }
    new.grade = computed;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::settings::GradeRule;
    use crate::model::{VoteSet, VoteSets, Votes};

    fn eval(votes: Option<[u32; 4]>, grade: Option<Grade>, reason: &str) -> Evaluation {
        let residents =
            votes.map(|[e, c, b, i]| VoteSet::of(Votes { excellent: e, competent: c, basic: b, incompetent: i }));
        Evaluation {
            vote_sets: VoteSets { residents, ..VoteSets::default() },
            grade,
            grade_reason: reason.into(),
            ..Evaluation::blank(1, "2026".parse().unwrap())
        }
    }

    fn settled(old: Option<&Evaluation>, mut new: Evaluation) -> Result<Evaluation, FieldError> {
        settle_grade(old, &mut new, &Settings::default()).map(|()| new)
    }

    #[test]
    fn the_grade_follows_the_votes_at_every_threshold() {
        let cases = [
            ([0, 0, 0, 0], None),
            ([10, 10, 0, 10], Some(Grade::Incompetent)), // incompetent exactly 1/3
            ([11, 10, 0, 9], Some(Grade::Competent)),    // incompetent just under 1/3
            ([10, 9, 11, 0], Some(Grade::Basic)),        // pass 19/30 < 2/3
            ([10, 10, 10, 0], Some(Grade::Competent)),   // pass exactly 2/3, excellent 1/3
            ([15, 10, 5, 0], Some(Grade::Excellent)),    // excellent exactly 1/2
            ([14, 11, 5, 0], Some(Grade::Competent)),    // excellent just under 1/2
        ];
        for (votes, want) in cases {
            let e = settled(None, eval(Some(votes), None, "")).unwrap();
            assert_eq!(e.grade, want, "{votes:?}");
        }
    }

    #[test]
    fn changed_votes_regrade_an_evaluation_that_is_not_overridden() {
        let old = settled(None, eval(Some([10, 10, 10, 0]), None, "")).unwrap();
        let mut new = old.clone();
        new.vote_sets.residents = Some(VoteSet::of(Votes { excellent: 20, competent: 5, basic: 5, incompetent: 0 }));
        assert_eq!(settled(Some(&old), new).unwrap().grade, Some(Grade::Excellent));
    }

    #[test]
    fn a_hand_grade_without_a_reason_is_refused_and_names_the_reason_field() {
        let old = settled(None, eval(Some([10, 10, 10, 0]), None, "")).unwrap();
        let mut new = old.clone();
        new.grade = Some(Grade::Excellent);
        let err = settled(Some(&old), new).unwrap_err();
        assert_eq!(err.field, "grade");
        let zh = err.message(crate::i18n::Lang::Zh);
        assert!(zh.contains("grade_reason") && zh.contains("优秀") && zh.contains("称职"), "{zh}");
        assert!(err.message(crate::i18n::Lang::En).contains("needs a reason"));
    }

    #[test]
    fn a_hand_grade_equal_to_the_computed_one_needs_no_reason() {
        let e = settled(None, eval(Some([10, 10, 10, 0]), Some(Grade::Competent), "")).unwrap();
        assert!(!is_overridden(&e));
    }

    #[test]
    fn an_override_with_a_reason_is_kept_through_vote_changes_until_the_reason_is_cleared() {
        let old = settled(None, eval(Some([10, 10, 10, 0]), Some(Grade::Basic), "年内受到通报批评")).unwrap();
        assert!(is_overridden(&old) && old.grade == Some(Grade::Basic));
        let mut new = old.clone();
        new.vote_sets.residents = Some(VoteSet::of(Votes { excellent: 30, competent: 0, basic: 0, incompetent: 0 }));
        let kept = settled(Some(&old), new).unwrap();
        assert_eq!(kept.grade, Some(Grade::Basic));
        let mut cleared = kept.clone();
        cleared.grade_reason.clear();
        assert_eq!(settled(Some(&kept), cleared).unwrap().grade, Some(Grade::Excellent));
    }

    #[test]
    fn thresholds_come_from_the_settings() {
        let rule = GradeRule { excellent: crate::model::settings::Share::new(3, 4), ..GradeRule::default() };
        let mut e = eval(Some([15, 15, 0, 0]), None, "");
        settle_grade(None, &mut e, &Settings { grade_rule: rule, ..Settings::default() }).unwrap();
        assert_eq!(e.grade, Some(Grade::Competent));
    }
}
