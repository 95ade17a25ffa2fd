//! The workbench as state: key → action → state, with effects performed on a
//! temporary store, as the runner does.

mod common;

use common::*;
use silian::i18n::Lang;
use silian::model::enums::DemandStatus;
use silian::model::{AnyData, Kind};
use silian::net::Backend;
use silian::rules::holidays::HolidayCalendar;
use silian::store::Store;
use silian::tui::app::{App, Pane};
use silian::tui::effects::Effect;
use silian::tui::input::Input;
use silian::tui::key::Key;
use silian::tui::keymap::Mode;
use silian::tui::runner::carry_out;
use silian::tui::{start_state, Options};

struct Bench {
    _dir: tempfile::TempDir,
    backend: Backend,
    app: App,
}

impl Bench {
    fn new(fill: impl FnOnce(&Store)) -> Bench {
        let (dir, store) = temp_store();
        fill(&store);
        let backend = as_backend(store);
        let app = Bench::start(&backend, dir.path());
        Bench { _dir: dir, backend, app }
    }

    /// The store under the workbench, to check what it wrote.
    fn store(&self) -> &Store {
        self.backend.local().unwrap()
    }

    fn start(store: &Backend, dir: &std::path::Path) -> App {
        let opts = Options { lang: Lang::Zh, ascii: false, color: false, today: today(), account: "clerk".into() };
        start_state(store, HolidayCalendar::builtin(), &opts, dir).unwrap().0
    }

    /// Performs the effects, then settles the state as the runner does before each frame.
    fn run(&mut self, effects: Vec<Effect>) {
        carry_out(&self.backend, &ctx(), &mut self.app, effects);
        self.app.settle();
    }

    /// Presses keys written as in the keymap file, separated by spaces.
    fn keys(&mut self, keys: &str) {
        for k in keys.split_whitespace() {
            let effects = self.app.on_key(Key::parse(k).unwrap());
            self.run(effects);
        }
    }

    /// Types text as an input method delivers it.
    fn text(&mut self, text: &str) {
        for c in text.chars() {
            let effects = self.app.on_key(Key::ch(c));
            self.run(effects);
        }
    }

    fn selected_label(&self) -> String {
        let (kind, id) = self.app.selected().unwrap();
        self.app.data.label(kind, id)
    }

    fn field_text(&self, name: &str) -> String {
        let form = self.app.form().unwrap();
        form.fields.iter().find(|f| f.spec.name == name).unwrap().input.value().to_string()
    }

    fn field_error(&self, name: &str) -> Option<String> {
        let form = self.app.form().unwrap();
        form.fields.iter().find(|f| f.spec.name == name).unwrap().error.clone()
    }
}

#[test]
fn digits_and_tab_switch_tabs_and_j_k_move() {
    let mut b = Bench::new(sample_street);
    assert_eq!(b.app.tab, 0);
    b.keys("2");
    assert_eq!(b.app.kind(), Some(Kind::Member));
    assert_eq!(b.selected_label(), "蒋娜", "newest first");
    b.keys("j");
    assert_eq!(b.selected_label(), "单雄信");
    b.keys("G");
    assert_eq!(b.selected_label(), "余伟军");
    b.keys("g k");
    assert_eq!(b.selected_label(), "蒋娜");
    b.keys("tab");
    assert_eq!(b.app.kind(), Some(Kind::Unit));
    b.keys("shift-tab shift-tab");
    assert_eq!(b.app.tab, 0);
    b.keys("0");
    assert_eq!(b.app.kind(), Some(Kind::Evaluation));
}

/// Over a slow link the detail pane's text is most of what a Down costs: in
/// a burst of moves it keeps the record it showed, and follows on a pause.
#[test]
fn the_detail_pane_follows_the_list_once_the_keys_pause() {
    let mut b = Bench::new(sample_street);
    b.keys("2");
    let shown = b.app.selected().unwrap().1;
    b.keys("j j");
    let now = b.app.selected().unwrap().1;
    assert_ne!(shown, now);
    let detail = |screen: &str| screen.lines().find(|l| l.contains("委员 #")).unwrap_or_default().to_string();
    let within_burst = detail(&b.screen_text_now());
    assert!(within_burst.contains(&format!("#{shown} ")), "still the record before the burst: {within_burst}");
    assert!(!within_burst.contains(&format!("#{now} ")), "{within_burst}");
    let paused = detail(&b.screen_text());
    assert!(paused.contains(&format!("#{now} ")), "the record reached, once the keys pause: {paused}");
    // Anything but a move brings it up to date at once, such as focusing the pane.
    b.keys("j l");
    assert_eq!(b.app.detail_record(), b.app.selected());
}

#[test]
fn the_filter_finds_by_pinyin_and_esc_clears_it() {
    let mut b = Bench::new(sample_street);
    b.keys("2 /");
    assert_eq!(b.app.mode(), Mode::Filter);
    b.text("sxx");
    assert_eq!(b.app.list().unwrap().rows.len(), 1);
    assert_eq!(b.selected_label(), "单雄信");
    b.keys("enter");
    assert_eq!(b.app.mode(), Mode::Normal);
    assert_eq!(b.app.list().unwrap().rows.len(), 1, "the filter stays after Enter");
    b.keys("/ esc");
    assert_eq!(b.app.list().unwrap().rows.len(), 3);
}

#[test]
fn enter_opens_the_detail_and_jumps_to_related_records_and_backspace_returns() {
    let mut b = Bench::new(sample_street);
    b.keys("2 G enter");
    assert_eq!(b.app.pane, Pane::Detail);
    let related = b.app.related_items();
    assert_eq!(related[0], (Kind::Unit, 1), "the member's unit comes first");
    assert!(related.contains(&(Kind::Household, 1)) && related.contains(&(Kind::Visit, 1)));
    b.keys("enter");
    assert_eq!(b.app.kind(), Some(Kind::Unit));
    assert_eq!(b.selected_label(), "滨江实验小学");
    b.keys("backspace");
    assert_eq!(b.app.kind(), Some(Kind::Member));
    assert_eq!(b.selected_label(), "余伟军");
}

#[test]
fn adding_a_member_by_keyboard_saves_it_and_u_undoes_it() {
    let mut b = Bench::new(sample_street);
    b.keys("2 a");
    assert_eq!(b.app.mode(), Mode::Form);
    b.text("余小军");
    b.keys("tab tab");
    assert_eq!(b.app.mode(), Mode::Picker, "the role picker opens");
    b.text("jianzhi");
    assert_eq!(b.field_error("role"), None, "a search is not yet a value");
    b.keys("enter");
    assert_eq!(b.field_text("role"), "兼职委员");
    b.keys("ctrl-s");
    assert_eq!(b.app.mode(), Mode::Normal, "{}", b.app.status);
    assert_eq!(b.selected_label(), "余小军");
    assert!(b.app.status.contains("已新增"), "{}", b.app.status);
    assert_eq!(b.store().count(Kind::Member), 4);
    b.keys("u");
    assert_eq!(b.store().count(Kind::Member), 3);
    assert!(b.app.status.contains("已撤销"), "{}", b.app.status);
    assert!(b.app.data.records(Kind::Member).iter().all(|r| b.app.data.label(Kind::Member, r.id()) != "余小军"));
}

#[test]
fn saving_an_incomplete_form_marks_the_fields() {
    let mut b = Bench::new(sample_street);
    b.keys("2 a enter");
    assert_eq!(b.app.mode(), Mode::Form);
    assert!(b.field_error("name").is_some_and(|e| e.contains("必填")));
    assert!(b.field_error("role").is_some_and(|e| e.contains("必填")));
    assert_eq!(b.app.form().unwrap().focus, 0, "the first bad field takes the focus");
    b.keys("tab");
    b.text("13");
    b.keys("tab");
    assert!(b.field_error("phone").is_some_and(|e| e.contains("不是电话号码")), "{:?}", b.field_error("phone"));
}

#[test]
fn a_quick_visit_from_a_household_takes_it_and_its_member_and_reads_short_dates() {
    let mut b = Bench::new(sample_street);
    b.keys("5");
    b.keys("/");
    b.text("qzj");
    b.keys("enter v");
    assert_eq!(b.field_text("household_id"), "区志坚");
    assert_eq!(b.field_text("member_id"), "单雄信");
    while b.app.form().unwrap().focused().spec.name != "summary" {
        b.keys("tab");
    }
    b.text("回访，情况稳定");
    b.keys("tab ctrl-u");
    b.text("-1");
    b.keys("ctrl-s");
    assert_eq!(b.app.mode(), Mode::Normal, "{}", b.app.status);
    let (kind, id) = b.app.selected().unwrap();
    assert_eq!(kind, Kind::Visit);
    let AnyData::Visit(v) = &b.store().get(Kind::Visit, id).unwrap().unwrap().data else { panic!() };
    assert_eq!((v.household_id, v.member_id, v.date.to_string()), (Some(2), 2, "2026-11-28".to_string()));
}

#[test]
fn the_household_picker_searches_by_initials() {
    let mut b = Bench::new(sample_street);
    b.keys("6 a");
    while b.app.form().unwrap().focused().spec.name != "household_id" {
        b.keys("tab");
    }
    b.text("zs");
    let picker = b.app.form().unwrap().picker.as_ref().unwrap();
    assert_eq!(picker.items[0].1, "张三（长安社区）");
    b.keys("enter");
    assert_eq!(b.field_text("household_id"), "张三");
    assert_eq!(b.app.form().unwrap().fields.iter().find(|f| f.spec.name == "household_id").unwrap().chosen, vec![3]);
}

#[test]
fn a_new_visit_takes_the_member_and_way_of_the_last_one_but_is_dated_today() {
    let mut b = Bench::new(sample_street);
    b.keys("6 a");
    assert_eq!(b.field_text("member_id"), "蒋娜", "from visit 5, the last entered");
    assert_eq!(b.field_text("kind"), "来访接待", "the way of the last one");
    assert_eq!(b.field_text("date"), "2026-11-29", "today, not the last visit's 2026-11-25");
}

#[test]
fn archive_toggles_and_undo_restores() {
    let mut b = Bench::new(sample_street);
    b.keys("3 x");
    assert!(b.store().get(Kind::Unit, 2).unwrap().unwrap().meta.archived);
    assert_eq!(b.app.list().unwrap().rows.len(), 1, "archived records hide");
    b.keys("A");
    assert_eq!(b.app.list().unwrap().rows.len(), 2, "unless asked");
    b.keys("u");
    assert!(!b.store().get(Kind::Unit, 2).unwrap().unwrap().meta.archived);
}

#[test]
fn a_filter_leaves_out_archived_records_until_they_are_shown() {
    let mut b = Bench::new(sample_street);
    b.keys("3");
    let name = b.selected_label();
    b.keys("x /");
    b.text(&name);
    b.keys("enter");
    assert_eq!(b.app.list().unwrap().rows.len(), 0, "{name} is archived");
    b.keys("A");
    assert_eq!(b.app.list().unwrap().rows.len(), 1, "shown with the archived ones");
    assert_eq!(b.selected_label(), name);
}

