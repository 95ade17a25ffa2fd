//! 委员: a member of the big working committee, with their post and four links.

use super::enums::Role;
use super::fields::{FieldSpec as F, FieldType::*};
use super::kind::Kind;
use super::record::{opt_ref, RecordData, Ref};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub name: String,
    pub phone: String,
    pub role: Role,
    pub unit_id: Option<u64>,
    pub post: String,
    pub duties: String,
    pub line: String,
    pub community_id: Option<u64>,
    pub contact_name: String,
    pub contact_phone: String,
    pub notes: String,
}

pub const FIELDS: &[F] = &[
    F::new("name", "姓名", "Name", Text { max: 40 }).required(),
    F::new("phone", "电话", "Phone", Phone),
    F::new("role", "职务", "Role", Choice(Role::CHOICES)).required(),
    F::new("unit_id", "所在单位", "Unit", Ref(Kind::Unit)),
    F::new("post", "岗位", "Post", Text { max: 60 }),
    F::new("duties", "职责", "Duties", LongText { max: 1000 }),
    F::new("line", "条线", "Line of work", Text { max: 30 }),
    F::new("community_id", "联系社区", "Linked community", Ref(Kind::Community)),
    F::new("contact_name", "联系人", "Contact person", Text { max: 40 }),
    F::new("contact_phone", "联系人电话", "Contact phone", Phone),
    F::new("notes", "备注", "Notes", LongText { max: 2000 }),
];

impl RecordData for Member {
    fn free_text_mut(&mut self) -> Vec<&mut String> {
        vec![&mut self.duties, &mut self.notes]
    }

    const KIND: Kind = Kind::Member;

    fn refs(&self) -> Vec<Ref> {
        [opt_ref("unit_id", Kind::Unit, self.unit_id), opt_ref("community_id", Kind::Community, self.community_id)]
            .into_iter()
            .flatten()
            .collect()
    }

    fn label(&self) -> String {
        self.name.clone()
    }

    fn search_text(&self) -> String {
        format!("{} {}", self.post, self.line)
    }
}
