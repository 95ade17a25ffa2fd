//! Steps of the meeting cycle: their forms opened with sensible defaults, the
//! task keys (progress, finish), planning a year, and what comes back — the
//! changed records take their place and the status says what was done.

use super::action::Action;
use super::app::App;
use super::effects::Effect;
use super::form::FormState;
use super::keymap::Mode;
use super::open::{Layer, Question};
use super::step_form::StepForm;
use crate::i18n::Lang;
use crate::model::enums::DemandStatus;
use crate::model::{AnyData, AnyRecord, Kind};
use crate::ops::{self, Request, Response};
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
            StepForm::Reopen { .. } => {
                form.preset("date", &today, &[]);
                form.focus_on("reason");
            }
            StepForm::Refer { .. } => {
                form.preset("date", &today, &[]);
                form.focus_on("department");
            }
            StepForm::DepartmentReply { .. } => form.focus_on("reply"),
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

    /// Who reports on a task by default, shown in the form before it is saved.
    fn reporter(&self, task_id: u64) -> String {
        let Some(AnyData::Task(task)) = self.data.get_held(Kind::Task, task_id).map(|r| &r.data) else {
            return String::new();
        };
        match self.data.get(Kind::Member, task.owner_id).as_deref().map(|r| &r.data) {
            Some(AnyData::Member(m)) => crate::workflow::tasks::reporter_of(m),
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

    /// Moves a planned meeting off a holiday or make-up day to its quarter's
    /// schedule date: the meeting selected on the meetings tab, else the first
    /// one the overview flags. The reason goes into its minutes.
    pub(super) fn move_to_schedule(&mut self) -> Vec<Effect> {
        let flagged = self.overview().off_calendar.clone();
        let on_meetings_tab = self.tab != 0 && self.kind() == Some(Kind::Meeting);
        let chosen = match self.selected() {
            Some((Kind::Meeting, id)) if on_meetings_tab => flagged.iter().find(|o| o.meeting_id == id),
            _ => flagged.iter().find(|o| o.schedule_date.is_some()),
        };
        let meeting = chosen.and_then(|o| Some((o.meeting_id, self.meeting(o.meeting_id)?.clone())));
        let op = meeting.and_then(|(id, m)| ops::meeting::MoveMeeting::to_schedule(id, &m, &self.data.calendar, None));
        match op {
            Some(op) => vec![Effect::Ask(Box::new(op.into()))],
            None => {
                self.status = self
                    .lang
                    .pick(
                        "没有落在节假日或调休日、可改到日程日期的计划会议",
                        "No planned meeting on a holiday or make-up day to move to the schedule's date",
                    )
                    .into();
                Vec::new()
            }
        }
    }

    /// A meeting's date, marked 暂定 while it is planned in a year without a notice.
    pub fn meeting_date_text(&self, m: &crate::model::Meeting) -> String {
        let provisional =
            m.status == crate::model::enums::MeetingStatus::Planned && self.data.calendar.is_provisional(m.date.year());
        match provisional {
            true => format!("{} {}", m.date, self.lang.pick("暂定", "provisional")),
            false => m.date.to_string(),
        }
    }

    pub(super) fn finish_task(&mut self) -> Vec<Effect> {
        let Some(task_id) = self.target(Kind::Task, Action::Finish) else { return Vec::new() };
        // Done before the meeting that handed it out was held: likely the wrong task.
        if let Some(meeting) = self.meeting_of_task(task_id).filter(|date| *date > self.today) {
            self.open
                .push(super::open::Layer::Question(super::open::Question::FinishBeforeMeeting { task_id, meeting }));
            return Vec::new();
        }
        self.finish_task_now(task_id)
    }

    pub(super) fn finish_task_now(&mut self, task_id: u64) -> Vec<Effect> {
        vec![Effect::Ask(Box::new(ops::tasks::FinishTask { task_id, done_on: self.today }.into()))]
    }

    /// The date of the meeting task `task_id` came from.
    fn meeting_of_task(&self, task_id: u64) -> Option<chrono::NaiveDate> {
        let task = self.data.get(Kind::Task, task_id)?;
        let AnyData::Task(t) = &task.data else { return None };
        let meeting = self.data.get(Kind::Meeting, t.meeting_id?)?;
        match &meeting.data {
            AnyData::Meeting(m) => Some(m.date),
            _ => None,
        }
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
            let key = self.keymap.key_text(Mode::Normal, Action::PlanYear, self.lang);
            self.status = match self.lang {
                Lang::Zh => format!("{key}（安排例会）在总览页或“联席议事会”页使用"),
                Lang::En => format!("{key} (plan meetings) works on the overview or the Meetings tab"),
            };
            return Vec::new();
        }
        let year = self.unplanned_year().unwrap_or(self.today.year() + 1);
        vec![Effect::Ask(Box::new(ops::meeting::PlanYear::for_year(year, &self.data.calendar).into()))]
    }

    /// The reply to a step of the meeting cycle: the records it gives take
    /// their place, and the status says what was done.
    pub(super) fn stepped(&mut self, request: Request, mut response: Response) {
        let mut kinds: Vec<Kind> = Vec::new();
        for rec in response.records_mut() {
            if !kinds.contains(&rec.kind()) {
                kinds.push(rec.kind());
            }
            self.data.upsert(rec.clone());
        }
        for kind in kinds {
            self.refresh_kind(kind);
        }
        // A record the step created is the one to see next in its list.
        if let Response::DecisionToTask(records) | Response::FollowUp(records) = &response {
            if let Some(rec) = records.first() {
                self.lists[rec.kind() as usize].select_id(&self.data, rec.id());
            }
        }
        // The last change's undo would act on records the step has moved on.
        self.undo = None;
        let said = request.outcome(&response, &|kind, id| self.data.label(kind, id), self.lang);
        if !said.is_empty() {
            self.status = said;
        }
        self.open.close(|o| matches!(o, Layer::Form(f) if f.step.is_some()));
        self.open.close(|o| matches!(o, Layer::Chooser(c) if c.kind == super::app_cycle::ChooserKind::DemandSteps));
        let len = self.chooser_items().len();
        if let Some(chooser) = self.open.chooser_mut() {
            // A taken candidate leaves the agenda: stay on the row that took its place.
            chooser.selected = chooser.selected.min(len.saturating_sub(1));
        }
        if let Response::FinishTask(finished) = &response {
            self.ask_to_resolve(&finished.unresolved);
        }
        if let Response::FollowUp(records) = &response {
            self.offer_reopening(records);
        }
    }

    /// An unsatisfied follow-up: offer to reopen the demand (重办) at once.
    fn offer_reopening(&mut self, records: &[AnyRecord]) {
        let unsatisfied = records.iter().find_map(|r| match &r.data {
            AnyData::Demand(d) if d.satisfaction == Some(crate::model::enums::Satisfaction::Unsatisfied) => {
                Some(r.id())
            }
            _ => None,
        });
        if let Some(id) = unsatisfied {
            self.open.push(Layer::Question(Question::Reopen(id)));
        }
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
            self.open.push(Layer::Question(Question::ResolveDemands(ready.iter().map(|r| r.id()).collect())));
        }
    }

    /// After finishing a task: yes opens one resolution for all its pending demands.
    pub(super) fn answer_resolve(&mut self, ids: Vec<u64>, yes: bool) -> Vec<Effect> {
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