#[test]
fn editing_keeps_other_fields_and_undo_brings_the_old_values_back() {
    let mut b = Bench::new(sample_street);
    b.keys("2 G e");
    assert_eq!(b.field_text("name"), "余伟军");
    assert_eq!(b.field_text("unit_id"), "滨江实验小学");
    b.keys("ctrl-u");
    b.text("余伟");
    b.keys("ctrl-s");
    let AnyData::Member(m) = &b.store().get(Kind::Member, 1).unwrap().unwrap().data else { panic!() };
    assert_eq!((m.name.as_str(), m.unit_id), ("余伟", Some(1)));
    b.keys("u");
    let AnyData::Member(m) = &b.store().get(Kind::Member, 1).unwrap().unwrap().data else { panic!() };
    assert_eq!(m.name, "余伟军");
}

#[test]
fn a_half_typed_form_survives_a_restart_as_a_draft() {
    let (dir, store) = temp_store();
    sample_street(&store);
    let backend = as_backend(store);
    let mut b = Bench { app: Bench::start(&backend, dir.path()), backend, _dir: dir };
    b.keys("2 a");
    b.text("半途而废");
    // The process dies here; a new one starts on the same store.
    let app = Bench::start(&b.backend, b._dir.path());
    b.app = app;
    assert_eq!(b.app.mode(), Mode::Confirm);
    b.keys("y");
    assert_eq!(b.app.mode(), Mode::Form);
    assert_eq!(b.field_text("name"), "半途而废");
    b.keys("esc y");
    assert_eq!(b.app.mode(), Mode::Normal);
    assert!(b.store().drafts().unwrap().is_empty(), "a discarded form leaves no draft");
}

#[test]
fn q_quits_from_browsing_but_is_typed_in_a_form_and_esc_asks_before_discarding() {
    let mut b = Bench::new(sample_street);
    b.keys("2 a q");
    assert!(!b.app.quit);
    assert_eq!(b.field_text("name"), "q");
    b.keys("esc");
    assert_eq!(b.app.mode(), Mode::Confirm);
    b.keys("n");
    assert_eq!(b.app.mode(), Mode::Form);
    b.keys("esc y q");
    assert!(b.app.quit);
}

#[test]
fn the_command_line_completes_and_runs() {
    let mut b = Bench::new(sample_street);
    b.keys(":");
    b.text("ad");
    b.keys("tab");
    assert_eq!(b.app.open.command().unwrap().value(), "add ");
    b.text("vis");
    b.keys("tab");
    assert_eq!(b.app.open.command().unwrap().value(), "add visit ");
    b.keys("enter");
    assert_eq!(b.app.form().unwrap().kind, Kind::Visit);
    b.keys("esc esc y :");
    b.text("lang en");
    b.keys("enter");
    assert_eq!(b.app.lang, Lang::En);
    b.keys(":");
    b.text("nonsense");
    b.keys("enter");
    assert!(b.app.status.contains("no command"), "{}", b.app.status);
}

#[test]
fn help_is_built_from_the_keymap_and_filters() {
    let mut b = Bench::new(sample_street);
    b.keys("?");
    assert_eq!(b.app.mode(), Mode::Help);
    b.text("撤销");
    let rows = silian::tui::ui::help_rows(&b.app);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].1, "u");
    b.keys("esc");
    assert_eq!(b.app.mode(), Mode::Normal);
}

#[test]
fn reveal_shows_a_households_phone_and_is_logged() {
    let mut b = Bench::new(sample_street);
    b.keys("5 :");
    b.text("reveal");
    b.keys("enter");
    let (kind, id) = b.app.selected().unwrap();
    assert!(b.app.revealed.contains(&(kind, id)));
    let log = b.store().audit_log().unwrap();
    assert_eq!(log.last().unwrap().action, silian::store::AuditAction::Reveal);
}

#[test]
fn the_overview_lists_agenda_items_and_jumps_to_them() {
    let mut b = Bench::new(sample_street);
    let ov = silian::tui::overview::overview(&b.app.data, today());
    assert_eq!(ov.agenda.first(), Some(&(Kind::Demand, 2)), "open for 89 days");
    assert!(ov.agenda.contains(&(Kind::Task, 1)), "past its due date");
    assert!(!ov.agenda.contains(&(Kind::Demand, 1)), "escalated, but it comes up with its late task");
    assert_eq!(ov.next_meeting.date.to_string(), "2027-01-08", "provisional: 元旦 moves it");
    assert!(ov.next_meeting.provisional);
    b.keys("enter");
    assert_eq!(b.app.kind(), Some(Kind::Demand));
    assert_eq!(b.app.selected(), Some((Kind::Demand, 2)));
}

#[test]
fn the_overview_names_a_hot_issue_by_how_many_raised_it() {
    let mut b = Bench::new(hot_street);
    let ov = silian::tui::overview::overview(&b.app.data, today());
    let hot = ov.hot.iter().find(|i| i.demand_ids.len() > 1).expect("a hot issue");
    assert_eq!(
        ov.agenda.first(),
        Some(&(Kind::Demand, hot.demand_ids[0])),
        "it comes first, opening its oldest demand"
    );
    let screen = b.screen_text();
    let who = if hot.other_targets == 0 { "户" } else { "方" };
    assert!(screen.contains(&format!("[热点 {} {who}]", hot.households + hot.other_targets)), "{screen}");
}

#[test]
fn tab_through_an_open_picker_picks_nothing_and_ctrl_s_saves_from_it() {
    let mut b = Bench::new(sample_street);
    b.keys("2 a");
    b.text("余小军");
    b.keys("tab tab");
    assert_eq!(b.app.mode(), Mode::Picker);
    b.keys("tab");
    assert_eq!(b.field_text("role"), "", "Tab leaves the picker without choosing");
    b.keys("shift-tab");
    b.text("zu");
    b.keys("ctrl-s");
    assert!(b.field_error("role").is_some(), "an unpicked search is refused on save");
    b.keys("esc y 5 a");
    assert_eq!(b.app.mode(), Mode::Picker, "the required community opens its list");
    b.keys("ctrl-s");
    assert_eq!(b.app.mode(), Mode::Form, "saving from a picker checks the form");
    assert!(b.field_error("head").is_some());
}

#[test]
fn a_quick_visit_asks_household_member_summary_in_that_order() {
    let mut b = Bench::new(sample_street);
    b.keys("v");
    let names: Vec<&str> = b.app.form().unwrap().fields.iter().map(|f| f.spec.name).collect();
    assert_eq!(names, ["household_id", "member_id", "kind", "summary", "date"]);
    assert_eq!(b.app.form().unwrap().focus, 0);
}

/// `:import` in the workbench: the report first, the write only after a yes.
fn import_command(b: &mut Bench, csv: &str) -> std::path::PathBuf {
    let path = b._dir.path().join("住户.csv");
    std::fs::write(&path, csv).unwrap();
    let effects = b.app.run_command(&format!("import household {}", path.display()));
    b.run(effects);
    path
}

#[test]
fn import_shows_its_report_and_writes_on_yes() {
    let mut b = Bench::new(small_street);
    import_command(&mut b, "户主,社区,联系委员,住址\n李四,长安社区,余伟军,和平路1号\n王五,长安社区,余伟军,和平路2号\n");
    assert_eq!(b.app.mode(), Mode::Report);
    assert_eq!(b.app.open.question(), Some(&silian::tui::app::Question::WriteImport(2)));
    let review = b.app.open.report().unwrap();
    assert!(review.lines.last().unwrap().contains('2'), "{:?}", review.lines);
    assert_eq!(b.store().count(Kind::Household), 1, "nothing is written before the yes");
    b.keys("y");
    assert_eq!(b.store().count(Kind::Household), 3);
    assert_eq!(b.app.data.records(Kind::Household).len(), 3);
    assert_eq!(b.app.kind(), Some(Kind::Household));
    assert!(b.app.status.contains("新增 2 条"), "{}", b.app.status);
    assert!(b.app.open.report().is_none());
}

#[test]
fn import_with_a_bad_row_writes_nothing_and_names_the_line() {
    let mut b = Bench::new(small_street);
    import_command(&mut b, "户主,社区\n李四,长安社区\n王五,不存在社区\n");
    assert_eq!(b.app.open.question(), Some(&silian::tui::app::Question::CloseReport));
    let text = b.app.open.report().unwrap().lines.join("\n");
    assert!(text.contains("第 3 行") && text.contains("不存在社区"), "{text}");
    b.keys("enter");
    assert_eq!(b.app.mode(), Mode::Normal);
    assert_eq!(b.store().count(Kind::Household), 1);
}

#[test]
fn import_declined_writes_nothing() {
    let mut b = Bench::new(small_street);
    import_command(&mut b, "户主,社区\n李四,长安社区\n");
    b.keys("n");
    assert_eq!(b.store().count(Kind::Household), 1);
    assert!(b.app.status.contains("未导入"), "{}", b.app.status);
}

#[test]
fn import_of_a_missing_file_says_so() {
    let mut b = Bench::new(small_street);
    b.keys("5");
    let effects = b.app.run_command("import /nonexistent/住户.xlsx");
    b.run(effects);
    assert_eq!(b.app.mode(), Mode::Normal);
    assert!(b.app.status.contains("/nonexistent/住户.xlsx"), "{}", b.app.status);
}

// The meeting cycle (issue 4)

fn meeting_of(b: &Bench, id: u64) -> silian::model::Meeting {
    match b.store().get(Kind::Meeting, id).unwrap().unwrap().data {
        AnyData::Meeting(m) => *m,
        other => panic!("{other:?}"),
    }
}

fn demand_of(b: &Bench, id: u64) -> silian::model::Demand {
    match b.store().get(Kind::Demand, id).unwrap().unwrap().data {
        AnyData::Demand(d) => *d,
        other => panic!("{other:?}"),
    }
}

fn task_of(b: &Bench, id: u64) -> silian::model::Task {
    match b.store().get(Kind::Task, id).unwrap().unwrap().data {
        AnyData::Task(t) => *t,
        other => panic!("{other:?}"),
    }
}

/// The sample street with next year planned from the overview and its first meeting selected.
fn planned_bench() -> Bench {
    let mut b = Bench::new(sample_street);
    b.keys("P");
    // Meetings newest first: 5, 4, 3, 2 (2027 Q1), 1.
    b.keys("8 G k");
    assert_eq!(b.app.selected(), Some((Kind::Meeting, 2)));
    b
}

#[test]
fn p_on_the_overview_plans_next_year_once() {
    let mut b = Bench::new(sample_street);
    assert_eq!(b.app.unplanned_year(), Some(2027));
    b.keys("P");
    assert_eq!(b.app.status, "已安排 2027 年的 4 次例会（计划）");
    assert_eq!(b.store().list(Kind::Meeting, false).unwrap().len(), 5);
    assert_eq!(meeting_of(&b, 2).date.to_string(), "2027-01-08", "2027 is provisional: 元旦 moves Q1");
    assert_eq!(b.app.unplanned_year(), None, "the overview stops offering");
    b.keys("P");
    assert_eq!(b.app.status, "2027 年的 4 次例会已在计划中，未新建");
    assert_eq!(b.store().list(Kind::Meeting, false).unwrap().len(), 5);
}

