//! 定期考事: a period's evaluations created, their roster, a member's 述职
//! figures, the 公示 date recorded, and grades kept in step when the rule changes.

use super::{Caller, Context, Error, Label, Need, Operation};
use crate::i18n::Lang;
use crate::model::period::Period;
use crate::model::{AnyData, AnyRecord, Evaluation, IndexValue, Kind, Wrap};
use crate::review::{duty_report, roster, DutyReport, Evaluated, RosterRow};
use crate::rules::grading::{computed_grade, is_overridden};
use crate::store::{Store, StoreError};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// Creates an evaluation of `period` for every active member who has none (an
/// archived one counts: a member has one evaluation per period). Asking again
/// creates nothing; a run cut short is completed by the next.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Evaluate {
    pub period: Period,
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
        let mut out = Evaluated { created: Vec::new(), existing: 0 };
        for member in store.list(Kind::Member, false)? {
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
        Ok(roster(&records_of(store, &[Kind::Member, Kind::Unit, Kind::Evaluation])?, self.period))
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

/// Records `on` as the publication date of the evaluations `ids`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MarkPublished {
    pub ids: Vec<u64>,
    pub on: NaiveDate,
}

impl Operation for MarkPublished {
    type Reply = Vec<AnyRecord>;
    fn need(&self) -> Need<'_> {
        Need::AllRecords
    }
    fn run(self, store: &Store, caller: &Caller) -> Result<Vec<AnyRecord>, Error> {
        let mut out = Vec::with_capacity(self.ids.len());
        for id in self.ids {
            let old = store.get(Kind::Evaluation, id)?.ok_or(StoreError::NotFound { kind: Kind::Evaluation, id })?;
            let mut data = old.data.clone();
            if let AnyData::Evaluation(e) = &mut data {
                e.published_on = Some(self.on);
            }
            out.push(store.update(&caller.ctx, id, data, Some(old.meta.rev))?);
        }
        Ok(out)
    }
}

/// After the grade thresholds changed: every evaluation that follows its
/// votes and is not yet published gets the grade of the new rule (a
/// published grade was made public and stays). Returns how many changed.
pub(super) fn regrade_unpublished(store: &Store, ctx: &Context) -> Result<usize, StoreError> {
    let rule = store.settings()?.grade_rule;
    let mut changed = 0;
    for rec in store.list(Kind::Evaluation, true)? {
        let Some(e) = Evaluation::peek(&rec.data) else { continue };
        if e.published_on.is_some() || is_overridden(e) || e.grade == computed_grade(e, &rule) {
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
