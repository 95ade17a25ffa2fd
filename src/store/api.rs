//! The store's commands and queries as plain serde types, so that the same API
//! can be served to other processes unchanged. Front ends (the CLI, the
//! workbench) speak to the store only through [`Store::handle`].

use super::audit::{AuditAction, AuditEntry};
use super::bulk::{ImportBatch, ImportOutcome};
use super::check::CheckProblem;
use super::find::Hit;
use super::roles::{Grant, Roles};
use super::{Store, StoreError};
use crate::model::period::Period;
use crate::model::{AnyData, AnyRecord, IndexValue, Kind, Settings};
use chrono::{DateTime, NaiveDate, Utc};
// meeting cycle (issue 4)
use crate::model::task::Progress;
use crate::review::ops::Evaluated;
use crate::review::{DutyReport, RosterRow};
use crate::rules::calendar::ScheduledMeeting;
use crate::workflow::demands::{self, DemandStep, FollowUp, GroupKey, Grouping};
use crate::workflow::meeting::{self, NewTask};
use crate::workflow::plan::{self, PlanOutcome};
use crate::workflow::tasks::{self, Finished, OwnerTasks};
use crate::workflow::{Candidate, Source};
use serde::{Deserialize, Serialize};

/// Who asks, and when: the clock is read once, at the edge.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Context {
    pub account: String,
    pub now: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Request {
    Create {
        data: AnyData,
    },
    Update {
        id: u64,
        data: AnyData,
        expected_rev: Option<u64>,
    },
    SetArchived {
        kind: Kind,
        id: u64,
        archived: bool,
    },
    Get {
        kind: Kind,
        id: u64,
    },
    List {
        kind: Kind,
        include_archived: bool,
    },
    ListBy {
        kind: Kind,
        value: IndexValue,
        include_archived: bool,
    },
    Search {
        query: String,
        kind: Option<Kind>,
        include_archived: bool,
        limit: usize,
    },
    GetSettings,
    SetSettings {
        settings: Settings,
    },
    /// Personal data was shown or exported unmasked.
    LogReveal {
        kind: Kind,
        ids: Vec<u64>,
        note: String,
    },
    AuditLog,
    /// Verify every record, index, reference and counter.
    Check,
    /// Remove a record that nothing refers to (undoing its creation).
    Delete {
        kind: Kind,
        id: u64,
    },
    PutDraft {
        key: String,
        value: Vec<u8>,
    },
    DeleteDraft {
        key: String,
    },
    Drafts,
    /// All records of one imported file, written all or nothing.
    Import {
        batch: ImportBatch,
    },
    // meeting cycle (issue 4)
    /// Planned regular meetings for the quarters of `schedule` that have none.
    PlanYear {
        schedule: Vec<ScheduledMeeting>,
    },
    MoveMeeting {
        id: u64,
        date: NaiveDate,
        reason: String,
    },
    Agenda {
        meeting_id: u64,
        today: NaiveDate,
    },
    TakeTopic {
        meeting_id: u64,
        source: Source,
    },
    /// Present, absent, or toggled when `present` is None.
    Attendance {
        meeting_id: u64,
        member_ids: Vec<u64>,
        present: Option<bool>,
    },
    /// Topic numbers count from 1.
    RecordTopic {
        meeting_id: u64,
        topic: usize,
        discussion: Option<String>,
        decision: Option<String>,
    },
    DecisionToTask {
        meeting_id: u64,
        topic: usize,
        task: NewTask,
    },
    ReportProgress {
        task_id: u64,
        progress: Progress,
    },
    FinishTask {
        task_id: u64,
        done_on: NaiveDate,
    },
    /// Unfinished tasks per owner; only those past due on `today` when `overdue_only`.
    TasksByOwner {
        today: NaiveDate,
        overdue_only: bool,
    },
    StepDemand {
        id: u64,
        step: DemandStep,
    },
    FollowUp {
        demand_id: u64,
        follow_up: FollowUp,
    },
    CountDemands {
        by: Grouping,
    },
    /// An edit by a user: as `Update`, but a demand's status must follow its lifecycle.
    EditChecked {
        id: u64,
        data: AnyData,
        expected_rev: Option<u64>,
    },
    // evaluation (issue 4)
    /// Create the period's evaluation for every active member who has none.
    Evaluate {
        period: Period,
    },
    /// The period's evaluations with member, post, unit and dates.
    EvaluationRoster {
        period: Period,
    },
    /// A member's 述职 figures for a period, counted up to `today`.
    DutyReport {
        member_id: u64,
        period: Period,
        today: NaiveDate,
    },
    /// Record `on` as the publication date of the given evaluations.
    MarkPublished {
        ids: Vec<u64>,
        on: NaiveDate,
    },
    // several staff at once (issue 7)
    /// The `n` newest records of a kind, archived ones too.
    Newest {
        kind: Kind,
        n: usize,
    },
    /// The records named that exist (one request for many, as a round trip to a server costs).
    GetMany {
        refs: Vec<(Kind, u64)>,
    },
    /// Up to `limit` records of a kind with ids above `after`, archived ones too.
    Page {
        kind: Kind,
        after: u64,
        limit: usize,
    },
    /// How many records of each kind, archived ones too.
    RecordCounts,
    /// The asking account and its grant.
    WhoAmI,
    Roles,
    /// The record this connection has open in a form (`None`: none any more),
    /// for the server to tell the others; nobody else is told without one.
    Editing {
        record: Option<(Kind, u64)>,
    },
    /// The whole store as a backup file's bytes (see `Store::backup`).
    Backup,
    /// Grant a role to an account, or take its role away with `None`.
    SetRole {
        account: String,
        grant: Option<Grant>,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Response {
    Record(Box<AnyRecord>),
    Records(Vec<AnyRecord>),
    Hits(Vec<Hit>),
    Settings(Settings),
    Audit(Vec<AuditEntry>),
    Problems(Vec<CheckProblem>),
    Drafts(Vec<(String, Vec<u8>)>),
    Imported(ImportOutcome),
    Done,
    // meeting cycle (issue 4)
    Planned(PlanOutcome),
    Agenda(Vec<Candidate>),
    Finished(Box<Finished>),
    TasksByOwner(Vec<OwnerTasks>),
    Counts(Vec<(GroupKey, usize)>),
    // evaluation (issue 4)
    Evaluated(Evaluated),
    Roster(Vec<RosterRow>),
    DutyReport(Box<DutyReport>),
    // several staff at once (issue 7)
    RecordCounts(Vec<(Kind, usize)>),
    Grant(String, Grant),
    Roles(Roles),
    Backup { bytes: Vec<u8>, records: u64 },
}

impl Store {
    pub fn handle(&self, ctx: &Context, request: Request) -> Result<Response, StoreError> {
        use Request::*;
        Ok(match request {
            Create { data } => Response::Record(Box::new(self.create(ctx, data)?)),
            Update { id, data, expected_rev } => {
                Response::Record(Box::new(self.update(ctx, id, data, expected_rev)?))
            }
            SetArchived { kind, id, archived } => {
                Response::Record(Box::new(self.set_archived(ctx, kind, id, archived)?))
            }
            Get { kind, id } => {
                Response::Record(Box::new(self.get(kind, id)?.ok_or(StoreError::NotFound { kind, id })?))
            }
            List { kind, include_archived } => Response::Records(self.list(kind, include_archived)?),
            ListBy { kind, value, include_archived } => {
                Response::Records(self.list_by(kind, &value, include_archived)?)
            }
            Search { query, kind, include_archived, limit } => {
                Response::Hits(self.search(&query, kind, include_archived, limit)?)
            }
            GetSettings => Response::Settings(self.settings()?),
            SetSettings { settings } => {
                let rule_changed = self.settings()?.grade_rule != settings.grade_rule;
                self.set_settings(ctx, &settings)?;
                if rule_changed {
                    self.regrade_unpublished(ctx)?; // evaluation (issue 4)
                }
                Response::Done
            }
            LogReveal { kind, ids, note } => {
                let id = if ids.len() == 1 { ids[0] } else { 0 };
                let note = if ids.len() > 1 { format!("{note} ({} records)", ids.len()) } else { note };
                self.log_event(ctx, AuditAction::Reveal, Some(kind), id, &note)?;
                Response::Done
            }
            AuditLog => Response::Audit(self.audit_log()?),
            Check => Response::Problems(self.check()?),
            Delete { kind, id } => {
                self.delete(ctx, kind, id)?;
                Response::Done
            }
            PutDraft { key, value } => {
                self.put_draft(&key, &value)?;
                Response::Done
            }
            DeleteDraft { key } => {
                self.delete_draft(&key)?;
                Response::Done
            }
            Drafts => Response::Drafts(self.drafts()?),
            Import { batch } => Response::Imported(self.import_batch(ctx, batch, &|_, _| {})?),
            // meeting cycle (issue 4)
            PlanYear { schedule } => Response::Planned(plan::plan_year(self, ctx, &schedule)?),
            MoveMeeting { id, date, reason } => {
                Response::Record(Box::new(plan::move_meeting(self, ctx, id, date, &reason)?))
            }
            Agenda { meeting_id, today } => Response::Agenda(meeting::agenda(self, meeting_id, today)?),
            TakeTopic { meeting_id, source } => {
                Response::Record(Box::new(meeting::take_topic(self, ctx, meeting_id, source)?))
            }
            Attendance { meeting_id, member_ids, present } => {
                Response::Record(Box::new(meeting::set_attendance(self, ctx, meeting_id, &member_ids, present)?))
            }
            RecordTopic { meeting_id, topic, discussion, decision } => {
                Response::Record(Box::new(meeting::record_topic(self, ctx, meeting_id, topic, discussion, decision)?))
            }
            DecisionToTask { meeting_id, topic, task } => {
                Response::Records(meeting::decision_to_task(self, ctx, meeting_id, topic, task)?)
            }
            ReportProgress { task_id, progress } => {
                Response::Record(Box::new(tasks::report_progress(self, ctx, task_id, progress)?))
            }
            FinishTask { task_id, done_on } => {
                Response::Finished(Box::new(tasks::finish_task(self, ctx, task_id, done_on)?))
            }
            TasksByOwner { today, overdue_only } => {
                Response::TasksByOwner(tasks::tasks_by_owner(self, today, overdue_only)?)
            }
            StepDemand { id, step } => Response::Record(Box::new(demands::step_demand(self, ctx, id, step)?)),
            FollowUp { demand_id, follow_up } => {
                Response::Records(demands::follow_up(self, ctx, demand_id, follow_up)?)
            }
            CountDemands { by } => Response::Counts(demands::count_demands(self, by)?),
            EditChecked { id, data, expected_rev } => {
                Response::Record(Box::new(demands::edit_checked(self, ctx, id, data, expected_rev)?))
            }
            // evaluation (issue 4)
            Evaluate { period } => Response::Evaluated(self.evaluate_period(ctx, period)?),
            EvaluationRoster { period } => Response::Roster(self.evaluation_roster(period)?),
            DutyReport { member_id, period, today } => {
                Response::DutyReport(Box::new(self.duty_report(member_id, period, today)?))
            }
            MarkPublished { ids, on } => Response::Records(self.mark_published(ctx, &ids, on)?),
            // several staff at once (issue 7)
            Newest { kind, n } => Response::Records(self.newest(kind, n)?),
            GetMany { refs } => {
                let mut records = Vec::with_capacity(refs.len());
                for (kind, id) in refs {
                    records.extend(self.get(kind, id)?);
                }
                Response::Records(records)
            }
            Page { kind, after, limit } => Response::Records(self.page(kind, after, limit)?),
            RecordCounts => Response::RecordCounts(Kind::ALL.iter().map(|k| (*k, self.count(*k))).collect()),
            WhoAmI => Response::Grant(ctx.account.clone(), self.grant_of(&ctx.account)?),
            Editing { .. } => Response::Done,
            Roles => Response::Roles(self.roles()?),
            Backup => {
                let mut bytes = Vec::new();
                let records = self.backup(ctx, &mut bytes)?;
                Response::Backup { bytes, records }
            }
            SetRole { account, grant } => {
                self.set_role(ctx, &account, grant)?;
                Response::Done
            }
        })
    }
}
