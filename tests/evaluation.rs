//! 定期考事 end to end: creating a period's evaluations, grades and their
//! override, the 述职 material, and the 公示 list read back from its file.

mod common;

use calamine::{open_workbook, Data, Reader, Xlsx};
use common::*;
use silian::model::enums::Grade;
use silian::model::{Evaluation, Kind, Wrap};
use silian::ops;
use silian::store::Store;

fn evaluation(store: &Store, id: u64) -> Evaluation {
    let rec = store.get(Kind::Evaluation, id).unwrap().unwrap();
    Evaluation::unwrap_any(rec.data).unwrap()
}

fn edit(store: &Store, id: u64, fields: &[(&str, &str)]) -> Result<Evaluation, String> {
    let old = store.get(Kind::Evaluation, id).unwrap().unwrap();
    let pairs: Vec<(String, String)> = fields.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    let data = old.data.edit(&pairs, today()).map_err(|e| e.message(silian::i18n::Lang::En))?;
    let request = ops::records::Update { id, data, expected_rev: Some(old.meta.rev) };
    match ask(store, request) {
        Ok(rec) => Ok(Evaluation::unwrap_any(rec.data).unwrap()),
        Err(e) => Err(e.message(silian::i18n::Lang::En)),
    }
}

/// Three members, the third archived.
fn three_members(store: &Store) {
    sample_street(store);
    let third = add(store, Kind::Member, &[("name", "李离职"), ("role", "part_time")]);
    store.set_archived(&ctx(), Kind::Member, third, true).unwrap();
}

/// The id of member `member`'s evaluation of `period`.
fn of_member(store: &Store, member: u64, period: &str) -> u64 {
    let request = ops::review::EvaluationRoster { period: period.parse().unwrap() };
    let rows = ask(store, request).unwrap();
    rows.iter().find(|r| r.member_id == member).unwrap().evaluation_id
}

fn evaluate(store: &Store, period: &str) -> (usize, usize) {
    let request = ops::review::Evaluate { period: period.parse().unwrap() };
    let e = ask(store, request).unwrap();
    (e.created.len(), e.existing)
}

#[test]
fn evaluate_creates_one_per_active_member_and_is_idempotent() {
    let (_dir, store) = temp_store();
    three_members(&store);
    let active = store.list(Kind::Member, false).unwrap().len();
    assert_eq!(evaluate(&store, "2026"), (active, 0));
    assert_eq!(evaluate(&store, "2026"), (0, active));
    assert_eq!(store.count(Kind::Evaluation), 2 + active, "beside sample_street's two of 2025");
    // Another period is another set; a new member gets theirs on the next run.
    assert_eq!(evaluate(&store, "2026H1"), (active, 0));
    add(&store, Kind::Member, &[("name", "新委员"), ("role", "part_time")]);
    assert_eq!(evaluate(&store, "2026"), (1, active));
}

#[test]
fn votes_set_the_grade_and_a_hand_grade_needs_a_reason() {
    let (_dir, store) = temp_store();
    sample_street(&store);
    evaluate(&store, "2026");
    let id = of_member(&store, 1, "2026");
    let e = edit(&store, id, &[("votes", "12,3,1,0"), ("deputies_report_on", "2026-11-20")]).unwrap();
    assert_eq!(e.grade, Some(Grade::Excellent));
    let e = edit(&store, id, &[("votes", "5,5,5,5")]).unwrap();
    assert_eq!(e.grade, Some(Grade::Basic)); // 10/20 below 2/3, 5/20 below 1/3

    let err = edit(&store, id, &[("grade", "excellent")]).unwrap_err();
    assert!(err.contains("grade_reason"), "{err}");
    assert_eq!(evaluation(&store, id).grade, Some(Grade::Basic));

    let e = edit(&store, id, &[("grade", "称职"), ("grade_reason", "测评后补充材料，经会议研究")]).unwrap();
    assert_eq!(e.grade, Some(Grade::Competent));
    let e = edit(&store, id, &[("votes", "0,0,0,20")]).unwrap();
    assert_eq!(e.grade, Some(Grade::Competent), "an overridden grade stays");
    let e = edit(&store, id, &[("grade_reason", "")]).unwrap();
    assert_eq!(e.grade, Some(Grade::Incompetent), "without the reason it follows the votes again");
}

