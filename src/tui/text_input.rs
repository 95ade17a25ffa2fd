//! A text field that edits Chinese correctly: one line, or several for a
//! long text ([`TextInput::multiline`]).
//!
//! The caret moves and deletes by grapheme cluster, so 余, `e` + U+0301 and a ZWJ family emoji are
//! each one step. Positions on screen are display cells as `unicode-width` (and so ratatui) counts
//! them: 余 and ， take two. [`TextInput::view`] scrolls horizontally in half-width jumps, so the
//! text stands still while the caret moves inside the visible part rather than shifting on every key;
//! [`TextInput::wrapped`] breaks a long text into rows instead.
//!
//! The value never holds control characters but the line breaks of a long text: an escape byte in
//! pasted text would reach the terminal. In a one-line field line breaks and tabs become spaces (a
//! row copied from a spreadsheet keeps its cells apart); in a long text CRLF and CR become one line
//! break and tabs spaces. Trailing line breaks are dropped (copying one spreadsheet cell brings a
//! newline along), and other controls are dropped. This applies to [`TextInput::new`],
//! [`TextInput::multiline`] and [`TextInput::set`] too.

use serde::{Deserialize, Serialize};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::key::{Key, KeyCode};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "Stored")]
pub struct TextInput {
    value: String,
    /// Byte index into `value`, always at a grapheme boundary.
    caret: usize,
    /// The whole value is selected, as a spreadsheet cell is on entering it:
    /// typing replaces it, a motion key keeps it for editing.
    #[serde(skip)]
    selected: bool,
    /// A long text (情况, 纪要): keeps its line breaks, typed with `new_line`.
    #[serde(skip)]
    multiline: bool,
}

/// What deserialisation reads before `From` re-establishes the invariants: stored data may come
/// from an older version or a hand-edited file.
#[derive(Deserialize)]
struct Stored {
    value: String,
    #[serde(default = "caret_at_end")]
    caret: usize,
}

fn caret_at_end() -> usize {
    usize::MAX
}

impl From<Stored> for TextInput {
    fn from(stored: Stored) -> Self {
        let value = sanitize(&stored.value);
        let mut input = TextInput { caret: stored.caret.min(value.len()), value, selected: false, multiline: false };
        input.snap_caret(Snap::Back);
        input
    }
}

/// Which way to move a caret that an edit left inside a grapheme cluster.
#[derive(Clone, Copy)]
enum Snap {
    Back,
    Forward,
}

/// Kinds of grapheme that word motions treat as one run. Han text has no spaces, so a run of wide
/// letters (a name, an address part) is a word, and it ends where Latin letters, digits or punctuation begin.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Space,
    Wide,
    Narrow,
    Symbol,
}

impl TextInput {
    /// A field holding `value` (cleaned as the module docs say), caret at the end.
    pub fn new(value: &str) -> Self {
        let value = sanitize(value);
        TextInput { caret: value.len(), value, selected: false, multiline: false }
    }

    /// A field of several lines holding `value`: line breaks are kept (CRLF
    /// becomes one), other control characters go, as in [`TextInput::new`].
    pub fn multiline(value: &str) -> Self {
        let value = sanitize_lines(value);
        TextInput { caret: value.len(), value, selected: false, multiline: true }
    }

    /// Starts a new line at the caret, in a field of several lines; false in a one-line field.
    pub fn new_line(&mut self) -> bool {
        if !self.multiline {
            return false;
        }
        if std::mem::take(&mut self.selected) {
            self.value.clear();
            self.caret = 0;
        }
        self.value.insert(self.caret, '\n');
        self.caret += 1;
        true
    }

    pub fn value(&self) -> &str {
        &self.value
    }

    /// Selects the whole value (when there is one), caret at the end.
    pub fn select_all(&mut self) {
        self.caret = self.value.len();
        self.selected = !self.value.is_empty();
    }

    pub fn is_selected(&self) -> bool {
        self.selected
    }

