//! The workbench as state: key → action → state, with effects performed on a
//! temporary store, as the runner does.

mod common;

use common::*;
use silian::i18n::Lang;
use silian::model::{AnyData, Kind};
use silian::rules::holidays::HolidayCalendar;
use silian::store::Store;
use silian::tui::app::{App, Pane};
use silian::tui::effects::{perform, Effect};
use silian::tui::key::Key;
use silian::tui::keymap::Mode;
use silian::tui::{start_state, Options};

struct Bench {
    _dir: tempfile::TempDir,
    store: Store,
    app: App,
}

impl Bench {
    fn new(fill: fn(&Store)) -> Bench {
        let (dir, store) = temp_store();
        fill(&store);
        let app = Bench::start(&store, dir.path());
        Bench { _dir: dir, store, app }
    }

    fn start(store: &Store, dir: &std::path::Path) -> App {
        let opts = Options { lang: Lang::Zh, ascii: false, color: false, today: today() };
        start_state(store, HolidayCalendar::builtin(), &opts, dir).unwrap().0
    }

    fn run(&mut self, effects: Vec<Effect>) {
        for e in effects {
            let outcome = perform(&self.store, &ctx(), e);
            self.app.apply(outcome);
        }
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
        let form = self.app.form.as_ref().unwrap();
        form.fields.iter().find(|f| f.spec.name == name).unwrap().input.value().to_string()
    }

