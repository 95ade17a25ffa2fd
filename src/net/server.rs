//! `silian serve`: one process owns the store and answers every silian of
//! the office over a Unix socket, on the model of tmux. Each connection has
//! its own thread; the account is the one the kernel reports for the socket's
//! peer, never anything the client says.

use super::wire::{
    read_frame_within, write_frame, Ask, Event, Hello, Reply, Welcome, WireError, MAX_FRAME, MAX_HELLO, MAX_SMALL_FRAME,
};
use super::{socket_path, ServeError};
use crate::model::{AnyRecord, Kind};
use crate::ops::{self, Request, Response};
use crate::os::peer_account;
use crate::store::{AuditAction, Context, Role, Store};
use chrono::Utc;
use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufReader, BufWriter, ErrorKind, Read};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

/// A client gets this long, all told, to say hello before its connection is
/// closed: a deadline for the whole hello, not for each byte of it.
pub const HELLO_TIMEOUT: Duration = Duration::from_secs(10);
/// A request connection with nothing asked for this long is closed (the
/// client opens a new one when it next asks); listening connections are not.
pub const CLIENT_IDLE: Duration = Duration::from_secs(300);
/// More connections than an office could have open: a runaway client is
/// turned away rather than let it use up the server's threads.
const MAX_CONNECTIONS: usize = 512;
/// Connections one account may hold, so that one account cannot take every
/// slot from the others (a workbench holds two; a script a few more).
pub const MAX_PER_ACCOUNT: usize = 64;
/// Change events waiting for one listener; a listener this far behind is
/// dropped (it reconnects and reloads) rather than let it hold the others up.
const LISTENER_BACKLOG: usize = 64;

pub struct ServeOptions {
    pub path: PathBuf,
    pub cache_mb: u64,
    /// Exit this long after the last client left (`None`: run until stopped).
    pub idle_exit: Option<Duration>,
    /// See [`HELLO_TIMEOUT`] and [`CLIENT_IDLE`].
    pub hello_timeout: Duration,
    pub client_idle: Duration,
}

impl ServeOptions {
    pub fn new(path: PathBuf, cache_mb: u64) -> ServeOptions {
        ServeOptions { path, cache_mb, idle_exit: None, hello_timeout: HELLO_TIMEOUT, client_idle: CLIENT_IDLE }
    }
}

/// Opens the store, takes the socket and answers until stopped.
pub fn serve(opts: &ServeOptions, log: &(dyn Fn(&str) + Sync)) -> Result<(), ServeError> {
    let socket = socket_path(&opts.path);
    let listener = bind(&socket)?;
    if let Some(dir) = socket.parent().filter(|d| open_to_others(d)) {
        log(&format!(
            "note: {} can be listed by any account; chmod o-rx keeps the store's name to the staff",
            dir.display()
        ));
    }
    let store = Store::open(&opts.path, opts.cache_mb).map_err(ServeError::Store)?;
    let ctx = Context { account: crate::os::current_account(), now: Utc::now() };
    if let Some(undone) = store.undo_interrupted_import(&ctx).map_err(ServeError::Store)? {
        log(&format!("undid an import cut short ({} records removed)", undone.removed));
    }
    let shared = Shared::new(store, opts.hello_timeout, opts.client_idle)?;
    log(&format!("serving {} on {}", opts.path.display(), socket.display()));
    let _cleanup = RemoveOnDrop(socket.clone());
    stop_on_signals(&socket);
    std::thread::scope(|scope| {
        if let Some(after) = opts.idle_exit {
            let (shared, socket) = (&shared, &socket);
            scope.spawn(move || shared.exit_when_idle(after, socket, log));
        }
        for stream in listener.incoming() {
            match stream {
                Ok(stream) if shared.clients.load(Ordering::SeqCst) >= MAX_CONNECTIONS => {
                    log(&format!("over {MAX_CONNECTIONS} connections: one turned away"));
                    turn_away(&stream, busy(MAX_CONNECTIONS, None));
                }
                Ok(stream) => {
                    // Counted before its thread starts, so that the idle watch
                    // cannot stop the server under a client just accepted.
                    shared.count_client(1);
                    let shared = &shared;
                    scope.spawn(move || shared.connection(stream, log));
                }
                Err(e) => log(&format!("accept: {e}")),
            }
        }
    });
    Ok(())
}