impl Bench {
    /// A workbench on a calendar of the test's own, as if `holidays.toml` held it.
    fn with_calendar(fill: impl FnOnce(&Store), calendar: HolidayCalendar) -> Bench {
        let (dir, store) = temp_store();
        fill(&store);
        let backend = as_backend(store);
        let opts = Options { lang: Lang::Zh, ascii: false, color: false, today: today(), account: "clerk".into() };
        let app = start_state(&backend, calendar, &opts, dir.path()).unwrap().0;
        Bench { _dir: dir, backend, app }
    }

    /// The screen once the keys pause, as a user reads it.
    fn screen_text(&mut self) -> String {
        self.app.update(Input::Paused);
        self.screen_text_now()
    }

    /// The screen drawn straight after the last key, as within a burst of keys.
    fn screen_text_now(&mut self) -> String {
        self.app.settle();
        let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(160, 30)).unwrap();
        terminal.draw(|f| silian::tui::ui::draw(f, &self.app)).unwrap();
        let buffer = terminal.backend().buffer().clone();
        let rows = buffer.content.chunks(usize::from(buffer.area.width));
        // A wide character's second cell holds a blank that is not on the screen.
        let row_text = |row: &[ratatui::buffer::Cell]| {
            let mut skip = 0;
            let mut text = String::new();
            for c in row {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                text.push_str(c.symbol());
                skip = unicode_width::UnicodeWidthStr::width(c.symbol()).saturating_sub(1);
            }
            text
        };
        rows.map(row_text).collect::<Vec<_>>().join("\n")
    }
}

/// A made-up 2027 notice whose National Day break runs to Fri 10-08.
const NOTICE_2027: &str =
    "[[year]]\nyear = 2027\n[[year.holiday]]\nname = \"国庆节\"\nstart = \"2027-10-01\"\nend = \"2027-10-08\"\n";

#[test]
fn a_notice_added_later_is_flagged_on_the_overview_and_one_key_moves_the_meeting() {
    // 2027 planned while provisional: Q4 on 10-08 (meeting 5).
    let plan = |store: &Store| {
        sample_street(store);
        let op = silian::ops::meeting::PlanYear::for_year(2027, &HolidayCalendar::builtin());
        ask(store, op).unwrap();
    };
    let notice = HolidayCalendar::builtin().with_user_file(NOTICE_2027).unwrap();
    let mut b = Bench::with_calendar(plan, notice);
    assert_eq!(meeting_of(&b, 5).date.to_string(), "2027-10-08");
    let flagged = &b.app.overview().off_calendar;
    assert_eq!(flagged.len(), 1);
    assert_eq!(
        (flagged[0].meeting_id, flagged[0].schedule_date.map(|d| d.to_string())),
        (5, Some("2027-10-15".into()))
    );
    let screen = b.screen_text();
    assert!(screen.contains("! 议事会 5：2027-10-08 逢国庆节，日程日期为 2027-10-15"), "{screen}");
    let key = b.app.keymap.key_text(Mode::Normal, silian::tui::action::Action::MoveToSchedule, Lang::Zh);
    assert!(screen.contains(&format!("按 {key} 将议事会 5 改至 2027-10-15")), "{screen}");

    b.keys(&key);
    assert_eq!(b.app.status, "议事会 5 已改期至 2027-10-15，原因记入纪要");
    let moved = meeting_of(&b, 5);
    assert_eq!(moved.date.to_string(), "2027-10-15");
    assert!(moved.minutes.contains("改期：2027-10-08 → 2027-10-15，原因：2027-10-08 逢国庆节"), "{}", moved.minutes);
    assert!(b.app.overview().off_calendar.is_empty());
    assert!(!b.screen_text().contains("! 议事会"));
    b.keys(&key);
    assert!(b.app.status.starts_with("没有落在节假日"), "{}", b.app.status);
}

#[test]
fn the_overview_marks_a_provisional_next_meeting() {
    let mut b = Bench::new(sample_street);
    let screen = b.screen_text();
    assert!(screen.contains("下次联席议事会：2027Q1 2027-01-08 暂定（原定 2027-01-01 逢元旦，顺延）"), "{screen}");
}

#[test]
fn r_takes_agenda_items_into_the_meeting_one_key_each() {
    let mut b = planned_bench();
    b.keys("r");
    assert_eq!(b.app.mode(), Mode::Chooser);
    let items = b.app.chooser_items();
    assert_eq!(items.len(), 2, "{items:?}");
    b.keys("enter");
    assert!(b.app.status.starts_with("已列入议题："), "{}", b.app.status);
    assert_eq!(b.app.chooser_items().len(), 1, "the taken item leaves the list");
    b.keys("enter");
    assert!(b.app.chooser_items().is_empty());
    assert_eq!(meeting_of(&b, 2).topics.len(), 2);
    b.keys("esc");
    assert_eq!(b.app.mode(), Mode::Normal);
}

#[test]
fn r_takes_a_hot_issue_whole_with_one_key() {
    let mut b = Bench::new(hot_street);
    b.keys("P 8 G k");
    assert_eq!(b.app.selected(), Some((Kind::Meeting, 2)));
    b.keys("r");
    let first = &b.app.chooser_items()[0];
    assert_eq!(first.label, "诉求 5、4、6 · 2 户 · 已等 40 天 · 逾期 · 楼道里电动车充电到半夜，存在火灾隐患");
    let before = b.app.chooser_items().len();
    b.keys("enter");
    assert_eq!(b.app.status, "已列入议题：楼道里电动车充电到半夜，存在火灾隐患（3 条诉求）");
    assert_eq!(b.app.chooser_items().len(), before - 1, "the whole group leaves the agenda");
    let topics = meeting_of(&b, 2).topics;
    assert_eq!(topics.len(), 1);
    assert_eq!(topics[0].demand_ids, [5, 4, 6]);
    for id in [4, 5, 6] {
        let Some(AnyData::Demand(d)) = b.store().get(Kind::Demand, id).unwrap().map(|r| r.data) else { panic!() };
        assert_eq!((d.meeting_id, d.status), (Some(2), DemandStatus::Escalated), "demand {id}");
        assert_eq!(b.app.demand(id).map(|d| d.meeting_id), Some(Some(2)), "the workbench holds the change");
    }
}

#[test]
fn t_toggles_attendance_with_enter_and_space() {
    let mut b = planned_bench();
    b.keys("t");
    assert_eq!(b.app.chooser_items()[0].mark, "[ ]");
    b.keys("enter j space");
    assert_eq!(meeting_of(&b, 2).attendee_ids, vec![1, 2]);
    assert_eq!(b.app.chooser_items()[0].mark, "[x]");
    assert_eq!(b.app.status, "单雄信 已到会");
    b.keys("space");
    assert_eq!(meeting_of(&b, 2).attendee_ids, vec![1]);
    assert_eq!(b.app.status, "单雄信 未到会");
}

#[test]
fn keys_of_the_cycle_say_where_they_work() {
    let mut b = Bench::new(sample_street);
    b.keys("2 r");
    assert_eq!(b.app.mode(), Mode::Normal);
    assert_eq!(b.app.status, "r（议事会：候选议题）需在“联席议事会”页选中一条记录后使用");
    b.keys("p");
    assert!(b.app.status.contains("责任事项"), "{}", b.app.status);
    b.keys("P");
    assert_eq!(b.app.status, "P（安排例会）在总览页或“联席议事会”页使用");
    assert_eq!(b.store().list(Kind::Meeting, false).unwrap().len(), 1, "nothing planned from the members tab");
}

/// Takes the overdue demand 2 into meeting 2 and records a decision on it.
fn decided_bench() -> Bench {
    let mut b = planned_bench();
    b.keys("r");
    let pos = b.app.chooser_items().iter().position(|i| i.label.starts_with("诉求 2")).unwrap();
    for _ in 0..pos {
        b.keys("j");
    }
    b.keys("enter esc o");
    assert_eq!(b.app.chooser_items()[0].mark, "[ ]");
    b.keys("t");
    assert_eq!(b.app.status, "这个议题还没有议定事项：先按 Enter 写下决定");
    b.keys("enter");
    assert_eq!(b.app.mode(), Mode::Form);
    b.text("社区与街道服务中心协商");
    b.keys("tab");
    b.text("由社区助餐点每日送餐");
    b.keys("enter");
    assert_eq!(b.app.status, "已记录议题 1 的讨论与议定事项");
    assert_eq!(b.app.mode(), Mode::Chooser, "back in the topics");
    assert_eq!(b.app.chooser_items()[0].mark, "[x]");
    b
}

#[test]
fn o_records_a_topics_discussion_and_decision() {
    let b = decided_bench();
    let topic = &meeting_of(&b, 2).topics[0];
    assert_eq!(topic.demand_ids, vec![2]);
    assert_eq!(topic.discussion, "社区与街道服务中心协商");
    assert_eq!(topic.decision, "由社区助餐点每日送餐");
}

#[test]
fn t_on_a_decided_topic_makes_a_task_and_its_demand_moves_to_in_progress() {
    let mut b = decided_bench();
    b.keys("t");
    assert_eq!(b.app.mode(), Mode::Picker, "the owner picker opens at once");
    assert_eq!(b.field_text("title"), "申请助餐服务");
    b.text("jn");
    b.keys("enter");
    b.text("12-20");
    b.keys("enter");
    assert_eq!(b.app.mode(), Mode::Chooser, "{}", b.app.status);
    assert_eq!(b.app.status, "已新建责任事项“申请助餐服务”，1 条相关诉求转为办理中");
    let task = task_of(&b, 3);
    assert_eq!((task.owner_id, task.meeting_id, task.demand_ids.clone()), (3, Some(2), vec![2]));
    assert_eq!(task.due.unwrap().to_string(), "2026-12-20");
    assert_eq!(task.detail, "由社区助餐点每日送餐");
    let demand = demand_of(&b, 2);
    assert_eq!((demand.status.id(), demand.task_id), ("in_progress", Some(3)));
}

/// After `decided_bench`, the task of the decision, selected in the task list.
fn task_bench() -> Bench {
    let mut b = decided_bench();
    b.keys("t");
    b.text("jn");
    b.keys("enter enter esc 9");
    assert_eq!(b.app.selected(), Some((Kind::Task, 3)));
    b
}

#[test]
fn p_then_typing_then_enter_reports_progress() {
    let mut b = task_bench();
    b.keys("p");
    assert_eq!(b.field_text("reporter"), "王芳", "the owner's contact person");
    b.text("已联系助餐点");
    b.keys("enter");
    assert_eq!(b.app.status, "已记录“申请助餐服务”的进展");
    let task = task_of(&b, 3);
    assert_eq!(task.progress.len(), 1);
    assert_eq!((task.progress[0].note.as_str(), task.progress[0].date), ("已联系助餐点", today()));
    assert_eq!(task.status.id(), "doing");
}

