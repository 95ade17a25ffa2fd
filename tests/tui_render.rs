//! Rendering snapshots: every tab, a detail pane with related records, a form
//! with a validation error, a picker, the help and the overview, in zh and en,
//! at 80×24 and 160×45, and with ASCII borders. Review a changed snapshot and
//! accept it with `INSTA_UPDATE=always cargo test --test tui_render`.

mod common;

use common::*;
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use silian::i18n::Lang;
use silian::net::Backend;
use silian::rules::holidays::HolidayCalendar;
use silian::tui::app::App;
use silian::tui::input::Input;
use silian::tui::key::Key;
use silian::tui::runner::carry_out;
use silian::tui::{load, load_preview, start_state, start_state_with, ui, Options};

struct Screen {
    _dir: tempfile::TempDir,
    store: Backend,
    app: App,
}

fn screen(lang: Lang, ascii: bool) -> Screen {
    screen_with(lang, ascii, |_| {})
}

/// The sample street with more records added by `more`.
fn screen_with(lang: Lang, ascii: bool, more: impl Fn(&silian::store::Store)) -> Screen {
    let (dir, store) = temp_store();
    sample_street(&store);
    more(&store);
    let store = as_backend(store);
    let opts = Options { lang, ascii, color: false, today: today(), account: "clerk".into() };
    let app = start_state(&store, HolidayCalendar::builtin(), &opts, dir.path()).unwrap().0;
    Screen { _dir: dir, store, app }
}

impl Screen {
    fn keys(&mut self, keys: &str) -> &mut Self {
        for k in keys.split_whitespace() {
            let effects = self.app.on_key(Key::parse(k).unwrap());
            carry_out(&self.store, &ctx(), &mut self.app, effects);
        }
        self
    }

    fn text(&mut self, text: &str) -> &mut Self {
        for c in text.chars() {
            let effects = self.app.on_key(Key::ch(c));
            carry_out(&self.store, &ctx(), &mut self.app, effects);
        }
        self
    }

    fn render(&mut self, w: u16, h: u16) -> Terminal<TestBackend> {
        self.app.update(Input::Paused);
        self.app.settle();
        self.app.page = usize::from(h.saturating_sub(ui::CHROME_ROWS + 2));
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        terminal.draw(|f| ui::draw(f, &self.app)).unwrap();
        terminal
    }
}

const SIZES: [(u16, u16); 2] = [(80, 24), (160, 45)];

fn lang_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "zh",
        Lang::En => "en",
    }
}

#[test]
fn every_tab() {
    for lang in [Lang::Zh, Lang::En] {
        for (w, h) in SIZES {
            let mut s = screen_with(lang, false, roster);
            for tab in ["1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "-", "="] {
                s.keys(tab);
                let tab = match tab {
                    "-" => "_deputies",
                    "=" => "_sessions",
                    digit => digit,
                };
                let name = format!("tab{tab}_{}_{w}x{h}", lang_name(lang));
                insta::assert_snapshot!(name, s.render(w, h).backend());
            }
        }
    }
}

#[test]
fn detail_with_related_records() {
    for lang in [Lang::Zh, Lang::En] {
        for (w, h) in SIZES {
            let mut s = screen(lang, false);
            s.keys("2 G enter j j");
            insta::assert_snapshot!(format!("detail_member_{}_{w}x{h}", lang_name(lang)), s.render(w, h).backend());
        }
    }
}

/// The styles of the first cells of every place showing `text`.
/// As `styles_at`, in the detail pane only (the right 45 %).
fn detail_styles(t: &Terminal<TestBackend>, text: &str) -> Vec<ratatui::style::Modifier> {
    styles_from(t, text, t.backend().buffer().area.width * 55 / 100)
}

fn styles_from(t: &Terminal<TestBackend>, text: &str, from_x: u16) -> Vec<ratatui::style::Modifier> {
    let buf = t.backend().buffer();
    let first = text.chars().next().unwrap().to_string();
    let mut found = Vec::new();
    for y in 0..buf.area.height {
        for x in from_x..buf.area.width {
            if buf[(x, y)].symbol() == first {
                // A wide character's second cell holds a blank the terminal never shows.
                let mut row = String::new();
                let mut cx = x;
                while cx < buf.area.width {
                    let symbol = buf[(cx, y)].symbol();
                    row.push_str(symbol);
                    cx += (unicode_width::UnicodeWidthStr::width(symbol) as u16).max(1);
                }
                if row.starts_with(text) {
                    found.push(buf[(x, y)].modifier);
                }
            }
        }
    }
    found
}

