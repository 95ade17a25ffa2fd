//! The list filter: which rows of a kind match what is typed, best first.
//!
//! A row is found by what its columns show:
//! - its own label, by pinyin as well as by text, for kinds whose label is a
//!   name or a title (members, households, tasks…);
//! - its text, literally, for kinds whose label is free text (visits,
//!   demands): the date and the whole summary. Pinyin of a long
//!   summary matches nearly any short query, and a pinyin key per visit costs
//!   more memory than the visit itself;
//! - the names of the records its columns refer to (委员, 对象, 责任单位), so
//!   that typing 曾国 on the visits tab finds that member's visits. These rank
//!   below a match in the row's own label.
//!
//! A keystroke at 100,000 visits is bound by memory, not arithmetic, so the
//! text and references of a kind's rows are kept together in a `RowIndex`
//! (built when the kind's filter opens) rather than read from each record; each
//! referenced record is scored once per keystroke however many rows name it;
//! and a query that extends the previous one only looks at the rows the
//! previous one found (see `search::narrows`).

use super::data::Data;
use crate::model::{AnyData, Kind};
use crate::present::table_columns;
use crate::search::{fold_query, literal_score, Searcher};
use memchr::memmem::Finder;
use std::borrow::Borrow;
use std::fmt::Write;

/// Matching positions of `candidates` (positions in `data.records(kind)`),
/// best first; ties keep the order of `candidates`.
pub fn rank(data: &Data, kind: Kind, query: &str, candidates: &[usize], searcher: &mut Searcher) -> Vec<usize> {
    let needle = fold_query(query);
    let finder = Finder::new(needle.as_bytes());
    let index = data.row_index(kind);
    let mut refs = RefScores::default();
    // Most rows searched: one pass over all the text beats a search per row.
    let found_in_text =
        (!index.text.is_empty() && candidates.len() * 4 > index.len()).then(|| index.first_hits(&finder));
    let mut hits: Vec<(usize, u32)> = Vec::new();
    for &p in candidates {
        // The row's text is not read unless it matched: reading where each of
        // 100,000 rows begins was most of a keystroke, all of it cache misses.
        let own = match (index.text_len(p), &found_in_text) {
            (Some(len), Some(found)) => found.get(p).and_then(|at| at.map(|at| literal_score(at, needle.len(), len))),
            (Some(len), None) => index
                .text(p)
                .and_then(|text| finder.find(text.as_bytes()))
                .map(|at| literal_score(at, needle.len(), len)),
            (None, _) => data.key(kind, p).and_then(|key| searcher.score(query, key)),
        };
        let mut referred = None;
        for &(k, id) in index.refs(p) {
            referred = referred.max(refs.score(data, k, id, query, searcher));
        }
        if let Some(score) = own.max(referred.map(|s| s / 2)) {
            hits.push((p, score));
        }
    }
    // A stable sort is what keeps ties in the order given.
    hits.sort_by_key(|hit| std::cmp::Reverse(hit.1));
    hits.into_iter().map(|(p, _)| p).collect()
}

/// What the filter reads of a kind's rows, in a few contiguous buffers.
#[derive(Debug, Default)]
pub struct RowIndex {
    /// Free text of each row, lowercased, each followed by a line feed so that
    /// no match spans two rows (empty for kinds found by label keys).
    text: String,
    text_starts: Vec<u32>,
    refs: Vec<(Kind, u64)>,
    ref_starts: Vec<u32>,
    /// Positions of the archived rows, ascending (usually none).
    archived: Vec<usize>,
}