#[test]
fn finishing_a_task_asks_to_resolve_its_demands_and_yes_resolves_them() {
    let mut b = task_bench();
    // The task's meeting is planned for 2027: finishing it now is asked about first.
    b.keys("F y");
    assert_eq!(b.app.mode(), Mode::Confirm);
    assert_eq!(task_of(&b, 3).status.id(), "done");
    b.keys("y");
    assert_eq!(b.app.mode(), Mode::Form);
    assert_eq!(b.field_text("resolved_on"), "2026-11-29");
    b.text("已每日送餐");
    b.keys("enter");
    assert_eq!(b.app.status, "诉求 2 已改为“已办结”");
    let demand = demand_of(&b, 2);
    assert_eq!((demand.status.id(), demand.resolution.as_str()), ("resolved", "已每日送餐"));
}

#[test]
fn finishing_and_declining_leaves_the_demands_pending() {
    let mut b = task_bench();
    b.keys("F y n");
    assert_eq!(b.app.status, "1 条相关诉求仍在办理中");
    assert_eq!(demand_of(&b, 2).status.id(), "in_progress");
}

#[test]
fn m_lists_only_the_steps_the_lifecycle_allows_and_applies_them() {
    let mut b = Bench::new(sample_street);
    b.keys("7");
    assert_eq!(b.app.selected(), Some((Kind::Demand, 3)));
    b.keys("m");
    assert_eq!(b.app.mode(), Mode::Normal, "resolved and followed up: nothing left");
    assert_eq!(b.app.status, "诉求 3 已办结并已回访，没有下一步");
    b.keys("j m");
    assert_eq!(b.app.selected(), Some((Kind::Demand, 2)));
    let labels: Vec<String> = b.app.chooser_items().into_iter().map(|i| i.label).collect();
    assert_eq!(labels, ["改为：办理中", "改为：提交议事会", "转办职能部门"]);
    b.keys("enter");
    assert_eq!(b.app.status, "诉求 2 已改为“办理中”");
    assert_eq!(b.app.mode(), Mode::Normal);
    assert_eq!(demand_of(&b, 2).status.id(), "in_progress");
}

#[test]
fn an_edit_form_cannot_skip_the_demand_lifecycle() {
    let mut b = Bench::new(sample_street);
    b.keys("7 j e");
    let form = b.app.form_mut().unwrap();
    for (name, text) in [("status", "resolved"), ("resolution", "已办"), ("resolved_on", "2026-11-29")] {
        form.field_mut(name).unwrap().input = silian::tui::text_input::TextInput::new(text);
    }
    b.keys("ctrl-s");
    assert_eq!(
        b.app.status,
        "诉求 2 的状态不能从“待办”改为“已办结”；可改为：办理中 (in_progress)、提交议事会 (escalated)"
    );
    assert_eq!(demand_of(&b, 2).status.id(), "open");
    assert_eq!(b.app.mode(), Mode::Form, "the form stays to be corrected");
}

#[test]
fn a_follow_up_of_a_resolved_demand_is_recorded_as_a_visit() {
    let mut b = task_bench();
    b.keys("F y y");
    b.text("已每日送餐");
    b.keys("enter 7");
    b.app.jump_to(Kind::Demand, 2);
    b.keys("m");
    let labels: Vec<String> = b.app.chooser_items().into_iter().map(|i| i.label).collect();
    assert_eq!(labels, ["回访（记录满意度，生成走访记录）"]);
    b.keys("enter");
    assert_eq!(b.field_text("satisfaction"), "满意");
    assert_eq!(b.field_text("kind"), "电话联系", "a call unless said otherwise");
    let handler = demand_of(&b, 2).member_id.unwrap();
    assert_eq!(b.field_text("member_id"), b.app.data.label(Kind::Member, handler), "by the demand's member");
    b.text("老人很满意");
    b.keys("enter");
    assert_eq!(b.app.status, "已记录诉求 2 的回访（走访记录 6）");
    let visit = b.store().get(Kind::Visit, 6).unwrap().unwrap();
    let AnyData::Visit(v) = visit.data else { panic!() };
    assert_eq!((v.demand_id, v.summary.as_str(), v.date), (Some(2), "老人很满意", today()));
    assert_eq!((v.kind.id(), v.member_id), ("phone", handler));
    assert_eq!(demand_of(&b, 2).satisfaction.map(|s| s.id()), Some("satisfied"));
    assert!(b.app.data.get(Kind::Visit, 6).is_some(), "the workbench shows the new visit");
}

#[test]
fn an_unsatisfied_follow_up_offers_reopening_and_a_reopened_demand_can_be_referred() {
    let mut b = task_bench();
    b.keys("F y y");
    b.text("已每日送餐");
    b.keys("enter 7");
    b.app.jump_to(Kind::Demand, 2);
    b.keys("m enter");
    let form = b.app.form_mut().unwrap();
    form.field_mut("satisfaction").unwrap().input = silian::tui::text_input::TextInput::new("不满意");
    b.keys("enter");
    assert_eq!(b.app.mode(), Mode::Confirm);
    assert!(b.app.status.starts_with("已记录诉求 2 的回访"), "{}", b.app.status);
    b.keys("y");
    assert_eq!(b.app.mode(), Mode::Form, "yes opens the reopening");
    assert_eq!(b.field_text("date"), "2026-11-29");
    b.text("送餐时间太晚");
    b.keys("enter");
    assert_eq!(b.app.status, "诉求 2 已重办（第 2 轮），状态改为“办理中”");
    let demand = demand_of(&b, 2);
    assert_eq!((demand.status.id(), demand.rounds.len()), ("in_progress", 1));
    assert_eq!(demand.rounds[0].reason, "送餐时间太晚");
    // Back at work: it can go to a department, whose reply is then recorded.
    b.keys("m");
    let labels: Vec<String> = b.app.chooser_items().into_iter().map(|i| i.label).collect();
    assert_eq!(labels, ["改为：提交议事会", "改为：已办结", "改为：无法解决", "转办职能部门"]);
    b.keys("j j j enter");
    b.text("区民政局");
    b.keys("enter");
    assert_eq!(b.app.status, "诉求 2 已于 2026-11-29 转办至区民政局");
    b.keys("m");
    let labels: Vec<String> = b.app.chooser_items().into_iter().map(|i| i.label).collect();
    assert_eq!(labels.last().map(String::as_str), Some("记录部门答复"));
    b.keys("j j j j enter");
    b.text("已协调助餐点提前送餐");
    b.keys("enter");
    let demand = demand_of(&b, 2);
    assert_eq!((demand.referred_to.as_str(), demand.department_reply.as_str()), ("区民政局", "已协调助餐点提前送餐"));
}

fn tasks_around_today(store: &Store) {
    small_street(store);
    add(store, Kind::Task, &[("title", "今天到期"), ("owner_id", "1"), ("due", "2026-11-29")]);
    add(store, Kind::Task, &[("title", "昨天到期"), ("owner_id", "1"), ("due", "2026-11-28")]);
    add(
        store,
        Kind::Task,
        &[("title", "已完成"), ("owner_id", "1"), ("due", "2026-11-01"), ("status", "done"), ("done_on", "2026-11-02")],
    );
}

#[test]
fn a_task_is_marked_overdue_the_day_after_its_due_date_until_done() {
    let b = Bench::new(tasks_around_today);
    let mark = |id| {
        let rec = b.app.data.get(Kind::Task, id).unwrap();
        silian::tui::overview::overdue_mark(&b.app.data, &rec, today())
    };
    assert_eq!((mark(1), mark(2), mark(3)), ("", "!", ""));
}

#[test]
fn m_upper_moves_a_planned_meeting_with_its_reason_and_a_held_one_is_refused() {
    let mut b = planned_bench();
    b.keys("M");
    assert_eq!(b.app.mode(), Mode::Form);
    b.text("2027-01-15");
    b.keys("tab");
    b.text("元旦后人员未齐");
    b.keys("enter");
    assert_eq!(b.app.status, "议事会 2 已改期至 2027-01-15，原因记入纪要");
    let moved = meeting_of(&b, 2);
    assert_eq!(moved.date.to_string(), "2027-01-15");
    assert!(moved.minutes.contains("元旦后人员未齐"), "{}", moved.minutes);
    b.keys("G M");
    assert_eq!(b.app.selected(), Some((Kind::Meeting, 1)));
    b.text("12-01");
    b.keys("tab");
    b.text("试试");
    b.keys("enter");
    assert_eq!(b.app.mode(), Mode::Form, "refused: the form stays");
    assert!(b.app.status.contains("议事会 1"), "{}", b.app.status);
    assert_eq!(meeting_of(&b, 1).date.to_string(), "2026-10-09");
}

fn task_with_an_open_demand(store: &Store) {
    sample_street(store);
    add(store, Kind::Task, &[("title", "楼道与助餐"), ("owner_id", "1"), ("demand_ids", "1,2")]);
}

#[test]
fn finishing_offers_to_resolve_only_the_demands_the_lifecycle_lets_close() {
    let mut b = Bench::new(task_with_an_open_demand);
    b.keys("9");
    assert_eq!(b.app.selected(), Some((Kind::Task, 3)));
    b.keys("F");
    assert_eq!(b.app.status, "责任事项“楼道与助餐”已完成；诉求 2 尚未开始办理，不能直接办结");
    assert_eq!(b.app.open.question(), Some(&silian::tui::app::Question::ResolveDemands(vec![1])));
    b.keys("y");
    b.text("已更换");
    b.keys("enter");
    assert_eq!(b.app.status, "诉求 1 已改为“已办结”");
    assert_eq!(demand_of(&b, 2).status.id(), "open");
}

#[test]
fn an_escalated_demand_may_be_declared_unresolvable_with_a_reason() {
    let mut b = Bench::new(sample_street);
    b.keys("7 G m");
    assert_eq!(b.app.selected(), Some((Kind::Demand, 1)));
    assert_eq!(b.app.chooser_items().len(), 4, "in progress, resolved, unresolvable, refer");
    b.keys("j j enter");
    assert_eq!(b.field_text("on"), "2026-11-29");
    b.keys("enter");
    assert_eq!(b.field_error("reason").as_deref(), Some("必填，不能为空"), "a reason is required");
    b.text("产权不清，无法施工");
    b.keys("enter");
    let demand = demand_of(&b, 1);
    assert_eq!((demand.status.id(), demand.resolution.as_str()), ("unresolvable", "产权不清，无法施工"));
    assert_eq!(b.app.mode(), Mode::Normal);
}

fn command(b: &mut Bench, line: &str) {
    let effects = b.app.run_command(line);
    b.run(effects);
}

fn evaluations_of(b: &Bench, period: &str) -> Vec<silian::model::Evaluation> {
    b.store()
        .list(Kind::Evaluation, true)
        .unwrap()
        .into_iter()
        .filter_map(|r| match r.data {
            AnyData::Evaluation(e) if e.period.to_string() == period => Some(*e),
            _ => None,
        })
        .collect()
}