#[test]
fn a_field_naming_one_record_is_chosen_where_it_is_shown_and_only_once_the_detail_has_focus() {
    use ratatui::style::Modifier;
    let mut s = screen(Lang::Zh, false);
    s.keys("2 G");
    let list_focused = s.render(80, 24);
    assert_eq!(detail_styles(&list_focused, "滨江实验小学"), vec![Modifier::empty()], "shown once, unmarked");
    assert!(!list_focused.backend().to_string().contains("所在单位 (1)"), "no heading repeats the field");
    s.keys("enter");
    assert_eq!(detail_styles(&s.render(80, 24), "滨江实验小学"), vec![Modifier::REVERSED]);
    s.keys("j");
    let second = s.render(80, 24);
    assert_eq!(detail_styles(&second, "滨江实验小学"), vec![Modifier::empty()]);
    assert_eq!(detail_styles(&second, "长安社区"), vec![Modifier::REVERSED]);
    s.keys("j");
    assert_eq!(detail_styles(&s.render(80, 24), "张三"), vec![Modifier::REVERSED], "then the records referring to it");
}

#[test]
fn form_with_a_validation_error() {
    for lang in [Lang::Zh, Lang::En] {
        for (w, h) in SIZES {
            let mut s = screen(lang, false);
            s.keys("2 a").text("余小军").keys("tab").text("12345").keys("tab");
            let screen = s.render(w, h);
            let text = screen.backend().to_string();
            assert!(text.contains(if lang == Lang::Zh { "不是电话号码" } else { "is not a phone number" }), "{text}");
            insta::assert_snapshot!(format!("form_error_{}_{w}x{h}", lang_name(lang)), screen.backend());
        }
    }
}

#[test]
fn picker() {
    for lang in [Lang::Zh, Lang::En] {
        for (w, h) in SIZES {
            let mut s = screen(lang, false);
            s.keys("6 a");
            while s.app.form().unwrap().focused().spec.name != "household_id" {
                s.keys("tab");
            }
            s.text("z");
            insta::assert_snapshot!(format!("picker_{}_{w}x{h}", lang_name(lang)), s.render(w, h).backend());
        }
    }
}

#[test]
fn help() {
    for lang in [Lang::Zh, Lang::En] {
        for (w, h) in SIZES {
            let mut s = screen(lang, false);
            s.keys("?");
            insta::assert_snapshot!(format!("help_{}_{w}x{h}", lang_name(lang)), s.render(w, h).backend());
        }
    }
}

#[test]
fn ascii_borders() {
    let mut s = screen(Lang::Zh, true);
    for (name, keys) in [("overview", "1"), ("members", "2 enter"), ("form", "a")] {
        s.keys(keys);
        let screen = s.render(80, 24);
        let text = screen.backend().to_string();
        assert!(!text.chars().any(|c| ('\u{2500}'..='\u{257f}').contains(&c)), "box drawing in ascii mode:\n{text}");
        insta::assert_snapshot!(format!("ascii_{name}_zh_80x24"), screen.backend());
    }
}

#[test]
fn too_small_and_empty_store() {
    let mut s = screen(Lang::Zh, false);
    insta::assert_snapshot!("too_small_zh", s.render(60, 20).backend());
    let (dir, store) = temp_store();
    let store = as_backend(store);
    let opts = Options { lang: Lang::En, ascii: false, color: false, today: today(), account: "clerk".into() };
    let app = start_state(&store, HolidayCalendar::builtin(), &opts, dir.path()).unwrap().0;
    let mut empty = Screen { _dir: dir, store, app };
    insta::assert_snapshot!("empty_store_en_80x24", empty.render(80, 24).backend());
}

#[test]
fn control_characters_in_records_are_shown_not_sent() {
    let mut s = screen(Lang::Zh, false);
    // Validation keeps control characters out of the store; the screen must
    // still be safe from whatever reaches it, so the record is placed directly.
    let mut rec = s.store.local().unwrap().get(silian::model::Kind::Visit, 1).unwrap().unwrap();
    let silian::model::AnyData::Visit(v) = &mut rec.data else { panic!() };
    v.summary = "bad\u{1b}[2Jtext".into();
    s.app.data.upsert(rec);
    s.app.refresh_all();
    s.keys("6 G");
    let text = s.render(160, 45).backend().to_string();
    assert!(!text.contains('\u{1b}'));
    assert!(text.contains("bad\\u{1b}[2Jtext"), "{text}");
}

