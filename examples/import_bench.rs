//! Times importing 100,000 households from a CSV file, in process, phase by
//! phase: `cargo run --release --example import_bench [ROWS]`.
//!
//! The file and the store are made in a temporary directory: a store with one
//! community and one member, and a UTF-8 CSV with Chinese headers naming them.
//!
//! 2026-12-03, 2 cores shared with other builds (load 2.2–2.5), `--profile
//! profiling`, 3 runs each, alternating with the build before validation went
//! typed: read 0.08–0.10 s, plan 0.44–0.47 s (before: 0.53–0.60), write
//! 1.74–1.96 s (before: 1.67–2.14, within the noise), total 2.30–2.49 s =
//! 40,200–43,600 rows/s (before: 2.29–2.87 s, 34,900–43,700), peak 122 MB (99
//! MB by the end of the plan). Earlier the same day: 38,700–45,000 rows/s; before
//! one audit entry per import, 30,900 rows/s and 188 MB. The time a shared
//! machine kept this process waiting for a CPU is printed apart.

use silian::io::import::{self, Layout, OnDuplicate, Options, Snapshot};
use silian::io::read;
use silian::model::{AnyData, Kind};
use silian::store::{Context, Store};
use std::fmt::Write as _;
use std::time::Instant;

const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
const GIVEN: &str = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华玉萍红娥玲芬建国志海燕晓东文斌宇浩然子涵欣怡梓轩雨萱思远佳俊婷丹鹏飞凤金德福永利";
const TAGS: [&str; 4] = ["", "低保户", "独居老人", "困难户、退役军人"];

fn build(kind: Kind, fields: &[(&str, &str)]) -> AnyData {
    let pairs: Vec<(String, String)> = fields.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    AnyData::build(kind, &pairs, chrono::Local::now().date_naive()).expect("valid sample data")
}

fn csv(rows: usize) -> String {
    let (s, g): (Vec<char>, Vec<char>) = (SURNAMES.chars().collect(), GIVEN.chars().collect());
    let mut out = String::with_capacity(rows * 80);
    out.push_str("户主,所在社区,联系委员,家庭住址,手机号码,人口,类别,备注\n");
    for i in 0..rows {
        let head = format!("{}{}{}", s[i % s.len()], g[(i / s.len()) % g.len()], g[(i / 7) % g.len()]);
        let _ = writeln!(
            out,
            "{head},长安社区,余伟军,幸福路{}号{}幢{}室,139{:08},{},{},",
            i / 1000,
            i / 100 % 10,
            i % 100 + 101,
            i,
            1 + i % 6,
            TAGS[i % TAGS.len()]
        );
    }
    out
}

/// Peak resident memory of this process, from /proc (Linux only).
fn peak_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Time the main thread has spent waiting for a CPU so far (Linux only): on a
/// machine shared with other builds, wall time minus this is about what an
/// idle machine would take.
fn waited_s() -> f64 {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").unwrap_or_default();
    stat.split_whitespace().nth(1).and_then(|ns| ns.parse::<f64>().ok()).map_or(0.0, |ns| ns / 1e9)
}

fn main() {
    let rows: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    // CACHE_MB: the page cache in MiB, as `--cache-mb` sets it.
    let cache_mb =
        std::env::var("CACHE_MB").ok().and_then(|v| v.parse().ok()).unwrap_or(silian::store::DEFAULT_CACHE_MB);
    let store = Store::open(&dir.join("store"), cache_mb).expect("store");
    let ctx = Context { account: "bench".into(), now: chrono::Utc::now() };
    store.create(&ctx, build(Kind::Community, &[("name", "长安社区")])).expect("community");
    let member = [("name", "余伟军"), ("role", "part_time"), ("community_id", "1")];
    store.create(&ctx, build(Kind::Member, &member)).expect("member");
    let path = dir.join("households.csv");
    std::fs::write(&path, csv(rows)).expect("csv");
    let size_mb = std::fs::metadata(&path).map(|m| m.len() as f64 / 1e6).unwrap_or(0.0);
    println!("{rows} rows, {size_mb:.1} MB of CSV");

    let all = Instant::now();
    let waited_before = waited_s();
    let t = Instant::now();
    let sheet = read::read_file(&path, None).expect("read");
    let read_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let layout = Layout::detect(Kind::Household, &sheet.rows).expect("header");
    let snapshot = Snapshot::load(&store, &layout).expect("snapshot");
    let today = chrono::Local::now().date_naive();
    let options = Options { on_duplicate: OnDuplicate::Fail, today };
    let plan = import::plan(&layout, &sheet.rows, &snapshot, options, &mut |_, _| {});
    let plan_s = t.elapsed().as_secs_f64();
    let peak_after_plan = peak_mb();
    assert!(plan.is_ok(), "{:?}", plan.problems.first());
    let t = Instant::now();
    let mut plan = plan;
    let batch = plan.take_batch("households.csv");
    drop(plan);
    drop(sheet);
    let outcome = store.import_batch(&ctx, batch, &|_, _| {}).expect("write");
    let write_s = t.elapsed().as_secs_f64();
    let total_s = all.elapsed().as_secs_f64();
    let waited = waited_s() - waited_before;
    assert_eq!(outcome.created.len(), rows);
    println!("read  {read_s:6.2} s");
    println!("plan  {plan_s:6.2} s  (header, snapshot, references, validation, duplicates)");
    println!(
        "write {write_s:6.2} s  (marker, then chunks of {} rows inserted key by key: records and their index keys; one audit entry for the import; flush)",
        silian::store::bulk::CHUNK
    );
    println!("total {total_s:6.2} s  = {:.0} rows/s", rows as f64 / total_s);
    println!(
        "      {waited:6.2} s of it waiting for a CPU; without: {:.2} s = {:.0} rows/s",
        total_s - waited,
        rows as f64 / (total_s - waited)
    );
    if let Some(mb) = peak_mb() {
        println!("peak memory {mb:.0} MB ({:.0} MB by the end of the plan)", peak_after_plan.unwrap_or(0.0));
    }
    println!("store on disk {:.0} MB", store.size_on_disk() as f64 / 1e6);
    let t = Instant::now();
    let problems = store.check().expect("check");
    println!("check {:6.2} s, {} problems", t.elapsed().as_secs_f64(), problems.len());
}
