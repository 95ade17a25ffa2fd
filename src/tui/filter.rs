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

use super::data::{pack_ref, unpack_ref, Data};
use crate::model::{AnyData, Kind};
use crate::present::table_columns;
use crate::search::{fold_query, literal_score, Searcher};
use memchr::memmem::Finder;
use std::borrow::Borrow;
use std::fmt::Write;
use std::ops::Range;

/// The rows a query found.
#[derive(Debug, PartialEq)]
pub struct Ranked {
    /// Best first; ties in the order of the candidates.
    pub best_first: Vec<usize>,
    /// In the order of the candidates: what the next, longer query starts from.
    pub in_order: Vec<usize>,
}

/// The rows a query looks through, newest first.
#[derive(Clone, Copy, Debug)]
pub enum Candidates<'a> {
    /// Every row (archived ones when asked): not gathered into a list, which
    /// took 7.5 MB to fill for the first letter at `--scale 400` (issue 22).
    Every { show_archived: bool },
    /// These positions, as a shorter query found them.
    These(&'a [usize]),
}

/// Candidates as positions: every row is a range, walked from its top.
#[derive(Clone, Debug)]
enum Rows<'a> {
    Range { range: Range<usize>, show_archived: bool },
    These(&'a [usize]),
}

impl Rows<'_> {
    fn len(&self) -> usize {
        match self {
            Rows::Range { range, .. } => range.len(),
            Rows::These(positions) => positions.len(),
        }
    }

    /// The first half in order, then the rest.
    fn halves(&self) -> (Self, Self) {
        match self {
            Rows::Range { range, show_archived } => {
                let mid = range.start + range.len() / 2;
                let upper = Rows::Range { range: mid..range.end, show_archived: *show_archived };
                (upper, Rows::Range { range: range.start..mid, show_archived: *show_archived })
            }
            Rows::These(positions) => {
                let (first, rest) = positions.split_at(positions.len() / 2);
                (Rows::These(first), Rows::These(rest))
            }
        }
    }
}

/// The matching positions among `candidates` (positions in `data.records(kind)`).
pub fn rank(data: &Data, kind: Kind, query: &str, candidates: Candidates<'_>, searcher: &mut Searcher) -> Ranked {
    rank_on(data, kind, query, candidates, searcher, two_cores())
}

/// `rank`, on two threads when `two` and there are rows enough.
fn rank_on(
    data: &Data,
    kind: Kind,
    query: &str,
    candidates: Candidates<'_>,
    searcher: &mut Searcher,
    two: bool,
) -> Ranked {
    let needle = fold_query(query);
    let finder = Finder::new(needle.as_bytes());
    let index = data.row_index(kind);
    let rows = match candidates {
        Candidates::Every { show_archived } => Rows::Range { range: 0..index.len(), show_archived },
        Candidates::These(positions) => Rows::These(positions),
    };
    // Most rows searched: one pass over all the text beats a search per row.
    let found_in_text = (!index.text.is_empty() && rows.len() * 4 > index.len()).then(|| index.first_hits(&finder));
    let scorer = RowScorer {
        index,
        finder: &finder,
        needle_len: needle.len(),
        found_in_text: found_in_text.as_ref(),
        refs: &RefScores::new(data, &index.ref_kinds, query, searcher),
    };
    let mut hits = if two && !index.text.is_empty() && rows.len() >= TWO_THREADS_FROM {
        // Rows found by their text need nothing of `data` or `searcher`,
        // which are not shared across threads: half of them are scored on a
        // second core (the first letter at `--scale 400`: 935,875 rows).
        let (first, rest) = rows.halves();
        std::thread::scope(|scope| {
            let other = scope.spawn(|| scorer.score(rest, |_| None));
            let mut hits = scorer.score(first, |_| None);
            match other.join() {
                Ok(more) => hits.extend(more),
                Err(panic) => std::panic::resume_unwind(panic),
            }
            hits
        })
    } else {
        scorer.score(rows, |p| data.key(kind, p).and_then(|key| searcher.score(query, key)))
    };
    let in_order = hits.iter().map(|&(_, p)| p).collect();
    // Best first, ties in the order found (a stable sort). By radix: for the
    // 430,000 hits of a first letter at `--scale 400`, `sort_unstable` took
    // 15 ms of a 57 ms keystroke, this 7-9 ms with the two lists made from
    // it (both timed in a build instrumented for it, issue 22).
    radsort::sort_by_key(&mut hits, |&(score, _)| u32::MAX - score);
    Ranked { best_first: hits.into_iter().map(|(_, p)| p).collect(), in_order }
}

/// Rows from which a filter scores its rows on two threads.
const TWO_THREADS_FROM: usize = 20_000;

/// Whether this machine lets the workbench run two threads at once (asked
/// once: the answer takes system calls and files to read).
fn two_cores() -> bool {
    static TWO: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *TWO.get_or_init(|| std::thread::available_parallelism().is_ok_and(|n| n.get() > 1))
}

