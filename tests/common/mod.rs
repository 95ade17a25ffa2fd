//! Shared helpers: temporary stores, a fixed clock, sample records, the binary.
#![allow(dead_code)]

use chrono::{DateTime, NaiveDate, Utc};
use silian::model::{AnyData, Kind};
use silian::store::{Context, Store};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn today() -> NaiveDate {
    "2026-11-29".parse().unwrap()
}

pub fn ctx() -> Context {
    let now: DateTime<Utc> = "2026-11-29T09:30:00Z".parse().unwrap();
    Context { account: "clerk".into(), now }
}

pub fn temp_store() -> (tempfile::TempDir, Store) {
    // As the program does first thing: files it creates are its owner's alone.
    silian::os::keep_files_private();
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("store"), 8).unwrap();
    (dir, store)
}

pub fn build(kind: Kind, fields: &[(&str, &str)]) -> AnyData {
    let pairs: Vec<(String, String)> = fields.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    AnyData::build(kind, &pairs, today()).unwrap_or_else(|e| panic!("{}", e.message(silian::i18n::Lang::En)))
}

pub fn add(store: &Store, kind: Kind, fields: &[(&str, &str)]) -> u64 {
    store.create(&ctx(), build(kind, fields)).unwrap().meta.id
}

/// A community, a unit, a member linked to both, and one household: ids 1 each.
pub fn small_street(store: &Store) {
    add(store, Kind::Community, &[("name", "长安社区")]);
    add(store, Kind::Unit, &[("name", "滨江实验小学"), ("kind", "school")]);
    add(
        store,
        Kind::Member,
        &[("name", "余伟军"), ("role", "leader"), ("unit_id", "1"), ("community_id", "1"), ("line", "党建")],
    );
    add(
        store,
        Kind::Household,
        &[
            ("community_id", "1"),
            ("member_id", "1"),
            ("head", "曾国藩"),
            ("phone", "13812341234"),
            ("address", "幸福路12号501室"),
        ],
    );
}

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_silian")
}

