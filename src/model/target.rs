//! Visits and demands concern one target: a household, a unit, a community, or a
//! visitor named in free text. Both kinds share these fields and this rule.

use super::error::{FieldError, Problem};
use super::kind::Kind;
use super::record::{opt_ref, Ref};

/// A view of the target fields of a visit or a demand. Kept as plain fields in
/// both records because bincode cannot decode `#[serde(flatten)]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Target<'a> {
    pub household_id: Option<u64>,
    pub unit_id: Option<u64>,
    pub community_id: Option<u64>,
    pub visitor: &'a str,
}

impl Target<'_> {
    pub fn refs(&self) -> impl Iterator<Item = Ref> {
        [
            opt_ref("household_id", Kind::Household, self.household_id),
            opt_ref("unit_id", Kind::Unit, self.unit_id),
            opt_ref("community_id", Kind::Community, self.community_id),
        ]
        .into_iter()
        .flatten()
    }

    /// Exactly one target must be given; a visitor may be given with the
    /// community they come from (a reception at the community's office).
    pub fn check(&self, kind: Kind) -> Option<FieldError> {
        let visitor = !self.visitor.trim().is_empty();
        let refs = self.refs().count();
        let from_community = visitor && refs == 1 && self.community_id.is_some();
        let given = refs + usize::from(visitor);
        (given != 1 && !from_community).then(|| FieldError::new(kind, "household_id", Problem::OneTarget))
    }
}
