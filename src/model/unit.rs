//! 辖区单位: an organisation located in the street.

use super::enums::UnitKind;
use super::fields::{FieldSpec as F, FieldType::*};
use super::kind::Kind;
use super::record::{RecordData, Ref};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unit {
    pub name: String,
    pub kind: UnitKind,
    pub address: String,
    pub party_org: String,
    pub secretary: String,
    pub phone: String,
    pub party_members: Option<u32>,
    pub notes: String,
}

pub const FIELDS: &[F] = &[
    F::new("name", "名称", "Name", Text { max: 80 }).required(),
    F::new("kind", "类型", "Kind", Choice(UnitKind::CHOICES)).required(),
    F::new("address", "地址", "Address", Text { max: 120 }),
    F::new("party_org", "党组织", "Party organisation", Text { max: 80 }),
    F::new("secretary", "书记", "Secretary", Text { max: 40 }),
    F::new("phone", "电话", "Phone", Phone),
    F::new("party_members", "党员数", "Party members", Count { max: 100_000 }),
    F::new("notes", "备注", "Notes", LongText { max: 2000 }),
];

impl RecordData for Unit {
    fn free_text_mut(&mut self) -> Vec<&mut String> {
        vec![&mut self.notes]
    }

    const KIND: Kind = Kind::Unit;

    fn refs(&self) -> Vec<Ref> {
        Vec::new()
    }

    fn label(&self) -> String {
        self.name.clone()
    }
}
