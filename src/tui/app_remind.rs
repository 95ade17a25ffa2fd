//! 督办 in the workbench: `:remind [DAYS]` (or its key) shows what falls due
//! within DAYS (7 unless given), `:overdue` what is late by member, each as
//! `silian remind` and `silian overdue` print it, over the list to scroll.

use super::app::{App, Question};
use super::app_import::ReportView;
use super::effects::Effect;
use crate::i18n::Lang;
use crate::ops::remind::{Overdue, Remind};
use crate::rules::calendar::next_meeting;
use crate::workflow::remind::{DueItem, MemberLate, DEFAULT_DAYS, MAX_DAYS};
use crate::workflow::remind_text::{overdue_lines, remind_lines};

impl App {
    pub(super) fn remind_command(&mut self, arg: &str) -> Vec<Effect> {
        let days = if arg.is_empty() { Some(DEFAULT_DAYS) } else { arg.parse().ok().filter(|d| *d <= MAX_DAYS) };
        let Some(days) = days else {
            self.status = match self.lang {
                Lang::Zh => format!("天数 \"{arg}\" 无效；用法：:remind [天数]，天数为 0 到 {MAX_DAYS}"),
                Lang::En => {
                    format!("\"{arg}\" is not a number of days; usage: :remind [DAYS], DAYS from 0 to {MAX_DAYS}")
                }
            };
            return Vec::new();
        };
        let scheduled = next_meeting(self.today, &self.data.calendar);
        vec![Effect::ask(Remind { today: self.today, days, scheduled })]
    }

    pub(super) fn overdue_command(&mut self) -> Vec<Effect> {
        vec![Effect::ask(Overdue { today: self.today })]
    }

    pub(super) fn show_reminders(&mut self, asked: &Remind, items: &[DueItem]) {
        let title = match self.lang {
            Lang::Zh => format!("督办：{} 天内到期", asked.days),
            Lang::En => format!("Reminders: due within {} days", asked.days),
        };
        let lines = remind_lines(items, asked.today, asked.days, self.lang);
        self.show_report(ReportView { title, lines, batch: None, scroll: 0 }, Question::CloseReport);
    }

    pub(super) fn show_overdue(&mut self, groups: &[MemberLate]) {
        let title = self.lang.pick("超期事项（按委员）", "Overdue, by member").to_string();
        let lines = overdue_lines(groups, self.lang);
        self.show_report(ReportView { title, lines, batch: None, scroll: 0 }, Question::CloseReport);
    }
}
