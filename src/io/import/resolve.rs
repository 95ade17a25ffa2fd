//! References by name: a unit, community, member or household named in a cell
//! is looked up among the store's records (by label, or by id when the cell is
//! a number). A household may be written `户主（社区）` to tell apart heads of
//! the same name.

use super::Snapshot;
use crate::model::{AnyData, AnyRecord, Kind};
use std::collections::HashMap;

/// One record a name could mean, as a report lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub id: u64,
    pub label: String,
    /// What tells it apart: the community of a member or household, a member's phone.
    pub detail: Vec<String>,
}

/// Why a cell does not name exactly one usable record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RefProblem {
    /// No record of that name; `known` are a few names that exist, `total` how many there are.
    Unknown { value: String, known: Vec<String>, total: usize },
    /// Several records of that name.
    Ambiguous { value: String, candidates: Vec<Candidate> },
    /// A number that is no record's id.
    NoSuchId { id: u64 },
    /// The record is archived; a new reference to it is refused.
    Archived { id: u64, label: String },
}

/// The records of one kind, found by label and by id.
pub struct Targets<'a> {
    records: &'a [AnyRecord],
    names: Vec<String>,
    by_name: HashMap<String, Vec<usize>>,
    by_id: HashMap<u64, usize>,
    communities: HashMap<u64, String>,
}

/// How many existing names an "unknown name" message offers.
const KNOWN_SHOWN: usize = 5;

impl<'a> Targets<'a> {
    /// The record with id `id`, if the snapshot holds it.
    pub fn record(&self, id: u64) -> Option<&'a AnyRecord> {
        self.by_id.get(&id).map(|i| &self.records[*i])
    }

    pub fn new(kind: Kind, snapshot: &'a Snapshot) -> Targets<'a> {
        let records = snapshot.records(kind);
        let names: Vec<String> = records.iter().map(|r| name_of(&r.data)).collect();
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::with_capacity(records.len());
        let mut by_id = HashMap::with_capacity(records.len());
        for (i, rec) in records.iter().enumerate() {
            by_name.entry(names[i].clone()).or_default().push(i);
            by_id.insert(rec.id(), i);
        }
        let communities = snapshot.records(Kind::Community).iter().map(|r| (r.id(), name_of(&r.data))).collect();
        Targets { records, names, by_name, by_id, communities }
    }

    /// The id `text` means. `allowed_archived` are ids the record already
    /// referred to (an update may keep a reference to an archived record).
    pub fn resolve(&self, text: &str, allowed_archived: &[u64]) -> Result<u64, RefProblem> {
        let text = text.trim();
        if let Some(id) = as_id(text) {
            let rec = self.by_id.get(&id).map(|i| &self.records[*i]).ok_or(RefProblem::NoSuchId { id })?;
            return self.usable(rec, allowed_archived);
        }
        let mut found = self.named(text);
        if found.is_empty() {
            if let Some((name, community)) = split_qualifier(text) {
                found = self.named(name).into_iter().filter(|r| self.community_of(r) == Some(community)).collect();
            }
        }
        let live: Vec<&AnyRecord> = found.iter().copied().filter(|r| !r.meta.archived).collect();
        match (live.as_slice(), found.as_slice()) {
            ([one], _) => Ok(one.id()),
            ([], []) => Err(self.unknown(text)),
            ([], [archived, ..]) => self.usable(archived, allowed_archived),
            (many, _) => Err(RefProblem::Ambiguous {
                value: text.to_string(),
                candidates: many.iter().map(|r| self.candidate(r)).collect(),
            }),
        }
    }

    fn named(&self, name: &str) -> Vec<&'a AnyRecord> {
        self.by_name.get(name).map(|ix| ix.iter().map(|i| &self.records[*i]).collect()).unwrap_or_default()
    }

    fn name(&self, rec: &AnyRecord) -> String {
        self.by_id.get(&rec.id()).map(|i| self.names[*i].clone()).unwrap_or_default()
    }

    fn usable(&self, rec: &AnyRecord, allowed_archived: &[u64]) -> Result<u64, RefProblem> {
        if rec.meta.archived && !allowed_archived.contains(&rec.id()) {
            return Err(RefProblem::Archived { id: rec.id(), label: self.name(rec) });
        }
        Ok(rec.id())
    }

    fn unknown(&self, text: &str) -> RefProblem {
        let live = || self.records.iter().enumerate().filter(|(_, r)| !r.meta.archived);
        let mut known: Vec<String> = Vec::new();
        for (i, _) in live() {
            if known.len() == KNOWN_SHOWN {
                break;
            }
            if !known.contains(&self.names[i]) {
                known.push(self.names[i].clone());
            }
        }
        RefProblem::Unknown { value: text.to_string(), known, total: live().count() }
    }

    fn community_of(&self, rec: &AnyRecord) -> Option<&str> {
        let id = match &rec.data {
            AnyData::Household(h) => Some(h.community_id),
            AnyData::Member(m) => m.community_id,
            _ => None,
        };
        id.and_then(|id| self.communities.get(&id)).map(String::as_str)
    }

    fn candidate(&self, rec: &AnyRecord) -> Candidate {
        let mut detail: Vec<String> = self.community_of(rec).map(str::to_string).into_iter().collect();
        if let AnyData::Member(m) = &rec.data {
            detail.extend((!m.phone.is_empty()).then(|| m.phone.clone()));
        }
        Candidate { id: rec.id(), label: self.name(rec), detail }
    }
}

/// The name a record is referred to by: its label, except that a household is its head.
fn name_of(data: &AnyData) -> String {
    match data {
        AnyData::Household(h) => h.head.trim().to_string(),
        other => other.label().trim().to_string(),
    }
}

/// `3`, `#3`, `3.0` (an id Excel stored as a float).
pub fn as_id(text: &str) -> Option<u64> {
    let t = text.trim_start_matches('#');
    let t = t.strip_suffix(".0").unwrap_or(t);
    if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.parse().ok().filter(|id| *id > 0)
}

/// `曾国藩（长安社区）` or `曾国藩(长安社区)` → (曾国藩, 长安社区).
pub fn split_qualifier(text: &str) -> Option<(&str, &str)> {
    let text = text.trim();
    let inner = text.strip_suffix('）').or_else(|| text.strip_suffix(')'))?;
    let at = inner.rfind(['（', '('])?;
    let open_len = inner[at..].chars().next()?.len_utf8();
    let (name, qualifier) = (inner[..at].trim(), inner[at + open_len..].trim());
    (!name.is_empty() && !qualifier.is_empty()).then_some((name, qualifier))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_qualified_names() {
        assert_eq!(as_id("3"), Some(3));
        assert_eq!(as_id("#12"), Some(12));
        assert_eq!(as_id("3.0"), Some(3));
        assert_eq!(as_id("0"), None);
        assert_eq!(as_id("长安社区"), None);
        assert_eq!(split_qualifier("曾国藩（长安社区）"), Some(("曾国藩", "长安社区")));
        assert_eq!(split_qualifier("曾国藩 (长安社区)"), Some(("曾国藩", "长安社区")));
        assert_eq!(split_qualifier("曾国藩"), None);
        assert_eq!(split_qualifier("（长安社区）"), None);
    }
}