#[test]
fn evaluate_creates_the_periods_evaluations_once() {
    let mut b = Bench::new(small_street);
    command(&mut b, "evaluate 2026H1");
    assert!(b.app.status.contains("已新建考评 0 份"), "the leader is not a role evaluated: {}", b.app.status);
    command(&mut b, "evaluate 2026H1 all");
    assert_eq!(evaluations_of(&b, "2026H1").len(), 1);
    assert_eq!(b.app.kind(), Some(Kind::Evaluation));
    assert!(b.app.status.contains("已新建考评 1 份"), "{}", b.app.status);
    command(&mut b, "evaluate 2026H1 all");
    assert_eq!(evaluations_of(&b, "2026H1").len(), 1);
    assert!(b.app.status.contains("已新建考评 0 份；1 名委员已有"), "{}", b.app.status);
    command(&mut b, "evaluate 2026Q5");
    assert!(b.app.status.contains("考评期"), "{}", b.app.status);
}

#[test]
fn r_shows_the_selected_members_duty_report() {
    let mut b = Bench::new(small_street);
    b.keys("2 R");
    assert_eq!(b.app.mode(), Mode::Report);
    let view = b.app.open.report().unwrap();
    assert!(view.title.contains("余伟军") && view.title.contains("2026"), "{}", view.title);
    assert!(view.lines.iter().any(|l| l.contains("联系户")), "{:?}", view.lines);
    b.keys("enter");
    assert_eq!(b.app.mode(), Mode::Normal);
    assert!(b.app.open.report().is_none());
    b.keys("3 R");
    assert!(b.app.status.contains("请先在委员或考评列表中选中一人"), "{}", b.app.status);
}

#[test]
fn publish_is_refused_until_the_evaluations_are_complete() {
    let mut b = Bench::new(small_street);
    let path = b._dir.path().join("公示.md");
    command(&mut b, &format!("publish 2026 {}", path.display()));
    assert!(b.app.status.contains(":evaluate 2026"), "{}", b.app.status);
    assert!(!path.exists());
    command(&mut b, "evaluate 2026 all");
    command(&mut b, &format!("publish 2026 {}", path.display()));
    assert!(
        b.app.status.contains("余伟军（缺：等次、向大工委述职、向两代表一委员述职、群众测评票、代表测评票）"),
        "{}",
        b.app.status
    );
    assert!(!path.exists(), "nothing is published before it is complete");
}

#[test]
fn publish_of_a_complete_period_writes_the_list_and_records_the_date() {
    let mut b = Bench::new(|store| {
        small_street(store);
        #[rustfmt::skip]
        add(store, Kind::Evaluation, &[("member_id", "1"), ("period", "2026"), ("committee_report_on", "2026-11-10"),
            ("deputies_report_on", "2026-11-20"), ("vote_sets", "群众 12,3,1,0/20/16；代表 6,2,0,0/8/8")]);
    });
    let path = b._dir.path().join("公示.md");
    command(&mut b, &format!("publish 2026 {}", path.display()));
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("余伟军"), "{text}");
    assert!(evaluations_of(&b, "2026").iter().all(|e| e.published_on == Some(today())));
    assert!(b.app.status.contains("公示日期记为"), "{}", b.app.status);
    let pdf = b._dir.path().join("x.pdf");
    command(&mut b, &format!("publish 2026 {}", pdf.display()));
    assert!(b.app.status.contains(".xlsx"), "{}", b.app.status);
}

#[test]
fn the_list_scrolls_by_a_third_of_a_page_keeping_two_rows_around_the_selection() {
    use silian::tui::list::ListView;
    let mut list = ListView::new(Kind::Visit);
    list.rows = (0..100).collect();
    let height = 24;
    for _ in 0..21 {
        list.move_by(1);
        list.scroll_into_view(height);
    }
    assert_eq!((list.selected, list.offset), (21, 0), "no scroll while the selection is above the margin");
    list.move_by(1);
    list.scroll_into_view(height);
    assert_eq!((list.selected, list.offset), (22, 8), "a third of the page at once, not one row");
    for _ in 0..7 {
        list.move_by(1);
        list.scroll_into_view(height);
    }
    assert_eq!((list.selected, list.offset), (29, 8), "the next seven steps move only the highlight");
    list.move_by(-19);
    list.scroll_into_view(height);
    assert_eq!((list.selected, list.offset), (10, 8), "two rows stay visible above the selection");
    list.move_by(-1);
    list.scroll_into_view(height);
    assert_eq!((list.selected, list.offset), (9, 0), "and up by a third too, as far as the top");
    list.to_end();
    list.scroll_into_view(height);
    assert_eq!(list.offset, 76, "the last row may sit at the bottom");
}

#[test]
fn records_saved_before_and_after_the_first_search_are_found_by_it() {
    let mut b = Bench::new(sample_street);
    // Saved before any search of communities: the keys are built with it.
    b.keys("4 a");
    b.text("翟家庄社区");
    b.keys("ctrl-s");
    b.keys("/");
    b.text("zjz");
    assert_eq!(b.selected_label(), "翟家庄社区");
    b.keys("esc");
    // Saved after: its key joins those already built.
    b.keys("a");
    b.text("仇池社区");
    b.keys("ctrl-s");
    b.keys("/");
    b.text("qiuchi");
    assert_eq!(b.app.list().unwrap().rows.len(), 1);
    assert_eq!(b.selected_label(), "仇池社区");
}

#[test]
fn tasks_per_owner_and_demand_counts_are_shown_over_the_list() {
    let mut b = Bench::new(sample_street);
    command(&mut b, "tasks overdue");
    let view = b.app.open.report().unwrap();
    assert_eq!(view.lines[0], "余伟军（1 项，逾期 1 项）", "{:?}", view.lines);
    assert!(view.lines[1].contains("更换楼道灯") && view.lines[1].contains("逾期 14 天"), "{:?}", view.lines);
    assert_eq!(view.lines.len(), 2, "the task due next month is not overdue");
    b.keys("enter");
    command(&mut b, "tasks");
    assert!(b.app.open.report().unwrap().lines.iter().any(|l| l.contains("助餐服务对接")));
    b.keys("enter");
    command(&mut b, "counts status");
    let view = b.app.open.report().unwrap();
    assert!(view.title.contains("状态"), "{}", view.title);
    assert!(view.lines.iter().any(|l| l.ends_with("已办结")), "{:?}", view.lines);
    assert_eq!(view.lines.last().unwrap(), "合计 3 条");
    b.keys("enter");
    command(&mut b, "counts weather");
    assert!(b.app.status.contains("用法"), "{}", b.app.status);
}

#[test]
fn characters_typed_into_the_filter_at_once_are_searched_once() {
    let mut b = Bench::new(sample_street);
    b.keys("2 /");
    // As a burst of keys over a slow link, or an input method's commit:
    // nothing is searched until the runner settles the state before a frame.
    for c in "sxx".chars() {
        let effects = b.app.on_key(Key::ch(c));
        assert!(effects.is_empty());
    }
    assert_eq!(b.app.list().unwrap().rows.len(), 3, "not searched per character");
    b.app.settle();
    assert_eq!(b.app.list().unwrap().rows.len(), 1);
    assert_eq!(b.selected_label(), "单雄信");
    // An action sees the searched list too.
    b.keys("backspace backspace backspace");
    b.text("yu");
    b.keys("enter");
    assert_eq!(b.selected_label(), "余伟军");
}

#[test]
fn a_half_typed_progress_note_survives_a_restart_and_its_save_clears_the_draft() {
    let mut b = task_bench();
    b.keys("p");
    b.text("已联系助");
    // The connection drops here; a new workbench starts on the same store.
    b.app = Bench::start(&b.backend, b._dir.path());
    assert_eq!(b.app.mode(), Mode::Confirm);
    b.keys("y");
    assert_eq!(b.app.mode(), Mode::Form);
    assert_eq!(b.field_text("note"), "已联系助");
    b.text("餐点");
    b.keys("enter");
    assert_eq!(task_of(&b, 3).progress[0].note, "已联系助餐点");
    assert!(b.store().drafts().unwrap().is_empty(), "a saved step leaves no draft");
}

fn filter_labels(b: &mut Bench, query: &str) -> Vec<String> {
    b.keys("esc /");
    b.text(query);
    let list = b.app.list().unwrap();
    let kind = list.kind;
    let ids: Vec<u64> = list.rows.iter().filter_map(|p| b.app.data.records(kind).id(*p)).collect();
    ids.into_iter().map(|id| b.app.data.label(kind, id)).collect()
}

#[test]
fn the_visits_filter_finds_by_member_household_date_and_words_of_the_summary() {
    let mut b = Bench::new(sample_street);
    b.keys("6");
    assert_eq!(b.app.kind(), Some(Kind::Visit));
    assert_eq!(filter_labels(&mut b, "jiangna"), ["2026-11-25 咨询低保申请"], "by the member's name");
    let by_household = filter_labels(&mut b, "zgf");
    assert_eq!(by_household, ["2026-09-03 电话回访，情况稳定", "2026-11-20 了解老人身体状况，反映楼道灯不亮"]);
    assert_eq!(filter_labels(&mut b, "助餐"), ["2026-06-18 独居老人，帮助联系社区助餐"], "a word of the summary");
    assert_eq!(filter_labels(&mut b, "11-2").len(), 2, "by date");
    assert!(filter_labels(&mut b, "13812345678").is_empty(), "not by the masked visitor's phone");
    assert!(filter_labels(&mut b, "王阿姨").is_empty(), "nor by the masked visitor's name");
}

#[test]
fn a_filter_typed_key_by_key_finds_what_it_finds_at_once() {
    let mut b = Bench::new(sample_street);
    b.keys("6");
    for query in ["yuweijun", "zengguo", "楼道灯", "2026-1"] {
        let typed = filter_labels(&mut b, query);
        b.keys("esc /");
        let effects = b.app.on_paste(query);
        b.run(effects);
        let list = b.app.list().unwrap();
        assert_eq!(list.rows.len(), typed.len(), "{query}");
        assert!(!typed.is_empty(), "{query}");
    }
}

#[test]
fn a_record_saved_while_filtering_is_found_when_the_query_grows() {
    let mut b = Bench::new(sample_street);
    b.keys("6");
    assert_eq!(filter_labels(&mut b, "老人身体").len(), 1);
    // Saved elsewhere while the filter is open (a later issue's live refresh).
    let fields =
        [("date", "2026-11-28"), ("member_id", "1"), ("household_id", "3"), ("summary", "老人身体不适，联系家庭医生")];
    let id = add(b.store(), Kind::Visit, &fields);
    let saved = b.store().list(Kind::Visit, true).unwrap().into_iter().find(|r| r.id() == id).unwrap();
    b.app.data.upsert(saved);
    b.text("不");
    assert_eq!(b.app.list().unwrap().rows.len(), 1, "the narrowed search sees the new visit");
}

/// A street with more visits than the workbench reads before its first frame.
fn street_with_many_visits(store: &Store) {
    sample_street(store);
    for day in 0..(silian::tui::PREVIEW_ROWS as i64 + 20) {
        add(store, Kind::Household, &[("community_id", "1"), ("member_id", "1"), ("head", &format!("户主{day}"))]);
        let date = (today() - chrono::Duration::days(800 - day)).to_string();
        add(
            store,
            Kind::Visit,
            &[("date", &date), ("member_id", "2"), ("kind", "phone"), ("household_id", "2"), ("summary", "电话问候")],
        );
    }
}

