//! 联系户: an ordinary household a member links and visits.

use super::enums::HouseholdTag;
use super::fields::{FieldSpec as F, FieldType::*};
use super::kind::Kind;
use super::record::{opt_ref, RecordData, Ref};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Household {
    pub community_id: u64,
    pub member_id: Option<u64>,
    pub head: String,
    pub address: String,
    pub phone: String,
    pub size: Option<u32>,
    pub tags: Vec<HouseholdTag>,
    pub notes: String,
}

pub const FIELDS: &[F] = &[
    F::new("community_id", "社区", "Community", Ref(Kind::Community)).required(),
    F::new("member_id", "联系委员", "Linking member", Ref(Kind::Member)),
    F::new("head", "户主", "Head of household", Text { max: 40 }).required(),
    F::new("address", "住址", "Address", Text { max: 120 }),
    F::new("phone", "电话", "Phone", Phone),
    F::new("size", "人口", "Persons", Count { max: 50 }),
    F::new("tags", "类别", "Tags", Choices(HouseholdTag::CHOICES)),
    F::new("notes", "备注", "Notes", LongText { max: 2000 }),
];

impl RecordData for Household {
    fn free_text_mut(&mut self) -> Vec<&mut String> {
        vec![&mut self.notes]
    }

    const KIND: Kind = Kind::Household;

    fn refs(&self) -> Vec<Ref> {
        let community = opt_ref("community_id", Kind::Community, Some(self.community_id));
        [community, opt_ref("member_id", Kind::Member, self.member_id)].into_iter().flatten().collect()
    }

    fn label(&self) -> String {
        self.head.clone()
    }
}
