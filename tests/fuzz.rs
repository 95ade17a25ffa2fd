//! A fuzz harness that stays: valid CSV files, workbooks, backups, composite
//! fields and wire frames, mutated at random. Whatever comes of them, nothing
//! panics, a refusal names its line, item or field, and a refused restore
//! leaves the store as it was (an accepted one leaves a store `check` passes).
//!
//! `cargo test` runs a few thousand cases in seconds; for a longer run,
//! `SILIAN_FUZZ_CASES=20000 cargo test --release --test fuzz`.

mod common;

use common::*;
use proptest::prelude::*;
use proptest::test_runner::Config;
use silian::i18n::Lang;
use silian::io::import::{self, Layout, OnDuplicate, Options, Snapshot};
use silian::io::read::{self, ReadError};
use silian::model::fields::{parse_field, spec_of};
use silian::model::{FieldError, Kind};
use silian::store::Store;
use std::io::Write;

/// Cases per property: `SILIAN_FUZZ_CASES`, else `default`.
fn cases(default: u32) -> Config {
    let cases = std::env::var("SILIAN_FUZZ_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(default);
    Config { cases, failure_persistence: None, ..Config::default() }
}

/// One change to a byte string: the kinds of damage files meet.
#[derive(Clone, Debug)]
enum Damage {
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
    Replace(usize, u8),
    Truncate(usize),
    Repeat(usize, usize),
}

/// Bytes that mean something to a CSV or JSON reader, and some that mean trouble.
fn piece() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        Just(b"\"".to_vec()),
        Just(b",".to_vec()),
        Just(b"\n".to_vec()),
        Just(b"\r\n".to_vec()),
        Just(b"\t".to_vec()),
        Just(b"\"\"".to_vec()),
        Just(vec![0xFF, 0xFE]),
        Just(vec![0xEF, 0xBB, 0xBF]),
        Just("长安社区".as_bytes().to_vec()),
        Just(vec![0xB3, 0xA4]),
        Just(b"\x1b]0;x\x07".to_vec()),
        Just(b"1.38E+10".to_vec()),
        Just(b"-1e300".to_vec()),
        Just(b"{}".to_vec()),
        Just(b"null".to_vec()),
        Just(b"99999999999999999999".to_vec()),
        prop::collection::vec(any::<u8>(), 1..8),
    ]
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        (any::<usize>(), piece()).prop_map(|(at, bytes)| Damage::Insert(at, bytes)),
        (any::<usize>(), 1usize..40).prop_map(|(at, n)| Damage::Delete(at, n)),
        (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Damage::Replace(at, b)),
        any::<usize>().prop_map(Damage::Truncate),
        (any::<usize>(), 1usize..60).prop_map(|(at, n)| Damage::Repeat(at, n)),
    ]
}

fn apply(bytes: &mut Vec<u8>, damage: &[Damage]) {
    for d in damage {
        let len = bytes.len().max(1);
        match d {
            Damage::Insert(at, piece) => {
                let at = at % (bytes.len() + 1);
                bytes.splice(at..at, piece.iter().copied());
            }
            Damage::Delete(at, n) => {
                let at = at % len;
                let end = (at + n).min(bytes.len());
                bytes.drain(at.min(end)..end);
            }
            Damage::Replace(at, b) if !bytes.is_empty() => bytes[at % len] = *b,
            Damage::Replace(..) => {}
            Damage::Truncate(at) => bytes.truncate(at % len),
            Damage::Repeat(at, n) => {
                let at = at % len;
                let end = (at + n).min(bytes.len());
                let copy = bytes[at.min(end)..end].to_vec();
                bytes.splice(at.min(end)..at.min(end), copy);
            }
        }
    }
}

const HOUSEHOLDS: &str = "户主,所在社区,联系委员,家庭住址,手机号码,人口,类别,备注\n\
    李四,长安社区,余伟军,和平路1号,13812345678,3,低保户,\n\
    王五,长安社区,余伟军,\"和平路\n2号\",13912345678,2,,\"说 \"\"你好\"\"\"\n\
    赵六,长安社区,余伟军,和平路3号,,1,独居老人,2026-11-29\n";

/// A refusal of the reader names a line, or says why the file as a whole is refused.
fn names_a_line(e: &ReadError) -> bool {
    let zh = e.message(Lang::Zh);
    zh.contains('行') || matches!(e, ReadError::Workbook(_) | ReadError::EmptyWorkbook | ReadError::TooLarge { .. })
}

