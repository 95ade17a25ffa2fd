//! The client end: requests over one connection, changes heard over another.

use super::wire::{read_frame, write_frame, Ask, Event, Hello, Reply, Welcome};
use crate::ops::{Error, Untrusted};
use crate::ops::{Request, Response};
use crate::store::Grant;
use std::io::{self, BufReader, BufWriter};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Why a connection was not made.
#[derive(Debug)]
pub enum ConnectError {
    /// Nobody listens on the socket: there is no server, or it died.
    NoServer(io::Error),
    /// The server answered and said no (an unknown account, another version).
    Refused(Error),
}

struct Conn {
    reader: BufReader<UnixStream>,
    writer: BufWriter<UnixStream>,
}

/// Connects to `socket` and says hello; the server names the account it saw.
fn handshake(socket: &Path, events: bool) -> Result<(Conn, String, Grant), ConnectError> {
    let stream = UnixStream::connect(socket).map_err(ConnectError::NoServer)?;
    let lost = |e: io::Error| ConnectError::NoServer(e);
    verify_server(socket, &stream)
        .map_err(|why| ConnectError::Refused(Error::Untrusted { socket: socket.into(), why }))?;
    let mut conn = Conn { reader: BufReader::new(stream.try_clone().map_err(lost)?), writer: BufWriter::new(stream) };
    // A server that turns this client away (it is busy) may close before the
    // hello is written: its refusal is still there to read.
    let sent = write_frame(&mut conn.writer, &Hello::new(events));
    match read_frame::<Welcome>(&mut conn.reader) {
        Ok(Some(Welcome::Refused(e))) => Err(ConnectError::Refused(e.into())),
        _ if sent.is_err() => Err(lost(sent.unwrap_err())),
        Ok(Some(Welcome::Accepted { account, grant })) => Ok((conn, account, grant)),
        Ok(None) => Err(ConnectError::NoServer(io::Error::from(io::ErrorKind::ConnectionReset))),
        Err(e) => Err(lost(e)),
    }
}

/// Whether what answers on `socket` is the store's server, before anything
/// is sent to it: the account at the other end (as the kernel says) must own
/// the socket and its directory, and nobody else may create names in that
/// directory, or anyone could have put their own socket there.
fn verify_server(socket: &Path, stream: &UnixStream) -> Result<(), Untrusted> {
    use std::os::unix::fs::MetadataExt;
    let dir = socket.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let (Ok(dir_meta), Ok(socket_meta), Ok(server)) =
        (std::fs::metadata(dir), std::fs::symlink_metadata(socket), crate::os::peer_uid(stream))
    else {
        // What cannot be looked at is refused by the connection itself.
        return Ok(());
    };
    let name = |uid: u32| crate::os::account_name(uid).unwrap_or_else(|| format!("uid:{uid}"));
    if server != dir_meta.uid() || server != socket_meta.uid() {
        return Err(Untrusted::WrongAccount { server: name(server), owner: name(dir_meta.uid()) });
    }
    // The store beside the socket, where it can be looked at, is the server's too.
    let store = socket.to_str().and_then(|s| s.strip_suffix(".sock")).map(Path::new);
    if let Some(owner) = store.and_then(|s| std::fs::metadata(s).ok()).map(|m| m.uid()) {
        if owner != server {
            return Err(Untrusted::WrongAccount { server: name(server), owner: name(owner) });
        }
    }
    let mode = dir_meta.mode() & 0o7777;
    if mode & 0o022 != 0 {
        return Err(Untrusted::OpenDirectory { dir: dir.to_path_buf(), mode });
    }
    Ok(())
}

/// Whether the other end has closed `stream`: a peek that does not wait
/// reads the end at once (std's `peek` on Unix sockets is not stable yet).
fn closed_by_peer(stream: &UnixStream) -> bool {
    use std::os::fd::AsRawFd;
    let mut byte = 0u8;
    // SAFETY: recv writes at most one byte into `byte`, which lives through
    // the call; MSG_PEEK leaves it in the socket and MSG_DONTWAIT never blocks.
    let read = unsafe {
        libc::recv(stream.as_raw_fd(), (&mut byte as *mut u8).cast(), 1, libc::MSG_PEEK | libc::MSG_DONTWAIT)
    };
    read == 0
}

/// A connection for requests that reconnects by itself after the server restarts.
pub struct Client {
    socket: PathBuf,
    conn: Mutex<Option<Conn>>,
    pub account: String,
    pub grant: Grant,
}

impl Client {
    pub fn connect(socket: &Path) -> Result<Client, ConnectError> {
        let (conn, account, grant) = handshake(socket, false)?;
        Ok(Client { socket: socket.to_path_buf(), conn: Mutex::new(Some(conn)), account, grant })
    }

    pub fn socket(&self) -> &Path {
        &self.socket
    }

    /// One request and its reply. A request that could not be sent is sent
    /// again over a new connection; one whose reply was lost is not, since the
    /// server may have carried it out.
    pub fn ask(&self, request: Request) -> Result<Response, Error> {
        let mut guard = self.conn.lock().unwrap_or_else(|e| e.into_inner());
        // The server closes a connection left idle; a request is not written into one it closed.
        if guard.as_ref().is_some_and(|conn| closed_by_peer(conn.writer.get_ref())) {
            *guard = None;
        }
        let ask = Ask::Request(Box::new(request));
        let sent = match guard.as_mut() {
            Some(conn) => write_frame(&mut conn.writer, &ask).is_ok(),
            None => false,
        };
        if !sent {
            *guard = None;
            let (mut conn, _, _) = handshake(&self.socket, false).map_err(|e| self.unreachable(e))?;
            write_frame(&mut conn.writer, &ask).map_err(|e| self.unreachable(ConnectError::NoServer(e)))?;
            *guard = Some(conn);
        }
        let conn = guard.as_mut().expect("a connection was just made");
        match read_frame::<Reply>(&mut conn.reader) {
            Ok(Some(reply)) => reply.map_err(Error::from),
            Ok(None) => {
                *guard = None;
                Err(self.lost(io::Error::from(io::ErrorKind::ConnectionReset)))
            }
            Err(e) => {
                *guard = None;
                Err(self.lost(e))
            }
        }
    }

    fn lost(&self, e: io::Error) -> Error {
        Error::Lost { path: self.socket.clone(), reason: e.to_string() }
    }

    fn unreachable(&self, e: ConnectError) -> Error {
        match e {
            ConnectError::Refused(e) => e,
            ConnectError::NoServer(e) => Error::Unreachable { path: self.socket.clone(), reason: e.to_string() },
        }
    }
}

/// A connection that only hears what changed.
pub struct Listener {
    reader: BufReader<UnixStream>,
}

impl Listener {
    pub fn connect(socket: &Path) -> Result<Listener, ConnectError> {
        let (conn, _, _) = handshake(socket, true)?;
        Ok(Listener { reader: conn.reader })
    }

    /// Blocks until the next change; `None` when the server has gone.
    pub fn next_event(&mut self) -> Option<Event> {
        read_frame::<Event>(&mut self.reader).ok().flatten()
    }
}
