//! The plan phase without files or a store: rows in, creates/updates/skips and problems out.

use super::*;
use crate::i18n::Lang;
use crate::io::read::Sheet;
use crate::model::Meta;

fn today() -> NaiveDate {
    "2026-11-29".parse().unwrap()
}

fn data(kind: Kind, fields: &[(&str, &str)]) -> AnyData {
    let pairs: Vec<(String, String)> = fields.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    AnyData::build(kind, &pairs, today()).unwrap_or_else(|e| panic!("{}", e.message(Lang::En)))
}

fn record(id: u64, data: AnyData) -> AnyRecord {
    let now = "2026-11-01T00:00:00Z".parse().unwrap();
    AnyRecord { meta: Meta { id, rev: 1, created_at: now, updated_at: now, archived: false }, data }
}

/// Two communities, a unit, three members (two named 张伟), one household.
fn street() -> Snapshot {
    let community = |id, name| record(id, data(Kind::Community, &[("name", name)]));
    let member = |id, name, community: &str, phone| {
        let fields = [("name", name), ("role", "part_time"), ("community_id", community), ("phone", phone)];
        record(id, data(Kind::Member, &fields))
    };
    let mut archived = community(3, "旧城社区");
    archived.meta.archived = true;
    Snapshot::new()
        .with(Kind::Community, vec![community(1, "长安社区"), community(2, "新安社区"), archived])
        .with(Kind::Unit, vec![record(1, data(Kind::Unit, &[("name", "滨江实验小学"), ("kind", "school")]))])
        .with(
            Kind::Member,
            vec![
                member(1, "余伟军", "1", "13800000001"),
                member(2, "张伟", "1", "13800000002"),
                member(3, "张伟", "2", ""),
            ],
        )
        .with(
            Kind::Household,
            vec![record(
                1,
                data(
                    Kind::Household,
                    &[("community_id", "1"), ("head", "曾国藩"), ("address", "幸福路12号"), ("size", "2")],
                ),
            )],
        )
}

fn sheet(rows: &[&[&str]]) -> Sheet {
    Sheet::from_rows(rows.iter().map(|r| r.iter().map(|c| c.to_string()).collect()).collect())
}

fn run(kind: Kind, rows: &[&[&str]], on_duplicate: OnDuplicate) -> Plan {
    let sheet = sheet(rows);
    let layout = Layout::detect(kind, &sheet.rows).expect("a header");
    plan(&layout, &sheet.rows, &street(), Options { on_duplicate, today: today() }, &mut |_, _| {})
}

fn messages(plan: &Plan, lang: Lang) -> Vec<String> {
    plan.problems.iter().map(|p| report::problem_line(plan.kind, p, lang)).collect()
}

#[test]
fn households_resolve_names_and_skip_title_and_instruction_rows() {
    let plan = run(
        Kind::Household,
        &[
            &["长安街道联系户花名册", "", "", ""],
            &["户主姓名", "所在社区", "联系委员", "家庭住址", "人口", "序号"],
            &["必填；如 曾国藩", "必填；如 长安社区", "选填；如 余伟军", "选填", "选填", ""],
            &["王小二", "长安社区", "余伟军", "和平路1号", "3.0", "1"],
            &["", "", "", "", "", ""],
            &["李四", "2", "", "", "", "2"],
        ],
        OnDuplicate::Fail,
    );
    assert!(plan.is_ok(), "{:?}", messages(&plan, Lang::Zh));
    assert_eq!(plan.rows_read, 2);
    assert_eq!(plan.layout.header_line, 2);
    assert_eq!(plan.layout.instruction_lines, [3]);
    assert_eq!(plan.layout.skipped_before, [(1, "长安街道联系户花名册".to_string())]);
    assert_eq!(plan.layout.unknown, [(5, "序号".to_string())]);
    let AnyData::Household(h) = &plan.creates[0].data else { panic!() };
    assert_eq!((h.community_id, h.member_id, h.size), (1, Some(1), Some(3)));
    assert_eq!(plan.creates[1].line, 6);
    let notes = render(&plan, None, Lang::Zh).join("\n");
    assert!(notes.contains("已跳过第 1 行") && notes.contains("已跳过第 3 行（填写说明或示例）"), "{notes}");
    assert!(notes.contains("未识别的列已忽略：“序号”"), "{notes}");
    assert_eq!(summary(&plan, Lang::En), "2 rows read: 2 to add, 0 to update, 0 skipped");
}

