//! What the workbench shows, loaded from the store once (the newest records
//! first, for the first frame, then all) and kept up to date with each save:
//! records per kind, who refers to whom and search keys.

use super::filter::RowIndex;
use super::held::{data_of, Held, Records};
use super::referrers::RefList;
use crate::model::{AnyData, AnyRecord, Demand, Kind, Meeting, Meta, Ref, Settings, Task, VisitRef};
use crate::present::Labels;
use crate::rules::holidays::HolidayCalendar;
use crate::search::SearchKey;
use crate::store::find::label_key;
use crate::workflow::agenda::{candidates, Candidates};
use chrono::NaiveDate;
use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::HashMap;

/// Something per record, looked up by its kind and id packed in one `u64`
/// (`pack_ref`): half the room of a `(Kind, u64)` key. foldhash rather than the
/// standard SipHash: the keys are the store's own ids, not chosen by anyone,
/// and every record read is looked up here two or three times: loading the
/// demo street's 121,000 records took 208 ms with SipHash, 195 with this
/// (medians of 6 alternated runs, 2026-12-04).
type ByRecord<V> = HashMap<u64, V, foldhash::fast::RandomState>;

#[derive(Default)]
pub struct Data {
    records: Vec<Held>,
    /// Built on the first search of a kind: making the pinyin keys of 100,000
    /// visits takes longer than reading them, and most sessions never filter visits.
    keys: Vec<OnceCell<Vec<SearchKey>>>,
    /// What the list filter reads, per kind, built when the kind's filter opens.
    rows: Vec<OnceCell<RowIndex>>,
    /// Per record, the records naming it, each packed as one `u64`.
    referrers: ByRecord<RefList>,
    pub settings: Settings,
    pub calendar: HolidayCalendar,
    /// Counts changes, so that what was derived from the records knows when it is stale.
    generation: u64,
    /// While this holds only the newest records of each kind (see `preview`):
    /// the changes made meanwhile, to be made again on the full load.
    loading: Option<Vec<Change>>,
}

/// A change to the records held, kept while loading.
#[derive(Clone, Debug)]
enum Change {
    Upsert(Box<AnyRecord>),
    Remove(Kind, u64),
    Replace(Kind, Vec<AnyRecord>),
}

impl Labels for Data {
    fn label_of(&self, kind: Kind, id: u64) -> Option<Cow<'_, str>> {
        // Made when asked rather than held: held for the demo street's 20,000
        // named records, labels took 2 MB of the workbench's 55 (issue 22),
        // and a label is asked for only for the few rows drawn or sorted.
        self.get(kind, id).map(|r| Cow::Owned(r.data.label()))
    }
}

impl Data {
    /// Data to be filled one kind at a time (`tui::load_unless`): each record
    /// is indexed with `take_in` as it arrives, before it is packed, and each
    /// kind is then held with `hold`. Indexing afterwards meant decoding
    /// every packed visit again: a quarter of reading the demo street's
    /// 121,000 records (perf, 2026-12-04).
    pub fn filling(settings: Settings, calendar: HolidayCalendar) -> Data {
        Data::new(Vec::new(), settings, calendar)
    }

    /// Indexes `rec` and adds it to `held`, which `hold` then makes this data's.
    pub fn take_in(&mut self, held: &mut Held, rec: AnyRecord) {
        self.index(&rec);
        held.push(rec);
    }

    /// `take_in` of a visit read borrowed from its stored bytes.
    pub fn take_in_visit(&mut self, held: &mut Held, meta: Meta, v: &VisitRef<'_>) {
        self.index_refs(pack_ref(Kind::Visit, meta.id), v.refs());
        held.push_visit(meta, v);
    }

    /// The records of `kind`, each passed through `take_in`.
    pub fn hold(&mut self, kind: Kind, mut held: Held) {
        held.shrink_to_fit();
        self.records[kind as usize] = held;
        self.forget_derived(kind);
    }

    /// Once every kind is held: no room is kept for more references.
    pub fn filled(mut self) -> Data {
        for list in self.referrers.values_mut() {
            list.shrink_to_fit();
        }
        self
    }

    pub fn new(records: Vec<AnyRecord>, settings: Settings, calendar: HolidayCalendar) -> Data {
        let mut data = Data {
            records: Kind::ALL.iter().map(|k| Held::new(*k)).collect(),
            keys: Kind::ALL.iter().map(|_| OnceCell::new()).collect(),
            rows: Kind::ALL.iter().map(|_| OnceCell::new()).collect(),
            settings,
            calendar,
            ..Data::default()
        };
        let mut by_kind: Vec<Vec<AnyRecord>> = Kind::ALL.iter().map(|_| Vec::new()).collect();
        for rec in records {
            data.index(&rec);
            by_kind[rec.kind() as usize].push(rec);
        }
        for (kind, records) in Kind::ALL.into_iter().zip(by_kind) {
            data.records[kind as usize] = Held::from_records(kind, records);
            data.forget_derived(kind);
        }
        data
    }

