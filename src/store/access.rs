//! Every request from a front end passes here: the account's grant decides
//! whether it may be made, and what personal data its reply may carry. One
//! place for both, so that the server and an embedded open cannot disagree.

use super::find::search_records;
use super::roles::{Grant, Role};
use super::{Context, Request, Response, Store, StoreError};
use crate::model::privacy::{mask_address, mask_phone, mask_phones_in_text};
use crate::model::{AnyData, AnyRecord, Kind};

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
            AnyData::Unit(_) | AnyData::Meeting(_) => false,
        }
    }
}

impl Store {
    /// A front end's request, as `ctx.account` is allowed to make it.
    pub fn handle_as(&self, ctx: &Context, request: Request) -> Result<Response, StoreError> {
        let grant = self.grant_of(&ctx.account)?;
        let scope = self.scope_of(&grant)?;
        self.authorize(ctx, &grant, scope.as_ref(), &request)?;
        if let Request::Search { query, kind, include_archived, limit } = &request {
            if grant.role != Role::Admin && grant.role != Role::Editor {
                return self.search_masked(&grant, scope.as_ref(), query, *kind, *include_archived, *limit);
            }
        }
        let request = own_drafts(&ctx.account, request);
        let drafts_of = matches!(request, Request::Drafts).then(|| draft_prefix(&ctx.account));
        let mut response = self.handle(ctx, request)?;
        if let (Some(prefix), Response::Drafts(drafts)) = (drafts_of, &mut response) {
            drafts.retain_mut(|(k, _)| match k.strip_prefix(&prefix) {
                Some(rest) => {
                    *k = rest.to_string();
                    true
                }
                None => false,
            });
        }
        self.mask_reply(&grant, scope.as_ref(), &mut response);
        Ok(response)
    }

    /// Masks in `response` what `account` may not see in full.
    pub fn mask_for(&self, account: &str, response: &mut Response) -> Result<(), StoreError> {
        let grant = self.grant_of(account)?;
        let scope = self.scope_of(&grant)?;
        self.mask_reply(&grant, scope.as_ref(), response);
        Ok(())
    }

    fn scope_of(&self, grant: &Grant) -> Result<Option<Scope>, StoreError> {
        if grant.role != Role::Member {
            return Ok(None);
        }
        let member_id = grant.member_id.unwrap_or(0);
        let community_id = match self.get(Kind::Member, member_id)?.map(|r| r.data) {
            Some(AnyData::Member(m)) => m.community_id,
            _ => None,
        };
        Ok(Some(Scope { member_id, community_id }))
    }

    fn authorize(
        &self,
        ctx: &Context,
        grant: &Grant,
        scope: Option<&Scope>,
        request: &Request,
    ) -> Result<(), StoreError> {
        let refuse = || StoreError::Forbidden { account: ctx.account.clone(), role: grant.role };
        let need = need_of(request);
        let allowed = match (grant.role, need) {
            (_, Need::Read) => true,
            (Role::Admin, _) => true,
            (Role::Editor, Need::Admin) => false,
            (Role::Editor, _) => true,
            (Role::Viewer, _) => false,
            (Role::Member, Need::Admin | Need::AllRecords) => false,
            (Role::Member, Need::Records(targets)) => {
                let scope = scope.ok_or_else(refuse)?;
                self.all_in_scope(scope, &targets, request)?
            }
        };
        allowed.then_some(()).ok_or_else(refuse)
    }

    /// Whether every record a member's request touches, before and after, is theirs.
    fn all_in_scope(&self, scope: &Scope, targets: &[(Kind, u64)], request: &Request) -> Result<bool, StoreError> {
        let new_data = match request {
            Request::Create { data } => Some((0, data)),
            Request::Update { id, data, .. } | Request::EditChecked { id, data, .. } => Some((*id, data)),
            _ => None,
        };
        if let Some((id, data)) = new_data {
            if !scope.covers(id, data) {
                return Ok(false);
            }
        }
        for (kind, id) in targets {
            let Some(old) = self.get(*kind, *id)? else { continue };
            if !scope.covers(*id, &old.data) {
                return Ok(false);
            }
        }
        Ok(true)
    }

    fn mask_reply(&self, grant: &Grant, scope: Option<&Scope>, response: &mut Response) {
        for rec in records_of(response) {
            if hides(grant, scope, rec) {
                self.mask_record(rec);
            }
        }
    }

