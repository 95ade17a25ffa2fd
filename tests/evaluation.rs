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
    // Every role: these tests are about grading, not who is evaluated.
    let request = ops::review::Evaluate { period: period.parse().unwrap(), all_roles: true };
    let e = ask(store, request).unwrap();
    (e.created.len(), e.existing)
}

#[test]
fn evaluate_with_every_role_creates_one_per_active_member_and_is_idempotent() {
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
    let e = edit(&store, id, &[("vote_sets", "群众 12,3,1,0"), ("deputies_report_on", "2026-11-20")]).unwrap();
    assert_eq!(e.grade, Some(Grade::Excellent));
    let e = edit(&store, id, &[("vote_sets", "群众 5,5,5,5")]).unwrap();
    assert_eq!(e.grade, Some(Grade::Basic)); // 10/20 below 2/3, 5/20 below 1/3

    let err = edit(&store, id, &[("grade", "excellent")]).unwrap_err();
    assert!(err.contains("grade_reason"), "{err}");
    assert_eq!(evaluation(&store, id).grade, Some(Grade::Basic));

    let e = edit(&store, id, &[("grade", "称职"), ("grade_reason", "测评后补充材料，经会议研究")]).unwrap();
    assert_eq!(e.grade, Some(Grade::Competent));
    let e = edit(&store, id, &[("vote_sets", "群众 0,0,0,20")]).unwrap();
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
    assert_eq!(edit(&store, id, &[("vote_sets", "群众 12,3,1,0")]).unwrap().grade, Some(Grade::Excellent)); // 12/16
    assert_eq!(edit(&store, id, &[("vote_sets", "群众 11,4,1,0")]).unwrap().grade, Some(Grade::Competent));
}

fn db_with_evaluations(dir: &tempfile::TempDir) -> std::path::PathBuf {
    let db = db_in(dir);
    let store = Store::open(&db, 8).unwrap();
    sample_street(&store);
    let mut settings = store.settings().unwrap();
    settings.street_name = "长安街道".into();
    store.set_settings(&ctx(), &settings).unwrap();
    settings.objection_contact = "街道党政办 0571-12345678".into();
    store.set_settings(&ctx(), &settings).unwrap();
    evaluate(&store, "2026");
    let reports = [("committee_report_on", "2026-11-10"), ("deputies_report_on", "2026-11-20")];
    let complete = |member: u64, extra: &[(&str, &str)]| {
        edit(&store, of_member(&store, member, "2026"), &[&reports[..], extra].concat()).unwrap();
    };
    // 余伟军: 18,5,1,0 of 24 together; 单雄信 overridden; 蒋娜's residents below the turnout.
    complete(1, &[("vote_sets", "群众 12,3,1,0/20/16；代表 6,2,0,0/8/8")]);
    complete(
        2,
        &[
            ("vote_sets", "群众 3,9,3,1/18/16；代表 2,4,2,0/8/8"),
            ("grade", "basic"),
            ("grade_reason", "年内受通报批评"),
        ],
    );
    complete(3, &[("vote_sets", "群众 10,3,0,0/30/13；代表 5,3,0,0/8/8")]);
    db
}

