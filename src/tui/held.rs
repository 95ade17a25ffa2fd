//! The records of one kind as the workbench holds them. Visits, 100,000 of
//! them in a large street, are held packed: each one encoded into a buffer
//! shared by the kind, and decoded when it is asked for (a row drawn, a record
//! opened). A decoded visit took 176 bytes plus its text in its own
//! allocation; packed it takes about 130 in all, which halves the
//! workbench's largest use of memory (issue 6: 27 MB of visits became 13).
//! Demands and households are packed too: the demo street's 9,000 demands
//! held decoded took 4.3 MB and its 10,000 households 2.7, and what reads
//! them whole (the overview) wants only the few demands still being handled
//! (`Data::pending_demands`) and households one at a time. The other kinds
//! are few, and stay as records.

use super::filter::offset;
use super::packed_visit::{PackedVisit, PackingVisit, TextRoom, VisitHead};
use crate::model::{AnyData, AnyRecord, Kind, Meta, VisitRef, Wrap};
use crate::{with_data, with_kind};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// Whether records of `kind` are held packed.
pub fn packs(kind: Kind) -> bool {
    matches!(kind, Kind::Visit | Kind::Demand | Kind::Household)
}

/// The records of one kind, in id order.
#[derive(Clone, Debug)]
pub enum Held {
    Plain(Vec<AnyRecord>),
    Packed(Packed),
}

impl Held {
    pub fn new(kind: Kind) -> Held {
        if packs(kind) {
            Held::Packed(Packed::new(kind))
        } else {
            Held::Plain(Vec::new())
        }
    }

    /// `records` (of `kind`, in any order) held as `kind` is held.
    pub fn from_records(kind: Kind, mut records: Vec<AnyRecord>) -> Held {
        // The store lists records in id order; a sort of a sorted list would
        // still take scratch room for half of it.
        if !records.is_sorted_by_key(AnyRecord::id) {
            records.sort_by_key(AnyRecord::id);
        }
        if !packs(kind) {
            return Held::Plain(records);
        }
        let mut held = Held::new(kind);
        for rec in records {
            held.push(rec);
        }
        held
    }

    pub fn view(&self) -> Records<'_> {
        match self {
            Held::Plain(records) => Records::Plain(records),
            Held::Packed(packed) => Records::Packed(packed),
        }
    }

    /// Adds `rec`: at the end when its id is above every id held (the
    /// store's order, and the quick way), otherwise in its place.
    pub fn push(&mut self, rec: AnyRecord) {
        if self.view().last_id().is_some_and(|last| last >= rec.id()) {
            return self.upsert(rec);
        }
        let failed = match self {
            Held::Plain(records) => {
                records.push(rec);
                None
            }
            Held::Packed(packed) => packed.append(&rec).err().map(|()| rec),
        };
        if let Some(rec) = failed {
            self.unpack();
            self.push(rec);
        }
    }

    /// [`Held::push`] of a visit read borrowed from its stored bytes
    /// (`codec::decode_visit_borrowed`): packed without being made a record.
    pub fn push_visit(&mut self, meta: Meta, v: &VisitRef<'_>) {
        let after_last = self.view().last_id().is_none_or(|last| last < meta.id);
        if let (true, Held::Packed(packed)) = (after_last, &mut *self) {
            if packed.append_visit(&meta, v).is_ok() {
                return;
            }
        }
        self.push(AnyRecord { meta, data: v.to_visit().wrap() });
    }

    /// Puts `rec` in place of the record with its id, or adds it in id order.
    pub fn upsert(&mut self, rec: AnyRecord) {
        let found = self.view().search(rec.id());
        let failed = match self {
            Held::Plain(records) => {
                match found {
                    Ok(p) => records[p] = rec,
                    Err(p) => records.insert(p, rec),
                }
                None
            }
            Held::Packed(packed) => packed.put(found, &rec).err().map(|()| rec),
        };
        if let Some(rec) = failed {
            self.unpack();
            self.upsert(rec);
        }
    }

    /// Takes out the record at position `p`.
    pub fn remove(&mut self, p: usize) -> Option<AnyRecord> {
        match self {
            Held::Plain(records) => (p < records.len()).then(|| records.remove(p)),
            Held::Packed(packed) => packed.remove(p),
        }
    }

    pub fn shrink_to_fit(&mut self) {
        match self {
            Held::Plain(records) => records.shrink_to_fit(),
            Held::Packed(packed) => packed.shrink_to_fit(),
        }
    }

    /// Holds the records decoded: the way out should a record not encode.
    fn unpack(&mut self) {
        if let Held::Packed(packed) = self {
            *self = Held::Plain(Records::Packed(packed).iter().map(Cow::into_owned).collect());
        }
    }
}

