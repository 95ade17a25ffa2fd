//! The store's settings (street, rules, thresholds).

use super::{review, Caller, Error, Need, Operation};
use crate::model::Settings;
use crate::store::Store;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GetSettings;

impl Operation for GetSettings {
    type Reply = Settings;
    fn need(&self) -> Need<'_> {
        Need::Read
    }
    fn run(self, store: &Store, _: &Caller) -> Result<Settings, Error> {
        Ok(store.settings()?)
    }
}

/// New settings; when the grade rule changed, every unpublished evaluation
/// that follows its votes takes the grade of the new rule.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SetSettings {
    pub settings: Settings,
}

impl Operation for SetSettings {
    type Reply = ();
    fn need(&self) -> Need<'_> {
        Need::Admin
    }
    fn run(self, store: &Store, caller: &Caller) -> Result<(), Error> {
        let rule_changed = store.settings()?.grade_rule != self.settings.grade_rule;
        store.set_settings(&caller.ctx, &self.settings)?;
        if rule_changed {
            review::regrade_unpublished(store, &caller.ctx)?;
        }
        Ok(())
    }
}