/// As `db_with_evaluations`, but 蒋娜 has no deputies' votes and no report to the committee yet.
fn db_with_one_incomplete(dir: &tempfile::TempDir) -> std::path::PathBuf {
    let db = db_with_evaluations(dir);
    let store = Store::open(&db, 8).unwrap();
    let id = of_member(&store, 3, "2026");
    edit(&store, id, &[("vote_sets", "群众 10,3,0,0/30/13"), ("committee_report_on", "")]).unwrap();
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
    // Sun 11-29: five working days are Mon 11-30 to Fri 12-04.
    assert!(stderr(&out).contains("公示日期记为 2026-11-29，公示期 2026-11-29 至 2026-12-04"), "{}", stderr(&out));

    let mut wb: Xlsx<_> = open_workbook(&file).unwrap();
    let range = wb.worksheet_range("公示").unwrap();
    let rows: Vec<Vec<String>> = range.rows().map(|r| r.iter().map(cell_text).collect()).collect();
    assert_eq!(rows[0][0], "长安街道大工委委员2026年度“双述双评”考评结果公示");
    assert_eq!(
        rows[1][0],
        "公示期：2026-11-29 至 2026-12-04。如有异议，请于公示期内向 街道党政办 0571-12345678 反映。"
    );
    assert_eq!(rows[2][0], "长安街道党工委　2026年11月29日");
    let header = rows.iter().position(|r| r[0] == "序号").unwrap();
    assert_eq!(rows[header][..5], ["序号", "姓名", "岗位", "所在单位", "等次"]);
    let yu = rows.iter().find(|r| r[1] == "余伟军").unwrap();
    assert_eq!(yu[3], "滨江实验小学");
    assert_eq!(yu[4..], ["优秀", "75", "20.8", "4.2", "0"], "both sets' votes together");
    let shan = rows.iter().find(|r| r[1] == "单雄信").unwrap();
    assert_eq!(shan[2..5], ["城管委员", "ABC科技有限公司", "基本称职"]);
    assert!(!rows.iter().any(|r| r.get(4).is_some_and(|g| g == "未评定")), "every member graded");

    let listing = stdout(&silian(&db, "zh", &["evaluations", "2026"]));
    assert!(listing.contains("2026-11-29"), "{listing}");
    assert!(listing.contains("基本称职（手工）"), "{listing}");
    assert!(listing.contains("群众 10,3,0,0/30/13（收回率低）"), "13 of 30 is below 2/3: {listing}");
    assert!(listing.contains("未报市委组织部 3，未报区委组织部 3"), "{listing}");
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
    assert!(text.contains("| 1 | 余伟军 |  | 滨江实验小学 | Excellent | 75.0% | 20.8% | 4.2% | 0.0% |"), "{text}");
    assert!(
        text.contains("Open to objections from 2026-11-29 to 2026-12-04: contact 街道党政办 0571-12345678."),
        "{text}"
    );
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
    // By default only the part-time member, 单雄信; then the others too.
    let out = stdout(&silian(&db, "zh", &["evaluate", "2026"]));
    assert_eq!(out, "2026 考评：新建 1 条，已有 0 条\n");
    let out = stdout(&silian(&db, "zh", &["evaluate", "2026", "--all-roles"]));
    assert_eq!(out, "2026 考评：新建 2 条，已有 1 条\n");
    let out = stdout(&silian(&db, "en", &["evaluate", "2026", "--all-roles"]));
    assert_eq!(out, "2026 evaluations: 0 created, 3 already there\n");

    let bad = silian(&db, "zh", &["evaluate", "2026Q1"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("考评期（period）") && stderr(&bad).contains("2026H1"), "{}", stderr(&bad));

    let bad = silian(&db, "zh", &["edit", "evaluation", "3", "--vote-sets", "群众 12,3,1"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("测评票") && stderr(&bad).contains("群众 12,3,1,0/45/42"), "{}", stderr(&bad));
    let bad = silian(&db, "en", &["edit", "evaluation", "3", "--vote-sets", "voters 1,2,3,4"]);
    assert!(stderr(&bad).contains("each set starts with residents, deputies or committee"), "{}", stderr(&bad));
    let bad = silian(&db, "en", &["edit", "evaluation", "3", "--vote-sets", "residents 12,3,1,0/20/21"]);
    assert!(stderr(&bad).contains("residents ballots: more returned than issued"), "{}", stderr(&bad));
    let bad = silian(&db, "zh", &["edit", "evaluation", "3", "--vote-sets", "代表 12,3,1,0/20/10"]);
    assert!(stderr(&bad).contains("代表票：票数合计多于收回票数"), "{}", stderr(&bad));

    assert!(silian(&db, "zh", &["edit", "evaluation", "3", "--vote-sets", "群众 12,3,1,0"]).status.success());
    let bad = silian(&db, "en", &["edit", "evaluation", "3", "--grade", "incompetent"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("needs a reason in grade_reason"), "{}", stderr(&bad));
    let args = ["edit", "evaluation", "3", "--grade", "称职", "--grade-reason", "经会议研究"];
    assert!(silian(&db, "zh", &args).status.success());
    let show = stdout(&silian(&db, "zh", &["show", "evaluation", "3"]));
    assert!(show.contains("称职（手工）") && show.contains("经会议研究"), "{show}");
    assert!(show.lines().any(|l| l.starts_with("报市委组织部日期") && l.trim_end().ends_with("缺")), "{show}");
    // sample_street's evaluations 1 and 2 are of 2025; 3 is 单雄信's of 2026.
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
    edit(&store, a, &[("vote_sets", "群众 12,3,1,0")]).unwrap();
    edit(&store, b, &[("vote_sets", "群众 12,3,1,0"), ("published_on", "2026-11-20")]).unwrap();
    let mut settings = store.settings().unwrap();
    settings.set("grade_excellent_share", "4/5").unwrap(); // 12/16 = 3/4 no longer reaches it
    ask(&store, ops::settings::SetSettings { settings }).unwrap();
    assert_eq!(evaluation(&store, a).grade, Some(Grade::Competent));
    assert_eq!(evaluation(&store, b).grade, Some(Grade::Excellent), "a published grade stays");
}

#[test]
fn by_default_only_the_part_time_members_are_evaluated() {
    let (_dir, store) = temp_store();
    sample_street(&store);
    let part_time = add(&store, Kind::Member, &[("name", "兼职甲"), ("role", "part_time")]);
    let request = ops::review::Evaluate { period: "2026".parse().unwrap(), all_roles: false };
    let done = ask(&store, request).unwrap();
    assert_eq!(done.created.len(), 2, "单雄信 and the new one, not the leader or the office director");
    let rows = ask(&store, ops::review::EvaluationRoster { period: "2026".parse().unwrap() }).unwrap();
    assert_eq!(rows.iter().map(|r| r.member_id).collect::<Vec<_>>(), [2, part_time]);
    let mut settings = store.settings().unwrap();
    settings.set("evaluated_roles", "part_time,leader").unwrap();
    ask(&store, ops::settings::SetSettings { settings }).unwrap();
    let request = ops::review::Evaluate { period: "2026".parse().unwrap(), all_roles: false };
    assert_eq!(ask(&store, request).unwrap().created.len(), 1, "the leader, now a role evaluated");
}

#[test]
fn publish_is_refused_naming_every_member_and_what_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_with_one_incomplete(&dir);
    let file = dir.path().join("公示.xlsx");
    let out = silian(&db, "zh", &["publish", "2026", "--out", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("2026 还不能公示：1 名委员的考评不完整——蒋娜（缺：向大工委述职、代表测评票）"), "{err}");
    assert!(!file.exists(), "no list is written for a period not ready");
    let en = stderr(&silian(&db, "en", &["publish", "2026", "--out", file.to_str().unwrap()]));
    assert!(en.contains("蒋娜 (missing: report to the committee, deputies votes)"), "{en}");
    let listing = stdout(&silian(&db, "zh", &["evaluations", "2026"]));
    assert!(!listing.contains("2026-11-29"), "nothing recorded as published: {listing}");
}

#[test]
fn a_published_evaluation_is_locked_until_unpublished_and_republishing_records_a_new_date() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_with_evaluations(&dir);
    let file = dir.path().join("公示.md");
    assert!(silian(&db, "zh", &["publish", "2026", "--out", file.to_str().unwrap()]).status.success());
    let id = { of_member(&Store::open(&db, 8).unwrap(), 1, "2026") }.to_string();
    // Nothing changes a published grade: not an edit, not new votes.
    let edit = silian(&db, "zh", &["edit", "evaluation", &id, "--vote-sets", "群众 0,0,0,5"]);
    assert_eq!(edit.status.code(), Some(2));
    assert!(stderr(&edit).contains("已锁定") && stderr(&edit).contains("silian unpublish"), "{}", stderr(&edit));
    let again = silian(&db, "en", &["publish", "2026", "--out", file.to_str().unwrap()]);
    assert!(stderr(&again).contains("2026 was published on 2026-11-29"), "{}", stderr(&again));
    let blank = silian(&db, "zh", &["unpublish", "2026", "--reason", " "]);
    assert_eq!(blank.status.code(), Some(2));
    assert!(stderr(&blank).contains("请写明撤回公示的原因"), "{}", stderr(&blank));
    let out = silian(&db, "zh", &["unpublish", "2026", "--reason", "代表票数录入有误"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "已撤回 2026 的公示（3 份考评），可更正后重新公示\n");
    let fixed = ["edit", "evaluation", &id, "--vote-sets", "群众 12,3,1,0/20/16；代表 5,3,0,0/8/8"];
    assert!(silian(&db, "zh", &fixed).status.success());
    let shown = stdout(&silian(&db, "zh", &["show", "evaluation", &id, "--format", "json"]));
    assert!(shown.contains("撤回 2026-11-29 的公示：代表票数录入有误"), "{shown}");
    let audit = stdout(&silian(&db, "en", &["audit", "--kind", "evaluation", "--id", &id]));
    assert!(audit.contains("published_on"), "who withdrew it is in the audit log: {audit}");
    // Published again on another day: a new date.
    let later = silian_on(&db, "zh", "2026-12-10", &["publish", "2026", "--out", file.to_str().unwrap()]);
    assert!(later.status.success(), "{}", stderr(&later));
    let shown = stdout(&silian(&db, "zh", &["show", "evaluation", &id, "--format", "json"]));
    assert!(shown.contains("\"published_on\": \"2026-12-10\""), "{shown}");
}

/// `silian` with another day as today.
fn silian_on(db: &std::path::Path, lang: &str, day: &str, args: &[&str]) -> std::process::Output {
    std::process::Command::new(bin())
        .args(["--db", db.to_str().unwrap(), "--lang", lang])
        .args(args)
        .env("SILIAN_TODAY", day)
        .output()
        .unwrap()
}

fn sheet_rows(file: &std::path::Path, name: &str) -> Vec<Vec<String>> {
    let mut wb: Xlsx<_> = open_workbook(file).unwrap();
    let range = wb.worksheet_range(name).unwrap();
    range.rows().map(|r| r.iter().map(cell_text).collect()).collect()
}

/// A published street in `dir`, its 报送表 written as `name`.
fn feedback_of(dir: &tempfile::TempDir, street: &str, name: &str) -> std::path::PathBuf {
    let db = db_with_evaluations(dir);
    let store = Store::open(&db, 8).unwrap();
    let mut settings = store.settings().unwrap();
    settings.street_name = street.into();
    store.set_settings(&ctx(), &settings).unwrap();
    let id = of_member(&store, 1, "2026");
    edit(&store, id, &[("recommendation", "commendation"), ("recommendation_reason", "联系群众成效明显")]).unwrap();
    drop(store);
    let list = dir.path().join("公示.md");
    assert!(silian(&db, "zh", &["publish", "2026", "--out", list.to_str().unwrap()]).status.success());
    let file = dir.path().join(name);
    let out = silian(&db, "zh", &["feedback", "2026", "--out", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("报送市委组织部、区委组织部日期记为 2026-11-29"), "{}", stderr(&out));
    file
}

#[test]
fn feedback_is_sent_after_publication_and_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_with_evaluations(&dir);
    let early = silian(&db, "zh", &["feedback", "2026", "--out", dir.path().join("x.xlsx").to_str().unwrap()]);
    assert_eq!(early.status.code(), Some(2));
    assert!(stderr(&early).contains("2026 尚未公示"), "{}", stderr(&early));
    let other = tempfile::tempdir().unwrap();
    let file = feedback_of(&other, "长安街道", "长安.xlsx");
    let people = sheet_rows(&file, "报送表");
    assert_eq!(people[0][0], "长安街道大工委委员2026年度“双述双评”结果报送表");
    let yu = people.iter().find(|r| r[0] == "余伟军").unwrap();
    assert_eq!(yu[3], "优秀");
    assert_eq!(yu[4], "优秀 75.0% 称职 18.8% 基本称职 6.3% 不称职 0.0%（发出 20 收回 16）", "rounded as the 公示");
    assert_eq!(yu[13..15], ["推荐评先评优", "联系群众成效明显"]);
    let data = sheet_rows(&file, "data");
    assert_eq!(data[0][0], "silian-feedback 1");
    assert_eq!(data[1][..3], ["street", "period", "member"]);
    assert_eq!(data.len(), 2 + 3);
    let listing = stdout(&silian(&db_in(&other), "zh", &["evaluations", "2026"]));
    assert!(listing.contains("未报市委组织部 0，未报区委组织部 0"), "{listing}");
}

#[test]
fn two_streets_roll_up_with_their_totals_and_a_street_twice_is_refused() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let first = feedback_of(&a, "长安街道", "长安.xlsx");
    let second = feedback_of(&b, "滨江街道", "滨江.xlsx");
    let out_dir = tempfile::tempdir().unwrap();
    let district = out_dir.path().join("区汇总.xlsx");
    let rollup = |files: &[&std::path::Path], out: &std::path::Path, lang: &str| {
        let mut command = std::process::Command::new(bin());
        command.args(["--lang", lang, "rollup"]).args(files).arg("--out").arg(out);
        command.output().unwrap()
    };
    let run = rollup(&[&first, &second], &district, "zh");
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let streets = sheet_rows(&district, "各街道");
    // By hand, each street: 3 members; 优秀 余伟军 and 蒋娜, 基本称职 单雄信;
    // issued 20+8 + 18+8 + 30+8 = 92, returned 16+8 + 16+8 + 13+8 = 69.
    let header = streets.iter().position(|r| r[0] == "街道").unwrap();
    for (row, street) in streets[header + 1..].iter().zip(["长安街道", "滨江街道"]) {
        assert_eq!(row[..8], [street, "2026", "3", "2", "0", "1", "0", "0"]);
        assert_eq!(row[8], "69/92 (75.0%)");
    }
    let members = sheet_rows(&district, "委员");
    assert_eq!(members.iter().filter(|r| r[1] == "2026").count(), 6);
    let recommended = sheet_rows(&district, "推荐");
    assert_eq!(recommended.iter().filter(|r| r[4] == "推荐评先评优").count(), 2, "余伟军 of each street");

    let twice = rollup(&[&first, &first], &district, "zh");
    assert_eq!(twice.status.code(), Some(2));
    let err = String::from_utf8_lossy(&twice.stderr);
    assert!(err.contains("长安街道 2026 的报送表出现了两次") && err.contains("长安.xlsx"), "{err}");
    let not_feedback = rollup(&[&district], &out_dir.path().join("x.xlsx"), "en");
    assert!(String::from_utf8_lossy(&not_feedback.stderr).contains("is not a silian feedback file"));
}

#[test]
fn the_sessions_a_member_reported_at_date_the_evaluations_reports() {
    let (_dir, store) = temp_store();
    sample_street(&store);
    roster(&store);
    // sample_street's 2025 evaluations carry no report dates; the 2025 sessions do.
    let rows = ask(&store, ops::review::EvaluationRoster { period: "2025".parse().unwrap() }).unwrap();
    let yu = rows.iter().find(|r| r.member_id == 1).unwrap();
    assert_eq!(yu.committee_report_on.map(|d| d.to_string()).as_deref(), Some("2026-01-12"));
    assert_eq!(yu.deputies_report_on.map(|d| d.to_string()).as_deref(), Some("2026-01-17"));
    let missing = silian::review::publication::unready(&rows);
    assert!(missing.iter().all(|u| !u.missing.contains(&silian::review::publication::Missing::CommitteeReport)));
}
