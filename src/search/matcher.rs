//! Structural matching: a DP over (text character, query position).
//!
//! Each text character consumes either itself literally or a non-empty prefix
//! of one of its readings (so `y`, `yu`, `zh`, `zhang` all work, and initials,
//! full and partial pinyin mix freely); separators may also be skipped. The
//! consumed characters form one contiguous run of the text. Reachable query
//! positions are kept as a bitset so only live states are expanded.

use super::key::{SearchKey, Unit, FREE_LITERAL, SEP, WORD_START};
use super::query::{is_ignored, is_separator, Query};
use super::{within_tier, MIDDLE, PREFIX, WORD};

/// Longest query (in characters) the bitset DP handles; longer ones only match literally.
pub(super) const MAX_QUERY: usize = 63;

/// Costs of consuming one text character (lower is better).
const COST_LITERAL_ASCII: u32 = 1;
const COST_WHOLE_READING: u32 = 3;
const COST_PART_READING: u32 = 5;
const COST_OTHER_READING: u32 = 1;
const COST_SKIP: u32 = 1;

/// DP values pack (start tier, cost) so that `max` prefers the better tier first
/// and then the lower cost: value = tier * SPAN - cost.
const SPAN: i32 = 1 << 20;
const DEAD: i32 = i32::MIN / 2;

/// Buffers reused across calls so scoring never allocates.
#[derive(Debug, Default)]
pub(super) struct Scratch {
    cur: Vec<i32>,
    next: Vec<i32>,
}

impl Scratch {
    fn reset(&mut self, m: usize) {
        for v in [&mut self.cur, &mut self.next] {
            v.clear();
            v.resize(m + 1, DEAD);
        }
    }
}

/// Best structural score of `q` against `key`, if any contiguous run matches.
pub(super) fn structural(q: &Query, key: &SearchKey, s: &mut Scratch) -> Option<u32> {
    let m = q.chars.len();
    if m == 0 || m > MAX_QUERY {
        return None;
    }
    s.reset(m);
    let done = 1u64 << m;
    let mut live: u64 = 0;
    let mut best: Option<u32> = None;
    for (i, unit) in key.units().enumerate() {
        s.cur[0] = start_tier(key, i, unit) * SPAN;
        live |= 1;
        let next_live = step(q, unit, live, s);
        for j in Bits(live) {
            s.cur[j] = DEAD;
        }
        std::mem::swap(&mut s.cur, &mut s.next);
        live = next_live;
        if live & done != 0 {
            best = best.max(Some(finish(key, i, s.cur[m])));
            s.cur[m] = DEAD;
            live &= !done;
        }
        if cannot_improve(key, i, best, live, &s.cur) {
            break;
        }
    }
    best
}

/// Once a match starting at the label's first character is found, only runs
/// that also started there can beat it; later starts are WORD/MIDDLE at best.
/// Most hits in a name list are prefix hits, so this ends most scans early.
fn cannot_improve(key: &SearchKey, i: usize, best: Option<u32>, live: u64, cur: &[i32]) -> bool {
    let prefix_found = best.is_some_and(|b| b >= PREFIX * super::TIER_STEP);
    prefix_found && i >= usize::from(key.first_content) && Bits(live).all(|j| cur[j] <= (PREFIX as i32 - 1) * SPAN)
}

fn start_tier(key: &SearchKey, i: usize, unit: Unit<'_>) -> i32 {
    if i <= usize::from(key.first_content) {
        PREFIX as i32
    } else if unit.flags & WORD_START != 0 {
        WORD as i32
    } else {
        MIDDLE as i32
    }
}

/// Expand every live query position through one text character.
fn step(q: &Query, unit: Unit<'_>, live: u64, s: &mut Scratch) -> u64 {
    let c = unit.ch;
    let literal_cost = if unit.flags & FREE_LITERAL != 0 { 0 } else { COST_LITERAL_ASCII };
    let mut out = 0u64;
    let mut relax = |j: usize, v: i32| {
        if v > s.next[j] {
            s.next[j] = v;
        }
        out |= 1 << j;
    };
    for j in Bits(live) {
        let v = s.cur[j];
        if q.chars[j] == c {
            relax(j + 1, v - literal_cost as i32);
        }
        if unit.flags & SEP != 0 && j > 0 {
            relax(j, v - COST_SKIP as i32);
        }
        let rest = &q.bytes[j..];
        for (k, reading) in unit.readings().enumerate() {
            if reading.first() != rest.first() {
                continue;
            }
            let common = reading.iter().zip(rest).take_while(|(a, b)| a == b).count();
            for len in 1..=common {
                relax(j + len, v - reading_cost(len, reading.len(), k) as i32);
            }
        }
    }
    out
}

fn reading_cost(len: usize, full: usize, rank: usize) -> u32 {
    let base = if len == full { COST_WHOLE_READING } else { COST_PART_READING };
    base + if rank > 0 { COST_OTHER_READING } else { 0 }
}

/// Score of a match ending at character `i` with DP value `v`.
fn finish(key: &SearchKey, i: usize, v: i32) -> u32 {
    let tier = (v + SPAN - 1) / SPAN;
    let cost = (tier * SPAN - v) as u32;
    let tier = tier as u32;
    let exact = tier == PREFIX && i >= usize::from(key.last_content);
    within_tier(tier, cost, u32::from(key.content_len), exact)
}

/// Set bits of a u64, lowest first.
pub(super) struct Bits(pub(super) u64);

impl Iterator for Bits {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        if self.0 == 0 {
            return None;
        }
        let j = self.0.trailing_zeros() as usize;
        self.0 &= self.0 - 1;
        Some(j)
    }
}

/// Literal substring search over `text`, the whole label (characters the
/// query drops are skipped in the text too). Used for matches the DP cannot see:
/// queries longer than `MAX_QUERY`, or text past `key::MAX_UNITS`.
pub(super) fn literal(q: &Query, text: &[char], label_len: u32) -> Option<u32> {
    let first = text.iter().position(|&c| !is_ignored(c))?;
    (first..text.len()).find_map(|start| {
        let end = literal_at(text, start, &q.chars)?;
        let covers = text[end..].iter().all(|&c| is_separator(c));
        let tier = if start == first { PREFIX } else { MIDDLE };
        let exact = start == first && covers;
        let cost = q.chars.iter().filter(|c| c.is_ascii()).count() as u32 * COST_LITERAL_ASCII;
        Some(within_tier(tier, cost, label_len, exact))
    })
}

/// End (exclusive) of `q` matched at `start`, skipping ignored characters in `text`.
fn literal_at(text: &[char], start: usize, q: &[char]) -> Option<usize> {
    let (&first, rest) = q.split_first()?;
    if text.get(start) != Some(&first) {
        return None;
    }
    let mut pos = start + 1;
    for &want in rest {
        while text.get(pos).is_some_and(|&c| is_ignored(c)) {
            pos += 1;
        }
        if text.get(pos) != Some(&want) {
            return None;
        }
        pos += 1;
    }
    Some(pos)
}
