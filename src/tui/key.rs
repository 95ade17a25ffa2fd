//! Our own key type, so that crossterm events, tests and a user's keymap file all drive one keymap.
//!
//! # Canonical form
//!
//! Several spellings reach the same physical key, so every constructor funnels through
//! [`Key::normalized`], and two keys are equal exactly when they would fire the same binding:
//!
//! - A character key never carries `shift`; shift is folded into the character. `A` is
//!   `Char('A')`, and `shift-a` parses to it. Terminals already deliver the shifted character
//!   (`!`, not shift-1), so a flag would only give one key two spellings. `parse` rejects shift on
//!   a character without case (`shift-1`), because we cannot know what the user's layout makes of it.
//! - With `ctrl`, a letter is lower case and shift is dropped: legacy terminals (so most SSH sessions)
//!   send the same byte for ctrl-s, ctrl-S and ctrl-shift-s, so a binding on another form could never fire.
//! - With `alt` alone the case stays: terminals send ESC+`x` and ESC+`X` differently.
//! - Shift-Tab is [`KeyCode::BackTab`] without `shift`.
//! - Every other key (arrows, F-keys, Enter, …) keeps `shift` as given.
//!
//! `Display` prints modifiers as `ctrl-alt-shift-` in that order, then the key name: `ctrl-s`,
//! `shift-tab`, `f1`, `pgdn`, `enter`, `space`, `a`, `A`, `?`. `parse` also takes `+` as separator,
//! any case for modifier and key names (`Ctrl+S`, `PgDn`), and aliases such as `pagedown`, `delete`.
//! Input is taken as is: callers trim whitespace around it if they want that.

use std::fmt;
use std::str::FromStr;

use ratatui::crossterm::event::{KeyCode as CtCode, KeyEvent, KeyEventKind, KeyModifiers};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
    pub shift: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyCode {
    Char(char),
    F(u8),
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Delete,
    Insert,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
}

/// A key spelling that [`Key::parse`] does not understand.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyParseError {
    pub input: String,
}

impl fmt::Display for KeyParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not a key: {:?}", self.input)
    }
}

impl std::error::Error for KeyParseError {}