/// A look at the records of one kind, in id order: borrowed where they are
/// held as records, decoded where they are packed.
#[derive(Clone, Copy, Debug)]
pub enum Records<'a> {
    Plain(&'a [AnyRecord]),
    Packed(&'a Packed),
}

impl<'a> Records<'a> {
    pub fn len(self) -> usize {
        match self {
            Records::Plain(records) => records.len(),
            Records::Packed(packed) => packed.ids.len(),
        }
    }

    pub fn is_empty(self) -> bool {
        self.len() == 0
    }

    pub fn get(self, p: usize) -> Option<Cow<'a, AnyRecord>> {
        match self {
            Records::Plain(records) => records.get(p).map(Cow::Borrowed),
            Records::Packed(packed) => packed.decode(p).map(Cow::Owned),
        }
    }

    pub fn id(self, p: usize) -> Option<u64> {
        match self {
            Records::Plain(records) => records.get(p).map(AnyRecord::id),
            Records::Packed(packed) => packed.ids.get(p).copied(),
        }
    }

    pub fn archived(self, p: usize) -> bool {
        match self {
            Records::Plain(records) => records.get(p).is_some_and(|r| r.meta.archived),
            Records::Packed(packed) => packed.archived.get(p).copied().unwrap_or(false),
        }
    }

    /// The day the record at `p` is about (see `AnyData::date`), read from a
    /// packed visit without decoding the rest of it.
    pub fn date(self, p: usize) -> Option<NaiveDate> {
        match self {
            Records::Packed(packed) if packed.kind == Kind::Visit => packed.visit_head(p)?.date(),
            _ => self.get(p)?.data.date(),
        }
    }

    pub fn last(self) -> Option<Cow<'a, AnyRecord>> {
        self.get(self.len().checked_sub(1)?)
    }

    pub fn last_id(self) -> Option<u64> {
        self.id(self.len().checked_sub(1)?)
    }

    /// Where the record `id` is (`Ok`), or would go (`Err`).
    pub fn search(self, id: u64) -> Result<usize, usize> {
        match self {
            Records::Plain(records) => records.binary_search_by_key(&id, AnyRecord::id),
            Records::Packed(packed) => packed.ids.binary_search(&id),
        }
    }

    pub fn position(self, id: u64) -> Option<usize> {
        self.search(id).ok()
    }

    /// The records, borrowed, when held as records (see `packs`).
    pub fn plain(self) -> Option<&'a [AnyRecord]> {
        match self {
            Records::Plain(records) => Some(records),
            Records::Packed(_) => None,
        }
    }

    pub fn iter(self) -> impl Iterator<Item = Cow<'a, AnyRecord>> + 'a {
        (0..self.len()).filter_map(move |p| self.get(p))
    }

    /// How many records are not archived, counted without decoding any.
    pub fn active_count(self) -> usize {
        (0..self.len()).filter(|p| !self.archived(*p)).count()
    }

    /// The records that are not archived.
    pub fn active(self) -> impl Iterator<Item = Cow<'a, AnyRecord>> + 'a {
        (0..self.len()).filter(move |p| !self.archived(*p)).filter_map(move |p| self.get(p))
    }
}

