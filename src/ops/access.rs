//! Every request from a front end passes here: the account's grant decides
//! whether it may be made, and what personal data its reply may carry. One
//! place for both, so that the server and an embedded open cannot disagree.

use super::{Caller, Context, Error, Response};
use crate::model::privacy::{mask_address, mask_phone, mask_phones_in_text};
use crate::model::{AnyData, AnyRecord, Kind};
use crate::store::{Grant, Role, Store, StoreError};

/// The records a `member` account may write and see in full.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scope {
    pub member_id: u64,
    pub community_id: Option<u64>,
}

impl Scope {
    pub fn covers(&self, id: u64, data: &AnyData) -> bool {
        let m = self.member_id;
        let in_community = |c: Option<u64>| c.is_some() && c == self.community_id;
        match data {
            AnyData::Member(_) => id == m,
            AnyData::Community(_) => id != 0 && Some(id) == self.community_id,
            AnyData::Household(h) => h.member_id == Some(m) || in_community(Some(h.community_id)),
            AnyData::Visit(v) => v.member_id == m,
            AnyData::Demand(d) => d.member_id == Some(m) || in_community(d.community_id),
            AnyData::Task(t) => t.owner_id == m,
            AnyData::Evaluation(e) => e.member_id == m,
            // The roster and the reporting sessions are the office's records.
            AnyData::Unit(_) | AnyData::Meeting(_) | AnyData::Deputy(_) | AnyData::Session(_) => false,
        }
    }
}

/// What a request needs of its account's grant.
#[derive(Debug)]
pub enum Need<'a> {
    /// Any account with a role.
    Read,
    /// Settings, roles, the audit log and backups.
    Admin,
    /// Writes that are not about one member's own records (meetings, imports…).
    AllRecords,
    /// Writes to these records, which a member may make to their own; with
    /// the data a record is to have (id 0 when new), checked as well.
    Records { touched: Vec<(Kind, u64)>, new_data: Option<(u64, &'a AnyData)> },
}

impl Need<'_> {
    pub fn records(touched: Vec<(Kind, u64)>) -> Need<'static> {
        Need::Records { touched, new_data: None }
    }
}

/// Where residents' data is in a reply, so that it can be masked.
pub trait Personal {
    fn records_mut(&mut self) -> Vec<&mut AnyRecord>;
}

impl Personal for AnyRecord {
    fn records_mut(&mut self) -> Vec<&mut AnyRecord> {
        vec![self]
    }
}

impl Personal for Vec<AnyRecord> {
    fn records_mut(&mut self) -> Vec<&mut AnyRecord> {
        self.iter_mut().collect()
    }
}

/// Replies that carry no record: written out so that a new reply type must
/// say which it is.
macro_rules! no_records {
    ($($t:ty),* $(,)?) => {
        $(impl Personal for $t {
            fn records_mut(&mut self) -> Vec<&mut AnyRecord> {
                Vec::new()
            }
        })*
    };
}

no_records!(
    (),
    // Given only to an account that sees everything (`records::StoredPage`).
    Option<crate::store::StoredRecords>,
    crate::model::Settings,
    Vec<crate::store::AuditEntry>,
    Vec<crate::store::check::CheckProblem>,
    Vec<(String, Vec<u8>)>,
    crate::store::bulk::ImportOutcome,
    crate::workflow::Candidates,
    Vec<(crate::workflow::demands::GroupKey, usize)>,
    crate::review::Evaluated,
    Vec<crate::review::RosterRow>,
    crate::review::DutyReport,
    Vec<crate::review::feedback::FeedbackRow>,
    Vec<(Kind, usize)>,
    (String, Grant),
    crate::store::roles::Roles,
    super::maintenance::BackupFile,
    // A search over what the account may see is masked before it matches (see `records::Search`).
    Vec<crate::store::find::Hit>,
);

/// The grant and scope of `ctx.account`.
pub(super) fn caller(store: &Store, ctx: &Context) -> Result<Caller, Error> {
    let grant = store.grant_of(&ctx.account)?;
    let scope = scope_of(store, &grant)?;
    Ok(Caller { ctx: ctx.clone(), grant, scope })
}

