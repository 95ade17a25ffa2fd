//! The checked lifecycle of a demand: open → in progress / escalated →
//! resolved or unresolvable; a closed demand then gets its follow-up (回访),
//! which is not a change of status.

use super::WorkflowError;
use crate::model::enums::DemandStatus::{self, *};

/// The states a demand in `from` may move to.
pub fn next_states(from: DemandStatus) -> &'static [DemandStatus] {
    match from {
        Open => &[InProgress, Escalated],
        InProgress => &[Escalated, Resolved, Unresolvable],
        Escalated => &[InProgress, Resolved, Unresolvable],
        Resolved | Unresolvable => &[],
    }
}

/// Staying in the same state is always allowed (other fields may change).
pub fn check_transition(id: u64, from: DemandStatus, to: DemandStatus) -> Result<(), WorkflowError> {
    if from == to || next_states(from).contains(&to) {
        Ok(())
    } else {
        Err(WorkflowError::Transition { id, from, to })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn every_pair_is_allowed_or_refused_as_specified() {
        let allowed = [
            (Open, InProgress),
            (Open, Escalated),
            (InProgress, Escalated),
            (InProgress, Resolved),
            (InProgress, Unresolvable),
            (Escalated, InProgress),
            (Escalated, Resolved),
            (Escalated, Unresolvable),
        ];
        for &from in DemandStatus::ALL {
            for &to in DemandStatus::ALL {
                let ok = from == to || allowed.contains(&(from, to));
                assert_eq!(check_transition(1, from, to).is_ok(), ok, "{from:?} → {to:?}");
            }
        }
    }

    #[test]
    fn a_refusal_names_the_states_that_may_follow() {
        let err = check_transition(7, Open, Resolved).unwrap_err();
        assert_eq!(
            err.message(Lang::Zh),
            "诉求 7 的状态不能从“待办”改为“已办结”；可改为：办理中 (in_progress)、提交议事会 (escalated)"
        );
        assert_eq!(
            err.message(Lang::En),
            "Demand 7 cannot go from Open to Resolved; it may become: In progress (in_progress), Escalated (escalated)"
        );
        let closed = check_transition(7, Resolved, Open).unwrap_err().message(Lang::En);
        assert!(closed.contains("no state may follow"), "{closed}");
    }
}
