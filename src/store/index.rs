//! Secondary index keys: `[kind][tag][value][id]`, all in one tree, written in
//! the same transaction as the record. Tags: `0x10 + kind` for a reference to a
//! record of that kind (value: its id), `d` date, `s` status, `p` period.
//! Text values end with a zero byte so that one status is never a prefix of another.

use crate::model::{IndexValue, Kind};

pub fn prefix(kind: Kind, value: &IndexValue) -> Vec<u8> {
    let mut key = Vec::with_capacity(KEY_CAPACITY);
    push_prefix(&mut key, kind, value);
    key
}

/// Room for a reference's key (18 bytes) or a date's (19) without growing.
const KEY_CAPACITY: usize = 24;

fn push_prefix(key: &mut Vec<u8>, kind: Kind, value: &IndexValue) {
    key.push(kind.code());
    match value {
        IndexValue::Ref(target, id) => {
            key.push(0x10 + target.code());
            key.extend(id.to_be_bytes());
        }
        IndexValue::Date(d) => {
            key.push(b'd');
            key.extend(d.format("%Y-%m-%d").to_string().bytes());
        }
        IndexValue::Status(s) => text_value(key, b's', s),
        IndexValue::Period(p) => text_value(key, b'p', p),
    }
}

fn text_value(key: &mut Vec<u8>, tag: u8, text: &str) {
    key.push(tag);
    key.extend(text.bytes().filter(|b| *b != 0));
    key.push(0);
}

pub fn key(kind: Kind, value: &IndexValue, id: u64) -> Vec<u8> {
    let mut key = Vec::with_capacity(KEY_CAPACITY);
    key_into(&mut key, kind, value, id);
    key
}

/// [`key`] written into `key`, replacing what it held: a bulk write reuses one buffer.
pub fn key_into(key: &mut Vec<u8>, kind: Kind, value: &IndexValue, id: u64) {
    key.clear();
    push_prefix(key, kind, value);
    key.extend(id.to_be_bytes());
}

/// All index keys of one kind start with this; dates of a kind with `[kind]d`.
pub fn kind_prefix(kind: Kind) -> [u8; 1] {
    [kind.code()]
}

pub fn date_prefix(kind: Kind) -> [u8; 2] {
    [kind.code(), b'd']
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_pinned() {
        let k = key(Kind::Visit, &IndexValue::Ref(Kind::Member, 7), 9);
        assert_eq!(k, [4, 0x10, 0, 0, 0, 0, 0, 0, 0, 7, 0, 0, 0, 0, 0, 0, 0, 9]);
        let s = key(Kind::Demand, &IndexValue::Status("open".into()), 1);
        assert_eq!(s, [5, b's', b'o', b'p', b'e', b'n', 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    }

    #[test]
    fn a_status_is_not_a_prefix_of_another() {
        let open = prefix(Kind::Demand, &IndexValue::Status("open".into()));
        let other = key(Kind::Demand, &IndexValue::Status("open_more".into()), 1);
        assert!(!other.starts_with(&open));
    }
}
