//! Steps of the meeting cycle: their forms opened with sensible defaults, the
//! task keys (progress, finish), planning a year, and what comes back — the
//! changed records take their place and the status says what was done.

use super::action::Action;
use super::app::{App, Question};
use super::effects::{Effect, Stepped};
use super::form::FormState;
use super::keymap::Mode;
use super::step_form::StepForm;
use crate::i18n::Lang;
use crate::model::enums::DemandStatus;
use crate::model::{AnyData, AnyRecord, Kind};
use crate::rules::calendar::quarterly_schedule;
use crate::store::Request;
use crate::workflow::lifecycle::next_states;
use chrono::Datelike;

impl App {
    pub(super) fn open_step_form(&mut self, step: StepForm) -> Vec<Effect> {
        let today = self.today.to_string();
        let mut form = FormState::for_step(step.clone());
        match &step {
            StepForm::Progress { task_id } => {
                form.preset("date", &today, &[]);
                form.preset("reporter", &self.reporter(*task_id), &[]);
                form.focus_on("note");
            }
            StepForm::Topic { meeting_id, topic } => {
                if let Some(t) = self.meeting(*meeting_id).and_then(|m| m.topics.get(topic - 1)) {
                    form.preset("discussion", &t.discussion, &[]);
                    form.preset("decision", &t.decision, &[]);
                }
                form.focus_on("discussion");
            }
            StepForm::DecisionTask { meeting_id, topic } => {
                if let Some(t) = self.meeting(*meeting_id).and_then(|m| m.topics.get(topic - 1)).cloned() {
                    form.preset("title", &t.title, &[]);
                    let names: Vec<String> = t.demand_ids.iter().map(|id| self.data.label(Kind::Demand, *id)).collect();
                    form.preset("demand_ids", &names.join(crate::i18n::list_sep(self.lang)), &t.demand_ids);
                }
                form.focus_on("owner_id");
            }
            StepForm::Resolve { .. } => {
                form.preset("resolved_on", &today, &[]);
                form.focus_on("resolution");
            }
            StepForm::Unresolvable { .. } => {
                form.preset("on", &today, &[]);
                form.focus_on("reason");
            }
            StepForm::MoveMeeting { .. } => form.focus_on("date"),
            StepForm::FollowUp { demand_id } => {
                form.preset("date", &today, &[]);
                let member = match self.data.get(Kind::Demand, *demand_id).as_deref().map(|r| &r.data) {
                    Some(AnyData::Demand(d)) => d.member_id,
                    _ => None,
                };
                if let Some(id) = member {
                    form.preset("member_id", &self.data.label(Kind::Member, id), &[id]);
                }
                let satisfied = crate::model::enums::Satisfaction::Satisfied.label(self.lang);
                form.preset("satisfaction", satisfied, &[]);
                form.preset("kind", crate::model::enums::VisitKind::Phone.label(self.lang), &[]);
                form.focus_on("summary");
            }
        }
        self.show_form(form)
    }

    /// Who reports on a task: its owner's contact person, else the owner.
    fn reporter(&self, task_id: u64) -> String {
        let Some(AnyData::Task(task)) = self.data.get_held(Kind::Task, task_id).map(|r| &r.data) else {
            return String::new();
        };
        match self.data.get(Kind::Member, task.owner_id).as_deref().map(|r| &r.data) {
            Some(AnyData::Member(m)) if !m.contact_name.trim().is_empty() => m.contact_name.clone(),
            _ => self.data.label(Kind::Member, task.owner_id),
        }
    }

    pub(super) fn open_progress(&mut self) -> Vec<Effect> {
        match self.target(Kind::Task, Action::Progress) {
            Some(task_id) => self.open_step_form(StepForm::Progress { task_id }),
            None => Vec::new(),
        }
    }

    pub(super) fn move_meeting(&mut self) -> Vec<Effect> {
        match self.target(Kind::Meeting, Action::MoveMeeting) {
            Some(meeting_id) => self.open_step_form(StepForm::MoveMeeting { meeting_id }),
            None => Vec::new(),
        }
    }

    pub(super) fn finish_task(&mut self) -> Vec<Effect> {
        let Some(task_id) = self.target(Kind::Task, Action::Finish) else { return Vec::new() };
        vec![Effect::Step(Box::new(Request::FinishTask { task_id, done_on: self.today }))]
    }

