//! Validation of every record kind, as a user meets it: which field, what is wrong,
//! in both languages.

mod common;

use common::today;
use silian::i18n::Lang;
use silian::model::{AnyData, Kind, Problem};

fn try_build(kind: Kind, fields: &[(&str, &str)]) -> Result<AnyData, silian::model::Invalid> {
    let pairs: Vec<(String, String)> = fields.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    AnyData::build(kind, &pairs, today())
}

fn problems(kind: Kind, fields: &[(&str, &str)]) -> Vec<(String, Problem)> {
    try_build(kind, fields).unwrap_err().0.into_iter().map(|e| (e.field, e.problem)).collect()
}

fn has(kind: Kind, fields: &[(&str, &str)], field: &str, pred: impl Fn(&Problem) -> bool) {
    let found = problems(kind, fields);
    assert!(found.iter().any(|(f, p)| f == field && pred(p)), "{kind} {field}: {found:?}");
}

#[test]
fn member_requires_name_and_role_and_checks_phones() {
    has(Kind::Member, &[("role", "leader")], "name", |p| *p == Problem::Required);
    has(Kind::Member, &[("name", "余伟军")], "role", |p| *p == Problem::Required);
    has(Kind::Member, &[("name", "余伟军"), ("role", "x")], "role", |p| matches!(p, Problem::BadChoice { .. }));
    has(Kind::Member, &[("name", "余伟军"), ("role", "leader"), ("contact_phone", "abc")], "contact_phone", |p| {
        matches!(p, Problem::BadPhone { .. })
    });
    let long = "长".repeat(41);
    has(Kind::Member, &[("name", &long), ("role", "leader")], "name", |p| {
        matches!(p, Problem::TooLong { max: 40, .. })
    });
    has(Kind::Member, &[("name", "a\u{1b}[2J"), ("role", "leader")], "name", |p| *p == Problem::ControlChar);
    assert!(try_build(Kind::Member, &[("name", "余伟军"), ("role", "组长"), ("unit_id", "3")]).is_ok());
}

#[test]
fn unit_and_community_check_kinds_and_counts() {
    has(Kind::Unit, &[("name", "滨江实验小学")], "kind", |p| *p == Problem::Required);
    has(Kind::Unit, &[("name", "x"), ("kind", "school"), ("party_members", "-3")], "party_members", |p| {
        matches!(p, Problem::BadCount { .. })
    });
    has(Kind::Community, &[("name", "长安社区"), ("population", "lots")], "population", |p| {
        matches!(p, Problem::BadCount { .. })
    });
    assert!(try_build(Kind::Unit, &[("name", "ABC科技有限公司"), ("kind", "非公经济组织")]).is_ok());
}

#[test]
fn household_needs_community_and_head_and_known_tags() {
    has(Kind::Household, &[("head", "张三")], "community_id", |p| *p == Problem::Required);
    has(Kind::Household, &[("community_id", "x"), ("head", "张三")], "community_id", |p| {
        matches!(p, Problem::BadId { .. })
    });
    has(Kind::Household, &[("community_id", "1"), ("head", "张三"), ("tags", "rich")], "tags", |p| {
        matches!(p, Problem::BadChoice { .. })
    });
    has(Kind::Household, &[("community_id", "1"), ("head", "张三"), ("size", "80")], "size", |p| {
        matches!(p, Problem::BadCount { .. })
    });
}

#[test]
fn visit_has_exactly_one_target() {
    let base = [("date", "t"), ("member_id", "1"), ("kind", "home"), ("summary", "走访")];
    has(Kind::Visit, &base, "household_id", |p| *p == Problem::OneTarget);
    let mut two = base.to_vec();
    two.extend([("household_id", "1"), ("unit_id", "2")]);
    has(Kind::Visit, &two, "household_id", |p| *p == Problem::OneTarget);
    let mut visitor = base.to_vec();
    visitor.push(("visitor", "王阿姨"));
    assert!(try_build(Kind::Visit, &visitor).is_ok());
    // A visitor may come with the community they live in; not with a household or unit.
    let mut reception = visitor.clone();
    reception.push(("community_id", "1"));
    assert!(try_build(Kind::Visit, &reception).is_ok());
    let mut with_unit = visitor.clone();
    with_unit.push(("unit_id", "1"));
    has(Kind::Visit, &with_unit, "household_id", |p| *p == Problem::OneTarget);
    has(
        Kind::Visit,
        &[("date", "2026-02-30"), ("member_id", "1"), ("kind", "home"), ("summary", "x"), ("visitor", "x")],
        "date",
        |p| matches!(p, Problem::NoSuchDate { .. }),
    );
    has(
        Kind::Visit,
        &[("date", "1900-01-01"), ("member_id", "1"), ("kind", "home"), ("summary", "x"), ("visitor", "x")],
        "date",
        |p| matches!(p, Problem::DateOutOfRange { .. }),
    );
}

