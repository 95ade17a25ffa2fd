//! The meeting cycle on the command line, in Chinese and English.

mod common;

use common::*;
use std::path::{Path, PathBuf};

/// A store holding the sample street, closed again so that silian can open it.
fn street() -> (tempfile::TempDir, PathBuf) {
    closed_store(sample_street)
}

fn ok(db: &Path, lang: &str, args: &[&str]) -> String {
    let out = silian(db, lang, args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    stdout(&out)
}

/// Fails with exit code 2 and returns the message.
fn refused(db: &Path, lang: &str, args: &[&str]) -> String {
    let out = silian(db, lang, args);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {} {}", stdout(&out), stderr(&out));
    stderr(&out)
}

#[test]
fn plan_creates_the_year_once_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(&dir);
    let first = ok(&db, "zh", &["plan", "2025"]);
    assert!(first.contains("已创建 2025Q4 例会：2025-10-10，议事会 4（首个周五 2025-10-03 逢国庆节"), "{first}");
    assert_eq!(first.lines().count(), 4, "{first}");
    let second = ok(&db, "en", &["plan", "2025"]);
    assert!(second.contains("2025Q1 already has its regular meeting: 2025-01-03, meeting 1 (left as is)"), "{second}");
    assert!(second.contains("Every regular meeting of 2025 exists already; nothing was created"), "{second}");
    let bad = refused(&db, "en", &["plan", "20250"]);
    assert!(bad.contains("year 20250 is not valid"), "{bad}");
}

#[test]
fn meeting_move_records_the_reason_shown_by_show() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(&dir);
    ok(&db, "zh", &["plan", "2026"]);
    let moved = ok(&db, "zh", &["meeting", "move", "1", "2026-01-16", "--reason", "与区两会冲突"]);
    assert_eq!(moved, "议事会 1 已改期至 2026-01-16（原因：与区两会冲突，已记入纪要）\n");
    let shown = ok(&db, "zh", &["show", "meeting", "1"]);
    assert!(shown.contains("改期：2026-01-09 → 2026-01-16，原因：与区两会冲突"), "{shown}");
    let en = ok(&db, "en", &["meeting", "move", "1", "01-23", "--reason", "chair away"]);
    assert_eq!(en, "Meeting 1 moved to 2026-01-23 (reason: chair away; recorded in its minutes)\n");
    let no_reason = refused(&db, "en", &["meeting", "move", "1", "01-30"]);
    assert!(no_reason.to_lowercase().contains("reason"), "{no_reason}");
    let outside = refused(&db, "en", &["meeting", "move", "1", "2026-04-03", "--reason", "x"]);
    assert!(outside.contains("does not match the quarter of the date, 2026Q2"), "{outside}");
    let bad_date = refused(&db, "zh", &["meeting", "move", "1", "明天吧", "--reason", "x"]);
    assert!(bad_date.contains("\"明天吧\" 不是日期"), "{bad_date}");
}

#[test]
fn agenda_lists_candidates_and_takes_them() {
    let (_dir, db) = street();
    let zh = ok(&db, "zh", &["agenda", "1"]);
    let row = zh.lines().find(|l| l.starts_with("group:1 ")).unwrap_or_default();
    assert!(
        row.contains("demand:2") && row.contains("89 天") && row.contains("逾期") && row.contains("申请助餐服务"),
        "{zh}"
    );
    assert!(zh.contains("task:1") && zh.contains("事项逾期 14 天") && zh.contains("余伟军"), "{zh}");
    let en = ok(&db, "en", &["agenda", "1"]);
    assert!(en.contains("89 days") && en.contains("2 candidates (1 issues, 1 late tasks)"), "{en}");
    let taken = ok(&db, "zh", &["agenda", "1", "--take", "demand:2"]);
    assert_eq!(taken, "已列入议事会 1 第 2 个议题：申请助餐服务（demand:2）\n");
    let taken = ok(&db, "en", &["agenda", "1", "--take", "task:1"]);
    assert_eq!(taken, "Taken into meeting 1 as topic 3: 更换楼道灯 (task:1)\n");
    assert_eq!(ok(&db, "en", &["agenda", "1"]), "No candidate topics\n");
    let bad = refused(&db, "zh", &["agenda", "1", "--take", "visit:1"]);
    assert!(bad.contains("应为 group:序号、demand:编号（多条用 + 连接"), "{bad}");
    let twice = refused(&db, "en", &["agenda", "1", "--take", "demand:2"]);
    assert!(twice.contains("is already a topic of meeting 1"), "{twice}");
    let unknown = refused(&db, "zh", &["agenda", "42"]);
    assert!(unknown.contains("找不到编号为 42 的"), "{unknown}");
}

