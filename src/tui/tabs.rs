//! The workbench's tabs: the overview, then one per record kind in
//! `Kind::ALL` order. Their names are written here and nowhere else (the tab
//! bar, the help's tab keys and the overview's title read them).

use crate::i18n::Lang;

/// Tabs: 0 is the overview, then one per record kind in `Kind::ALL` order.
pub const TAB_COUNT: usize = 10;

const ZH: [&str; TAB_COUNT] = ["总览", "委员", "单位", "社区", "联系户", "走访", "诉求", "议事会", "责任事项", "考评"];
const EN: [&str; TAB_COUNT] = [
    "Overview",
    "Members",
    "Units",
    "Communities",
    "Households",
    "Visits",
    "Demands",
    "Meetings",
    "Tasks",
    "Evaluations",
];
/// For a terminal too narrow for the English names.
const EN_SHORT: [&str; TAB_COUNT] = ["Home", "Memb", "Unit", "Comm", "Hous", "Visit", "Dem", "Meet", "Task", "Eval"];

/// Tab `tab`'s name; `short` when the full names do not fit.
pub fn name(tab: usize, lang: Lang, short: bool) -> &'static str {
    let tab = tab.min(TAB_COUNT - 1);
    match (lang, short) {
        (Lang::Zh, _) => ZH[tab],
        (Lang::En, false) => EN[tab],
        (Lang::En, true) => EN_SHORT[tab],
    }
}