#[test]
fn demand_lifecycle_fields_must_agree() {
    let base =
        [("raised_on", "2026-10-01"), ("household_id", "1"), ("category", "environment"), ("content", "楼道灯不亮")];
    let new = try_build(Kind::Demand, &base).unwrap();
    assert!(matches!(new, AnyData::Demand(d) if d.status.id() == "open"), "status defaults to open");
    let with = |extra: &[(&'static str, &'static str)]| {
        let mut f = base.to_vec();
        f.extend_from_slice(extra);
        f
    };
    has(Kind::Demand, &with(&[("status", "resolved")]), "resolution", |p| matches!(p, Problem::NeedsWhenStatus { .. }));
    has(Kind::Demand, &with(&[("status", "resolved")]), "resolved_on", |p| {
        matches!(p, Problem::NeedsWhenStatus { .. })
    });
    has(Kind::Demand, &with(&[("status", "unresolvable")]), "resolution", |p| {
        matches!(p, Problem::NeedsWhenStatus { .. })
    });
    has(
        Kind::Demand,
        &with(&[("status", "resolved"), ("resolution", "已修复"), ("resolved_on", "2026-09-01")]),
        "resolved_on",
        |p| *p == Problem::NotBefore { other: "raised_on" },
    );
    has(Kind::Demand, &with(&[("follow_up_on", "2026-11-01")]), "follow_up_on", |p| *p == Problem::OnlyWhenClosed);
    has(Kind::Demand, &with(&[("satisfaction", "satisfied")]), "satisfaction", |p| {
        *p == Problem::NeedsField { other: "follow_up_on" }
    });
    let done = with(&[
        ("status", "已办结"),
        ("resolution", "已修复"),
        ("resolved_on", "2026-10-05"),
        ("follow_up_on", "2026-10-20"),
        ("satisfaction", "满意"),
    ]);
    assert!(try_build(Kind::Demand, &done).is_ok());
}

#[test]
fn meeting_quarter_follows_the_date() {
    let m = try_build(Kind::Meeting, &[("date", "2026-10-09")]).unwrap();
    assert!(matches!(&m, AnyData::Meeting(m) if m.quarter.map(|q| q.to_string()) == Some("2026Q4".into())));
    has(Kind::Meeting, &[("date", "2026-10-09"), ("quarter", "2026Q3")], "quarter", |p| {
        matches!(p, Problem::QuarterMismatch { .. })
    });
    has(Kind::Meeting, &[("date", "2026-10-09"), ("quarter", "2026Q7")], "quarter", |p| {
        matches!(p, Problem::BadQuarter { .. })
    });
    has(Kind::Meeting, &[("date", "2026-10-09"), ("topics", "[{\"title\":\"\"}]")], "topics", |p| {
        *p == Problem::in_item(1, "title", Problem::Required)
    });
    has(Kind::Meeting, &[("date", "2026-10-09"), ("topics", "not json")], "topics", |p| {
        matches!(p, Problem::BadJson { .. })
    });
    let ok =
        try_build(Kind::Meeting, &[("date", "2026-10-09"), ("topics", r#"[{"title":"加装电梯","demand_ids":[3]}]"#)]);
    assert!(ok.unwrap().refs().iter().any(|r| r.kind == Kind::Demand && r.id == 3));
}

#[test]
fn task_done_needs_a_date() {
    has(Kind::Task, &[("title", "修路灯"), ("owner_id", "1"), ("status", "done")], "done_on", |p| {
        matches!(p, Problem::NeedsWhenStatus { .. })
    });
    has(
        Kind::Task,
        &[("title", "修路灯"), ("owner_id", "1"), ("progress", r#"[{"date":"2026-11-01","note":""}]"#)],
        "progress",
        |p| *p == Problem::in_item(1, "note", Problem::Required),
    );
    assert!(try_build(Kind::Task, &[("title", "修路灯"), ("owner_id", "1"), ("due", "+14")]).is_ok());
}

#[test]
fn evaluation_checks_period_and_votes() {
    has(Kind::Evaluation, &[("member_id", "1"), ("period", "2026H3")], "period", |p| {
        matches!(p, Problem::BadPeriod { .. })
    });
    has(Kind::Evaluation, &[("member_id", "1"), ("period", "2026"), ("vote_sets", "群众 1,2")], "vote_sets", |p| {
        matches!(p, Problem::BadVoteSets { .. })
    });
    let over = [("member_id", "1"), ("period", "2026"), ("vote_sets", "群众 10,5,0,0/20/12")];
    has(Kind::Evaluation, &over, "vote_sets", |p| matches!(p, Problem::BadBallots { what: "votes_over_returned", .. }));
    let unreasoned = [("member_id", "1"), ("period", "2026"), ("recommendation", "nomination")];
    has(Kind::Evaluation, &unreasoned, "recommendation_reason", |p| matches!(p, Problem::NeedsWhenStatus { .. }));
    assert!(try_build(
        Kind::Evaluation,
        &[("member_id", "1"), ("period", "2026H1"), ("vote_sets", "群众 12,3,1,0/20/16"), ("grade", "优秀")]
    )
    .is_ok());
}

#[test]
fn unknown_fields_and_all_errors_are_reported_at_once_in_both_languages() {
    let err = try_build(Kind::Member, &[("colour", "red"), ("phone", "12")]).unwrap_err();
    let zh = err.message(Lang::Zh);
    let en = err.message(Lang::En);
    assert!(zh.contains("没有这个字段") && zh.contains("--contact-name"), "{zh}");
    assert!(zh.contains("姓名（name）：必填"), "{zh}");
    assert!(zh.contains("电话（phone）"), "{zh}");
    assert!(en.contains("member colour: no such field") && en.contains("member name: is required"), "{en}");
    assert!(en.contains("\"12\" is not a phone number"), "{en}");
}