/// Adds a demand to the street by the command line; its id.
fn raise(db: &Path, target: [&str; 2], raised: &str, category: &str, content: &str) -> u64 {
    #[rustfmt::skip]
    let out = ok(db, "en", &["add", "demand", target[0], target[1], "--raised-on", raised, "--member-id", "1",
        "--category", category, "--content", content]);
    out.split(|c: char| !c.is_ascii_digit()).find(|s| !s.is_empty()).unwrap().parse().unwrap()
}

/// E-bikes charging in stairwells three ways in 长安社区, once in 新安社区, and
/// a noisy restaurant in 长安社区: demands 4 to 8.
fn e_bike_street() -> (tempfile::TempDir, PathBuf) {
    let (dir, db) = street();
    let ids = [
        raise(&db, ["--household-id", "1"], "2026-11-02", "safety", "电动车在楼道充电，担心起火，希望建集中充电桩。"),
        raise(&db, ["--household-id", "3"], "2026-10-20", "safety", "楼道里电动车充电到半夜，存在火灾隐患"),
        raise(&db, ["--community-id", "1"], "2026-11-10", "safety", "电动自行车楼道内充电问题突出，建议安装充电桩"),
        raise(&db, ["--household-id", "2"], "2026-11-05", "safety", "电动车在楼道充电，担心起火，希望建集中充电桩。"),
        raise(&db, ["--household-id", "1"], "2026-11-06", "safety", "楼下饭店晚上营业噪音太大，吵得睡不着"),
    ];
    assert_eq!(ids, [4, 5, 6, 7, 8]);
    (dir, db)
}

#[test]
fn hot_issues_are_ranked_by_households_and_a_group_is_taken_whole() {
    let (_dir, db) = e_bike_street();
    let zh = ok(&db, "zh", &["agenda", "1"]);
    let first = zh.lines().nth(2).unwrap_or_default();
    assert!(first.starts_with("group:1 "), "{zh}");
    for part in ["demand:5+4+6", "2（另 1 方）", "40 天", "治安安全 · 长安社区", "楼道里电动车充电到半夜"]
    {
        assert!(first.contains(part), "{part} in {first}");
    }
    assert!(zh.contains("demand:7 ") && zh.contains("demand:8 "), "on their own: {zh}");
    let json = ok(&db, "en", &["agenda", "1", "--format", "json"]);
    assert!(json.contains("\"demand_ids\": [\n        5,\n        4,\n        6\n      ]"), "{json}");
    assert!(json.contains("\"households\": 2") && json.contains("\"tasks\": ["), "{json}");
    let taken = ok(&db, "zh", &["agenda", "1", "--take", "group:1"]);
    assert_eq!(taken, "已列入议事会 1 第 2 个议题：楼道里电动车充电到半夜，存在火灾隐患（demand:5+4+6）\n");
    for id in ["4", "5", "6"] {
        let shown = ok(&db, "en", &["show", "demand", id, "--format", "json"]);
        assert!(shown.contains("\"status\": \"escalated\"") && shown.contains("\"meeting_id\": 1"), "{shown}");
    }
    let meeting = ok(&db, "en", &["show", "meeting", "1", "--format", "json"]);
    assert!(meeting.contains("\"demand_ids\": [\n        5,\n        4,\n        6\n      ]"), "{meeting}");
    let plus = ok(&db, "en", &["agenda", "1", "--take", "demand:7+8"]);
    assert!(
        plus.starts_with("Taken into meeting 1 as topic 3: 电动车在楼道充电") && plus.contains("(demand:7+8)"),
        "{plus}"
    );
}

