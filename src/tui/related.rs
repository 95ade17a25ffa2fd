//! The records related to the one in the detail pane, each reachable in one
//! key: what it refers to (its member, unit, community, household…) and what
//! refers to it (households, visits, demands, tasks, evaluations…).

use super::data::Data;
use crate::i18n::Lang;
use crate::model::fields::{spec_of, specs, FieldType};
use crate::model::Kind;

/// At most this many records of one kind are listed; the title gives the total.
const SHOWN: usize = 30;

pub struct Section {
    pub title: String,
    pub total: usize,
    pub items: Vec<(Kind, u64)>,
    /// A field that refers to exactly one record is selected where the
    /// record's fields show it, rather than repeated under a heading of its
    /// own: the pane shows more, and moving through a list over a slow link
    /// redraws less.
    pub field: Option<&'static str>,
}

/// Sections in display order: the one-record fields (in field order), then
/// the fields with several records, then the records referring to this one.
pub fn related(data: &Data, kind: Kind, id: u64, lang: Lang) -> Vec<Section> {
    let Some(rec) = data.get(kind, id) else { return Vec::new() };
    let mut sections: Vec<Section> = Vec::new();
    for r in rec.data.refs() {
        match sections.iter_mut().find(|s| s.field == Some(r.field)) {
            Some(s) if !s.items.contains(&(r.kind, r.id)) => {
                s.items.push((r.kind, r.id));
                s.total += 1;
            }
            Some(_) => {}
            None => {
                let title = spec_of(kind, r.field).map_or(r.field.to_string(), |s| s.label(lang).to_string());
                sections.push(Section { title, total: 1, items: vec![(r.kind, r.id)], field: Some(r.field) });
            }
        }
    }
    for s in &mut sections {
        let names_one = s.items.len() == 1
            && spec_of(kind, s.field.unwrap_or_default())
                .is_some_and(|spec| matches!(spec.ty, FieldType::Ref(_) | FieldType::Refs(_)));
        if !names_one {
            s.field = None;
        }
    }
    let field_order =
        |s: &Section| s.field.and_then(|f| specs(kind).iter().position(|spec| spec.name == f)).unwrap_or(usize::MAX);
    sections.sort_by_key(field_order);
    let referrers = data.referrers(kind, id);
    for from in Kind::ALL {
        let mut ids: Vec<(Kind, u64)> = referrers.iter().copied().filter(|(k, _)| *k == from).collect();
        if ids.is_empty() {
            continue;
        }
        // Newest first: by the record's own date, then by id.
        ids.sort_by_cached_key(|(k, rid)| std::cmp::Reverse((data.date_of(*k, *rid), *rid)));
        let total = ids.len();
        ids.truncate(SHOWN);
        sections.push(Section { title: from.plural_label(lang).to_string(), total, items: ids, field: None });
    }
    if let crate::model::AnyData::Evaluation(e) = &rec.data {
        sections.extend(reported_at(data, e, lang));
    }
    sections
}

/// The reporting sessions (述职会) at which the evaluated member reported:
/// an evaluation's reports, one key away.
fn reported_at(data: &Data, e: &crate::model::Evaluation, lang: Lang) -> Option<Section> {
    let sessions: Vec<crate::model::AnyRecord> =
        data.records(Kind::Session).iter().map(std::borrow::Cow::into_owned).collect();
    let items: Vec<(Kind, u64)> = crate::review::sessions::sessions_of(e.member_id, e.period, &sessions)
        .into_iter()
        .map(|(id, _)| (Kind::Session, id))
        .collect();
    (!items.is_empty()).then(|| Section {
        title: Kind::Session.plural_label(lang).to_string(),
        total: items.len(),
        items,
        field: None,
    })
}

/// All related records in display order, for moving the selection.
pub fn flat(sections: &[Section]) -> Vec<(Kind, u64)> {
    sections.iter().flat_map(|s| s.items.iter().copied()).collect()
}