#[test]
fn the_workbench_shows_the_newest_records_first_then_all_keeping_what_was_saved_meanwhile() {
    let (dir, store) = temp_store();
    street_with_many_visits(&store);
    let backend = as_backend(store);
    let opts = Options { lang: Lang::Zh, ascii: false, color: false, today: today(), account: "clerk".into() };
    let preview = silian::tui::load_preview(&backend, HolidayCalendar::builtin(), "clerk").unwrap();
    let app = silian::tui::start_state_with(preview, &backend, &opts, dir.path()).unwrap().0;
    let mut b = Bench { _dir: dir, backend, app };
    assert!(b.app.data.is_loading());
    b.keys("6 j");
    let shown = b.app.list().unwrap().rows.len();
    let total = b.store().count(Kind::Visit);
    // The newest, and the one an older demand names.
    assert_eq!(shown, silian::tui::PREVIEW_ROWS + 1, "only the newest visits so far, of {total}");
    let newest = b.app.data.records(Kind::Visit).last().unwrap().id();
    assert_eq!(b.app.list().unwrap().selected_id(&b.app.data), Some(newest - 1), "newest first, as the full list");
    assert!(
        b.app.data.get(Kind::Household, 2).is_some(),
        "a household older than the newest, read because the newest visits name it"
    );
    // The loader reads everything, and only then is a visit saved.
    let read_before_the_save = silian::tui::load(&b.backend, HolidayCalendar::builtin(), "clerk");
    let fields = [("date", "2026-11-28"), ("member_id", "1"), ("household_id", "1"), ("summary", "载入时保存的走访")];
    let id = add(b.store(), Kind::Visit, &fields);
    let saved = b.store().list(Kind::Visit, true).unwrap().into_iter().find(|r| r.id() == id).unwrap();
    b.app.data.upsert(saved);
    b.app.finish_loading(read_before_the_save);
    assert!(!b.app.data.is_loading());
    assert_eq!(b.app.list().unwrap().rows.len(), total + 1, "every visit, the one saved meanwhile too");
    assert!(b.app.data.get(Kind::Visit, id).is_some());
    assert_eq!(b.app.list().unwrap().selected_id(&b.app.data), Some(newest - 1), "the selection stays on its record");
}

#[test]
fn a_load_given_up_stops_reading_and_one_left_alone_reads_everything() {
    let (_dir, store) = temp_store();
    street_with_many_visits(&store);
    let backend = as_backend(store);
    let store = backend.local().unwrap();
    let stop = std::sync::atomic::AtomicBool::new(true);
    let given_up = silian::tui::load_unless(&backend, HolidayCalendar::builtin(), "clerk", &stop).unwrap();
    assert!(given_up.is_none(), "someone who quits does not wait for the rest");
    stop.store(false, std::sync::atomic::Ordering::Relaxed);
    let data = silian::tui::load_unless(&backend, HolidayCalendar::builtin(), "clerk", &stop).unwrap().unwrap();
    assert_eq!(data.records(Kind::Visit).len(), store.count(Kind::Visit));
    assert_eq!(data.records(Kind::Household).len(), store.count(Kind::Household));
}

#[test]
fn undoing_an_addition_leaves_the_highlight_on_the_record_it_was_on() {
    let mut b = Bench::new(sample_street);
    b.keys("2 a");
    b.text("余小军");
    b.keys("tab tab");
    b.text("jianzhi");
    b.keys("enter ctrl-s");
    assert_eq!(b.selected_label(), "余小军");
    b.keys("j");
    assert_eq!(b.selected_label(), "蒋娜");
    b.keys("u");
    assert!(b.app.status.contains("已撤销"), "{}", b.app.status);
    assert_eq!(b.selected_label(), "蒋娜", "the record above went away; the highlight stays with its record");
    // Undoing the record that is highlighted leaves the highlight where it was.
    b.keys("a");
    b.text("余小军");
    b.keys("tab tab");
    b.text("jianzhi");
    b.keys("enter ctrl-s u");
    assert_eq!(b.selected_label(), "蒋娜", "the row that took its place");
}

#[test]
fn a_record_open_in_someone_elses_form_is_marked_and_editing_it_warns() {
    let mut b = Bench::new(sample_street);
    b.keys("2 G");
    let (kind, id) = b.app.selected().unwrap();
    b.app.set_editing_elsewhere(vec![(kind, id, "silian_ed".into())]);
    assert_eq!(b.app.editors_of(kind, id).as_deref(), Some("silian_ed"));
    assert_eq!(b.app.presence_effect().map(|e| format!("{e:?}")), None, "no form open, nothing to tell");
    b.keys("e");
    assert_eq!(b.app.mode(), Mode::Form);
    assert!(b.app.status.contains("silian_ed") && b.app.status.contains("也在编辑"), "{}", b.app.status);
    let editing = |record| Effect::ask(silian::ops::accounts::Editing { record });
    assert_eq!(b.app.presence_effect(), Some(editing(Some((kind, id)))), "the server is told what this form edits");
    assert!(b.app.presence_effect().is_none(), "told once");
    // The server's list includes this form's own entry: it is not someone else's.
    let own = b.app.account.clone();
    b.app.set_editing_elsewhere(vec![(kind, id, own), (kind, id, "silian_ed".into())]);
    assert_eq!(b.app.editors_of(kind, id).as_deref(), Some("silian_ed"));
    // Through `update`, as the runner hands it every key, the telling comes with the key's effects.
    let effects = b.app.update(silian::tui::input::Input::Key(Key::parse("esc").unwrap()));
    assert!(effects.contains(&editing(None)), "closing the form is told too: {effects:?}");
}

#[test]
fn a_visit_saved_by_keyboard_shows_on_the_overview_at_once() {
    let mut b = Bench::new(sample_street);
    let before = b.app.overview();
    assert!(before.overdue_households.iter().any(|(id, _)| *id == 3), "{:?}", before.overdue_households);
    let this_month = |ov: &silian::tui::overview::Overview| ov.visits_per_month.last().map(|(_, n)| *n);
    b.keys("5");
    b.keys("/");
    b.text("zs");
    b.keys("enter v");
    while b.app.form().unwrap().focused().spec.name != "summary" {
        b.keys("tab");
    }
    b.text("回访，情况稳定");
    b.keys("ctrl-s");
    assert_eq!(b.app.mode(), Mode::Normal, "{}", b.app.status);
    let after = b.app.overview();
    assert!(!after.overdue_households.iter().any(|(id, _)| *id == 3), "visited today: {:?}", after.overdue_households);
    assert_eq!(this_month(&after), this_month(&before).map(|n| n + 1));
}

#[test]
fn texts_name_the_keys_of_the_keymap_in_force() {
    let mut b = Bench::new(sample_street);
    let user = "[normal]\nundo = \"z\"\nhelp = \"f2\"\n[chooser]\npick = [\"ctrl-p\", \"space\"]\n[picker]\npick = \"ctrl-o\"\n";
    let (keymap, warnings) = b.app.keymap.clone().with_user_file(user, Lang::Zh);
    assert!(warnings.is_empty(), "{warnings:?}");
    b.app.keymap = keymap;
    b.keys("2 x");
    assert!(b.app.status.contains("按 z 撤销"), "{}", b.app.status);
    assert!(!b.app.status.contains(" u "), "{}", b.app.status);
    b.keys("z");
    b.keys(": n o p e enter");
    assert!(b.app.status.contains("按 F2 查看帮助"), "{}", b.app.status);
    let unknown = b.app.keymap.clone().with_user_file("[normal]\nflyaway = \"w\"\n", Lang::Zh).1;
    assert!(unknown[0].contains("按 F2 查看动作名"), "{unknown:?}");
    b.app.go_tab(Kind::Meeting as usize + 1);
    b.keys("r");
    let title = b.app.chooser_title();
    assert!(title.contains("Ctrl-p 列入议题"), "{title} / {}", b.app.status);
    b.keys("esc v");
    b.text("无此人");
    b.keys("tab");
    let unpicked = b.field_error("household_id").unwrap_or_default();
    assert_eq!(unpicked, "请从列表中选择（下键/上键 移动，Ctrl-o 确定）");
}

#[test]
fn a_question_opens_over_what_it_is_about_and_closing_it_shows_what_lies_beneath() {
    let mut b = decided_bench();
    b.keys("enter");
    b.text("补充");
    b.keys("esc");
    assert_eq!(b.app.mode(), Mode::Confirm, "discard what was typed?");
    assert!(matches!(b.app.open.body(), Some(silian::tui::open::Layer::Form(_))), "the form stays on screen");
    b.keys("n");
    assert_eq!(b.app.mode(), Mode::Form);
    assert!(b.field_text("discussion").ends_with("补充"), "{}", b.field_text("discussion"));
    b.keys("esc y");
    assert_eq!(b.app.mode(), Mode::Chooser, "the topics the form was opened from");
    b.keys("esc");
    assert_eq!(b.app.mode(), Mode::Normal);
    assert!(b.app.open.body().is_none());
}

fn focus_field(b: &mut Bench, name: &str) {
    for _ in 0..20 {
        if b.app.form().unwrap().focused().spec.name == name {
            return;
        }
        b.keys("tab");
    }
    panic!("no field {name}");
}

fn chosen(b: &Bench, name: &str) -> Vec<u64> {
    b.app.form().unwrap().fields.iter().find(|f| f.spec.name == name).unwrap().chosen.clone()
}

#[test]
fn choosing_a_household_brings_its_member_and_another_member_is_noted_and_asked_about() {
    let mut b = Bench::new(sample_street);
    b.keys("v");
    // The last visit was 蒋娜's; 区志坚 is linked to 单雄信.
    assert_eq!(b.field_text("member_id"), "蒋娜");
    b.text("qzj");
    b.keys("enter");
    assert_eq!((b.field_text("household_id"), b.field_text("member_id")), ("区志坚".into(), "单雄信".into()));
    assert_eq!(chosen(&b, "member_id"), [2]);
    // Another member is said beside the field, and saving asks once.
    focus_field(&mut b, "member_id");
    b.text("ywj");
    b.keys("enter");
    let form = b.app.form().unwrap();
    let note = form.fields.iter().find(|f| f.spec.name == "member_id").unwrap().note.clone().unwrap_or_default();
    assert!(note.contains("区志坚") && note.contains("单雄信"), "{note}");
    focus_field(&mut b, "summary");
    b.text("代为走访");
    b.keys("ctrl-s");
    assert_eq!(b.app.mode(), Mode::Confirm);
    assert!(silian::tui::ui::status::question_text(&b.app).unwrap().contains("仍要保存"));
    b.keys("n");
    assert_eq!(b.app.form().unwrap().focused().spec.name, "member_id", "no goes back to the member");
    assert_eq!(b.store().count(Kind::Visit), 5);
    b.keys("ctrl-s y");
    assert_eq!(b.app.mode(), Mode::Normal, "{}", b.app.status);
    assert_eq!(b.store().count(Kind::Visit), 6);
}