    /// The newest records of each kind, enough for the first screen of any
    /// tab, shown while the rest are read (`finish_loading`).
    pub fn preview(records: Vec<AnyRecord>, settings: Settings, calendar: HolidayCalendar) -> Data {
        let mut data = Data::new(records, settings, calendar);
        data.loading = Some(Vec::new());
        data
    }

    /// True until the full load has replaced the preview.
    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    /// Takes `full` in place of the preview, with the changes made meanwhile
    /// made again: they may have been read before they were saved.
    pub fn finish_loading(&mut self, mut full: Data) {
        let Some(changes) = self.loading.take() else { return };
        for change in changes {
            match change {
                Change::Upsert(rec) => full.upsert(*rec),
                Change::Remove(kind, id) => full.remove(kind, id),
                Change::Replace(kind, records) => full.replace_kind(kind, records),
            }
        }
        full.generation = self.generation + 1;
        *self = full;
    }

    fn log(&mut self, change: impl FnOnce() -> Change) {
        self.generation += 1;
        if let Some(log) = &mut self.loading {
            log.push(change());
        }
    }

    /// The kind's search keys and row index are built again when next needed.
    fn forget_derived(&mut self, kind: Kind) {
        self.keys[kind as usize] = OnceCell::new();
        self.rows[kind as usize] = OnceCell::new();
    }

    fn index(&mut self, rec: &AnyRecord) {
        self.index_refs(pack_ref(rec.kind(), rec.id()), rec.data.refs().into_iter());
    }

    /// Notes that the record packed as `me` names each of `refs`.
    fn index_refs(&mut self, me: u64, refs: impl Iterator<Item = Ref>) {
        for r in refs {
            // `RefList::push` drops a repeat of the last one added only, and
            // `referrers` any other: looking through the whole list would be
            // quadratic in a member's visits (a thousand each in the demo street).
            self.referrers.entry(pack_ref(r.kind, r.id)).or_default().push(me);
        }
    }

    fn unindex(&mut self, rec: &AnyRecord) {
        let me = pack_ref(rec.kind(), rec.id());
        for r in rec.data.refs() {
            if let Some(list) = self.referrers.get_mut(&pack_ref(r.kind, r.id)) {
                list.remove(me);
            }
        }
    }

    pub fn records(&self, kind: Kind) -> Records<'_> {
        self.records[kind as usize].view()
    }

    pub fn key(&self, kind: Kind, pos: usize) -> Option<&SearchKey> {
        let k = kind as usize;
        self.keys[k].get_or_init(|| self.records(kind).iter().map(|r| label_key(&r.data)).collect()).get(pos)
    }

    /// The search key of record `id` of `kind`.
    pub fn key_of(&self, kind: Kind, id: u64) -> Option<&SearchKey> {
        self.key(kind, self.position(kind, id)?)
    }

    /// Builds everything the filter of `kind` reads: its row index and the
    /// search keys it scores (the kind's own, and those of the records its
    /// columns name).
    pub fn prepare_filter(&self, kind: Kind) {
        for k in self.row_index(kind).keyed_kinds(kind) {
            self.key(k, 0);
        }
    }

    pub fn row_index(&self, kind: Kind) -> &RowIndex {
        self.rows[kind as usize].get_or_init(|| {
            let records = self.records(kind);
            RowIndex::build(kind, records.iter().map(data_of))
                .with_archived((0..records.len()).filter(|p| records.archived(*p)))
        })
    }

    pub fn position(&self, kind: Kind, id: u64) -> Option<usize> {
        self.records(kind).position(id)
    }

    /// The record `id` of `kind`: borrowed, or decoded from where it is packed.
    pub fn get(&self, kind: Kind, id: u64) -> Option<Cow<'_, AnyRecord>> {
        self.records(kind).get(self.position(kind, id)?)
    }

    /// The record `id` of a kind held as records (see `held::packs`), borrowed
    /// for as long as the data: `None` for a packed kind, whose records are
    /// only ever decoded copies.
    pub fn get_held(&self, kind: Kind, id: u64) -> Option<&AnyRecord> {
        self.get(kind, id).as_ref().and_then(super::held::borrowed)
    }

    /// The day record `id` of `kind` is about, read without decoding all of a packed one.
    pub fn date_of(&self, kind: Kind, id: u64) -> Option<NaiveDate> {
        let records = self.records(kind);
        records.date(records.position(id)?)
    }

    pub fn label(&self, kind: Kind, id: u64) -> String {
        self.label_of(kind, id).map_or(format!("#{id}"), Cow::into_owned)
    }

    /// Records that refer to `kind` `id`, by kind then id.
    pub fn referrers(&self, kind: Kind, id: u64) -> Vec<(Kind, u64)> {
        let held = self.referrers.get(&pack_ref(kind, id));
        let mut list: Vec<(Kind, u64)> = held.into_iter().flat_map(RefList::iter).filter_map(unpack_ref).collect();
        list.sort();
        list.dedup();
        list
    }

    /// Puts a saved record in place of its old version (or adds it).
    pub fn upsert(&mut self, rec: AnyRecord) {
        self.log(|| Change::Upsert(Box::new(rec.clone())));
        let kind = rec.kind();
        self.rows[kind as usize] = OnceCell::new();
        if let Some(old) = self.get(kind, rec.id()).map(Cow::into_owned) {
            self.unindex(&old);
        }
        self.index(&rec);
        let key = self.keys[kind as usize].get().is_some().then(|| label_key(&rec.data));
        let k = kind as usize;
        let at = self.records(kind).search(rec.id());
        self.records[k].upsert(rec);
        if let (Some(keys), Some(key)) = (self.keys[k].get_mut(), key) {
            match at {
                Ok(p) => keys[p] = key,
                Err(p) => keys.insert(p, key),
            }
        }
    }

    pub fn remove(&mut self, kind: Kind, id: u64) {
        self.log(|| Change::Remove(kind, id));
        let Some(p) = self.position(kind, id) else { return };
        self.rows[kind as usize] = OnceCell::new();
        let old = self.records[kind as usize].remove(p);
        if let Some(keys) = self.keys[kind as usize].get_mut() {
            keys.remove(p);
        }
        if let Some(old) = old {
            self.unindex(&old);
        }
    }

    /// Puts `records` (all of `kind`) in place of those held.
    pub fn replace_kind(&mut self, kind: Kind, records: Vec<AnyRecord>) {
        self.log(|| Change::Replace(kind, records.clone()));
        let old = std::mem::replace(&mut self.records[kind as usize], Held::new(kind));
        for rec in old.view().iter() {
            self.unindex(&rec);
        }
        for rec in &records {
            self.index(rec);
        }
        self.records[kind as usize] = Held::from_records(kind, records);
        self.forget_derived(kind);
    }

    /// Takes settings read again from the store; what was derived from them is stale.
    pub fn set_settings(&mut self, settings: Settings) {
        self.generation += 1;
        self.settings = settings;
    }

    pub fn generation(&self) -> u64 {
        self.generation
    }

    pub fn is_empty(&self) -> bool {
        self.records.iter().all(|held| held.view().is_empty())
    }
}