impl RowIndex {
    pub fn build<D: Borrow<AnyData>>(kind: Kind, records: impl Iterator<Item = D>) -> RowIndex {
        let columns = table_columns(kind);
        let mut index = RowIndex {
            text_starts: Vec::with_capacity(records.size_hint().0 + 1),
            ref_starts: Vec::with_capacity(records.size_hint().0 + 1),
            ..RowIndex::default()
        };
        for data in records {
            let data = data.borrow();
            index.text_starts.push(offset(index.text.len()));
            index.ref_starts.push(offset(index.refs.len()));
            if write_free_text(data, &mut index.text) {
                index.text.push('\n');
            }
            let shown = data.refs().into_iter().filter(|r| is_shown(columns, r.field));
            index.refs.extend(shown.map(|r| (r.kind, r.id)));
        }
        index.text_starts.push(offset(index.text.len()));
        index.ref_starts.push(offset(index.refs.len()));
        index.text.make_ascii_lowercase();
        index.text.shrink_to_fit();
        index.refs.shrink_to_fit();
        index
    }

    /// Marks the rows at `positions` (ascending) as archived.
    pub fn with_archived(mut self, positions: impl Iterator<Item = usize>) -> RowIndex {
        self.archived = positions.collect();
        self
    }

    /// Every row a filter starts from, newest first, without reading the
    /// records: checking 100,000 records for the archived flag was a third
    /// of a keystroke, one cache miss per record.
    pub fn rows_newest_first(&self, show_archived: bool) -> Vec<usize> {
        let all = (0..self.len()).rev();
        if show_archived || self.archived.is_empty() {
            all.collect()
        } else {
            all.filter(|p| self.archived.binary_search(p).is_err()).collect()
        }
    }

    /// The kinds whose search keys a filter of `kind` (these rows) scores.
    pub fn keyed_kinds(&self, kind: Kind) -> Vec<Kind> {
        let mut kinds: Vec<Kind> = self.refs.iter().map(|(k, _)| *k).collect();
        if self.text.is_empty() {
            kinds.push(kind);
        }
        kinds.sort_unstable();
        kinds.dedup();
        kinds
    }

    fn len(&self) -> usize {
        self.text_starts.len().saturating_sub(1)
    }

    /// The row's free text; `None` for kinds found by their label's key.
    fn text(&self, pos: usize) -> Option<&str> {
        let start = *self.text_starts.get(pos)? as usize;
        self.text.get(start..start + self.text_len(pos)?)
    }

    /// The length of the row's free text (without its line feed), from the offsets alone.
    fn text_len(&self, pos: usize) -> Option<usize> {
        let (start, end) = (*self.text_starts.get(pos)?, *self.text_starts.get(pos + 1)?);
        (end > start).then(|| (end - start - 1) as usize)
    }

    /// Per row, where `finder` first matches its text, from one pass over all of it.
    fn first_hits(&self, finder: &Finder<'_>) -> Vec<Option<usize>> {
        let mut found = vec![None; self.len()];
        for at in finder.find_iter(self.text.as_bytes()) {
            let row = self.text_starts.partition_point(|&s| s as usize <= at).saturating_sub(1);
            if let Some(slot @ None) = found.get_mut(row) {
                *slot = Some(at - self.text_starts[row] as usize);
            }
        }
        found
    }

    fn refs(&self, pos: usize) -> &[(Kind, u64)] {
        match (self.ref_starts.get(pos), self.ref_starts.get(pos + 1)) {
            (Some(&start), Some(&end)) => self.refs.get(start as usize..end as usize).unwrap_or(&[]),
            _ => &[],
        }
    }
}

/// Offsets are kept as u32 to halve the index; 4 GB of text is far beyond a street's records.
pub(super) fn offset(len: usize) -> u32 {
    u32::try_from(len).unwrap_or(u32::MAX)
}

/// Scores of referenced records for one query, by kind and id (ids are small
/// and dense, so a vector beats a hash map).
#[derive(Default)]
struct RefScores {
    /// Per kind, per id: 0 no match (or no such record), otherwise score + 1;
    /// `None` until the kind is first needed.
    by_kind: Vec<Option<Vec<u32>>>,
}