#[test]
fn every_kind_of_row_error_names_its_line_and_column() {
    let plan = run(
        Kind::Visit,
        &[
            &["日期", "委员", "方式", "联系户", "情况"],
            &["2026-13-01", "余伟军", "上门走访", "曾国藩", "好"],
            &["2026/11/29", "余伟军", "飞鸽传书", "曾国藩", "好"],
            &["2026.11.29", "余伟军", "home", "曾国藩", ""],
            &["2026年11月29日", "赵六", "home", "曾国藩", "好"],
            &["46355", "张伟", "home", "曾国藩", "好"],
            &["2026-11-29", "余伟军", "home", "曾国藩", "好"],
        ],
        OnDuplicate::Fail,
    );
    let zh = messages(&plan, Lang::Zh);
    assert_eq!(plan.problems.iter().map(|p| p.line).collect::<Vec<_>>(), [2, 3, 4, 5, 6], "{zh:#?}");
    assert!(zh[0].starts_with("第 2 行，日期 列：\"2026-13-01\" 不是日期，应为"), "{}", zh[0]);
    assert!(zh[1].starts_with("第 3 行，方式 列：\"飞鸽传书\" 不是可选值；应为：上门走访"), "{}", zh[1]);
    assert!(zh[2].starts_with("第 4 行，情况 列：必填"), "{}", zh[2]);
    assert!(
        zh[3].contains("第 5 行，委员 列：找不到名为“赵六”的委员；应为已有委员的名称或编号，如 余伟军"),
        "{}",
        zh[3]
    );
    assert!(
        zh[4].contains("有 2 个委员名为“张伟”：编号 2 张伟（长安社区，13800000002）、编号 3 张伟（新安社区）"),
        "{}",
        zh[4]
    );
    let en = messages(&plan, Lang::En);
    assert!(en[0].starts_with("line 2, column 日期: \"2026-13-01\" is not a date; expected"), "{}", en[0]);
    assert!(
        en[4].contains("2 member records are named \"张伟\": id 2 张伟 (长安社区, 13800000002); id 3"),
        "{}",
        en[4]
    );
    assert_eq!(plan.creates.len(), 1);
    let AnyData::Visit(v) = &plan.creates[0].data else { panic!() };
    assert_eq!(v.date.to_string(), "2026-11-29");
}

#[test]
fn bad_phone_and_scientific_notation() {
    let plan = run(
        Kind::Member,
        &[
            &["姓名", "职务", "手机号码"],
            &["甲", "兼职委员", "1381234"],
            &["乙", "兼职委员", "12"],
            &["丙", "兼职委员", "1.38123E+10"],
        ],
        OnDuplicate::Fail,
    );
    let zh = messages(&plan, Lang::Zh);
    assert_eq!(zh.len(), 3, "{zh:#?}");
    // Seven digits are no phone number a clerk can call: no area code, no mobile.
    assert!(zh[0].starts_with("第 2 行，手机号码 列：\"1381234\" 不是电话号码"), "{}", zh[0]);
    assert!(zh[1].starts_with("第 3 行，手机号码 列：\"12\" 不是电话号码"), "{}", zh[1]);
    assert!(zh[2].starts_with("第 4 行，手机号码 列：\"1.38123E+10\" 是 Excel 的科学计数法"), "{}", zh[2]);
}

#[test]
fn a_qualified_household_and_archived_or_missing_references() {
    let plan = run(
        Kind::Visit,
        &[
            &["date", "member_id", "household_id", "community_id", "summary"],
            &["2026-11-01", "余伟军", "曾国藩（长安社区）", "", "好"],
            &["2026-11-01", "余伟军", "", "旧城社区", "好"],
            &["2026-11-01", "99", "", "长安社区", "好"],
        ],
        OnDuplicate::Fail,
    );
    let en = messages(&plan, Lang::En);
    assert_eq!(plan.creates.len(), 1, "{en:#?}");
    assert!(en[0].starts_with("line 3, column community_id: community \"旧城社区\" (id 3) is archived"), "{}", en[0]);
    assert!(en[1].starts_with("line 4, column member_id: there is no member with id 99"), "{}", en[1]);
}