    /// Empties the field.
    pub fn clear(&mut self) {
        self.set("");
    }

    /// Replaces the text and puts the caret at the end.
    pub fn set(&mut self, value: &str) {
        *self = if self.multiline { TextInput::multiline(value) } else { TextInput::new(value) };
    }

    /// Inserts a typed character. Control characters, tab included, are ignored: Tab moves between
    /// fields and never reaches here as text.
    pub fn insert_char(&mut self, c: char) {
        if !c.is_control() {
            self.insert_str(c.encode_utf8(&mut [0; 4]));
        }
    }

    /// Inserts pasted or input-method text at the caret and moves the caret past it.
    pub fn insert_str(&mut self, s: &str) {
        let clean = if self.multiline { sanitize_lines(s) } else { sanitize(s) };
        if clean.is_empty() {
            return;
        }
        if std::mem::take(&mut self.selected) {
            self.value.clear();
            self.caret = 0;
        }
        self.value.insert_str(self.caret, &clean);
        self.caret += clean.len();
        // The inserted text can merge with what follows (an `e` typed before a lone accent).
        self.snap_caret(Snap::Forward);
    }

    pub fn backspace(&mut self) {
        if let Some(start) = self.prev_boundary() {
            self.remove(start, self.caret);
        }
    }

    pub fn delete(&mut self) {
        if let Some(end) = self.next_boundary() {
            self.remove(self.caret, end);
        }
    }

    pub fn left(&mut self) {
        self.caret = self.prev_boundary().unwrap_or(self.caret);
    }

    pub fn right(&mut self) {
        self.caret = self.next_boundary().unwrap_or(self.caret);
    }

    pub fn home(&mut self) {
        self.caret = 0;
    }

    pub fn end(&mut self) {
        self.caret = self.value.len();
    }

    /// Moves to the start of the word before the caret, skipping spaces first.
    pub fn word_left(&mut self) {
        self.caret = self.word_start_before();
    }

    /// Moves to the end of the word after the caret, skipping spaces first, so it mirrors `word_left`.
    pub fn word_right(&mut self) {
        self.caret = self.word_end_after();
    }

    /// Deletes back to where `word_left` would go (ctrl-w).
    pub fn delete_word_back(&mut self) {
        self.remove(self.word_start_before(), self.caret);
    }

    /// Deletes everything before the caret (ctrl-u).
    pub fn clear_to_start(&mut self) {
        self.remove(0, self.caret);
    }

    /// Display cells before the caret.
    pub fn caret_cells(&self) -> usize {
        self.value[..self.caret].graphemes(true).map(cell_width).sum()
    }

    /// The text broken into rows of at most `width` cells (at any grapheme:
    /// Chinese has no spaces to break at) and the caret's (row, column); the
    /// caret at the very end of a full row goes to the start of the next.
    pub fn wrapped(&self, width: usize) -> (Vec<String>, (usize, usize)) {
        let width = width.max(2);
        let (mut rows, mut row, mut used) = (Vec::new(), String::new(), 0);
        let mut caret = None;
        for (at, grapheme) in self.value.grapheme_indices(true) {
            if at == self.caret {
                caret = Some((rows.len(), used));
            }
            if grapheme == "\n" {
                rows.push(std::mem::take(&mut row));
                used = 0;
                continue;
            }
            let w = cell_width(grapheme);
            if used + w > width {
                rows.push(std::mem::take(&mut row));
                used = 0;
                if at == self.caret {
                    caret = Some((rows.len(), 0));
                }
            }
            row.push_str(grapheme);
            used += w;
        }
        let end = if used >= width { (rows.len() + 1, 0) } else { (rows.len(), used) };
        rows.push(row);
        if end.0 == rows.len() {
            rows.push(String::new());
        }
        (rows, caret.unwrap_or(end))
    }