/// The day and household of every visit not archived (from `visits`, the
/// visits held), read without decoding the rest of each: the overview needs
/// them after every change, and a whole decode of 100,000 visits takes 75 ms.
pub fn visit_days(visits: Records<'_>) -> Box<dyn Iterator<Item = (NaiveDate, Option<u64>)> + '_> {
    let active = (0..visits.len()).filter(move |p| !visits.archived(*p));
    match visits {
        Records::Plain(records) => Box::new(active.filter_map(|p| match &records[p].data {
            AnyData::Visit(v) => Some((v.date, v.household_id)),
            _ => None,
        })),
        Records::Packed(packed) if packed.kind == Kind::Visit => {
            Box::new(active.filter_map(|p| packed.visit_head(p).and_then(|h| Some((h.date()?, h.household_id)))))
        }
        Records::Packed(_) => Box::new(std::iter::empty()),
    }
}

/// The data of a record looked at, borrowed or owned as the record was.
pub fn data_of(rec: Cow<'_, AnyRecord>) -> Cow<'_, AnyData> {
    match rec {
        Cow::Borrowed(r) => Cow::Borrowed(&r.data),
        Cow::Owned(r) => Cow::Owned(r.data),
    }
}

/// The record inside `rec`, when it was borrowed: for a kind held as records.
pub fn borrowed<'a>(rec: &Cow<'a, AnyRecord>) -> Option<&'a AnyRecord> {
    match rec {
        Cow::Borrowed(r) => Some(r),
        Cow::Owned(_) => None,
    }
}

/// Records of one kind encoded one after another: ids and archived flags
/// apart, for searching and counting without decoding.
#[derive(Clone, Debug)]
pub struct Packed {
    kind: Kind,
    ids: Vec<u64>,
    archived: Vec<bool>,
    /// Where each record's bytes end in `bytes` (u32: 4 GB of records is far
    /// beyond a street's).
    ends: Vec<u32>,
    bytes: Vec<u8>,
    room: TextRoom,
}

/// A record's bookkeeping as packed: its id and archived flag are held apart,
/// and times as seconds and nanoseconds (chrono's own form is text, three
/// times the size and far slower to read back). The time of the last change
/// is left out while it is the creation's, as it is for most visits: one
/// byte instead of ten, about 0.9 MB over the demo street's 101,000 visits.
#[derive(Serialize, Deserialize)]
struct PackedMeta {
    rev: u64,
    created: (i64, u32),
    updated: Option<(i64, u32)>,
}

impl PackedMeta {
    fn of(m: &Meta) -> PackedMeta {
        let updated = (m.updated_at != m.created_at).then(|| stamp(&m.updated_at));
        PackedMeta { rev: m.rev, created: stamp(&m.created_at), updated }
    }
}

fn stamp(t: &DateTime<Utc>) -> (i64, u32) {
    (t.timestamp(), t.timestamp_subsec_nanos())
}

fn unstamp((secs, nanos): (i64, u32)) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp(secs, nanos)
}

fn config() -> bincode::config::Configuration {
    bincode::config::standard()
}

impl Packed {
    fn new(kind: Kind) -> Packed {
        Packed {
            kind,
            ids: Vec::new(),
            archived: Vec::new(),
            ends: Vec::new(),
            bytes: Vec::new(),
            room: TextRoom::default(),
        }
    }

    fn start(&self, p: usize) -> usize {
        p.checked_sub(1).and_then(|q| self.ends.get(q)).map_or(0, |e| *e as usize)
    }

    /// The encoded record at `p`.
    fn bytes_of(&self, p: usize) -> Option<&[u8]> {
        self.bytes.get(self.start(p)..*self.ends.get(p)? as usize)
    }

    fn decode(&self, p: usize) -> Option<AnyRecord> {
        let bytes = self.bytes_of(p)?;
        let meta = |m: PackedMeta| -> Option<Meta> {
            Some(Meta {
                id: self.ids[p],
                rev: m.rev,
                created_at: unstamp(m.created)?,
                updated_at: unstamp(m.updated.unwrap_or(m.created))?,
                archived: self.archived[p],
            })
        };
        if self.kind == Kind::Visit {
            let ((m, visit), _): ((PackedMeta, PackedVisit), usize) =
                bincode::serde::decode_from_slice(bytes, config()).ok()?;
            return Some(AnyRecord { meta: meta(m)?, data: visit.visit()?.wrap() });
        }
        with_kind!(self.kind, T => {
            let ((m, data), _): ((PackedMeta, T), usize) =
                bincode::serde::decode_from_slice(bytes, config()).ok()?;
            Some(AnyRecord { meta: meta(m)?, data: data.wrap() })
        })
    }

