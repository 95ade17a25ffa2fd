//! Search over stored records: labels (names, titles) first, then their longer text.

use crate::model::{AnyData, AnyRecord, Kind};
use crate::search::{SearchKey, Searcher};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hit {
    pub kind: Kind,
    pub id: u64,
    pub label: String,
    pub score: u32,
}

/// The search key of a record's label; people's names use the surname readings.
pub fn label_key(data: &AnyData) -> SearchKey {
    match data {
        AnyData::Member(m) => SearchKey::person(&m.name),
        AnyData::Household(h) => SearchKey::person(&h.head),
        other => SearchKey::new(&other.label()),
    }
}

/// Ranks `records` against `query`, best first; a match in the label outranks
/// one in the longer text.
pub fn search_records(query: &str, records: &[AnyRecord], limit: usize) -> Vec<Hit> {
    let mut searcher = Searcher::new();
    let mut hits: Vec<Hit> = records
        .iter()
        .filter_map(|rec| {
            let label_score = searcher.score(query, &label_key(&rec.data));
            let score = label_score.or_else(|| text_score(&mut searcher, query, &rec.data))?;
            Some(Hit { kind: rec.kind(), id: rec.id(), label: rec.data.label(), score })
        })
        .collect();
    hits.sort_by_key(|h| std::cmp::Reverse(h.score));
    hits.truncate(limit);
    hits
}

fn text_score(searcher: &mut Searcher, query: &str, data: &AnyData) -> Option<u32> {
    let text = data.search_text();
    if text.trim().is_empty() {
        return None;
    }
    searcher.score(query, &SearchKey::new(&text)).map(|s| s / 2)
}
