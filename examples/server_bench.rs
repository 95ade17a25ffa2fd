//! The cost of the shared store's server: write throughput with 1 and 10
//! clients, and the time a request takes through the socket compared with the
//! store in the same process. `cargo run --release --example server_bench`.
//! Figures only; nothing here is asserted.

use silian::model::{AnyData, Kind};
use silian::net::client::Client;
use silian::net::server::{serve, ServeOptions};
use silian::net::{socket_path, Backend};
use silian::ops;
use silian::store::{Context, Store};
use std::path::Path;
use std::time::{Duration, Instant};

const READS: usize = 5_000;
const WRITES: usize = 2_000;

fn visit(n: usize) -> AnyData {
    let fields = [("date", "2026-11-28"), ("member_id", "1"), ("household_id", "1")];
    let mut pairs: Vec<(String, String)> = fields.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    pairs.push(("summary".into(), format!("基准走访 {n}")));
    AnyData::build(Kind::Visit, &pairs, chrono::Local::now().date_naive()).expect("a valid visit")
}

fn street(path: &Path) {
    let store = Store::open(path, 8).expect("store");
    let ctx = ctx();
    let add = |kind, fields: &[(&str, &str)]| {
        let pairs: Vec<(String, String)> = fields.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        let data = AnyData::build(kind, &pairs, chrono::Local::now().date_naive()).expect("valid");
        store.create(&ctx, data).expect("written");
    };
    add(Kind::Community, &[("name", "长安社区")]);
    add(Kind::Member, &[("name", "余伟军"), ("role", "leader"), ("community_id", "1")]);
    add(Kind::Household, &[("community_id", "1"), ("member_id", "1"), ("head", "曾国藩")]);
}

fn ctx() -> Context {
    Context { account: silian::os::current_account(), now: chrono::Utc::now() }
}

/// Median and 99th percentile of `n` timed calls.
fn latency(n: usize, mut call: impl FnMut()) -> (Duration, Duration) {
    let mut times: Vec<Duration> = (0..n)
        .map(|_| {
            let t = Instant::now();
            call();
            t.elapsed()
        })
        .collect();
    times.sort();
    (times[n / 2], times[n * 99 / 100])
}

fn writes_per_second(clients: usize, each: usize, make: impl Fn() -> Backend + Sync) -> f64 {
    let t = Instant::now();
    std::thread::scope(|scope| {
        for c in 0..clients {
            let backend = make();
            scope.spawn(move || {
                for i in 0..each {
                    backend.ask(&ctx(), ops::records::Create { data: visit(c * each + i) }).expect("written");
                }
            });
        }
    });
    (clients * each) as f64 / t.elapsed().as_secs_f64()
}

fn micros(d: Duration) -> String {
    format!("{:.0} µs", d.as_secs_f64() * 1e6)
}

fn main() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let local_path = dir.path().join("local");
    let served_path = dir.path().join("served");
    street(&local_path);
    street(&served_path);

    let local = Backend::Local(Store::open(&local_path, 32).expect("store"));
    let get = ops::records::Get { kind: Kind::Household, id: 1 };
    let (local_med, local_p99) = latency(READS, || {
        local.ask(&ctx(), get.clone()).expect("read");
    });
    let t = Instant::now();
    for i in 0..WRITES {
        local.ask(&ctx(), ops::records::Create { data: visit(i) }).expect("written");
    }
    let local_writes = WRITES as f64 / t.elapsed().as_secs_f64();
    drop(local);

    let opts = ServeOptions::new(served_path.clone(), 32);
    std::thread::spawn(move || serve(&opts, &|_| {}));
    let socket = socket_path(&served_path);
    while Client::connect(&socket).is_err() {
        std::thread::sleep(Duration::from_millis(10));
    }
    let remote = || Backend::Remote(Client::connect(&socket).expect("the server answers"));
    let served = remote();
    let (served_med, served_p99) = latency(READS, || {
        served.ask(&ctx(), get.clone()).expect("read");
    });
    let served_one = writes_per_second(1, WRITES, remote);
    let served_ten = writes_per_second(10, WRITES / 10 * 2, remote);

    println!("| measure | in this process | through the server |");
    println!("|---|---|---|");
    println!("| read one record, median | {} | {} |", micros(local_med), micros(served_med));
    println!("| read one record, 99th percentile | {} | {} |", micros(local_p99), micros(served_p99));
    println!("| writes/s, 1 client | {local_writes:.0} | {served_one:.0} |");
    println!("| writes/s, 10 clients | | {served_ten:.0} |");
    std::process::exit(0);
}
