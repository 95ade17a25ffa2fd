//! Records of any kind: create, edit, archive, remove; read one, a list, a
//! page, the newest; search.

use super::{access, Caller, Error, Label, Need, Operation};
use crate::i18n::Lang;
use crate::model::{AnyData, AnyRecord, IndexValue, Kind};
use crate::store::find::{search_records, Hit};
use crate::store::{Store, StoreError, StoredRecords};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Create {
    pub data: AnyData,
}

impl Operation for Create {
    type Reply = AnyRecord;
    fn need(&self) -> Need<'_> {
        Need::Records { touched: Vec::new(), new_data: Some((0, &self.data)) }
    }
    fn outcome(&self, rec: &AnyRecord, label: &Label, lang: Lang) -> String {
        said(lang.pick("已新增", "Added"), rec, label, lang)
    }
    fn run(self, store: &Store, caller: &Caller) -> Result<AnyRecord, Error> {
        Ok(store.create(&caller.ctx, self.data)?)
    }
}

/// Replaces a record's data as it is; see `demands::EditChecked` for a user's edit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Update {
    pub id: u64,
    pub data: AnyData,
    /// Refused when someone saved a newer revision meanwhile.
    pub expected_rev: Option<u64>,
}

impl Operation for Update {
    type Reply = AnyRecord;
    fn need(&self) -> Need<'_> {
        Need::Records { touched: vec![(self.data.kind(), self.id)], new_data: Some((self.id, &self.data)) }
    }
    fn outcome(&self, rec: &AnyRecord, label: &Label, lang: Lang) -> String {
        said(lang.pick("已修改", "Saved"), rec, label, lang)
    }
    fn run(self, store: &Store, caller: &Caller) -> Result<AnyRecord, Error> {
        super::review::refuse_locked(store, self.data.kind(), self.id)?;
        Ok(store.update(&caller.ctx, self.id, self.data, self.expected_rev)?)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SetArchived {
    pub kind: Kind,
    pub id: u64,
    pub archived: bool,
}

impl Operation for SetArchived {
    type Reply = AnyRecord;
    fn need(&self) -> Need<'_> {
        Need::records(vec![(self.kind, self.id)])
    }
    fn outcome(&self, rec: &AnyRecord, label: &Label, lang: Lang) -> String {
        let verb =
            if rec.meta.archived { lang.pick("已归档", "Archived") } else { lang.pick("已恢复", "Unarchived") };
        said(verb, rec, label, lang)
    }
    fn run(self, store: &Store, caller: &Caller) -> Result<AnyRecord, Error> {
        super::review::refuse_locked(store, self.kind, self.id)?;
        Ok(store.set_archived(&caller.ctx, self.kind, self.id, self.archived)?)
    }
}

/// "已新增 委员 张三": what was done to which record.
pub(super) fn said(verb: &str, rec: &AnyRecord, label: &Label, lang: Lang) -> String {
    format!("{verb} {} {}", rec.kind().label(lang), label(rec.kind(), rec.id()))
}

/// Removes a record that nothing refers to (undoing its creation).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Delete {
    pub kind: Kind,
    pub id: u64,
}

impl Operation for Delete {
    type Reply = ();
    fn need(&self) -> Need<'_> {
        Need::records(vec![(self.kind, self.id)])
    }
    fn run(self, store: &Store, caller: &Caller) -> Result<(), Error> {
        super::review::refuse_locked(store, self.kind, self.id)?;
        Ok(store.delete(&caller.ctx, self.kind, self.id)?)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Get {
    pub kind: Kind,
    pub id: u64,
}

impl Operation for Get {
    type Reply = AnyRecord;
    fn need(&self) -> Need<'_> {
        Need::Read
    }
    fn run(self, store: &Store, _: &Caller) -> Result<AnyRecord, Error> {
        let Get { kind, id } = self;
        Ok(store.get(kind, id)?.ok_or(StoreError::NotFound { kind, id })?)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct List {
    pub kind: Kind,
    pub include_archived: bool,
}

impl Operation for List {
    type Reply = Vec<AnyRecord>;
    fn need(&self) -> Need<'_> {
        Need::Read
    }
    fn run(self, store: &Store, _: &Caller) -> Result<Vec<AnyRecord>, Error> {
        Ok(store.list(self.kind, self.include_archived)?)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ListBy {
    pub kind: Kind,
    pub value: IndexValue,
    pub include_archived: bool,
}

impl Operation for ListBy {
    type Reply = Vec<AnyRecord>;
    fn need(&self) -> Need<'_> {
        Need::Read
    }
    fn run(self, store: &Store, _: &Caller) -> Result<Vec<AnyRecord>, Error> {
        Ok(store.list_by(self.kind, &self.value, self.include_archived)?)
    }
}

/// The `n` newest records of a kind, archived ones too.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Newest {
    pub kind: Kind,
    pub n: usize,
}

impl Operation for Newest {
    type Reply = Vec<AnyRecord>;
    fn need(&self) -> Need<'_> {
        Need::Read
    }
    fn run(self, store: &Store, _: &Caller) -> Result<Vec<AnyRecord>, Error> {
        Ok(store.newest(self.kind, self.n)?)
    }
}