    /// What to draw in `width` cells and where the caret is within it: (visible text, caret column).
    /// The visible slice never cuts a wide character in half; the caret column is always < width when width > 0.
    pub fn view(&self, width: usize) -> (String, usize) {
        if width == 0 {
            return (String::new(), 0);
        }
        let caret = self.caret_cells();
        let total: usize = self.value.graphemes(true).map(cell_width).sum();
        let offset = scroll_offset(caret, total, width);
        let mut column = 0;
        let mut first_shown = None;
        let mut shown = String::new();
        let mut shown_width = 0;
        for grapheme in self.value.graphemes(true) {
            let w = cell_width(grapheme);
            // A wide character straddling `offset` is left out whole; the view starts after it.
            if column >= offset {
                first_shown.get_or_insert(column);
                if shown_width + w > width {
                    break;
                }
                shown.push_str(grapheme);
                shown_width += w;
            }
            column += w;
        }
        // No grapheme starts at or after `offset` only when the caret is at the very end.
        let start = first_shown.unwrap_or(column);
        (shown, caret - start)
    }

    /// Applies an editing key; returns true when the key was one (consumed).
    ///
    /// Besides the readline keys, ctrl-h is backspace (what PuTTY and some SSH clients send),
    /// ctrl/alt with Backspace deletes a word, and ctrl/alt with Left/Right moves by word (Windows
    /// habits). Shift with a motion moves too, as there is no selection.
    pub fn handle(&mut self, key: &Key) -> bool {
        let key = key.normalized();
        let plain = !key.ctrl && !key.alt;
        if self.selected {
            // Deleting a selection empties the field; typing replaces it (in
            // `insert_str`); any other editing key keeps the text to edit.
            if matches!(key.code, KeyCode::Backspace | KeyCode::Delete) {
                self.clear();
                return true;
            }
            let typing = matches!(key.code, KeyCode::Char(c) if plain && !c.is_control());
            if !typing && self.handles(&key) {
                self.selected = false;
            }
        }
        self.apply(&key, plain)
    }

    /// Whether `key` is an editing key of this field.
    fn handles(&self, key: &Key) -> bool {
        self.clone().apply(key, !key.ctrl && !key.alt)
    }

    fn apply(&mut self, key: &Key, plain: bool) -> bool {
        match key.code {
            KeyCode::Char(c) if plain && !c.is_control() => self.insert_char(c),
            KeyCode::Char(c) if key.ctrl && !key.alt => return self.handle_ctrl(c),
            KeyCode::Char('b') if key.alt && !key.ctrl => self.word_left(),
            KeyCode::Char('f') if key.alt && !key.ctrl => self.word_right(),
            KeyCode::Backspace if plain => self.backspace(),
            KeyCode::Backspace => self.delete_word_back(),
            KeyCode::Delete if plain => self.delete(),
            KeyCode::Left if plain => self.left(),
            KeyCode::Left => self.word_left(),
            KeyCode::Right if plain => self.right(),
            KeyCode::Right => self.word_right(),
            KeyCode::Home if plain => self.home(),
            KeyCode::End if plain => self.end(),
            _ => return false,
        }
        true
    }

    fn handle_ctrl(&mut self, c: char) -> bool {
        match c {
            'a' => self.home(),
            'e' => self.end(),
            'h' => self.backspace(),
            'w' => self.delete_word_back(),
            'u' => self.clear_to_start(),
            _ => return false,
        }
        true
    }

    /// Removes `start..end` and leaves the caret at `start`.
    fn remove(&mut self, start: usize, end: usize) {
        self.value.replace_range(start..end, "");
        self.caret = start;
        // The two sides can join into one cluster (regional indicators pairing up anew).
        self.snap_caret(Snap::Back);
    }

