//! The shared store: a real `silian serve` process and clients over its
//! socket, writing at once, dying mid-request, sending garbage, and the
//! server itself killed and started again.

mod common;

use common::*;
use silian::model::{AnyData, Kind};
use silian::net::client::Client;
use silian::net::socket_path;
use silian::net::wire::{write_frame, Ask, Hello};
use silian::ops::{self, Request, Response};
use silian::store::{Store, StoreError};
use std::collections::{BTreeSet, HashMap};
use std::io::{Read, Write};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A `silian serve` child, killed when dropped.
struct Server {
    child: Child,
    socket: PathBuf,
    log: PathBuf,
}

impl Server {
    fn start(db: &Path) -> Server {
        Server::start_with(db, &[])
    }

    /// With `silian serve`'s own options.
    fn start_with(db: &Path, options: &[&str]) -> Server {
        let log = db.with_extension("log");
        let err = std::fs::OpenOptions::new().create(true).append(true).open(&log).unwrap();
        let child = Command::new(bin())
            .args(["--db", db.to_str().unwrap(), "serve"])
            .args(options)
            .stdout(Stdio::null())
            .stderr(err)
            .spawn()
            .unwrap();
        let server = Server { child, socket: socket_path(db), log };
        server.wait_until_answering();
        server
    }

    fn wait_until_answering(&self) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Client::connect(&self.socket).is_err() {
            assert!(Instant::now() < deadline, "the server did not answer: {}", self.log_text());
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn client(&self) -> Client {
        Client::connect(&self.socket).unwrap_or_else(|e| panic!("{e:?}"))
    }

    fn kill_hard(&mut self) {
        let _ = self.child.kill(); // SIGKILL: no handler runs
        let _ = self.child.wait();
    }

    fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill_hard();
    }
}

fn visit(summary: &str) -> AnyData {
    build(Kind::Visit, &[("date", "2026-11-28"), ("member_id", "1"), ("household_id", "1"), ("summary", summary)])
}

fn visits(client: &Client) -> Vec<silian::model::AnyRecord> {
    match client.ask(Request::from(ops::records::List { kind: Kind::Visit, include_archived: true })).unwrap() {
        Response::List(r) => r,
        other => panic!("{other:?}"),
    }
}

fn summary(rec: &silian::model::AnyRecord) -> String {
    match &rec.data {
        AnyData::Visit(v) => v.summary.clone(),
        other => panic!("{other:?}"),
    }
}

fn assert_check_clean(server: &Server) {
    match server.client().ask(Request::from(ops::maintenance::Check)).unwrap() {
        Response::Check(p) => assert!(p.is_empty(), "{p:?}"),
        other => panic!("{other:?}"),
    }
}