    /// The year of the next joint meeting when it has no regular meeting yet,
    /// else next year if it has none: what the overview offers to plan.
    pub fn unplanned_year(&self) -> Option<i32> {
        let next = crate::rules::calendar::next_meeting(self.today, &self.data.calendar).quarter.year;
        [next, self.today.year() + 1].into_iter().find(|y| !self.has_regular_meeting(*y))
    }

    fn has_regular_meeting(&self, year: i32) -> bool {
        self.data.records(Kind::Meeting).iter().any(|r| match &r.data {
            AnyData::Meeting(m) => {
                m.kind == crate::model::enums::MeetingKind::Regular
                    && m.quarter.map_or(m.date.year(), |q| q.year) == year
            }
            _ => false,
        })
    }

    pub(super) fn plan_year(&mut self) -> Vec<Effect> {
        if self.tab != 0 && self.kind() != Some(Kind::Meeting) {
            let key = self.keymap.keys_for(Mode::Normal, Action::PlanYear).first().map(ToString::to_string);
            let key = key.unwrap_or_default();
            self.status = match self.lang {
                Lang::Zh => format!("{key}（安排例会）在总览页或“联席议事会”页使用"),
                Lang::En => format!("{key} (plan meetings) works on the overview or the Meetings tab"),
            };
            return Vec::new();
        }
        let year = self.unplanned_year().unwrap_or(self.today.year() + 1);
        let schedule = quarterly_schedule(year, &self.data.calendar);
        vec![Effect::Step(Box::new(Request::PlanYear { schedule }))]
    }

    pub(super) fn stepped(&mut self, out: Stepped) {
        let mut kinds: Vec<Kind> = Vec::new();
        for rec in &out.records {
            if !kinds.contains(&rec.kind()) {
                kinds.push(rec.kind());
            }
            self.data.upsert(rec.clone());
        }
        for kind in kinds {
            self.refresh_kind(kind);
        }
        // A record the step created is the one to see next in its list.
        if let (Request::DecisionToTask { .. } | Request::FollowUp { .. }, Some(rec)) =
            (&out.request, out.records.first())
        {
            self.lists[rec.kind() as usize].select_id(&self.data, rec.id());
        }
        // The last change's undo would act on records the step has moved on.
        self.undo = None;
        self.status = self.step_message(&out);
        if self.form.as_ref().is_some_and(|f| f.step.is_some()) {
            self.form = None;
        }
        let steps_done = self.chooser.as_ref().is_some_and(|c| c.kind == super::app_cycle::ChooserKind::DemandSteps);
        if steps_done {
            self.chooser = None;
        }
        let len = self.chooser_items().len();
        if let Some(chooser) = self.chooser.as_mut() {
            // A taken candidate leaves the agenda: stay on the row that took its place.
            chooser.selected = chooser.selected.min(len.saturating_sub(1));
        }
        self.mode = if self.chooser.is_some() { Mode::Chooser } else { Mode::Normal };
        self.ask_to_resolve(&out.unresolved);
    }

    /// Offers to resolve a finished task's pending demands; those whose
    /// lifecycle does not allow it yet (still `open`) are named instead.
    fn ask_to_resolve(&mut self, unresolved: &[AnyRecord]) {
        let resolvable = |r: &&AnyRecord| matches!(&r.data, AnyData::Demand(d) if next_states(d.status).contains(&DemandStatus::Resolved));
        let (ready, waiting): (Vec<&AnyRecord>, Vec<&AnyRecord>) = unresolved.iter().partition(resolvable);
        if !waiting.is_empty() {
            let ids: Vec<String> = waiting.iter().map(|r| r.id().to_string()).collect();
            self.status.push_str(&match self.lang {
                Lang::Zh => format!("；诉求 {} 尚未开始办理，不能直接办结", ids.join("、")),
                Lang::En => format!("; demand {} not started yet, so it cannot be resolved", ids.join(", ")),
            });
        }
        if !ready.is_empty() {
            self.question = Some(Question::ResolveDemands(ready.iter().map(|r| r.id()).collect()));
            self.mode = Mode::Confirm;
        }
    }