/// Scores rows by their text and by the records they name: shared, and read only.
struct RowScorer<'a> {
    index: &'a RowIndex,
    finder: &'a Finder<'a>,
    needle_len: usize,
    found_in_text: Option<&'a FirstHits>,
    refs: &'a RefScores,
}

impl RowScorer<'_> {
    /// (score, position) of the matching `rows`, in their order; `by_key`
    /// scores a row of a kind found by its label's key.
    fn score(&self, rows: Rows<'_>, mut by_key: impl FnMut(usize) -> Option<u32>) -> Vec<(u32, usize)> {
        let mut hits = Vec::new();
        let consider = |p: usize| {
            let own = match self.index.text_len(p) {
                Some(len) => self.text_hit(p).map(|at| literal_score(at, self.needle_len, len)),
                None => by_key(p),
            };
            let referred = self.index.refs(p).filter_map(|(k, id)| self.refs.score(k, id)).max();
            if let Some(score) = own.max(referred.map(|s| s / 2)) {
                hits.push((score, p));
            }
        };
        match rows {
            Rows::Range { range, show_archived } => {
                let index = self.index;
                let skip_archived = !show_archived && !index.archived.is_empty();
                range.rev().filter(|p| !skip_archived || index.archived.binary_search(p).is_err()).for_each(consider);
            }
            Rows::These(positions) => positions.iter().copied().for_each(consider),
        }
        hits
    }

    /// Where the query is in the row's text. The text is not read unless it
    /// matched when every row's hit was found at once: reading where each of
    /// 100,000 rows begins was most of a keystroke, all of it cache misses.
    fn text_hit(&self, p: usize) -> Option<usize> {
        match self.found_in_text {
            Some(found) => found.get(p),
            None => self.index.text(p).and_then(|text| self.finder.find(text.as_bytes())),
        }
    }
}

/// What the filter reads of a kind's rows, in a few contiguous buffers.
#[derive(Debug, Default)]
pub struct RowIndex {
    /// Free text of each row, lowercased, each followed by a line feed so that
    /// no match spans two rows (empty for kinds found by label keys).
    text: String,
    text_starts: Vec<u32>,
    /// The records each row names, packed (`data::pack_ref`): eight bytes
    /// each instead of sixteen, read for every row a keystroke looks at.
    refs: Vec<u64>,
    ref_starts: Vec<u32>,
    /// The kinds of the records named, each once.
    ref_kinds: Vec<Kind>,
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
            index.refs.extend(shown.map(|r| pack_ref(r.kind, r.id)));
        }
        index.text_starts.push(offset(index.text.len()));
        index.ref_starts.push(offset(index.refs.len()));
        index.ref_kinds = index.refs.iter().filter_map(|r| unpack_ref(*r)).map(|(k, _)| k).collect();
        index.ref_kinds.sort_unstable();
        index.ref_kinds.dedup();
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

    /// The kinds whose search keys a filter of `kind` (these rows) scores.
    pub fn keyed_kinds(&self, kind: Kind) -> Vec<Kind> {
        let mut kinds = self.ref_kinds.clone();
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
    fn first_hits(&self, finder: &Finder<'_>) -> FirstHits {
        let mut found = FirstHits(vec![NO_HIT; self.len()]);
        let mut row = 0;
        for at in finder.find_iter(self.text.as_bytes()) {
            // Matches come in order, so the row they are in only moves on:
            // walking to it reads the row starts once, in order, where a
            // binary search per match read them 20 times, out of order.
            while self.text_starts.get(row + 1).is_some_and(|&s| s as usize <= at) {
                row += 1;
            }
            let start = self.text_starts.get(row).map_or(0, |&s| s as usize);
            if let Some(slot @ &mut NO_HIT) = found.0.get_mut(row) {
                *slot = offset(at - start);
            }
        }
        found
    }

    fn refs(&self, pos: usize) -> impl Iterator<Item = (Kind, u64)> + '_ {
        let packed = match (self.ref_starts.get(pos), self.ref_starts.get(pos + 1)) {
            (Some(&start), Some(&end)) => self.refs.get(start as usize..end as usize).unwrap_or(&[]),
            _ => &[],
        };
        packed.iter().filter_map(|r| unpack_ref(*r))
    }
}

/// Offsets are kept as u32 to halve the index; 4 GB of text is far beyond a street's records.
pub(super) fn offset(len: usize) -> u32 {
    u32::try_from(len).unwrap_or(u32::MAX)
}

/// Per row, where a query first matched its text: four bytes a row, where
/// `Option<usize>` took sixteen (15 MB to fill for each keystroke at `--scale 400`).
struct FirstHits(Vec<u32>);

/// No match in the row. A row's text is far shorter than this.
const NO_HIT: u32 = u32::MAX;

impl FirstHits {
    fn get(&self, row: usize) -> Option<usize> {
        self.0.get(row).filter(|at| **at != NO_HIT).map(|at| *at as usize)
    }
}

