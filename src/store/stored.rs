//! Records of one kind as they are stored, undecoded: what the workbench
//! reads a large kind in, to decode each record straight into the form it
//! holds it in (`tui::held`) rather than through a record of its own.

use super::codec::{self, id_key};
use super::{Store, StoreError};
use crate::model::Kind;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Records a page takes room for at most at once: a larger page grows.
const ROOM_FOR: usize = 4_096;

/// Records one after another, each its id and its stored bytes (`codec`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct StoredRecords {
    ids: Vec<u64>,
    /// Where each record's bytes end in `bytes`.
    ends: Vec<u32>,
    #[serde(serialize_with = "as_bytes", deserialize_with = "from_bytes")]
    bytes: Vec<u8>,
}

impl StoredRecords {
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    pub fn last_id(&self) -> Option<u64> {
        self.ids.last().copied()
    }

    /// Room for `limit` records of a couple of hundred bytes, taken at
    /// once: grown as they came, a page's buffers were reallocated a dozen
    /// times each, while the reader's other threads waited for the malloc
    /// arena they share (the workbench keeps to one, `os`).
    fn with_room(limit: usize) -> StoredRecords {
        let n = limit.min(ROOM_FOR);
        StoredRecords { ids: Vec::with_capacity(n), ends: Vec::with_capacity(n), bytes: Vec::with_capacity(n * 256) }
    }

    fn push(&mut self, id: u64, bytes: &[u8]) -> Result<(), StoreError> {
        self.bytes.extend_from_slice(bytes);
        let end = u32::try_from(self.bytes.len()).map_err(|_| StoreError::Io("a page of records over 4 GB".into()))?;
        self.ids.push(id);
        self.ends.push(end);
        Ok(())
    }

    /// Each record's id and bytes, in order; `None` in place of a record
    /// whose place is not in the bytes (they came from elsewhere, crafted).
    pub fn iter(&self) -> impl Iterator<Item = (u64, Option<&[u8]>)> + '_ {
        self.ids.iter().enumerate().map(|(i, id)| (*id, self.bytes_of(i)))
    }

    fn bytes_of(&self, i: usize) -> Option<&[u8]> {
        let start = if i == 0 { 0 } else { *self.ends.get(i - 1)? };
        self.bytes.get(start as usize..*self.ends.get(i)? as usize)
    }
}

/// Bytes as one run rather than a list of numbers: bincode's form of a
/// `Vec<u8>` is the same either way, but serde's list is read a byte at a time.
fn as_bytes<S: Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
    s.serialize_bytes(bytes)
}

fn from_bytes<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
    struct Bytes;
    impl serde::de::Visitor<'_> for Bytes {
        type Value = Vec<u8>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("bytes")
        }
        fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<Vec<u8>, E> {
            Ok(v.to_vec())
        }
        fn visit_byte_buf<E: serde::de::Error>(self, v: Vec<u8>) -> Result<Vec<u8>, E> {
            Ok(v)
        }
    }
    d.deserialize_byte_buf(Bytes)
}

impl Store {
    /// [`Store::page`] undecoded: up to `limit` records of `kind` with ids
    /// above `after`, in id order, archived ones too.
    pub fn stored_page(&self, kind: Kind, after: u64, limit: usize) -> Result<StoredRecords, StoreError> {
        let mut page = StoredRecords::with_room(limit);
        for item in self.tree(kind).range(id_key(after.saturating_add(1))..).take(limit) {
            let (key, bytes) = item?;
            page.push(codec::key_id(&key).unwrap_or(0), &bytes)?;
        }
        Ok(page)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page() -> StoredRecords {
        let mut page = StoredRecords::default();
        page.push(4, b"four").unwrap();
        page.push(9, b"").unwrap();
        page.push(12, b"twelve").unwrap();
        page
    }

    #[test]
    fn each_record_comes_back_with_its_id_and_bytes_and_over_the_wire_alike() {
        let given: Vec<_> = page().iter().map(|(id, b)| (id, b.map(<[u8]>::to_vec))).collect();
        let four_nine_twelve = [(4, b"four".to_vec()), (9, Vec::new()), (12, b"twelve".to_vec())];
        assert_eq!(given, four_nine_twelve.map(|(id, b)| (id, Some(b))));
        assert_eq!((page().len(), page().last_id()), (3, Some(12)));
        let config = bincode::config::standard();
        let wire = bincode::serde::encode_to_vec(page(), config).unwrap();
        let (back, _): (StoredRecords, usize) = bincode::serde::decode_from_slice(&wire, config).unwrap();
        assert_eq!(back, page());
    }

    #[test]
    fn a_page_whose_ends_point_outside_its_bytes_gives_no_bytes_rather_than_panicking() {
        let mut crafted = page();
        crafted.ends = vec![4, 2, 4_000];
        let given: Vec<_> = crafted.iter().map(|(id, b)| (id, b.is_some())).collect();
        assert_eq!(given, [(4, true), (9, false), (12, false)]);
        crafted.ends.truncate(1);
        let given: Vec<_> = crafted.iter().map(|(id, b)| (id, b.is_some())).collect();
        assert_eq!(given, [(4, true), (9, false), (12, false)], "ids without ends have no bytes");
    }
}