    fn step_message(&self, out: &Stepped) -> String {
        let lang = self.lang;
        let first = out.records.first();
        let label = |rec: Option<&AnyRecord>| rec.map(|r| self.data.label(r.kind(), r.id())).unwrap_or_default();
        match (&out.request, lang) {
            (Request::TakeTopic { .. }, _) => {
                let title = first.and_then(|r| match &r.data {
                    AnyData::Meeting(m) => m.topics.last().map(|t| t.title.clone()),
                    _ => None,
                });
                format!("{}{}", lang.pick("已列入议题：", "Taken into the topics: "), title.unwrap_or_default())
            }
            (Request::Attendance { member_ids, .. }, _) => {
                let id = member_ids.first().copied().unwrap_or_default();
                let present =
                    matches!(first.map(|r| &r.data), Some(AnyData::Meeting(m)) if m.attendee_ids.contains(&id));
                let name = self.data.label(Kind::Member, id);
                match (present, lang) {
                    (true, Lang::Zh) => format!("{name} 已到会"),
                    (false, Lang::Zh) => format!("{name} 未到会"),
                    (true, Lang::En) => format!("{name} is present"),
                    (false, Lang::En) => format!("{name} is absent"),
                }
            }
            (Request::RecordTopic { topic, .. }, Lang::Zh) => format!("已记录议题 {topic} 的讨论与议定事项"),
            (Request::RecordTopic { topic, .. }, Lang::En) => {
                format!("Topic {topic}: discussion and decision recorded")
            }
            (Request::DecisionToTask { .. }, Lang::Zh) => {
                format!(
                    "已新建责任事项“{}”，{} 条相关诉求转为办理中",
                    label(first),
                    out.records.len().saturating_sub(1)
                )
            }
            (Request::DecisionToTask { .. }, Lang::En) => format!(
                "Task \"{}\" created; {} linked demands now in progress",
                label(first),
                out.records.len().saturating_sub(1)
            ),
            (Request::ReportProgress { .. }, Lang::Zh) => format!("已记录“{}”的进展", label(first)),
            (Request::ReportProgress { .. }, Lang::En) => format!("Progress on \"{}\" recorded", label(first)),
            (Request::FinishTask { .. }, Lang::Zh) => format!("责任事项“{}”已完成", label(first)),
            (Request::FinishTask { .. }, Lang::En) => format!("Task \"{}\" is done", label(first)),
            (Request::StepDemand { id, .. }, _) => {
                let status = self.demand(*id).map(|d| d.status.label(lang)).unwrap_or_default();
                match lang {
                    Lang::Zh => format!("诉求 {id} 已改为“{status}”"),
                    Lang::En => format!("Demand {id} is now {status}"),
                }
            }
            (Request::FollowUp { demand_id, .. }, Lang::Zh) => {
                format!("已记录诉求 {demand_id} 的回访（走访记录 {}）", first.map(AnyRecord::id).unwrap_or_default())
            }
            (Request::FollowUp { demand_id, .. }, Lang::En) => format!(
                "Follow-up of demand {demand_id} recorded (visit {})",
                first.map(AnyRecord::id).unwrap_or_default()
            ),
            (Request::MoveMeeting { id, date, .. }, Lang::Zh) => format!("议事会 {id} 已改期至 {date}，原因记入纪要"),
            (Request::MoveMeeting { id, date, .. }, Lang::En) => {
                format!("Meeting {id} moved to {date}; the reason is in its minutes")
            }
            (Request::PlanYear { schedule }, _) => {
                let year = schedule.first().map(|s| s.quarter.year).unwrap_or_default();
                match (out.records.len(), lang) {
                    (0, Lang::Zh) => format!("{year} 年的 {} 次例会已在计划中，未新建", out.existing),
                    (0, Lang::En) => format!("{year} already has its {} regular meetings: none created", out.existing),
                    (n, Lang::Zh) => format!("已安排 {year} 年的 {n} 次例会（计划）"),
                    (n, Lang::En) => format!("Planned {n} regular meetings for {year}"),
                }
            }
            _ => lang.pick("已完成", "Done").into(),
        }
    }

    /// After finishing a task: yes opens one resolution for all its pending demands.
    pub(super) fn answer_resolve(&mut self, ids: Vec<u64>, yes: bool) -> Vec<Effect> {
        self.mode = Mode::Normal;
        if yes {
            return self.open_step_form(StepForm::Resolve { demand_ids: ids });
        }
        self.status = match self.lang {
            Lang::Zh => format!("{} 条相关诉求仍在办理中", ids.len()),
            Lang::En => format!("{} linked demands stay pending", ids.len()),
        };
        Vec::new()
    }
}
