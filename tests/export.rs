//! `silian export`, `silian template`, `silian report quarter` and the
//! workbench's `:export`, end to end; files are read back with calamine.

mod common;

use calamine::{open_workbook, Data, DataType, Range, Reader, Xlsx};
use common::*;
use serde_json::Value;
use silian::model::Kind;
use std::path::{Path, PathBuf};

/// A store holding `sample_street`, closed so that the binary can open it.
fn street() -> (tempfile::TempDir, PathBuf) {
    closed_store(sample_street)
}

fn ok(db: &Path, lang: &str, args: &[&str]) -> String {
    let out = silian(db, lang, args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    stderr(&out)
}

fn fails(db: &Path, lang: &str, args: &[&str]) -> (i32, String) {
    let out = silian(db, lang, args);
    (out.status.code().unwrap_or(-1), stderr(&out))
}

fn workbook(path: &Path) -> Xlsx<std::io::BufReader<std::fs::File>> {
    open_workbook(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn sheet(path: &Path, name: &str) -> Range<Data> {
    workbook(path).worksheet_range(name).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn at(range: &Range<Data>, row: u32, col: u32) -> Data {
    range.get_value((row, col)).cloned().unwrap_or(Data::Empty)
}

fn text(range: &Range<Data>, row: u32, col: u32) -> String {
    match at(range, row, col) {
        Data::Empty => String::new(),
        date @ Data::DateTime(_) => date.as_date().map(|d| d.to_string()).unwrap_or_default(),
        other => other.to_string(),
    }
}

fn row_texts(range: &Range<Data>, row: u32) -> Vec<String> {
    (0..range.end().map_or(0, |e| e.1 + 1)).map(|c| text(range, row, c)).collect()
}

/// The row whose first cell is `first`.
fn row_of(range: &Range<Data>, first: &str) -> u32 {
    let end = range.end().map_or(0, |e| e.0);
    (0..=end).find(|r| text(range, *r, 0) == first).unwrap_or_else(|| panic!("no row starting {first}"))
}

fn column_of(range: &Range<Data>, header_row: u32, header: &str) -> u32 {
    let headers = row_texts(range, header_row);
    headers.iter().position(|h| h == header).unwrap_or_else(|| panic!("no {header} in {headers:?}")) as u32
}

fn audit(db: &Path) -> Vec<Value> {
    let out = silian(db, "zh", &["audit", "--format", "json"]);
    serde_json::from_slice::<Value>(&out.stdout).unwrap().as_array().unwrap().clone()
}

fn d(s: &str) -> chrono::NaiveDate {
    s.parse().unwrap()
}

#[test]
fn xlsx_has_chinese_headers_names_labels_and_masked_personal_data() {
    let (dir, db) = street();
    let file = dir.path().join("联系户.xlsx");
    let said = ok(&db, "zh", &["export", "household", file.to_str().unwrap()]);
    assert!(said.contains("已导出联系户 3 条到") && said.contains("联系户.xlsx"), "{said}");
    assert_eq!(said.lines().count(), 1);

    assert_eq!(workbook(&file).sheet_names(), ["联系户"]);
    let r = sheet(&file, "联系户");
    assert_eq!(row_texts(&r, 0), ["社区", "联系委员", "户主", "住址", "电话", "人口", "类别", "备注"]);
    assert_eq!(row_texts(&r, 1)[..5], ["长安社区", "余伟军", "曾国藩", "长安社区****", "138****1234"]);
    let veteran = row_of(&r, "新安社区");
    assert_eq!(at(&r, veteran, 5), Data::Float(3.0), "a count is a number");
    assert_eq!(text(&r, veteran, 6), "退役军人");
    assert_eq!(text(&r, 3, 6), "独居老人、困难户", "lists joined with 、");
    assert_eq!(at(&r, 3, 5), Data::Empty);
    assert!(!audit(&db).iter().any(|e| e["action"] == "reveal"));
}

#[test]
fn dates_are_real_dates_and_references_names() {
    let (dir, db) = street();
    let file = dir.path().join("visits.xlsx");
    ok(&db, "zh", &["export", "visit", file.to_str().unwrap()]);
    let r = sheet(&file, "走访记录");
    assert_eq!(row_texts(&r, 0)[..3], ["日期", "委员", "方式"]);
    let first = at(&r, 1, 0);
    assert!(matches!(first, Data::DateTime(_)), "{first:?}");
    assert_eq!(first.as_date(), Some(d("2026-11-20")));
    assert_eq!(text(&r, 1, 1), "余伟军");
    assert_eq!(text(&r, 1, 2), "上门走访");
    assert_eq!(text(&r, 1, 3), "曾国藩");
    let visitor = column_of(&r, 0, "来访人");
    assert_eq!(text(&r, 5, visitor), "王阿姨 138****5678");
    // A demand's follow-up date and satisfaction, an evaluation's vote sets as typed.
    let file = dir.path().join("demands.xlsx");
    ok(&db, "zh", &["export", "demand", file.to_str().unwrap()]);
    let r = sheet(&file, "诉求");
    let row = row_of(&r, "2026-08-01");
    assert_eq!(at(&r, row, column_of(&r, 0, "回访日期")).as_date(), Some(d("2026-09-01")));
    assert_eq!(text(&r, row, column_of(&r, 0, "满意度")), "满意");
    assert_eq!(text(&r, row, column_of(&r, 0, "状态")), "已办结");
    let file = dir.path().join("evaluations.xlsx");
    ok(&db, "zh", &["export", "evaluation", file.to_str().unwrap()]);
    let r = sheet(&file, "考评");
    assert_eq!(text(&r, 1, column_of(&r, 0, "测评票")), "群众 25,6,1,0");
    assert_eq!(text(&r, 1, column_of(&r, 0, "等次")), "优秀");
}

#[test]
fn reveal_writes_full_values_and_an_audit_entry() {
    let (dir, db) = street();
    let file = dir.path().join("h.xlsx");
    ok(&db, "zh", &["export", "household", file.to_str().unwrap(), "--reveal"]);
    let r = sheet(&file, "联系户");
    assert_eq!(text(&r, 1, 3), "幸福路12号501室");
    assert_eq!(text(&r, 1, 4), "13812341234");
    let entries = audit(&db);
    let last = entries.last().unwrap();
    assert_eq!(last["action"], "reveal");
    assert_eq!(last["kind"], "household");
    assert!(last["note"].as_str().unwrap().contains("export"), "{last}");
    assert!(last["note"].as_str().unwrap().contains("3 records"), "{last}");
}

#[test]
fn english_headers_and_labels_with_lang_en() {
    let (dir, db) = street();
    let file = dir.path().join("members.xlsx");
    let said = ok(&db, "en", &["export", "member", file.to_str().unwrap()]);
    assert!(said.contains("Exported 3 member records"), "{said}");
    let r = sheet(&file, "Members");
    assert_eq!(row_texts(&r, 0)[..4], ["Name", "Phone", "Role", "Unit"]);
    assert_eq!(row_texts(&r, 1)[..4], ["余伟军", "", "Group leader", "滨江实验小学"]);
}

#[test]
fn csv_starts_with_a_bom_and_parses_back_with_the_same_columns() {
    let (dir, db) = street();
    let file = dir.path().join("visits.csv");
    ok(&db, "zh", &["export", "visit", file.to_str().unwrap()]);
    let bytes = std::fs::read(&file).unwrap();
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF");
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(headers[..3], ["日期", "委员", "方式"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 5);
    assert_eq!(&rows[0][0], "2026-11-20");
    assert_eq!(&rows[0][3], "曾国藩");
    assert_eq!(&rows[4][6], "王阿姨 138****5678");
    // The XLSX export has the same columns.
    let xlsx = dir.path().join("visits.xlsx");
    ok(&db, "zh", &["export", "visit", xlsx.to_str().unwrap()]);
    assert_eq!(row_texts(&sheet(&xlsx, "走访记录"), 0), headers);
}

#[test]
fn query_filters_and_archived_records_stay_out_unless_asked() {
    let (dir, db) = street();
    let file = dir.path().join("m.csv");
    let said = ok(&db, "zh", &["export", "member", file.to_str().unwrap(), "--query", "ywj"]);
    assert!(said.contains("已导出委员 1 条"), "{said}");
    let written = std::fs::read_to_string(&file).unwrap();
    assert!(written.contains("余伟军") && !written.contains("蒋娜"), "{written}");

    ok(&db, "zh", &["archive", "household", "3"]);
    let file = dir.path().join("h.xlsx");
    ok(&db, "zh", &["export", "household", file.to_str().unwrap()]);
    let r = sheet(&file, "联系户");
    assert_eq!(r.height(), 4, "header, two households and their 合计");
    assert_eq!(text(&r, 3, 0), "合计");
    assert!(!row_texts(&r, 0).contains(&"归档".to_string()));
    ok(&db, "zh", &["export", "household", file.to_str().unwrap(), "--archived"]);
    let r = sheet(&file, "联系户");
    assert_eq!(r.height(), 5);
    let archived = column_of(&r, 0, "归档");
    assert_eq!(text(&r, 3, archived), "已归档");
    assert_eq!(text(&r, 1, archived), "");
}

#[test]
fn bad_extension_and_kind_exit_2_naming_what_is_expected() {
    let (dir, db) = street();
    let txt = dir.path().join("x.txt");
    let (code, zh) = fails(&db, "zh", &["export", "member", txt.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(zh.contains(".txt") && zh.contains(".xlsx 或 .csv"), "{zh}");
    let (code, en) = fails(&db, "en", &["export", "member", txt.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(en.contains("expected a file name ending in .xlsx or .csv"), "{en}");
    assert!(!txt.exists());

    let xlsx = dir.path().join("x.xlsx");
    let (code, zh) = fails(&db, "zh", &["export", "widget", xlsx.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(zh.contains("widget") && zh.contains("member"), "{zh}");
    let (code, en) = fails(&db, "en", &["template", "meeting", xlsx.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(en.contains("member, unit, community, household, visit, demand"), "{en}");
    let (code, zh) = fails(&db, "zh", &["template", "task", xlsx.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(zh.contains("责任事项不能导入") && zh.contains("household"), "{zh}");
    let (code, zh) = fails(&db, "zh", &["template", "member", dir.path().join("t.csv").to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(zh.contains(".xlsx"), "{zh}");
    assert!(!xlsx.exists());
}

#[test]
fn a_failed_write_leaves_no_file_and_no_temporary() {
    let (dir, db) = street();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let (code, zh) = fails(&db, "zh", &["export", "member", out.join("no/such/m.xlsx").to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(zh.contains("无法写入"), "{zh}");
    ok(&db, "zh", &["export", "member", out.join("m.xlsx").to_str().unwrap()]);
    ok(&db, "zh", &["export", "member", out.join("m.xlsx").to_str().unwrap()]);
    let names: Vec<String> =
        std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(names, ["m.xlsx"]);
}

#[test]
fn template_has_title_headers_and_instruction_rows() {
    let (dir, db) = street();
    let file = dir.path().join("委员模板.xlsx");
    let said = ok(&db, "zh", &["template", "member", file.to_str().unwrap()]);
    assert!(said.contains("委员导入模板"), "{said}");
    let mut wb = workbook(&file);
    let name = wb.sheet_names()[0].clone();
    let r = wb.worksheet_range(&name).unwrap();
    assert_eq!(r.height(), 3, "title, headers, instructions and nothing else");
    assert_eq!(text(&r, 0, 0), "委员名单（导入模板）");
    let headers = row_texts(&r, 1);
    assert_eq!(headers[..4], ["姓名", "电话", "职务", "所在单位"]);
    let hints = row_texts(&r, 2);
    assert_eq!(hints[0], "必填；如 余伟军");
    assert_eq!(hints[1], "选填；如 13812341234");
    assert!(hints[2].starts_with("必填；可选：组长、常务副组长"), "{}", hints[2]);
    assert_eq!(hints[3], "选填；单位名称，如 滨江实验小学");
    assert!(hints.iter().all(|h| h.starts_with("必填") || h.starts_with("选填")), "{hints:?}");
    let merged = wb.merge_cells_by_sheet_name(&name).unwrap();
    assert_eq!(merged.len(), 1);
    assert_eq!((merged[0].start, merged[0].end), ((0, 0), (0, headers.len() as u32 - 1)));

    let file = dir.path().join("visit.xlsx");
    ok(&db, "zh", &["template", "visit", file.to_str().unwrap()]);
    let r = sheet(&file, "走访记录");
    let hints = row_texts(&r, 2);
    assert_eq!(hints[0], "必填；日期，如 2026-11-29");
    assert!(hints.iter().any(|h| h.contains("联系户、单位、社区、来访人须填且只填一项")), "{hints:?}");

    let file = dir.path().join("households.xlsx");
    ok(&db, "en", &["template", "household", file.to_str().unwrap()]);
    let r = sheet(&file, "Households");
    assert_eq!(text(&r, 0, 0), "Households (import template)");
    assert_eq!(row_texts(&r, 1)[..3], ["Community", "Linking member", "Head of household"]);
    assert!(text(&r, 2, 0).starts_with("必填 required"), "{}", text(&r, 2, 0));
}

#[test]
fn quarterly_ledger_of_sample_street() {
    let (dir, db) = street();
    ok(&db, "zh", &["settings", "street_name", "滨江街道"]);
    let file = dir.path().join("台账.xlsx");
    let said = ok(&db, "zh", &["report", "quarter", "2026Q4", "--out", file.to_str().unwrap()]);
    assert!(said.contains("2026年第四季度台账") && said.contains("统计截至 2026-11-29"), "{said}");
    let names = workbook(&file).sheet_names();
    assert_eq!(
        names,
        [
            "总览",
            "一、四联情况",
            "二、走访记录",
            "三、诉求办理",
            "四、联席议事会",
            "四、议题与决定",
            "四、责任事项",
            "四、工作经费",
            "五、超期联系户",
            "五、超期诉求",
            "五、逾期事项"
        ]
    );

    let links = sheet(&file, "一、四联情况");
    assert_eq!(text(&links, 0, 0), "滨江街道四定四联工作台账（2026年第四季度）");
    assert!(text(&links, 1, 0).contains("统计截至 2026-11-29"));
    assert_eq!(text(&links, 2, 0), "委员");
    let yu = row_of(&links, "余伟军");
    assert_eq!(yu, 3, "the leader comes first");
    // Households 1 and 3 linked; of them household 1 visited on 11-20; two visits made (11-20, 10-15).
    assert_eq!(at(&links, yu, column_of(&links, 2, "联系户数")), Data::Float(2.0));
    assert_eq!(at(&links, yu, column_of(&links, 2, "应联系户数")), Data::Float(10.0));
    assert_eq!(at(&links, yu, column_of(&links, 2, "本季度已走访联系户")), Data::Float(1.0));
    assert_eq!(at(&links, yu, column_of(&links, 2, "本季度走访次数")), Data::Float(2.0));
    assert_eq!(text(&links, yu, column_of(&links, 2, "四联情况")), "联系户差8户");
    let jiang = row_of(&links, "蒋娜");
    assert_eq!(text(&links, jiang, column_of(&links, 2, "四联情况")), "缺所在单位；联系户差10户");

    let visits = sheet(&file, "二、走访记录");
    assert_eq!(visits.height(), 3 + 3, "title, subtitle, header and three visits");
    assert_eq!(at(&visits, 3, 0).as_date(), Some(d("2026-10-15")));
    assert_eq!(text(&visits, 5, 3), "王阿姨 138****5678");

    let demands = sheet(&file, "三、诉求办理");
    let open = row_of(&demands, "2026-09-01");
    assert_eq!(text(&demands, open, column_of(&demands, 2, "超期")), "是");
    assert_eq!(text(&demands, open, column_of(&demands, 2, "状态")), "待办");
    assert!(row_texts(&demands, 2).contains(&"回访日期".to_string()));

    let meeting = sheet(&file, "四、联席议事会");
    let row = row_of(&meeting, "2026-10-09");
    assert_eq!(at(&meeting, row, column_of(&meeting, 2, "应到人数")), Data::Float(3.0));
    assert_eq!(at(&meeting, row, column_of(&meeting, 2, "实到人数")), Data::Float(3.0));
    assert_eq!(text(&meeting, row, column_of(&meeting, 2, "参会人员")), "余伟军、单雄信、蒋娜");
    let topics = sheet(&file, "四、议题与决定");
    assert_eq!(text(&topics, 3, column_of(&topics, 2, "决定事项")), "由物业两周内更换");
    let tasks = sheet(&file, "四、责任事项");
    assert_eq!(text(&tasks, 3, 1), "更换楼道灯");
    assert_eq!(text(&tasks, 3, column_of(&tasks, 2, "最新进展")), "2026-11-01 王芳：已联系物业");

    let households = sheet(&file, "五、超期联系户");
    assert_eq!(text(&households, 2, 0), "联系户超过 90 天未走访：1 户");
    let zhang = row_of(&households, "张三");
    assert_eq!(at(&households, zhang, 3).as_date(), Some(d("2026-06-18")));
    assert_eq!(at(&households, zhang, 4), Data::Float(164.0));
    let late = sheet(&file, "五、超期诉求");
    assert_eq!(text(&late, 2, 0), "诉求超过办理时限未办结：1 件");
    assert_eq!(text(&late, 4, 2), "申请助餐服务");
    assert_eq!(at(&late, 4, 5), Data::Float(89.0));
    let late = sheet(&file, "五、逾期事项");
    assert_eq!(text(&late, 2, 0), "责任事项逾期：1 项");
    assert_eq!(text(&late, 4, 0), "更换楼道灯");
    assert_eq!(at(&late, 4, 4), Data::Float(14.0));
    // Personal data is never written in full in the ledger.
    for name in &names {
        let r = sheet(&file, name);
        for row in r.rows() {
            for c in row {
                let t = c.to_string();
                assert!(!t.contains("13812341234") && !t.contains("幸福路"), "{name}: {t}");
            }
        }
    }
}

#[test]
fn ledger_rows_are_computed_without_files() {
    let (_dir, store) = temp_store();
    sample_street(&store);
    let records: Vec<_> = Kind::ALL.iter().flat_map(|k| store.list(*k, true).unwrap()).collect();
    let settings = store.settings().unwrap();
    let ledger =
        silian::io::ledger::build(&records, &settings, "2026Q3".parse().unwrap(), today(), silian::i18n::Lang::Zh);
    assert_eq!(ledger.as_of, d("2026-09-30"));
    let visits = &ledger.sheets[2].block;
    assert_eq!(visits.rows.len(), 1, "only the 09-03 call falls in Q3");
    let demands = &ledger.sheets[3].block;
    let contents: Vec<String> = demands.rows.iter().map(|r| r[3].as_text()).collect();
    assert_eq!(contents, ["企业用工招聘需求", "申请助餐服务"]);
    assert!(ledger.sheets[4].block.rows.is_empty(), "the meeting sat in Q4");
    let [households, demands, tasks] = [8, 9, 10].map(|i| &ledger.sheets[i].block);
    let heads: Vec<String> = households.rows.iter().map(|r| r[0].as_text()).collect();
    assert_eq!(heads, ["张三"]); // 06-18 to 09-30: 104 days
    assert_eq!(households.rows[0][4].as_text(), "104");
    assert!(demands.rows.is_empty() && tasks.rows.is_empty());
}

#[test]
fn bad_or_future_quarter_and_bad_out_exit_2() {
    let (dir, db) = street();
    let out = dir.path().join("l.xlsx");
    let (code, zh) = fails(&db, "zh", &["report", "quarter", "2026Q5", "--out", out.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(zh.contains("2026Q5") && zh.contains("如 2026Q4"), "{zh}");
    let (code, en) = fails(&db, "en", &["report", "quarter", "Q3-2026", "--out", out.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(en.contains("e.g. 2026Q4"), "{en}");
    let (code, en) = fails(&db, "en", &["report", "quarter", "2027Q1", "--out", out.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(en.contains("has not begun"), "{en}");
    let csv = dir.path().join("l.csv");
    let (code, zh) = fails(&db, "zh", &["report", "quarter", "2026Q3", "--out", csv.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(zh.contains(".xlsx"), "{zh}");
    assert!(!out.exists() && !csv.exists());
}

#[test]
fn workbench_export_writes_xlsx_too() {
    use silian::rules::holidays::HolidayCalendar;
    use silian::tui::effects::Effect;
    use silian::tui::runner::carry_out;
    use silian::tui::{start_state, Options};

    let (dir, store) = temp_store();
    sample_street(&store);
    let store = as_backend(store);
    let opts =
        Options { lang: silian::i18n::Lang::Zh, ascii: false, color: false, today: today(), account: "clerk".into() };
    let mut app = start_state(&store, HolidayCalendar::builtin(), &opts, dir.path()).unwrap().0;
    app.run_command("tab household");
    let file = dir.path().join("wb.xlsx");
    let effects = app.run_command(&format!("export {}", file.display()));
    assert!(matches!(effects.as_slice(), [Effect::Export { .. }]), "{effects:?}");
    carry_out(&store, &ctx(), &mut app, effects);
    let r = sheet(&file, "联系户");
    assert_eq!(row_texts(&r, 0)[..3], ["社区", "联系委员", "户主"]);
    assert_eq!(r.height(), 5, "header, three households, 合计");
    let phones: Vec<String> = (1..4).map(|row| text(&r, row, 4)).collect();
    assert!(phones.contains(&"138****1234".to_string()), "{phones:?}");
    assert!(!phones.iter().any(|p| p.contains("13812341234")), "{phones:?}");
    let csv_file = dir.path().join("wb.csv");
    let effects = app.run_command(&format!("export {}", csv_file.display()));
    carry_out(&store, &ctx(), &mut app, effects);
    assert_eq!(&std::fs::read(&csv_file).unwrap()[..3], b"\xEF\xBB\xBF");
    assert!(app.run_command("export wb.txt").is_empty());
    assert!(app.status.contains(".xlsx 或 .csv"), "{}", app.status);
}
