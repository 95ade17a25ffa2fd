//! The workbench's tabs: the overview, then one per record kind in
//! `Kind::ALL` order. Their names are written here and nowhere else (the tab
//! bar, the help's tab keys and the overview's title read them).

use crate::i18n::Lang;

/// Tabs: 0 is the overview, then one per record kind in `Kind::ALL` order.
pub const TAB_COUNT: usize = 12;

const ZH: [&str; TAB_COUNT] =
    ["总览", "委员", "单位", "社区", "联系户", "走访", "诉求", "议事会", "责任事项", "考评", "代表委员", "述职会"];
const ZH_SHORT: [&str; TAB_COUNT] =
    ["总览", "委员", "单位", "社区", "联系户", "走访", "诉求", "议事会", "责任事项", "考评", "代表", "述职"];
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
    "Deputies",
    "Sessions",
];
/// The one abbreviation of each name, used (longest names first) only as far
/// as the full names do not fit: all twelve in 80 cells.
const EN_SHORT: [&str; TAB_COUNT] =
    ["Over.", "Mem.", "Units", "Comm.", "Hholds", "Vis.", "Dem.", "Mtgs", "Tasks", "Evals", "Deps", "Sess."];

/// The names of the tabs in `width` cells, each shown as its key (`keys`, as
/// the keymap names them), its name and a space: full names where they fit;
/// past that, the longest ones take their abbreviation.
pub fn names(lang: Lang, width: usize, keys: &[String]) -> [&'static str; TAB_COUNT] {
    use unicode_width::UnicodeWidthStr;
    let mut shown: [&'static str; TAB_COUNT] = std::array::from_fn(|i| name(i, lang, false));
    let key_cells: usize = keys.iter().map(|k| k.width()).sum();
    let cells = |names: &[&str]| key_cells + names.iter().map(|n| n.width() + 1).sum::<usize>();
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

/// Tab `tab`'s name; `short` for its abbreviation.
pub fn name(tab: usize, lang: Lang, short: bool) -> &'static str {
    let tab = tab.min(TAB_COUNT - 1);
    match (lang, short) {
        (Lang::Zh, false) => ZH[tab],
        (Lang::Zh, true) => ZH_SHORT[tab],
        (Lang::En, false) => EN[tab],
        (Lang::En, true) => EN_SHORT[tab],
    }
}
