//! The records related to the one in the detail pane, each reachable in one
//! key: what it refers to (its member, unit, community, household…) and what
//! refers to it (households, visits, demands, tasks, evaluations…).

use super::data::Data;
use crate::i18n::Lang;
use crate::model::fields::spec_of;
use crate::model::Kind;

/// At most this many records of one kind are listed; the title gives the total.
const SHOWN: usize = 30;

pub struct Section {
    pub title: String,
    pub total: usize,
    pub items: Vec<(Kind, u64)>,
}

pub fn related(data: &Data, kind: Kind, id: u64, lang: Lang) -> Vec<Section> {
    let Some(rec) = data.get(kind, id) else { return Vec::new() };
    let mut sections: Vec<Section> = Vec::new();
    for r in rec.data.refs() {
        let title = spec_of(kind, r.field).map_or(r.field.to_string(), |s| s.label(lang).to_string());
        match sections.iter_mut().find(|s| s.title == title) {
            Some(s) if !s.items.contains(&(r.kind, r.id)) => {
                s.items.push((r.kind, r.id));
                s.total += 1;
            }
            Some(_) => {}
            None => sections.push(Section { title, total: 1, items: vec![(r.kind, r.id)] }),
        }
    }
    let referrers = data.referrers(kind, id);
    for from in Kind::ALL {
        let mut ids: Vec<(Kind, u64)> = referrers.iter().copied().filter(|(k, _)| *k == from).collect();
        if ids.is_empty() {
            continue;
        }
        // Newest first: by the record's own date, then by id.
        ids.sort_by_key(|(k, rid)| std::cmp::Reverse((data.get(*k, *rid).and_then(|r| r.data.date()), *rid)));
        let total = ids.len();
        ids.truncate(SHOWN);
        sections.push(Section { title: from.plural_label(lang).to_string(), total, items: ids });
    }
    sections
}

/// All related records in display order, for moving the selection.
pub fn flat(sections: &[Section]) -> Vec<(Kind, u64)> {
    sections.iter().flat_map(|s| s.items.iter().copied()).collect()
}