    /// The first fields of the visit at `p` (only for packed visits).
    fn visit_head(&self, p: usize) -> Option<VisitHead> {
        let ((_, head), _): ((PackedMeta, VisitHead), usize) =
            bincode::serde::decode_from_slice(self.bytes_of(p)?, config()).ok()?;
        Some(head)
    }

    fn encode(rec: &AnyRecord, out: &mut Vec<u8>, room: &mut TextRoom) -> Result<(), ()> {
        let AnyData::Visit(v) = &rec.data else {
            return with_data!(&rec.data, d => Packed::encode_as_is(&rec.meta, d, out));
        };
        Packed::encode_visit(&rec.meta, &v.borrowed(), out, room)
    }

    fn encode_visit(meta: &Meta, v: &VisitRef<'_>, out: &mut Vec<u8>, room: &mut TextRoom) -> Result<(), ()> {
        Packed::encode_as_is(meta, &PackingVisit::new(v, room), out)
    }

    fn encode_as_is<T: Serialize>(meta: &Meta, data: &T, out: &mut Vec<u8>) -> Result<(), ()> {
        let start = out.len();
        let written = bincode::serde::encode_into_std_write((&PackedMeta::of(meta), data), &mut *out, config());
        if written.is_err() || start == out.len() {
            out.truncate(start);
            return Err(());
        }
        Ok(())
    }

    /// Appends `rec` (of this kind, with the highest id).
    fn append(&mut self, rec: &AnyRecord) -> Result<(), ()> {
        if rec.kind() != self.kind {
            return Err(());
        }
        Packed::encode(rec, &mut self.bytes, &mut self.room)?;
        self.appended(&rec.meta);
        Ok(())
    }

    /// Appends the visit `v` (this being visits, and `meta.id` the highest id).
    fn append_visit(&mut self, meta: &Meta, v: &VisitRef<'_>) -> Result<(), ()> {
        if self.kind != Kind::Visit {
            return Err(());
        }
        Packed::encode_visit(meta, v, &mut self.bytes, &mut self.room)?;
        self.appended(meta);
        Ok(())
    }

    /// Notes the record whose bytes were just added at the end.
    fn appended(&mut self, meta: &Meta) {
        self.ids.push(meta.id);
        self.archived.push(meta.archived);
        self.ends.push(offset(self.bytes.len()));
    }

    /// Puts `rec` at `Ok(p)` in place of the record there, or at `Err(p)` before it.
    fn put(&mut self, at: Result<usize, usize>, rec: &AnyRecord) -> Result<(), ()> {
        if rec.kind() != self.kind {
            return Err(());
        }
        let mut encoded = Vec::new();
        Packed::encode(rec, &mut encoded, &mut self.room)?;
        let (p, old_len) = match at {
            Ok(p) => (p, self.end(p) - self.start(p)),
            Err(p) => {
                self.ids.insert(p, rec.id());
                self.archived.insert(p, rec.meta.archived);
                self.ends.insert(p, offset(self.start(p)));
                (p, 0)
            }
        };
        let start = self.start(p);
        self.bytes.splice(start..start + old_len, encoded.iter().copied());
        self.archived[p] = rec.meta.archived;
        self.shift_ends(p, encoded.len() as i64 - old_len as i64);
        Ok(())
    }

    fn remove(&mut self, p: usize) -> Option<AnyRecord> {
        if p >= self.ids.len() {
            return None;
        }
        let rec = self.decode(p);
        let (start, end) = (self.start(p), self.end(p));
        self.bytes.drain(start..end);
        self.shift_ends(p, -((end - start) as i64));
        self.ids.remove(p);
        self.archived.remove(p);
        self.ends.remove(p);
        rec
    }