#[test]
fn a_take_that_collides_leaves_the_meeting_and_the_demands_unchanged() {
    let (_dir, db) = e_bike_street();
    let before = (ok(&db, "en", &["show", "meeting", "1"]), ok(&db, "en", &["show", "demand", "4"]));
    let clash = refused(&db, "zh", &["agenda", "1", "--take", "demand:8", "--take", "demand:4", "--take", "demand:7"]);
    assert!(clash.contains("demand:4 与 demand:7 的议题同为“电动车在楼道充电"), "{clash}");
    assert!(clash.contains("--take demand:4+7") && clash.contains("未作任何更改"), "{clash}");
    let again = refused(&db, "en", &["agenda", "1", "--take", "demand:8", "--take", "demand:1"]);
    assert!(
        again.contains("demand:1: \"老旧小区楼道照明\" is already a topic of meeting 1; nothing was changed"),
        "{again}"
    );
    let missing = refused(&db, "en", &["agenda", "1", "--take", "demand:8", "--take", "group:9"]);
    assert!(missing.contains("There is no group:9: meeting 1 has 4 candidate issues now"), "{missing}");
    assert_eq!((ok(&db, "en", &["show", "meeting", "1"]), ok(&db, "en", &["show", "demand", "4"])), before);
}

#[test]
fn a_meeting_is_recorded_and_a_decision_becomes_a_task() {
    let (_dir, db) = street();
    ok(&db, "zh", &["plan", "2027"]);
    ok(&db, "zh", &["agenda", "2", "--take", "demand:2"]);
    let present = ok(&db, "zh", &["meeting", "attend", "2", "1,3"]);
    assert_eq!(present, "参会人员（2）：余伟军、蒋娜\n");
    let toggled = ok(&db, "en", &["meeting", "attend", "2", "2,3", "--toggle"]);
    assert_eq!(toggled, "Attendees (2): 余伟军, 单雄信\n");
    let early = refused(&db, "zh", &["meeting", "task", "2", "1", "--owner", "3"]);
    assert!(early.contains("议题 1 还没有决定事项"), "{early}");
    let noted = ok(
        &db,
        "en",
        &["meeting", "topic", "2", "1", "--decision", "由蒋娜对接社区食堂", "--discussion", "食堂可承接"],
    );
    assert_eq!(noted, "Topic 1 of meeting 2 recorded\n");
    let created = ok(&db, "zh", &["meeting", "task", "2", "1", "--owner", "3", "--due", "2027-02-26"]);
    assert_eq!(created, "已建立责任事项 3：申请助餐服务（责任人 蒋娜，完成时限 2027-02-26）\n诉求 2 → 办理中\n");
    let demand = ok(&db, "en", &["show", "demand", "2", "--format", "json"]);
    assert!(demand.contains("\"status\": \"in_progress\"") && demand.contains("\"task_id\": 3"), "{demand}");
    let missing = refused(&db, "en", &["meeting", "topic", "2", "5", "--decision", "x"]);
    assert!(missing.contains("Meeting 2 has no topic 5 (it has 1, numbered from 1)"), "{missing}");
}

