//! Every kind of workbook silian writes — an export, an import template,
//! the quarterly ledger, the 公示 — prints as it is: A4, landscape when
//! wide, one page wide, the header row on every page, page numbers in the
//! footer, bordered tables and 合计 rows. Settings are read from the
//! package's XML; figures with calamine.

mod common;

use calamine::{open_workbook, Data, DataType, Reader, Xlsx};
use common::*;
use std::io::Read;
use std::path::{Path, PathBuf};

fn street() -> (tempfile::TempDir, PathBuf) {
    closed_store(sample_street)
}

fn ok(db: &Path, lang: &str, args: &[&str]) {
    let out = silian(db, lang, args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
}

/// One part of the package, as text.
fn part(file: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(file).unwrap()).unwrap();
    let mut text = String::new();
    zip.by_name(name).unwrap_or_else(|e| panic!("{name}: {e}")).read_to_string(&mut text).unwrap();
    text
}

fn sheet_names(file: &Path) -> Vec<String> {
    let wb: Xlsx<_> = open_workbook(file).unwrap();
    wb.sheet_names()
}

/// The `<pageSetup …/>` element of the `n`th sheet (from 1).
fn page_setup(file: &Path, n: usize) -> String {
    let xml = part(file, &format!("xl/worksheets/sheet{n}.xml"));
    let start = xml.find("<pageSetup ").unwrap_or_else(|| panic!("sheet{n} has no page setup"));
    xml[start..].split_once("/>").unwrap().0.to_string()
}