    fn end(&self, p: usize) -> usize {
        self.ends.get(p).map_or(self.bytes.len(), |e| *e as usize)
    }

    /// Moves the ends from `p` on by `delta` bytes.
    fn shift_ends(&mut self, p: usize, delta: i64) {
        for end in &mut self.ends[p..] {
            *end = offset((i64::from(*end) + delta).max(0) as usize);
        }
    }

    fn shrink_to_fit(&mut self) {
        self.ids.shrink_to_fit();
        self.archived.shrink_to_fit();
        self.ends.shrink_to_fit();
        self.bytes.shrink_to_fit();
        self.room.shrink_to_fit();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::enums::{UnitKind, VisitKind};
    use crate::model::{Unit, Visit};
    use proptest::prelude::*;

    fn visit(id: u64, day: u32, text: &str, archived: bool) -> AnyRecord {
        let at = DateTime::from_timestamp(1_764_000_000 + id as i64, 123_456_789 + day).unwrap();
        // Half the visits changed after they were made, which packs apart.
        let updated_at = at + chrono::Duration::seconds((id % 2) as i64 * 86_400);
        AnyRecord {
            meta: Meta { id, rev: id % 7, created_at: at, updated_at, archived },
            data: AnyData::Visit(Box::new(Visit {
                date: NaiveDate::from_ymd_opt(2026, 11, day % 28 + 1).unwrap(),
                member_id: id % 5 + 1,
                kind: VisitKind::Home,
                household_id: (!id.is_multiple_of(3)).then_some(id * 10),
                unit_id: None,
                community_id: Some(2),
                visitor: if id.is_multiple_of(2) { String::new() } else { "王阿姨 13812345678".into() },
                summary: text.into(),
                demand_id: id.is_multiple_of(4).then_some(id),
            })),
        }
    }

    fn all(held: &Held) -> Vec<AnyRecord> {
        held.view().iter().map(Cow::into_owned).collect()
    }

    #[test]
    fn packed_visits_read_back_as_they_were_written() {
        let records: Vec<AnyRecord> = (1..=50)
            .map(|id| visit(id, id as u32, &"独居老人，楼道灯不亮。".repeat(id as usize % 4), id % 6 == 0))
            .collect();
        let held = Held::from_records(Kind::Visit, records.clone());
        assert!(matches!(held, Held::Packed(_)), "visits are packed");
        assert_eq!(all(&held), records);
        let view = held.view();
        assert_eq!(view.len(), 50);
        assert_eq!(view.id(9), Some(10));
        assert!(view.archived(5) && !view.archived(4), "archived flags are held apart");
        assert_eq!(view.position(17), Some(16));
        assert_eq!(view.search(51), Err(50));
        assert_eq!(view.active().count(), 42);
        assert_eq!(view.active_count(), 42);
    }

    fn demand(id: u64, status: crate::model::enums::DemandStatus) -> AnyRecord {
        use crate::model::enums::DemandCategory;
        let raised = NaiveDate::from_ymd_opt(2026, 10, (id % 28) as u32 + 1).unwrap();
        let mut d = crate::model::Demand::new(raised, DemandCategory::Other, "楼道灯坏了，希望尽快修好。");
        d.status = status;
        d.household_id = Some(id * 3);
        d.resolution = if id.is_multiple_of(2) { "已修复".into() } else { String::new() };
        let at = DateTime::from_timestamp(1_764_000_000 + id as i64, 0).unwrap();
        AnyRecord {
            meta: Meta { id, rev: 1, created_at: at, updated_at: at, archived: id == 3 },
            data: AnyData::Demand(Box::new(d)),
        }
    }

    #[test]
    fn packed_demands_read_back_as_they_were_written() {
        use crate::model::enums::DemandStatus::{InProgress, Open, Resolved};
        let records: Vec<AnyRecord> =
            (1..=12).map(|id| demand(id, [Open, InProgress, Resolved][id as usize % 3])).collect();
        let mut held = Held::from_records(Kind::Demand, records.clone());
        assert!(matches!(held, Held::Packed(_)), "demands are packed");
        assert_eq!(all(&held), records);
        assert_eq!(held.view().date(4), records[4].data.date(), "the day a demand was raised");
        let mut changed = records[6].clone();
        if let AnyData::Demand(d) = &mut changed.data {
            d.status = Resolved;
            d.resolution = "已协调物业更换灯泡。".into();
        }
        held.upsert(changed.clone());
        assert_eq!(held.view().get(6).map(Cow::into_owned), Some(changed));
        assert_eq!(held.view().get(7).map(Cow::into_owned), Some(records[7].clone()), "its neighbour is untouched");
    }

    #[test]
    fn other_kinds_are_held_as_records() {
        let unit = AnyRecord {
            meta: Meta {
                id: 1,
                rev: 0,
                created_at: DateTime::UNIX_EPOCH,
                updated_at: DateTime::UNIX_EPOCH,
                archived: false,
            },
            data: AnyData::Unit(Box::new(Unit {
                name: "街道办".into(),
                kind: UnitKind::Organ,
                address: String::new(),
                party_org: String::new(),
                secretary: String::new(),
                phone: String::new(),
                party_members: None,
                notes: String::new(),
            })),
        };
        let held = Held::from_records(Kind::Unit, vec![unit.clone()]);
        assert!(matches!(held, Held::Plain(_)));
        assert!(borrowed(&held.view().get(0).unwrap()).is_some(), "borrowed, not decoded");
    }

    #[test]
    fn visit_days_are_read_from_packed_visits() {
        let records: Vec<AnyRecord> = (1..=30).map(|id| visit(id, id as u32, "回访", id % 4 == 0)).collect();
        let packed = Held::from_records(Kind::Visit, records.clone());
        let plain = Held::Plain(records);
        let days = |held: &Held| visit_days(held.view()).collect::<Vec<_>>();
        assert_eq!(days(&packed), days(&plain));
        assert_eq!(days(&packed).len(), 23, "archived visits are left out");
        assert_eq!(days(&packed)[0], (NaiveDate::from_ymd_opt(2026, 11, 2).unwrap(), Some(10)));
        assert_eq!(packed.view().date(0), Some(NaiveDate::from_ymd_opt(2026, 11, 2).unwrap()));
        assert_eq!(packed.view().date(29), plain.view().date(29));
    }

    #[derive(Clone, Debug)]
    enum Op {
        Push(u64),
        Upsert(u64, u32),
        Remove(usize),
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            (1u64..40).prop_map(Op::Push),
            (1u64..40, 0u32..40).prop_map(|(id, n)| Op::Upsert(id, n)),
            (0usize..40).prop_map(Op::Remove),
        ]
    }

