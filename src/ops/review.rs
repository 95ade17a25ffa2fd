//! 定期考事: a period's evaluations created, their roster, a member's 述职
//! figures, the 公示 date recorded, and grades kept in step when the rule changes.

use super::{typed, Caller, Context, Error, Label, Need, Operation};
use crate::i18n::Lang;
use crate::model::period::Period;
use crate::model::{AnyData, AnyRecord, Evaluation, IndexValue, Kind, Member, Wrap};
use crate::review::feedback::{self, FeedbackRow};
use crate::review::publication::unready;
use crate::review::{duty_report, roster, DutyReport, Evaluated, RosterRow};
use crate::rules::grading::{computed_grade, is_overridden};
use crate::store::{Store, StoreError};
use crate::workflow::WorkflowError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// Creates an evaluation of `period` for every active member of the roles
/// evaluated (`evaluated_roles`, the 兼职委员 by default; `all_roles` takes
/// every role) who has none (an archived one counts: a member has one
/// evaluation per period). Asking again creates nothing; a run cut short is
/// completed by the next.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Evaluate {
    pub period: Period,
    pub all_roles: bool,
}

impl Operation for Evaluate {
    type Reply = Evaluated;
    fn need(&self) -> Need<'_> {
        Need::AllRecords
    }
    fn outcome(&self, done: &Evaluated, _: &Label, lang: Lang) -> String {
        let (created, existing) = (done.created.len(), done.existing);
        match lang {
            Lang::Zh => format!("已新建考评 {created} 份；{existing} 名委员已有本期考评"),
            Lang::En => format!("{created} evaluations created; {existing} members already had one for the period"),
        }
    }
    fn run(self, store: &Store, caller: &Caller) -> Result<Evaluated, Error> {
        let have: HashSet<u64> = store
            .list_by(Kind::Evaluation, &IndexValue::Period(self.period.to_string()), true)?
            .iter()
            .filter_map(|r| Evaluation::peek(&r.data).map(|e| e.member_id))
            .collect();
        let roles = store.settings()?.evaluated_roles;
        let evaluated =
            |r: &AnyRecord| self.all_roles || Member::peek(&r.data).is_some_and(|m| roles.contains(&m.role));
        let mut out = Evaluated { created: Vec::new(), existing: 0 };
        for member in store.list(Kind::Member, false)?.into_iter().filter(evaluated) {
            if have.contains(&member.id()) {
                out.existing += 1;
                continue;
            }
            let data = AnyData::Evaluation(Box::new(Evaluation::blank(member.id(), self.period)));
            out.created.push(store.create(&caller.ctx, data)?.id());
        }
        Ok(out)
    }
}

/// The period's evaluations with member, post, unit and dates, as listed and published.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EvaluationRoster {
    pub period: Period,
}

impl Operation for EvaluationRoster {
    type Reply = Vec<RosterRow>;
    fn need(&self) -> Need<'_> {
        Need::Read
    }
    fn run(self, store: &Store, _: &Caller) -> Result<Vec<RosterRow>, Error> {
        let records = records_of(store, &[Kind::Member, Kind::Unit, Kind::Evaluation, Kind::Session])?;
        Ok(roster(&records, self.period, &store.settings()?))
    }
}

/// A member's 述职 figures for a period, counted up to `today`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DutyReportOf {
    pub member_id: u64,
    pub period: Period,
    pub today: NaiveDate,
}

impl Operation for DutyReportOf {
    type Reply = DutyReport;
    fn need(&self) -> Need<'_> {
        Need::Read
    }
    fn run(self, store: &Store, _: &Caller) -> Result<DutyReport, Error> {
        let kinds = [Kind::Member, Kind::Household, Kind::Visit, Kind::Demand, Kind::Meeting, Kind::Task];
        let records = records_of(store, &kinds)?;
        let settings = store.settings()?;
        let id = self.member_id;
        let report = duty_report(&records, &settings, id, self.period, self.today);
        Ok(report.ok_or(StoreError::NotFound { kind: Kind::Member, id })?)
    }
}

