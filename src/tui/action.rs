//! Everything a key, the `:` command line or a menu can do. Names are the
//! kebab-case words used in the user keymap file and on the command line.

use crate::i18n::Lang;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    Quit,
    NextTab,
    PrevTab,
    /// Tab by position: 0 is the overview, 1–11 the record kinds in `Kind::ALL` order.
    GoTab(u8),
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Open,
    Back,
    FocusLeft,
    FocusRight,
    Filter,
    Add,
    Edit,
    ToggleArchive,
    Undo,
    CommandLine,
    Help,
    SortNext,
    SortReverse,
    ShowArchived,
    QuickVisit,
    DutyReport,
    ShowFull,
    NextField,
    PrevField,
    ClearField,
    NewLine,
    Save,
    Cancel,
    Confirm,
    Deny,
    Complete,
    Pick,
    Agenda,
    Attendance,
    Topics,
    Progress,
    Finish,
    NextStep,
    PlanYear,
    DecisionTask,
    MoveMeeting,
    Remind,
    Overdue,
    MoveToSchedule,
}

/// Name, Chinese and English description of every action, in help order.
const TABLE: &[(Action, &str, &str, &str)] = &[
    (Action::Quit, "quit", "退出", "Quit"),
    (Action::NextTab, "next-tab", "下一个标签页", "Next tab"),
    (Action::PrevTab, "prev-tab", "上一个标签页", "Previous tab"),
    (Action::GoTab(0), "tab-1", "", ""),
    (Action::GoTab(1), "tab-2", "", ""),
    (Action::GoTab(2), "tab-3", "", ""),
    (Action::GoTab(3), "tab-4", "", ""),
    (Action::GoTab(4), "tab-5", "", ""),
    (Action::GoTab(5), "tab-6", "", ""),
    (Action::GoTab(6), "tab-7", "", ""),
    (Action::GoTab(7), "tab-8", "", ""),
    (Action::GoTab(8), "tab-9", "", ""),
    (Action::GoTab(9), "tab-10", "", ""),
    (Action::GoTab(10), "tab-11", "", ""),
    (Action::GoTab(11), "tab-12", "", ""),
    (Action::Up, "up", "上移", "Move up"),
    (Action::Down, "down", "下移", "Move down"),
    (Action::PageUp, "page-up", "上一页", "Page up"),
    (Action::PageDown, "page-down", "下一页", "Page down"),
    (Action::Top, "top", "到顶", "First row"),
    (Action::Bottom, "bottom", "到底", "Last row"),
    (Action::Open, "open", "打开/跳转", "Open / jump"),
    (Action::Back, "back", "返回", "Back"),
    (Action::FocusLeft, "focus-left", "切到列表", "Focus the list"),
    (Action::FocusRight, "focus-right", "切到详情", "Focus the detail"),
    (Action::Filter, "filter", "筛选", "Filter"),
    (Action::Add, "add", "新增", "Add"),
    (Action::Edit, "edit", "编辑", "Edit"),
    (Action::ToggleArchive, "archive", "归档/恢复", "Archive / unarchive"),
    (Action::Undo, "undo", "撤销", "Undo"),
    (Action::CommandLine, "command-line", "命令行", "Command line"),
    (Action::Help, "help", "帮助", "Help"),
    (Action::SortNext, "sort", "按下一列排序", "Sort by the next column"),
    (Action::SortReverse, "sort-reverse", "反向排序", "Reverse the sort"),
    (Action::ShowArchived, "show-archived", "显示/隐藏已归档", "Show / hide archived"),
    (Action::QuickVisit, "quick-visit", "快速记走访", "Quick visit"),
    (Action::ShowFull, "show-full", "查看选中记录的全文", "The selected record in full"),
    (Action::DutyReport, "duty-report", "述职材料（选中的委员或考评）", "Duty report (selected member or evaluation)"),
    (Action::NextField, "next-field", "下一项", "Next field"),
    (Action::PrevField, "prev-field", "上一项", "Previous field"),
    (Action::ClearField, "clear-field", "清空本项", "Clear"),
    (Action::NewLine, "new-line", "换行（多行文字）", "New line (long text)"),
    (Action::Save, "save", "保存", "Save"),
    (Action::Cancel, "cancel", "取消", "Cancel"),
    (Action::Confirm, "yes", "确定", "Yes"),
    (Action::Deny, "no", "否", "No"),
    (Action::Complete, "complete", "补全", "Complete"),
    (Action::Pick, "pick", "选定", "Pick"),
    (Action::Agenda, "agenda", "议事会：候选议题", "Meeting: candidate topics"),
    (Action::Attendance, "attendance", "议事会：签到", "Meeting: attendance"),
    (Action::Topics, "topics", "议事会：议题与决定", "Meeting: topics and decisions"),
    (Action::Progress, "progress", "责任事项：报告进展", "Task: report progress"),
    (Action::Finish, "finish", "责任事项：完成", "Task: finish"),
    (Action::NextStep, "next-step", "诉求：下一步", "Demand: next step"),
    (Action::PlanYear, "plan-year", "总览：安排下一年例会", "Overview: plan next year's meetings"),
    (Action::MoveMeeting, "move-meeting", "议事会：改期", "Meeting: move the date"),
    (
        Action::MoveToSchedule,
        "move-to-schedule",
        "议事会：落在节假日或调休日的改到日程日期",
        "Meeting: move one on a holiday or make-up day to the schedule's date",
    ),
    (Action::DecisionTask, "decision-to-task", "议定事项转责任事项", "Decision to task"),
    (Action::Remind, "remind", "督办：7 天内到期的事项（:remind 天数）", "Reminders: due within 7 days (:remind DAYS)"),
    (Action::Overdue, "overdue", "超期事项（按委员）", "Overdue, by member"),
];

impl Action {
    /// Whether it moves a selection (and, in a list, the record the detail pane is about).
    pub fn moves(self) -> bool {
        use Action::*;
        matches!(self, Up | Down | PageUp | PageDown | Top | Bottom)
    }

    pub fn name(self) -> &'static str {
        TABLE.iter().find(|(a, ..)| *a == self).map_or("", |(_, n, ..)| n)
    }

    pub fn describe(self, lang: Lang) -> &'static str {
        if let Action::GoTab(tab) = self {
            return super::tabs::name(usize::from(tab), lang, false);
        }
        TABLE.iter().find(|(a, ..)| *a == self).map_or("", |(_, _, zh, en)| lang.pick(zh, en))
    }

    pub fn parse(name: &str) -> Option<Action> {
        TABLE.iter().find(|(_, n, ..)| *n == name.trim()).map(|(a, ..)| *a)
    }

    pub fn all() -> impl Iterator<Item = Action> {
        TABLE.iter().map(|(a, ..)| *a)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_has_a_unique_name_that_parses_back() {
        let names: Vec<&str> = Action::all().map(Action::name).collect();
        let mut unique = names.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), names.len());
        for a in Action::all() {
            assert_eq!(Action::parse(a.name()), Some(a));
            assert!(!a.describe(Lang::Zh).is_empty() && !a.describe(Lang::En).is_empty());
        }
    }
}
