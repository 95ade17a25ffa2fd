//! Search over record labels by Chinese text or pinyin.
//!
//! A query matches a label by Chinese substring, full pinyin (`yuweijun` for
//! 余伟军), partial pinyin (`yuwei`, `yuwj`, `ywjun`), initials (`ywj`), mixed
//! forms (`余wj`, `张san`) and Latin text (`abckj` for ABC科技), ignoring case
//! and spaces in the query. Polyphonic characters match on every reading.
//!
//! Scoring tiers, `TIER_STEP` apart so a better tier always wins:
//! - 4 PREFIX: a structural match starting at the label's first character;
//! - 3 WORD: starting at a word boundary (after a separator, or where Han meets Latin);
//! - 2 MIDDLE: a contiguous structural match anywhere else;
//! - 1 FUZZY: nucleo subsequence match (gaps allowed) on the text or its pinyin.
//!
//! Within a structural tier a lower cost wins: literal Han characters are free,
//! Latin literals cost 1, whole syllables 3, initials/partial syllables 5, a
//! reading other than the first (surname reading for people) 1 more. A prefix
//! match that covers the whole label (exact) earns back `COVER_BONUS`; shorter
//! labels break the remaining ties.

mod build;
mod key;
mod matcher;
mod query;
mod surnames;
#[cfg(test)]
mod tests;

use std::borrow::Borrow;

use nucleo_matcher::{Config, Matcher, Utf32Str};

pub use key::SearchKey;
use matcher::Scratch;
use query::Query;

const TIER_STEP: u32 = 100_000;
const FUZZY: u32 = 1;
const MIDDLE: u32 = 2;
const WORD: u32 = 3;
const PREFIX: u32 = 4;
/// Worth a bit less than one initial: `yuwei` ranks 余伟 above 余伟军, but
/// `zhang` still ranks 张三 (one whole syllable) above 赵安国 (zh-an-g, exact).
const COVER_BONUS: u32 = 4;
/// Queries shorter than this get no fuzzy fallback: with so few letters almost
/// any pinyin string contains them as a subsequence.
const FUZZY_MIN_LEN: usize = 3;
/// Pinyin needs more: three letters are usually initials, which the
/// structural matcher already handles exactly.
const FUZZY_PINYIN_MIN_LEN: usize = 4;

/// Final score of a structural match; `exact` when it covers the whole label.
fn within_tier(tier: u32, cost: u32, label_len: u32, exact: bool) -> u32 {
    let bonus = if exact { COVER_BONUS * 64 } else { 0 };
    let within = (60_000 + bonus).saturating_sub(cost.saturating_mul(64)).saturating_sub(label_len.min(63)).max(1);
    tier * TIER_STEP + within
}

/// `raw` folded as the matcher sees it (spaces and apostrophes dropped), for
/// finding it literally (`literal_score` ranks what is found).
pub fn fold_query(raw: &str) -> String {
    raw.chars().map(query::fold).filter(|c| !query::is_ignored(*c)).collect()
}

/// Score of a query (from `fold_query`, `needle_len` bytes) found literally at
/// byte `at` of a text of `text_len` bytes: free text such as a visit's summary
/// has no pinyin key. At the start it ranks as a prefix match, anywhere else
/// as a middle one.
pub fn literal_score(at: usize, needle_len: usize, text_len: usize) -> u32 {
    let tier = if at == 0 { PREFIX } else { MIDDLE };
    let len = u32::try_from(text_len / 3).unwrap_or(u32::MAX);
    within_tier(tier, 0, len, at == 0 && needle_len == text_len)
}

/// Whether every label `next` matches is also matched by `prev`, so that the
/// rows found for `prev` are all a filter extended to `next` needs to look at.
/// True when `next` extends `prev` and both are on the same side of the
/// lengths where the fuzzy fallbacks begin: a fuzzy match can find what no
/// shorter query found.
pub fn narrows(prev: &str, next: &str) -> bool {
    let (p, n) = (fold_query(prev), fold_query(next));
    let fuzziness = |len: usize| usize::from(len >= FUZZY_MIN_LEN) + usize::from(len >= FUZZY_PINYIN_MIN_LEN);
    let (pl, nl) = (p.chars().count(), n.chars().count());
    !p.is_empty() && n.starts_with(&p) && fuzziness(pl) == fuzziness(nl) && nl <= matcher::MAX_QUERY
}

/// Scores queries against `SearchKey`s; reuse one per thread, it owns the
/// buffers (and nucleo's matrix) so scoring does not allocate.
#[derive(Debug)]
pub struct Searcher {
    matcher: Matcher,
    query: Query,
    scratch: Scratch,
    /// Label characters, for nucleo and literal search.
    text: Vec<char>,
    pinyin: Vec<u8>,
}

impl Default for Searcher {
    fn default() -> Self {
        Self::new()
    }
}

impl Searcher {
    /// Allocates nucleo's matrix (~135 KB) once; keep the searcher around.
    pub fn new() -> Self {
        Searcher {
            matcher: Matcher::new(Config::DEFAULT),
            query: Query::default(),
            scratch: Scratch::default(),
            text: Vec::new(),
            pinyin: Vec::new(),
        }
    }