#[test]
fn import_report() {
    let mut csv = String::from("户主,社区,住址\n");
    for i in 0..25 {
        csv.push_str(&format!("住户{i},无此社区,和平路{i}号\n"));
    }
    for lang in [Lang::Zh, Lang::En] {
        for (w, h) in SIZES {
            let mut s = screen(lang, false);
            let path = s._dir.path().join("households.csv");
            std::fs::write(&path, &csv).unwrap();
            let effects = s.app.run_command(&format!("import household {}", path.display()));
            carry_out(&s.store, &ctx(), &mut s.app, effects);
            let screen = s.render(w, h);
            let text = screen.backend().to_string();
            assert!(text.contains("households.csv"), "{text}");
            insta::assert_snapshot!(format!("import_report_{}_{w}x{h}", lang_name(lang)), screen.backend());
        }
    }
}

#[test]
fn meeting_agenda_chooser() {
    for lang in [Lang::Zh, Lang::En] {
        for (w, h) in SIZES {
            let mut s = screen(lang, false);
            // Plan next year, take one candidate into its first meeting, show the rest.
            s.keys("P 8 G k r enter");
            insta::assert_snapshot!(format!("cycle_agenda_{}_{w}x{h}", lang_name(lang)), s.render(w, h).backend());
        }
    }
}

#[test]
fn meeting_agenda_with_a_hot_issue() {
    for lang in [Lang::Zh, Lang::En] {
        let (w, h) = (80, 24);
        let (dir, store) = temp_store();
        hot_street(&store);
        let store = as_backend(store);
        let opts = Options { lang, ascii: false, color: false, today: today(), account: "clerk".into() };
        let app = start_state(&store, HolidayCalendar::builtin(), &opts, dir.path()).unwrap().0;
        let mut s = Screen { _dir: dir, store, app };
        s.keys("P 8 G k r");
        insta::assert_snapshot!(format!("cycle_hot_issue_{}_{w}x{h}", lang_name(lang)), s.render(w, h).backend());
    }
}

#[test]
fn progress_step_form() {
    for lang in [Lang::Zh, Lang::En] {
        for (w, h) in SIZES {
            let mut s = screen(lang, false);
            s.keys("9 G p").text("已联系物业");
            insta::assert_snapshot!(format!("cycle_progress_{}_{w}x{h}", lang_name(lang)), s.render(w, h).backend());
        }
    }
}

#[test]
fn decision_to_task_form_with_the_owner_picker() {
    for lang in [Lang::Zh, Lang::En] {
        for (w, h) in SIZES {
            let mut s = screen(lang, false);
            s.keys("P 8 G k r enter esc o enter").text("协商").keys("tab").text("送餐上门").keys("enter t");
            insta::assert_snapshot!(
                format!("cycle_decision_task_{}_{w}x{h}", lang_name(lang)),
                s.render(w, h).backend()
            );
        }
    }
}

#[test]
fn duty_report() {
    for lang in [Lang::Zh, Lang::En] {
        for (w, h) in SIZES {
            let mut s = screen(lang, false);
            s.keys("2 R");
            let screen = s.render(w, h);
            let text = screen.backend().to_string();
            assert!(text.contains(if lang == Lang::Zh { "述职材料：" } else { "Duty report: " }), "{text}");
            insta::assert_snapshot!(format!("duty_report_{}_{w}x{h}", lang_name(lang)), screen.backend());
        }
    }
}

#[test]
fn while_loading_the_overview_says_so_and_lists_count_only_what_is_read() {
    for lang in [Lang::Zh, Lang::En] {
        let (dir, store) = temp_store();
        sample_street(&store);
        let store = as_backend(store);
        let opts = Options { lang, ascii: false, color: false, today: today(), account: "clerk".into() };
        let preview = load_preview(&store, HolidayCalendar::builtin(), "clerk").unwrap();
        let app = start_state_with(preview, &store, &opts, dir.path()).unwrap().0;
        let mut s = Screen { _dir: dir, store, app };
        let (w, h) = SIZES[0];
        insta::assert_snapshot!(format!("loading_overview_{}_{w}x{h}", lang_name(lang)), s.render(w, h).backend());
        s.keys("6");
        let text = s.render(w, h).backend().to_string();
        assert!(text.contains(if lang == Lang::Zh { "走访记录 (5+)" } else { "(5+)" }), "{text}");
        let full = load(&s.store, HolidayCalendar::builtin(), "clerk");
        s.app.finish_loading(full);
        s.keys("1");
        let text = s.render(w, h).backend().to_string();
        assert!(!text.contains("正在读取") && !text.contains("Reading all"), "{text}");
    }
}