proptest! {
    #![proptest_config(cases(1500))]

    #[test]
    fn damaged_csv_is_read_or_refused_naming_a_line(damage in prop::collection::vec(damage(), 1..6)) {
        let mut bytes = HOUSEHOLDS.as_bytes().to_vec();
        apply(&mut bytes, &damage);
        match read::read_csv_bytes(&bytes, None) {
            Err(e) => prop_assert!(names_a_line(&e), "{}", e.message(Lang::Zh)),
            Ok(sheet) => {
                let snapshot = STREET.with(|s| s.clone());
                if let Some(layout) = Layout::detect(Kind::Household, &sheet.rows) {
                    let options = Options { on_duplicate: OnDuplicate::Fail, today: today() };
                    let plan = import::plan(&layout, &sheet.rows, &snapshot, options, &mut |_, _| {});
                    for p in &plan.problems {
                        prop_assert!(p.line > 0 && !p.field.is_empty(), "{p:?}");
                    }
                    let report = import::render(&plan, Some(&sheet.format), Lang::Zh);
                    prop_assert!(report.iter().all(|l| !l.chars().any(|c| c.is_control())), "{report:?}");
                }
            }
        }
    }
}

thread_local! {
    /// The small street's records, as an import plans against them.
    static STREET: Snapshot = {
        let (_dir, store) = temp_store();
        small_street(&store);
        let header = read::parse_csv(HOUSEHOLDS).unwrap();
        let layout = Layout::detect(Kind::Household, &header).unwrap();
        Snapshot::load(&store, &layout).unwrap()
    };
}

/// Composite JSON values: lists of objects with the right keys, wrong keys,
/// wrong types, dates that do not exist and text with control characters.
fn item_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::{json, Value};
    let text = prop_oneof![
        Just(Value::from("")),
        Just(Value::from("电动车充电")),
        Just(Value::from("a\u{1b}[2J")),
        Just(Value::from("长".repeat(250))),
        Just(Value::from("2026-02-30")),
        Just(Value::from("2026-11-29")),
        Just(Value::from(0)),
        Just(Value::from(-1)),
        Just(json!([1, 2])),
        Just(json!([0])),
        Just(Value::Null),
        Just(json!({})),
        "\\PC{0,12}".prop_map(Value::from),
    ];
    let key = prop_oneof![
        Just("title"),
        Just("demand_ids"),
        Just("discussion"),
        Just("decision"),
        Just("date"),
        Just("reporter"),
        Just("note"),
        Just("when")
    ];
    let item = prop::collection::vec((key, text), 0..5)
        .prop_map(|pairs| Value::Object(pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect()));
    prop_oneof![
        prop::collection::vec(item, 0..4).prop_map(Value::Array),
        Just(json!({"title": "x"})),
        Just(json!("x")),
        Just(json!([[]])),
    ]
}

proptest! {
    #![proptest_config(cases(1500))]

    #[test]
    fn composite_fields_are_taken_or_refused_naming_the_field_and_item(
        value in item_value(),
        on_task in any::<bool>(),
    ) {
        let (kind, field, label) = if on_task { (Kind::Task, "progress", "进展") } else { (Kind::Meeting, "topics", "议题") };
        let items = value.as_array().map_or(0, Vec::len);
        match parse_field(spec_of(kind, field).unwrap(), &value.to_string(), today()) {
            Ok(_) => {}
            Err(problem) => {
                let zh = FieldError::new(kind, field, problem.clone()).message(Lang::Zh);
                prop_assert!(zh.contains(label), "{zh}");
                if let silian::model::Problem::InItem { item, .. } = problem {
                    prop_assert!(item >= 1 && item <= items, "{zh}");
                }
            }
        }
    }

    #[test]
    fn wire_frames_of_any_bytes_decode_or_fail_without_panic(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        use silian::net::wire::{read_frame, Ask, Hello};
        let _ = read_frame::<Ask>(&mut bytes.as_slice());
        let _ = read_frame::<Hello>(&mut bytes.as_slice());
    }

    #[test]
    fn wire_frames_with_a_valid_length_and_a_damaged_body_fail_without_panic(
        body in prop::collection::vec(any::<u8>(), 0..200),
        length_lie in 0u32..8,
    ) {
        use silian::net::wire::{read_frame, Ask};
        let mut frame = ((body.len() as u32).saturating_add(length_lie)).to_be_bytes().to_vec();
        frame.extend(&body);
        let _ = read_frame::<Ask>(&mut frame.as_slice());
        let mut little = ((body.len() as u32).saturating_add(length_lie)).to_le_bytes().to_vec();
        little.extend(&body);
        let _ = read_frame::<Ask>(&mut little.as_slice());
    }
}