    /// Grapheme starts plus the end of the text: every place the caret may stand.
    fn boundaries(&self) -> impl Iterator<Item = usize> + '_ {
        self.value.grapheme_indices(true).map(|(i, _)| i).chain(std::iter::once(self.value.len()))
    }

    fn prev_boundary(&self) -> Option<usize> {
        self.boundaries().take_while(|&b| b < self.caret).last()
    }

    fn next_boundary(&self) -> Option<usize> {
        self.boundaries().find(|&b| b > self.caret)
    }

    fn snap_caret(&mut self, snap: Snap) {
        let mut before = 0;
        let mut after = self.value.len();
        for b in self.boundaries() {
            if b <= self.caret {
                before = b;
            }
            if b >= self.caret {
                after = b;
                break;
            }
        }
        self.caret = match snap {
            Snap::Back => before,
            Snap::Forward => after,
        };
    }

    fn word_start_before(&self) -> usize {
        let before: Vec<(usize, &str)> =
            self.value.grapheme_indices(true).take_while(|&(i, _)| i < self.caret).collect();
        let classes: Vec<Class> = before.iter().map(|&(_, g)| class(g)).collect();
        let mut i = classes.len();
        while i > 0 && classes[i - 1] == Class::Space {
            i -= 1;
        }
        if i > 0 {
            let run = classes[i - 1];
            while i > 0 && classes[i - 1] == run {
                i -= 1;
            }
        }
        before.get(i).map_or(self.caret, |&(start, _)| start)
    }

    fn word_end_after(&self) -> usize {
        let mut after = self.value.grapheme_indices(true).skip_while(|&(i, _)| i < self.caret).peekable();
        while after.next_if(|&(_, g)| class(g) == Class::Space).is_some() {}
        if let Some(run) = after.peek().map(|&(_, g)| class(g)) {
            while after.next_if(|&(_, g)| class(g) == run).is_some() {}
        }
        after.peek().map_or(self.value.len(), |&(start, _)| start)
    }
}

/// Where the view starts, in cells. Jumping in steps of half the width (instead of keeping the
/// caret pinned to the edge) keeps the text still while the caret moves within the visible part.
/// Near the end it scrolls no further than needed to show the last character, so a long value
/// opened with the caret at the end fills the field rather than showing a few characters.
fn scroll_offset(caret: usize, total: usize, width: usize) -> usize {
    let step = (width / 2).max(1);
    // The caret needs a cell of its own at the end, hence `+ 1`.
    let overflow = (caret + 1).saturating_sub(width);
    let banded = overflow.div_ceil(step) * step;
    banded.min((total + 1).saturating_sub(width))
}

fn cell_width(grapheme: &str) -> usize {
    grapheme.width()
}

fn class(grapheme: &str) -> Class {
    let first = grapheme.chars().next().unwrap_or(' ');
    if first.is_whitespace() {
        Class::Space
    } else if first.is_alphanumeric() || first == '_' {
        if cell_width(grapheme) >= 2 {
            Class::Wide
        } else {
            Class::Narrow
        }
    } else {
        Class::Symbol
    }
}

fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{0b}' | '\u{0c}' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// Cleans text for a one-line field as the module docs describe.
fn sanitize(s: &str) -> String {
    clean(s, ' ')
}

/// As [`sanitize`], keeping line breaks (CRLF and CR become `\n`) inside the text.
fn sanitize_lines(s: &str) -> String {
    clean(s, '\n')
}

