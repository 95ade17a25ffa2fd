//! The yearly evaluation (双述双评) in the workbench: `:evaluate PERIOD`
//! creates the period's evaluations, `:report [PERIOD]` (or `R`) shows the
//! selected member's 述职 material, `:publish PERIOD FILE.xlsx|FILE.md` writes
//! the 公示 list and records the publication date.

use super::app::{App, Question};
use super::app_import::ReportView;
use super::effects::Effect;
use crate::i18n::Lang;
use crate::model::period::Period;
use crate::model::{AnyData, AnyRecord, FieldError, Kind, Problem};
use crate::ops::review::MarkPublished;
use crate::review::duty_text::{duty_text, period_name};
use crate::review::publication::{self, PublicationFormat};
use crate::review::roster::roster;
use crate::review::DutyReport;
use crate::rules::calendar::working_days_from;
use crate::workflow::WorkflowError;
use chrono::Datelike;
use std::borrow::Cow;
use std::path::Path;

/// The 公示期 the workbench gives: five working days from today, as `silian publish` by default.
const PUBLICITY_DAYS: u32 = 5;

impl App {
    fn period_arg(&mut self, text: &str) -> Option<Period> {
        let parsed = text.parse().ok();
        if parsed.is_none() {
            let problem = Problem::BadPeriod { value: text.to_string() };
            self.status = FieldError::new(Kind::Evaluation, "period", problem).message(self.lang);
        }
        parsed
    }

    /// `:evaluate [PERIOD] [all]`: `all` takes every role, not only those evaluated.
    pub(super) fn evaluate_command(&mut self, arg: &str) -> Vec<Effect> {
        let mut words: Vec<&str> = arg.split_whitespace().collect();
        let all_roles = words.last().is_some_and(|w| matches!(*w, "all" | "全部"));
        if all_roles {
            words.pop();
        }
        let arg = words.first().map_or_else(|| self.today.year().to_string(), |w| w.to_string());
        match self.period_arg(&arg) {
            Some(period) => vec![Effect::ask(crate::ops::review::Evaluate { period, all_roles })],
            None => Vec::new(),
        }
    }

    /// The member and period of the selection: a member (this year unless
    /// given) or an evaluation (its own period unless given).
    pub(super) fn duty_report_command(&mut self, arg: &str) -> Vec<Effect> {
        let chosen = match self.selected() {
            Some((Kind::Member, id)) => Some((id, None)),
            Some((Kind::Evaluation, id)) => match self.data.get(Kind::Evaluation, id).as_deref().map(|r| &r.data) {
                Some(AnyData::Evaluation(e)) => Some((e.member_id, Some(e.period))),
                _ => None,
            },
            _ => None,
        };
        let Some((member_id, own)) = chosen else {
            self.status =
                self.lang.pick("请先在委员或考评列表中选中一人", "Select a member or an evaluation first").into();
            return Vec::new();
        };
        let period = if arg.is_empty() {
            own.unwrap_or(Period { year: self.today.year(), half: None })
        } else {
            match self.period_arg(arg) {
                Some(p) => p,
                None => return Vec::new(),
            }
        };
        vec![Effect::ask(crate::ops::review::DutyReportOf { member_id, period, today: self.today })]
    }

    pub(super) fn show_duty_report(&mut self, report: &DutyReport) {
        let title = match self.lang {
            Lang::Zh => format!("述职材料：{} {}", report.member, period_name(report.period, self.lang)),
            Lang::En => format!("Duty report: {} {}", report.member, period_name(report.period, self.lang)),
        };
        let lines = duty_text(report, self.lang).lines().map(str::to_string).collect();
        self.show_report(ReportView { title, lines, batch: None, scroll: 0 }, Question::CloseReport);
    }