    proptest! {
        /// Whatever is pushed, saved over, added between or removed, the
        /// packed visits read back as a plain list of records treated the same.
        #[test]
        fn packed_visits_change_as_a_list_of_records_does(ops in proptest::collection::vec(op(), 1..60)) {
            let mut packed = Held::new(Kind::Visit);
            let mut plain: Vec<AnyRecord> = Vec::new();
            for op in ops {
                match op {
                    Op::Push(id) | Op::Upsert(id, _) => {
                        let n = if let Op::Upsert(_, n) = op { n } else { 0 };
                        let rec = visit(id, n, &"情况".repeat(n as usize), n % 3 == 0);
                        match plain.binary_search_by_key(&id, AnyRecord::id) {
                            Ok(p) => plain[p] = rec.clone(),
                            Err(p) => plain.insert(p, rec.clone()),
                        }
                        if matches!(op, Op::Push(_)) { packed.push(rec) } else { packed.upsert(rec) }
                    }
                    Op::Remove(p) => {
                        let expected = (p < plain.len()).then(|| plain.remove(p));
                        prop_assert_eq!(packed.remove(p), expected);
                    }
                }
                prop_assert!(matches!(packed, Held::Packed(_)));
                prop_assert_eq!(all(&packed), plain.clone());
            }
        }
    }
}
