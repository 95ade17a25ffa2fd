//! Deriving a `SearchKey` from a label: readings, surname order, word starts.

use pinyin::ToPinyinMulti;

use super::key::{Readings, SearchKey, FREE_LITERAL, MAX_UNITS, SEP, WORD_START};
use super::query::{bit, fold, is_separator};
use super::surnames;

/// Bounds the per-character work of the matcher (some characters list a
/// reading per tone) and keeps a unit's readings under 256 bytes.
const MAX_READINGS: usize = 8;
const MAX_READING_LEN: usize = 15;

pub(super) fn build(text: &str, person: bool) -> SearchKey {
    let chars: Vec<char> = text.chars().map(fold).collect();
    let head = &chars[..chars.len().min(MAX_UNITS)];
    let surname = surnames::lookup(head);
    let mut b = Builder::default();
    for (i, &c) in head.iter().enumerate() {
        let extra = surname.get(i).copied().unwrap_or(&[]);
        b.push_unit(c, extra, person);
    }
    let words = b.mark_words();
    let text_at = b.data.len();
    if chars.len() > MAX_UNITS {
        b.data.extend(chars.iter().collect::<String>().bytes());
    }
    let mask = chars.iter().fold(b.mask, |m, &c| m | bit(c));
    SearchKey::from_parts(b.data, text_at, mask, words)
}

#[derive(Default)]
struct Builder {
    data: Vec<u8>,
    unit_starts: Vec<usize>,
    mask: u64,
    /// `u` spellings of `ü` readings, appended after the proper ones.
    deferred: Vec<&'static str>,
}

impl Builder {
    /// Append a unit record: `[ch: u24][flags][n][readings: n bytes]`.
    fn push_unit(&mut self, c: char, surname: &[&str], person: bool) {
        let at = self.data.len();
        self.unit_starts.push(at);
        let [c0, c1, c2, _] = u32::from(c).to_le_bytes();
        self.data.extend_from_slice(&[c0, c1, c2, unit_flags(c), 0]);
        let start = self.data.len();
        if person {
            surname.iter().for_each(|r| self.push_reading(start, r, false));
        }
        if let Some(multi) = c.to_pinyin_multi() {
            for plain in multi.into_iter().map(|p| p.plain()) {
                self.push_reading(start, plain, false);
                if plain.contains('ü') {
                    self.deferred.push(plain);
                }
            }
        }
        if !person {
            surname.iter().for_each(|r| self.push_reading(start, r, false));
        }
        for plain in std::mem::take(&mut self.deferred) {
            self.push_reading(start, plain, true);
        }
        // Fits: MAX_READINGS * (1 + MAX_READING_LEN) <= 255.
        self.data[at + 4] = u8::try_from(self.data.len() - start).unwrap_or(0);
    }

    /// Append a normalised reading unless the unit already has it or is full.
    fn push_reading(&mut self, unit_start: usize, plain: &str, u_for_v: bool) {
        let mut buf = [0u8; MAX_READING_LEN];
        let mut len = 0;
        for ch in plain.chars() {
            let b = match ch {
                'ü' if u_for_v => b'u',
                'ü' => b'v',
                'ê' => b'e',
                'a'..='z' => ch as u8,
                _ => continue,
            };
            if len == buf.len() {
                break;
            }
            buf[len] = b;
            len += 1;
        }
        let new = &buf[..len];
        let existing = Readings(&self.data[unit_start..]);
        let mut count = 0;
        for r in existing {
            if r == new {
                return;
            }
            count += 1;
        }
        if len > 0 && count < MAX_READINGS {
            self.data.push(len as u8);
            self.data.extend_from_slice(new);
            self.mask = new.iter().fold(self.mask, |m, &b| m | bit(char::from(b)));
        }
    }

    /// Flag word starts: after a separator, or where Han meets Latin/digits
    /// ("ABC科技": 科 starts a word). Returns the first and last content unit
    /// and the number of content units.
    fn mark_words(&mut self) -> [u16; 3] {
        // All fit in u16: there are at most MAX_UNITS units.
        let (mut first, mut last, mut count) = (self.unit_starts.len() as u16, 0, 0);
        let mut prev_han: Option<bool> = None;
        for (i, &at) in self.unit_starts.iter().enumerate() {
            let flags = self.data[at + 3];
            if flags & SEP != 0 {
                prev_han = None;
                continue;
            }
            let han = flags & FREE_LITERAL != 0;
            if prev_han != Some(han) {
                self.data[at + 3] |= WORD_START;
            }
            prev_han = Some(han);
            first = first.min(i as u16);
            last = i as u16;
            count += 1;
        }
        [first, last, count]
    }
}

fn unit_flags(c: char) -> u8 {
    if is_separator(c) {
        SEP
    } else if c.is_ascii() {
        0
    } else {
        FREE_LITERAL
    }
}