    fn field_error(&self, name: &str) -> Option<String> {
        let form = self.app.form.as_ref().unwrap();
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

#[test]
fn the_filter_finds_by_pinyin_and_esc_clears_it() {
    let mut b = Bench::new(sample_street);
    b.keys("2 /");
    assert_eq!(b.app.mode, Mode::Filter);
    b.text("sxx");
    assert_eq!(b.app.list().unwrap().rows.len(), 1);
    assert_eq!(b.selected_label(), "单雄信");
    b.keys("enter");
    assert_eq!(b.app.mode, Mode::Normal);
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
    assert_eq!(b.app.mode, Mode::Form);
    b.text("余小军");
    b.keys("tab tab");
    assert_eq!(b.app.mode, Mode::Picker, "the role picker opens");
    b.text("jianzhi");
    assert_eq!(b.field_error("role"), None, "a search is not yet a value");
    b.keys("enter");
    assert_eq!(b.field_text("role"), "兼职委员");
    b.keys("ctrl-s");
    assert_eq!(b.app.mode, Mode::Normal, "{}", b.app.status);
    assert_eq!(b.selected_label(), "余小军");
    assert!(b.app.status.contains("已新增"), "{}", b.app.status);
    assert_eq!(b.store.count(Kind::Member), 4);
    b.keys("u");
    assert_eq!(b.store.count(Kind::Member), 3);
    assert!(b.app.status.contains("已撤销"), "{}", b.app.status);
    assert!(b.app.data.records(Kind::Member).iter().all(|r| b.app.data.label(Kind::Member, r.id()) != "余小军"));
}

#[test]
fn saving_an_incomplete_form_marks_the_fields() {
    let mut b = Bench::new(sample_street);
    b.keys("2 a enter");
    assert_eq!(b.app.mode, Mode::Form);
    assert!(b.field_error("name").is_some_and(|e| e.contains("必填")));
    assert!(b.field_error("role").is_some_and(|e| e.contains("必填")));
    assert_eq!(b.app.form.as_ref().unwrap().focus, 0, "the first bad field takes the focus");
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
    while b.app.form.as_ref().unwrap().focused().spec.name != "summary" {
        b.keys("tab");
    }
    b.text("回访，情况稳定");
    b.keys("tab ctrl-u");
    b.text("-1");
    b.keys("ctrl-s");
    assert_eq!(b.app.mode, Mode::Normal, "{}", b.app.status);
    let (kind, id) = b.app.selected().unwrap();
    assert_eq!(kind, Kind::Visit);
    let AnyData::Visit(v) = &b.store.get(Kind::Visit, id).unwrap().unwrap().data else { panic!() };
    assert_eq!((v.household_id, v.member_id, v.date.to_string()), (Some(2), 2, "2026-11-28".to_string()));
}

#[test]
fn the_household_picker_searches_by_initials() {
    let mut b = Bench::new(sample_street);
    b.keys("6 a");
    while b.app.form.as_ref().unwrap().focused().spec.name != "household_id" {
        b.keys("tab");
    }
    b.text("zs");
    let picker = b.app.form.as_ref().unwrap().picker.as_ref().unwrap();
    assert_eq!(picker.items[0].1, "张三（长安社区）");
    b.keys("enter");
    assert_eq!(b.field_text("household_id"), "张三");
    assert_eq!(
        b.app.form.as_ref().unwrap().fields.iter().find(|f| f.spec.name == "household_id").unwrap().chosen,
        vec![3]
    );
}

#[test]
fn a_new_visit_takes_the_member_and_date_of_the_last_one() {
    let mut b = Bench::new(sample_street);
    b.keys("6 a");
    assert_eq!(b.field_text("member_id"), "蒋娜", "from visit 5, the last entered");
    assert_eq!(b.field_text("date"), "2026-11-25");
}

#[test]
fn archive_toggles_and_undo_restores() {
    let mut b = Bench::new(sample_street);
    b.keys("3 x");
    assert!(b.store.get(Kind::Unit, 2).unwrap().unwrap().meta.archived);
    assert_eq!(b.app.list().unwrap().rows.len(), 1, "archived records hide");
    b.keys("A");
    assert_eq!(b.app.list().unwrap().rows.len(), 2, "unless asked");
    b.keys("u");
    assert!(!b.store.get(Kind::Unit, 2).unwrap().unwrap().meta.archived);
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
    let AnyData::Member(m) = &b.store.get(Kind::Member, 1).unwrap().unwrap().data else { panic!() };
    assert_eq!((m.name.as_str(), m.unit_id), ("余伟", Some(1)));
    b.keys("u");
    let AnyData::Member(m) = &b.store.get(Kind::Member, 1).unwrap().unwrap().data else { panic!() };
    assert_eq!(m.name, "余伟军");
}

#[test]
fn a_half_typed_form_survives_a_restart_as_a_draft() {
    let (dir, store) = temp_store();
    sample_street(&store);
    let mut b = Bench { app: Bench::start(&store, dir.path()), store, _dir: dir };
    b.keys("2 a");
    b.text("半途而废");
    // The process dies here; a new one starts on the same store.
    let app = Bench::start(&b.store, b._dir.path());
    b.app = app;
    assert_eq!(b.app.mode, Mode::Confirm);
    b.keys("y");
    assert_eq!(b.app.mode, Mode::Form);
    assert_eq!(b.field_text("name"), "半途而废");
    b.keys("esc y");
    assert_eq!(b.app.mode, Mode::Normal);
    assert!(b.store.drafts().unwrap().is_empty(), "a discarded form leaves no draft");
}

#[test]
fn q_quits_from_browsing_but_is_typed_in_a_form_and_esc_asks_before_discarding() {
    let mut b = Bench::new(sample_street);
    b.keys("2 a q");
    assert!(!b.app.quit);
    assert_eq!(b.field_text("name"), "q");
    b.keys("esc");
    assert_eq!(b.app.mode, Mode::Confirm);
    b.keys("n");
    assert_eq!(b.app.mode, Mode::Form);
    b.keys("esc y q");
    assert!(b.app.quit);
}

#[test]
fn the_command_line_completes_and_runs() {
    let mut b = Bench::new(sample_street);
    b.keys(":");
    b.text("ad");
    b.keys("tab");
    assert_eq!(b.app.command.value(), "add ");
    b.text("vis");
    b.keys("tab");
    assert_eq!(b.app.command.value(), "add visit ");
    b.keys("enter");
    assert_eq!(b.app.form.as_ref().unwrap().kind, Kind::Visit);
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
    assert_eq!(b.app.mode, Mode::Help);
    b.text("撤销");
    let rows = silian::tui::ui::help_rows(&b.app);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].1, "u");
    b.keys("esc");
    assert_eq!(b.app.mode, Mode::Normal);
}

