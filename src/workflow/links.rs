//! A visit or demand and the household it concerns: it is the household's
//! linked member who keeps in touch with it, so that member is taken when none
//! is named. Another member named is kept — one may stand in for another — but
//! said, since the visit then counts for them in 述职 and evaluations. The
//! workbench, the command line and the importer all ask this one rule.

/// What the member of a visit or demand is, given its household's linked member.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HouseholdMember {
    /// No member named: take the household's.
    Take(u64),
    /// Another member than the household's: kept, and said.
    Other { linked: u64, named: u64 },
    /// The household's own member, or a household linked to none.
    AsNamed,
}

/// The rule, for a household linked to `linked` and a record naming `named`.
pub fn household_member(linked: Option<u64>, named: Option<u64>) -> HouseholdMember {
    match (linked, named) {
        (Some(linked), None) => HouseholdMember::Take(linked),
        (Some(linked), Some(named)) if named != linked => HouseholdMember::Other { linked, named },
        _ => HouseholdMember::AsNamed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_households_member_is_taken_and_another_is_said() {
        assert_eq!(household_member(Some(3), None), HouseholdMember::Take(3));
        assert_eq!(household_member(Some(3), Some(4)), HouseholdMember::Other { linked: 3, named: 4 });
        assert_eq!(household_member(Some(3), Some(3)), HouseholdMember::AsNamed);
        assert_eq!(household_member(None, Some(4)), HouseholdMember::AsNamed);
        assert_eq!(household_member(None, None), HouseholdMember::AsNamed);
    }
}