/// Takes the socket, refusing a directory others may write to (anyone could
/// put their own socket in its place) and a server already running.
fn bind(socket: &Path) -> Result<UnixListener, ServeError> {
    let dir = socket.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| ServeError::Io(dir.to_path_buf(), e))?;
    let mode = std::fs::metadata(dir).map_err(|e| ServeError::Io(dir.to_path_buf(), e))?.permissions().mode();
    // Nobody but this account may create names beside the socket: anyone
    // who could would be able to put their own socket in its place.
    if mode & 0o022 != 0 {
        return Err(ServeError::OpenDirectory { dir: dir.to_path_buf(), mode: mode & 0o7777 });
    }
    if socket.exists() {
        if UnixStream::connect(socket).is_ok() {
            return Err(ServeError::Running { socket: socket.to_path_buf() });
        }
        // Left by a server that was killed: nobody answers on it.
        let _ = std::fs::remove_file(socket);
    }
    let listener = UnixListener::bind(socket).map_err(|e| ServeError::Io(socket.to_path_buf(), e))?;
    // Owner and group only: the group is the office's staff.
    std::fs::set_permissions(socket, std::fs::Permissions::from_mode(0o660))
        .map_err(|e| ServeError::Io(socket.to_path_buf(), e))?;
    Ok(listener)
}

/// Whether accounts outside the owner and the group may enter or list `dir`.
/// Not refused: a single user's data directory is usually so, and the socket
/// itself admits only owner and group.
fn open_to_others(dir: &Path) -> bool {
    std::fs::metadata(dir).is_ok_and(|m| m.permissions().mode() & 0o005 != 0)
}

struct RemoveOnDrop(PathBuf);

impl Drop for RemoveOnDrop {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Every write is durable when acknowledged, so stopping needs only the
/// socket removed; a thread blocked on the signal pipe costs no wakeups.
fn stop_on_signals(socket: &Path) {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else { return };
    let socket = socket.to_path_buf();
    std::thread::spawn(move || {
        if signals.forever().next().is_some() {
            let _ = std::fs::remove_file(&socket);
            std::process::exit(0);
        }
    });
}

struct Listening {
    account: String,
    /// `None` tells the writing thread that its client has gone.
    events: SyncSender<Option<Event>>,
    /// Shut down to end a listener that fell behind: its threads then fail and end.
    stream: UnixStream,
}

struct Hub {
    /// The last audit entry whose change was sent.
    seq: u64,
    listeners: Vec<Listening>,
    /// The record each connection has open in a form, and whose connection it is.
    editing: BTreeMap<u64, (Kind, u64, String)>,
}

impl Hub {
    fn editing_event(&self) -> Event {
        Event::Editing(self.editing.values().cloned().collect())
    }

    /// Sends each listener the events made for it. One that is too far
    /// behind, or whose account has lost its role (`None`), is dropped.
    fn tell(&mut self, mut events_for: impl FnMut(&Listening) -> Option<Vec<Event>>) {
        self.listeners.retain(|l| {
            let sent =
                events_for(l).is_some_and(|events| events.into_iter().all(|e| l.events.try_send(Some(e)).is_ok()));
            if !sent {
                let _ = l.stream.shutdown(std::net::Shutdown::Both);
            }
            sent
        });
    }
}

struct Shared {
    store: Store,
    hub: Mutex<Hub>,
    next_connection: AtomicU64,
    clients: AtomicUsize,
    /// Connections per account, for [`MAX_PER_ACCOUNT`].
    per_account: Mutex<BTreeMap<String, usize>>,
    left: (Mutex<()>, Condvar),
    hello_timeout: Duration,
    client_idle: Duration,
}

impl Shared {
    fn new(store: Store, hello_timeout: Duration, client_idle: Duration) -> Result<Shared, ServeError> {
        let seq = store.audit_head().map_err(ServeError::Store)?;
        Ok(Shared {
            store,
            hub: Mutex::new(Hub { seq, listeners: Vec::new(), editing: BTreeMap::new() }),
            next_connection: AtomicU64::new(1),
            clients: AtomicUsize::new(0),
            per_account: Mutex::new(BTreeMap::new()),
            left: (Mutex::new(()), Condvar::new()),
            hello_timeout,
            client_idle,
        })
    }