#[test]
fn reveal_shows_a_households_phone_and_is_logged() {
    let mut b = Bench::new(sample_street);
    b.keys("5 :");
    b.text("reveal");
    b.keys("enter");
    let (kind, id) = b.app.selected().unwrap();
    assert!(b.app.revealed.contains(&(kind, id)));
    let log = b.store.audit_log().unwrap();
    assert_eq!(log.last().unwrap().action, silian::store::AuditAction::Reveal);
}

#[test]
fn the_overview_lists_agenda_items_and_jumps_to_them() {
    let mut b = Bench::new(sample_street);
    let ov = silian::tui::overview::overview(&b.app.data, today());
    assert_eq!(ov.agenda.first(), Some(&(Kind::Demand, 1)), "the escalated demand");
    assert!(ov.agenda.contains(&(Kind::Demand, 2)), "open for 89 days");
    assert!(ov.agenda.contains(&(Kind::Task, 1)), "past its due date");
    assert_eq!(ov.next_meeting.date.to_string(), "2027-01-01");
    b.keys("enter");
    assert_eq!(b.app.kind(), Some(Kind::Demand));
    assert_eq!(b.app.selected(), Some((Kind::Demand, 1)));
}

#[test]
fn tab_through_an_open_picker_picks_nothing_and_ctrl_s_saves_from_it() {
    let mut b = Bench::new(sample_street);
    b.keys("2 a");
    b.text("余小军");
    b.keys("tab tab");
    assert_eq!(b.app.mode, Mode::Picker);
    b.keys("tab");
    assert_eq!(b.field_text("role"), "", "Tab leaves the picker without choosing");
    b.keys("shift-tab");
    b.text("zu");
    b.keys("ctrl-s");
    assert!(b.field_error("role").is_some(), "an unpicked search is refused on save");
    b.keys("esc y 5 a");
    assert_eq!(b.app.mode, Mode::Picker, "the required community opens its list");
    b.keys("ctrl-s");
    assert_eq!(b.app.mode, Mode::Form, "saving from a picker checks the form");
    assert!(b.field_error("head").is_some());
}

#[test]
fn a_quick_visit_asks_household_member_summary_in_that_order() {
    let mut b = Bench::new(sample_street);
    b.keys("v");
    let names: Vec<&str> = b.app.form.as_ref().unwrap().fields.iter().map(|f| f.spec.name).collect();
    assert_eq!(names, ["household_id", "member_id", "summary", "date"]);
    assert_eq!(b.app.form.as_ref().unwrap().focus, 0);
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
    assert_eq!(b.app.mode, Mode::Confirm);
    assert_eq!(b.app.question, Some(silian::tui::app::Question::WriteImport(2)));
    let review = b.app.report_view.as_ref().unwrap();
    assert!(review.lines.last().unwrap().contains('2'), "{:?}", review.lines);
    assert_eq!(b.store.count(Kind::Household), 1, "nothing is written before the yes");
    b.keys("y");
    assert_eq!(b.store.count(Kind::Household), 3);
    assert_eq!(b.app.data.records(Kind::Household).len(), 3);
    assert_eq!(b.app.kind(), Some(Kind::Household));
    assert!(b.app.status.contains("新增 2 条"), "{}", b.app.status);
    assert!(b.app.report_view.is_none());
}

#[test]
fn import_with_a_bad_row_writes_nothing_and_names_the_line() {
    let mut b = Bench::new(small_street);
    import_command(&mut b, "户主,社区\n李四,长安社区\n王五,不存在社区\n");
    assert_eq!(b.app.question, Some(silian::tui::app::Question::CloseReport));
    let text = b.app.report_view.as_ref().unwrap().lines.join("\n");
    assert!(text.contains("第 3 行") && text.contains("不存在社区"), "{text}");
    b.keys("enter");
    assert_eq!(b.app.mode, Mode::Normal);
    assert_eq!(b.store.count(Kind::Household), 1);
}