/// A backup of the small street with a meeting and a task, to damage.
fn street_backup() -> (tempfile::TempDir, Store, Vec<u8>) {
    let (dir, store) = temp_store();
    small_street(&store);
    add(&store, Kind::Meeting, &[("date", "2026-11-20"), ("attendee_ids", "1"), ("topics", r#"[{"title":"停车"}]"#)]);
    add(&store, Kind::Task, &[("title", "划线"), ("owner_id", "1"), ("meeting_id", "1")]);
    let mut file = Vec::new();
    store.backup(&ctx(), &mut file).unwrap();
    (dir, store, file)
}

/// Damage at the level of lines: one gone, one twice, two swapped.
#[derive(Clone, Debug)]
enum LineDamage {
    Drop(usize),
    Double(usize),
    Swap(usize, usize),
    Bytes(Vec<Damage>),
}

fn line_damage() -> impl Strategy<Value = LineDamage> {
    prop_oneof![
        any::<usize>().prop_map(LineDamage::Drop),
        any::<usize>().prop_map(LineDamage::Double),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| LineDamage::Swap(a, b)),
        prop::collection::vec(damage(), 1..4).prop_map(LineDamage::Bytes),
    ]
}

fn damage_lines(file: &[u8], damage: &LineDamage) -> Vec<u8> {
    let mut lines: Vec<Vec<u8>> = file.split(|b| *b == b'\n').map(<[u8]>::to_vec).collect();
    let n = lines.len();
    match damage {
        LineDamage::Drop(i) => drop(lines.remove(i % n)),
        LineDamage::Double(i) => lines.insert(i % n, lines[i % n].clone()),
        LineDamage::Swap(a, b) => lines.swap(a % n, b % n),
        LineDamage::Bytes(d) => {
            let mut joined = lines.join(&b'\n');
            apply(&mut joined, d);
            return joined;
        }
    }
    lines.join(&b'\n')
}

proptest! {
    #![proptest_config(cases(300))]

    #[test]
    fn a_damaged_backup_is_restored_whole_into_a_sound_store_or_refused_leaving_it_as_it_was(
        damage in prop::collection::vec(line_damage(), 1..3),
    ) {
        let (_dir, store, file) = street_backup();
        let mut damaged = file.clone();
        for d in &damage {
            damaged = damage_lines(&damaged, d);
        }
        match store.restore(&ctx(), || Ok(damaged.as_slice()), true) {
            Ok(_) => prop_assert!(store.check().unwrap().is_empty(), "an accepted backup makes a sound store"),
            Err(e) => {
                let mut now = Vec::new();
                store.backup(&ctx(), &mut now).unwrap();
                prop_assert_eq!(&now, &file, "refused ({}), yet the store changed", e.message(Lang::En));
            }
        }
    }
}

/// A workbook whose sheet holds `cells` (reference, style, value), zipped as Excel does.
fn workbook(dir: &std::path::Path, n: usize, cells: &[(String, bool, String)], unique: &str) -> std::path::PathBuf {
    let path = dir.join(format!("{n}.xlsx"));
    let file = std::fs::File::create(&path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default();
    let mut part = |name: &str, text: String| {
        zip.start_file(name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    };
    part("[Content_Types].xml", r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>"#.into());
    part("_rels/.rels", r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.into());
    part("xl/workbook.xml", r#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#.into());
    part("xl/_rels/workbook.xml.rels", r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#.into());
    part("xl/styles.xml", r#"<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>"#.into());
    part(
        "xl/sharedStrings.xml",
        format!(
            r#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" uniqueCount="{unique}"><si><t>户主</t></si><si><t>走访日期</t></si></sst>"#
        ),
    );
    let cells: String = cells
        .iter()
        .map(|(r, date, v)| format!(r#"<row><c r="{r}"{}><v>{v}</v></c></row>"#, if *date { r#" s="1""# } else { "" }))
        .collect();
    part(
        "xl/worksheets/sheet1.xml",
        format!(
            r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>{cells}</sheetData></worksheet>"#
        ),
    );
    zip.finish().unwrap();
    path
}

fn cell_reference() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Z]{1,3}[1-9][0-9]{0,6}",
        "[A-Z]{4,14}[0-9]{8,24}",
        Just("XFD1048576".to_string()),
        Just("A0".to_string()),
        Just("".to_string()),
        "[a-z0-9:]{0,6}",
    ]
}

fn number() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<f64>().prop_map(|f| f.to_string()),
        Just("-1e300".to_string()),
        Just("1e308".to_string()),
        Just("NaN".to_string()),
        Just("46000".to_string()),
        Just("0".to_string()),
        Just("x".to_string()),
    ]
}

proptest! {
    #![proptest_config(cases(300))]

    #[test]
    fn crafted_workbooks_are_read_or_refused_without_panic(
        cells in prop::collection::vec((cell_reference(), any::<bool>(), number()), 0..5),
        unique in prop_oneof![Just("2".to_string()), "[0-9]{1,22}", Just("-1".to_string())],
    ) {
        let dir = tempfile::tempdir().unwrap();
        let path = workbook(dir.path(), 0, &cells, &unique);
        match read::read_file(&path, None) {
            Ok(sheet) => prop_assert!(sheet.rows.iter().all(|r| r.cells.len() <= silian::io::limits::MAX_COLUMNS)),
            Err(e) => prop_assert!(!e.message(Lang::Zh).is_empty()),
        }
    }
}