    /// Counts a connection of `account` in, unless it holds its share already.
    fn admit(&self, account: &str) -> bool {
        let mut counts = self.per_account.lock().unwrap_or_else(|e| e.into_inner());
        let held = counts.entry(account.to_string()).or_default();
        if *held >= MAX_PER_ACCOUNT {
            return false;
        }
        *held += 1;
        true
    }

    fn release(&self, account: &str) {
        let mut counts = self.per_account.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(held) = counts.get_mut(account) {
            *held = held.saturating_sub(1);
            if *held == 0 {
                counts.remove(account);
            }
        }
    }

    /// One client's connection, counted in by the accept loop and out here.
    fn connection(&self, stream: UnixStream, log: &(dyn Fn(&str) + Sync)) {
        let id = self.next_connection.fetch_add(1, Ordering::Relaxed);
        if let Err(e) = self.converse(id, stream) {
            log(&e);
        }
        // A form left open by a client that went away is open no more.
        self.set_editing(id, None);
        self.count_client(-1);
    }

    fn set_editing(&self, connection: u64, record: Option<(Kind, u64, String)>) {
        let mut hub = self.hub.lock().unwrap_or_else(|e| e.into_inner());
        let changed = match record {
            Some(r) => hub.editing.insert(connection, r.clone()) != Some(r),
            None => hub.editing.remove(&connection).is_some(),
        };
        if changed {
            let event = hub.editing_event();
            hub.tell(|_| Some(vec![event.clone()]));
        }
    }

    /// Counted under the lock the idle watch waits on, so that it misses no change.
    fn count_client(&self, delta: isize) {
        let _guard = self.left.0.lock().unwrap_or_else(|e| e.into_inner());
        if delta > 0 {
            self.clients.fetch_add(1, Ordering::SeqCst);
        } else {
            self.clients.fetch_sub(1, Ordering::SeqCst);
        }
        self.left.1.notify_all();
    }

    /// One connection of one account, within its account's share.
    fn converse(&self, id: u64, stream: UnixStream) -> Result<(), String> {
        let account = peer_account(&stream).map_err(|e| format!("peer credentials: {e}"))?;
        if !self.admit(&account) {
            turn_away(&stream, busy(MAX_PER_ACCOUNT, Some(&account)));
            return Err(format!("{account}: over {MAX_PER_ACCOUNT} connections of one account: one turned away"));
        }
        let result = self.converse_as(id, &account, stream);
        self.release(&account);
        result
    }

    fn converse_as(&self, id: u64, account: &str, stream: UnixStream) -> Result<(), String> {
        let account = account.to_string();
        let said = |what: &str, e: std::io::Error| format!("{account}: {what}: {e}");
        // Nothing larger than a hello, and nothing slower than its deadline,
        // is taken from a client before it is known.
        let mut until = Deadline { stream: &stream, at: Instant::now() + self.hello_timeout };
        let hello: Hello = match read_frame_within::<Hello, MAX_HELLO>(&mut until) {
            Ok(Some(h)) => h,
            Ok(None) => return Ok(()),
            Err(e) => return Err(said("no proper hello, connection closed", e)),
        };
        let mut reader = BufReader::new(stream.try_clone().map_err(|e| said("socket", e))?);
        let mut writer = BufWriter::new(stream.try_clone().map_err(|e| said("socket", e))?);
        let idle = (!hello.events).then_some(self.client_idle);
        stream.set_read_timeout(idle).map_err(|e| said("socket", e))?;
        if !hello.is_ours() {
            let _ = write_frame(&mut writer, &Welcome::Refused(version_mismatch(&hello.version)));
            return Err(format!("{account}: refused silian {} (protocol {})", hello.version, hello.protocol));
        }
        let grant = match self.store.grant_of(&account) {
            Ok(g) => g,
            Err(e) => {
                let _ = write_frame(&mut writer, &Welcome::Refused(WireError::from(&e)));
                return Err(format!("{account}: refused: {e}"));
            }
        };
        write_frame(&mut writer, &Welcome::Accepted { account: account.clone(), grant: grant.clone() })
            .map_err(|e| said("welcome", e))?;
        if hello.events {
            self.listen(account, reader, writer);
            return Ok(());
        }
        // Only a role that may import needs a frame larger than a record.
        let large = matches!(grant.role, Role::Admin | Role::Editor);
        loop {
            let asked = if large {
                read_frame_within::<Ask, MAX_FRAME>(&mut reader)
            } else {
                read_frame_within::<Ask, MAX_SMALL_FRAME>(&mut reader)
            };
            let ask: Ask = match asked {
                Ok(Some(a)) => a,
                Ok(None) => return Ok(()),
                // Nothing asked for a while: the client reconnects when it next asks.
                Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => return Ok(()),
                Err(e) => return Err(said("malformed frame, connection closed", e)),
            };
            let Ask::Request(request) = ask;
            if let Request::Editing(editing) = *request {
                self.set_editing(id, editing.record.map(|(kind, rid)| (kind, rid, account.clone())));
                write_frame(&mut writer, &Reply::Ok(Response::Editing(()))).map_err(|e| said("reply", e))?;
                continue;
            }
            let ctx = Context { account: account.clone(), now: Utc::now() };
            let reply: Reply = ops::handle_as(&self.store, &ctx, *request).map_err(|e| WireError::from(&e));
            self.publish();
            // The reply may find the client gone; what it asked is done either way.
            match write_frame(&mut writer, &reply) {
                Err(e) if e.kind() == std::io::ErrorKind::InvalidInput => {
                    write_frame(&mut writer, &Reply::Err(too_large())).map_err(|e| said("reply", e))?
                }
                other => other.map_err(|e| said("reply", e))?,
            }
        }
    }