/// `s` without trailing line breaks or control characters; a line break
/// inside becomes `line_break`, a tab a space.
fn clean(s: &str, line_break: char) -> String {
    let s = s.trim_end_matches(is_line_break);
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        // CRLF is one line break, not two: the '\n' after it stands for both.
        if c == '\r' && chars.peek() == Some(&'\n') {
            continue;
        }
        if is_line_break(c) {
            out.push(line_break);
        } else if c == '\t' {
            out.push(' ');
        } else if !c.is_control() {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn typed(s: &str) -> TextInput {
        let mut input = TextInput::default();
        for c in s.chars() {
            assert!(input.handle(&Key::ch(c)), "{c:?} should be consumed");
        }
        input
    }

    fn press(input: &mut TextInput, spelling: &str) -> bool {
        input.handle(&Key::parse(spelling).unwrap())
    }

    /// The text with a `|` where the caret is: what a user would see.
    fn shown(input: &TextInput) -> String {
        let mut s = input.value().to_owned();
        s.insert(input.caret, '|');
        s
    }

    fn at(value: &str, caret_after: &str) -> TextInput {
        let mut input = TextInput::new(value);
        input.caret = caret_after.len();
        input
    }

    #[test]
    fn a_selected_value_is_replaced_by_typing_like_a_spreadsheet_cell() {
        let mut date = TextInput::new("2026-12-03");
        date.select_all();
        for c in "1201".chars() {
            date.handle(&Key::ch(c));
        }
        assert_eq!(shown(&date), "1201|", "typing replaces, never appends");
        let mut kept = TextInput::new("2026-12-03");
        kept.select_all();
        assert!(press(&mut kept, "end") && !kept.is_selected());
        kept.handle(&Key::ch('x'));
        assert_eq!(shown(&kept), "2026-12-03x|", "End keeps the value to edit");
        let mut left = TextInput::new("余伟军");
        left.select_all();
        press(&mut left, "left");
        assert_eq!(shown(&left), "余伟|军");
        let mut gone = TextInput::new("余伟军");
        gone.select_all();
        press(&mut gone, "backspace");
        assert_eq!(shown(&gone), "|");
        let mut pasted = TextInput::new("old");
        pasted.select_all();
        pasted.insert_str("新地址");
        assert_eq!(shown(&pasted), "新地址|");
        let mut empty = TextInput::default();
        empty.select_all();
        assert!(!empty.is_selected());
    }

    #[test]
    fn chinese_left_then_backspace_deletes_the_first_character() {
        let mut input = typed("你好");
        assert!(press(&mut input, "left"));
        assert!(press(&mut input, "backspace"));
        assert_eq!(input.value(), "好");
        assert_eq!(shown(&input), "|好");
    }

    #[test]
    fn long_text_wraps_by_cells_and_the_caret_keeps_its_place() {
        let mut input = TextInput::new("一二三四五六七");
        assert_eq!(input.wrapped(6), (vec!["一二三".to_string(), "四五六".into(), "七".into()], (2, 2)));
        input.home();
        assert_eq!(input.wrapped(6).1, (0, 0));
        let full = TextInput::new("一二三");
        assert_eq!(full.wrapped(6), (vec!["一二三".to_string(), String::new()], (1, 0)), "the caret after a full row");
    }

    #[test]
    fn a_long_text_keeps_its_lines_and_wraps_at_them() {
        let mut input = TextInput::multiline("第一段\r\n第二段\u{1b}");
        assert_eq!(input.value(), "第一段\n第二段");
        assert_eq!(input.wrapped(20), (vec!["第一段".to_string(), "第二段".into()], (1, 6)));
        input.home();
        assert!(input.new_line());
        assert_eq!(input.value(), "\n第一段\n第二段");
        assert_eq!(input.wrapped(20).1, (1, 0));
        input.clear();
        assert!(input.new_line(), "clearing keeps a long text long");
        let mut line = TextInput::new("一行");
        assert!(!line.new_line());
        assert_eq!(TextInput::new("a\nb").value(), "a b");
    }

    #[test]
    fn caret_cells_count_wide_characters_twice() {
        let mut input = TextInput::new("ab张三");
        assert_eq!(input.caret_cells(), 6);
        input.left();
        assert_eq!(input.caret_cells(), 4);
        input.left();
        input.left();
        assert_eq!(input.caret_cells(), 1);
        assert_eq!(TextInput::new("余").caret_cells(), 2);
    }

    #[test]
    fn combining_sequence_is_one_step() {
        let mut input = TextInput::new("ae\u{301}b");
        input.left();
        input.left();
        assert_eq!(shown(&input), "a|e\u{301}b");
        input.delete();
        assert_eq!(input.value(), "ab");
        let mut input = TextInput::new("e\u{301}");
        input.backspace();
        assert_eq!(input.value(), "");
    }

    #[test]
    fn accent_typed_after_a_letter_joins_it() {
        let mut input = typed("e");
        input.insert_char('\u{301}');
        assert_eq!(input.caret_cells(), 1);
        input.backspace();
        assert_eq!(input.value(), "");
    }

    #[test]
    fn letter_typed_before_a_lone_accent_leaves_caret_after_the_cluster() {
        let mut input = TextInput::new("\u{301}x");
        input.home();
        input.insert_char('e');
        assert_eq!(shown(&input), "e\u{301}|x");
    }

    #[test]
    fn fullwidth_comma_is_two_cells_and_punctuation() {
        let mut input = TextInput::new("北京，朝阳");
        assert_eq!(input.caret_cells(), 10);
        input.word_left();
        assert_eq!(shown(&input), "北京，|朝阳");
        input.word_left();
        assert_eq!(shown(&input), "北京|，朝阳");
        input.backspace();
        assert_eq!(input.value(), "北，朝阳");
    }

    #[test]
    fn zwj_emoji_is_one_grapheme() {
        let family = "👨\u{200d}👩\u{200d}👧";
        let mut input = TextInput::new(&format!("a{family}b"));
        input.left();
        input.left();
        assert_eq!(input.caret_cells(), 1);
        input.right();
        assert_eq!(input.caret_cells(), 3);
        input.backspace();
        assert_eq!(input.value(), "ab");
    }

    #[test]
    fn removing_a_flag_between_regional_indicators_keeps_the_caret_on_a_boundary() {
        // 🇯 🇨🇳 … pairs differently once text is inserted or removed in front of it.
        let mut input = TextInput::new("🇨🇳🇺🇸");
        input.home();
        input.insert_str("🇯");
        assert!(input.boundaries().any(|b| b == input.caret));
        input.backspace();
        assert!(input.boundaries().any(|b| b == input.caret));
    }

    #[test]
    fn pasted_text_becomes_one_line() {
        let mut input = TextInput::new("姓名：");
        input.insert_str("张三\t13800000000\r\n");
        assert_eq!(input.value(), "姓名：张三 13800000000");
        input.set("第一行\n第二行\r\n第三行\r\n\n");
        assert_eq!(input.value(), "第一行 第二行 第三行");
        input.set("");
        input.insert_str("a\u{1b}[31mb\u{7}c");
        assert_eq!(input.value(), "a[31mbc");
    }

    #[test]
    fn control_characters_are_not_typed() {
        let mut input = TextInput::new("x");
        for c in ['\t', '\n', '\r', '\u{1b}', '\u{7f}', '\u{85}'] {
            input.insert_char(c);
        }
        assert_eq!(input.value(), "x");
        assert!(!input.handle(&Key::ch('\t')));
    }

    #[test]
    fn input_method_commits_insert_at_the_caret() {
        let mut input = TextInput::new("张");
        input.home();
        input.insert_str("老");
        assert_eq!(shown(&input), "老|张");
    }

    #[test]
    fn word_motions_split_han_from_latin_and_digits() {
        let mut input = TextInput::new("联系人 张三13800000000");
        assert!(press(&mut input, "ctrl-w"));
        assert_eq!(input.value(), "联系人 张三");
        assert!(press(&mut input, "ctrl-w"));
        assert_eq!(input.value(), "联系人 ");
        assert!(press(&mut input, "ctrl-w"));
        assert_eq!(input.value(), "");
        assert!(press(&mut input, "ctrl-w"));
        assert_eq!(input.value(), "");

        let mut input = at("ab  cd ef", "");
        assert!(press(&mut input, "alt-f"));
        assert_eq!(shown(&input), "ab|  cd ef");
        assert!(press(&mut input, "ctrl-right"));
        assert_eq!(shown(&input), "ab  cd| ef");
        assert!(press(&mut input, "alt-b"));
        assert_eq!(shown(&input), "ab  |cd ef");
        input.end();
        input.word_right();
        assert_eq!(shown(&input), "ab  cd ef|");
    }

    #[test]
    fn clear_to_start_keeps_the_rest() {
        let mut input = at("地址：幸福路", "地址：");
        assert!(press(&mut input, "ctrl-u"));
        assert_eq!(shown(&input), "|幸福路");
    }

    #[test]
    fn editing_keys_are_consumed_and_others_are_not() {
        let mut input = at("abc", "a");
        for spelling in ["home", "end", "ctrl-a", "ctrl-e", "left", "right", "del", "backspace", "ctrl-h", "space"] {
            assert!(press(&mut input, spelling), "{spelling}");
        }
        for spelling in ["enter", "esc", "tab", "shift-tab", "up", "down", "pgdn", "f1", "ctrl-s", "alt-x"] {
            let before = input.clone();
            assert!(!press(&mut input, spelling), "{spelling}");
            assert_eq!(input, before);
        }
    }

    #[test]
    fn ctrl_e_and_ctrl_a_jump_to_the_ends() {
        let mut input = at("你好世界", "你好");
        press(&mut input, "ctrl-e");
        assert_eq!(shown(&input), "你好世界|");
        press(&mut input, "ctrl-a");
        assert_eq!(shown(&input), "|你好世界");
    }

    #[test]
    fn short_text_is_shown_whole() {
        let input = TextInput::new("ab张三");
        assert_eq!(input.view(10), ("ab张三".to_owned(), 6));
        assert_eq!(input.view(0), (String::new(), 0));
    }

    fn assert_view_ok(input: &TextInput, width: usize) {
        let (text, column) = input.view(width);
        assert!(text.width() <= width, "{text:?} wider than {width}");
        assert!(column < width, "caret column {column} outside {width}");
        assert!(input.value().contains(&text));
    }

    #[test]
    fn long_chinese_text_scrolls_to_keep_the_caret_visible() {
        let value = "四定四联街道社区工作人员名单登记表格汇总余额核对完毕已归档了";
        assert_eq!(value.chars().count(), 30);
        let mut input = TextInput::new(value);
        for _ in 0..=30 {
            assert_view_ok(&input, 10);
            let (text, column) = input.view(10);
            // The character after the caret is the one drawn at the caret column.
            let after_caret = input.value()[input.caret..].chars().next();
            assert_eq!(text.chars().nth(column / 2), after_caret, "caret {}", input.caret);
            input.left();
        }
    }

    #[test]
    fn a_long_value_opened_at_the_end_fills_the_field() {
        let input = TextInput::new(&"余".repeat(30));
        assert_eq!(input.view(10), ("余".repeat(4), 8));
    }

    #[test]
    fn scrolling_keeps_the_text_still_while_the_caret_moves_inside_it() {
        let mut input = TextInput::new(&"a".repeat(100));
        input.left();
        let (text, column) = input.view(20);
        assert_eq!(column, 19);
        for moved in 1..10 {
            input.left();
            assert_eq!(input.view(20), (text.clone(), 19 - moved));
        }
        // Past the band the view jumps half a width, so the caret has room again.
        input.left();
        assert_eq!(input.view(20).1, 19);
    }

    #[test]
    fn view_never_cuts_a_wide_character() {
        // Odd widths make the half-width steps land inside wide characters.
        for width in 1..12 {
            let mut input = TextInput::new(&"a余".repeat(12));
            loop {
                assert_view_ok(&input, width);
                if input.caret == 0 {
                    break;
                }
                input.left();
            }
        }
    }

    #[test]
    fn stored_state_is_repaired() {
        let input = TextInput::from(Stored { value: "余e\u{301}\u{1b}x".to_owned(), caret: 5 });
        assert_eq!(shown(&input), "余|e\u{301}x");
        let input = TextInput::from(Stored { value: "余".to_owned(), caret: 99 });
        assert_eq!(shown(&input), "余|");
    }

    #[test]
    fn deserialising_without_a_caret_puts_it_at_the_end() {
        use serde::de::value::{Error, MapDeserializer};
        let de: MapDeserializer<'_, _, Error> = MapDeserializer::new([("value", "你好")].into_iter());
        assert_eq!(shown(&TextInput::deserialize(de).unwrap()), "你好|");
    }

    #[derive(Clone, Debug)]
    enum Op {
        Char(char),
        Str(String),
        Set(String),
        Backspace,
        Delete,
        Left,
        Right,
        Home,
        End,
        WordLeft,
        WordRight,
        DeleteWordBack,
        ClearToStart,
        Key(Key),
    }

    /// Text mixing the scripts and sequences that break naive editing.
    fn tricky_text() -> impl Strategy<Value = String> {
        const PIECES: &[&str] = &[
            "a",
            "Z",
            "1",
            " ",
            "余",
            "张三",
            "，",
            "。",
            "\u{3000}",
            "e\u{301}",
            "\u{301}",
            "\u{200d}",
            "👨\u{200d}👩\u{200d}👧",
            "❤\u{fe0f}",
            "🇨",
            "🇳",
            "한",
            "\u{1100}",
            "\u{1161}",
            "ｶﾞ",
            "\t",
            "\r\n",
            "\u{1b}",
            "\u{200b}",
            "Ａ",
        ];
        prop::collection::vec(prop::sample::select(PIECES), 0..12).prop_map(|p| p.concat())
    }

    fn any_op() -> impl Strategy<Value = Op> {
        let keys: Vec<Key> =
            ["ctrl-w", "ctrl-u", "ctrl-h", "alt-b", "alt-f", "ctrl-left", "alt-backspace", "del", "end"]
                .iter()
                .map(|s| Key::parse(s).unwrap())
                .collect();
        prop_oneof![
            any::<char>().prop_map(Op::Char),
            prop::sample::select(vec!['余', 'e', '\u{301}', '\u{200d}', '🇨', '👩', ' ']).prop_map(Op::Char),
            tricky_text().prop_map(Op::Str),
            tricky_text().prop_map(Op::Set),
            any::<String>().prop_map(Op::Str),
            Just(Op::Backspace),
            Just(Op::Delete),
            Just(Op::Left),
            Just(Op::Right),
            Just(Op::Home),
            Just(Op::End),
            Just(Op::WordLeft),
            Just(Op::WordRight),
            Just(Op::DeleteWordBack),
            Just(Op::ClearToStart),
            prop::sample::select(keys).prop_map(Op::Key),
        ]
    }

    fn apply(input: &mut TextInput, op: &Op) {
        match op {
            Op::Char(c) => input.insert_char(*c),
            Op::Str(s) => input.insert_str(s),
            Op::Set(s) => input.set(s),
            Op::Backspace => input.backspace(),
            Op::Delete => input.delete(),
            Op::Left => input.left(),
            Op::Right => input.right(),
            Op::Home => input.home(),
            Op::End => input.end(),
            Op::WordLeft => input.word_left(),
            Op::WordRight => input.word_right(),
            Op::DeleteWordBack => input.delete_word_back(),
            Op::ClearToStart => input.clear_to_start(),
            Op::Key(key) => {
                input.handle(key);
            }
        }
    }

    proptest! {
        #[test]
        fn random_editing_keeps_invariants(
            start in tricky_text(),
            ops in prop::collection::vec(any_op(), 0..40),
            width in 0usize..14,
        ) {
            let mut input = TextInput::new(&start);
            for op in &ops {
                apply(&mut input, op);
                prop_assert!(input.value.is_char_boundary(input.caret));
                prop_assert!(input.boundaries().any(|b| b == input.caret), "caret inside a cluster after {:?}", op);
                prop_assert!(!input.value.contains(char::is_control));
                let (text, column) = input.view(width);
                prop_assert!(text.width() <= width);
                prop_assert!(width == 0 || column < width);
                prop_assert!(column <= input.caret_cells());
            }
        }
    }
}
