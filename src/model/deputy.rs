//! 代表委员: one of the 两代表一委员 (party congress deputies, people's
//! congress deputies, CPPCC members) who hear the members' reports.

use super::enums::{DeputyLevel, DeputyType};
use super::fields::{FieldSpec as F, FieldType::*};
use super::kind::Kind;
use super::record::{opt_ref, RecordData, Ref};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deputy {
    pub name: String,
    /// `type` in DOMAIN.md, JSON and the CLI; a keyword in Rust.
    #[serde(rename = "type")]
    pub deputy_type: DeputyType,
    pub level: DeputyLevel,
    pub sector: String,
    pub phone: String,
    pub community_id: Option<u64>,
    pub notes: String,
}

pub const FIELDS: &[F] = &[
    F::new("name", "姓名", "Name", Text { max: 40 }).required(),
    F::new("type", "类别", "Type", Choice(DeputyType::CHOICES)).required(),
    F::new("level", "层级", "Level", Choice(DeputyLevel::CHOICES)).required(),
    F::new("sector", "界别/单位", "Sector or unit", Text { max: 80 }),
    F::new("phone", "电话", "Phone", Phone),
    F::new("community_id", "社区", "Community", Ref(Kind::Community)),
    F::new("notes", "备注", "Notes", LongText { max: 2000 }),
];

impl RecordData for Deputy {
    fn free_text_mut(&mut self) -> Vec<&mut String> {
        vec![&mut self.notes]
    }

    const KIND: Kind = Kind::Deputy;

    fn refs(&self) -> Vec<Ref> {
        opt_ref("community_id", Kind::Community, self.community_id).into_iter().collect()
    }

    fn label(&self) -> String {
        self.name.clone()
    }

    fn search_text(&self) -> String {
        self.sector.clone()
    }
}