/// The records named that exist (one request for many, as a round trip to a server costs).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GetMany {
    pub refs: Vec<(Kind, u64)>,
}

impl Operation for GetMany {
    type Reply = Vec<AnyRecord>;
    fn need(&self) -> Need<'_> {
        Need::Read
    }
    fn run(self, store: &Store, _: &Caller) -> Result<Vec<AnyRecord>, Error> {
        let mut records = Vec::with_capacity(self.refs.len());
        for (kind, id) in self.refs {
            records.extend(store.get(kind, id)?);
        }
        Ok(records)
    }
}

/// Up to `limit` records of a kind with ids above `after`, archived ones too:
/// how the workbench reads a whole kind, in this process and from a server.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Page {
    pub kind: Kind,
    pub after: u64,
    pub limit: usize,
}

impl Operation for Page {
    type Reply = Vec<AnyRecord>;
    fn need(&self) -> Need<'_> {
        Need::Read
    }
    fn run(self, store: &Store, _: &Caller) -> Result<Vec<AnyRecord>, Error> {
        Ok(store.page(self.kind, self.after, self.limit)?)
    }
}

/// [`Page`] as the records are stored, undecoded, for a front end that
/// decodes them straight into the form it holds them in (the workbench's
/// full read). Only for an account that sees every record in full: there is
/// nothing in stored bytes to mask, so any other gets `None` and asks `Page`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredPage {
    pub kind: Kind,
    pub after: u64,
    pub limit: usize,
}

impl Operation for StoredPage {
    type Reply = Option<StoredRecords>;
    fn need(&self) -> Need<'_> {
        Need::Read
    }
    fn run(self, store: &Store, caller: &Caller) -> Result<Option<StoredRecords>, Error> {
        if !access::sees_everything(caller) {
            return Ok(None);
        }
        Ok(Some(store.stored_page(self.kind, self.after, self.limit)?))
    }
}

/// How many records of each kind, archived ones too.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecordCounts;

impl Operation for RecordCounts {
    type Reply = Vec<(Kind, usize)>;
    fn need(&self) -> Need<'_> {
        Need::Read
    }
    fn run(self, store: &Store, _: &Caller) -> Result<Vec<(Kind, usize)>, Error> {
        Ok(Kind::ALL.iter().map(|k| (*k, store.count(*k))).collect())
    }
}

/// Records whose label or text match `query`, best first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Search {
    pub query: String,
    pub kind: Option<Kind>,
    pub include_archived: bool,
    pub limit: usize,
}

impl Operation for Search {
    type Reply = Vec<Hit>;
    fn need(&self) -> Need<'_> {
        Need::Read
    }
    /// Over the records as lists show them, masked before they are matched,
    /// whatever the role: a number shown masked cannot be confirmed, or
    /// guessed a few digits at a time, by searching for it.
    fn run(self, store: &Store, _: &Caller) -> Result<Vec<Hit>, Error> {
        let mut records = Vec::new();
        for k in self.kind.map_or(Kind::ALL.to_vec(), |k| vec![k]) {
            records.extend(store.list(k, self.include_archived)?);
        }
        records.iter_mut().for_each(|rec| access::mask_record(store, rec));
        Ok(search_records(&self.query, &records, self.limit))
    }
}