#[test]
fn import_declined_writes_nothing() {
    let mut b = Bench::new(small_street);
    import_command(&mut b, "户主,社区\n李四,长安社区\n");
    b.keys("n");
    assert_eq!(b.store.count(Kind::Household), 1);
    assert!(b.app.status.contains("未导入"), "{}", b.app.status);
}

#[test]
fn import_of_a_missing_file_says_so() {
    let mut b = Bench::new(small_street);
    b.keys("5");
    let effects = b.app.run_command("import /nonexistent/住户.xlsx");
    b.run(effects);
    assert_eq!(b.app.mode, Mode::Normal);
    assert!(b.app.status.contains("/nonexistent/住户.xlsx"), "{}", b.app.status);
}

fn command(b: &mut Bench, line: &str) {
    let effects = b.app.run_command(line);
    b.run(effects);
}

fn evaluations_of(b: &Bench, period: &str) -> Vec<silian::model::Evaluation> {
    b.store
        .list(Kind::Evaluation, true)
        .unwrap()
        .into_iter()
        .filter_map(|r| match r.data {
            AnyData::Evaluation(e) if e.period.to_string() == period => Some(e),
            _ => None,
        })
        .collect()
}

#[test]
fn evaluate_creates_the_periods_evaluations_once() {
    let mut b = Bench::new(small_street);
    command(&mut b, "evaluate 2026H1");
    assert_eq!(evaluations_of(&b, "2026H1").len(), 1);
    assert_eq!(b.app.kind(), Some(Kind::Evaluation));
    assert!(b.app.status.contains("已新建考评 1 份"), "{}", b.app.status);
    command(&mut b, "evaluate 2026H1");
    assert_eq!(evaluations_of(&b, "2026H1").len(), 1);
    assert!(b.app.status.contains("已新建考评 0 份；1 名委员已有"), "{}", b.app.status);
    command(&mut b, "evaluate 2026Q5");
    assert!(b.app.status.contains("考评期"), "{}", b.app.status);
}

#[test]
fn r_shows_the_selected_members_duty_report() {
    let mut b = Bench::new(small_street);
    b.keys("2 R");
    assert_eq!(b.app.mode, Mode::Confirm);
    let view = b.app.report_view.as_ref().unwrap();
    assert!(view.title.contains("余伟军") && view.title.contains("2026"), "{}", view.title);
    assert!(view.lines.iter().any(|l| l.contains("联系户")), "{:?}", view.lines);
    b.keys("enter");
    assert_eq!(b.app.mode, Mode::Normal);
    assert!(b.app.report_view.is_none());
    b.keys("3 R");
    assert!(b.app.status.contains("请先在委员或考评列表中选中一人"), "{}", b.app.status);
}

#[test]
fn publish_writes_the_list_and_records_the_date() {
    let mut b = Bench::new(small_street);
    let path = b._dir.path().join("公示.md");
    command(&mut b, &format!("publish 2026 {}", path.display()));
    assert!(b.app.status.contains(":evaluate 2026"), "{}", b.app.status);
    assert!(!path.exists());
    command(&mut b, "evaluate 2026");
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
fn the_list_scrolls_one_row_at_a_time_keeping_two_rows_around_the_selection() {
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
    assert_eq!((list.selected, list.offset), (22, 1), "two rows stay visible below the selection");
    list.move_by(-19);
    list.scroll_into_view(height);
    assert_eq!((list.selected, list.offset), (3, 1));
    list.move_by(-1);
    list.scroll_into_view(height);
    assert_eq!((list.selected, list.offset), (2, 0), "and two above it");
    list.to_end();
    list.scroll_into_view(height);
    assert_eq!(list.offset, 76, "the last row may sit at the bottom");
}
