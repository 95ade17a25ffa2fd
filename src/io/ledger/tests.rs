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
fn five_sheets_with_titles_naming_street_and_quarter() {
    let ledger = q3();
    assert_eq!(ledger.as_of, d("2026-09-30"));
    let names: Vec<&str> = ledger.sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["一、四联情况", "二、走访记录", "三、诉求办理", "四、联席议事会", "五、超期事项"]);
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
    let b = &ledger.sheets[0].blocks[0];
    assert_eq!(b.rows.len(), 2);
    assert_eq!(text(&b.rows[0][0]), "余伟军");
    assert_eq!(b.rows[0][5], Cell::Number(2.0)); // linked
    assert_eq!(b.rows[0][6], Cell::Number(2.0)); // expected
    assert_eq!(b.rows[0][7], Cell::Number(1.0)); // household 1 visited in Q3 (household 2 only in Q4)
    assert_eq!(b.rows[0][8], Cell::Number(1.0));
    assert_eq!(text(&b.rows[0][9]), "缺所在单位");
    assert_eq!(text(&b.rows[1][9]), "缺所在单位；缺条线；缺联系社区；联系户差2户");
}

#[test]
fn visits_of_the_quarter_only_with_visitors_masked() {
    let ledger = q3();
    let b = &ledger.sheets[1].blocks[0];
    let dates: Vec<String> = column(b, "日期").iter().map(|c| text(c)).collect();
    assert_eq!(dates, ["2026-08-10", "2026-09-01"]);
    assert_eq!(b.rows[0][0], Cell::Date(d("2026-08-10")));
    assert_eq!(text(&b.rows[1][3]), "王阿姨 138****5678");
}

#[test]
fn demands_open_during_the_quarter_and_late_as_they_stood() {
    let ledger = q3();
    let b = &ledger.sheets[2].blocks[0];
    assert_eq!(b.rows.len(), 1, "{:?}", b.rows);
    assert_eq!(text(column(b, "诉求内容")[0]), "申请助餐");
    assert_eq!(text(column(b, "状态")[0]), "已办结");
    assert_eq!(text(column(b, "超期")[0]), "是");
    assert!(ledger.sheets[2].title[1].contains("当前状态"));
}

#[test]
fn meetings_show_attendance_topics_and_tasks() {
    let ledger = q3();
    let blocks = &ledger.sheets[3].blocks;
    assert_eq!(column(&blocks[0], "应到人数")[0], &Cell::Number(2.0));
    assert_eq!(column(&blocks[0], "实到人数")[0], &Cell::Number(1.0));
    assert_eq!(text(column(&blocks[0], "参会人员")[0]), "余伟军");
    assert_eq!(text(column(&blocks[1], "决定事项")[0]), "社区牵头");
    assert_eq!(text(column(&blocks[1], "相关诉求")[0]), "申请助餐");
    assert_eq!(text(column(&blocks[2], "最新进展")[0]), "2026-09-01 王芳：装修");
    assert_eq!(text(column(&blocks[0], "通知日期")[0]), "2026-06-26");
    assert_eq!(column(&blocks[0], "经费（元）")[0], &Cell::Number(800.0));
    let funding = &blocks[3];
    assert_eq!(funding.caption.as_deref(), Some("2026 年工作经费（截至本季度）"));
    let yuan: Vec<&Cell> = column(funding, "经费（元）");
    assert_eq!(yuan, [&Cell::Number(500.0), &Cell::Number(800.0), &Cell::Number(1300.0)]);
    assert_eq!(text(column(funding, "会议日期")[2]), "合计");
    let q2 = build(&street().records, &settings(), q("2026Q2"), d("2026-11-29"), Lang::En);
    let held = &q2.sheets[3].blocks[0];
    assert!(held.rows.is_empty());
    assert_eq!(held.empty_note.as_deref(), Some("No meeting recorded this quarter"));
    let q4 = build(&street().records, &settings(), q("2026Q4"), d("2026-11-29"), Lang::En);
    let total = q4.sheets[3].blocks[3].rows.last().cloned().unwrap_or_default();
    assert_eq!((text(&total[0]), &total[1]), ("Total".to_string(), &Cell::Number(2200.0)));
}

#[test]
fn overdue_as_of_the_quarter_end() {
    let ledger = q3();
    let blocks = &ledger.sheets[4].blocks;
    // Household 1 was seen on 08-10; household 2 not before 09-30, linked on 01-05: 268 days.
    assert_eq!(blocks[0].caption.as_deref(), Some("联系户超过 90 天未走访：1 户"));
    assert_eq!(text(&blocks[0].rows[0][0]), "张三");
    assert_eq!(text(&blocks[0].rows[0][3]), "从未走访");
    assert_eq!(blocks[0].rows[0][4], Cell::Number(268.0));
    assert_eq!(blocks[1].rows.len(), 1);
    assert_eq!(blocks[1].rows[0][5], Cell::Number(121.0)); // 06-01 to 09-30
    assert_eq!(blocks[2].rows.len(), 1);
    assert_eq!(text(&blocks[2].rows[0][0]), "落实助餐点");
    assert_eq!(blocks[2].rows[0][4], Cell::Number(15.0));
    // By Q4, the demand and the task are done and household 2 was visited on 10-10.
    let q4 = build(&street().records, &settings(), q("2026Q4"), d("2026-11-29"), Lang::Zh);
    let blocks = &q4.sheets[4].blocks;
    assert_eq!(blocks[1].rows.len() + blocks[2].rows.len(), 0);
    let heads: Vec<String> = blocks[0].rows.iter().map(|r| text(&r[0])).collect();
    assert_eq!(heads, ["曾国藩"]); // last seen 08-10: 111 days
}

#[test]
fn archived_records_are_not_counted_but_still_named() {
    let mut s = street();
    for r in s.records.iter_mut().filter(|r| r.kind() == Kind::Member && r.id() == 2) {
        r.meta.archived = true;
    }
    let ledger = build(&s.records, &settings(), q("2026Q3"), d("2026-11-29"), Lang::Zh);
    assert_eq!(ledger.sheets[0].blocks[0].rows.len(), 1);
    let visits = &ledger.sheets[1].blocks[0];
    assert_eq!(text(&visits.rows[1][1]), "蒋娜");
}

#[test]
fn the_workbook_has_the_five_sheets() {
    let bytes = ledger_bytes(&q3()).unwrap();
    assert_eq!(&bytes[..2], b"PK");
}
