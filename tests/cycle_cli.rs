//! The meeting cycle on the command line, in Chinese and English.

mod common;

use common::*;
use silian::store::Store;
use std::path::{Path, PathBuf};

/// A store holding the sample street, closed again so that silian can open it.
fn street() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(&dir);
    let store = Store::open(&db, 8).unwrap();
    sample_street(&store);
    drop(store);
    (dir, db)
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
    assert!(zh.contains("demand:2") && zh.contains("诉求逾期（已 89 天）") && zh.contains("申请助餐服务"), "{zh}");
    assert!(zh.contains("task:1") && zh.contains("事项逾期 14 天") && zh.contains("余伟军"), "{zh}");
    let en = ok(&db, "en", &["agenda", "1"]);
    assert!(en.contains("demand open 89 days") && en.contains("2 candidates"), "{en}");
    let taken = ok(&db, "zh", &["agenda", "1", "--take", "demand:2"]);
    assert_eq!(taken, "已列入议事会 1 第 2 个议题：申请助餐服务（demand:2）\n");
    let taken = ok(&db, "en", &["agenda", "1", "--take", "task:1"]);
    assert_eq!(taken, "Taken into meeting 1 as topic 3: 更换楼道灯 (task:1)\n");
    assert_eq!(ok(&db, "en", &["agenda", "1"]), "No candidate topics\n");
    let bad = refused(&db, "zh", &["agenda", "1", "--take", "visit:1"]);
    assert!(bad.contains("应为 demand:编号 或 task:编号"), "{bad}");
    let twice = refused(&db, "en", &["agenda", "1", "--take", "demand:2"]);
    assert!(twice.contains("is already a topic of meeting 1"), "{twice}");
    let unknown = refused(&db, "zh", &["agenda", "42"]);
    assert!(unknown.contains("找不到编号为 42 的"), "{unknown}");
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
