use super::*;
use crate::io::export::{Block, Cell};
use crate::model::{AnyData, Meta};
use chrono::{DateTime, Utc};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn q(s: &str) -> Quarter {
    s.parse().unwrap()
}

/// Records built as a user would type them, all entered on `entered`.
struct Street {
    records: Vec<AnyRecord>,
    entered: DateTime<Utc>,
}

impl Street {
    fn new(entered: &str) -> Street {
        Street { records: Vec::new(), entered: format!("{entered}T09:00:00Z").parse().unwrap() }
    }

    fn add(&mut self, kind: Kind, fields: &[(&str, &str)]) -> u64 {
        let pairs: Vec<(String, String)> = fields.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        let data = AnyData::build(kind, &pairs, d("2026-11-29")).unwrap_or_else(|e| panic!("{}", e.message(Lang::En)));
        let id = self.records.iter().filter(|r| r.kind() == kind).count() as u64 + 1;
        let meta = Meta { id, rev: 1, created_at: self.entered, updated_at: self.entered, archived: false };
        self.records.push(AnyRecord { meta, data });
        id
    }

    /// Records added from now on were entered on `day`.
    fn on(&mut self, day: &str) -> &mut Street {
        self.entered = format!("{day}T09:00:00Z").parse().unwrap();
        self
    }

    /// Archives the last record added, on `day`.
    fn archive_last(&mut self, day: &str) {
        let meta = &mut self.records.last_mut().unwrap().meta;
        meta.archived = true;
        meta.updated_at = format!("{day}T09:00:00Z").parse().unwrap();
    }
}

/// One community, one member with two households; visits, demands, a meeting and tasks.
fn street() -> Street {
    let mut s = Street::new("2026-01-05");
    s.add(Kind::Community, &[("name", "长安社区")]);
    s.add(Kind::Member, &[("name", "余伟军"), ("role", "leader"), ("community_id", "1"), ("line", "党建")]);
    s.add(Kind::Member, &[("name", "蒋娜"), ("role", "office_director")]);
    s.add(Kind::Household, &[("community_id", "1"), ("member_id", "1"), ("head", "曾国藩"), ("phone", "13812341234")]);
    s.add(Kind::Household, &[("community_id", "1"), ("member_id", "1"), ("head", "张三")]);
    s.add(Kind::Visit, &[("date", "2026-08-10"), ("member_id", "1"), ("household_id", "1"), ("summary", "走访")]);
    s.add(Kind::Visit, &[("date", "2026-10-10"), ("member_id", "1"), ("household_id", "2"), ("summary", "走访")]);
    s.add(
        Kind::Visit,
        &[
            ("date", "2026-09-01"),
            ("member_id", "2"),
            ("kind", "reception"),
            ("visitor", "王阿姨 13812345678"),
            ("summary", "咨询"),
        ],
    );
    // Raised in Q2, resolved in Q4: open through Q3, and overdue at its end.
    s.add(
        Kind::Demand,
        &[
            ("raised_on", "2026-06-01"),
            ("household_id", "1"),
            ("category", "welfare"),
            ("content", "申请助餐"),
            ("status", "resolved"),
            ("resolution", "已安排"),
            ("resolved_on", "2026-10-20"),
        ],
    );
    // Resolved in Q2: not part of Q3.
    s.add(
        Kind::Demand,
        &[
            ("raised_on", "2026-04-01"),
            ("household_id", "2"),
            ("category", "other"),
            ("content", "咨询政策"),
            ("status", "resolved"),
            ("resolution", "已答复"),
            ("resolved_on", "2026-04-02"),
        ],
    );
    s.add(
        Kind::Meeting,
        &[
            ("date", "2026-07-03"),
            ("chair_id", "1"),
            ("attendee_ids", "1"),
            ("topics", r#"[{"title":"助餐点","demand_ids":[1],"decision":"社区牵头"}]"#),
            ("status", "held"),
            ("notice_on", "2026-06-26"),
            ("funding", "800"),
            ("funding_note", "资料印制"),
        ],
    );
    // Done after Q3 but due within it: late on 2026-09-30.
    s.add(
        Kind::Task,
        &[
            ("title", "落实助餐点"),
            ("meeting_id", "1"),
            ("owner_id", "1"),
            ("due", "2026-09-15"),
            ("status", "done"),
            ("done_on", "2026-10-08"),
            (
                "progress",
                r#"[{"date":"2026-08-01","note":"选址"},{"date":"2026-09-01","reporter":"王芳","note":"装修"}]"#,
            ),
        ],
    );
    s.add(
        Kind::Task,
        &[
            ("title", "按时完成的事"),
            ("owner_id", "2"),
            ("due", "2026-09-30"),
            ("status", "done"),
            ("done_on", "2026-09-20"),
        ],
    );
    // Earlier and later in the year: the year's funding counts only what came by the quarter's end.
    s.add(Kind::Meeting, &[("date", "2026-01-09"), ("status", "held"), ("funding", "500")]);
    s.add(Kind::Meeting, &[("date", "2026-10-09"), ("status", "held"), ("funding", "900")]);
    s
}

fn settings() -> Settings {
    Settings { street_name: "滨江街道".into(), households_per_member: 2, ..Settings::default() }
}

fn q3() -> Ledger {
    build(&street().records, &settings(), q("2026Q3"), d("2026-11-29"), Lang::Zh)
}

fn text(c: &Cell) -> String {
    c.as_text()
}

fn column<'a>(b: &'a Block, header: &str) -> Vec<&'a Cell> {
    let i = b.column(header).unwrap_or_else(|| panic!("no column {header} in {:?}", b.headers));
    b.rows.iter().map(|r| &r[i]).collect()
}

