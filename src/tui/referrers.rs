//! The records naming one record, held small. A large street's visits name
//! a member, a household and a community each: 300,000 references in the
//! demo street, most in a few long lists of ids that climb (a member's
//! visits, in the order they were read). Held as `u64`s the lists took
//! 1.9 MB; as the difference from the one before, 0.7 MB (heaptrack of the
//! workbench on the demo street, 2026-12-04).

/// Values (packed references, see `data::pack_ref`) in the order added,
/// each stored as its difference from the one before (zigzag, 7 bits a byte,
/// as LEB128): written here because no crate of ours offers a growable list
/// of varints, and bincode's own varints are not byte-addressable this way.
#[derive(Clone, Debug, Default)]
pub struct RefList {
    last: u64,
    bytes: Vec<u8>,
}

impl RefList {
    /// Adds `value`, unless it is the one added last (a record naming
    /// another twice, a chair who also attends, is listed once).
    pub fn push(&mut self, value: u64) {
        if self.bytes.is_empty() || self.last != value {
            self.append(value);
        }
    }

    fn append(&mut self, value: u64) {
        if self.bytes.capacity() == 0 {
            // Room for a household's dozen visits at once rather than in
            // three steps (8, 16, 32 bytes): the full read's other thread
            // waits for each step (one malloc arena, `os`).
            self.bytes.reserve_exact(32);
        }
        let delta = value.wrapping_sub(self.last) as i64;
        let mut zigzag = ((delta << 1) ^ (delta >> 63)) as u64;
        while zigzag >= 0x80 {
            self.bytes.push(zigzag as u8 | 0x80);
            zigzag >>= 7;
        }
        self.bytes.push(zigzag as u8);
        self.last = value;
    }

    pub fn iter(&self) -> impl Iterator<Item = u64> + '_ {
        let mut at = 0;
        let mut value = 0u64;
        std::iter::from_fn(move || {
            let (mut zigzag, mut shift) = (0u64, 0);
            loop {
                let byte = *self.bytes.get(at)?;
                at += 1;
                zigzag |= u64::from(byte & 0x7f) << shift;
                shift += 7;
                if byte < 0x80 || shift >= 64 {
                    break;
                }
            }
            let delta = (zigzag >> 1) as i64 ^ -((zigzag & 1) as i64);
            value = value.wrapping_add(delta as u64);
            Some(value)
        })
    }

    /// Takes out every `value`.
    pub fn remove(&mut self, value: u64) {
        let kept: Vec<u64> = self.iter().filter(|v| *v != value).collect();
        *self = RefList::default();
        for v in kept {
            self.append(v);
        }
        self.bytes.shrink_to_fit();
    }

    pub fn shrink_to_fit(&mut self) {
        self.bytes.shrink_to_fit();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn climbing_ids_take_a_byte_or_two_each() {
        let mut list = RefList::default();
        for id in (1_000..2_000u64).step_by(7) {
            list.push(4 << 56 | id);
        }
        assert_eq!(list.iter().count(), 143);
        assert!(list.bytes.len() < 160, "{} bytes", list.bytes.len());
    }

    proptest! {
        /// Pushed and removed, the list reads back as a list of `u64`s
        /// treated the same would.
        #[test]
        fn a_list_reads_back_as_pushed(ops in proptest::collection::vec((any::<bool>(), prop_oneof![any::<u64>(), 0u64..20]), 0..80)) {
            let mut list = RefList::default();
            let mut plain: Vec<u64> = Vec::new();
            for (remove, v) in ops {
                if remove {
                    list.remove(v);
                    plain.retain(|x| *x != v);
                } else {
                    list.push(v);
                    if plain.last() != Some(&v) {
                        plain.push(v);
                    }
                }
                prop_assert_eq!(list.iter().collect::<Vec<_>>(), plain.clone());
            }
        }
    }
}