#[test]
fn duplicates_fail_by_default_within_the_file_and_against_the_store() {
    let rows: &[&[&str]] = &[
        &["户主", "社区", "住址", "人口"],
        &["曾国藩", "长安社区", "幸福路 12号", "4"],
        &["王五", "长安社区", "和平路1号", ""],
        &["王五", "新安社区", "和平路1号", "2"],
    ];
    let plan = run(Kind::Household, rows, OnDuplicate::Fail);
    let zh = messages(&plan, Lang::Zh);
    assert_eq!(zh.len(), 2, "{zh:#?}");
    assert!(zh[0].starts_with("第 2 行，户主 列：与已有联系户重复（编号 1）（户主和住址相同）"), "{}", zh[0]);
    assert!(zh[1].starts_with("第 4 行，户主 列：与第 3 行重复"), "{}", zh[1]);

    let skip = run(Kind::Household, rows, OnDuplicate::Skip);
    assert!(skip.is_ok());
    assert_eq!(skip.creates.len(), 1);
    assert_eq!(skip.skipped, [(2, Match::Store(vec![1])), (4, Match::Line(3))]);
    assert_eq!(summary(&skip, Lang::Zh), "共读取 3 行：新增 1 条，更新 0 条，跳过 2 条");

    let update = run(Kind::Household, rows, OnDuplicate::Update);
    assert!(update.is_ok(), "{:?}", messages(&update, Lang::En));
    assert_eq!(update.updates.len(), 1);
    let AnyData::Household(h) = &update.updates[0].data else { panic!() };
    assert_eq!((h.size, h.address.as_str()), (Some(4), "幸福路 12号"), "given fields change, others stay");
    assert_eq!(update.creates.len(), 1);
    let AnyData::Household(merged) = &update.creates[0].data else { panic!() };
    assert_eq!((merged.community_id, merged.size), (2, Some(2)), "line 4 is folded into line 3");
    assert_eq!(update.merged, [(4, 3)]);
}

#[test]
fn an_update_that_changes_nothing_is_not_a_write() {
    let plan = run(Kind::Household, &[&["户主", "住址", "人口"], &["曾国藩", "幸福路12号", "2"]], OnDuplicate::Update);
    assert!(plan.is_ok());
    assert!(plan.updates.is_empty());
    assert_eq!(plan.unchanged, [(2, 1)]);
}

#[test]
fn members_are_the_same_by_name_and_phone() {
    let rows: &[&[&str]] = &[
        &["姓名", "职务", "电话", "所在单位"],
        &["张伟", "兼职委员", "138 0000 0002", "滨江实验小学"],
        &["张伟", "专职委员", "13900000009", ""],
    ];
    let plan = run(Kind::Member, rows, OnDuplicate::Update);
    assert!(plan.is_ok(), "{:?}", messages(&plan, Lang::En));
    assert_eq!((plan.updates.len(), plan.creates.len()), (1, 1));
    assert_eq!(plan.updates[0].id, 2);
    let AnyData::Member(m) = &plan.updates[0].data else { panic!() };
    assert_eq!(m.unit_id, Some(1));
}

#[test]
fn excel_floats_and_serials() {
    let plan = run(
        Kind::Demand,
        &[
            &["反映日期", "社区", "类别", "诉求内容", "状态", "办理结果", "办结日期"],
            &["46300", "长安社区", "环境卫生", "垃圾清运", "已办结", "已清运", "46301.0"],
        ],
        OnDuplicate::Fail,
    );
    assert!(plan.is_ok(), "{:?}", messages(&plan, Lang::En));
    let AnyData::Demand(d) = &plan.creates[0].data else { panic!() };
    assert_eq!(
        (d.raised_on.to_string(), d.resolved_on.map(|d| d.to_string())),
        ("2026-10-05".into(), Some("2026-10-06".into()))
    );
}

#[test]
fn no_header_is_none() {
    let s = sheet(&[&["a", "b"], &["1", "2"]]);
    assert!(Layout::detect(Kind::Member, &s.rows).is_none());
}