/// Every sheet: A4 scaled to one page wide (fitToWidth's default is 1, so it is
/// left out) and any number tall, a print title, a page-numbered footer.
fn assert_prints_as_it_is(file: &Path, footer: &str) {
    let names = sheet_names(file);
    let workbook = part(file, "xl/workbook.xml");
    for (i, name) in names.iter().enumerate() {
        let n = i + 1;
        let xml = part(file, &format!("xl/worksheets/sheet{n}.xml"));
        let setup = page_setup(file, n);
        assert!(setup.contains(r#"paperSize="9""#) && setup.contains(r#"fitToHeight="0""#), "{name}: {setup}");
        assert!(!setup.contains("fitToWidth") || setup.contains(r#"fitToWidth="1""#), "{name}: {setup}");
        assert!(xml.contains(r#"<pageSetUpPr fitToPage="1"/>"#), "{name}: not fitted to the page");
        assert!(xml.contains(&format!("<oddFooter>{footer}</oddFooter>")), "{name}: no page numbers");
        let title = format!(r#"<definedName name="_xlnm.Print_Titles" localSheetId="{i}">"#);
        assert!(workbook.contains(&title), "{name}: no rows repeated on each page");
    }
    let styles = part(file, "xl/styles.xml");
    assert!(styles.contains(r#"<left style="thin">"#) && styles.contains(r#"<bottom style="thin">"#), "no borders");
}

/// The repeated rows of sheet `i` (from 0), as Excel writes them: `$3:$3`.
fn print_titles(file: &Path, i: usize) -> String {
    let workbook = part(file, "xl/workbook.xml");
    let tag = format!(r#"localSheetId="{i}">"#);
    let start = workbook.find(&tag).unwrap() + tag.len();
    let value = &workbook[start..];
    value[..value.find('<').unwrap()].rsplit('!').next().unwrap().to_string()
}

fn range(file: &Path, name: &str) -> calamine::Range<Data> {
    let mut wb: Xlsx<_> = open_workbook(file).unwrap();
    wb.worksheet_range(name).unwrap()
}

fn texts(r: &calamine::Range<Data>, row: usize) -> Vec<String> {
    r.rows().nth(row).unwrap().iter().map(|c| c.to_string()).collect()
}

#[test]
fn an_export_prints_with_its_header_on_every_page_and_a_totals_row() {
    let (dir, db) = street();
    let file = dir.path().join("units.xlsx");
    ok(&db, "zh", &["export", "unit", file.to_str().unwrap()]);
    assert_prints_as_it_is(&file, "&amp;C第 &amp;P 页 共 &amp;N 页");
    assert_eq!(print_titles(&file, 0), "$1:$1", "the header row");
    let r = range(&file, "辖区单位");
    let headers = texts(&r, 0);
    let members = headers.iter().position(|h| h == "党员数").unwrap();
    let last = r.height() - 1;
    assert_eq!(texts(&r, last)[0], "合计");
    let sum: f64 = (1..last).filter_map(|row| r.get((row, members)).and_then(|c| c.get_float())).sum();
    assert!(sum > 0.0);
    assert_eq!(r.get((last, members)), Some(&Data::Float(sum)));
    let xml = part(&file, "xl/worksheets/sheet1.xml");
    assert!(xml.contains("<f>SUM("), "the total is a formula Excel keeps up to date");
    // Imported back, the 合计 row is no record.
    let back = silian(&db, "zh", &["import", "unit", file.to_str().unwrap(), "--dry-run", "--on-duplicate", "skip"]);
    assert!(stderr(&back).contains(&format!("共读取 {} 行", last - 1)), "{}", stderr(&back));

    let file = dir.path().join("members.xlsx");
    ok(&db, "en", &["export", "member", file.to_str().unwrap()]);
    assert_prints_as_it_is(&file, "&amp;CPage &amp;P of &amp;N");
    let r = range(&file, "Members");
    assert_ne!(texts(&r, r.height() - 1)[0], "Total", "nothing adds up in a list of members");
}

#[test]
fn a_template_repeats_its_headers_and_instructions() {
    let (dir, db) = street();
    let file = dir.path().join("t.xlsx");
    ok(&db, "zh", &["template", "household", file.to_str().unwrap()]);
    assert_prints_as_it_is(&file, "&amp;C第 &amp;P 页 共 &amp;N 页");
    assert_eq!(print_titles(&file, 0), "$2:$3");
}

#[test]
fn the_ledger_prints_every_sheet_with_its_own_header() {
    let (dir, db) = street();
    let minutes =
        "会议听取了各社区关于联系户走访情况的汇报，研究了楼道灯更换和助餐点建设两项问题，决定由社区分头落实。"
            .repeat(8);
    assert_eq!(minutes.chars().count(), 400);
    ok(&db, "zh", &["edit", "meeting", "1", "--minutes", &minutes]);
    ok(&db, "zh", &["add", "member", "--name", "新委员", "--role", "part_time"]);
    let file = dir.path().join("台账.xlsx");
    ok(&db, "zh", &["report", "quarter", "2026Q4", "--out", file.to_str().unwrap()]);
    assert_prints_as_it_is(&file, "&amp;C第 &amp;P 页 共 &amp;N 页");
    let names = sheet_names(&file);
    assert_eq!(names[0], "总览");
    let meetings = names.iter().position(|n| n == "四、联席议事会").unwrap();
    // Title, subtitle, then the header: row 3 on every page.
    assert_eq!(print_titles(&file, meetings), "$3:$3");
    assert!(page_setup(&file, meetings + 1).contains(r#"orientation="landscape""#), "eleven columns");
    assert!(page_setup(&file, 1).contains(r#"orientation="portrait""#), "the summary is three columns");
    // The funding sheet has a caption line above its header.
    let funding = names.iter().position(|n| n == "四、工作经费").unwrap();
    assert_eq!(print_titles(&file, funding), "$4:$4");

    // 400 characters of minutes wrap in a column 50 wide: 800 columns of text,
    // 49 a line, 17 lines of 15 points.
    let xml = part(&file, &format!("xl/worksheets/sheet{}.xml", meetings + 1));
    assert!(xml.contains(r#"<row r="4" spans="1:11" ht="255" customHeight="1">"#), "the meeting's row is fitted");
    let styles = part(&file, "xl/styles.xml");
    assert!(styles.contains(r#"wrapText="1""#));

    let summary = range(&file, "总览");
    assert_eq!(texts(&summary, 2), ["项目", "数值", "说明"]);
    let figure = |item: &str| {
        let row = summary.rows().find(|r| r[0] == item).unwrap_or_else(|| panic!("no {item}"));
        row[1].clone()
    };
    let held = range(&file, "四、联席议事会");
    assert_eq!(texts(&held, 2)[5], "应到人数");
    assert_eq!(held.get((3, 5)), Some(&Data::Float(3.0)), "新委员 came after the meeting of 10-09");
    assert_eq!(figure("召开议事会"), Data::Float(1.0));
}

#[test]
fn the_publication_prints_too() {
    let (dir, db) = street();
    ok(&db, "zh", &["evaluate", "2026"]);
    #[rustfmt::skip]
    ok(&db, "zh", &["edit", "evaluation", "3", "--committee-report-on", "11-10", "--deputies-report-on", "11-20",
        "--vote-sets", "群众 12,3,1,0/20/16；代表 6,2,0,0/8/8"]);
    let file = dir.path().join("公示.xlsx");
    ok(&db, "zh", &["publish", "2026", "--out", file.to_str().unwrap()]);
    assert_prints_as_it_is(&file, "&amp;C第 &amp;P 页 共 &amp;N 页");
    // Under the title, the 公示期 and the signature.
    assert_eq!(print_titles(&file, 0), "$4:$4");
}
