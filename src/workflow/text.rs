//! The cycle's lists as lines for people, shared by the command line and the
//! workbench: unfinished tasks per owner, and demands counted per group.

use super::demands::{GroupKey, Grouping};
use super::tasks::OwnerTasks;
use crate::i18n::Lang;
use crate::model::{AnyData, Kind, Task};
use crate::present::Labels;
use crate::rules::overdue::{days_since, task_overdue};
use chrono::NaiveDate;

pub fn member_name(names: &impl Labels, id: u64) -> String {
    names.label_of(Kind::Member, id).map_or_else(|| format!("#{id}"), std::borrow::Cow::into_owned)
}

/// Per owner a heading (`余伟军（3 项，逾期 1 项）`), then a line per task.
pub fn owner_task_lines(groups: &[OwnerTasks], names: &impl Labels, today: NaiveDate, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    for group in groups {
        let tasks: Vec<(u64, &Task)> = group
            .tasks
            .iter()
            .filter_map(|r| match &r.data {
                AnyData::Task(t) => Some((r.id(), &**t)),
                _ => None,
            })
            .collect();
        let late = tasks.iter().filter(|(_, t)| task_overdue(t, today)).count();
        let owner = member_name(names, group.owner_id);
        out.push(match lang {
            Lang::Zh => format!("{owner}（{} 项，逾期 {late} 项）", tasks.len()),
            Lang::En => format!("{owner} (tasks: {}, overdue: {late})", tasks.len()),
        });
        out.extend(tasks.into_iter().map(|(id, t)| format!("  {}", task_line(id, t, today, lang))));
    }
    out
}

/// `7  修路灯  时限 2026-11-28  逾期 1 天`; the lateness only when overdue.
pub fn task_line(id: u64, t: &Task, today: NaiveDate, lang: Lang) -> String {
    let due = match (t.due, lang) {
        (Some(d), Lang::Zh) => format!("  时限 {d}"),
        (Some(d), Lang::En) => format!("  due {d}"),
        (None, _) => String::new(),
    };
    let late = match (task_overdue(t, today), t.due, lang) {
        (true, Some(d), Lang::Zh) => format!("  逾期 {} 天", days_since(d, today)),
        (true, Some(d), Lang::En) => format!("  {} days late", days_since(d, today)),
        _ => String::new(),
    };
    format!("{id}  {}{due}{late}", t.title)
}

pub fn no_tasks(overdue_only: bool, lang: Lang) -> &'static str {
    if overdue_only {
        lang.pick("没有逾期的责任事项", "No overdue tasks")
    } else {
        lang.pick("没有未完成的责任事项", "No unfinished tasks")
    }
}

pub fn group_heading(by: Grouping, lang: Lang) -> &'static str {
    match by {
        Grouping::Category => lang.pick("类别", "Category"),
        Grouping::Status => lang.pick("状态", "Status"),
        Grouping::Community => lang.pick("社区", "Community"),
        Grouping::Member => lang.pick("委员", "Member"),
    }
}

pub fn key_label(key: &GroupKey, names: &impl Labels, lang: Lang) -> String {
    let none = || lang.pick("（无）", "(none)").to_string();
    match key {
        GroupKey::Category(c) => c.label(lang).into(),
        GroupKey::Status(s) => s.label(lang).into(),
        GroupKey::Community(Some(id)) => {
            names.label_of(Kind::Community, *id).map_or_else(|| format!("#{id}"), std::borrow::Cow::into_owned)
        }
        GroupKey::Member(Some(id)) => member_name(names, *id),
        GroupKey::Community(None) | GroupKey::Member(None) => none(),
    }
}

pub fn total_line(counts: &[(GroupKey, usize)], lang: Lang) -> String {
    let total: usize = counts.iter().map(|(_, n)| n).sum();
    match lang {
        Lang::Zh => format!("合计 {total} 条"),
        Lang::En => format!("{total} demands in all"),
    }
}