#[test]
fn task_progress_done_and_overdue_per_member() {
    let (_dir, db) = street();
    let overdue = ok(&db, "zh", &["tasks", "--overdue"]);
    assert_eq!(overdue, "余伟军（1 项，逾期 1 项）\n  1  更换楼道灯  时限 2026-11-15  逾期 14 天\n");
    let en = ok(&db, "en", &["tasks", "--overdue"]);
    assert_eq!(en, "余伟军 (tasks: 1, overdue: 1)\n  1  更换楼道灯  due 2026-11-15  14 days late\n");
    let all = ok(&db, "zh", &["tasks"]);
    assert!(all.ends_with("蒋娜（1 项，逾期 0 项）\n  2  助餐服务对接  时限 2026-12-31\n"), "{all}");
    let reported = ok(&db, "zh", &["task", "progress", "2", "--note", "已与社区食堂联系"]);
    assert_eq!(reported, "已记录责任事项 2 的进展（共 1 条）\n");
    let future = refused(&db, "zh", &["task", "progress", "2", "--note", "食堂同意", "--date", "11-30"]);
    assert!(future.contains("2026-11-30 晚于今天（2026-11-29）"), "{future}");
    let second =
        ok(&db, "en", &["task", "progress", "2", "--note", "食堂同意", "--reporter", "蒋娜", "--date", "11-28"]);
    assert_eq!(second, "Progress on task 2 recorded (reports so far: 2)\n");
    let task = ok(&db, "zh", &["show", "task", "2", "--format", "json"]);
    // Task 2's owner is 蒋娜, whose contact person 王芳 reports by default; today is pinned.
    assert!(task.contains("王芳") && task.contains("2026-11-29") && task.contains("\"doing\""), "{task}");
    assert!(task.contains("食堂同意") && task.contains("2026-11-28"), "{task}");
    let done = ok(&db, "en", &["task", "done", "1", "--date", "2026-11-28"]);
    assert!(done.starts_with("Task 1 done (2026-11-28)\nThese linked demands are not resolved yet."), "{done}");
    assert!(done.contains("  1  [Escalated]  楼道灯不亮"), "{done}");
    assert_eq!(ok(&db, "en", &["tasks", "--overdue"]), "No overdue tasks\n");
    let again = refused(&db, "zh", &["task", "done", "1"]);
    assert!(again.contains("责任事项 1 已于 2026-11-28 完成"), "{again}");
}

#[test]
fn demand_lifecycle_on_the_command_line() {
    let (_dir, db) = street();
    let early = refused(&db, "zh", &["demand", "2", "resolve", "--resolution", "已安排"]);
    assert!(
        early.contains("诉求 2 的状态不能从“待办”改为“已办结”；可改为：办理中 (in_progress)、提交议事会 (escalated)"),
        "{early}"
    );
    let edit =
        refused(&db, "en", &["edit", "demand", "2", "--status", "resolved", "--resolution", "x", "--resolved-on", "t"]);
    assert!(edit.contains("Demand 2 cannot go from Open to Resolved"), "{edit}");
    assert_eq!(ok(&db, "zh", &["demand", "2", "start"]), "诉求 2 现为“办理中”\n");
    assert_eq!(
        ok(&db, "en", &["demand", "2", "resolve", "--resolution", "已安排助餐", "--date", "11-28"]),
        "Demand 2 is now Resolved\n"
    );
    let followed = ok(&db, "zh", &["demand", "2", "follow-up", "--satisfaction", "满意"]);
    assert_eq!(followed, "已登记诉求 2 的回访（走访记录 6），满意度：满意\n");
    let visit = ok(&db, "en", &["show", "visit", "6", "--format", "json"]);
    assert!(visit.contains("\"demand_id\": 2") && visit.contains("\"phone\""), "{visit}");
    let twice = refused(&db, "en", &["demand", "2", "follow-up", "--satisfaction", "satisfied"]);
    assert!(twice.contains("Demand 2 was already followed up on 2026-11-29"), "{twice}");
    let bad = refused(&db, "en", &["demand", "1", "follow-up", "--satisfaction", "happy"]);
    assert!(bad.contains("\"happy\" is not allowed"), "{bad}");
    assert_eq!(ok(&db, "zh", &["demand", "1", "unresolvable", "--reason", "产权不明"]), "诉求 1 现为“无法解决”\n");
}