    /// Sends changes until the client goes away or falls behind. The client
    /// never speaks again after its hello, so a read that returns means it left.
    fn listen(&self, account: String, mut reader: BufReader<UnixStream>, mut writer: BufWriter<UnixStream>) {
        let (tx, rx): (SyncSender<Option<Event>>, Receiver<Option<Event>>) = sync_channel(LISTENER_BACKLOG);
        let gone = tx.clone();
        let Ok(stream) = writer.get_ref().try_clone() else { return };
        {
            let mut hub = self.hub.lock().unwrap_or_else(|e| e.into_inner());
            if !hub.editing.is_empty() {
                let _ = tx.try_send(Some(hub.editing_event()));
            }
            hub.listeners.push(Listening { account, events: tx, stream });
        }
        std::thread::scope(|scope| {
            scope.spawn(move || {
                // A listener never asks: whatever it sends ends it, and nothing large is read.
                let _ = read_frame_within::<Ask, MAX_HELLO>(&mut reader);
                let _ = gone.try_send(None);
            });
            // Ends when the client left or a write fails (also after the hub shut the socket).
            while let Ok(Some(event)) = rx.recv() {
                if write_frame(&mut writer, &event).is_err() {
                    break;
                }
            }
            let _ = writer.get_ref().shutdown(std::net::Shutdown::Both);
        });
    }

    /// Sends every change written since the last call to every listener, each
    /// masked as its account may see it.
    fn publish(&self) {
        let mut hub = self.hub.lock().unwrap_or_else(|e| e.into_inner());
        let Ok(entries) = self.store.audit_after(hub.seq) else { return };
        let Some((last, _)) = entries.last() else { return };
        hub.seq = *last;
        let mut touched = BTreeSet::new();
        let mut reload = BTreeSet::new();
        for (_, e) in entries.iter().filter(|(_, e)| e.action != AuditAction::Reveal) {
            match (e.kind, e.imported()) {
                (Some(kind), Some(imported)) if imported.created.end - imported.created.start > PUBLISH_ONE_BY_ONE => {
                    reload.insert(kind);
                }
                (Some(kind), Some(imported)) => touched.extend(imported.created.map(|id| (kind, id))),
                (Some(kind), None) => {
                    touched.insert((kind, e.id));
                }
                (None, _) => {}
            }
        }
        touched.retain(|(kind, _)| !reload.contains(kind));
        let settings = entries.iter().any(|(_, e)| e.action == AuditAction::Settings);
        let mut records: Vec<_> =
            touched.into_iter().map(|(k, id)| (k, id, self.store.get(k, id).ok().flatten())).collect();
        records.extend(reload.into_iter().map(super::wire::reload));
        hub.tell(|l| self.changes_for(&l.account, &records, settings));
    }