    /// Score of `query` against `key`; `None` when it does not match. Higher
    /// is better. An empty (or all-space) query matches everything with 0.
    pub fn score(&mut self, query: &str, key: &SearchKey) -> Option<u32> {
        self.query.prepare(query);
        self.score_prepared(key)
    }

    /// Matching items, best first; ties keep the input order.
    pub fn rank<T, K>(&mut self, query: &str, items: impl IntoIterator<Item = (T, K)>) -> Vec<(T, u32)>
    where
        K: Borrow<SearchKey>,
    {
        self.query.prepare(query);
        let mut items = items.into_iter().peekable();
        let mut hits: Vec<(T, u32)> = Vec::new();
        while let Some((item, key)) = items.next() {
            if let Some((_, next)) = items.peek() {
                self.prefetch(next.borrow());
            }
            if let Some(score) = self.score_prepared(key.borrow()) {
                hits.push((item, score));
            }
        }
        // A stable sort is what keeps ties in input order.
        hits.sort_by_key(|hit| std::cmp::Reverse(hit.1));
        hits
    }

    /// Start loading `key` if the prepared query will need more than its mask.
    fn prefetch(&self, key: &SearchKey) {
        if self.query.mask & !key.mask == 0 {
            key.prefetch();
        }
    }

    fn score_prepared(&mut self, key: &SearchKey) -> Option<u32> {
        let q = &self.query;
        if q.chars.is_empty() {
            return Some(0);
        }
        if q.mask & !key.mask != 0 {
            return None;
        }
        if let Some(score) = matcher::structural(q, key, &mut self.scratch) {
            return Some(score);
        }
        if q.chars.len() > matcher::MAX_QUERY || key.is_long() {
            key.chars_into(&mut self.text);
            let literal = matcher::literal(q, &self.text, u32::from(key.content_len));
            if literal.is_some() {
                return literal;
            }
        }
        self.fuzzy(key)
    }

    /// Nucleo on the folded text and on the spaced pinyin, when the query is
    /// long enough for a subsequence match to mean something.
    fn fuzzy(&mut self, key: &SearchKey) -> Option<u32> {
        let q = &self.query;
        if q.chars.len() < FUZZY_MIN_LEN {
            return None;
        }
        let needle = if q.ascii { Utf32Str::Ascii(&q.bytes) } else { Utf32Str::Unicode(&q.chars) };
        let mut best = None;
        if is_subsequence(key.units().map(|u| u.ch), &q.chars) {
            self.text.clear();
            self.text.extend(key.units().map(|u| u.ch));
            best = self.matcher.fuzzy_match(Utf32Str::Unicode(&self.text), needle);
        }
        if q.ascii && q.chars.len() >= FUZZY_PINYIN_MIN_LEN {
            key.pinyin_into(&mut self.pinyin);
            if syllable_subsequence(&self.pinyin, &q.bytes) {
                let hay = Utf32Str::Ascii(&self.pinyin);
                best = best.max(self.matcher.fuzzy_match(hay, needle));
            }
        }
        // Same nucleo score: the shorter label is the closer one.
        let len = u32::from(key.content_len).min(63);
        best.map(|s| FUZZY * TIER_STEP + u32::from(s).min(1500) * 64 + 63 - len)
    }
}

/// Whether `q` can be read off consecutive syllables of `pinyin` ("yu wei
/// jun"), each giving a subsequence that starts with its first letter. So a
/// fuzzy pinyin match may drop letters inside a syllable (`yuweijn`,
/// `zhangwi`) but not skip a whole one or start mid-syllable: otherwise nearly
/// every long label "contains" a short query (`zhang` in "zha ran gang").
/// Also spares nucleo the keys it would only match that way.
fn syllable_subsequence(pinyin: &[u8], q: &[u8]) -> bool {
    if q.is_empty() || q.len() > matcher::MAX_QUERY {
        return false;
    }
    let done = 1u64 << q.len();
    let mut live = 0u64;
    for syllable in pinyin.split(|&b| b == b' ') {
        let mut next = 0u64;
        for j in matcher::Bits(live | 1) {
            let taken = leading_subsequence(syllable, q.get(j..).unwrap_or(&[]));
            // Every shorter prefix of the query is a subsequence too.
            next |= ((1u64 << taken) - 1) << (j + 1);
        }
        live = next & (done | (done - 1));
        if live & done != 0 {
            return true;
        }
    }
    false
}

/// Length of the longest prefix of `q` that is a subsequence of `syllable`
/// starting at its first letter (0 if the first letters differ).
fn leading_subsequence(syllable: &[u8], q: &[u8]) -> usize {
    if syllable.is_empty() || syllable.first() != q.first() {
        return 0;
    }
    let mut taken = 0;
    for b in syllable {
        if q.get(taken) == Some(b) {
            taken += 1;
        }
    }
    taken
}

/// Cheap pre-check so nucleo only runs when it can succeed.
fn is_subsequence(hay: impl Iterator<Item = char>, needle: &[char]) -> bool {
    let mut want = needle.iter().peekable();
    for c in hay {
        match want.peek() {
            Some(&&w) if w == c => {
                want.next();
            }
            Some(_) => {}
            None => break,
        }
    }
    want.peek().is_none()
}