fn scope_of(store: &Store, grant: &Grant) -> Result<Option<Scope>, StoreError> {
    if grant.role != Role::Member {
        return Ok(None);
    }
    let member_id = grant.member_id.unwrap_or(0);
    let community_id = match store.get(Kind::Member, member_id)?.map(|r| r.data) {
        Some(AnyData::Member(m)) => m.community_id,
        _ => None,
    };
    Ok(Some(Scope { member_id, community_id }))
}

pub(super) fn authorize(store: &Store, caller: &Caller, need: &Need) -> Result<(), Error> {
    let role = caller.grant.role;
    let refuse = || StoreError::Forbidden { account: caller.ctx.account.clone(), role };
    let allowed = match (role, need) {
        (_, Need::Read) => true,
        (Role::Admin, _) => true,
        (Role::Editor, Need::Admin) => false,
        (Role::Editor, _) => true,
        (Role::Viewer, _) => false,
        (Role::Member, Need::Admin | Need::AllRecords) => false,
        (Role::Member, Need::Records { touched, new_data }) => {
            let scope = caller.scope.as_ref().ok_or_else(refuse)?;
            all_in_scope(store, scope, touched, *new_data)?
        }
    };
    allowed.then_some(()).ok_or_else(|| refuse().into())
}

/// Whether every record a member's request touches, before and after, is theirs.
fn all_in_scope(
    store: &Store,
    scope: &Scope,
    targets: &[(Kind, u64)],
    new_data: Option<(u64, &AnyData)>,
) -> Result<bool, StoreError> {
    if let Some((id, data)) = new_data {
        if !scope.covers(id, data) {
            return Ok(false);
        }
    }
    for (kind, id) in targets {
        let Some(old) = store.get(*kind, *id)? else { continue };
        if !scope.covers(*id, &old.data) {
            return Ok(false);
        }
    }
    Ok(true)
}

pub(super) fn mask(store: &Store, caller: &Caller, response: &mut Response) {
    mask_records(store, caller, response.records_mut().into_iter());
}

pub(super) fn mask_records<'a>(store: &Store, caller: &Caller, records: impl Iterator<Item = &'a mut AnyRecord>) {
    for rec in records {
        if hides(caller, rec) {
            mask_record(store, rec);
        }
    }
}

/// Whether the caller may not see `rec`'s personal data.
pub(super) fn hides(caller: &Caller, rec: &AnyRecord) -> bool {
    match caller.grant.role {
        Role::Member => !caller.scope.is_some_and(|s| s.covers(rec.id(), &rec.data)),
        _ => !sees_everything(caller),
    }
}

/// Whether the caller sees every record's personal data in full, so that
/// nothing sent to them needs masking (see `hides`).
pub(super) fn sees_everything(caller: &Caller) -> bool {
    matches!(caller.grant.role, Role::Admin | Role::Editor)
}

/// Replaces residents' personal data with its masked form, as lists show
/// it: their phone numbers and addresses, and phone and ID numbers typed
/// into free text.
pub(super) fn mask_record(store: &Store, rec: &mut AnyRecord) {
    rec.data.mask_free_text();
    match &mut rec.data {
        AnyData::Household(h) => {
            let community = match store.get(Kind::Community, h.community_id) {
                Ok(Some(AnyRecord { data: AnyData::Community(c), .. })) => Some(c.name),
                _ => None,
            };
            h.phone = mask_phone(&h.phone);
            h.address = mask_address(&h.address, community.as_deref());
        }
        AnyData::Deputy(d) => d.phone = mask_phone(&d.phone),
        AnyData::Visit(v) => v.visitor = mask_phones_in_text(&v.visitor),
        AnyData::Demand(d) => d.visitor = mask_phones_in_text(&d.visitor),
        _ => {}
    }
}

impl Personal for crate::workflow::tasks::Finished {
    fn records_mut(&mut self) -> Vec<&mut AnyRecord> {
        std::iter::once(&mut self.task).chain(self.unresolved.iter_mut()).collect()
    }
}

impl Personal for Vec<crate::workflow::tasks::OwnerTasks> {
    fn records_mut(&mut self) -> Vec<&mut AnyRecord> {
        self.iter_mut().flat_map(|o| o.tasks.iter_mut()).collect()
    }
}

impl Personal for crate::workflow::plan::PlanOutcome {
    fn records_mut(&mut self) -> Vec<&mut AnyRecord> {
        self.created.iter_mut().chain(self.existing.iter_mut()).collect()
    }
}
