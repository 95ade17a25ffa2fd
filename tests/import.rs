//! `silian import` end to end: files as offices write them (UTF-8, UTF-8 with
//! BOM, GBK CSV; XLSX with a merged title and an instruction row), every kind of
//! row problem with its line, duplicates, all or nothing, dry runs, exit codes,
//! and the store's batch write on its own.

mod common;

use common::*;
use rust_xlsxwriter::{Format, Workbook};
use silian::model::{AnyData, Kind};
use silian::store::audit::Imported;
use silian::store::bulk::{ImportBatch, ImportUpdate};
use silian::store::{AuditAction, Store, StoreError};
use std::path::{Path, PathBuf};
use std::process::Output;

fn file(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn import(db: &Path, lang: &str, kind: &str, path: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["import", kind, path.to_str().unwrap()];
    args.extend(extra);
    silian(db, lang, &args)
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap()
}

fn count(db: &Path, kind: Kind) -> usize {
    Store::open(db, 8).unwrap().count(kind)
}

fn records(db: &Path, kind: Kind) -> Vec<AnyData> {
    Store::open(db, 8).unwrap().list(kind, true).unwrap().into_iter().map(|r| r.data).collect()
}

fn assert_check_clean(db: &Path) {
    let out = silian(db, "en", &["check"]);
    assert!(out.status.success(), "check: {}{}", stdout(&out), stderr(&out));
}

fn household(data: &AnyData) -> &silian::model::Household {
    match data {
        AnyData::Household(h) => h,
        other => panic!("{other:?}"),
    }
}

const HOUSEHOLDS: &str = "户主,所在社区,联系委员,家庭住址,手机号码,人口,类别\n\
王小二,长安社区,余伟军,和平路1号,13900001111,3,低保户\n\
李四,长安社区,,和平路2号,,,\"困难户、veteran\"\n";

#[test]
fn utf8_csv_with_chinese_headers() {
    let (dir, db) = street_db();
    let path = file(&dir, "联系户.csv", HOUSEHOLDS.as_bytes());
    let out = import(&db, "zh", "household", &path, &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("编码 UTF-8（自动识别）"), "{err}");
    assert!(err.contains("共读取 2 行：新增 2 条，更新 0 条，跳过 0 条"), "{err}");
    assert!(err.contains("已导入：新增 2 条，更新 0 条"), "{err}");
    assert!(stdout(&out).is_empty());
    let all = records(&db, Kind::Household);
    let h = household(&all[1]);
    assert_eq!((h.head.as_str(), h.community_id, h.member_id, h.size), ("王小二", 1, Some(1), Some(3)));
    assert_eq!(h.phone, "13900001111");
    assert_eq!(household(&all[2]).tags.len(), 2);
    assert_check_clean(&db);
}

#[test]
fn utf8_with_bom_and_member_names_a_unit() {
    let (dir, db) = street_db();
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend(
        "姓名,职务,联系电话,所在单位,联系社区,条线\n单雄信,兼职委员,13700001111,滨江实验小学,长安社区,城市管理\n"
            .as_bytes(),
    );
    let path = file(&dir, "委员.csv", &bytes);
    let out = import(&db, "zh", "member", &path, &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stderr(&out).contains("UTF-8 (BOM)"), "{}", stderr(&out));
    let AnyData::Member(m) = &records(&db, Kind::Member)[1] else { panic!() };
    assert_eq!((m.name.as_str(), m.unit_id, m.community_id), ("单雄信", Some(1), Some(1)));
    assert_check_clean(&db);
}

#[test]
fn gbk_csv_is_detected_and_encoding_can_be_forced() {
    let (dir, db) = street_db();
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(HOUSEHOLDS);
    assert!(!unmappable);
    assert!(std::str::from_utf8(&bytes).is_err(), "really GBK");
    let path = file(&dir, "gbk.csv", &bytes);
    let forced = import(&db, "en", "household", &path, &["--encoding", "utf-8"]);
    assert_eq!(code(&forced), 2, "{}", stderr(&forced));
    assert!(stderr(&forced).contains("is not valid UTF-8"), "{}", stderr(&forced));
    let out = import(&db, "zh", "household", &path, &["--encoding", "gbk"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stderr(&out).contains("GBK/GB18030（按 --encoding 指定）"), "{}", stderr(&out));
    assert_eq!(household(&records(&db, Kind::Household)[1]).address, "和平路1号");
    let again = import(&db, "zh", "household", &path, &["--on-duplicate", "skip"]);
    assert_eq!(code(&again), 0, "{}", stderr(&again));
    assert!(stderr(&again).contains("GBK/GB18030（自动识别）"), "{}", stderr(&again));
    assert!(stderr(&again).contains("跳过 2 条"), "{}", stderr(&again));
}

/// A sheet as offices make it: a merged title, the header, an instruction row, data.
fn office_workbook(path: &Path, bad_row: bool) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.merge_range(0, 0, 0, 5, "长安街道联系户登记表（2026年）", &Format::new()).unwrap();
    for (col, h) in ["户主", "社区", "委员", "住址", "电话", "人口"].iter().enumerate() {
        sheet.write_string(1, col as u16, *h).unwrap();
    }
    for (col, h) in
        ["必填；如 余伟军", "必填；如 长安社区", "选填", "选填", "选填；如 13812341234", "选填"].iter().enumerate()
    {
        sheet.write_string(2, col as u16, *h).unwrap();
    }
    sheet.write_string(3, 0, "王小二").unwrap();
    sheet.write_string(3, 1, "长安社区").unwrap();
    sheet.write_string(3, 2, "余伟军").unwrap();
    sheet.write_string(3, 3, "和平路1号").unwrap();
    sheet.write_number(3, 4, 13812345678.0).unwrap();
    sheet.write_number(3, 5, 3.0).unwrap();
    sheet.write_string(4, 0, "李四").unwrap();
    sheet.write_string(4, 1, if bad_row { "不存在社区" } else { "长安社区" }).unwrap();
    sheet.write_number(4, 5, if bad_row { 2.5 } else { 1.0 }).unwrap();
    book.save(path).unwrap();
}

#[test]
fn xlsx_with_a_merged_title_and_an_instruction_row() {
    let (dir, db) = street_db();
    let bad = dir.path().join("bad.xlsx");
    office_workbook(&bad, true);
    let out = import(&db, "zh", "household", &bad, &[]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("表头在第 2 行"), "{err}");
    assert!(err.contains("已跳过第 1 行（表头之前：“长安街道联系户登记表（2026年）”）"), "{err}");
    assert!(err.contains("已跳过第 3 行（填写说明或示例）"), "{err}");
    assert!(err.contains("第 5 行，社区 列：找不到名为“不存在社区”的社区"), "{err}");
    assert!(err.contains("第 5 行，人口 列：\"2.5\" 不是 0 至 50 之间的整数"), "{err}");
    assert!(err.contains("未写入任何记录"), "{err}");
    assert_eq!(count(&db, Kind::Household), 1);

    let good = dir.path().join("good.xlsx");
    office_workbook(&good, false);
    let out = import(&db, "zh", "household", &good, &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let all = records(&db, Kind::Household);
    let h = household(&all[1]);
    assert_eq!((h.phone.as_str(), h.size), ("13812345678", Some(3)), "numbers Excel stored as floats");
    assert_check_clean(&db);
}

#[test]
fn xlsx_dates_as_date_cells_and_serial_numbers() {
    let (dir, db) = street_db();
    let path = dir.path().join("visits.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (col, h) in ["走访日期", "走访委员", "联系户", "情况"].iter().enumerate() {
        sheet.write_string(0, col as u16, *h).unwrap();
    }
    let date = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    sheet.write_datetime_with_format(1, 0, date, &Format::new().set_num_format("yyyy/m/d")).unwrap();
    sheet.write_number(2, 0, 46355.0).unwrap();
    sheet.write_string(3, 0, "2026年11月1日").unwrap();
    for row in 1..=3 {
        sheet.write_string(row, 1, "余伟军").unwrap();
        sheet.write_string(row, 2, "曾国藩").unwrap();
        sheet.write_string(row, 3, "了解情况").unwrap();
    }
    book.save(&path).unwrap();
    let out = import(&db, "en", "visit", &path, &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let dates: Vec<String> = records(&db, Kind::Visit)
        .iter()
        .map(|d| match d {
            AnyData::Visit(v) => v.date.to_string(),
            _ => unreachable!(),
        })
        .collect();
    assert_eq!(dates, ["2026-11-20", "2026-11-29", "2026-11-01"]);
}

#[test]
fn english_headers_and_an_english_report() {
    let (dir, db) = street_db();
    let path = file(
        &dir,
        "communities.csv",
        b"name,address,households_total,Population,colour\n\xe6\x96\xb0\xe5\xae\x89\xe7\xa4\xbe\xe5\x8c\xba,x,1200.0,3600,red\n",
    );
    let out = import(&db, "en", "community", &path, &["--dry-run"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("unknown columns ignored: \"colour\""), "{err}");
    assert!(err.contains("1 rows read: 1 to add, 0 to update, 0 skipped"), "{err}");
    assert!(err.contains("dry run: nothing was written"), "{err}");
    assert_eq!(count(&db, Kind::Community), 1);
    let out = import(&db, "en", "community", &path, &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let AnyData::Community(c) = &records(&db, Kind::Community)[1] else { panic!() };
    assert_eq!((c.name.as_str(), c.households_total, c.population), ("新安社区", Some(1200), Some(3600)));
}

#[test]
fn every_kind_of_row_error_with_its_line() {
    let (dir, db) = street_db();
    {
        let store = Store::open(&db, 8).unwrap();
        add(&store, Kind::Community, &[("name", "新安社区")]);
        add(&store, Kind::Member, &[("name", "余伟军"), ("role", "part_time"), ("community_id", "2")]);
    }
    let csv = "填写说明：每户一行\n\
户主,社区,联系委员,住址,电话,人口,类别\n\
甲,长安社区,,a,13800000000,2,低保户\n\
乙,,,b,,,\n\
丙,无名社区,,c,,,\n\
丁,长安社区,余伟军,d,,,\n\
戊,长安社区,,e,12345,,\n\
己,长安社区,,f,,很多,\n\
庚,长安社区,,g,,,富裕户\n";
    let path = file(&dir, "errors.csv", csv.as_bytes());
    let out = import(&db, "zh", "household", &path, &[]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    let err = stderr(&out);
    for expected in [
        "已跳过第 1 行（表头之前：“填写说明：每户一行”）",
        "第 4 行，社区 列：必填，不能为空",
        "第 5 行，社区 列：找不到名为“无名社区”的社区；应为已有社区的名称或编号，如 长安社区、新安社区",
        "第 6 行，联系委员 列：有 2 个委员名为“余伟军”：编号 1 余伟军（长安社区）、编号 2 余伟军（新安社区）；应改填编号",
        "第 7 行，电话 列：\"12345\" 不是电话号码",
        "第 8 行，人口 列：\"很多\" 不是 0 至 50 之间的整数",
        "第 9 行，类别 列：\"富裕户\" 不是可选值；应为：困难户（hardship）",
        "silian: 文件有 6 处问题（涉及 6 行），未写入任何记录",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in\n{err}");
    }
    assert!(!err.contains("第 3 行"), "line 3 is fine: {err}");
    assert_eq!(count(&db, Kind::Household), 1);

    let en = stderr(&import(&db, "en", "household", &path, &[]));
    assert!(en.contains("line 5, column 社区: there is no community named \"无名社区\""), "{en}");
    assert!(
        en.contains("line 6, column 联系委员: 2 member records are named \"余伟军\": id 1 余伟军 (长安社区); id 2"),
        "{en}"
    );
    assert!(en.contains("silian: the file has 6 problems (on 6 lines); nothing was written"), "{en}");
}

#[test]
fn visits_report_bad_dates_and_choices() {
    let (dir, db) = street_db();
    let csv = "日期,委员,方式,联系户,情况\n2026-02-30,余伟军,上门走访,曾国藩,好\n2026/11/29,余伟军,飞鸽,曾国藩,好\n2026.11.29,余伟军,上门走访,曾国藩（长安社区）,\n";
    let path = file(&dir, "visits.csv", csv.as_bytes());
    let err = stderr(&import(&db, "zh", "visit", &path, &[]));
    assert!(err.contains("第 2 行，日期 列：2026-02-30 不存在"), "{err}");
    assert!(err.contains("第 3 行，方式 列：\"飞鸽\" 不是可选值"), "{err}");
    assert!(err.contains("第 4 行，情况 列：必填"), "{err}");
    assert_eq!(count(&db, Kind::Visit), 0);
}

const DUPLICATES: &str = "户主,社区,住址,电话\n\
曾国藩,长安社区,幸福路12号501室,13955556666\n\
王五,长安社区,和平路1号,\n\
王五,长安社区,和平路1号,13700000000\n";

#[test]
fn duplicates_fail_by_default() {
    let (dir, db) = street_db();
    let path = file(&dir, "dup.csv", DUPLICATES.as_bytes());
    let out = import(&db, "zh", "household", &path, &[]);
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(err.contains("第 2 行，户主 列：与已有联系户重复（编号 1）（户主和住址相同）"), "{err}");
    assert!(err.contains("第 4 行，户主 列：与第 3 行重复"), "{err}");
    assert_eq!(count(&db, Kind::Household), 1);
}

#[test]
fn duplicates_skipped() {
    let (dir, db) = street_db();
    let path = file(&dir, "dup.csv", DUPLICATES.as_bytes());
    let out = import(&db, "zh", "household", &path, &["--on-duplicate", "skip"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("共读取 3 行：新增 1 条，更新 0 条，跳过 2 条"), "{err}");
    assert!(err.contains("跳过重复的行：第 2 行（同已有编号 1）、第 4 行（同第 3 行）"), "{err}");
    let all = records(&db, Kind::Household);
    assert_eq!(household(&all[0]).phone, "13812341234", "the existing record is left alone");
    assert_eq!(household(&all[1]).phone, "", "the first of two repeated rows wins");
    assert_check_clean(&db);
}

#[test]
fn duplicates_updated() {
    let (dir, db) = street_db();
    let path = file(&dir, "dup.csv", DUPLICATES.as_bytes());
    let out = import(&db, "en", "household", &path, &["--on-duplicate", "update"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("3 rows read: 1 to add, 1 to update, 0 skipped, 1 merged"), "{err}");
    assert!(err.contains("Imported: 1 added, 1 updated"), "{err}");
    let all = records(&db, Kind::Household);
    assert_eq!(all.len(), 2);
    let (old, new) = (household(&all[0]), household(&all[1]));
    assert_eq!((old.phone.as_str(), old.member_id), ("13955556666", Some(1)), "given fields change, others stay");
    assert_eq!(new.phone, "13700000000", "the later row is merged into the earlier one");
    let store = Store::open(&db, 8).unwrap();
    let log = store.audit_log().unwrap();
    let update = log.iter().find(|e| e.action == AuditAction::Update && e.id == 1).expect("an update entry");
    assert_eq!(update.changes.len(), 1);
    assert_eq!((update.changes[0].field.as_str(), update.changes[0].new.as_str()), ("phone", "13955556666"));
    assert_eq!(update.note, "import dup.csv");
    assert_eq!(store.get(Kind::Household, 1).unwrap().unwrap().meta.rev, 2);
    drop(store);
    assert_check_clean(&db);
}

#[test]
fn members_are_duplicates_by_name_and_phone() {
    let (dir, db) = street_db();
    let csv = "姓名,职务,电话\n余伟军,组长,\n余伟军,兼职委员,13611112222\n";
    let path = file(&dir, "m.csv", csv.as_bytes());
    let out = import(&db, "zh", "member", &path, &[]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("第 2 行，姓名 列：与已有委员重复（编号 1）（姓名和电话相同）"), "{}", stderr(&out));
    let out = import(&db, "zh", "member", &path, &["--on-duplicate", "skip"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(count(&db, Kind::Member), 2);
}

#[test]
fn one_bad_row_among_a_thousand_writes_nothing() {
    let (dir, db) = street_db();
    let mut csv = String::from("户主,社区,联系委员,住址,电话,人口\n");
    for i in 0..1000 {
        let community = if i == 500 { "不存在" } else { "长安社区" };
        csv.push_str(&format!("户主{i},{community},余伟军,和平路{i}号,139{i:08},{}\n", 1 + i % 5));
    }
    let path = file(&dir, "many.csv", csv.as_bytes());
    let audit_before = Store::open(&db, 8).unwrap().audit_log().unwrap().len();
    let out = import(&db, "zh", "household", &path, &[]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("第 502 行，社区 列：找不到名为“不存在”的社区"), "{}", stderr(&out));
    assert!(stderr(&out).contains("文件有 1 处问题（涉及 1 行），未写入任何记录"));
    assert_eq!(count(&db, Kind::Household), 1);
    assert_eq!(Store::open(&db, 8).unwrap().audit_log().unwrap().len(), audit_before);
    assert_check_clean(&db);

    let fixed = file(&dir, "fixed.csv", csv.replace("不存在", "长安社区").as_bytes());
    let out = import(&db, "zh", "household", &fixed, &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(count(&db, Kind::Household), 1001);
    let store = Store::open(&db, 8).unwrap();
    let log = store.audit_log().unwrap();
    assert_eq!(log.len(), audit_before + 1, "one audit entry for the whole import");
    let entry = &log[audit_before];
    assert_eq!(
        (entry.action, entry.kind, entry.note.as_str()),
        (AuditAction::Import, Some(Kind::Household), "fixed.csv")
    );
    assert_eq!(entry.imported(), Some(Imported { created: 2..1002, updated: 0 }));
    let records = store.list(Kind::Household, false).unwrap();
    let ids: Vec<u64> = records.iter().map(|r| r.meta.id).collect();
    assert_eq!(ids, (1..=1001).collect::<Vec<_>>());
    assert!(records[1..].iter().all(|r| r.meta.created_at == entry.at), "each new record is marked by its time");
    drop(store);
    let zh = stdout(&silian(&db, "zh", &["audit", "--kind", "household"]));
    assert!(zh.contains("导入 fixed.csv：新建联系户 2–1001（1000 条）"), "{zh}");
    let en = stdout(&silian(&db, "en", &["audit", "--kind", "household", "--id", "500"]));
    assert!(en.contains("imported fixed.csv: created household 2–1001 (1000 records)"), "{en}");
    assert!(!en.contains("曾国藩"), "household 1 was not imported: {en}");
    assert_check_clean(&db);
}

#[test]
fn dry_run_writes_nothing() {
    let (dir, db) = street_db();
    let path = file(&dir, "h.csv", HOUSEHOLDS.as_bytes());
    let out = import(&db, "zh", "household", &path, &["--dry-run"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stderr(&out).contains("共读取 2 行：新增 2 条"), "{}", stderr(&out));
    assert!(stderr(&out).contains("试运行：未写入任何记录"));
    assert_eq!(count(&db, Kind::Household), 1);
    let bad = file(&dir, "bad.csv", "户主,社区\n甲,无\n".as_bytes());
    assert_eq!(code(&import(&db, "zh", "household", &bad, &["--dry-run"])), 2);
}

#[test]
fn excel_serials_and_floats_in_csv() {
    let (dir, db) = street_db();
    let csv = "日期,委员,方式,联系户,情况\n46355,余伟军,电话联系,1,电话回访\n";
    let path = file(&dir, "v.csv", csv.as_bytes());
    let out = import(&db, "zh", "visit", &path, &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let AnyData::Visit(v) = &records(&db, Kind::Visit)[0] else { panic!() };
    assert_eq!((v.date.to_string(), v.household_id), ("2026-11-29".to_string(), Some(1)));

    let csv = "户主,社区,电话,人口\n赵七,长安社区,13812349876.0,4.0\n";
    let path = file(&dir, "h.csv", csv.as_bytes());
    let out = import(&db, "zh", "household", &path, &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let all = records(&db, Kind::Household);
    assert_eq!((household(&all[1]).phone.as_str(), household(&all[1]).size), ("13812349876", Some(4)));
}

#[test]
fn exit_codes() {
    let (dir, db) = street_db();
    let path = file(&dir, "h.csv", HOUSEHOLDS.as_bytes());
    assert_eq!(code(&import(&db, "zh", "meeting", &path, &[])), 2, "meetings are not importable");
    assert_eq!(code(&import(&db, "zh", "nonsense", &path, &[])), 2);
    assert_eq!(code(&import(&db, "zh", "household", &path, &["--encoding", "latin9"])), 2);
    let missing = import(&db, "en", "household", &dir.path().join("missing.csv"), &[]);
    assert_eq!(code(&missing), 1, "{}", stderr(&missing));
    let missing = import(&db, "en", "household", &dir.path().join("missing.xlsx"), &[]);
    assert_eq!(code(&missing), 1, "{}", stderr(&missing));
    let pdf = file(&dir, "h.pdf", b"%PDF");
    assert!(stderr(&import(&db, "en", "household", &pdf, &[])).contains("expected .csv or .xlsx"));
    let no_header = file(&dir, "x.csv", b"a,b\n1,2\n");
    let out = import(&db, "zh", "household", &no_header, &[]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("找不到表头"), "{}", stderr(&out));
    let not_xlsx = file(&dir, "fake.xlsx", b"not a zip");
    assert_eq!(code(&import(&db, "zh", "household", &not_xlsx, &[])), 2);
}

#[test]
fn the_batch_write_is_all_or_nothing_on_its_own() {
    let (_dir, store) = temp_store();
    small_street(&store);
    let h = |head: &str, community: &str| build(Kind::Household, &[("head", head), ("community_id", community)]);
    let batch = |creates, updates| ImportBatch { kind: Kind::Household, creates, updates, source: "t.csv".into() };
    let bad = store.import_batch(&ctx(), batch(vec![h("甲", "1"), h("乙", "9")], vec![]), &|_, _| {});
    assert!(matches!(bad, Err(StoreError::Invalid(_))), "{bad:?}");
    let stale = ImportUpdate { id: 1, expected_rev: 7, data: h("曾国藩", "1") };
    let bad = store.import_batch(&ctx(), batch(vec![h("甲", "1")], vec![stale]), &|_, _| {});
    assert!(matches!(bad, Err(StoreError::Stale { .. })), "{bad:?}");
    assert_eq!(store.count(Kind::Household), 1);

    let update = ImportUpdate { id: 1, expected_rev: 1, data: h("曾国藩", "1") };
    let done = store.import_batch(&ctx(), batch(vec![h("甲", "1"), h("乙", "1")], vec![update]), &|_, _| {}).unwrap();
    assert_eq!(done.created, [2, 3]);
    assert_eq!(done.updated, [1]);
    assert!(store.check().unwrap().is_empty());
    let next = store.create(&ctx(), h("丙", "1")).unwrap();
    assert_eq!(next.meta.id, 4, "the id counter moved past the batch");
    let log = store.audit_log().unwrap();
    let updates: Vec<_> = log.iter().filter(|e| e.note == "import t.csv").collect();
    assert_eq!(updates.len(), 1, "the changed record has its own entry");
    assert_eq!((updates[0].action, updates[0].id), (AuditAction::Update, 1));
    let imports: Vec<_> = log.iter().filter_map(|e| e.imported().map(|i| (i, e.note.as_str()))).collect();
    assert_eq!(imports, [(Imported { created: 2..4, updated: 1 }, "t.csv")], "and the import one entry");
}

#[test]
fn a_killed_import_leaves_all_or_nothing() {
    let mut csv = String::from("户主,社区,联系委员,住址,电话\n");
    for i in 0..8000 {
        csv.push_str(&format!("户主{i},长安社区,余伟军,和平路{i}号,139{i:08}\n"));
    }
    let mut undone = 0;
    for delay_ms in [400, 800, 1200, 1600, 2400] {
        let (dir, db) = street_db();
        let big = file(&dir, "big.csv", csv.as_bytes());
        let mut child = std::process::Command::new(bin())
            .args(["import", "household", big.to_str().unwrap()])
            .env("SILIAN_DB", &db)
            .env("SILIAN_TODAY", "2026-11-29")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        // Any command that opens the store undoes a cut-short import first.
        let out = silian(&db, "en", &["list", "household"]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        if stderr(&out).contains("was cut short while writing, now undone") {
            undone += 1;
        }
        let n = count(&db, Kind::Household);
        assert!(n == 1 || n == 8001, "after a kill at {delay_ms} ms: {n} households");
        assert_check_clean(&db);
        let one = file(&dir, "one.csv", "户主,社区\n新来户,长安社区\n".as_bytes());
        let out = import(&db, "en", "household", &one, &[]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        assert_eq!(count(&db, Kind::Household), n + 1);
    }
    eprintln!("{undone} of 5 kills landed mid-write and were undone");
}

#[test]
fn visits_take_their_households_member_and_another_member_is_noted_in_the_report() {
    let (dir, db) = street_db();
    assert!(silian(&db, "zh", &["add", "member", "--name", "单雄信", "--role", "part_time"]).status.success());
    let csv = "日期,联系户,委员,情况\n2026-11-28,曾国藩,,走访\n2026-11-28,曾国藩,单雄信,代走访\n";
    let path = file(&dir, "visits.csv", csv.as_bytes());
    let out = import(&db, "zh", "visit", &path, &[]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("第 3 行，联系户 曾国藩 的联系委员是 余伟军，这一行填的是 单雄信"), "{err}");
    assert!(err.contains("1 行未填委员，已按联系户的联系委员填入"), "{err}");
    let visits: Vec<serde_json::Value> =
        serde_json::from_str(&stdout(&silian(&db, "en", &["list", "visit", "--format", "json"]))).unwrap();
    let members: Vec<&serde_json::Value> = visits.iter().map(|v| &v["member_id"]).collect();
    assert!(members.contains(&&serde_json::json!(1)) && members.contains(&&serde_json::json!(2)), "{visits:?}");
}

/// Imported demands obey the same rules as typed ones: a referral needs its
/// department and date, and a reopening follows an unsatisfied follow-up.
#[test]
fn demands_are_imported_with_their_referral_and_reopenings_by_the_same_rules() {
    let (dir, db) = street_db();
    let rounds_ok = r#"[{""date"":""2026-10-10"",""reason"":""灯又坏了"",""resolution"":""已修"",""satisfaction"":""unsatisfied""}]"#;
    let rounds_bad = r#"[{""date"":""2026-10-10"",""reason"":""灯又坏了"",""satisfaction"":""satisfied""}]"#;
    let csv = format!(
        "反映日期,联系户,类别,诉求内容,状态,转办部门,转办日期,部门答复,重办\n\
         2026-10-01,曾国藩,infrastructure,楼道灯不亮,in_progress,区城管局,2026-10-03,已派人,\"{rounds_ok}\"\n\
         2026-10-01,曾国藩,infrastructure,路面破损,in_progress,,2026-10-03,,\n\
         2026-10-01,曾国藩,infrastructure,井盖松动,in_progress,,,,\"{rounds_bad}\"\n"
    );
    let path = file(&dir, "诉求.csv", csv.as_bytes());
    let err = stderr(&import(&db, "zh", "demand", &path, &[]));
    assert!(err.contains("第 3 行，转办日期 列：需要先填写 转办部门"), "{err}");
    assert!(err.contains("第 4 行，重办 列：每次重办都应在回访“不满意”之后"), "{err}");
    assert!(!err.contains("第 2 行"), "{err}");
    assert_eq!(count(&db, Kind::Demand), 0, "all or nothing");
    let good: String = csv.lines().take(2).map(|l| format!("{l}\n")).collect();
    let path = file(&dir, "诉求2.csv", good.as_bytes());
    let out = import(&db, "zh", "demand", &path, &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let AnyData::Demand(d) = &records(&db, Kind::Demand)[0] else { panic!() };
    assert_eq!((d.referred_to.as_str(), d.department_reply.as_str(), d.rounds.len()), ("区城管局", "已派人", 1));
    assert_check_clean(&db);
}
