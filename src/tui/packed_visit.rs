//! A visit in the form the workbench packs it (`held::Packed`): its day as a
//! number and its text as UTF-16 when that is shorter, as it is for Chinese.
//! A visit's summary is mostly Chinese, three bytes a character in UTF-8 and
//! two in UTF-16: over the demo street's 101,000 visits (30 characters each)
//! this and the day (3 bytes instead of 11) took 3.5 MB off the workbench
//! (43.4 -> 39.9 MB peak, issue 22).
//! Hand-written because no crate packs text this way for serde: general
//! compressors gain nothing on records of a hundred bytes each.

use crate::model::enums::VisitKind;
use crate::model::{Visit, VisitRef};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// The fields of [`Visit`], in its order, as packed: its text held (`Vec<u8>`,
/// read back) or, while it is being packed, borrowed from a [`TextRoom`]
/// (`Run`, written). bincode writes a `Vec<u8>` and a run of bytes alike.
#[derive(Serialize, Deserialize)]
pub struct PackedVisit<T = Vec<u8>> {
    day: i32,
    member_id: u64,
    kind: VisitKind,
    household_id: Option<u64>,
    unit_id: Option<u64>,
    community_id: Option<u64>,
    visitor: T,
    summary: T,
    demand_id: Option<u64>,
}

/// A visit being packed.
pub type PackingVisit<'a> = PackedVisit<Run<'a>>;

/// Bytes written as one run (serde's `bytes`), not a list of numbers.
pub struct Run<'a>(&'a [u8]);

impl Serialize for Run<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(self.0)
    }
}

/// The first fields of a [`PackedVisit`], in its order: bincode reads fields
/// in turn, so these decode from a packed visit's bytes and the rest is left
/// unread (`the_head_of_a_packed_visit_is_its_first_fields` fails if they part).
#[derive(Deserialize)]
pub struct VisitHead {
    day: i32,
    #[allow(dead_code)]
    member_id: u64,
    #[allow(dead_code)]
    kind: VisitKind,
    pub household_id: Option<u64>,
}

impl VisitHead {
    pub fn date(&self) -> Option<NaiveDate> {
        NaiveDate::from_num_days_from_ce_opt(self.day)
    }
}

/// Room for a visit's text as packed, kept from one visit to the next:
/// packing the demo street's 101,000 visits made and freed two buffers each.
#[derive(Clone, Debug, Default)]
pub struct TextRoom {
    visitor: Vec<u8>,
    summary: Vec<u8>,
}

impl TextRoom {
    pub fn shrink_to_fit(&mut self) {
        *self = TextRoom::default();
    }
}

impl<'a> PackingVisit<'a> {
    pub fn new(v: &VisitRef<'_>, room: &'a mut TextRoom) -> PackingVisit<'a> {
        pack_text(v.visitor, &mut room.visitor);
        pack_text(v.summary, &mut room.summary);
        PackingVisit {
            day: v.date.num_days_from_ce(),
            member_id: v.member_id,
            kind: v.kind,
            household_id: v.household_id,
            unit_id: v.unit_id,
            community_id: v.community_id,
            visitor: Run(&room.visitor),
            summary: Run(&room.summary),
            demand_id: v.demand_id,
        }
    }
}

impl PackedVisit {
    /// The visit, or `None` when the bytes were not made by `new`.
    pub fn visit(self) -> Option<Visit> {
        Some(Visit {
            date: NaiveDate::from_num_days_from_ce_opt(self.day)?,
            member_id: self.member_id,
            kind: self.kind,
            household_id: self.household_id,
            unit_id: self.unit_id,
            community_id: self.community_id,
            visitor: unpack_text(self.visitor)?,
            summary: unpack_text(self.summary)?,
            demand_id: self.demand_id,
        })
    }
}

const UTF8: u8 = 0;
const UTF16: u8 = 1;