#[test]
fn choosing_a_visit_in_a_demand_brings_its_household_and_member() {
    let mut b = Bench::new(sample_street);
    b.keys("7 a");
    focus_field(&mut b, "visit_id");
    let visit = b.store().list(Kind::Visit, false).unwrap().into_iter().find_map(|r| match r.data {
        AnyData::Visit(v) if v.household_id.is_some() => Some((r.meta.id, v)),
        _ => None,
    });
    let (id, visit) = visit.unwrap();
    let label = b.app.data.label(Kind::Visit, id);
    b.text(&label);
    while b.app.form().unwrap().picker.as_ref().is_some_and(|p| p.items[p.selected].0 != id.to_string()) {
        b.keys("down");
    }
    b.keys("enter");
    assert_eq!(chosen(&b, "household_id"), [visit.household_id.unwrap()]);
    assert_eq!(chosen(&b, "member_id"), [visit.member_id]);
    assert!(chosen(&b, "community_id").is_empty());
}

#[test]
fn typing_into_a_filled_field_replaces_it_and_end_keeps_it() {
    let mut b = Bench::new(sample_street);
    b.keys("6 a");
    focus_field(&mut b, "date");
    b.text("1128");
    assert_eq!(b.field_text("date"), "1128", "typed over, not 2026-11-291128");
    focus_field(&mut b, "summary");
    b.text("走访");
    b.keys("tab shift-tab");
    assert!(b.app.form().unwrap().focused().input.is_selected(), "entering a filled field selects it");
    b.keys("end");
    b.text("了");
    assert_eq!(b.field_text("summary"), "走访了", "End keeps the value to edit");
    b.keys("ctrl-u");
    assert_eq!(b.field_text("summary"), "", "Ctrl-U clears, as the footer says");
    assert!(silian::tui::ui::status::hints(&b.app).contains("ctrl-u"));
}

#[test]
fn enter_on_a_list_nothing_was_typed_into_picks_nothing() {
    let mut b = Bench::new(sample_street);
    b.keys("3 a");
    // 单位类型 is required and its list opens at once.
    focus_field(&mut b, "kind");
    b.keys("ctrl-u");
    assert!(b.app.form().unwrap().picker.is_some());
    b.keys("enter");
    assert_eq!(b.field_text("kind"), "", "no first item taken");
    assert_eq!(b.app.form().unwrap().focused().spec.name, "kind", "and the focus stays");
    assert_eq!(b.app.mode(), Mode::Picker, "with the list open to choose from");
    // Moving in the list, or typing, and then Enter picks.
    b.keys("down enter");
    assert_ne!(b.field_text("kind"), "");
}

#[test]
fn esc_in_a_list_closes_it_and_says_a_second_esc_leaves() {
    let mut b = Bench::new(sample_street);
    b.keys("6 a");
    focus_field(&mut b, "household_id");
    b.text("zs");
    assert_eq!(b.app.mode(), Mode::Picker);
    b.keys("esc");
    assert_eq!(b.app.mode(), Mode::Form);
    assert!(b.app.status.contains("再按 Esc 离开表单"), "{}", b.app.status);
    b.keys("esc");
    assert_eq!(b.app.mode(), Mode::Confirm, "the form was typed in: leaving asks");
    b.keys("y");
    assert_eq!(b.app.mode(), Mode::Normal);
}

#[test]
fn a_visit_dated_after_today_is_refused_beside_its_date() {
    let mut b = Bench::new(sample_street);
    b.keys("v");
    b.text("qzj");
    b.keys("enter");
    focus_field(&mut b, "summary");
    b.text("走访");
    focus_field(&mut b, "date");
    b.text("+3");
    b.keys("ctrl-s");
    let error = b.field_error("date").unwrap_or_default();
    assert!(error.contains("2026-12-02") && error.contains("晚于今天"), "{error}");
    assert_eq!(b.store().count(Kind::Visit), 5);
}

#[test]
fn keys_do_nothing_but_quit_while_the_screen_is_too_small() {
    let mut b = Bench::new(sample_street);
    let effects = b.app.update(silian::tui::input::Input::Resize(60, 20));
    b.run(effects);
    b.keys("2 a");
    assert_eq!((b.app.tab, b.app.mode()), (0, Mode::Normal), "nothing acted unseen");
    let effects = b.app.update(silian::tui::input::Input::Resize(80, 24));
    b.run(effects);
    b.keys("2");
    assert_eq!(b.app.tab, 1);
}

#[test]
fn the_overview_shows_the_date_a_planned_meeting_was_moved_to() {
    let b = Bench::new(sample_street);
    let scheduled = silian::tui::overview::overview(&b.app.data, today()).next_meeting;
    let moved = scheduled.date + chrono::Days::new(7);
    let b = Bench::new(|s| {
        sample_street(s);
        add(s, Kind::Meeting, &[("date", &moved.to_string()), ("kind", "regular"), ("status", "planned")]);
    });
    let shown = silian::tui::overview::overview(&b.app.data, today()).next_meeting;
    assert_eq!((shown.quarter, shown.date), (scheduled.quarter, moved));
}

fn report_scroll(b: &Bench) -> usize {
    match b.app.open.top() {
        Some(silian::tui::open::Layer::Report(view, _)) => view.scroll,
        other => panic!("no report open: {other:?}"),
    }
}

#[test]
fn a_report_scrolls_with_its_keys_and_a_read_only_one_offers_only_to_close() {
    let mut b = Bench::new(sample_street);
    let effects = b.app.update(silian::tui::input::Input::Resize(80, 24));
    b.run(effects);
    b.keys("2 R");
    assert_eq!(b.app.mode(), Mode::Report);
    let hints = silian::tui::ui::status::hints(&b.app);
    assert!(hints.contains("关闭") && !hints.contains(" 否"), "{hints}");
    assert_eq!(report_scroll(&b), 0);
    b.keys("G");
    let last = report_scroll(&b);
    assert!(last > 0, "the duty report is longer than 80×24 shows");
    b.keys("j");
    assert_eq!(report_scroll(&b), last, "not past the end");
    b.keys("k");
    assert_eq!(report_scroll(&b), last - 1);
    b.keys("g");
    assert_eq!(report_scroll(&b), 0);
    b.keys("enter");
    assert_eq!(b.app.mode(), Mode::Normal);
}

#[test]
fn z_shows_the_selected_record_whole_and_wrapped() {
    let long =
        format!("第一段：{}。\n第二段：已转社区跟进。", "老人独居，子女在外地，需每周上门看望并协助就医".repeat(6));
    let visit = [("date", "2026-11-28"), ("member_id", "1"), ("household_id", "1"), ("summary", long.as_str())];
    let mut b = Bench::new(|s| {
        sample_street(s);
        add(s, Kind::Visit, &visit);
    });
    let effects = b.app.update(silian::tui::input::Input::Resize(80, 24));
    b.run(effects);
    b.keys("6 g z");
    assert_eq!(b.app.mode(), Mode::Report);
    let Some(silian::tui::open::Layer::Report(view, _)) = b.app.open.top() else { panic!() };
    let text = view.lines.join("\n");
    assert!(text.contains(&long.replace('\n', "\n  ")), "the summary whole, paragraphs kept:\n{text}");
    b.keys("esc");
    assert_eq!(b.app.mode(), Mode::Normal);
}

#[test]
fn finishing_a_task_before_its_meeting_is_held_asks_first() {
    let mut task = 0;
    let mut b = Bench::new(|s| {
        sample_street(s);
        let meeting = add(s, Kind::Meeting, &[("date", "2026-12-10"), ("status", "planned")]);
        task = add(s, Kind::Task, &[("title", "提前的事项"), ("owner_id", "1"), ("meeting_id", &meeting.to_string())]);
    });
    b.keys("9");
    while b.app.selected() != Some((Kind::Task, task)) {
        b.keys("j");
    }
    b.keys("F");
    assert_eq!(b.app.mode(), Mode::Confirm);
    let question = silian::tui::ui::status::question_text(&b.app).unwrap();
    assert!(question.contains("2026-12-10") && question.contains("尚未召开"), "{question}");
    b.keys("n");
    assert_eq!(task_of(&b, task).status.id(), "todo", "no leaves it as it was");
    b.keys("F y");
    assert_eq!(task_of(&b, task).status.id(), "done");
}

#[test]
fn a_long_text_keeps_its_paragraphs_when_edited_and_ctrl_j_starts_a_new_one() {
    let mut b = Bench::new(|s| {
        sample_street(s);
        let visit = [("date", "2026-11-28"), ("member_id", "1"), ("household_id", "1"), ("summary", "第一段\n第二段")];
        add(s, Kind::Visit, &visit);
    });
    b.keys("6 g e");
    focus_field(&mut b, "summary");
    assert_eq!(b.field_text("summary"), "第一段\n第二段", "the form holds the paragraphs");
    b.keys("end ctrl-j");
    b.text("第三段");
    b.keys("ctrl-s");
    assert_eq!(b.app.mode(), Mode::Normal, "{}", b.app.status);
    let (_, id) = b.app.selected().unwrap();
    let AnyData::Visit(v) = &b.store().get(Kind::Visit, id).unwrap().unwrap().data else { panic!() };
    assert_eq!(v.summary, "第一段\n第二段\n第三段");
    // In a one-line field, ctrl-j says where it works.
    b.keys("e");
    focus_field(&mut b, "visitor");
    b.keys("ctrl-j");
    assert!(b.app.status.contains("只有多行文字"), "{}", b.app.status);
}

/// A task due in 3 days, one in 10, and one 9 days late; member 1's own.
fn tasks_due(store: &Store) {
    small_street(store);
    add(store, Kind::Task, &[("title", "更换楼道灯"), ("owner_id", "1"), ("due", "2026-12-02")]);
    add(store, Kind::Task, &[("title", "助餐服务对接"), ("owner_id", "1"), ("due", "2026-12-09")]);
    add(store, Kind::Task, &[("title", "清理楼道杂物"), ("owner_id", "1"), ("due", "2026-11-20")]);
}

#[test]
fn the_overview_lists_what_falls_due_first_and_enter_opens_it() {
    let mut b = Bench::new(tasks_due);
    let ov = b.app.overview();
    let due: Vec<&str> = ov.reminders.iter().map(|i| i.label.as_str()).collect();
    assert_eq!(due, vec!["更换楼道灯"]);
    assert_eq!(ov.items().first(), Some(&(Kind::Task, 1)));
    b.keys("1 enter");
    assert_eq!(b.app.selected(), Some((Kind::Task, 1)));
}

#[test]
fn the_remind_key_and_command_show_the_whole_list_and_bad_days_are_said() {
    let mut b = Bench::new(tasks_due);
    let key = b.app.keymap.key_text(Mode::Normal, silian::tui::action::Action::Remind, Lang::Zh);
    b.keys(&key);
    assert_eq!(b.app.mode(), Mode::Report);
    let lines = b.app.open.report().unwrap().lines.clone();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines[1].contains("还有 3 天") && lines[1].contains("更换楼道灯"), "{lines:?}");
    b.keys("enter");
    command(&mut b, "remind 10");
    let lines = &b.app.open.report().unwrap().lines;
    assert!(lines.iter().any(|l| l.contains("助餐服务对接")), "{lines:?}");
    b.keys("enter");
    command(&mut b, "remind -3");
    assert_eq!(b.app.mode(), Mode::Normal);
    assert!(b.app.status.contains("-3") && b.app.status.contains(":remind"), "{}", b.app.status);
}