/// Each of `clients` threads writes `each` visits over its own connection;
/// returns the ids acknowledged to each.
fn write_at_once(server: &Server, clients: usize, each: usize) -> Vec<Vec<u64>> {
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..clients)
            .map(|c| {
                let client = server.client();
                scope.spawn(move || {
                    (0..each)
                        .map(|i| {
                            match client
                                .ask(Request::from(ops::records::Create { data: visit(&format!("c{c}-{i}")) }))
                                .unwrap()
                            {
                                Response::Create(rec) => rec.id(),
                                other => panic!("{other:?}"),
                            }
                        })
                        .collect::<Vec<u64>>()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    })
}

#[test]
fn two_then_ten_clients_writing_a_thousand_records_each_lose_and_duplicate_nothing() {
    for clients in [2, 10] {
        let (_dir, db) = street_db();
        let server = Server::start(&db);
        let started = Instant::now();
        let acked = write_at_once(&server, clients, 1000);
        let took = started.elapsed();
        eprintln!("{clients} clients: {} writes in {took:.1?}", clients * 1000);
        let ids: BTreeSet<u64> = acked.iter().flatten().copied().collect();
        assert_eq!(ids.len(), clients * 1000, "every acknowledged id is different");
        let stored = visits(&server.client());
        assert_eq!(stored.len(), clients * 1000, "none lost, none duplicated");
        let mut seen: HashMap<String, u64> = HashMap::new();
        for rec in &stored {
            assert!(seen.insert(summary(rec), rec.id()).is_none(), "{} stored twice", summary(rec));
        }
        for (c, ids) in acked.iter().enumerate() {
            for (i, id) in ids.iter().enumerate() {
                assert_eq!(
                    seen.get(&format!("c{c}-{i}")),
                    Some(id),
                    "client {c}'s record {i} under the id it was told"
                );
            }
        }
        assert_check_clean(&server);
        let check = silian(&db, "en", &["check"]);
        assert!(check.status.success(), "silian check through the server: {}", stderr(&check));
    }
}

/// Says hello as a client would, by hand, to then misbehave.
fn raw_connection(socket: &Path) -> UnixStream {
    let mut stream = UnixStream::connect(socket).unwrap();
    write_frame(&mut stream, &Hello::new(false)).unwrap();
    let mut len = [0u8; 4];
    stream.read_exact(&mut len).unwrap();
    let mut welcome = vec![0u8; u32::from_be_bytes(len) as usize];
    stream.read_exact(&mut welcome).unwrap();
    stream
}

fn import_of(n: usize) -> Request {
    let creates = (0..n).map(|i| visit(&format!("导入{i}"))).collect();
    let batch =
        silian::store::bulk::ImportBatch { kind: Kind::Visit, creates, updates: vec![], source: "big.csv".into() };
    Request::from(ops::import::Import { batch })
}

#[test]
fn a_client_gone_mid_request_leaves_the_store_consistent() {
    let (_dir, db) = street_db();
    let server = Server::start(&db);
    // Half a request, then gone.
    let mut frame = Vec::new();
    write_frame(&mut frame, &Ask::Request(Box::new(import_of(300)))).unwrap();
    let mut half = raw_connection(&server.socket);
    half.write_all(&frame[..frame.len() / 2]).unwrap();
    drop(half);
    // A whole request, gone before its reply.
    let mut whole = raw_connection(&server.socket);
    whole.write_all(&frame).unwrap();
    drop(whole);
    std::thread::sleep(Duration::from_millis(500));
    let client = server.client();
    let n = visits(&client).len();
    assert!(n == 0 || n == 300, "an import is written all or nothing, never {n}");
    assert_check_clean(&server);
    assert!(client.ask(Request::from(ops::records::Create { data: visit("之后") })).is_ok(), "the server goes on");
}

#[test]
fn the_server_killed_and_started_again_keeps_every_acknowledged_write_and_clients_reconnect() {
    let (_dir, db) = street_db();
    let mut server = Server::start(&db);
    let client = server.client();
    let mut acked: Vec<(u64, String)> = Vec::new();
    let mut refused = 0;
    let mut i = 0;
    while acked.len() < 400 {
        if acked.len() == 150 && refused == 0 {
            server.kill_hard();
            // Meanwhile the client is told, not hung.
            match client.ask(Request::from(ops::records::Create { data: visit("无人应答") })) {
                Err(ops::Error::Unreachable { .. } | ops::Error::Lost { .. }) => refused += 1,
                other => panic!("{other:?}"),
            }
            server = Server::start(&db);
        }
        let text = format!("第{i}条");
        i += 1;
        match client.ask(Request::from(ops::records::Create { data: visit(&text) })) {
            Ok(Response::Create(rec)) => acked.push((rec.id(), text)),
            Err(ops::Error::Unreachable { .. } | ops::Error::Lost { .. }) => refused += 1,
            other => panic!("{other:?}"),
        }
    }
    assert!(refused >= 1);
    let stored: HashMap<u64, String> = visits(&server.client()).iter().map(|r| (r.id(), summary(r))).collect();
    for (id, text) in &acked {
        assert_eq!(stored.get(id), Some(text), "acknowledged write {id} survives the kill");
    }
    assert_check_clean(&server);
}

#[test]
fn garbage_on_the_socket_closes_that_connection_only() {
    let (_dir, db) = street_db();
    let server = Server::start(&db);
    let good = server.client();
    let mut rng = fastrand::Rng::with_seed(7);
    for round in 0..300 {
        let mut stream =
            if round % 2 == 0 { UnixStream::connect(&server.socket).unwrap() } else { raw_connection(&server.socket) };
        let mut bytes = Vec::new();
        match round % 5 {
            // A length far over the limit: refused before anything is allocated.
            0 => bytes.extend_from_slice(&u32::MAX.to_be_bytes()),
            // A plausible length, then random bytes.
            1 => {
                let body: Vec<u8> = (0..rng.usize(1..200)).map(|_| rng.u8(..)).collect();
                bytes.extend_from_slice(&(body.len() as u32).to_be_bytes());
                bytes.extend_from_slice(&body);
            }
            // A real request with some of its bytes flipped.
            2 => {
                write_frame(
                    &mut bytes,
                    &Ask::Request(Box::new(Request::from(ops::records::Create { data: visit("翻转") }))),
                )
                .unwrap();
                for _ in 0..rng.usize(1..6) {
                    let at = rng.usize(4..bytes.len());
                    bytes[at] ^= rng.u8(1..);
                }
            }
            // Pure noise.
            _ => bytes.extend((0..rng.usize(1..100)).map(|_| rng.u8(..))),
        }
        let _ = stream.write_all(&bytes);
        let _ = stream.shutdown(std::net::Shutdown::Write);
        let mut rest = Vec::new();
        let _ = stream.read_to_end(&mut rest); // the server closes it
        assert!(
            good.ask(Request::from(ops::accounts::WhoAmI)).is_ok(),
            "round {round}: the well-behaved client is still served"
        );
    }
    assert_check_clean(&server);
    assert!(server.log_text().contains("malformed"), "{}", server.log_text());
}

#[test]
fn a_save_over_someone_elses_newer_change_is_refused() {
    let (_dir, db) = street_db();
    let server = Server::start(&db);
    let (a, b) = (server.client(), server.client());
    let read = |c: &Client| match c.ask(Request::from(ops::records::Get { kind: Kind::Household, id: 1 })).unwrap() {
        Response::Get(r) => r,
        other => panic!("{other:?}"),
    };
    let noted = |mut rec: silian::model::AnyRecord, note: &str| {
        let AnyData::Household(h) = &mut rec.data else { panic!() };
        h.notes = note.into();
        rec.data
    };
    let (seen_by_a, seen_by_b) = (read(&a), read(&b));
    let rev = seen_by_a.meta.rev;
    a.ask(Request::from(ops::records::Update { id: 1, data: noted(seen_by_a, "甲改"), expected_rev: Some(rev) }))
        .unwrap();
    match b
        .ask(Request::from(ops::records::Update { id: 1, data: noted(seen_by_b, "乙改"), expected_rev: Some(rev) }))
    {
        Err(ops::Error::Store(StoreError::Stale { kind: Kind::Household, id: 1, expected, found })) => {
            assert_eq!((expected, found), (rev, rev + 1))
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn while_a_server_runs_the_command_line_goes_through_it() {
    let (_dir, db) = street_db();
    let server = Server::start(&db);
    let added = silian(&db, "zh", &["add", "member", "--name", "蒋娜", "--role", "part_time"]);
    assert!(added.status.success(), "{}", stderr(&added));
    let listed = silian(&db, "zh", &["list", "member"]);
    assert!(stdout(&listed).contains("蒋娜"), "{}", stdout(&listed));
    // A backup is taken through the server, without stopping it…
    let file = db.with_extension("bak");
    let backup = silian(&db, "zh", &["backup", file.to_str().unwrap()]);
    assert!(backup.status.success(), "{}", stderr(&backup));
    // …restore needs the store itself…
    let restore = silian(&db, "zh", &["restore", file.to_str().unwrap(), "--force"]);
    assert_eq!(restore.status.code(), Some(1));
    assert!(stderr(&restore).contains("silian serve"), "{}", stderr(&restore));
    // …and the file restores into a new store with every record.
    let copy = db.with_file_name("copy");
    let restored = silian(&copy, "zh", &["restore", file.to_str().unwrap()]);
    assert!(restored.status.success(), "{}", stderr(&restored));
    let members = silian(&copy, "zh", &["list", "member"]);
    assert!(stdout(&members).contains("蒋娜") && stdout(&members).contains("余伟军"), "{}", stdout(&members));
    drop(server);
}

#[test]
fn serve_refuses_a_directory_anyone_may_write_and_a_second_server() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let open = dir.path().join("open");
    std::fs::create_dir(&open).unwrap();
    std::fs::set_permissions(&open, std::fs::Permissions::from_mode(0o777)).unwrap();
    let out = silian(&open.join("store"), "zh", &["serve"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("允许其他账户写入") && stderr(&out).contains("open"), "{}", stderr(&out));
    // Nor one the staff group may write: any of them could replace the socket.
    std::fs::set_permissions(&open, std::fs::Permissions::from_mode(0o2770)).unwrap();
    let out = silian(&open.join("store"), "en", &["serve"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("chmod 750"), "{}", stderr(&out));

    let (_dir, db) = street_db();
    let _server = Server::start(&db);
    let second = silian(&db, "en", &["serve"]);
    assert_eq!(second.status.code(), Some(1));
    assert!(stderr(&second).contains("already answers"), "{}", stderr(&second));
}

/// Creates the account (in `group`) unless it exists; false when that is impossible here.
fn ensure_account(name: &str, group: &str) -> bool {
    let quiet = |cmd: &mut Command| cmd.stdout(Stdio::null()).stderr(Stdio::null()).status().map(|s| s.code());
    let _ = quiet(Command::new("groupadd").arg(group));
    let status = quiet(Command::new("useradd").args(["-M", "-N", "-g", group, "-s", "/usr/sbin/nologin", name]));
    // 9: the account exists already (from an earlier run).
    matches!(status, Ok(Some(0 | 9)))
}

/// The README's layout: the server's account owns the directory (it alone
/// may write it), the staff group may enter it, and what is made in it
/// (the socket) belongs to that group.
fn staff_layout(dir: &Path, group: &str) {
    use std::os::unix::fs::{chown, PermissionsExt};
    let gid = std::fs::read_to_string("/etc/group")
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{group}:x:")).and_then(|r| r.split(':').next()?.parse().ok()))
        .unwrap();
    chown(dir, None, Some(gid)).unwrap();
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o2750)).unwrap();
}

/// Runs silian on `db` as another OS account.
fn silian_as(account: &str, db: &Path, args: &[&str]) -> std::process::Output {
    Command::new("runuser")
        .args(["-u", account, "--", bin(), "--db", db.to_str().unwrap()])
        .args(args)
        .env("SILIAN_LANG", "zh")
        .env("SILIAN_TODAY", "2026-11-29")
        .output()
        .unwrap()
}

#[test]
fn accounts_are_told_apart_by_the_kernel_and_held_to_their_roles() {
    let group = "silian_staff";
    let accounts = ["silian_ed", "silian_vi", "silian_no"];
    let is_root = unsafe { libc::geteuid() } == 0;
    if !is_root || !accounts.iter().all(|a| ensure_account(a, group)) {
        eprintln!("SKIPPED: running clients as other accounts needs root with useradd and runuser");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    staff_layout(dir.path(), group);
    let db = db_in(&dir);
    let store = Store::open(&db, 8).unwrap();
    small_street(&store);
    let grant = |role| Some(silian::store::Grant { role, member_id: None });
    store.set_role(&ctx(), "silian_ed", grant(silian::store::Role::Editor)).unwrap();
    store.set_role(&ctx(), "silian_vi", grant(silian::store::Role::Viewer)).unwrap();
    drop(store);
    let _server = Server::start(&db);
    let probe = silian_as("silian_vi", &db, &["--version"]);
    if !probe.status.success() {
        eprintln!("SKIPPED: the test binary cannot be run by another account here: {}", stderr(&probe));
        return;
    }

    let add = ["add", "member", "--name", "蒋娜", "--role", "part_time"];
    let refused = silian_as("silian_vi", &db, &add);
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
    assert!(stderr(&refused).contains("silian_vi") && stderr(&refused).contains("无权"), "{}", stderr(&refused));
    let reveal = silian_as("silian_vi", &db, &["list", "household", "--reveal"]);
    assert_eq!(reveal.status.code(), Some(2), "a viewer cannot reveal: {}", stdout(&reveal));
    assert!(!stdout(&reveal).contains("13812341234"));

    let added = silian_as("silian_ed", &db, &add);
    assert!(added.status.success(), "{}", stderr(&added));
    let grant_by_editor = silian_as("silian_ed", &db, &["role", "silian_vi", "editor"]);
    assert_eq!(grant_by_editor.status.code(), Some(2), "only an admin grants roles");

    let stranger = silian_as("silian_no", &db, &["list", "member"]);
    assert_eq!(stranger.status.code(), Some(2));
    let admin = silian::os::current_account();
    assert!(stderr(&stranger).contains("silian_no") && stderr(&stranger).contains(&admin), "{}", stderr(&stranger));

    let audit = silian(&db, "en", &["audit", "--account", "silian_ed"]);
    let text = stdout(&audit);
    assert!(text.contains("create") && text.contains("member") && text.contains("蒋娜"), "{text}");
    assert!(!text.contains("silian_vi"), "only that account's entries: {text}");
}

#[test]
fn auto_serve_starts_a_server_for_others_to_join_which_stops_once_left_alone() {
    let (_dir, db) = street_db();
    let socket = socket_path(&db);
    let out = Command::new(bin())
        .args(["--db", db.to_str().unwrap(), "--auto-serve=2", "list", "member"])
        .env("SILIAN_LANG", "zh")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("余伟军"), "{}", stdout(&out));
    let log = db.with_extension("serve.log");
    let deadline = Instant::now() + Duration::from_secs(30);
    while socket.exists() {
        assert!(Instant::now() < deadline, "the server still runs with nobody on it");
        std::thread::sleep(Duration::from_millis(50));
    }
    let log = std::fs::read_to_string(log).unwrap();
    assert!(log.contains("serving") && log.contains("no client for 2 s"), "{log}");
    let after = silian(&db, "zh", &["backup", db.with_extension("bak").to_str().unwrap()]);
    assert!(after.status.success(), "the store is free again: {}", stderr(&after));
}

#[test]
fn a_listener_that_never_reads_holds_up_nobody_and_is_let_go() {
    let (_dir, db) = street_db();
    let server = Server::start(&db);
    // Says it listens for changes, then never reads one.
    let mut slow = UnixStream::connect(&server.socket).unwrap();
    write_frame(&mut slow, &Hello::new(true)).unwrap();
    let acked = write_at_once(&server, 2, 1500);
    assert_eq!(acked.iter().map(Vec::len).sum::<usize>(), 3000, "every write went through");
    // Far behind, it was dropped: what it still gets ends instead of growing.
    slow.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let mut drained = Vec::new();
    let end = slow.read_to_end(&mut drained);
    assert!(end.is_ok(), "the server closed the slow listener: {end:?}");
    // A listener that keeps up is still told.
    let mut listener = silian::net::client::Listener::connect(&server.socket).unwrap();
    server.client().ask(Request::from(ops::records::Create { data: visit("之后") })).unwrap();
    match listener.next_event() {
        Some(silian::net::wire::Event::Changed(changes)) => assert_eq!(changes.len(), 1),
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_import_whose_client_is_killed_midway_is_written_all_or_not_at_all() {
    let (dir, db) = street_db();
    let server = Server::start(&db);
    let csv = dir.path().join("households.csv");
    let mut text = String::from("户主,社区,住址\n");
    for i in 0..5000 {
        text.push_str(&format!("住户{i},长安社区,和平路{i}号\n"));
    }
    std::fs::write(&csv, text).unwrap();
    let mut child = Command::new(bin())
        .args(["--db", db.to_str().unwrap(), "import", "household", csv.to_str().unwrap()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let _ = child.kill();
    let _ = child.wait();
    // The server finishes what it was asked, if it was asked at all.
    let count = || match server.client().ask(Request::from(ops::records::RecordCounts)).unwrap() {
        Response::RecordCounts(c) => c.into_iter().find(|(k, _)| *k == Kind::Household).unwrap().1,
        other => panic!("{other:?}"),
    };
    let mut last = count();
    loop {
        std::thread::sleep(Duration::from_millis(500));
        let now = count();
        if now == last {
            break;
        }
        last = now;
    }
    assert!(last == 1 || last == 5001, "all or nothing, not {last}");
    assert_check_clean(&server);
}

#[test]
fn another_silian_version_is_told_so_instead_of_misread() {
    let (_dir, db) = street_db();
    let server = Server::start(&db);
    let mut stream = UnixStream::connect(&server.socket).unwrap();
    let mut hello = Hello::new(false);
    hello.version = "0.0.1".into();
    write_frame(&mut stream, &hello).unwrap();
    match silian::net::wire::read_frame::<silian::net::wire::Welcome>(&mut stream).unwrap() {
        Some(silian::net::wire::Welcome::Refused(e)) => {
            let message = ops::Error::from(e).message(silian::i18n::Lang::En);
            assert!(message.contains("0.0.1") && message.contains(silian::net::wire::VERSION), "{message}");
        }
        other => panic!("{other:?}"),
    }
}

/// Whether the server closed `stream` within `wait` (it reads as the end).
fn closed_within(stream: &mut UnixStream, wait: Duration) -> bool {
    stream.set_read_timeout(Some(wait)).unwrap();
    let mut buf = [0u8; 64];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => return true,
            Ok(_) => continue, // a refusal, then the end
            Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => {
                return false
            }
            Err(_) => return true,
        }
    }
}

#[test]
fn a_client_the_server_does_not_know_yet_gets_neither_a_large_frame_read_nor_time_to_dawdle() {
    let (_dir, db) = street_db();
    let server = Server::start_with(&db, &["--hello-timeout", "1"]);
    // A length prefix of 256 MiB in place of a hello: closed on its length alone.
    let mut greedy: Vec<UnixStream> = (0..24)
        .map(|_| {
            let mut s = UnixStream::connect(&server.socket).unwrap();
            s.write_all(&(256u32 << 20).to_be_bytes()).unwrap();
            s
        })
        .collect();
    for s in &mut greedy {
        assert!(closed_within(s, Duration::from_secs(10)), "a 256 MiB hello is not waited for");
    }
    // One byte at a time, never finishing: the hello's deadline is for the whole of it.
    let mut slow = UnixStream::connect(&server.socket).unwrap();
    let mut writer = slow.try_clone().unwrap();
    let dripping = std::thread::spawn(move || {
        for _ in 0..40 {
            if writer.write_all(&[0]).is_err() {
                break;
            }
            std::thread::sleep(Duration::from_millis(250));
        }
    });
    assert!(closed_within(&mut slow, Duration::from_secs(8)), "a hello sent a byte at a time is cut off");
    dripping.join().unwrap();
    assert!(server.client().ask(Request::from(ops::accounts::WhoAmI)).is_ok(), "others are served");
    assert!(server.log_text().contains("no proper hello"), "{}", server.log_text());
}

#[test]
fn one_account_cannot_take_every_slot_and_a_client_turned_away_is_told_the_server_is_busy() {
    let (dir, db) = street_db();
    let group = "silian_staff";
    let others = unsafe { libc::geteuid() } == 0 && ensure_account("silian_ed", group);
    if others {
        staff_layout(dir.path(), group);
    }
    let server = Server::start(&db);
    let limit = silian::net::server::MAX_PER_ACCOUNT;
    let held: Vec<UnixStream> = (0..limit).map(|_| UnixStream::connect(&server.socket).unwrap()).collect();
    // A client may come before some of those are counted in (each is counted
    // by its own thread): it is let in, and one of them is turned away instead.
    let mut let_in = Vec::new();
    let refusal = loop {
        match Client::connect(&server.socket) {
            Err(silian::net::client::ConnectError::Refused(e)) => break e.message(silian::i18n::Lang::En),
            Err(other) => panic!("turned away without a word: {other:?}"),
            Ok(client) if let_in.len() < 20 => let_in.push(client),
            Ok(_) => panic!("{} connections over the account's share were served", let_in.len() + 1),
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(refusal.contains("busy") && refusal.contains(&limit.to_string()), "{refusal}");
    let busy = silian(&db, "zh", &["list", "member"]);
    assert_eq!(busy.status.code(), Some(1));
    assert!(stderr(&busy).contains("繁忙") && !stderr(&busy).contains("另一个 silian"), "{}", stderr(&busy));
    drop((held, let_in));
    let deadline = Instant::now() + Duration::from_secs(10);
    while Client::connect(&server.socket).is_err() {
        assert!(Instant::now() < deadline, "slots come back when connections close");
        std::thread::sleep(Duration::from_millis(50));
    }
    // Another account still gets in while this one holds its share.
    if !others {
        eprintln!("SKIPPED (other account): needs root with useradd and runuser");
        return;
    }
    let store_grant = silian(&db, "en", &["role", "silian_ed", "editor"]);
    assert!(store_grant.status.success(), "{}", stderr(&store_grant));
    // A hundred connections that never say hello: this account's share, and more turned away.
    let held: Vec<UnixStream> = (0..100).map(|_| UnixStream::connect(&server.socket).unwrap()).collect();
    std::thread::sleep(Duration::from_millis(300));
    let probe = silian_as("silian_ed", &db, &["--version"]);
    if !probe.status.success() {
        eprintln!("SKIPPED (other account): the test binary cannot be run by another account here");
        return;
    }
    let other = silian_as("silian_ed", &db, &["list", "member"]);
    assert!(other.status.success(), "{}", stderr(&other));
    drop(held);
}

#[test]
fn a_request_connection_left_idle_is_closed_and_its_client_reconnects_unnoticed() {
    let (_dir, db) = street_db();
    let server = Server::start_with(&db, &["--client-idle", "1"]);
    let client = server.client();
    assert!(client.ask(Request::from(ops::accounts::WhoAmI)).is_ok());
    let mut raw = raw_connection(&server.socket);
    assert!(closed_within(&mut raw, Duration::from_secs(10)), "an idle connection is closed");
    std::thread::sleep(Duration::from_millis(300));
    for _ in 0..3 {
        assert!(client.ask(Request::from(ops::accounts::WhoAmI)).is_ok(), "the client opens a new connection");
    }
}

#[test]
fn a_client_sends_nothing_to_a_socket_it_cannot_trust() {
    use std::os::unix::fs::{chown, PermissionsExt};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store");
    let socket = socket_path(&db);
    let impostor = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    let attempt = |lang| match Client::connect(&socket) {
        Err(silian::net::client::ConnectError::Refused(e)) => e.message(lang),
        other => panic!("talked to it: {:?}", other.map(|_| ())),
    };
    // Someone else's socket in someone else's directory: not the store's owner answering.
    chown(dir.path(), Some(4242), None).unwrap();
    let said = attempt(silian::i18n::Lang::En);
    assert!(said.contains("not the store's owner") && said.contains("nothing was sent"), "{said}");
    chown(dir.path(), Some(unsafe { libc::geteuid() }), None).unwrap();
    // The right directory, but the store beside the socket is another account's.
    std::fs::create_dir(&db).unwrap();
    chown(&db, Some(4242), None).unwrap();
    let said = attempt(silian::i18n::Lang::En);
    assert!(said.contains("not the store's owner"), "{said}");
    std::fs::remove_dir(&db).unwrap();
    // A directory the staff may write: anyone of them could have put their socket there.
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o2770)).unwrap();
    let said = attempt(silian::i18n::Lang::Zh);
    assert!(said.contains("chmod 750") && said.contains("未向它发送任何内容"), "{said}");
    // Nothing reached the impostor: each connection ends without a byte.
    impostor.set_nonblocking(true).unwrap();
    while let Ok((mut stream, _)) = impostor.accept() {
        stream.set_nonblocking(false).unwrap();
        let mut got = Vec::new();
        stream.read_to_end(&mut got).unwrap();
        assert!(got.is_empty(), "the client sent {} bytes", got.len());
    }
    let cli = silian(&db, "en", &["list", "member"]);
    assert_eq!(cli.status.code(), Some(1), "the command line refuses it too");
    assert!(stderr(&cli).contains("chmod 750"), "{}", stderr(&cli));
}

#[test]
fn with_no_server_a_staff_account_is_told_the_server_is_not_running() {
    let group = "silian_staff";
    if unsafe { libc::geteuid() } != 0 || !ensure_account("silian_vi", group) {
        eprintln!("SKIPPED: running clients as other accounts needs root with useradd and runuser");
        return;
    }
    let (dir, db) = street_db();
    staff_layout(dir.path(), group);
    if !silian_as("silian_vi", &db, &["--version"]).status.success() {
        eprintln!("SKIPPED: the test binary cannot be run by another account here");
        return;
    }
    let out = silian_as("silian_vi", &db, &["list", "member"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("服务进程没有运行") && !stderr(&out).contains("另一个 silian"), "{}", stderr(&out));
}

#[test]
fn another_account_reads_no_file_of_a_store_its_backups_or_exports_and_cannot_replace_the_socket() {
    let group = "silian_staff";
    if unsafe { libc::geteuid() } != 0 || !ensure_account("silian_no", group) {
        eprintln!("SKIPPED: other accounts need root with useradd and runuser");
        return;
    }
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    staff_layout(dir.path(), group);
    let db = dir.path().join("store");
    let (backup, export) = (dir.path().join("b.jsonl"), dir.path().join("h.csv"));
    let add = ["add", "community", "--name", "长安社区"];
    let run = |args: &[&str]| {
        let out = Command::new(bin()).arg("--db").arg(&db).args(args).env("SILIAN_LANG", "en").output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    };
    run(&add);
    run(&["backup", backup.to_str().unwrap()]);
    run(&["export", "community", export.to_str().unwrap()]);
    let _server = Server::start(&db);
    let as_other = |cmd: &[&str]| {
        Command::new("runuser").args(["-u", "silian_no", "--"]).args(cmd).output().unwrap().status.success()
    };
    if !as_other(&["true"]) {
        eprintln!("SKIPPED: runuser cannot run commands as another account here");
        return;
    }
    for file in [db.join("db"), db.join("conf"), backup.clone(), export.clone()] {
        assert!(!as_other(&["cat", file.to_str().unwrap()]), "{} read by another account", file.display());
    }
    assert!(!as_other(&["ls", db.to_str().unwrap()]), "the store's directory listed by another account");
    let socket = socket_path(&db);
    assert!(!as_other(&["rm", "-f", socket.to_str().unwrap()]), "the socket removed by a staff account");
    assert!(socket.exists());
    assert_eq!(std::fs::metadata(&backup).unwrap().permissions().mode() & 0o777, 0o600);
}

#[test]
fn a_server_that_goes_away_before_answering_is_said_to_maybe_have_done_it() {
    use silian::net::wire::{read_frame, Welcome};
    silian::os::keep_files_private();
    let dir = tempfile::tempdir().unwrap();
    let socket = dir.path().join("store.sock");
    let listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    // A server that says welcome, takes the request, and is gone.
    let server = std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        let _: Option<Hello> = read_frame(&mut stream).unwrap();
        let welcome = Welcome::Accepted { account: "clerk".into(), grant: silian::store::Grant::admin() };
        write_frame(&mut stream, &welcome).unwrap();
        let _: Option<Ask> = read_frame(&mut stream).unwrap();
    });
    let client = Client::connect(&socket).unwrap();
    let err = client.ask(Request::from(ops::records::Create { data: build(Kind::Community, &[("name", "甲")]) }));
    server.join().unwrap();
    let err = err.unwrap_err();
    assert!(matches!(err, ops::Error::Lost { .. }), "{err:?}");
    let zh = err.message(silian::i18n::Lang::Zh);
    assert!(zh.contains("可能已完成，也可能没有"), "{zh}");
}

#[test]
fn a_listener_is_told_of_an_import_record_by_record_or_as_a_reload_when_large() {
    let (_dir, db) = street_db();
    let server = Server::start(&db);
    let before = visits(&server.client()).len();
    let mut listener = silian::net::client::Listener::connect(&server.socket).unwrap();
    server.client().ask(import_of(3)).unwrap();
    match listener.next_event() {
        Some(silian::net::wire::Event::Changed(changes)) => {
            assert_eq!(changes.len(), 3, "each new record, one by one");
            assert!(changes.iter().all(|(kind, _, rec)| *kind == Kind::Visit && rec.is_some()));
        }
        other => panic!("{other:?}"),
    }
    server.client().ask(import_of(1500)).unwrap();
    match listener.next_event() {
        Some(silian::net::wire::Event::Changed(changes)) => {
            assert_eq!(changes.len(), 1, "too many to send: {}", changes.len());
            assert_eq!(silian::net::wire::reload_of(&changes[0]), Some(Kind::Visit), "the kind is read again");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(visits(&server.client()).len(), before + 1503, "what a reload reads holds them all");
}