#[test]
fn grade_thresholds_come_from_the_settings() {
    let (_dir, store) = temp_store();
    sample_street(&store);
    evaluate(&store, "2026");
    let mut settings = store.settings().unwrap();
    settings.set("grade_excellent_share", "3/4").unwrap();
    store.set_settings(&ctx(), &settings).unwrap();
    let id = of_member(&store, 1, "2026");
    assert_eq!(edit(&store, id, &[("votes", "12,3,1,0")]).unwrap().grade, Some(Grade::Excellent)); // 12/16
    assert_eq!(edit(&store, id, &[("votes", "11,4,1,0")]).unwrap().grade, Some(Grade::Competent));
}

fn db_with_evaluations(dir: &tempfile::TempDir) -> std::path::PathBuf {
    let db = db_in(dir);
    let store = Store::open(&db, 8).unwrap();
    sample_street(&store);
    let mut settings = store.settings().unwrap();
    settings.street_name = "长安街道".into();
    store.set_settings(&ctx(), &settings).unwrap();
    evaluate(&store, "2026");
    edit(&store, of_member(&store, 1, "2026"), &[("votes", "12,3,1,0")]).unwrap();
    edit(
        &store,
        of_member(&store, 2, "2026"),
        &[("votes", "3,9,3,1"), ("grade", "basic"), ("grade_reason", "年内受通报批评")],
    )
    .unwrap();
    db
}

fn cell_text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Empty => String::new(),
        other => format!("{other:?}"),
    }
}

#[test]
fn publish_writes_xlsx_and_records_the_date() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_with_evaluations(&dir);
    let file = dir.path().join("公示.xlsx");
    let out = silian(&db, "zh", &["publish", "2026", "--out", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("公示日期记为 2026-11-29"), "{}", stderr(&out));

    let mut wb: Xlsx<_> = open_workbook(&file).unwrap();
    let range = wb.worksheet_range("公示").unwrap();
    let rows: Vec<Vec<String>> = range.rows().map(|r| r.iter().map(cell_text).collect()).collect();
    assert_eq!(rows[0][0], "长安街道大工委委员2026年度“双述双评”考评结果公示");
    assert_eq!(rows[1][..5], ["序号", "姓名", "岗位", "所在单位", "等次"]);
    let yu = rows.iter().find(|r| r[1] == "余伟军").unwrap();
    assert_eq!(yu[3], "滨江实验小学");
    assert_eq!(yu[4..], ["优秀", "75", "18.8", "6.3", "0"]);
    let shan = rows.iter().find(|r| r[1] == "单雄信").unwrap();
    assert_eq!(shan[2..5], ["城管委员", "ABC科技有限公司", "基本称职"]);
    assert_eq!(rows.iter().filter(|r| r[4] == "未评定").count(), 1, "蒋娜 has no votes yet");

    let listing = stdout(&silian(&db, "zh", &["evaluations", "2026"]));
    assert!(listing.contains("2026-11-29"), "{listing}");
    assert!(listing.contains("基本称职（手工）"), "{listing}");
    assert!(listing.contains("未报市委组织部 3，未报区委组织部 3"), "{listing}");
    assert!(listing.contains("缺"), "{listing}");
}

#[test]
fn publish_writes_markdown_in_english_and_refuses_other_extensions() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_with_evaluations(&dir);
    let file = dir.path().join("list.md");
    let out = silian(&db, "en", &["publish", "2026", "--out", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.starts_with("# 长安街道: evaluation results of committee members, 2026\n"), "{text}");
    assert!(text.contains("| 1 | 余伟军 |  | 滨江实验小学 | Excellent | 75.0% | 18.8% | 6.3% | 0.0% |"), "{text}");
    assert!(text.contains("| 单雄信 | 城管委员 | ABC科技有限公司 | Basically competent |"), "{text}");

    let bad = silian(&db, "en", &["publish", "2026", "--out", dir.path().join("list.pdf").to_str().unwrap()]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains(".xlsx or .md"), "{}", stderr(&bad));
    let bad = silian(&db, "zh", &["publish", "2027", "--out", file.to_str().unwrap()]);
    assert!(stderr(&bad).contains("silian evaluate 2027"), "{}", stderr(&bad));
}

