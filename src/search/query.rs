//! Character folding shared by keys and queries, and the prepared query.

use nucleo_matcher::chars::{normalize, to_lower_case};

/// Fold a character the same way on both sides: fullwidth forms to ASCII,
/// simple case folding, Latin diacritics stripped (the latter two as nucleo does,
/// so the fuzzy fallback and the structural matcher agree on what "equal" means).
pub(super) fn fold(c: char) -> char {
    let c = match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    };
    normalize(to_lower_case(c))
}

/// One bit of a 64-bit "which characters occur" signature. Letters and digits
/// get their own bits; everything else shares the rest (a collision only makes
/// the pre-filter weaker, never wrong).
pub(super) fn bit(c: char) -> u64 {
    match c {
        'a'..='z' => 1 << (c as u32 - 'a' as u32),
        '0'..='9' => 1 << (26 + c as u32 - '0' as u32),
        _ => 1 << (36 + (c as u32).wrapping_mul(0x9E37_79B1) % 28),
    }
}

/// Characters a query drops: spaces, and apostrophes as in `xi'an`.
pub(super) fn is_ignored(c: char) -> bool {
    c.is_whitespace() || c == '\''
}

/// Text separators: skippable inside a match, and word boundaries.
pub(super) fn is_separator(c: char) -> bool {
    !c.is_alphanumeric()
}

/// A query folded once and reused for every key.
#[derive(Debug, Default)]
pub(super) struct Query {
    raw: Option<String>,
    /// Folded characters, whitespace and apostrophes (pinyin syllable marks) removed.
    pub chars: Vec<char>,
    /// `chars` as bytes for comparing with readings; non-ASCII becomes 0xFF,
    /// which never occurs in a reading.
    pub bytes: Vec<u8>,
    /// Union of `bit` over `chars`.
    pub mask: u64,
    pub ascii: bool,
}

impl Query {
    /// Fold `raw` unless it is the query prepared last time (keystroke loops
    /// call `score` with the same query for every key).
    pub fn prepare(&mut self, raw: &str) {
        if self.raw.as_deref() == Some(raw) {
            return;
        }
        let stored = self.raw.get_or_insert_with(String::new);
        stored.clear();
        stored.push_str(raw);
        self.chars.clear();
        self.bytes.clear();
        self.mask = 0;
        for c in raw.chars().map(fold) {
            if is_ignored(c) {
                continue;
            }
            self.chars.push(c);
            let b = if c.is_ascii() { c as u8 } else { 0xFF };
            self.bytes.push(b);
            self.mask |= bit(c);
        }
        self.ascii = self.chars.iter().all(char::is_ascii);
    }
}
