//! Accounts and their roles; who has which record open in a form.

use super::{Caller, Error, Need, Operation};
use crate::model::Kind;
use crate::store::roles::Roles;
use crate::store::{Grant, Store};
use serde::{Deserialize, Serialize};

/// The asking account and its grant.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WhoAmI;

impl Operation for WhoAmI {
    type Reply = (String, Grant);
    fn need(&self) -> Need<'_> {
        Need::Read
    }
    fn run(self, _: &Store, caller: &Caller) -> Result<(String, Grant), Error> {
        Ok((caller.ctx.account.clone(), caller.grant.clone()))
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ListRoles;

impl Operation for ListRoles {
    type Reply = Roles;
    fn need(&self) -> Need<'_> {
        Need::Admin
    }
    fn run(self, store: &Store, _: &Caller) -> Result<Roles, Error> {
        Ok(store.roles()?)
    }
}

/// Grant a role to an account, or take its role away with `None`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SetRole {
    pub account: String,
    pub grant: Option<Grant>,
}

impl Operation for SetRole {
    type Reply = ();
    fn need(&self) -> Need<'_> {
        Need::Admin
    }
    fn run(self, store: &Store, caller: &Caller) -> Result<(), Error> {
        crate::workflow::check_account(&self.account)?;
        Ok(store.set_role(&caller.ctx, &self.account, self.grant)?)
    }
}

/// The record this connection has open in a form (`None`: none any more), for
/// the server to tell the others; the server answers it itself, and in this
/// process there is nobody to tell.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Editing {
    pub record: Option<(Kind, u64)>,
}

impl Operation for Editing {
    type Reply = ();
    fn need(&self) -> Need<'_> {
        Need::Read
    }
    fn run(self, _: &Store, _: &Caller) -> Result<(), Error> {
        Ok(())
    }
}