/// A file large enough to be built on several threads: every kind of row
/// (new, broken, repeating an earlier row or a record of the store, blank,
/// an instruction row) many times over, so that each thread's share holds
/// some of each.
fn large_sheet(kind: Kind) -> Vec<Vec<String>> {
    let head: &[&str] = match kind {
        Kind::Household => &["户主姓名", "所在社区", "联系委员", "家庭住址", "人口", "手机号码"],
        _ => &["日期", "委员", "方式", "联系户", "情况"],
    };
    let mut rows = vec![head.iter().map(|c| c.to_string()).collect::<Vec<_>>()];
    rows.push(head.iter().map(|c| format!("必填；如 {c}")).collect());
    for i in 0..PARALLEL_FROM_ROWS + 500 {
        let row: Vec<String> = match (kind, i % 7) {
            (Kind::Household, 0) => vec![
                format!("户主{i}"),
                "长安社区".into(),
                "余伟军".into(),
                format!("幸福路{i}号"),
                "3".into(),
                "".into(),
            ],
            (Kind::Household, 1) => {
                vec![format!("户主{i}"), "无名社区".into(), "".into(), "".into(), "x".into(), "1.38E+10".into()]
            }
            (Kind::Household, 2) => vec![
                format!("户主{}", i - 2),
                "长安社区".into(),
                "".into(),
                format!("幸福路{}号", i - 2),
                "4".into(),
                "".into(),
            ],
            (Kind::Household, 3) => {
                vec!["曾国藩".into(), "长安社区".into(), "".into(), "幸福路12号".into(), "5".into(), "".into()]
            }
            (Kind::Household, 4) => {
                vec![format!("户主{i}"), "长安社区".into(), "张伟".into(), format!("和平路{i}号"), "".into(), "".into()]
            }
            (Kind::Household, 5) => vec!["".into(); 6],
            (Kind::Household, _) => {
                vec![format!("户主{i}"), "旧城社区".into(), "赵六".into(), "".into(), "2".into(), "".into()]
            }
            (_, 0) => vec!["2026-11-29".into(), "".into(), "上门走访".into(), "曾国藩".into(), "好".into()],
            (_, 1) => vec!["2026-11-29".into(), "张伟".into(), "home".into(), "曾国藩".into(), "好".into()],
            (_, 2) => vec!["2026-13-01".into(), "余伟军".into(), "飞鸽传书".into(), "曾国藩".into(), "".into()],
            (_, 3) => vec!["".into(); 5],
            (_, _) => vec!["t".into(), "余伟军".into(), "phone".into(), "曾国藩".into(), format!("第{i}次")],
        };
        rows.push(row);
    }
    rows
}

#[test]
fn a_file_planned_on_several_threads_is_planned_as_on_one() {
    for kind in [Kind::Household, Kind::Visit] {
        let sheet = Sheet::from_rows(large_sheet(kind));
        let layout = Layout::detect(kind, &sheet.rows).expect("a header");
        // 曾国藩's household linked to 余伟军, so that a visit naming no member is noted.
        let household = [("community_id", "1"), ("head", "曾国藩"), ("address", "幸福路12号"), ("member_id", "1")];
        let snapshot = street().with(Kind::Household, vec![record(1, data(Kind::Household, &household))]);
        for on_duplicate in [OnDuplicate::Fail, OnDuplicate::Skip, OnDuplicate::Update] {
            let options = Options { on_duplicate, today: today() };
            let plan_with = |threads| plan_on(threads, &layout, &sheet.rows, &snapshot, options, &mut |_, _| {});
            let one = plan_with(1);
            let (creates, problems) = (one.creates.len(), one.problem_count());
            assert!(creates > 300 && problems > MAX_PROBLEMS_SHOWN, "{kind:?} {on_duplicate:?}: {creates}, {problems}");
            match kind {
                Kind::Household if on_duplicate == OnDuplicate::Update => assert!(!one.merged.is_empty()),
                Kind::Household if on_duplicate == OnDuplicate::Skip => assert!(!one.skipped.is_empty()),
                Kind::Household => {}
                _ => assert!(!one.notes.is_empty()),
            }
            assert_eq!(one.layout.instruction_lines, [2]);
            for threads in [2, 3] {
                assert!(plan_with(threads) == one, "{kind:?} {on_duplicate:?} on {threads} threads");
            }
        }
    }
}