#[test]
fn a_record_open_in_someone_elses_form_is_marked_in_the_list_and_named_in_the_detail() {
    for lang in [Lang::Zh, Lang::En] {
        let mut s = screen(lang, false);
        s.keys("2");
        let (kind, id) = s.app.selected().unwrap();
        s.app.set_editing_elsewhere(vec![(kind, id, "silian_ed".into())]);
        let (w, h) = SIZES[0];
        let text = s.render(w, h).backend().to_string();
        assert!(text.contains(&format!("{id}@")), "{text}");
        let named = if lang == Lang::Zh { "silian_ed 正在编辑" } else { "silian_ed is editing" };
        assert!(text.contains(named), "{text}");
        insta::assert_snapshot!(format!("editing_elsewhere_{}_{w}x{h}", lang_name(lang)), s.render(w, h).backend());
    }
}

#[test]
fn a_question_longer_than_the_status_line_is_shown_whole() {
    use silian::tui::open::{Layer, Question};
    for lang in [Lang::Zh, Lang::En] {
        let mut s = screen(lang, false);
        s.keys("6 e");
        s.app.open.push(Layer::Question(Question::Overwrite { rev: 1 }));
        let screen = s.render(80, 24);
        let text: String = screen.backend().to_string().chars().filter(|c| !"│ \"\n".contains(*c)).collect();
        let whole = match lang {
            Lang::Zh => "此记录已被他人修改。y仍然保存（覆盖他人的修改），n重新载入（放弃你的修改）",
            Lang::En => "Someoneelsechangedthisrecord.ysavesanyway(overtheirchange),nreloads(dropsyours)",
        };
        assert!(text.contains(whole), "{}", screen.backend());
        insta::assert_snapshot!(format!("long_question_{}_80x24", lang_name(lang)), screen.backend());
    }
}

#[test]
fn a_long_text_wraps_while_it_is_typed_with_the_caret_on_its_last_row() {
    let summary = "老人独居，子女在外地工作，近期腿脚不便，需每周上门看望一次并协助预约社区医院的上门诊疗服务，已联系社区网格员共同跟进";
    for lang in [Lang::Zh, Lang::En] {
        let mut s = screen(lang, false);
        s.keys("v tab tab tab").text(summary);
        let mut screen = s.render(80, 24);
        let text = screen.backend().to_string();
        let rows = text.lines().filter(|l| summary.chars().filter(|c| *c != '，').any(|c| l.contains(c))).count();
        assert!(rows >= 2, "the summary over several rows:\n{text}");
        assert!(text.contains("上门看望") && text.contains("诊疗服务"), "the whole text is on screen:\n{text}");
        let cursor = screen.get_cursor_position().unwrap();
        let last = text.lines().nth(cursor.y as usize).unwrap_or_default();
        assert!(last.contains("跟进"), "the caret on the row being typed: {cursor:?}\n{text}");
        insta::assert_snapshot!(format!("long_text_{}_80x24", lang_name(lang)), screen.backend());
    }
}

#[test]
fn a_vote_sets_field_shows_its_format_while_it_is_typed_in() {
    let mut s = screen(Lang::Zh, false);
    s.keys("0 a");
    for _ in 0..12 {
        if s.app.form().is_some_and(|f| f.focused().spec.name == "vote_sets") {
            break;
        }
        s.keys("tab");
    }
    let text = s.render(80, 24).backend().to_string();
    assert!(text.contains("群众 12,3,1,0/45/42") && text.contains("/发出/收回"), "{text}");
}

/// Four things fall due within 7 days of 2026-11-29: the overview shows the
/// first three, soonest first, and how to see the rest.
fn due_soon(store: &silian::store::Store) {
    use silian::model::Kind;
    add(store, Kind::Task, &[("title", "清理楼道杂物"), ("owner_id", "2"), ("due", "2026-12-01")]);
    add(store, Kind::Task, &[("title", "走访慰问困难户"), ("owner_id", "1"), ("due", "2026-12-03")]);
    let demand = [("household_id", "2"), ("member_id", "2"), ("category", "infrastructure")];
    add(
        store,
        Kind::Demand,
        &[demand.as_slice(), &[("raised_on", "2026-11-03"), ("content", "小区路面破损")]].concat(),
    );
    add(store, Kind::Meeting, &[("date", "2026-12-04"), ("kind", "extra"), ("chair_id", "1"), ("status", "planned")]);
}

#[test]
fn overview_with_reminders() {
    for lang in [Lang::Zh, Lang::En] {
        let mut s = screen_with(lang, false, due_soon);
        s.keys("1");
        insta::assert_snapshot!(format!("overview_reminders_{}_80x24", lang_name(lang)), s.render(80, 24).backend());
        s.keys("D");
        insta::assert_snapshot!(format!("remind_report_{}_80x24", lang_name(lang)), s.render(80, 24).backend());
    }
}