#[test]
fn a_summary_then_one_table_a_sheet_with_titles_naming_street_and_quarter() {
    let ledger = q3();
    assert_eq!(ledger.as_of, d("2026-09-30"));
    let names: Vec<&str> = ledger.sheets.iter().map(|s| s.name.as_str()).collect();
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
    for s in &ledger.sheets {
        assert_eq!(s.title[0], "滨江街道四定四联工作台账（2026年第三季度）");
        assert!(s.title[1].contains("统计截至 2026-09-30"), "{}", s.title[1]);
    }
}

#[test]
fn as_of_is_today_while_the_quarter_runs() {
    assert_eq!(as_of(q("2026Q4"), d("2026-11-29")), d("2026-11-29"));
    assert_eq!(as_of(q("2026Q3"), d("2026-11-29")), d("2026-09-30"));
    assert_eq!(quarter_name(q("2026Q4"), Lang::En), "2026 Q4");
}

#[test]
fn four_links_count_households_and_quarter_visits() {
    let ledger = q3();
    let b = &ledger.sheets[1].block;
    assert_eq!(b.rows.len(), 2);
    assert_eq!(text(&b.rows[0][0]), "余伟军");
    assert_eq!(b.rows[0][5], Cell::Number(2.0)); // linked
    assert_eq!(b.rows[0][6], Cell::Number(2.0)); // expected
    assert_eq!(b.rows[0][7], Cell::Number(1.0)); // household 1 visited in Q3 (household 2 only in Q4)
    assert_eq!(b.rows[0][8], Cell::Number(1.0));
    assert_eq!(text(&b.rows[0][9]), "缺所在单位");
    assert_eq!(text(&b.rows[1][9]), "缺所在单位；缺条线；缺联系社区；联系户差2户");
    let totals = b.totals_row().unwrap();
    assert_eq!(text(&totals[0]), "合计");
    assert_eq!(totals[5..9], [Cell::Number(2.0), Cell::Number(4.0), Cell::Number(1.0), Cell::Number(2.0)]);
}

#[test]
fn visits_of_the_quarter_only_with_visitors_masked() {
    let ledger = q3();
    let b = &ledger.sheets[2].block;
    let dates: Vec<String> = column(b, "日期").iter().map(|c| text(c)).collect();
    assert_eq!(dates, ["2026-08-10", "2026-09-01"]);
    assert_eq!(b.rows[0][0], Cell::Date(d("2026-08-10")));
    assert_eq!(text(&b.rows[1][3]), "王阿姨 138****5678");
}

#[test]
fn demands_open_during_the_quarter_and_late_as_they_stood() {
    let ledger = q3();
    let b = &ledger.sheets[3].block;
    assert_eq!(b.rows.len(), 1, "{:?}", b.rows);
    assert_eq!(text(column(b, "诉求内容")[0]), "申请助餐");
    assert_eq!(text(column(b, "状态")[0]), "已办结");
    assert_eq!(text(column(b, "超期")[0]), "是");
    assert!(ledger.sheets[3].title[1].contains("当前状态"));
}

