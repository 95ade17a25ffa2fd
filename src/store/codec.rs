//! The stored form of every value: one version byte, then bincode 2 of the
//! value's serde form. Decoding goes through an explicit arm per version, so an
//! old value is always read by the code that knows its layout.

use super::legacy::FromV1;
use crate::model::{AnyRecord, Kind, Meta, RecordData, VisitRef, Wrap};
use crate::with_kind;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// Version of the record layout written today; older ones are read through
/// [`super::legacy`].
pub const RECORD_VERSION: u8 = 2;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Deserialize, serde::Serialize)]
pub enum DecodeError {
    #[error("empty value")]
    Empty,
    #[error("unknown layout version {0}")]
    UnknownVersion(u8),
    #[error("{0}")]
    Bincode(String),
}

fn config() -> bincode::config::Configuration {
    bincode::config::standard()
}

/// `[version][bincode(value)]`.
pub fn encode<T: Serialize>(version: u8, value: &T) -> Vec<u8> {
    let mut out = Vec::with_capacity(128);
    encode_into(&mut out, version, value);
    out
}

/// [`encode`] into `out`, replacing what it held: an import encodes 100,000
/// records through one buffer. Encoding plain serde types into a Vec cannot
/// fail; an empty payload would be caught on decode rather than panic here.
pub fn encode_into<T: Serialize>(out: &mut Vec<u8>, version: u8, value: &T) {
    out.clear();
    out.push(version);
    if bincode::serde::encode_into_std_write(value, &mut *out, config()).is_err() {
        out.truncate(1);
    }
}

/// The version byte and the payload behind it.
pub fn split(bytes: &[u8]) -> Result<(u8, &[u8]), DecodeError> {
    bytes.split_first().map(|(v, rest)| (*v, rest)).ok_or(DecodeError::Empty)
}

pub fn decode_body<T: DeserializeOwned>(body: &[u8]) -> Result<T, DecodeError> {
    let (value, used) =
        bincode::serde::decode_from_slice(body, config()).map_err(|e| DecodeError::Bincode(e.to_string()))?;
    if used != body.len() {
        return Err(DecodeError::Bincode(format!("{} trailing bytes", body.len() - used)));
    }
    Ok(value)
}

pub fn encode_record<T: Serialize>(meta: &Meta, data: &T) -> Vec<u8> {
    encode(RECORD_VERSION, &(meta, data))
}

pub fn encode_record_into<T: Serialize>(out: &mut Vec<u8>, meta: &Meta, data: &T) {
    encode_into(out, RECORD_VERSION, &(meta, data))
}

pub fn decode_typed<T: RecordData + FromV1>(bytes: &[u8]) -> Result<(Meta, T), DecodeError> {
    match split(bytes)? {
        (2, body) => decode_body(body),
        (1, body) => T::from_v1(body),
        (v, _) => Err(DecodeError::UnknownVersion(v)),
    }
}

pub fn encode_any(record: &AnyRecord) -> Vec<u8> {
    crate::with_data!(&record.data, d => encode_record(&record.meta, d))
}

pub fn decode_any(kind: Kind, bytes: &[u8]) -> Result<AnyRecord, DecodeError> {
    with_kind!(kind, T => {
        let (meta, data) = decode_typed::<T>(bytes)?;
        Ok(AnyRecord { meta, data: Wrap::wrap(data) })
    })
}

/// A visit stored in today's layout, its text borrowed from `bytes`; `None`
/// for anything else (an older layout, bytes that do not decode), which
/// [`decode_any`] reads or reports.
pub fn decode_visit_borrowed(bytes: &[u8]) -> Option<(Meta, VisitRef<'_>)> {
    let (RECORD_VERSION, body) = split(bytes).ok()? else { return None };
    let (value, used) = bincode::serde::borrow_decode_from_slice(body, config()).ok()?;
    (used == body.len()).then_some(value)
}

/// Keys of record trees: the id, big-endian so that trees iterate in id order.
pub fn id_key(id: u64) -> [u8; 8] {
    id.to_be_bytes()
}

pub fn key_id(key: &[u8]) -> Option<u64> {
    let tail: [u8; 8] = key.get(key.len().checked_sub(8)?..)?.try_into().ok()?;
    Some(u64::from_be_bytes(tail))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::enums::VisitKind;
    use crate::model::Visit;
    use chrono::{DateTime, NaiveDate};
    use proptest::prelude::*;

    fn meta(id: u64, archived: bool) -> Meta {
        let at = DateTime::from_timestamp(1_796_000_000, 123_456_789).unwrap();
        Meta { id, rev: 3, created_at: at, updated_at: at + chrono::Duration::hours(1), archived }
    }

    fn visit(visitor: String, summary: String, household_id: Option<u64>, demand_id: Option<u64>) -> Visit {
        Visit {
            date: NaiveDate::from_ymd_opt(2026, 11, 29).unwrap(),
            member_id: 7,
            kind: VisitKind::Phone,
            household_id,
            unit_id: None,
            community_id: Some(2),
            visitor,
            summary,
            demand_id,
        }
    }

    proptest! {
        /// `VisitRef` mirrors `Visit`'s stored layout field for field.
        #[test]
        fn a_stored_visit_reads_as_its_borrowed_form(
            visitor in "\\PC{0,20}",
            summary in "\\PC{0,60}",
            household_id in proptest::option::of(any::<u64>()),
            demand_id in proptest::option::of(any::<u64>()),
            archived in any::<bool>(),
        ) {
            let (meta, visit) = (meta(41, archived), visit(visitor, summary, household_id, demand_id));
            let stored = encode_record(&meta, &visit);
            prop_assert_eq!(decode_visit_borrowed(&stored), Some((meta.clone(), visit.borrowed())));
            prop_assert_eq!(decode_visit_borrowed(&stored).unwrap().1.to_visit(), visit);
        }
    }

    #[test]
    fn anything_but_a_visit_in_todays_layout_is_left_to_decode_any() {
        let v = visit(String::new(), "电话问候".into(), Some(1), None);
        let stored = encode_record(&meta(1, false), &v);
        assert!(decode_visit_borrowed(&stored).is_some());
        let mut trailing = stored.clone();
        trailing.push(0);
        assert_eq!(decode_visit_borrowed(&trailing), None, "a byte too many");
        let mut older = stored.clone();
        older[0] = 1;
        assert_eq!(decode_visit_borrowed(&older), None, "an older layout");
        assert_eq!(decode_visit_borrowed(&stored[..stored.len() - 3]), None, "cut short");
        assert_eq!(decode_visit_borrowed(&[]), None);
    }
}