/// Scores of referenced records for one query, by kind and id (ids are small
/// and dense, so a vector beats a hash map).
struct RefScores {
    /// Per kind, per id: 0 no match (or no such record), otherwise score + 1.
    by_kind: Vec<Vec<u32>>,
}

impl RefScores {
    /// Every record of `kinds` scored: each once per keystroke, however many rows name it.
    fn new(data: &Data, kinds: &[Kind], query: &str, searcher: &mut Searcher) -> RefScores {
        let mut by_kind = vec![Vec::new(); Kind::ALL.len()];
        for &kind in kinds {
            by_kind[kind as usize] = score_all(data, kind, query, searcher);
        }
        RefScores { by_kind }
    }

    fn score(&self, kind: Kind, id: u64) -> Option<u32> {
        let slots = self.by_kind.get(kind as usize)?;
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
    use crate::model::{AnyRecord, Meta, Settings, Visit};
    use crate::rules::holidays::HolidayCalendar;

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
    fn rows_scored_on_two_threads_rank_as_on_one() {
        let at = chrono::DateTime::from_timestamp(0, 0).unwrap();
        let meta = |id, archived| Meta { id, rev: 1, created_at: at, updated_at: at, archived };
        let fields = [("name".to_string(), "曾国强".to_string()), ("role".to_string(), "full_time".to_string())];
        let member = AnyData::build(Kind::Member, &fields, at.date_naive()).unwrap();
        let mut records = vec![AnyRecord { meta: meta(1, false), data: member }];
        let visits = TWO_THREADS_FROM as u64 + 1_001;
        for id in 1..=visits {
            // Found at the start, the end, the middle or not at all; some by
            // their member, some archived.
            let summary = ["ab 开头", "结尾 ab", "没有", "中ab间", "zgq"][(id % 5) as usize];
            let mut data = visit(1 + (id % 28) as u32, summary);
            if let AnyData::Visit(v) = &mut data {
                v.member_id = if id % 7 == 0 { 1 } else { 99 };
            }
            records.push(AnyRecord { meta: meta(id, id % 11 == 0), data });
        }
        let data = Data::new(records, Settings::default(), HolidayCalendar::builtin());
        let mut searcher = Searcher::new();
        for query in ["ab", "zgq", "zengguo", "中ab"] {
            for show_archived in [false, true] {
                let every = Candidates::Every { show_archived };
                let one = rank_on(&data, Kind::Visit, query, every, &mut searcher, false);
                let two = rank_on(&data, Kind::Visit, query, every, &mut searcher, true);
                assert_eq!(two, one, "{query}, archived shown: {show_archived}");
                assert!(one.best_first.len() > 2_000, "{query}: {}", one.best_first.len());
                let these = Candidates::These(&one.in_order);
                assert_eq!(rank_on(&data, Kind::Visit, query, these, &mut searcher, true), one, "{query} again");
            }
        }
        let found = rank_on(&data, Kind::Visit, "ab", Candidates::Every { show_archived: false }, &mut searcher, true);
        assert!(found.in_order.is_sorted_by(|a, b| a > b), "newest first, for the next query to narrow");
        assert!(found.in_order.iter().all(|p| !data.records(Kind::Visit).archived(*p)), "no archived visit");
        let position_of = |id| data.records(Kind::Visit).position(id).unwrap();
        assert_eq!(found.best_first[..2], [position_of(visits), position_of(visits - 1)], "equal scores, newest first");
    }

    #[test]
    fn one_pass_over_all_rows_finds_what_a_search_per_row_finds_and_nothing_across_rows() {
        let rows = [visit(1, "独居老人aa"), visit(2, "a老人Wifi"), visit(3, "楼道灯"), visit(4, "aa")];
        let index = RowIndex::build(Kind::Visit, rows.iter());
        for needle in ["aa", "a", "老人", "wifi", "11-0", "2026-11-03 楼", "aaa", "138"] {
            let finder = Finder::new(needle.as_bytes());
            let per_row: Vec<Option<usize>> =
                (0..rows.len()).map(|p| finder.find(index.text(p).unwrap().as_bytes())).collect();
            let hits = index.first_hits(&finder);
            assert_eq!((0..rows.len()).map(|p| hits.get(p)).collect::<Vec<_>>(), per_row, "{needle:?}");
        }
        let hits = index.first_hits(&Finder::new(b"aaa"));
        assert_eq!(
            (0..rows.len()).map(|p| hits.get(p)).collect::<Vec<_>>(),
            [None; 4],
            "the end of one row and the start of the next"
        );
        assert!(Finder::new(b"138").find(index.text.as_bytes()).is_none(), "the masked visitor is not in the index");
        assert_eq!(index.refs(1).collect::<Vec<_>>(), [(Kind::Member, 1), (Kind::Household, 2)]);
        assert_eq!(index.keyed_kinds(Kind::Visit), [Kind::Member, Kind::Household]);
    }
}
