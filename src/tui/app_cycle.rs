//! The meeting cycle in the workbench: a meeting's agenda, attendance and
//! topics, a demand's next steps, listed in a chooser over the body; each
//! entry acts with one key, or opens the form of its step.

use super::action::Action;
use super::app::App;
use super::effects::Effect;
use super::keymap::Mode;
use super::open::Layer;
use super::step_form::StepForm;
use crate::i18n::Lang;
use crate::model::enums::{DemandStatus, Satisfaction};
use crate::model::{AnyData, Demand, Kind, Meeting};
use crate::ops::{self, Request};
use crate::workflow::agenda::{Candidates, HotIssue, Take};
use crate::workflow::demands::DemandStep;
use crate::workflow::lifecycle::next_states;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChooserKind {
    /// A meeting's candidate topics: Enter takes one.
    Agenda,
    /// Active members, marked when present: Enter or Space toggles.
    Attendance,
    /// A meeting's topics: Enter writes discussion and decision, `t` makes the task.
    Topics,
    /// The states a demand may move to, and its follow-up.
    DemandSteps,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Chooser {
    pub kind: ChooserKind,
    /// The meeting, or the demand.
    pub id: u64,
    pub selected: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Act {
    Take(Take),
    Toggle(u64),
    Topic(usize),
    Move(DemandStatus),
    FollowUp,
    Reopen,
    Refer,
    Reply,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ChooserItem {
    /// `[x]`, `[ ]`, or empty.
    pub mark: String,
    pub label: String,
    pub act: Act,
}

impl App {
    /// A key of the meeting cycle pressed while browsing.
    pub(super) fn cycle_key(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Agenda => self.open_chooser(ChooserKind::Agenda, Kind::Meeting, action),
            Action::Attendance => self.open_chooser(ChooserKind::Attendance, Kind::Meeting, action),
            Action::Topics => self.open_chooser(ChooserKind::Topics, Kind::Meeting, action),
            Action::NextStep => self.open_chooser(ChooserKind::DemandSteps, Kind::Demand, action),
            Action::Progress => return self.open_progress(),
            Action::Finish => return self.finish_task(),
            Action::PlanYear => return self.plan_year(),
            Action::MoveMeeting => return self.move_meeting(),
            Action::MoveToSchedule => return self.move_to_schedule(),
            _ => {}
        }
        Vec::new()
    }

    /// The record of `kind` selected in its tab, or a message saying where `action` works.
    pub(super) fn target(&mut self, kind: Kind, action: Action) -> Option<u64> {
        match self.selected() {
            Some((k, id)) if k == kind => Some(id),
            _ => {
                let key = self.keymap.key_text(Mode::Normal, action, self.lang);
                let tab = kind.plural_label(self.lang);
                self.status = match self.lang {
                    Lang::Zh => format!("{key}（{}）需在“{tab}”页选中一条记录后使用", action.describe(self.lang)),
                    Lang::En => {
                        format!("{key} ({}) works on the {tab} tab, with a record selected", action.describe(self.lang))
                    }
                };
                None
            }
        }
    }

    fn open_chooser(&mut self, kind: ChooserKind, of: Kind, action: Action) {
        let Some(id) = self.target(of, action) else { return };
        self.open.push(Layer::Chooser(Chooser { kind, id, selected: 0 }));
        if kind == ChooserKind::DemandSteps && self.chooser_items().is_empty() {
            self.close_chooser();
            self.status = match self.lang {
                Lang::Zh => format!("诉求 {id} 已办结并已回访，没有下一步"),
                Lang::En => format!("Demand {id} is closed and followed up: no step is left"),
            };
        }
    }

    pub(super) fn close_chooser(&mut self) {
        self.open.close(|o| matches!(o, Layer::Chooser(_)));
    }

    pub(super) fn chooser_action(&mut self, action: Action) -> Vec<Effect> {
        let len = self.chooser_items().len();
        let Some(chooser) = self.open.chooser_mut() else { return Vec::new() };
        match action {
            Action::Up => chooser.selected = chooser.selected.saturating_sub(1),
            Action::Down => chooser.selected = (chooser.selected + 1).min(len.saturating_sub(1)),
            Action::Cancel => self.close_chooser(),
            Action::Pick => return self.act_on_selected(),
            Action::DecisionTask => return self.open_decision_task(),
            _ => {}
        }
        Vec::new()
    }

    pub fn chooser_selected(&self) -> Option<ChooserItem> {
        let chooser = self.open.chooser()?;
        let items = self.chooser_items();
        items.get(chooser.selected.min(items.len().saturating_sub(1))).cloned()
    }

    fn act_on_selected(&mut self) -> Vec<Effect> {
        let (Some(chooser), Some(item)) = (self.open.chooser().cloned(), self.chooser_selected()) else {
            return Vec::new();
        };
        let id = chooser.id;
        let request = match item.act {
            Act::Take(take) => Request::from(ops::meeting::TakeTopic::one(id, take)),
            Act::Toggle(member) => {
                Request::from(ops::meeting::Attendance { meeting_id: id, member_ids: vec![member], present: None })
            }
            Act::Move(DemandStatus::InProgress) => {
                Request::from(ops::demands::StepDemand { id, step: DemandStep::Start })
            }
            Act::Move(DemandStatus::Escalated) => {
                Request::from(ops::demands::StepDemand { id, step: DemandStep::Escalate })
            }
            Act::Move(DemandStatus::Unresolvable) => {
                return self.open_step_form(StepForm::Unresolvable { demand_id: id })
            }
            Act::Move(_) => return self.open_step_form(StepForm::Resolve { demand_ids: vec![id] }),
            Act::FollowUp => return self.open_step_form(StepForm::FollowUp { demand_id: id }),
            Act::Reopen => return self.open_step_form(StepForm::Reopen { demand_id: id }),
            Act::Refer => return self.open_step_form(StepForm::Refer { demand_id: id }),
            Act::Reply => return self.open_step_form(StepForm::DepartmentReply { demand_id: id }),
            Act::Topic(topic) => return self.open_step_form(StepForm::Topic { meeting_id: id, topic }),
        };
        vec![Effect::Ask(Box::new(request))]
    }

    fn open_decision_task(&mut self) -> Vec<Effect> {
        let Some(chooser) = self.open.chooser().cloned().filter(|c| c.kind == ChooserKind::Topics) else {
            return Vec::new();
        };
        let Some(Act::Topic(topic)) = self.chooser_selected().map(|i| i.act) else { return Vec::new() };
        let decided =
            self.meeting(chooser.id).and_then(|m| m.topics.get(topic - 1).map(|t| !t.decision.trim().is_empty()));
        if decided != Some(true) {
            let key = self.keymap.key_text(Mode::Chooser, Action::Pick, self.lang);
            self.status = match self.lang {
                Lang::Zh => format!("这个议题还没有议定事项：先按 {key} 写下决定"),
                Lang::En => format!("This topic has no decision yet: {key} writes it first"),
            };
            return Vec::new();
        }
        self.open_step_form(StepForm::DecisionTask { meeting_id: chooser.id, topic })
    }

    pub fn meeting(&self, id: u64) -> Option<&Meeting> {
        match self.data.get_held(Kind::Meeting, id).map(|r| &r.data) {
            Some(AnyData::Meeting(m)) => Some(m),
            _ => None,
        }
    }

    /// Decoded: demands are held packed.
    pub fn demand(&self, id: u64) -> Option<Demand> {
        match self.data.get(Kind::Demand, id)?.into_owned().data {
            AnyData::Demand(d) => Some(*d),
            _ => None,
        }
    }

    /// The chooser's entries, from the data as it now is.
    pub fn chooser_items(&self) -> Vec<ChooserItem> {
        let Some(chooser) = self.open.chooser() else { return Vec::new() };
        match chooser.kind {
            ChooserKind::Agenda => self.agenda_items(chooser.id),
            ChooserKind::Attendance => self.attendance_items(chooser.id),
            ChooserKind::Topics => self.topic_items(chooser.id),
            ChooserKind::DemandSteps => self.step_items(chooser.id),
        }
    }

    /// What the store's agenda request would answer, from the data held here.
    pub fn agenda(&self, meeting_id: u64) -> Candidates {
        let Some(meeting) = self.meeting(meeting_id) else { return Candidates::default() };
        self.data.agenda(meeting, self.today)
    }

    /// Hot issues first (taking one takes all its demands), then late tasks.
    fn agenda_items(&self, meeting_id: u64) -> Vec<ChooserItem> {
        let lang = self.lang;
        let items = self.agenda(meeting_id);
        let issues = items.issues.into_iter().map(|issue| ChooserItem {
            mark: String::new(),
            label: issue_label(&issue, lang),
            act: Act::Take(Take::Demands(issue.demand_ids)),
        });
        let tasks = items.tasks.into_iter().map(|t| {
            let late = match lang {
                Lang::Zh => format!("超期 {} 天", t.days_late),
                Lang::En => format!("{} days overdue", t.days_late),
            };
            ChooserItem {
                mark: String::new(),
                label: format!("{} {} · {late} · {}", Kind::Task.label(lang), t.task_id, t.title),
                act: Act::Take(Take::Task(t.task_id)),
            }
        });
        issues.chain(tasks).collect()
    }

    fn attendance_items(&self, meeting_id: u64) -> Vec<ChooserItem> {
        let present = self.meeting(meeting_id).map(|m| m.attendee_ids.clone()).unwrap_or_default();
        let members = self.data.records(Kind::Member).iter();
        members
            .filter(|r| !r.meta.archived || present.contains(&r.id()))
            .map(|r| ChooserItem {
                mark: if present.contains(&r.id()) { "[x]" } else { "[ ]" }.into(),
                label: self.data.label(Kind::Member, r.id()),
                act: Act::Toggle(r.id()),
            })
            .collect()
    }

    fn topic_items(&self, meeting_id: u64) -> Vec<ChooserItem> {
        let Some(meeting) = self.meeting(meeting_id) else { return Vec::new() };
        let sep = self.lang.pick("：", ": ");
        meeting
            .topics
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let decided = !t.decision.trim().is_empty();
                let decision = if decided { format!(" → {}", t.decision) } else { String::new() };
                ChooserItem {
                    mark: if decided { "[x]" } else { "[ ]" }.into(),
                    label: format!("{}{sep}{}{decision}", i + 1, t.title),
                    act: Act::Topic(i + 1),
                }
            })
            .collect()
    }

    fn step_items(&self, demand_id: u64) -> Vec<ChooserItem> {
        let Some(demand) = self.demand(demand_id) else { return Vec::new() };
        let mut items: Vec<ChooserItem> = next_states(demand.status)
            .iter()
            .map(|s| ChooserItem {
                mark: String::new(),
                label: format!("{}{}", self.lang.pick("改为：", "Move to: "), s.label(self.lang)),
                act: Act::Move(*s),
            })
            .collect();
        let closed = matches!(demand.status, DemandStatus::Resolved | DemandStatus::Unresolvable);
        if closed && demand.follow_up_on.is_none() {
            let label = self
                .lang
                .pick("回访（记录满意度，生成走访记录）", "Follow-up visit (satisfaction, recorded as a visit)");
            items.push(ChooserItem { mark: String::new(), label: label.into(), act: Act::FollowUp });
        }
        let lang = self.lang;
        let item = |label: &str, act| ChooserItem { mark: String::new(), label: label.to_string(), act };
        if closed && demand.satisfaction == Some(Satisfaction::Unsatisfied) {
            items.push(item(
                lang.pick("重办（回访不满意，重新办理）", "Reopen (the follow-up was unsatisfied)"),
                Act::Reopen,
            ));
        }
        if !closed {
            let refer = if demand.referred_to.is_empty() {
                lang.pick("转办职能部门", "Refer to a department")
            } else {
                lang.pick("改转其他部门", "Refer to another department")
            };
            items.push(item(refer, Act::Refer));
        }
        if !demand.referred_to.is_empty() {
            items.push(item(lang.pick("记录部门答复", "Record the department's reply"), Act::Reply));
        }
        items
    }

    /// The chooser's title.
    pub fn chooser_title(&self) -> String {
        let Some(chooser) = self.open.chooser() else { return String::new() };
        let meeting = || self.meeting(chooser.id).map_or(format!("#{}", chooser.id), |m| self.meeting_date_text(m));
        let pick = self.keymap.key_text(Mode::Chooser, Action::Pick, self.lang);
        match (chooser.kind, self.lang) {
            (ChooserKind::Agenda, Lang::Zh) => format!("议事会 {} 的候选议题（{pick} 列入议题）", meeting()),
            (ChooserKind::Agenda, Lang::En) => {
                format!("Candidate topics for the meeting of {} ({pick} takes)", meeting())
            }
            (ChooserKind::Attendance, lang) => {
                let toggle = self.keymap.keys_text(Mode::Chooser, Action::Pick, lang);
                match lang {
                    Lang::Zh => format!("议事会 {} 参会人员（{toggle} 签到）", meeting()),
                    Lang::En => format!("Attendance at the meeting of {} ({toggle} toggles)", meeting()),
                }
            }
            (ChooserKind::Topics, lang) => {
                let task = self.keymap.key_text(Mode::Chooser, Action::DecisionTask, lang);
                match lang {
                    Lang::Zh => format!("议事会 {} 的议题（{pick} 记录，{task} 转责任事项）", meeting()),
                    Lang::En => format!("Topics of the meeting of {} ({pick} records, {task} makes a task)", meeting()),
                }
            }
            (ChooserKind::DemandSteps, _) => {
                let status = self.demand(chooser.id).map(|d| d.status.label(self.lang)).unwrap_or_default();
                match self.lang {
                    Lang::Zh => format!("诉求 {}（{status}）的下一步", chooser.id),
                    Lang::En => format!("Next step for demand {} ({status})", chooser.id),
                }
            }
        }
    }

    /// What the chooser shows when it has no entries.
    pub fn chooser_empty(&self) -> String {
        match self.open.chooser().map(|c| c.kind) {
            Some(ChooserKind::Agenda) => self.lang.pick("没有候选议题", "No candidate topics").into(),
            Some(ChooserKind::Topics) => {
                let key = self.keymap.key_text(Mode::Normal, Action::Agenda, self.lang);
                match self.lang {
                    Lang::Zh => format!("还没有议题：按 {key} 从候选议题中列入"),
                    Lang::En => format!("No topics yet: {key} takes them from the agenda"),
                }
            }
            _ => self.lang.pick("（空）", "(none)").into(),
        }
    }
}

