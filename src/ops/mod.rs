//! Every operation a front end may ask of the store, each in one home: its
//! request type, its reply type, the permission it needs and its handler, in
//! the file of its capability. The list below names each operation once; from
//! it come the wire enums [`Request`] and [`Response`], the routing of a
//! request to its handler, and the permission table, so that an operation
//! cannot be left out of any of them.
//!
//! Front ends ask through [`crate::net::Backend::ask`], which gives back the
//! operation's own reply type, in this process and through the server alike.
//! Every request — the workbench's reads included — passes [`handle_as`]:
//! the account's role decides whether it may be made and what personal data
//! its reply carries.

mod access;
pub mod accounts;
pub mod demands;
pub mod drafts;
mod error;
pub mod import;
pub mod maintenance;
pub mod meeting;
pub mod records;
pub mod remind;
pub mod review;
pub mod settings;
pub mod tasks;

pub use access::{Need, Personal, Scope};
pub use error::{Error, Untrusted};

use crate::i18n::Lang;
use crate::model::{AnyRecord, Kind};
use crate::store::{Grant, Store};
use serde::{Deserialize, Serialize};

pub use crate::store::Context;

/// Who asks: the request's context with the account's grant and, for a
/// `member` account, the records that are theirs.
#[derive(Clone, Debug)]
pub struct Caller {
    pub ctx: Context,
    pub grant: Grant,
    pub scope: Option<Scope>,
}

/// One thing a front end may ask. Implemented once per request type, in the
/// file of its capability; `operations!` below routes to it.
pub trait Operation: Into<Request> {
    /// What comes back; [`Personal`] says where in it residents' data is, so
    /// that it is masked for an account that may not see it.
    type Reply: Personal;

    /// What the account's grant must allow.
    fn need(&self) -> Need<'_>;

    fn run(self, store: &Store, caller: &Caller) -> Result<Self::Reply, Error>;

    /// What the clerk is told once it is done, in their language, naming
    /// records by `label`; a read says nothing.
    fn outcome(&self, _reply: &Self::Reply, _label: &Label, _lang: Lang) -> String {
        String::new()
    }
}

/// A record's name as the front end shows it (kind, id).
pub type Label<'a> = dyn Fn(Kind, u64) -> String + 'a;

/// An operation's reply taken out of the wire enum; generated for each
/// operation by `operations!`.
pub trait Routed: Operation {
    fn reply_of(response: Response) -> Option<Self::Reply>;
}

macro_rules! operations {
    ($($name:ident => $op:path,)*) => {
        /// Every request, as it goes over the server's socket (variants by position:
        /// a change here is a change of `net::wire::PROTOCOL`).
        #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
        pub enum Request { $($name($op),)* }

        /// Every reply, one variant per request.
        #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
        pub enum Response { $($name(<$op as Operation>::Reply),)* }

        $(
            impl From<$op> for Request {
                fn from(op: $op) -> Request {
                    Request::$name(op)
                }
            }

            impl Routed for $op {
                fn reply_of(response: Response) -> Option<Self::Reply> {
                    match response {
                        Response::$name(reply) => Some(reply),
                        #[allow(unreachable_patterns)]
                        _ => None,
                    }
                }
            }
        )*

        impl Request {
            /// The operation's name, as the list gives it.
            pub fn name(&self) -> &'static str {
                match self { $(Request::$name(_) => stringify!($name),)* }
            }

            pub fn need(&self) -> Need<'_> {
                match self { $(Request::$name(op) => op.need(),)* }
            }

            fn run(self, store: &Store, caller: &Caller) -> Result<Response, Error> {
                match self { $(Request::$name(op) => op.run(store, caller).map(Response::$name),)* }
            }

            /// What the clerk is told of `response`, the reply to this request.
            pub fn outcome(&self, response: &Response, label: &Label, lang: Lang) -> String {
                match (self, response) {
                    $((Request::$name(op), Response::$name(reply)) => op.outcome(reply, label, lang),)*
                    // A reply to another request: nothing true to say.
                    _ => String::new(),
                }
            }
        }

        impl Response {
            /// Every record in the reply, for masking.
            pub fn records_mut(&mut self) -> Vec<&mut AnyRecord> {
                match self { $(Response::$name(reply) => reply.records_mut(),)* }
            }
        }
    };
}