/// `text` into `out` (in place of what it held) as UTF-16 (little-endian)
/// after a mark when that is shorter, else as UTF-8 after a mark; empty text
/// as nothing.
fn pack_text(text: &str, out: &mut Vec<u8>) {
    out.clear();
    if text.is_empty() {
        return;
    }
    // UTF-16 units counted from the UTF-8 bytes rather than by encoding the
    // text twice: one per character, two for one beyond the first plane
    // (four bytes in UTF-8).
    let bytes = text.as_bytes();
    let starts = bytes.iter().filter(|b| (**b & 0xC0) != 0x80).count();
    let units = starts + bytes.iter().filter(|b| **b >= 0xF0).count();
    if units * 2 < text.len() {
        out.resize(1 + units * 2, 0);
        out[0] = UTF16;
        for (to, unit) in out[1..].chunks_exact_mut(2).zip(text.encode_utf16()) {
            to.copy_from_slice(&unit.to_le_bytes());
        }
    } else {
        out.push(UTF8);
        out.extend_from_slice(text.as_bytes());
    }
}

fn unpack_text(mut packed: Vec<u8>) -> Option<String> {
    match packed.first().copied() {
        None => Some(String::new()),
        Some(UTF8) => {
            packed.remove(0);
            String::from_utf8(packed).ok()
        }
        Some(UTF16) => {
            let bytes = &packed[1..];
            if !bytes.len().is_multiple_of(2) {
                return None;
            }
            let units: Vec<u16> = bytes.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
            String::from_utf16(&units).ok()
        }
        Some(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn packed(text: &str) -> Vec<u8> {
        let mut out = vec![9; 3];
        pack_text(text, &mut out);
        out
    }

    #[test]
    fn chinese_text_packs_in_two_bytes_a_character_and_other_text_as_it_is() {
        let chinese = "走访独居老人，楼道灯不亮";
        assert_eq!(packed(chinese).len(), 1 + 2 * chinese.chars().count());
        assert_eq!(packed("call 13812345678").len(), 1 + "call 13812345678".len());
        assert!(packed("").is_empty());
        for text in [chinese, "call 13812345678", "", "😀 emoji, 𠀀 beyond the BMP"] {
            assert_eq!(unpack_text(packed(text)).as_deref(), Some(text));
        }
    }

    #[test]
    fn bytes_not_made_here_are_refused_rather_than_misread() {
        assert_eq!(unpack_text(vec![UTF16, 0x3d]), None, "half a unit");
        assert_eq!(unpack_text(vec![UTF16, 0x00, 0xd8]), None, "a lone surrogate");
        assert_eq!(unpack_text(vec![UTF8, 0xff]), None);
        assert_eq!(unpack_text(vec![7, b'a']), None);
    }

    #[test]
    fn the_head_of_a_packed_visit_is_its_first_fields() {
        let visit = Visit {
            date: NaiveDate::from_ymd_opt(2026, 11, 29).unwrap(),
            member_id: 7,
            kind: VisitKind::Home,
            household_id: Some(42),
            unit_id: None,
            community_id: Some(3),
            visitor: String::new(),
            summary: "独居老人，楼道灯不亮。".into(),
            demand_id: None,
        };
        let config = bincode::config::standard();
        let mut room = TextRoom::default();
        let bytes = bincode::serde::encode_to_vec(PackingVisit::new(&visit.borrowed(), &mut room), config).unwrap();
        let (head, _): (VisitHead, usize) = bincode::serde::decode_from_slice(&bytes, config).unwrap();
        assert_eq!((head.date(), head.household_id), (Some(visit.date), Some(42)));
        let (packed, _): (PackedVisit, usize) = bincode::serde::decode_from_slice(&bytes, config).unwrap();
        assert_eq!(packed.visit(), Some(visit));
    }

    proptest! {
        #[test]
        fn any_text_reads_back_as_it_was(text in "\\PC{0,40}") {
            prop_assert_eq!(unpack_text(packed(&text)), Some(text));
        }
    }
}