/// `诉求 12、15 · 2 户 · 已等 45 天 · 逾期 · 电动车在楼道充电…`: which demands
/// and how pressing first, so that the title is what a narrow screen cuts.
fn issue_label(issue: &HotIssue, lang: Lang) -> String {
    let ids = &issue.demand_ids;
    let shown: Vec<String> = ids.iter().map(u64::to_string).collect();
    let demands = match (ids.len(), lang) {
        (1, _) => format!("{} {}", Kind::Demand.label(lang), shown[0]),
        (2..=3, Lang::Zh) => format!("诉求 {}", shown.join("、")),
        (2..=3, Lang::En) => format!("demands {}", shown.join(", ")),
        (n, Lang::Zh) => format!("诉求 {} 等 {n} 条", shown[0]),
        (n, Lang::En) => format!("{n} demands ({}…)", shown[0]),
    };
    let households = match (issue.households, lang) {
        (n, Lang::Zh) => format!("{n} 户"),
        (1, Lang::En) => "1 household".to_string(),
        (n, Lang::En) => format!("{n} households"),
    };
    let waited = match lang {
        Lang::Zh => format!("已等 {} 天", issue.waited_days),
        Lang::En => format!("{} days waiting", issue.waited_days),
    };
    let mut parts = vec![demands, households, waited];
    if issue.escalated {
        parts.push(lang.pick("提交议事会", "escalated").into());
    }
    if issue.overdue {
        parts.push(lang.pick("逾期", "overdue").into());
    }
    parts.push(issue.title.clone());
    parts.join(" · ")
}