/// Runs silian on `db` with a pinned date and language.
pub fn silian(db: &Path, lang: &str, args: &[&str]) -> Output {
    Command::new(bin())
        .args(args)
        .env("SILIAN_DB", db)
        .env("SILIAN_LANG", lang)
        .env("SILIAN_TODAY", "2026-11-29")
        .output()
        .unwrap()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn db_in(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("store")
}

/// A closed store holding `small_street`: 长安社区 (1), 滨江实验小学 (1),
/// member 余伟军 (1) and household 曾国藩 (1), for silian to open.
pub fn street_db() -> (tempfile::TempDir, PathBuf) {
    closed_store(small_street)
}

/// A store filled by `fill`, then closed so that the binary can open it.
pub fn closed_store(fill: impl FnOnce(&Store)) -> (tempfile::TempDir, PathBuf) {
    silian::os::keep_files_private();
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(&dir);
    let store = Store::open(&db, 8).unwrap();
    fill(&store);
    drop(store);
    (dir, db)
}

/// A street with a little of everything, for workbench tests and snapshots.
pub fn sample_street(store: &Store) {
    small_street(store);
    add(store, Kind::Community, &[("name", "新安社区"), ("secretary", "查良镛")]);
    add(store, Kind::Unit, &[("name", "ABC科技有限公司"), ("kind", "non_public"), ("party_members", "12")]);
    add(
        store,
        Kind::Member,
        &[
            ("name", "单雄信"),
            ("role", "part_time"),
            ("unit_id", "2"),
            ("community_id", "2"),
            ("line", "城市管理"),
            ("post", "城管委员"),
        ],
    );
    add(
        store,
        Kind::Member,
        &[
            ("name", "蒋娜"),
            ("role", "office_director"),
            ("community_id", "1"),
            ("line", "党建"),
            ("contact_name", "王芳"),
            ("contact_phone", "13900001111"),
        ],
    );
    add(
        store,
        Kind::Household,
        &[
            ("community_id", "2"),
            ("member_id", "2"),
            ("head", "区志坚"),
            ("phone", "13711112222"),
            ("address", "新安路8号2幢301室"),
            ("size", "3"),
            ("tags", "veteran"),
        ],
    );
    add(
        store,
        Kind::Household,
        &[
            ("community_id", "1"),
            ("member_id", "1"),
            ("head", "张三"),
            ("address", "幸福路3号"),
            ("tags", "elderly_alone,hardship"),
        ],
    );
    for (date, household, summary) in [
        ("2026-11-20", "1", "了解老人身体状况，反映楼道灯不亮"),
        ("2026-10-15", "2", "走访退役军人家庭，宣传优待政策"),
        ("2026-09-03", "1", "电话回访，情况稳定"),
        ("2026-06-18", "3", "独居老人，帮助联系社区助餐"),
    ] {
        add(
            store,
            Kind::Visit,
            &[("date", date), ("member_id", "1"), ("kind", "home"), ("household_id", household), ("summary", summary)],
        );
    }
    add(
        store,
        Kind::Visit,
        &[
            ("date", "2026-11-25"),
            ("member_id", "3"),
            ("kind", "reception"),
            ("visitor", "王阿姨 13812345678"),
            ("summary", "咨询低保申请"),
        ],
    );
    add(
        store,
        Kind::Demand,
        &[
            ("raised_on", "2026-11-20"),
            ("visit_id", "1"),
            ("household_id", "1"),
            ("member_id", "1"),
            ("category", "infrastructure"),
            ("content", "楼道灯不亮，老人夜间出行不便"),
            ("status", "escalated"),
        ],
    );
    add(
        store,
        Kind::Demand,
        &[
            ("raised_on", "2026-09-01"),
            ("household_id", "3"),
            ("member_id", "1"),
            ("category", "welfare"),
            ("content", "申请助餐服务"),
        ],
    );
    add(
        store,
        Kind::Demand,
        &[
            ("raised_on", "2026-08-01"),
            ("unit_id", "2"),
            ("member_id", "2"),
            ("category", "enterprise"),
            ("content", "企业用工招聘需求"),
            ("status", "resolved"),
            ("resolution", "对接人社所招聘会"),
            ("resolved_on", "2026-08-20"),
            ("follow_up_on", "2026-09-01"),
            ("satisfaction", "satisfied"),
        ],
    );
    add(
        store,
        Kind::Meeting,
        &[
            ("date", "2026-10-09"),
            ("location", "街道三楼会议室"),
            ("chair_id", "1"),
            ("attendee_ids", "1,2,3"),
            (
                "topics",
                r#"[{"title":"老旧小区楼道照明","demand_ids":[1],"discussion":"物业与社区分工","decision":"由物业两周内更换"}]"#,
            ),
            ("status", "held"),
        ],
    );
    add(
        store,
        Kind::Task,
        &[
            ("title", "更换楼道灯"),
            ("meeting_id", "1"),
            ("demand_ids", "1"),
            ("owner_id", "1"),
            ("due", "2026-11-15"),
            ("status", "doing"),
            ("progress", r#"[{"date":"2026-11-01","reporter":"王芳","note":"已联系物业"}]"#),
        ],
    );
    add(store, Kind::Task, &[("title", "助餐服务对接"), ("owner_id", "3"), ("due", "2026-12-31")]);
    add(
        store,
        Kind::Evaluation,
        &[
            ("member_id", "1"),
            ("period", "2025"),
            ("vote_sets", "群众 25,6,1,0"),
            ("grade", "excellent"),
            ("published_on", "2026-01-20"),
        ],
    );
    add(store, Kind::Evaluation, &[("member_id", "2"), ("period", "2025"), ("vote_sets", "群众 8,12,9,1")]);
}

/// Two deputies on the roster (ids 1, 2) and the two reporting sessions of
/// 2025 at which members 1 and 2 reported (ids 1, 2).
pub fn roster(store: &Store) {
    let deputy = |name, ty, level, sector, phone| {
        let fields = [("name", name), ("type", ty), ("level", level), ("sector", sector), ("phone", phone)];
        add(store, Kind::Deputy, &[&fields[..], &[("community_id", "1")]].concat())
    };
    deputy("林海燕", "peoples_congress", "district", "滨江实验小学", "13922223333");
    deputy("何国庆", "cppcc", "city", "经济界", "13644445555");
    let session = |kind, date, more: &[(&str, &str)]| {
        let fields = [("period", "2025"), ("kind", kind), ("date", date), ("member_ids", "1,2")];
        add(store, Kind::Session, &[&fields[..], more].concat())
    };
    session("committee", "2026-01-12", &[("leader", "区委组织部副部长 王立新"), ("attendee_ids", "1,2")]);
    session("deputies", "2026-01-17", &[("deputy_ids", "1,2"), ("resident_reps", "20")]);
}

/// The store as the workbench and the command line reach it: through the
/// access checks, as the tests' account, `clerk`, made an admin for them.
pub fn as_backend(store: Store) -> silian::net::Backend {
    clerk_is_admin(&store);
    silian::net::Backend::Local(store)
}

/// An operation as the tests' account, `clerk`, which is made an admin for
/// it: every operation passes the access checks.
pub fn ask<O: silian::ops::Routed>(store: &Store, op: O) -> Result<O::Reply, silian::ops::Error> {
    if store.grant_of("clerk").is_err() {
        clerk_is_admin(store);
    }
    silian::ops::ask_local(store, &ctx(), op)
}

fn clerk_is_admin(store: &Store) {
    let grant = silian::store::Grant { role: silian::store::Role::Admin, member_id: None };
    store.set_role(&ctx(), "clerk", Some(grant)).unwrap();
}

/// `sample_street` and a hot issue: e-bikes charging in stairwells, raised
/// three ways in 长安社区 (demands 4–6: two households and the community);
/// the same text once in 新安社区 (7) and a noisy restaurant in 长安社区 (8).
pub fn hot_street(store: &Store) {
    sample_street(store);
    let raise = |target: (&str, &str), raised: &str, content: &str| {
        #[rustfmt::skip]
        let fields = [target, ("raised_on", raised), ("member_id", "1"), ("category", "safety"), ("content", content)];
        add(store, Kind::Demand, &fields)
    };
    raise(("household_id", "1"), "2026-11-02", "电动车在楼道充电，担心起火，希望建集中充电桩。");
    raise(("household_id", "3"), "2026-10-20", "楼道里电动车充电到半夜，存在火灾隐患");
    raise(("community_id", "1"), "2026-11-10", "电动自行车楼道内充电问题突出，建议安装充电桩");
    raise(("household_id", "2"), "2026-11-05", "电动车在楼道充电，担心起火，希望建集中充电桩。");
    raise(("household_id", "1"), "2026-11-06", "楼下饭店晚上营业噪音太大，吵得睡不着");
}
