//! Keys resolve to actions through this table, per mode: built-in defaults, then
//! an optional user file. Help and status-bar hints are generated from it too.
//!
//! User file (`keymap.toml` in the store directory), each entry replacing the
//! keys of that action in that mode:
//! ```toml
//! [normal]
//! quit = ["q", "ctrl-q"]
//! add = "n"
//! ```

use super::action::Action;
use super::key::{Key, KeyCode};
use crate::i18n::Lang;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mode {
    Normal,
    Filter,
    Form,
    Picker,
    Command,
    Help,
    Confirm,
    /// A list of the meeting cycle over the body: agenda, attendance, topics, steps.
    Chooser,
    /// A report over the body (述职 material, an import's report, a record in full): it scrolls.
    Report,
}

impl Mode {
    pub const ALL: [Mode; 9] = [
        Mode::Normal,
        Mode::Filter,
        Mode::Form,
        Mode::Picker,
        Mode::Command,
        Mode::Help,
        Mode::Confirm,
        Mode::Chooser,
        Mode::Report,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Mode::Normal => "normal",
            Mode::Filter => "filter",
            Mode::Form => "form",
            Mode::Picker => "picker",
            Mode::Command => "command",
            Mode::Help => "help",
            Mode::Confirm => "confirm",
            Mode::Chooser => "chooser",
            Mode::Report => "report",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Mode::Normal => lang.pick("浏览", "Browse"),
            Mode::Filter => lang.pick("筛选", "Filter"),
            Mode::Form => lang.pick("表单", "Form"),
            Mode::Picker => lang.pick("选择", "Picker"),
            Mode::Command => lang.pick("命令行", "Command line"),
            Mode::Help => lang.pick("帮助", "Help"),
            Mode::Confirm => lang.pick("确认", "Confirm"),
            Mode::Chooser => lang.pick("议事清单", "Meeting cycle list"),
            Mode::Report => lang.pick("报告", "Report"),
        }
    }

    /// Modes where unbound printable keys are typed into a text field.
    pub fn takes_text(self) -> bool {
        !matches!(self, Mode::Normal | Mode::Confirm | Mode::Chooser | Mode::Report)
    }
}

#[derive(Clone, Debug)]
pub struct Keymap {
    entries: Vec<(Mode, Key, Action)>,
}

fn k(s: &str) -> Key {
    // Defaults are literals checked by the tests; a typo shows up there.
    Key::parse(s).unwrap_or(Key::plain(KeyCode::F(24)))
}

fn normal_defaults() -> Vec<(&'static str, Action)> {
    use Action::*;
    let mut keys = vec![
        ("q", Quit),
        ("tab", NextTab),
        ("shift-tab", PrevTab),
        ("j", Down),
        ("down", Down),
        ("k", Up),
        ("up", Up),
        ("pgdn", PageDown),
        ("pgup", PageUp),
        ("g", Top),
        ("home", Top),
        ("G", Bottom),
        ("end", Bottom),
        ("enter", Open),
        ("backspace", Back),
        ("h", FocusLeft),
        ("left", FocusLeft),
        ("l", FocusRight),
        ("right", FocusRight),
        ("/", Filter),
        ("a", Add),
        ("e", Edit),
        ("x", ToggleArchive),
        ("u", Undo),
        (":", CommandLine),
        ("?", Help),
        ("f1", Help),
        ("s", SortNext),
        ("S", SortReverse),
        ("A", ShowArchived),
        ("v", QuickVisit),
        ("r", Agenda),
        ("t", Attendance),
        ("o", Topics),
        ("p", Progress),
        ("F", Finish),
        ("m", NextStep),
        ("P", PlanYear),
        ("M", MoveMeeting),
        ("H", MoveToSchedule),
        ("R", DutyReport),
        ("z", ShowFull),
        ("D", Remind),
        ("O", Overdue),
    ];
    // The row of digits, and the two keys after it for the roster and the sessions.
    const TAB_KEYS: [&str; 12] = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "-", "="];
    keys.extend(TAB_KEYS.iter().enumerate().map(|(i, d)| (*d, GoTab(i as u8))));
    keys
}

