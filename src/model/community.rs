//! 社区: a residential community of the street.

use super::fields::{FieldSpec as F, FieldType::*};
use super::kind::Kind;
use super::record::{RecordData, Ref};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Community {
    pub name: String,
    pub address: String,
    pub party_org: String,
    pub secretary: String,
    pub phone: String,
    pub households_total: Option<u32>,
    pub population: Option<u32>,
    pub notes: String,
}

pub const FIELDS: &[F] = &[
    F::new("name", "名称", "Name", Text { max: 40 }).required(),
    F::new("address", "地址", "Address", Text { max: 120 }),
    F::new("party_org", "党组织", "Party organisation", Text { max: 80 }),
    F::new("secretary", "书记", "Secretary", Text { max: 40 }),
    F::new("phone", "电话", "Phone", Phone),
    F::new("households_total", "户数", "Households", Count { max: 1_000_000 }),
    F::new("population", "人口", "Population", Count { max: 10_000_000 }),
    F::new("notes", "备注", "Notes", LongText { max: 2000 }),
];

impl RecordData for Community {
    fn free_text_mut(&mut self) -> Vec<&mut String> {
        vec![&mut self.notes]
    }

    const KIND: Kind = Kind::Community;

    fn refs(&self) -> Vec<Ref> {
        Vec::new()
    }

    fn label(&self) -> String {
        self.name.clone()
    }
}