#[test]
fn meetings_show_attendance_topics_and_tasks_on_sheets_of_their_own() {
    let ledger = q3();
    let [held, topics, tasks, funding] = [4, 5, 6, 7].map(|i| &ledger.sheets[i].block);
    assert_eq!(column(held, "应到人数")[0], &Cell::Number(2.0));
    assert_eq!(column(held, "实到人数")[0], &Cell::Number(1.0));
    assert_eq!(text(column(held, "参会人员")[0]), "余伟军");
    assert_eq!(text(column(topics, "决定事项")[0]), "社区牵头");
    assert_eq!(text(column(topics, "相关诉求")[0]), "申请助餐");
    assert_eq!(text(column(tasks, "最新进展")[0]), "2026-09-01 王芳：装修");
    assert_eq!(text(column(held, "通知日期")[0]), "2026-06-26");
    assert_eq!(column(held, "经费（元）")[0], &Cell::Number(800.0));
    assert_eq!(held.totals_row().unwrap()[10], Cell::Number(800.0));
    assert_eq!(ledger.sheets[5].title[1], "四、联席议事会：议题与决定　统计截至 2026-09-30");
    assert_eq!(funding.caption.as_deref(), Some("2026 年工作经费（截至本季度）"));
    let yuan: Vec<&Cell> = column(funding, "经费（元）");
    assert_eq!(yuan, [&Cell::Number(500.0), &Cell::Number(800.0)]);
    assert_eq!(funding.totals_row().unwrap()[..2], [Cell::text("合计"), Cell::Number(1300.0)]);
    let q2 = build(&street().records, &settings(), q("2026Q2"), d("2026-11-29"), Lang::En);
    let held = &q2.sheets[4].block;
    assert!(held.rows.is_empty());
    assert_eq!(held.empty_note.as_deref(), Some("No meeting recorded this quarter"));
    let q4 = build(&street().records, &settings(), q("2026Q4"), d("2026-11-29"), Lang::En);
    let total = q4.sheets[7].block.totals_row().unwrap_or_default();
    assert_eq!((text(&total[0]), &total[1]), ("Total".to_string(), &Cell::Number(2200.0)));
}

#[test]
fn overdue_as_of_the_quarter_end() {
    let ledger = q3();
    let [households, demands, tasks] = [8, 9, 10].map(|i| &ledger.sheets[i].block);
    // Household 1 was seen on 08-10; household 2 not before 09-30, linked on 01-05: 268 days.
    assert_eq!(households.caption.as_deref(), Some("联系户超过 90 天未走访：1 户"));
    assert_eq!(text(&households.rows[0][0]), "张三");
    assert_eq!(text(&households.rows[0][3]), "从未走访");
    assert_eq!(households.rows[0][4], Cell::Number(268.0));
    assert_eq!(demands.rows.len(), 1);
    assert_eq!(demands.rows[0][5], Cell::Number(121.0)); // 06-01 to 09-30
    assert_eq!(tasks.rows.len(), 1);
    assert_eq!(text(&tasks.rows[0][0]), "落实助餐点");
    assert_eq!(tasks.rows[0][4], Cell::Number(15.0));
    // By Q4, the demand and the task are done and household 2 was visited on 10-10.
    let q4 = build(&street().records, &settings(), q("2026Q4"), d("2026-11-29"), Lang::Zh);
    let [households, demands, tasks] = [8, 9, 10].map(|i| &q4.sheets[i].block);
    assert_eq!(demands.rows.len() + tasks.rows.len(), 0);
    let heads: Vec<String> = households.rows.iter().map(|r| text(&r[0])).collect();
    assert_eq!(heads, ["曾国藩"]); // last seen 08-10: 111 days
}

#[test]
fn archived_records_are_not_counted_but_still_named() {
    let mut s = street();
    for r in s.records.iter_mut().filter(|r| r.kind() == Kind::Member && r.id() == 2) {
        r.meta.archived = true;
    }
    let ledger = build(&s.records, &settings(), q("2026Q3"), d("2026-11-29"), Lang::Zh);
    assert_eq!(ledger.sheets[1].block.rows.len(), 1);
    let visits = &ledger.sheets[2].block;
    assert_eq!(text(&visits.rows[1][1]), "蒋娜");
}

