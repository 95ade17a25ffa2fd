//! `:tasks [overdue]` (unfinished tasks per responsible member) and
//! `:counts [category|status|community|member]` (demands counted per group),
//! shown over the list as the command line prints them.

use super::app::{App, Question};
use super::app_import::ReportView;
use super::effects::Effect;
use crate::workflow::demands::{GroupKey, Grouping};
use crate::workflow::tasks::OwnerTasks;
use crate::workflow::text;

impl App {
    pub(super) fn tasks_command(&mut self, arg: &str) -> Vec<Effect> {
        let overdue_only = match arg {
            "" => false,
            "overdue" | "逾期" => true,
            _ => {
                self.status = self.lang.pick("用法：:tasks [overdue]", "usage: :tasks [overdue]").into();
                return Vec::new();
            }
        };
        vec![Effect::ask(crate::ops::tasks::TasksByOwner { today: self.today, overdue_only })]
    }

    pub(super) fn counts_command(&mut self, arg: &str) -> Vec<Effect> {
        let by = match arg {
            "" | "category" | "类别" => Grouping::Category,
            "status" | "状态" => Grouping::Status,
            "community" | "社区" => Grouping::Community,
            "member" | "委员" => Grouping::Member,
            _ => {
                self.status = self
                    .lang
                    .pick(
                        "用法：:counts [category|status|community|member]",
                        "usage: :counts [category|status|community|member]",
                    )
                    .into();
                return Vec::new();
            }
        };
        vec![Effect::ask(crate::ops::demands::CountDemands { by })]
    }

    pub(super) fn show_owner_tasks(&mut self, groups: &[OwnerTasks], overdue_only: bool) {
        let title = if overdue_only {
            self.lang.pick("逾期责任事项（按责任人）", "Overdue tasks by owner")
        } else {
            self.lang.pick("未完成责任事项（按责任人）", "Unfinished tasks by owner")
        };
        let mut lines = text::owner_task_lines(groups, &self.data, self.today, self.lang);
        if lines.is_empty() {
            lines.push(text::no_tasks(overdue_only, self.lang).to_string());
        }
        self.show_lines(title, lines);
    }

    pub(super) fn show_counts(&mut self, by: Grouping, counts: &[(GroupKey, usize)]) {
        let title = format!("{}：{}", self.lang.pick("诉求统计", "Demands by"), text::group_heading(by, self.lang));
        let mut lines: Vec<String> =
            counts.iter().map(|(key, n)| format!("{n:>6}  {}", text::key_label(key, &self.data, self.lang))).collect();
        lines.push(text::total_line(counts, self.lang));
        self.show_lines(title.as_str(), lines);
    }

    /// A list to read over the body, scrolled by the report's keys; Enter closes it.
    fn show_lines(&mut self, title: &str, lines: Vec<String>) {
        let view = ReportView { title: title.to_string(), lines, batch: None, scroll: 0 };
        self.show_report(view, Question::CloseReport);
    }
}