    pub(super) fn publish_command(&mut self, words: &[&str]) -> Vec<Effect> {
        let usage = self.lang.pick("用法：:publish 考评期 文件.xlsx|.md", "usage: :publish PERIOD FILE.xlsx|FILE.md");
        let [period, path @ ..] = words else {
            self.status = usage.into();
            return Vec::new();
        };
        let path = path.join(" ");
        let Some(period) = self.period_arg(period) else { return Vec::new() };
        let Some(format) = PublicationFormat::of(Path::new(&path)) else {
            self.status = if path.is_empty() {
                usage.into()
            } else {
                crate::io::export::bad_extension_message(Path::new(&path), &[".xlsx", ".md"], self.lang)
            };
            return Vec::new();
        };
        let records: Vec<AnyRecord> = [Kind::Member, Kind::Unit, Kind::Evaluation, Kind::Session]
            .iter()
            .flat_map(|k| self.data.records(*k).iter().map(Cow::into_owned))
            .collect();
        let rows = roster(&records, period, &self.data.settings);
        if rows.is_empty() {
            self.status = match self.lang {
                Lang::Zh => format!("{period} 没有考评记录；请先 :evaluate {period}"),
                Lang::En => format!("there are no evaluations for {period}; run :evaluate {period} first"),
            };
            return Vec::new();
        }
        // The operation's refusals, said before a file is written.
        let unready = publication::unready(&rows);
        if let Some(on) = rows.iter().find_map(|r| r.published_on) {
            self.status = WorkflowError::AlreadyPublished { period: period.to_string(), on }.message(self.lang);
            return Vec::new();
        }
        if !unready.is_empty() {
            self.status = WorkflowError::NotReadyToPublish { period: period.to_string(), unready }.message(self.lang);
            return Vec::new();
        }
        let publicity = (self.today, working_days_from(self.today, PUBLICITY_DAYS, &self.data.calendar));
        match publication::bytes(format, &rows, &self.data.settings, period, publicity, self.lang) {
            Ok(bytes) => {
                let mark =
                    MarkPublished { period, on: self.today, publicity_from: publicity.0, publicity_to: publicity.1 };
                vec![Effect::Publish { path, bytes, mark }]
            }
            Err(e) => {
                self.status = e.0;
                Vec::new()
            }
        }
    }

    pub(super) fn published(&mut self, path: &str, records: Vec<AnyRecord>) {
        let n = records.len();
        for rec in records {
            self.data.upsert(rec);
        }
        self.refresh_kind(Kind::Evaluation);
        self.status = match self.lang {
            Lang::Zh => format!("已写出公示名单 {n} 人：{path}；公示日期记为 {}", self.today),
            Lang::En => format!("Wrote the publication list, {n} members, to {path}; published on {}", self.today),
        };
    }

    /// `:feedback PERIOD FILE.xlsx`: the 报送表 of a published period, sent to both departments.
    pub(super) fn feedback_command(&mut self, words: &[&str]) -> Vec<Effect> {
        let usage = self.lang.pick("用法：:feedback 考评期 文件.xlsx", "usage: :feedback PERIOD FILE.xlsx");
        let [period, path @ ..] = words else {
            self.status = usage.into();
            return Vec::new();
        };
        let Some(period) = self.period_arg(period) else { return Vec::new() };
        let path = path.join(" ");
        if !path.to_lowercase().ends_with(".xlsx") {
            self.status = if path.is_empty() {
                usage.into()
            } else {
                crate::io::export::bad_extension_message(Path::new(&path), &[".xlsx"], self.lang)
            };
            return Vec::new();
        }
        vec![Effect::Feedback { period, path, today: self.today, lang: self.lang }]
    }

    /// `:rollup OUT.xlsx FILE.xlsx…`: the district's roll-up of the streets' 报送表.
    pub(super) fn rollup_command(&mut self, words: &[&str]) -> Vec<Effect> {
        let usage =
            self.lang.pick("用法：:rollup 汇总.xlsx 报送表1.xlsx 报送表2.xlsx …", "usage: :rollup OUT.xlsx FILE.xlsx…");
        let [out, files @ ..] = words else {
            self.status = usage.into();
            return Vec::new();
        };
        if files.is_empty() || !out.to_lowercase().ends_with(".xlsx") {
            self.status = usage.into();
            return Vec::new();
        }
        let files = files.iter().map(|f| f.to_string()).collect();
        vec![Effect::Rollup { files, path: out.to_string(), lang: self.lang }]
    }

    pub(super) fn fed_back(&mut self, path: &str, records: Vec<AnyRecord>) {
        let n = records.len();
        for rec in records {
            self.data.upsert(rec);
        }
        self.refresh_kind(Kind::Evaluation);
        self.status = match self.lang {
            Lang::Zh => format!("已写出报送表（{n} 人）：{path}；报送市委组织部、区委组织部日期记为 {}", self.today),
            Lang::En => {
                format!("Wrote the feedback ({n} members) to {path}; sent to the city and district on {}", self.today)
            }
        };
    }
}
