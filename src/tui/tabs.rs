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
/// The one abbreviation of each English name, used (longest names first) only
/// as far as the full names do not fit.
const EN_SHORT: [&str; TAB_COUNT] =
    ["Overv.", "Memb.", "Units", "Comm.", "Hholds", "Visits", "Dem.", "Mtgs", "Tasks", "Evals"];

/// The names of the tabs in `width` cells, each shown as `1名称 `: full names
/// where they fit; past that, the longest ones take their abbreviation.
pub fn names(lang: Lang, width: usize) -> [&'static str; TAB_COUNT] {
    let mut shown: [&'static str; TAB_COUNT] = std::array::from_fn(|i| name(i, lang, false));
    let cells = |names: &[&str]| names.iter().map(|n| unicode_width::UnicodeWidthStr::width(*n) + 2).sum::<usize>();
    let mut by_length: Vec<usize> = (0..TAB_COUNT).collect();
    by_length.sort_by_key(|i| std::cmp::Reverse(shown[*i].len()));
    for i in by_length {
        if cells(&shown) <= width {
            break;
        }
        shown[i] = name(i, lang, true);
    }
    shown
}

/// Tab `tab`'s name; `short` for its abbreviation (the same in Chinese).
pub fn name(tab: usize, lang: Lang, short: bool) -> &'static str {
    let tab = tab.min(TAB_COUNT - 1);
    match (lang, short) {
        (Lang::Zh, _) => ZH[tab],
        (Lang::En, false) => EN[tab],
        (Lang::En, true) => EN_SHORT[tab],
    }
}
