//! `SearchKey`: everything `Searcher` needs about one label, derived once.
//!
//! Scoring 100k keys is bound by memory latency, not arithmetic, so a key is
//! one compact byte string (inline for short names: no pointer to chase):
//! per character a unit record `[ch: u24 LE][flags][n][n bytes of readings]`,
//! readings being `[len][letters]` records, best first.

use super::build;

/// Characters past this are not pinyin-matched; literal search still sees the whole text.
pub(super) const MAX_UNITS: usize = 256;

/// Unit flags.
pub(super) const SEP: u8 = 1;
pub(super) const WORD_START: u8 = 2;
/// A non-ASCII letter (Han): typing it literally is the strongest signal there is.
pub(super) const FREE_LITERAL: u8 = 4;

/// Bytes stored without a heap allocation; with the other fields a key is 64
/// bytes, one cache line. Holds a typical two- or three-character name.
const INLINE: usize = 38;

#[derive(Clone, Debug)]
enum Storage {
    Inline { len: u8, bytes: [u8; INLINE] },
    Heap(Box<[u8]>),
}

/// Precomputed per record label, so a keystroke never re-derives pinyin.
///
/// Holds the folded (lowercased, fullwidth-to-ASCII) characters and, per
/// character, its plain pinyin readings in preference order (`ü` as `v`, with
/// a `u` spelling as a last resort).
#[derive(Clone, Debug)]
pub struct SearchKey {
    /// Unit records; for labels longer than `MAX_UNITS` followed, from
    /// `text_at`, by the whole folded text as UTF-8.
    storage: Storage,
    /// `query::bit` of every character and reading letter: a query needing a
    /// bit not here cannot match structurally nor fuzzily.
    pub(super) mask: u64,
    text_at: u32,
    pub(super) first_content: u16,
    pub(super) last_content: u16,
    pub(super) content_len: u16,
}

impl SearchKey {
    /// Key for any label (unit name, title, content, or a name of unknown kind).
    /// Surname readings missing from the pinyin data are still added to the
    /// first character, but rank after its ordinary readings.
    pub fn new(text: &str) -> Self {
        build::build(text, false)
    }

    /// Key for a person's name: the first character (or a compound surname
    /// such as 尉迟) is read as a surname first, e.g. 曾 zeng before ceng.
    pub fn person(name: &str) -> Self {
        build::build(name, true)
    }

    pub(super) fn from_parts(data: Vec<u8>, text_at: usize, mask: u64, words: [u16; 3]) -> Self {
        let storage = match u8::try_from(data.len()) {
            Ok(len) if data.len() <= INLINE => {
                let mut bytes = [0; INLINE];
                bytes[..data.len()].copy_from_slice(&data);
                Storage::Inline { len, bytes }
            }
            _ => Storage::Heap(data.into_boxed_slice()),
        };
        let [first_content, last_content, content_len] = words;
        SearchKey {
            storage,
            mask,
            text_at: u32::try_from(text_at).unwrap_or(u32::MAX),
            first_content,
            last_content,
            content_len,
        }
    }

    fn data(&self) -> &[u8] {
        match &self.storage {
            Storage::Inline { len, bytes } => bytes.get(..usize::from(*len)).unwrap_or(&[]),
            Storage::Heap(bytes) => bytes,
        }
    }

    /// Hint the CPU to start loading this key's data, so the miss overlaps
    /// with scoring the previous key. Inline keys need nothing.
    pub(super) fn prefetch(&self) {
        if let Storage::Heap(bytes) = &self.storage {
            std::hint::black_box(bytes.first().copied());
        }
    }

    /// The first `MAX_UNITS` characters.
    pub(super) fn units(&self) -> Units<'_> {
        let data = self.data();
        Units(data.get(..self.text_at as usize).unwrap_or(data))
    }

    /// True when characters past `MAX_UNITS` exist (only literal search sees them).
    pub(super) fn is_long(&self) -> bool {
        (self.text_at as usize) < self.data().len()
    }

    /// Every folded character of the label into `out`.
    pub(super) fn chars_into(&self, out: &mut Vec<char>) {
        out.clear();
        let tail = self.data().get(self.text_at as usize..).unwrap_or(&[]);
        match std::str::from_utf8(tail) {
            Ok(text) if !text.is_empty() => out.extend(text.chars()),
            _ => out.extend(self.units().map(|u| u.ch)),
        }
    }

    /// "abc ke ji" for "ABC科技": primary readings spaced, so nucleo's word
    /// bonus lands on syllable starts. Leaves `out` empty without Han characters.
    pub(super) fn pinyin_into(&self, out: &mut Vec<u8>) {
        out.clear();
        let mut any_han = false;
        for unit in self.units() {
            if let Some(primary) = unit.readings().next() {
                if out.last().is_some_and(|&b| b != b' ') {
                    out.push(b' ');
                }
                out.extend_from_slice(primary);
                out.push(b' ');
                any_han = true;
            } else if unit.ch.is_ascii_alphanumeric() {
                out.push(unit.ch as u8);
            } else if out.last().is_some_and(|&b| b != b' ') {
                out.push(b' ');
            }
        }
        while out.last() == Some(&b' ') {
            out.pop();
        }
        if !any_han {
            out.clear();
        }
    }
}

/// One character of the label as the matcher sees it.
#[derive(Clone, Copy, Debug)]
pub(super) struct Unit<'a> {
    pub ch: char,
    pub flags: u8,
    readings: &'a [u8],
}

impl<'a> Unit<'a> {
    pub fn readings(&self) -> Readings<'a> {
        Readings(self.readings)
    }
}

/// Iterator over unit records.
pub(super) struct Units<'a>(&'a [u8]);

impl<'a> Iterator for Units<'a> {
    type Item = Unit<'a>;

    fn next(&mut self) -> Option<Unit<'a>> {
        let (head, rest) = self.0.split_first_chunk::<5>()?;
        let [c0, c1, c2, flags, n] = *head;
        let (readings, rest) = rest.split_at(usize::from(n).min(rest.len()));
        self.0 = rest;
        let ch = char::from_u32(u32::from_le_bytes([c0, c1, c2, 0])).unwrap_or('\0');
        Some(Unit { ch, flags, readings })
    }
}

/// Iterator over one unit's readings, best first.
pub(super) struct Readings<'a>(pub(super) &'a [u8]);

impl<'a> Iterator for Readings<'a> {
    type Item = &'a [u8];

    fn next(&mut self) -> Option<&'a [u8]> {
        let (&len, rest) = self.0.split_first()?;
        let (reading, rest) = rest.split_at(usize::from(len).min(rest.len()));
        self.0 = rest;
        Some(reading)
    }
}