/// A record named in one `u64`: its kind in the top byte, its id below. The
/// store counts ids up from 1, so they stay far below 2^56.
pub(super) fn pack_ref(kind: Kind, id: u64) -> u64 {
    (kind as u64) << 56 | (id & ID_BITS)
}

pub(super) fn unpack_ref(packed: u64) -> Option<(Kind, u64)> {
    let kind = *Kind::ALL.get(usize::try_from(packed >> 56).ok()?)?;
    Some((kind, packed & ID_BITS))
}

const ID_BITS: u64 = (1 << 56) - 1;

impl Data {
    /// What `meeting` could discuss on `today` (see [`candidates`]), from the
    /// records held: the meeting chooser's agenda and the overview's.
    pub fn agenda(&self, meeting: &Meeting, today: NaiveDate) -> Candidates {
        self.agenda_among(meeting, today, &self.pending_demands())
    }

    /// As `agenda`, from `pending`, the `pending_demands` read already.
    pub fn agenda_among(&self, meeting: &Meeting, today: NaiveDate, pending: &[AnyRecord]) -> Candidates {
        let demands: Vec<(u64, &Demand)> = pending
            .iter()
            .filter_map(|r| match &r.data {
                AnyData::Demand(d) => Some((r.id(), &**d)),
                _ => None,
            })
            .collect();
        // Borrowed, as the overview reads them (`overview::whole`): tasks
        // are held as records, never packed.
        let tasks: Vec<(u64, &Task)> = self
            .records(Kind::Task)
            .plain()
            .unwrap_or_default()
            .iter()
            .filter(|r| !r.meta.archived)
            .filter_map(|r| match &r.data {
                AnyData::Task(t) => Some((r.id(), &**t)),
                _ => None,
            })
            .collect();
        let households: HashMap<u64, u64> = self
            .records(Kind::Household)
            .iter()
            .filter_map(|r| match &r.data {
                AnyData::Household(h) => Some((r.id(), h.community_id)),
                _ => None,
            })
            .collect();
        candidates(meeting, &demands, &tasks, &households, today, &self.settings)
    }

    /// The demands not archived and still being handled (`is_pending`),
    /// decoded from where they are packed: all that the agenda and the
    /// reminders read of the demands, one in fifteen of the demo street's.
    pub fn pending_demands(&self) -> Vec<AnyRecord> {
        let pending = |r: &AnyRecord| matches!(&r.data, AnyData::Demand(d) if d.status.is_pending());
        self.records(Kind::Demand).active().map(Cow::into_owned).filter(pending).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_packed_reference_names_the_same_record() {
        for kind in Kind::ALL {
            for id in [1, 42, ID_BITS] {
                assert_eq!(unpack_ref(pack_ref(kind, id)), Some((kind, id)));
            }
        }
    }
}