operations! {
    // records (records.rs)
    Create => records::Create,
    Update => records::Update,
    SetArchived => records::SetArchived,
    Get => records::Get,
    List => records::List,
    ListBy => records::ListBy,
    Search => records::Search,
    GetSettings => settings::GetSettings,
    SetSettings => settings::SetSettings,
    LogReveal => maintenance::LogReveal,
    AuditLog => maintenance::AuditLog,
    Check => maintenance::Check,
    Delete => records::Delete,
    PutDraft => drafts::PutDraft,
    DeleteDraft => drafts::DeleteDraft,
    Drafts => drafts::Drafts,
    Import => import::Import,
    // the meeting cycle (meeting.rs, tasks.rs, demands.rs)
    PlanYear => meeting::PlanYear,
    MoveMeeting => meeting::MoveMeeting,
    Agenda => meeting::Agenda,
    TakeTopic => meeting::TakeTopic,
    Attendance => meeting::Attendance,
    RecordTopic => meeting::RecordTopic,
    DecisionToTask => meeting::DecisionToTask,
    ReportProgress => tasks::ReportProgress,
    FinishTask => tasks::FinishTask,
    TasksByOwner => tasks::TasksByOwner,
    StepDemand => demands::StepDemand,
    FollowUp => demands::FollowUp,
    CountDemands => demands::CountDemands,
    EditChecked => demands::EditChecked,
    ReopenDemand => demands::ReopenDemand,
    ReferDemand => demands::ReferDemand,
    DepartmentReply => demands::DepartmentReply,
    // evaluation (review.rs)
    Evaluate => review::Evaluate,
    EvaluationRoster => review::EvaluationRoster,
    DutyReport => review::DutyReportOf,
    MarkPublished => review::MarkPublished,
    Unpublish => review::Unpublish,
    FeedbackOf => review::FeedbackOf,
    MarkFedBack => review::MarkFedBack,
    // several staff at once (records.rs, accounts.rs, maintenance.rs)
    Newest => records::Newest,
    GetMany => records::GetMany,
    Page => records::Page,
    RecordCounts => records::RecordCounts,
    WhoAmI => accounts::WhoAmI,
    Roles => accounts::ListRoles,
    Editing => accounts::Editing,
    Backup => maintenance::Backup,
    SetRole => accounts::SetRole,
    // reminders (remind.rs)
    Remind => remind::Remind,
    Overdue => remind::Overdue,
    // the workbench's full read (records.rs)
    StoredPage => records::StoredPage,
}

/// A request from a front end, as `ctx.account` is allowed to make it: refused
/// unless its role allows it, and its reply masked as that role may see it.
pub fn handle_as(store: &Store, ctx: &Context, request: Request) -> Result<Response, Error> {
    let caller = access::caller(store, ctx)?;
    access::authorize(store, &caller, &request.need())?;
    let mut response = request.run(store, &caller)?;
    access::mask(store, &caller, &mut response);
    Ok(response)
}

/// Whether `ctx.account` may ask what needs `need`, for a front end that
/// does the operation's work in this process itself, to show its progress
/// (an import) or to stream it to a file (a backup).
pub fn may(store: &Store, ctx: &Context, need: &Need) -> Result<(), Error> {
    access::authorize(store, &access::caller(store, ctx)?, need)
}

/// One typed operation in this process, through [`handle_as`].
pub fn ask_local<O: Routed>(store: &Store, ctx: &Context, op: O) -> Result<O::Reply, Error> {
    reply_of::<O>(handle_as(store, ctx, op.into())?)
}

/// The reply of `O` out of a response; another variant means the other end
/// speaks another protocol, which the handshake rules out.
pub fn reply_of<O: Routed>(response: Response) -> Result<O::Reply, Error> {
    O::reply_of(response).ok_or(Error::WrongReply)
}

/// Masks in `response` what `account` may not see in full (for what the
/// server pushes to its listeners).
pub fn mask_for(store: &Store, account: &str, records: &mut [AnyRecord]) -> Result<(), Error> {
    let caller = access::caller(store, &Context { account: account.to_string(), now: chrono::Utc::now() })?;
    access::mask_records(store, &caller, records.iter_mut());
    Ok(())
}

/// The typed data of record `id`, as a step sees it.
fn typed<T: crate::model::Wrap>(batch: &crate::store::Batch, id: u64) -> Result<T, crate::store::StoreError> {
    let rec = batch.get(T::KIND, id)?;
    T::unwrap_any(rec.data).ok_or(crate::store::StoreError::NotFound { kind: T::KIND, id })
}

/// Typed data of every record of a list, with its id.
fn typed_all<T: crate::model::Wrap>(records: Vec<AnyRecord>) -> Vec<(u64, T)> {
    records.into_iter().filter_map(|r| Some((r.id(), T::unwrap_any(r.data)?))).collect()
}