#[test]
fn overdue_shows_what_is_late_under_each_member() {
    let mut b = Bench::new(tasks_due);
    command(&mut b, "overdue");
    assert_eq!(b.app.mode(), Mode::Report);
    let lines = &b.app.open.report().unwrap().lines;
    assert_eq!(lines[0], "余伟军（1 项）");
    assert!(lines[1].contains("已超期 9 天") && lines[1].contains("清理楼道杂物"), "{lines:?}");
}

#[test]
fn minus_and_equals_reach_the_roster_and_the_sessions() {
    let mut b = Bench::new(|s| {
        sample_street(s);
        roster(s);
    });
    b.keys("-");
    assert_eq!(b.app.kind(), Some(Kind::Deputy));
    assert_eq!(b.selected_label(), "何国庆", "newest first");
    b.keys("=");
    assert_eq!(b.app.kind(), Some(Kind::Session));
    b.keys("tab");
    assert_eq!(b.app.tab, 0, "after the last tab comes the overview");
    b.keys("shift-tab");
    assert_eq!(b.app.kind(), Some(Kind::Session));
}

#[test]
fn a_deputy_added_in_its_form_is_saved_with_its_type_and_level_and_shown_with_its_phone_masked() {
    let mut b = Bench::new(sample_street);
    b.keys("- a");
    assert_eq!(b.app.mode(), Mode::Form);
    b.text("林海燕");
    b.keys("tab");
    b.text("rendadaibiao");
    b.keys("enter");
    assert_eq!(b.field_text("type"), "人大代表");
    assert_eq!(b.app.form().unwrap().focused().spec.name, "level", "a pick moves on");
    b.text("街道");
    b.keys("enter");
    assert_eq!(b.field_text("level"), "街道");
    while b.app.form().unwrap().focused().spec.name != "phone" {
        b.keys("tab");
    }
    b.text("13922223333");
    b.keys("ctrl-s");
    assert_eq!(b.app.mode(), Mode::Normal, "{}", b.app.status);
    assert!(b.app.status.contains("已新增"), "{}", b.app.status);
    let (kind, id) = b.app.selected().unwrap();
    assert_eq!((kind, b.selected_label().as_str()), (Kind::Deputy, "林海燕"));
    let AnyData::Deputy(d) = &b.store().get(Kind::Deputy, id).unwrap().unwrap().data else { panic!() };
    assert_eq!((d.deputy_type.id(), d.level.id(), d.phone.as_str()), ("peoples_congress", "street", "13922223333"));
    let screen = b.screen_text();
    assert!(screen.contains("139****3333") && !screen.contains("13922223333"), "{screen}");
}

#[test]
fn doc_writes_the_selected_meetings_notice_and_says_where() {
    let mut b = Bench::new(|store| {
        sample_street(store);
        let settings = silian::model::Settings { street_name: "滨江街道".into(), ..Default::default() };
        store.set_settings(&ctx(), &settings).unwrap();
    });
    command(&mut b, "doc notice");
    assert!(b.app.status.contains("请先在议事会列表中选中一次会议"), "{}", b.app.status);
    command(&mut b, "tab meeting");
    let path = b._dir.path().join("通知.docx");
    command(&mut b, &format!("doc notice 14:30 {}", path.display()));
    assert!(b.app.status.contains(&format!("已写出 {}", path.display())), "{}", b.app.status);
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml).unwrap();
    assert!(xml.contains("14:30") && xml.contains("老旧小区楼道照明") && xml.contains("滨江街道党工委"));
    command(&mut b, "doc notice 9点");
    assert!(b.app.status.contains("14:30"), "the expected form is named: {}", b.app.status);
}

#[test]
fn feedback_and_rollup_from_the_command_line_of_the_workbench() {
    let mut b = Bench::new(|store| {
        small_street(store);
        #[rustfmt::skip]
        add(store, Kind::Evaluation, &[("member_id", "1"), ("period", "2026"), ("committee_report_on", "2026-11-10"),
            ("deputies_report_on", "2026-11-20"), ("vote_sets", "群众 12,3,1,0/20/16；代表 6,2,0,0/8/8"),
            ("published_on", "2026-11-25")]);
    });
    let file = b._dir.path().join("报送表.xlsx");
    command(&mut b, "feedback 2026");
    assert!(b.app.status.contains("用法：:feedback"), "{}", b.app.status);
    command(&mut b, &format!("feedback 2026 {}", file.display()));
    assert!(b.app.status.contains("报送市委组织部、区委组织部日期记为 2026-11-29"), "{}", b.app.status);
    assert!(evaluations_of(&b, "2026").iter().all(|e| e.fed_back_city_on == Some(today())));
    let district = b._dir.path().join("区汇总.xlsx");
    command(&mut b, &format!("rollup {} {}", district.display(), file.display()));
    assert_eq!(b.app.status, format!("已汇总 1 个街道、1 名委员：{}", district.display()));
    command(&mut b, &format!("rollup {} {}", district.display(), district.display()));
    assert!(b.app.status.contains("不是 silian 的报送表"), "{}", b.app.status);
    // The published evaluation shows that it is locked.
    b.keys("0");
    assert!(b.screen_text().contains("已于 2026-11-25 公示，已锁定"), "{}", b.screen_text());
}

#[test]
fn an_evaluations_detail_lists_the_sessions_its_member_reported_at() {
    let b = Bench::new(|s| {
        sample_street(s);
        roster(s);
    });
    let sections = silian::tui::related::related(&b.app.data, Kind::Evaluation, 1, Lang::Zh);
    let sessions = sections.iter().find(|s| s.items.iter().any(|(k, _)| *k == Kind::Session)).expect("sessions");
    assert_eq!(sessions.items, [(Kind::Session, 1), (Kind::Session, 2)], "the committee's, then the deputies'");
}

#[test]
fn a_large_import_elsewhere_is_read_again_and_shown() {
    let mut b = Bench::new(sample_street);
    let some = b.store().list(Kind::Household, false).unwrap()[0].data.clone();
    let batch = silian::store::bulk::ImportBatch {
        kind: Kind::Household,
        creates: vec![some; 1500],
        updates: Vec::new(),
        source: "households.csv".into(),
    };
    let done = b.store().import_batch(&ctx(), batch, &|_, _| {}).unwrap();
    let last = *done.created.last().unwrap();
    assert!(b.app.data.get(Kind::Household, last).is_none());
    let told = vec![silian::net::wire::reload(Kind::Household)];
    let effects = b.app.update(Input::Changed(told));
    assert_eq!(effects.len(), 1, "one read of the kind");
    b.run(effects);
    assert!(b.app.data.get(Kind::Household, last).is_some(), "the imported households are shown");
}

/// Member 1's demands (held packed by the workbench): one falls due in two
/// days, one is two weeks late, and one due in two days is resolved.
fn demands_due(store: &Store) {
    small_street(store);
    let demand = |raised: &str, content: &str| {
        add(
            store,
            Kind::Demand,
            &[
                ("raised_on", raised),
                ("category", "other"),
                ("content", content),
                ("member_id", "1"),
                ("household_id", "1"),
            ],
        )
    };
    demand("2026-11-01", "楼道灯不亮");
    demand("2026-10-15", "垃圾清运不及时");
    let resolved = demand("2026-11-01", "健身器材损坏");
    let mut data = store.get(Kind::Demand, resolved).unwrap().unwrap().data;
    if let AnyData::Demand(d) = &mut data {
        d.status = DemandStatus::Resolved;
        d.resolution = "已维修".into();
        d.resolved_on = Some(today());
    }
    store.update(&ctx(), resolved, data, None).unwrap();
}

#[test]
fn the_overview_reads_the_demands_and_households_held_packed() {
    let b = Bench::new(demands_due);
    let ov = silian::tui::overview::overview(&b.app.data, today());
    let due: Vec<&str> = ov.reminders.iter().map(|i| i.label.as_str()).collect();
    assert!(due.contains(&"楼道灯不亮"), "due within the week: {due:?}");
    assert!(!due.contains(&"健身器材损坏"), "resolved: {due:?}");
    assert_eq!(ov.overdue_demands, vec![2]);
    assert!(ov.agenda.contains(&(Kind::Demand, 2)), "open too long: {:?}", ov.agenda);
    assert!(!ov.agenda.contains(&(Kind::Demand, 3)), "resolved: {:?}", ov.agenda);
    let member = ov.short_members.iter().find(|s| s.member_id == 1).expect("short of households");
    assert_eq!(member.households, 1, "the small street's one household is counted");
}

/// The full read over several pages, for an account given the records as
/// stored (and each visit packed straight from its bytes) and for one given
/// them masked: each holds exactly what its pages say, in id order.
#[test]
fn the_full_read_holds_every_record_as_the_account_may_see_it_over_several_pages() {
    let (_dir, store) = temp_store();
    small_street(&store);
    let texts = ["走访独居老人，楼道灯不亮", "call back at 9", "😀 𠀀 beyond the first plane", "", "电话问候"];
    let creates = (0..4_500)
        .map(|i| {
            let date = (today() - chrono::Duration::days(i % 700)).to_string();
            let summary = format!("{} {i}", texts[i as usize % texts.len()]);
            let target = if i % 3 == 0 { ("visitor", "王阿姨 13812345678") } else { ("household_id", "1") };
            build(Kind::Visit, &[("date", &date), ("member_id", "1"), ("kind", "phone"), target, ("summary", &summary)])
        })
        .collect();
    let batch =
        silian::store::bulk::ImportBatch { kind: Kind::Visit, creates, updates: vec![], source: "t.csv".into() };
    store.import_batch(&ctx(), batch, &|_, _| ()).unwrap();
    store.set_archived(&ctx(), Kind::Visit, 2_345, true).unwrap();
    let backend = as_backend(store);
    let store = backend.local().unwrap();
    store
        .set_role(&ctx(), "vi", Some(silian::store::Grant { role: silian::store::Role::Viewer, member_id: None }))
        .unwrap();
    for account in ["clerk", "vi"] {
        let data = silian::tui::load(&backend, HolidayCalendar::builtin(), account).unwrap();
        let reader = silian::store::Context { account: account.into(), now: ctx().now };
        for kind in Kind::ALL {
            let held: Vec<_> = data.records(kind).iter().map(|r| r.into_owned()).collect();
            let page = silian::ops::records::Page { kind, after: 0, limit: usize::MAX };
            assert!(held == backend.ask(&reader, page).unwrap(), "{account} holds {kind:?} as its pages give them");
        }
        let visits = data.records(Kind::Visit);
        assert_eq!(visits.len(), 4_500);
        assert!(visits.archived(visits.position(2_345).unwrap()), "archived as stored");
        let walk_in = visits.get(0).unwrap();
        let AnyData::Visit(v) = &walk_in.data else { panic!("a visit") };
        let full = "王阿姨 13812345678";
        let masked = silian::model::privacy::mask_phones_in_text(full);
        assert_ne!(masked, full);
        let shown = if account == "vi" { masked } else { full.to_string() };
        assert_eq!(v.visitor, shown, "{account} sees the visitor's phone as it may");
    }
}