fn defaults(mode: Mode) -> Vec<(&'static str, Action)> {
    use Action::*;
    match mode {
        Mode::Normal => normal_defaults(),
        Mode::Filter => vec![("enter", Confirm), ("esc", Cancel), ("down", Down), ("up", Up)],
        Mode::Form => vec![
            ("tab", NextField),
            ("down", NextField),
            ("shift-tab", PrevField),
            ("up", PrevField),
            ("enter", Save),
            ("ctrl-s", Save),
            ("ctrl-u", ClearField),
            ("ctrl-j", NewLine),
            ("alt-enter", NewLine),
            ("esc", Cancel),
        ],
        Mode::Picker => vec![
            ("down", Down),
            ("up", Up),
            ("enter", Pick),
            ("tab", NextField),
            ("shift-tab", PrevField),
            ("ctrl-s", Save),
            ("ctrl-u", ClearField),
            ("esc", Cancel),
        ],
        Mode::Command => vec![("enter", Confirm), ("tab", Complete), ("esc", Cancel)],
        Mode::Help => {
            vec![("esc", Cancel), ("f1", Cancel), ("down", Down), ("up", Up), ("pgdn", PageDown), ("pgup", PageUp)]
        }
        Mode::Confirm => vec![("y", Confirm), ("enter", Confirm), ("n", Deny), ("esc", Deny)],
        Mode::Report => vec![
            ("y", Confirm),
            ("enter", Confirm),
            ("n", Deny),
            ("esc", Deny),
            ("down", Down),
            ("j", Down),
            ("up", Up),
            ("k", Up),
            ("pgdn", PageDown),
            ("space", PageDown),
            ("pgup", PageUp),
            ("g", Top),
            ("G", Bottom),
        ],
        Mode::Chooser => vec![
            ("down", Down),
            ("j", Down),
            ("up", Up),
            ("k", Up),
            ("enter", Pick),
            ("space", Pick),
            ("t", DecisionTask),
            ("esc", Cancel),
        ],
    }
}

impl Keymap {
    pub fn defaults() -> Keymap {
        let entries = Mode::ALL
            .iter()
            .flat_map(|m| defaults(*m).into_iter().map(move |(key, action)| (*m, k(key), action)))
            .collect();
        Keymap { entries }
    }

    pub fn resolve(&self, mode: Mode, key: &Key) -> Option<Action> {
        self.entries.iter().find(|(m, k, _)| *m == mode && k == key).map(|(_, _, a)| *a)
    }

    /// The keys bound to `action` in `mode`, in table order.
    pub fn keys_for(&self, mode: Mode, action: Action) -> Vec<Key> {
        self.entries.iter().filter(|(m, _, a)| *m == mode && *a == action).map(|(_, k, _)| *k).collect()
    }

    /// The first key bound to `action` in `mode` as a text names it ("Enter",
    /// "u"), so that a user's keymap file is what the text says; empty when unbound.
    pub fn key_text(&self, mode: Mode, action: Action, lang: Lang) -> String {
        self.keys_for(mode, action).first().map(|k| k.text(lang)).unwrap_or_default()
    }

    /// Every key bound to `action` in `mode`, as a text names them ("Enter/空格").
    pub fn keys_text(&self, mode: Mode, action: Action, lang: Lang) -> String {
        self.keys_for(mode, action).iter().map(|k| k.text(lang)).collect::<Vec<_>>().join("/")
    }

    /// Actions of `mode` with their keys, in table order, for help and hints.
    pub fn bindings(&self, mode: Mode) -> Vec<(Action, Vec<Key>)> {
        let mut out: Vec<(Action, Vec<Key>)> = Vec::new();
        for (m, key, action) in &self.entries {
            if *m != mode {
                continue;
            }
            match out.iter_mut().find(|(a, _)| a == action) {
                Some((_, keys)) => keys.push(*key),
                None => out.push((*action, vec![*key])),
            }
        }
        out
    }

    /// Applies a user keymap; each bad entry is reported and skipped.
    pub fn with_user_file(mut self, text: &str, lang: Lang) -> (Keymap, Vec<String>) {
        let mut warnings = Vec::new();
        let table: toml::Table = match text.parse() {
            Ok(t) => t,
            Err(e) => {
                warnings.push(format!("keymap.toml: {}", e.message()));
                return (self, warnings);
            }
        };
        for (mode_name, entries) in &table {
            let Some(mode) = Mode::ALL.into_iter().find(|m| m.name() == mode_name) else {
                warnings.push(bad_entry(lang, mode_name, "", BadEntry::Mode));
                continue;
            };
            let Some(entries) = entries.as_table() else { continue };
            for (action_name, keys) in entries {
                self.apply_entry(mode, action_name, keys, lang, &mut warnings);
            }
        }
        (self, warnings)
    }

