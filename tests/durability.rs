//! Writers killed with SIGKILL at random moments: every write that was
//! acknowledged must be there afterwards, and `check` must be clean.
//! 100 cycles by default; `SILIAN_DURABILITY_CYCLES=1000` for a longer run.

mod common;

use common::*;
use silian::model::{AnyData, Kind};
use silian::store::Store;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const WRITER_ENV: &str = "SILIAN_DURABILITY_WRITER";

/// The child: writes visits as fast as it can and says "ack ID SUMMARY" after each.
#[test]
fn writer_child() {
    let Ok(path) = std::env::var(WRITER_ENV) else { return };
    let store = Store::open(Path::new(&path), 8).unwrap();
    let mut out = std::io::stdout().lock();
    for n in 0.. {
        let summary = format!("走访 {} {n}", std::process::id());
        let rec = store.create(&ctx(), visit(&summary)).unwrap();
        writeln!(out, "ack {} {summary}", rec.meta.id).unwrap();
        out.flush().unwrap();
    }
}

fn visit(summary: &str) -> AnyData {
    build(
        Kind::Visit,
        &[("date", "t"), ("member_id", "1"), ("kind", "home"), ("household_id", "1"), ("summary", summary)],
    )
}

fn cycles() -> usize {
    std::env::var("SILIAN_DURABILITY_CYCLES").ok().and_then(|s| s.parse().ok()).unwrap_or(100)
}

/// Starts a writer, kills it after `after`, returns what it acknowledged.
fn run_writer(path: &Path, after: Duration) -> Vec<(u64, String)> {
    let exe = std::env::current_exe().unwrap();
    let mut child = Command::new(exe)
        .args(["--exact", "writer_child", "--nocapture", "--test-threads=1"])
        .env(WRITER_ENV, path)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
            .filter_map(|l| {
                let rest = l.strip_prefix("ack ")?;
                let (id, summary) = rest.split_once(' ')?;
                Some((id.parse().ok()?, summary.to_string()))
            })
            .collect::<Vec<(u64, String)>>()
    });
    std::thread::sleep(after);
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    reader.join().unwrap()
}

#[test]
fn acknowledged_writes_survive_sigkill() {
    if std::env::var(WRITER_ENV).is_ok() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    {
        let store = Store::open(&path, 8).unwrap();
        small_street(&store);
    }
    let mut rng = fastrand::Rng::with_seed(29);
    let mut acknowledged = 0;
    let started = Instant::now();
    for cycle in 0..cycles() {
        let after = Duration::from_millis(rng.u64(5..120));
        let acks = run_writer(&path, after);
        acknowledged += acks.len();
        let store = Store::open(&path, 8).unwrap();
        for (id, summary) in &acks {
            let rec = store.get(Kind::Visit, *id).unwrap();
            let found = rec.as_ref().map(|r| r.data.search_text());
            assert!(found.is_some_and(|t| t.contains(summary)), "cycle {cycle}: visit {id} ({summary}) lost");
        }
        let problems = store.check().unwrap();
        assert!(problems.is_empty(), "cycle {cycle}: {problems:?}");
    }
    assert!(acknowledged > cycles(), "the writers hardly wrote: {acknowledged}");
    eprintln!("{} cycles, {acknowledged} acknowledged writes, {:?}", cycles(), started.elapsed());
}
