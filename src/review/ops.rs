//! The store-level evaluation operations behind the store API's evaluation
//! requests: each reads what it needs and writes through the ordinary,
//! audited and flushed `create`/`update`.

use super::duty::{duty_report, DutyReport};
use super::grading::{computed_grade, is_overridden, settle_grade};
use super::roster::{roster, RosterRow};
use crate::model::period::Period;
use crate::model::{AnyData, AnyRecord, Evaluation, IndexValue, Invalid, Kind, Wrap};
use crate::store::{Context, Store, StoreError};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// What `evaluate PERIOD` did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evaluated {
    /// Ids of the evaluations created, in member order.
    pub created: Vec<u64>,
    /// Active members who already had an evaluation for the period.
    pub existing: usize,
}

impl Store {
    /// Creates an evaluation of `period` for every active member who has none
    /// (an archived one counts: a member has one evaluation per period).
    /// Running it again creates nothing; a run cut short is completed by the next.
    pub fn evaluate_period(&self, ctx: &Context, period: Period) -> Result<Evaluated, StoreError> {
        let have: HashSet<u64> = self
            .list_by(Kind::Evaluation, &IndexValue::Period(period.to_string()), true)?
            .iter()
            .filter_map(|r| Evaluation::peek(&r.data).map(|e| e.member_id))
            .collect();
        let mut out = Evaluated { created: Vec::new(), existing: 0 };
        for member in self.list(Kind::Member, false)? {
            if have.contains(&member.id()) {
                out.existing += 1;
                continue;
            }
            let data = AnyData::Evaluation(Box::new(Evaluation::blank(member.id(), period)));
            out.created.push(self.create(ctx, data)?.id());
        }
        Ok(out)
    }

    /// Keeps an evaluation's grade in step with its votes (see [`settle_grade`]);
    /// called on every single-record write.
    pub(crate) fn settle_evaluation(&self, data: &mut AnyData, old: Option<&AnyData>) -> Result<(), StoreError> {
        let AnyData::Evaluation(new) = data else { return Ok(()) };
        let old = old.and_then(Evaluation::peek);
        let rule = self.settings()?.grade_rule;
        settle_grade(old, new, &rule).map_err(|e| Invalid(vec![e]).into())
    }

    /// The 述职 figures of a member for `period`, counted up to `today`.
    pub fn duty_report(&self, member_id: u64, period: Period, today: NaiveDate) -> Result<DutyReport, StoreError> {
        let kinds = [Kind::Member, Kind::Household, Kind::Visit, Kind::Demand, Kind::Meeting, Kind::Task];
        let records = self.records_of(&kinds)?;
        let settings = self.settings()?;
        duty_report(&records, &settings, member_id, period, today)
            .ok_or(StoreError::NotFound { kind: Kind::Member, id: member_id })
    }

    /// The period's evaluations with member, post and unit, as listed and published.
    pub fn evaluation_roster(&self, period: Period) -> Result<Vec<RosterRow>, StoreError> {
        Ok(roster(&self.records_of(&[Kind::Member, Kind::Unit, Kind::Evaluation])?, period))
    }

    /// After the grade thresholds changed: every evaluation that follows its
    /// votes and is not yet published gets the grade of the new rule (a
    /// published grade was made public and stays). Returns how many changed.
    pub fn regrade_unpublished(&self, ctx: &Context) -> Result<usize, StoreError> {
        let rule = self.settings()?.grade_rule;
        let mut changed = 0;
        for rec in self.list(Kind::Evaluation, true)? {
            let Some(e) = Evaluation::peek(&rec.data) else { continue };
            if e.published_on.is_some() || is_overridden(e) || e.grade == computed_grade(e, &rule) {
                continue;
            }
            self.update(ctx, rec.id(), rec.data.clone(), Some(rec.meta.rev))?;
            changed += 1;
        }
        Ok(changed)
    }

    /// Records `on` as the publication date of evaluations `ids`.
    pub fn mark_published(&self, ctx: &Context, ids: &[u64], on: NaiveDate) -> Result<Vec<AnyRecord>, StoreError> {
        let mut out = Vec::with_capacity(ids.len());
        for &id in ids {
            let old = self.get(Kind::Evaluation, id)?.ok_or(StoreError::NotFound { kind: Kind::Evaluation, id })?;
            let mut data = old.data.clone();
            if let AnyData::Evaluation(e) = &mut data {
                e.published_on = Some(on);
            }
            out.push(self.update(ctx, id, data, Some(old.meta.rev))?);
        }
        Ok(out)
    }

    /// Every record of `kinds`, archived ones too (they name what others refer to).
    fn records_of(&self, kinds: &[Kind]) -> Result<Vec<AnyRecord>, StoreError> {
        let mut records = Vec::new();
        for kind in kinds {
            records.extend(self.list(*kind, true)?);
        }
        Ok(records)
    }
}