    /// A search over what the account may see, so that a phone number it may
    /// not see cannot be confirmed by searching for it.
    fn search_masked(
        &self,
        grant: &Grant,
        scope: Option<&Scope>,
        query: &str,
        kind: Option<Kind>,
        include_archived: bool,
        limit: usize,
    ) -> Result<Response, StoreError> {
        let mut records = Vec::new();
        for k in kind.map_or(Kind::ALL.to_vec(), |k| vec![k]) {
            records.extend(self.list(k, include_archived)?);
        }
        for rec in records.iter_mut().filter(|r| hides(grant, scope, r)) {
            self.mask_record(rec);
        }
        Ok(Response::Hits(search_records(query, &records, limit)))
    }

    /// Replaces residents' personal data with its masked form, as lists show it.
    pub fn mask_record(&self, rec: &mut AnyRecord) {
        match &mut rec.data {
            AnyData::Household(h) => {
                let community = match self.get(Kind::Community, h.community_id) {
                    Ok(Some(AnyRecord { data: AnyData::Community(c), .. })) => Some(c.name),
                    _ => None,
                };
                h.phone = mask_phone(&h.phone);
                h.address = mask_address(&h.address, community.as_deref());
            }
            AnyData::Visit(v) => v.visitor = mask_phones_in_text(&v.visitor),
            AnyData::Demand(d) => d.visitor = mask_phones_in_text(&d.visitor),
            _ => {}
        }
    }
}

/// Whether `grant` may not see `rec`'s personal data.
fn hides(grant: &Grant, scope: Option<&Scope>, rec: &AnyRecord) -> bool {
    match grant.role {
        Role::Admin | Role::Editor => false,
        Role::Viewer => true,
        Role::Member => !scope.is_some_and(|s| s.covers(rec.id(), &rec.data)),
    }
}

/// What a request needs of its account's grant.
enum Need {
    Read,
    /// Settings, roles and the audit log.
    Admin,
    /// Writes that are not about one member's own records (meetings, imports…).
    AllRecords,
    /// Writes to these records, which a member may make to their own.
    Records(Vec<(Kind, u64)>),
}

fn need_of(request: &Request) -> Need {
    use Request::*;
    match request {
        Get { .. } | List { .. } | ListBy { .. } | Search { .. } | GetSettings | Check | Agenda { .. } => Need::Read,
        TasksByOwner { .. } | CountDemands { .. } | EvaluationRoster { .. } | DutyReport { .. } => Need::Read,
        Drafts | PutDraft { .. } | DeleteDraft { .. } => Need::Read,
        Newest { .. } | Page { .. } | GetMany { .. } | RecordCounts | WhoAmI | Editing { .. } => Need::Read,
        SetSettings { .. } | AuditLog | Roles | SetRole { .. } | Backup => Need::Admin,
        // The new data itself is checked against the scope.
        Create { .. } => Need::Records(Vec::new()),
        Update { id, data, .. } | EditChecked { id, data, .. } => Need::Records(vec![(data.kind(), *id)]),
        SetArchived { kind, id, .. } | Delete { kind, id } => Need::Records(vec![(*kind, *id)]),
        LogReveal { kind, ids, .. } => Need::Records(ids.iter().map(|id| (*kind, *id)).collect()),
        ReportProgress { task_id, .. } | FinishTask { task_id, .. } => Need::Records(vec![(Kind::Task, *task_id)]),
        StepDemand { id, .. } => Need::Records(vec![(Kind::Demand, *id)]),
        FollowUp { demand_id, .. } => Need::Records(vec![(Kind::Demand, *demand_id)]),
        Import { .. } | PlanYear { .. } | MoveMeeting { .. } | TakeTopic { .. } | Attendance { .. } => Need::AllRecords,
        RecordTopic { .. } | DecisionToTask { .. } | Evaluate { .. } | MarkPublished { .. } => Need::AllRecords,
    }
}

fn records_of(response: &mut Response) -> Vec<&mut AnyRecord> {
    match response {
        Response::Record(r) => vec![r.as_mut()],
        Response::Records(rs) => rs.iter_mut().collect(),
        Response::Finished(f) => std::iter::once(&mut f.task).chain(f.unresolved.iter_mut()).collect(),
        Response::TasksByOwner(owners) => owners.iter_mut().flat_map(|o| o.tasks.iter_mut()).collect(),
        _ => Vec::new(),
    }
}

/// Drafts are per account: two people typing the same form keep their own.
fn draft_prefix(account: &str) -> String {
    format!("{account}/")
}

fn own_drafts(account: &str, request: Request) -> Request {
    match request {
        Request::PutDraft { key, value } => Request::PutDraft { key: draft_prefix(account) + &key, value },
        Request::DeleteDraft { key } => Request::DeleteDraft { key: draft_prefix(account) + &key },
        other => other,
    }
}