impl RefScores {
    fn score(&mut self, data: &Data, kind: Kind, id: u64, query: &str, searcher: &mut Searcher) -> Option<u32> {
        if self.by_kind.len() <= kind as usize {
            self.by_kind.resize_with(kind as usize + 1, || None);
        }
        let slots = self.by_kind[kind as usize].get_or_insert_with(|| score_all(data, kind, query, searcher));
        let slot = usize::try_from(id).ok().and_then(|i| slots.get(i)).copied().unwrap_or(0);
        slot.checked_sub(1)
    }
}

/// Every record of `kind` scored in the order they are held: measured at
/// 10,000 households, 0.5 ms, where looking each one up by id as rows named
/// it took several times that in cache misses. Only ids and search keys are
/// read: decoding each packed household for its id took 25 ms a keystroke
/// at `--scale 400` (issue 22).
fn score_all(data: &Data, kind: Kind, query: &str, searcher: &mut Searcher) -> Vec<u32> {
    let records = data.records(kind);
    let mut slots = vec![0; records.last_id().map_or(0, |id| usize::try_from(id).unwrap_or(0) + 1)];
    for p in 0..records.len() {
        let score = data.key(kind, p).and_then(|key| searcher.score(query, key));
        let id = records.id(p).and_then(|id| usize::try_from(id).ok());
        if let (Some(score), Some(slot)) = (score, id.and_then(|i| slots.get_mut(i))) {
            *slot = score.saturating_add(1);
        }
    }
    slots
}

/// Whether a reference held in `field` shows in one of `columns`; the
/// "target" column shows the household, unit or community a visit or demand is about.
fn is_shown(columns: &[&str], field: &str) -> bool {
    columns.contains(&field)
        || (matches!(field, "household_id" | "unit_id" | "community_id") && columns.contains(&"target"))
}

/// Appends the free text of a visit or demand (date and text); false, and
/// nothing, for the kinds found by their label's key. Not the visitor: the list masks it,
/// and a filter that found a row by a masked phone number would reveal it.
fn write_free_text(data: &AnyData, out: &mut String) -> bool {
    // Writing to a String cannot fail.
    let _ = match data {
        AnyData::Visit(v) => write!(out, "{} {}", v.date, v.summary),
        AnyData::Demand(d) => write!(out, "{} {}", d.raised_on, d.content),
        _ => return false,
    };
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::enums::VisitKind;
    use crate::model::Visit;

    fn visit(day: u32, summary: &str) -> AnyData {
        AnyData::Visit(Box::new(Visit {
            date: chrono::NaiveDate::from_ymd_opt(2026, 11, day).unwrap(),
            member_id: 1,
            kind: VisitKind::Home,
            household_id: Some(day.into()),
            unit_id: None,
            community_id: None,
            visitor: "王阿姨 13812345678".into(),
            summary: summary.into(),
            demand_id: None,
        }))
    }

    #[test]
    fn one_pass_over_all_rows_finds_what_a_search_per_row_finds_and_nothing_across_rows() {
        let rows = [visit(1, "独居老人aa"), visit(2, "a老人Wifi"), visit(3, "楼道灯"), visit(4, "aa")];
        let index = RowIndex::build(Kind::Visit, rows.iter());
        for needle in ["aa", "a", "老人", "wifi", "11-0", "2026-11-03 楼", "aaa", "138"] {
            let finder = Finder::new(needle.as_bytes());
            let per_row: Vec<Option<usize>> =
                (0..rows.len()).map(|p| finder.find(index.text(p).unwrap().as_bytes())).collect();
            assert_eq!(index.first_hits(&finder), per_row, "{needle:?}");
        }
        let finder = Finder::new(b"aaa");
        assert_eq!(index.first_hits(&finder), [None; 4], "the end of one row and the start of the next");
        assert!(Finder::new(b"138").find(index.text.as_bytes()).is_none(), "the masked visitor is not in the index");
        assert_eq!(index.refs(1), [(Kind::Member, 1), (Kind::Household, 2)]);
        assert_eq!(index.keyed_kinds(Kind::Visit), [Kind::Member, Kind::Household]);
    }
}