#[test]
fn the_workbook_is_written() {
    let bytes = ledger_bytes(&q3()).unwrap();
    assert_eq!(&bytes[..2], b"PK");
}

/// A street whose Q3 figures are worked out by hand in `summary_of_q3_counted_by_hand`.
fn summary_street() -> Street {
    let mut s = Street::new("2026-01-05");
    s.add(Kind::Community, &[("name", "长安社区")]);
    s.add(Kind::Member, &[("name", "余伟军"), ("role", "leader"), ("community_id", "1")]);
    s.add(Kind::Member, &[("name", "蒋娜"), ("role", "office_director"), ("community_id", "1")]);
    s.on("2026-10-15").add(Kind::Member, &[("name", "单雄信"), ("role", "part_time")]);
    s.on("2026-01-05").add(Kind::Member, &[("name", "王五"), ("role", "part_time")]);
    s.archive_last("2026-08-01");
    for (member, head) in [("1", "曾国藩"), ("1", "张三"), ("2", "李四")] {
        s.add(Kind::Household, &[("community_id", "1"), ("member_id", member), ("head", head)]);
    }
    s.on("2026-10-20").add(Kind::Household, &[("community_id", "1"), ("member_id", "2"), ("head", "赵六")]);
    s.on("2026-01-05");
    for (date, member, household) in
        [("2026-07-10", "1", "1"), ("2026-08-10", "1", "1"), ("2026-09-10", "1", "1"), ("2026-09-05", "2", "3")]
    {
        s.add(Kind::Visit, &[("date", date), ("member_id", member), ("household_id", household), ("summary", "走访")]);
    }
    s.add(
        Kind::Visit,
        &[
            ("date", "2026-09-01"),
            ("member_id", "2"),
            ("kind", "reception"),
            ("visitor", "王阿姨"),
            ("summary", "咨询"),
        ],
    );
    s.add(Kind::Visit, &[("date", "2026-10-10"), ("member_id", "1"), ("household_id", "2"), ("summary", "走访")]);
    let demands = [
        ("2026-07-05", "resolved", Some("2026-08-01"), Some(("2026-08-10", "satisfied"))),
        ("2026-08-01", "resolved", Some("2026-09-15"), Some(("2026-09-20", "basic"))),
        ("2026-09-01", "resolved", Some("2026-10-05"), Some(("2026-10-10", "unsatisfied"))),
        ("2026-09-10", "open", None, None),
        ("2026-06-01", "resolved", Some("2026-07-10"), Some(("2026-07-15", "unsatisfied"))),
    ];
    for (raised, status, resolved, follow_up) in demands {
        let mut fields = vec![
            ("raised_on", raised),
            ("household_id", "1"),
            ("category", "other"),
            ("content", "诉求"),
            ("status", status),
        ];
        if let Some(day) = resolved {
            fields.extend([("resolved_on", day), ("resolution", "已办")]);
        }
        if let Some((day, rating)) = follow_up {
            fields.extend([("follow_up_on", day), ("satisfaction", rating)]);
        }
        s.add(Kind::Demand, &fields);
    }
    let tasks = [
        ("2026-09-15", "done", Some("2026-09-10")),
        ("2026-08-31", "done", Some("2026-09-05")),
        ("2026-09-20", "doing", None),
        ("2026-10-15", "todo", None),
    ];
    for (due, status, done) in tasks {
        let mut fields = vec![("title", "事项"), ("owner_id", "1"), ("due", due), ("status", status)];
        fields.extend(done.map(|day| ("done_on", day)));
        s.add(Kind::Task, &fields);
    }
    s.add(Kind::Meeting, &[("date", "2026-07-03"), ("status", "held"), ("funding", "800")]);
    s.add(Kind::Meeting, &[("date", "2026-09-25"), ("status", "planned")]);
    s.add(Kind::Meeting, &[("date", "2026-01-09"), ("status", "held"), ("funding", "500")]);
    s
}