    /// The changes as `account` may see them; `None` when it may see nothing.
    fn changes_for(
        &self,
        account: &str,
        records: &[(Kind, u64, Option<AnyRecord>)],
        settings: bool,
    ) -> Option<Vec<Event>> {
        let mut masked: Vec<AnyRecord> = records.iter().filter_map(|(_, _, r)| r.clone()).collect();
        ops::mask_for(&self.store, account, &mut masked).ok()?;
        let mut masked = masked.into_iter();
        let changes: Vec<_> =
            records.iter().map(|(kind, id, rec)| (*kind, *id, rec.as_ref().and_then(|_| masked.next()))).collect();
        let mut events = Vec::new();
        if !changes.is_empty() {
            events.push(Event::Changed(changes));
        }
        if settings {
            let ctx = Context { account: account.to_string(), now: Utc::now() };
            events.push(Event::Settings(ops::ask_local(&self.store, &ctx, ops::settings::GetSettings).ok()?));
        }
        Some(events)
    }

    fn exit_when_idle(&self, after: Duration, socket: &Path, log: &(dyn Fn(&str) + Sync)) {
        let (lock, cvar) = &self.left;
        let mut guard = lock.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            while self.clients.load(Ordering::SeqCst) > 0 {
                guard = cvar.wait(guard).unwrap_or_else(|e| e.into_inner());
            }
            let (g, timeout) = cvar.wait_timeout(guard, after).unwrap_or_else(|e| e.into_inner());
            guard = g;
            if timeout.timed_out() && self.clients.load(Ordering::SeqCst) == 0 {
                log(&format!("no client for {} s, stopping", after.as_secs()));
                let _ = std::fs::remove_file(socket);
                std::process::exit(0);
            }
        }
    }
}

/// An import creating more records than this is told as one `reload` of its
/// kind: listeners read the kind again rather than take 100,000 records each
/// in one event (one chunk of an import, see `store::bulk::CHUNK`).
const PUBLISH_ONE_BY_ONE: u64 = 1000;

/// A reply over the frame limit: said to the client instead of cutting it off.
/// Reads from `stream` until `at`, whatever the pace the bytes come at.
struct Deadline<'a> {
    stream: &'a UnixStream,
    at: Instant,
}

impl Read for Deadline<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let left = self.at.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(std::io::Error::new(ErrorKind::TimedOut, "the hello took too long"));
        }
        self.stream.set_read_timeout(Some(left))?;
        let mut stream = self.stream;
        stream.read(buf)
    }
}

/// Tells a client it is not served now, without waiting for it: what it
/// reads is the refusal, not a closed socket it would take for no server.
fn turn_away(stream: &UnixStream, why: WireError) {
    let mut stream = stream;
    let _ = stream.set_write_timeout(Some(Duration::from_millis(100)));
    let _ = write_frame(&mut stream, &Welcome::Refused(why));
}

fn busy(limit: usize, account: Option<&str>) -> WireError {
    let (zh, en) = match account {
        Some(a) => (
            format!("服务进程繁忙：账户 {a} 已占用 {limit} 个连接（每个账户的上限）。请关闭不用的 silian 后再试。"),
            format!("The server is busy: account {a} holds {limit} connections, the most one account may. Close silian programs not in use and try again."),
        ),
        None => (
            format!("服务进程繁忙：已有 {limit} 个连接（上限）。请稍后再试。"),
            format!("The server is busy: it has {limit} connections, its limit. Try again shortly."),
        ),
    };
    WireError::Other { user_error: false, zh, en }
}

fn too_large() -> WireError {
    let mib = super::wire::MAX_FRAME >> 20;
    WireError::Other {
        user_error: false,
        zh: format!("回复超过 {mib} MiB，服务进程无法发送；请停止服务进程后直接操作数据库"),
        en: format!(
            "The reply is over {mib} MiB, more than the server sends; stop the server and work on the store itself"
        ),
    }
}

fn version_mismatch(theirs: &str) -> WireError {
    let ours = super::wire::VERSION;
    WireError::Other {
        user_error: false,
        zh: format!("silian 版本不一致：服务进程是 {ours}，此程序是 {theirs}。请使用相同版本的 silian，或重启服务进程。"),
        en: format!("silian versions differ: the server is {ours}, this program {theirs}. Use the same silian, or restart the server."),
    }
}
