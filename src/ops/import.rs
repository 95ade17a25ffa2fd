//! All records of one imported file, written all or nothing.

use super::{Caller, Error, Need, Operation};
use crate::store::bulk::{ImportBatch, ImportOutcome};
use crate::store::Store;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Import {
    pub batch: ImportBatch,
}

impl Operation for Import {
    type Reply = ImportOutcome;
    fn need(&self) -> Need<'_> {
        Need::AllRecords
    }
    fn run(self, store: &Store, caller: &Caller) -> Result<ImportOutcome, Error> {
        Ok(store.import_batch(&caller.ctx, self.batch, &|_, _| {})?)
    }
}