#[test]
fn summary_of_q3_counted_by_hand() {
    let ledger = build(&summary_street().records, &settings(), q("2026Q3"), d("2026-11-29"), Lang::Zh);
    let expected = Summary {
        members: 2,             // 单雄信 came after 09-30; 王五 was archived on 08-01
        households_linked: 3,   // 赵六 was entered on 10-20
        households_expected: 4, // 2 members × 2
        visits: 5,              // the 10-10 visit is Q4's
        households_visited: 2,  // 曾国藩 (three times) and 李四
        household_visits: 2,    // 曾国藩's three count once: one visit is due per 90 days
        visits_per_household: 1,
        visits_due: 3,
        demands_received: 4, // raised 07-05, 08-01, 09-01, 09-10
        demands_resolved: 2, // the 09-01 one only on 10-05
        followed_up: 3,      // 08-10, 09-20 and 07-15 (of a Q2 demand); 10-10 is Q4's
        satisfied: 2,
        tasks_due: 3, // the one due 10-15 is Q4's
        tasks_on_time: 1,
        tasks_late: 2, // done on 09-05 for 08-31, and still open
        meetings_held: 1,
        funding_quarter: 800,
        funding_year: 1300,
    };
    assert_eq!(ledger.summary, expected);
    let sheet = &ledger.sheets[0].block;
    let figure = |item: &str| {
        let row = sheet.rows.iter().find(|r| text(&r[0]) == item).unwrap_or_else(|| panic!("no {item}"));
        row[1].clone()
    };
    assert_eq!(figure("走访完成率"), Cell::Percent(2.0 / 3.0));
    assert_eq!(figure("办结率"), Cell::Percent(0.5));
    assert_eq!(text(&figure("满意率")), "66.7%");
    assert_eq!(figure("年度经费（元）"), Cell::Number(1300.0));
    let q2 = build(&summary_street().records, &settings(), q("2026Q2"), d("2026-11-29"), Lang::En);
    let rates: Vec<String> =
        q2.sheets[0].block.rows.iter().filter(|r| text(&r[0]).ends_with("rate")).map(|r| text(&r[1])).collect();
    assert_eq!(rates, ["0.0%", "—"], "one demand raised in Q2, resolved only in Q3; no follow-up in Q2");
}

#[test]
fn expected_attendance_is_the_members_in_office_on_the_meetings_day() {
    let ledger = build(&summary_street().records, &settings(), q("2026Q3"), d("2026-11-29"), Lang::Zh);
    let held = &ledger.sheets[4].block;
    // 07-03: 余伟军, 蒋娜 and 王五 (archived only on 08-01); 单雄信 joined on 10-15.
    // 09-25: 王五 archived by then.
    assert_eq!(column(held, "应到人数"), [&Cell::Number(3.0), &Cell::Number(2.0)]);
}

#[test]
fn households_entered_after_the_quarter_are_not_counted_in_it() {
    let ledger = build(&summary_street().records, &settings(), q("2026Q3"), d("2026-11-29"), Lang::Zh);
    let links = &ledger.sheets[1].block;
    let names: Vec<String> = column(links, "委员").iter().map(|c| text(c)).collect();
    assert_eq!(names, ["余伟军", "蒋娜"]);
    assert_eq!(column(links, "联系户数"), [&Cell::Number(2.0), &Cell::Number(1.0)]);
    let q4 = build(&summary_street().records, &settings(), q("2026Q4"), d("2026-11-29"), Lang::Zh);
    let links = &q4.sheets[1].block;
    assert_eq!(column(links, "联系户数")[1], &Cell::Number(2.0), "赵六 is linked by Q4");
    assert_eq!(links.rows.len(), 3, "单雄信 is in office by Q4");
}

#[test]
fn history_typed_in_later_counts_from_the_first_record_naming_it() {
    let mut s = summary_street();
    let member = s.on("2026-11-29").add(Kind::Member, &[("name", "补录委员"), ("role", "part_time")]);
    let household =
        s.add(Kind::Household, &[("community_id", "1"), ("member_id", &member.to_string()), ("head", "补录户")]);
    let (m, h) = (member.to_string(), household.to_string());
    s.add(Kind::Visit, &[("date", "2026-08-01"), ("member_id", &m), ("household_id", &h), ("summary", "走访")]);
    let ledger = build(&s.records, &settings(), q("2026Q3"), d("2026-11-29"), Lang::Zh);
    assert_eq!((ledger.summary.members, ledger.summary.households_linked), (3, 4));
    let held = &ledger.sheets[4].block;
    assert_eq!(column(held, "应到人数")[0], &Cell::Number(3.0), "on 07-03 the member had not yet visited anyone");
}