    fn apply_entry(
        &mut self,
        mode: Mode,
        action_name: &str,
        keys: &toml::Value,
        lang: Lang,
        warnings: &mut Vec<String>,
    ) {
        let Some(action) = Action::parse(action_name) else {
            let help = self.key_text(Mode::Normal, Action::Help, lang);
            warnings.push(bad_entry(lang, mode.name(), action_name, BadEntry::Action(help)));
            return;
        };
        let words: Vec<&str> = match keys {
            toml::Value::String(s) => vec![s.as_str()],
            toml::Value::Array(a) => a.iter().filter_map(toml::Value::as_str).collect(),
            _ => Vec::new(),
        };
        let parsed: Vec<Key> = words.iter().filter_map(|w| Key::parse(w).ok()).collect();
        if parsed.is_empty() || parsed.len() != words.len() {
            warnings.push(bad_entry(lang, mode.name(), action_name, BadEntry::Key));
            return;
        }
        self.entries.retain(|(m, k, a)| !(*m == mode && (*a == action || parsed.contains(k))));
        self.entries.extend(parsed.into_iter().map(|key| (mode, key, action)));
    }
}

enum BadEntry {
    Mode,
    /// With the key that opens the help, where the action names are.
    Action(String),
    Key,
}

fn bad_entry(lang: Lang, mode: &str, action: &str, what: BadEntry) -> String {
    let modes = Mode::ALL.map(Mode::name).join(", ");
    match (what, lang) {
        (BadEntry::Mode, Lang::Zh) => format!("keymap.toml：没有模式 [{mode}]，已跳过；可用：{modes}"),
        (BadEntry::Mode, Lang::En) => format!("keymap.toml: no mode [{mode}], skipped; modes are: {modes}"),
        (BadEntry::Action(help), Lang::Zh) => {
            format!("keymap.toml：[{mode}] 中没有动作 {action}，已跳过；按 {help} 查看动作名")
        }
        (BadEntry::Action(help), Lang::En) => {
            format!("keymap.toml: [{mode}] has no action {action}, skipped; see {help} for action names")
        }
        (BadEntry::Key, Lang::Zh) => {
            format!("keymap.toml：[{mode}] {action} 的按键无法识别，已跳过（如 \"ctrl-s\"、\"f1\"、\"q\"）")
        }
        (BadEntry::Key, Lang::En) => format!(
            "keymap.toml: [{mode}] {action} has a key that is not understood, skipped (e.g. \"ctrl-s\", \"f1\", \"q\")"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_default_key_parses() {
        for mode in Mode::ALL {
            for (key, _) in defaults(mode) {
                assert!(Key::parse(key).is_ok(), "{key}");
            }
        }
    }

    #[test]
    fn defaults_resolve_as_documented() {
        let map = Keymap::defaults();
        assert_eq!(map.resolve(Mode::Normal, &k("q")), Some(Action::Quit));
        assert_eq!(map.resolve(Mode::Normal, &k("0")), Some(Action::GoTab(9)));
        assert_eq!(map.resolve(Mode::Normal, &k("-")), Some(Action::GoTab(10)));
        assert_eq!(map.resolve(Mode::Normal, &k("=")), Some(Action::GoTab(11)));
        assert_eq!(map.resolve(Mode::Form, &k("ctrl-s")), Some(Action::Save));
        assert_eq!(map.resolve(Mode::Form, &k("q")), None);
    }

    #[test]
    fn a_user_file_rebinds_and_bad_entries_are_reported_and_skipped() {
        let text =
            "[normal]\nquit = [\"ctrl-q\"]\nadd = \"n\"\nfly = \"f\"\nedit = \"ctrl-??\"\n[nowhere]\nx = \"y\"\n";
        let (map, warnings) = Keymap::defaults().with_user_file(text, Lang::En);
        assert_eq!(map.resolve(Mode::Normal, &k("ctrl-q")), Some(Action::Quit));
        assert_eq!(map.resolve(Mode::Normal, &k("q")), None);
        assert_eq!(map.resolve(Mode::Normal, &k("n")), Some(Action::Add));
        assert_eq!(map.resolve(Mode::Normal, &k("e")), Some(Action::Edit), "bad entry leaves the default");
        assert_eq!(warnings.len(), 3, "{warnings:?}");
        assert!(warnings.iter().any(|w| w.contains("fly")));
        let (_, broken) = Keymap::defaults().with_user_file("[normal\n", Lang::Zh);
        assert_eq!(broken.len(), 1);
    }
}