#[test]
fn a_demand_is_referred_reopened_after_an_unsatisfied_follow_up_and_its_rounds_show() {
    let (_dir, db) = street();
    let not_referred = refused(&db, "zh", &["demand", "2", "reply", "--text", "已处理"]);
    assert!(not_referred.contains("诉求 2 尚未转办"), "{not_referred}");
    assert_eq!(
        ok(&db, "zh", &["demand", "2", "refer", "--to", "区民政局", "--date", "11-20"]),
        "诉求 2 已于 2026-11-20 转办至区民政局\n"
    );
    assert_eq!(
        ok(&db, "en", &["demand", "2", "reply", "--text", "已纳入助餐点"]),
        "Department's reply to demand 2 recorded\n"
    );
    ok(&db, "zh", &["demand", "2", "resolve", "--resolution", "已安排助餐", "--date", "11-28"]);
    let early = refused(&db, "zh", &["demand", "2", "reopen", "--reason", "送餐太晚"]);
    assert!(early.contains("还没有回访"), "{early}");
    let followed = ok(&db, "zh", &["demand", "2", "follow-up", "--satisfaction", "不满意"]);
    assert!(followed.contains("回访不满意：如需重办，silian demand 2 reopen --reason"), "{followed}");
    let future = refused(&db, "en", &["demand", "2", "reopen", "--reason", "送餐太晚", "--date", "2027-01-01"]);
    assert!(future.contains("--date"), "{future}");
    assert_eq!(
        ok(&db, "zh", &["demand", "2", "reopen", "--reason", "送餐太晚"]),
        "诉求 2 已重办（第 2 轮），状态改为“办理中”\n"
    );
    let shown = ok(&db, "zh", &["show", "demand", "2", "--format", "json"]);
    let demand: serde_json::Value = serde_json::from_str(&shown).unwrap();
    assert_eq!(demand["status"], "in_progress");
    assert_eq!(demand["rounds"][0]["reason"], "送餐太晚");
    assert_eq!(demand["rounds"][0]["resolution"], "已安排助餐");
    assert_eq!(demand["rounds"][0]["satisfaction"], "unsatisfied");
    assert_eq!(demand["referred_to"], "区民政局");
    assert!(demand["follow_up_on"].is_null() && demand["resolved_on"].is_null(), "{shown}");
}

#[test]
fn demands_are_counted_by_group() {
    let (_dir, db) = street();
    let by_status = ok(&db, "zh", &["demands", "--by", "status"]);
    assert!(
        by_status.contains("待办") && by_status.contains("提交议事会") && by_status.contains("合计 3 条"),
        "{by_status}"
    );
    let by_member = ok(&db, "en", &["demands", "--by", "member"]);
    assert!(by_member.contains("余伟军  2") && by_member.contains("3 demands in all"), "{by_member}");
    let by_community = ok(&db, "en", &["demands", "--by", "community"]);
    assert!(by_community.contains("(none)") && by_community.contains("长安社区"), "{by_community}");
}

#[test]
fn the_demo_streets_repeated_complaint_is_the_agendas_first_hot_issue() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(&dir);
    ok(&db, "zh", &["demo"]);
    let meetings: serde_json::Value =
        serde_json::from_str(&ok(&db, "en", &["list", "meeting", "--format", "json"])).unwrap();
    let planned = meetings.as_array().unwrap().iter().find(|m| m["status"] == "planned").unwrap()["id"].to_string();
    let agenda: serde_json::Value =
        serde_json::from_str(&ok(&db, "en", &["agenda", &planned, "--format", "json"])).unwrap();
    let first = &agenda["issues"][0];
    let ids = first["demand_ids"].as_array().unwrap();
    assert!(ids.len() >= 4, "the four households' complaint is one issue: {first}");
    assert!(first["title"].as_str().unwrap().contains("电动车"), "{first}");
    let said = ok(&db, "zh", &["agenda", &planned, "--take", "group:1"]);
    let joined: Vec<String> = ids.iter().map(|id| id.to_string()).collect();
    assert!(said.contains(&format!("demand:{}", joined.join("+"))), "one topic for all: {said}");
    for id in ids {
        let demand: serde_json::Value =
            serde_json::from_str(&ok(&db, "en", &["show", "demand", &id.to_string(), "--format", "json"])).unwrap();
        assert_eq!(demand["meeting_id"].to_string(), planned, "linked back: {demand}");
    }
}
