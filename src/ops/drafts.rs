//! Half-typed forms, kept as typed so that a crash loses none. Drafts are per
//! account: two people typing the same form keep their own.

use super::{Caller, Error, Need, Operation};
use crate::store::Store;
use serde::{Deserialize, Serialize};

fn key_of(caller: &Caller, key: &str) -> String {
    format!("{}/{key}", caller.ctx.account)
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PutDraft {
    pub key: String,
    pub value: Vec<u8>,
}

impl Operation for PutDraft {
    type Reply = ();
    fn need(&self) -> Need<'_> {
        Need::Read
    }
    fn run(self, store: &Store, caller: &Caller) -> Result<(), Error> {
        Ok(store.put_draft(&key_of(caller, &self.key), &self.value)?)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DeleteDraft {
    pub key: String,
}

impl Operation for DeleteDraft {
    type Reply = ();
    fn need(&self) -> Need<'_> {
        Need::Read
    }
    fn run(self, store: &Store, caller: &Caller) -> Result<(), Error> {
        Ok(store.delete_draft(&key_of(caller, &self.key))?)
    }
}

/// The caller's own drafts, by the keys they were put under.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Drafts;

impl Operation for Drafts {
    type Reply = Vec<(String, Vec<u8>)>;
    fn need(&self) -> Need<'_> {
        Need::Read
    }
    fn run(self, store: &Store, caller: &Caller) -> Result<Vec<(String, Vec<u8>)>, Error> {
        let prefix = key_of(caller, "");
        let mut drafts = store.drafts()?;
        drafts.retain_mut(|(k, _)| match k.strip_prefix(&prefix) {
            Some(rest) => {
                *k = rest.to_string();
                true
            }
            None => false,
        });
        Ok(drafts)
    }
}