/// The 公示: records `on` as the publication date of every evaluation of
/// the period, and its 公示期. Refused, naming every member and what is
/// missing, while any evaluation lacks its grade, a report or a vote set the
/// grade needs; refused while the period is published (withdraw it first).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MarkPublished {
    pub period: Period,
    pub on: NaiveDate,
    pub publicity_from: NaiveDate,
    pub publicity_to: NaiveDate,
}

impl Operation for MarkPublished {
    type Reply = Vec<AnyRecord>;
    fn need(&self) -> Need<'_> {
        Need::AllRecords
    }
    fn run(self, store: &Store, caller: &Caller) -> Result<Vec<AnyRecord>, Error> {
        let rows = period_roster(store, self.period)?;
        if let Some(on) = rows.iter().find_map(|r| r.published_on) {
            return Err(WorkflowError::AlreadyPublished { period: self.period.to_string(), on }.into());
        }
        let unready = unready(&rows);
        if !unready.is_empty() {
            return Err(WorkflowError::NotReadyToPublish { period: self.period.to_string(), unready }.into());
        }
        store.write_batch(&caller.ctx, |b| {
            let mut out = Vec::with_capacity(rows.len());
            for row in &rows {
                let mut e: Evaluation = typed(b, row.evaluation_id)?;
                e.published_on = Some(self.on);
                (e.publicity_from, e.publicity_to) = (Some(self.publicity_from), Some(self.publicity_to));
                out.push(b.update(row.evaluation_id, AnyData::Evaluation(Box::new(e)))?);
            }
            Ok(out)
        })
    }
}

/// Withdraws a period's 公示 (admin): its evaluations may be corrected, and
/// the next publication records a new date. The reason goes into each
/// evaluation's notes; the audit log keeps who did it and when.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Unpublish {
    pub period: Period,
    pub on: NaiveDate,
    pub reason: String,
}

impl Operation for Unpublish {
    type Reply = Vec<AnyRecord>;
    fn need(&self) -> Need<'_> {
        Need::Admin
    }
    fn outcome(&self, reply: &Vec<AnyRecord>, _: &Label, lang: Lang) -> String {
        let (period, n) = (self.period, reply.len());
        match lang {
            Lang::Zh => format!("已撤回 {period} 的公示（{n} 份考评），可更正后重新公示"),
            Lang::En => {
                format!("The {period} publication is withdrawn ({n} evaluations); correct them and publish again")
            }
        }
    }
    fn run(self, store: &Store, caller: &Caller) -> Result<Vec<AnyRecord>, Error> {
        if self.reason.trim().is_empty() {
            return Err(WorkflowError::ReasonRequired(crate::workflow::ReasonFor::Withdrawal).into());
        }
        let rows = period_roster(store, self.period)?;
        let published: Vec<u64> = rows.iter().filter(|r| r.published_on.is_some()).map(|r| r.evaluation_id).collect();
        if published.is_empty() {
            return Err(WorkflowError::NotPublished { period: self.period.to_string() }.into());
        }
        store.write_batch(&caller.ctx, |b| {
            let mut out = Vec::with_capacity(published.len());
            for id in &published {
                let mut e: Evaluation = typed(b, *id)?;
                let was = e.published_on.take().map(|d| d.to_string()).unwrap_or_default();
                (e.publicity_from, e.publicity_to) = (None, None);
                let line = format!("{} 撤回 {was} 的公示：{}", self.on, self.reason.trim());
                e.notes = if e.notes.trim().is_empty() { line } else { format!("{}\n{line}", e.notes) };
                out.push(b.update(*id, AnyData::Evaluation(Box::new(e)))?);
            }
            Ok(out)
        })
    }
}

/// The period's roster, read from the store.
fn period_roster(store: &Store, period: Period) -> Result<Vec<RosterRow>, Error> {
    let records = records_of(store, &[Kind::Member, Kind::Unit, Kind::Evaluation, Kind::Session])?;
    Ok(roster(&records, period, &store.settings()?))
}

