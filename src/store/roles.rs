//! Who may do what: OS accounts mapped to roles, kept in the store so that a
//! server and an embedded open enforce the same grants.

use super::audit::{AuditAction, Change};
use super::codec;
use super::write::{append_audit, unwrap_tx};
use super::{Context, Store, StoreError};
use crate::i18n::Lang;
use crate::model::Kind;
use serde::{Deserialize, Serialize};
use sled::Transactional;
use std::collections::BTreeMap;
use std::str::FromStr;

const ROLES_KEY: &[u8] = b"roles";
const ROLES_VERSION: u8 = 1;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Settings, roles, restore, and everything an editor does.
    Admin,
    /// Every record.
    Editor,
    /// Their own community, households, visits, demands, tasks and evaluation.
    Member,
    /// Reads only, personal data always masked.
    Viewer,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Admin, Role::Editor, Role::Member, Role::Viewer];

    pub fn id(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Editor => "editor",
            Role::Member => "member",
            Role::Viewer => "viewer",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Role::Admin => lang.pick("管理员", "admin"),
            Role::Editor => lang.pick("录入员", "editor"),
            Role::Member => lang.pick("联系人", "member"),
            Role::Viewer => lang.pick("只读", "viewer"),
        }
    }
}

impl FromStr for Role {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|r| r.id() == s.trim().to_ascii_lowercase() || r.label(Lang::Zh) == s.trim())
            .ok_or_else(|| format!("unknown role \"{s}\"; expected admin, editor, member or viewer"))
    }
}

/// An account's role; a `member` account acts for one member record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grant {
    pub role: Role,
    pub member_id: Option<u64>,
}

impl Grant {
    pub fn admin() -> Grant {
        Grant { role: Role::Admin, member_id: None }
    }

    pub fn describe(&self) -> String {
        match self.member_id {
            Some(id) => format!("{} {id}", self.role.id()),
            None => self.role.id().to_string(),
        }
    }
}

pub type Roles = BTreeMap<String, Grant>;

impl Store {
    /// Every grant. A store nobody has granted anything in yet belongs to the
    /// account that owns its directory: the one that created it.
    pub fn roles(&self) -> Result<Roles, StoreError> {
        if let Some(bytes) = self.meta.get(ROLES_KEY)? {
            return match codec::split(&bytes) {
                Ok((ROLES_VERSION, body)) => {
                    codec::decode_body(body).map_err(|e| StoreError::Io(format!("roles: {e}")))
                }
                Ok((v, _)) => Err(StoreError::Io(format!("roles: {}", codec::DecodeError::UnknownVersion(v)))),
                Err(e) => Err(StoreError::Io(format!("roles: {e}"))),
            };
        }
        Ok(self.creator().map(|account| (account, Grant::admin())).into_iter().collect())
    }

    /// Read once: it cannot change while the store is open, and every request asks.
    fn creator(&self) -> Option<String> {
        use std::os::unix::fs::MetadataExt;
        self.creator
            .get_or_init(|| {
                let uid = std::fs::metadata(self.path()).ok()?.uid();
                crate::os::account_name(uid)
            })
            .clone()
    }

    /// The grant of `account`, or a refusal naming the store's admins.
    pub fn grant_of(&self, account: &str) -> Result<Grant, StoreError> {
        let roles = self.roles()?;
        roles
            .get(account)
            .cloned()
            .ok_or_else(|| StoreError::UnknownAccount { account: account.to_string(), admins: admins(&roles) })
    }

    /// Grants `grant` to `account`, or takes every grant away with `None`. The
    /// last admin cannot be taken away: nobody could grant anything again.
    pub fn set_role(&self, ctx: &Context, account: &str, grant: Option<Grant>) -> Result<(), StoreError> {
        if let Some(id) = grant.as_ref().and_then(|g| g.member_id) {
            self.get(Kind::Member, id)?.ok_or(StoreError::NotFound { kind: Kind::Member, id })?;
        }
        let _guard = self.writer.lock().unwrap_or_else(|e| e.into_inner());
        let mut roles = self.roles()?;
        let old = roles.get(account).map(Grant::describe).unwrap_or_default();
        let new = grant.as_ref().map(Grant::describe).unwrap_or_default();
        match grant {
            Some(g) => roles.insert(account.to_string(), g),
            None => roles.remove(account),
        };
        if admins(&roles).is_empty() {
            return Err(StoreError::LastAdmin { account: account.to_string() });
        }
        let mut entry = self.entry(ctx, AuditAction::Role, None, 0, vec![Change { field: "role".into(), old, new }]);
        entry.note = account.to_string();
        let encoded = codec::encode(ROLES_VERSION, &roles);
        unwrap_tx((&self.meta, &self.audit).transaction(|(m, a)| {
            m.insert(ROLES_KEY, encoded.clone())?;
            append_audit(a, m, &entry)
        }))?;
        self.flush()
    }
}

pub fn admins(roles: &Roles) -> Vec<String> {
    roles.iter().filter(|(_, g)| g.role == Role::Admin).map(|(a, _)| a.clone()).collect()
}