#[test]
fn cli_evaluate_and_votes_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(&dir);
    {
        let store = Store::open(&db, 8).unwrap();
        sample_street(&store);
    }
    let out = stdout(&silian(&db, "zh", &["evaluate", "2026"]));
    assert_eq!(out, "2026 考评：新建 3 条，已有 0 条\n");
    let out = stdout(&silian(&db, "en", &["evaluate", "2026"]));
    assert_eq!(out, "2026 evaluations: 0 created, 3 already there\n");

    let bad = silian(&db, "zh", &["evaluate", "2026Q1"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("考评期（period）") && stderr(&bad).contains("2026H1"), "{}", stderr(&bad));

    let bad = silian(&db, "zh", &["edit", "evaluation", "3", "--votes", "12,3,1"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("votes") && stderr(&bad).contains("12,3,1,0"), "{}", stderr(&bad));
    let bad = silian(&db, "en", &["edit", "evaluation", "3", "--votes", "a,b,c,d"]);
    assert!(stderr(&bad).contains("votes") && stderr(&bad).contains("excellent,competent,basic,incompetent"));

    assert!(silian(&db, "zh", &["edit", "evaluation", "3", "--votes", "12,3,1,0"]).status.success());
    let bad = silian(&db, "en", &["edit", "evaluation", "3", "--grade", "incompetent"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("needs a reason in grade_reason"), "{}", stderr(&bad));
    let args = ["edit", "evaluation", "3", "--grade", "称职", "--grade-reason", "经会议研究"];
    assert!(silian(&db, "zh", &args).status.success());
    let show = stdout(&silian(&db, "zh", &["show", "evaluation", "3"]));
    assert!(show.contains("称职（手工）") && show.contains("经会议研究"), "{show}");
    assert!(show.lines().any(|l| l.starts_with("报市委组织部日期") && l.trim_end().ends_with("缺")), "{show}");
    // sample_street's evaluations 1 and 2 are of 2025; 3 is 余伟军's of 2026.
    let list = stdout(&silian(&db, "en", &["list", "evaluation"]));
    assert!(list.contains("Competent (overridden)"), "{list}");
}

#[test]
fn report_member_prints_the_material() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(&dir);
    {
        let store = Store::open(&db, 8).unwrap();
        sample_street(&store);
        add(
            &store,
            Kind::Visit,
            &[("date", "2026-03-02"), ("member_id", "1"), ("household_id", "1"), ("summary", "走访")],
        );
        add(
            &store,
            Kind::Visit,
            &[("date", "2026-10-02"), ("member_id", "1"), ("kind", "phone"), ("visitor", "李四"), ("summary", "电话")],
        );
    }
    let zh = silian(&db, "zh", &["report", "member", "1", "--period", "2026"]);
    assert!(zh.status.success(), "{}", stderr(&zh));
    let zh = stdout(&zh);
    assert!(zh.starts_with("余伟军2026年度述职材料（统计 2026-01-01 至 2026-11-29）"), "{zh}");
    for part in ["一、联系户", "二、走访", "三、诉求办理", "四、联席议事会", "五、责任事项"]
    {
        assert!(zh.contains(part), "{zh}");
    }
    assert!(zh.contains("电话联系 1 次"), "{zh}");
    let en = stdout(&silian(&db, "en", &["report", "member", "1", "--period", "2026H1"]));
    assert!(en.starts_with("余伟军: report material for 2026 H1 (2026-01-01 to 2026-06-30)"), "{en}");
    assert!(en.contains("phone call 0"), "the call of October is outside H1: {en}");
    let figures = stdout(&silian(&db, "en", &["report", "member", "1", "--period", "2026", "--format", "json"]));
    let figures: serde_json::Value = serde_json::from_str(&figures).unwrap();
    assert_eq!(figures["households"]["target"], 10);
    assert_eq!(figures["as_of"], "2026-11-29");
    let missing = silian(&db, "en", &["report", "member", "99", "--period", "2026"]);
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn evaluation_requests_are_plain_serde_values() {
    let op = ops::review::DutyReportOf { member_id: 1, period: "2026H1".parse().unwrap(), today: today() };
    let request = ops::Request::from(op);
    let text = serde_json::to_string(&request).unwrap();
    assert_eq!(serde_json::from_str::<ops::Request>(&text).unwrap(), request);
}

#[test]
fn new_thresholds_regrade_unpublished_evaluations_only() {
    let (_dir, store) = temp_store();
    sample_street(&store);
    evaluate(&store, "2026");
    let (a, b) = (of_member(&store, 1, "2026"), of_member(&store, 2, "2026"));
    edit(&store, a, &[("votes", "12,3,1,0")]).unwrap();
    edit(&store, b, &[("votes", "12,3,1,0"), ("published_on", "2026-11-20")]).unwrap();
    let mut settings = store.settings().unwrap();
    settings.set("grade_excellent_share", "4/5").unwrap(); // 12/16 = 3/4 no longer reaches it
    ask(&store, ops::settings::SetSettings { settings }).unwrap();
    assert_eq!(evaluation(&store, a).grade, Some(Grade::Competent));
    assert_eq!(evaluation(&store, b).grade, Some(Grade::Excellent), "a published grade stays");
}