/// Refused when the evaluation `id` is published: it changes only after `unpublish`.
pub fn refuse_locked(store: &Store, kind: Kind, id: u64) -> Result<(), Error> {
    if kind != Kind::Evaluation {
        return Ok(());
    }
    match store.get(kind, id)?.as_ref().and_then(|r| Evaluation::peek(&r.data)).and_then(|e| e.published_on) {
        Some(on) => Err(WorkflowError::Locked { id, on }.into()),
        None => Ok(()),
    }
}

/// After the grade thresholds changed: every evaluation that follows its
/// votes and is not yet published gets the grade of the new rule (a
/// published grade was made public and stays). Returns how many changed.
pub(super) fn regrade_unpublished(store: &Store, ctx: &Context) -> Result<usize, StoreError> {
    let settings = store.settings()?;
    let mut changed = 0;
    for rec in store.list(Kind::Evaluation, true)? {
        let Some(e) = Evaluation::peek(&rec.data) else { continue };
        if e.published_on.is_some() || is_overridden(e) || e.grade == computed_grade(e, &settings) {
            continue;
        }
        store.update(ctx, rec.id(), rec.data.clone(), Some(rec.meta.rev))?;
        changed += 1;
    }
    Ok(changed)
}

/// Every record of `kinds`, archived ones too (they name what others refer to).
fn records_of(store: &Store, kinds: &[Kind]) -> Result<Vec<AnyRecord>, StoreError> {
    let mut records = Vec::new();
    for kind in kinds {
        records.extend(store.list(*kind, true)?);
    }
    Ok(records)
}

/// The 报送表's rows: every evaluation of the period with its member's work
/// record, counted up to `today`. Refused until the period is published.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FeedbackOf {
    pub period: Period,
    pub today: NaiveDate,
}

impl Operation for FeedbackOf {
    type Reply = Vec<FeedbackRow>;
    fn need(&self) -> Need<'_> {
        Need::Read
    }
    fn run(self, store: &Store, _: &Caller) -> Result<Vec<FeedbackRow>, Error> {
        let kinds =
            [Kind::Member, Kind::Unit, Kind::Evaluation, Kind::Session, Kind::Household, Kind::Visit, Kind::Demand];
        let records = records_of(store, &[&kinds[..], &[Kind::Meeting, Kind::Task]].concat())?;
        let settings = store.settings()?;
        let rows = roster(&records, self.period, &settings);
        if rows.is_empty() || rows.iter().any(|r| r.published_on.is_none()) {
            return Err(WorkflowError::NotPublished { period: self.period.to_string() }.into());
        }
        let reasons: std::collections::HashMap<u64, String> = records
            .iter()
            .filter_map(|r| Evaluation::peek(&r.data).map(|e| (r.id(), e.recommendation_reason.clone())))
            .collect();
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            // An evaluation whose member record is gone has no work record to send.
            let Some(duty) = duty_report(&records, &settings, row.member_id, self.period, self.today) else { continue };
            let reason = reasons.get(&row.evaluation_id).map_or("", String::as_str);
            out.push(feedback::row(&settings.street_name, self.period, row, &duty, reason));
        }
        Ok(out)
    }
}

/// Which organisation department a 报送表 went to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Recipient {
    City,
    District,
    Both,
}

/// Records `on` as the day the period's results were sent to `to`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MarkFedBack {
    pub period: Period,
    pub to: Recipient,
    pub on: NaiveDate,
}

impl Operation for MarkFedBack {
    type Reply = Vec<AnyRecord>;
    fn need(&self) -> Need<'_> {
        Need::AllRecords
    }
    fn run(self, store: &Store, caller: &Caller) -> Result<Vec<AnyRecord>, Error> {
        let rows = period_roster(store, self.period)?;
        store.write_batch(&caller.ctx, |b| {
            let mut out = Vec::with_capacity(rows.len());
            for row in &rows {
                let mut e: Evaluation = typed(b, row.evaluation_id)?;
                if matches!(self.to, Recipient::City | Recipient::Both) {
                    e.fed_back_city_on = Some(self.on);
                }
                if matches!(self.to, Recipient::District | Recipient::Both) {
                    e.fed_back_district_on = Some(self.on);
                }
                out.push(b.update(row.evaluation_id, AnyData::Evaluation(Box::new(e)))?);
            }
            Ok(out)
        })
    }
}