/// Names accepted by `parse`; the first name listed for a code is the one `Display` prints.
const NAMES: &[(&str, KeyCode)] = &[
    ("space", KeyCode::Char(' ')),
    ("enter", KeyCode::Enter),
    ("return", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("escape", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("backspace", KeyCode::Backspace),
    ("del", KeyCode::Delete),
    ("delete", KeyCode::Delete),
    ("ins", KeyCode::Insert),
    ("insert", KeyCode::Insert),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("pgup", KeyCode::PageUp),
    ("pageup", KeyCode::PageUp),
    ("pgdn", KeyCode::PageDown),
    ("pagedown", KeyCode::PageDown),
    ("pgdown", KeyCode::PageDown),
];

#[derive(Clone, Copy)]
enum Modifier {
    Ctrl,
    Alt,
    Shift,
}

const MODIFIERS: &[(&str, Modifier)] = &[
    ("ctrl", Modifier::Ctrl),
    ("control", Modifier::Ctrl),
    ("alt", Modifier::Alt),
    ("meta", Modifier::Alt),
    ("shift", Modifier::Shift),
];

impl Key {
    /// Parses a spelling such as `ctrl-s`, `Ctrl+S`, `shift-tab`, `f1`, `pgdn` or `?`.
    pub fn parse(s: &str) -> Result<Key, KeyParseError> {
        let error = || KeyParseError { input: s.to_owned() };
        let mut key = Key::plain(KeyCode::Esc);
        let mut rest = s;
        while let Some((modifier, after)) = split_modifier(rest) {
            match modifier {
                Modifier::Ctrl => key.ctrl = true,
                Modifier::Alt => key.alt = true,
                Modifier::Shift => key.shift = true,
            }
            rest = after;
        }
        key.code = parse_code(rest).ok_or_else(error)?;
        if key.shift && matches!(key.code, KeyCode::Char(c) if !has_case(c)) {
            return Err(error());
        }
        Ok(key.normalized())
    }

    /// Converts a terminal key event; `None` for releases and for keys the keymap cannot name.
    pub fn from_crossterm(ev: &KeyEvent) -> Option<Key> {
        if ev.kind == KeyEventKind::Release {
            return None;
        }
        let mods = ev.modifiers;
        // Super and Hyper only arrive under the kitty protocol. We cannot spell them, and
        // dropping them would turn super-s into a typed `s`.
        if mods.intersects(KeyModifiers::SUPER | KeyModifiers::HYPER) {
            return None;
        }
        let key = Key {
            code: code_from_crossterm(ev.code)?,
            ctrl: mods.contains(KeyModifiers::CONTROL),
            // Kitty reports Meta apart from Alt; users mean the same key by both.
            alt: mods.intersects(KeyModifiers::ALT | KeyModifiers::META),
            shift: mods.contains(KeyModifiers::SHIFT),
        };
        Some(key.normalized())
    }

    pub const fn plain(code: KeyCode) -> Key {
        Key { code, ctrl: false, alt: false, shift: false }
    }

    /// Ctrl plus a character; ASCII letters are lowered so `Key::ctrl('S') == Key::ctrl('s')`.
    pub const fn ctrl(c: char) -> Key {
        Key { code: KeyCode::Char(c.to_ascii_lowercase()), ctrl: true, alt: false, shift: false }
    }

    /// A character typed alone; pass `'A'` for shift-a.
    pub const fn ch(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    /// The canonical form described in the module docs.
    pub fn normalized(self) -> Key {
        let Key { code, ctrl, alt, shift } = self;
        match code {
            KeyCode::Char(c) => {
                let c = if ctrl {
                    single(c.to_lowercase()).unwrap_or(c)
                } else if shift {
                    single(c.to_uppercase()).unwrap_or(c)
                } else {
                    c
                };
                Key { code: KeyCode::Char(c), ctrl, alt, shift: false }
            }
            KeyCode::Tab if shift => Key { code: KeyCode::BackTab, ctrl, alt, shift: false },
            KeyCode::BackTab => Key { shift: false, ..self },
            _ => self,
        }
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let key = self.normalized();
        if key.ctrl {
            f.write_str("ctrl-")?;
        }
        if key.alt {
            f.write_str("alt-")?;
        }
        if key.shift || key.code == KeyCode::BackTab {
            f.write_str("shift-")?;
        }
        match key.code {
            KeyCode::BackTab => f.write_str("tab"),
            KeyCode::F(n) => write!(f, "f{n}"),
            code => match NAMES.iter().find(|(_, c)| *c == code) {
                Some((name, _)) => f.write_str(name),
                None => match code {
                    KeyCode::Char(c) => write!(f, "{c}"),
                    // Every non-character code has an entry in NAMES.
                    _ => unreachable!("key code without a name: {code:?}"),
                },
            },
        }
    }
}

impl Key {
    /// The key as a sentence names it: named keys capitalized ("Enter",
    /// "Ctrl-s"), the space bar in the user's language, a letter as it is.
    pub fn text(&self, lang: crate::i18n::Lang) -> String {
        let name = self.to_string();
        let local = match name.as_str() {
            "space" => Some(lang.pick("空格", "Space")),
            "up" => Some(lang.pick("上键", "Up")),
            "down" => Some(lang.pick("下键", "Down")),
            "left" => Some(lang.pick("左键", "Left")),
            "right" => Some(lang.pick("右键", "Right")),
            _ => None,
        };
        if let Some(local) = local {
            return local.into();
        }
        let mut chars = name.chars();
        match chars.next() {
            Some(first) if name.len() > 1 && first.is_ascii_lowercase() => {
                first.to_ascii_uppercase().to_string() + chars.as_str()
            }
            _ => name,
        }
    }
}

impl FromStr for Key {
    type Err = KeyParseError;

    fn from_str(s: &str) -> Result<Key, KeyParseError> {
        Key::parse(s)
    }
}

/// Keys are stored in keymap files as their canonical spelling.
impl Serialize for Key {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Key, D::Error> {
        let s = String::deserialize(deserializer)?;
        Key::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// Splits `ctrl-rest` into its modifier and `rest`. A separator with nothing after it is the key
/// itself, which is how `ctrl--` and `-` name the minus key.
fn split_modifier(s: &str) -> Option<(Modifier, &str)> {
    let at = s.find(['-', '+'])?;
    let (name, after) = (&s[..at], &s[at + 1..]);
    if after.is_empty() {
        return None;
    }
    lookup(MODIFIERS, name).map(|m| (m, after))
}

fn parse_code(name: &str) -> Option<KeyCode> {
    if let Some(c) = single(name.chars()) {
        return Some(KeyCode::Char(c));
    }
    if let Some(code) = lookup(NAMES, name) {
        return Some(code);
    }
    let digits = name.strip_prefix(['f', 'F'])?;
    // u8's parser would also take a sign ("f+1").
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().map(KeyCode::F)
}

fn lookup<T: Copy>(table: &[(&str, T)], name: &str) -> Option<T> {
    table.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| *v)
}

/// The only item of `it`, if it has exactly one: case mappings such as ß → SS have no
/// single-character result, and we keep the original then.
fn single(mut it: impl Iterator<Item = char>) -> Option<char> {
    match (it.next(), it.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    }
}

fn has_case(c: char) -> bool {
    c.is_lowercase() || c.is_uppercase()
}

fn code_from_crossterm(code: CtCode) -> Option<KeyCode> {
    Some(match code {
        CtCode::Char(c) => KeyCode::Char(c),
        CtCode::F(n) => KeyCode::F(n),
        CtCode::Enter => KeyCode::Enter,
        CtCode::Esc => KeyCode::Esc,
        CtCode::Tab => KeyCode::Tab,
        CtCode::BackTab => KeyCode::BackTab,
        CtCode::Backspace => KeyCode::Backspace,
        CtCode::Delete => KeyCode::Delete,
        CtCode::Insert => KeyCode::Insert,
        CtCode::Up => KeyCode::Up,
        CtCode::Down => KeyCode::Down,
        CtCode::Left => KeyCode::Left,
        CtCode::Right => KeyCode::Right,
        CtCode::Home => KeyCode::Home,
        CtCode::End => KeyCode::End,
        CtCode::PageUp => KeyCode::PageUp,
        CtCode::PageDown => KeyCode::PageDown,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use ratatui::crossterm::event::KeyEventState;

    fn key(code: KeyCode, ctrl: bool, alt: bool, shift: bool) -> Key {
        Key { code, ctrl, alt, shift }
    }

    fn parsed(s: &str) -> Key {
        Key::parse(s).unwrap_or_else(|e| panic!("{s:?} should parse: {e}"))
    }

    #[test]
    fn listed_spellings_parse() {
        assert_eq!(parsed("ctrl-s"), Key::ctrl('s'));
        assert_eq!(parsed("Ctrl+S"), Key::ctrl('s'));
        assert_eq!(parsed("CONTROL-s"), Key::ctrl('s'));
        assert_eq!(parsed("a"), Key::ch('a'));
        assert_eq!(parsed("A"), Key::ch('A'));
        assert_eq!(parsed("shift-a"), Key::ch('A'));
        assert_eq!(parsed("shift-A"), Key::ch('A'));
        assert_eq!(parsed("shift-tab"), Key::plain(KeyCode::BackTab));
        assert_eq!(parsed("backtab"), Key::plain(KeyCode::BackTab));
        assert_eq!(parsed("f1"), Key::plain(KeyCode::F(1)));
        assert_eq!(parsed("F12"), Key::plain(KeyCode::F(12)));
        assert_eq!(parsed("pgdn"), Key::plain(KeyCode::PageDown));
        assert_eq!(parsed("pagedown"), Key::plain(KeyCode::PageDown));
        assert_eq!(parsed("PgDn"), Key::plain(KeyCode::PageDown));
        assert_eq!(parsed("pgup"), Key::plain(KeyCode::PageUp));
        assert_eq!(parsed("enter"), Key::plain(KeyCode::Enter));
        assert_eq!(parsed("esc"), Key::plain(KeyCode::Esc));
        assert_eq!(parsed("space"), Key::ch(' '));
        assert_eq!(parsed(" "), Key::ch(' '));
        assert_eq!(parsed("?"), Key::ch('?'));
        assert_eq!(parsed("1"), Key::ch('1'));
        assert_eq!(parsed("alt-x"), key(KeyCode::Char('x'), false, true, false));
        assert_eq!(parsed("backspace"), Key::plain(KeyCode::Backspace));
        assert_eq!(parsed("del"), Key::plain(KeyCode::Delete));
        assert_eq!(parsed("delete"), Key::plain(KeyCode::Delete));
        assert_eq!(parsed("余"), Key::ch('余'));
    }

    #[test]
    fn separators_can_be_keys() {
        assert_eq!(parsed("-"), Key::ch('-'));
        assert_eq!(parsed("+"), Key::ch('+'));
        assert_eq!(parsed("ctrl--"), Key::ctrl('-'));
        assert_eq!(parsed("ctrl-+"), Key::ctrl('+'));
        assert_eq!(parsed("alt+-"), key(KeyCode::Char('-'), false, true, false));
    }

    #[test]
    fn modifiers_fold_into_the_canonical_form() {
        assert_eq!(parsed("ctrl-shift-s"), Key::ctrl('s'));
        assert_eq!(parsed("ctrl-S"), Key::ctrl('s'));
        assert_eq!(parsed("shift-ctrl-s"), Key::ctrl('s'));
        assert_eq!(parsed("alt-shift-x"), key(KeyCode::Char('X'), false, true, false));
        assert_eq!(parsed("alt-X"), key(KeyCode::Char('X'), false, true, false));
        assert_eq!(parsed("ctrl-shift-tab"), key(KeyCode::BackTab, true, false, false));
        assert_eq!(parsed("shift-up"), key(KeyCode::Up, false, false, true));
        assert_eq!(parsed("ctrl-alt-del"), key(KeyCode::Delete, true, true, false));
        assert_eq!(Key::ctrl('S'), Key::ctrl('s'));
    }

    #[test]
    fn bad_spellings_are_rejected() {
        for s in ["", "ctrl", "ctrl-", "ctrl+", "--", "foo", "f256", "f+1", "f", "hyper-x", "shift-1", "shift-space"] {
            if s == "f" {
                // A lone letter is that letter, not a malformed F-key.
                assert_eq!(parsed(s), Key::ch('f'));
                continue;
            }
            let err = Key::parse(s).expect_err(s);
            assert_eq!(err.input, s);
        }
        assert_eq!(Key::parse(" ctrl-s").unwrap_err().to_string(), "not a key: \" ctrl-s\"");
    }

    #[test]
    fn display_is_canonical() {
        let cases = [
            (Key::ctrl('s'), "ctrl-s"),
            (Key::plain(KeyCode::BackTab), "shift-tab"),
            (key(KeyCode::Tab, false, false, true), "shift-tab"),
            (Key::plain(KeyCode::F(1)), "f1"),
            (Key::plain(KeyCode::PageDown), "pgdn"),
            (Key::plain(KeyCode::Enter), "enter"),
            (Key::ch(' '), "space"),
            (Key::ch('a'), "a"),
            (Key::ch('A'), "A"),
            (key(KeyCode::Char('a'), false, false, true), "A"),
            (Key::ch('?'), "?"),
            (Key::plain(KeyCode::Delete), "del"),
            (key(KeyCode::Up, true, true, true), "ctrl-alt-shift-up"),
            (Key::ctrl('-'), "ctrl--"),
        ];
        for (k, text) in cases {
            assert_eq!(k.to_string(), text);
            assert_eq!(text.parse::<Key>(), Ok(k.normalized()));
        }
    }

    fn event(code: CtCode, mods: KeyModifiers, kind: KeyEventKind) -> KeyEvent {
        KeyEvent::new_with_kind_and_state(code, mods, kind, KeyEventState::NONE)
    }

    fn from_ct(code: CtCode, mods: KeyModifiers) -> Option<Key> {
        Key::from_crossterm(&KeyEvent::new(code, mods))
    }

    #[test]
    fn crossterm_events_are_normalised() {
        let none = KeyModifiers::NONE;
        let shift = KeyModifiers::SHIFT;
        let ctrl = KeyModifiers::CONTROL;
        assert_eq!(from_ct(CtCode::Char('a'), none), Some(Key::ch('a')));
        assert_eq!(from_ct(CtCode::Char('A'), shift), Some(Key::ch('A')));
        // Kitty-protocol terminals report the unshifted letter plus SHIFT.
        assert_eq!(from_ct(CtCode::Char('a'), shift), Some(Key::ch('A')));
        assert_eq!(from_ct(CtCode::Char('!'), shift), Some(Key::ch('!')));
        assert_eq!(from_ct(CtCode::Char('s'), ctrl), Some(Key::ctrl('s')));
        assert_eq!(from_ct(CtCode::Char('S'), ctrl | shift), Some(Key::ctrl('s')));
        assert_eq!(from_ct(CtCode::Char('x'), KeyModifiers::ALT), Some(parsed("alt-x")));
        assert_eq!(from_ct(CtCode::Char('x'), KeyModifiers::META), Some(parsed("alt-x")));
        assert_eq!(from_ct(CtCode::BackTab, shift), Some(Key::plain(KeyCode::BackTab)));
        assert_eq!(from_ct(CtCode::Tab, shift), Some(Key::plain(KeyCode::BackTab)));
        assert_eq!(from_ct(CtCode::Up, shift), Some(parsed("shift-up")));
        assert_eq!(from_ct(CtCode::F(5), none), Some(parsed("f5")));
        assert_eq!(from_ct(CtCode::PageDown, none), Some(parsed("pgdn")));
        assert_eq!(from_ct(CtCode::Char('余'), none), Some(Key::ch('余')));
        assert_eq!(from_ct(CtCode::Char(' '), ctrl), Some(parsed("ctrl-space")));
    }

    #[test]
    fn crossterm_events_we_cannot_name_are_dropped() {
        assert_eq!(from_ct(CtCode::Null, KeyModifiers::NONE), None);
        assert_eq!(from_ct(CtCode::CapsLock, KeyModifiers::NONE), None);
        assert_eq!(from_ct(CtCode::Char('s'), KeyModifiers::SUPER), None);
        assert_eq!(from_ct(CtCode::Char('s'), KeyModifiers::HYPER), None);
    }

    #[test]
    fn only_press_and_repeat_count() {
        let code = CtCode::Char('j');
        let mods = KeyModifiers::NONE;
        assert_eq!(Key::from_crossterm(&event(code, mods, KeyEventKind::Press)), Some(Key::ch('j')));
        assert_eq!(Key::from_crossterm(&event(code, mods, KeyEventKind::Repeat)), Some(Key::ch('j')));
        assert_eq!(Key::from_crossterm(&event(code, mods, KeyEventKind::Release)), None);
    }

    #[test]
    fn serde_uses_the_spelling() {
        use serde::de::value::{Error, StrDeserializer};
        use serde::de::IntoDeserializer;
        let de: StrDeserializer<'_, Error> = "Ctrl+S".into_deserializer();
        assert_eq!(Key::deserialize(de), Ok(Key::ctrl('s')));
        let de: StrDeserializer<'_, Error> = "ctrl-".into_deserializer();
        assert!(Key::deserialize(de).is_err());
    }

    fn any_code() -> impl Strategy<Value = KeyCode> {
        let named: Vec<KeyCode> = NAMES.iter().map(|(_, c)| *c).collect();
        prop_oneof![
            any::<char>().prop_map(KeyCode::Char),
            any::<u8>().prop_map(KeyCode::F),
            prop::sample::select(named),
        ]
    }

    fn any_key() -> impl Strategy<Value = Key> {
        (any_code(), any::<bool>(), any::<bool>(), any::<bool>()).prop_map(|(code, ctrl, alt, shift)| Key {
            code,
            ctrl,
            alt,
            shift,
        })
    }

    /// Strings built from pieces of real spellings reach deeper into the parser than random text.
    fn keyish() -> impl Strategy<Value = String> {
        const PIECES: &[&str] =
            &["ctrl", "Ctrl", "alt", "shift", "meta", "-", "+", "a", "S", "f", "1", "256", "tab", "余", " ", ""];
        prop::collection::vec(prop::sample::select(PIECES), 0..6).prop_map(|p| p.concat())
    }

    proptest! {
        #[test]
        fn display_round_trips(k in any_key()) {
            let text = k.to_string();
            prop_assert_eq!(Key::parse(&text), Ok(k.normalized()), "{:?} printed as {:?}", k, text);
        }

        #[test]
        fn normalising_is_idempotent(k in any_key()) {
            prop_assert_eq!(k.normalized().normalized(), k.normalized());
        }

        #[test]
        fn junk_never_panics(s in "\\PC{0,12}|.{0,12}") {
            if let Ok(k) = Key::parse(&s) {
                prop_assert_eq!(Key::parse(&k.to_string()), Ok(k));
            }
        }

        #[test]
        fn keyish_junk_never_panics(s in keyish()) {
            if let Ok(k) = Key::parse(&s) {
                prop_assert_eq!(k, k.normalized());
                prop_assert_eq!(Key::parse(&k.to_string()), Ok(k));
            }
        }
    }
}
