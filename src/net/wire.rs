//! What goes over the server's socket: frames of a 4-byte big-endian length
//! and a bincode body, the same serde types the store's API uses. A length
//! over [`MAX_FRAME`] or a body that does not decode ends that connection.

use crate::i18n::Lang;
use crate::model::{AnyRecord, Kind, Settings};
use crate::ops::{self, Request, Response};
use crate::store::{Grant, StoreError};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::io::{self, Read, Write};

/// Raised whenever a message's layout changes; both ends must agree. The
/// program's version must agree too: `Request` and `Response` are bincode
/// enums, numbered by position, so two builds that differ in them would
/// misread each other without a word.
pub const PROTOCOL: u32 = 4;
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
const MAGIC: &str = "silian";

/// Enough for every record of a large store in one reply; anything bigger is
/// a broken or hostile peer, and allocating for it would hurt everyone else.
pub const MAX_FRAME: usize = 256 * 1024 * 1024;
/// A hello is a few dozen bytes; nothing larger is read from a client the
/// server does not know yet.
pub const MAX_HELLO: usize = 4096;
/// What a request of an account that imports nothing can need (a record, a
/// draft): the limit after the hello for every role but admin and editor.
pub const MAX_SMALL_FRAME: usize = 1024 * 1024;

#[derive(Debug, Serialize, Deserialize)]
pub struct Hello {
    pub magic: String,
    pub protocol: u32,
    pub version: String,
    /// This connection only listens for changes; requests go over another.
    pub events: bool,
}

impl Hello {
    pub fn new(events: bool) -> Hello {
        Hello { magic: MAGIC.to_string(), protocol: PROTOCOL, version: VERSION.to_string(), events }
    }

    pub fn is_ours(&self) -> bool {
        self.magic == MAGIC && self.protocol == PROTOCOL && self.version == VERSION
    }
}

#[derive(Debug, Serialize, Deserialize)]
pub enum Welcome {
    /// The account the server saw connect, and its grant.
    Accepted {
        account: String,
        grant: Grant,
    },
    Refused(WireError),
}

/// A reply to one request.
pub type Reply = Result<Response, WireError>;

/// What the server pushes to a listening connection.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Event {
    /// Records saved (`Some`) or removed (`None`) by anyone. Id 0, which no
    /// record has, stands for every record of the kind (see [`reload`]).
    Changed(Vec<(Kind, u64, Option<AnyRecord>)>),
    Settings(Settings),
    /// Every record open in someone's form, with the account that opened it.
    Editing(Vec<(Kind, u64, String)>),
}

/// In a `Changed` event: too many records of `kind` changed at once to send
/// (a large import), so a listener reads the kind again. A listener that does
/// not know it removes record 0, which does not exist: nothing.
pub fn reload(kind: Kind) -> (Kind, u64, Option<AnyRecord>) {
    (kind, 0, None)
}

/// The kind to read again, if `change` is a [`reload`].
pub fn reload_of(change: &(Kind, u64, Option<AnyRecord>)) -> Option<Kind> {
    (change.1 == 0 && change.2.is_none()).then_some(change.0)
}

/// A store error as it crosses the socket: said in both languages by the
/// server, with the cases a client acts on kept apart.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum WireError {
    Stale { kind: Kind, id: u64, expected: u64, found: u64 },
    NotFound { kind: Kind, id: u64 },
    Other { user_error: bool, zh: String, en: String },
}

impl From<&ops::Error> for WireError {
    fn from(e: &ops::Error) -> Self {
        match e {
            ops::Error::Store(e) => WireError::from(e),
            other => WireError::Other {
                user_error: other.is_user_error(),
                zh: other.message(Lang::Zh),
                en: other.message(Lang::En),
            },
        }
    }
}

impl From<&StoreError> for WireError {
    fn from(e: &StoreError) -> Self {
        match e {
            StoreError::Stale { kind, id, expected, found } => {
                WireError::Stale { kind: *kind, id: *id, expected: *expected, found: *found }
            }
            StoreError::NotFound { kind, id } => WireError::NotFound { kind: *kind, id: *id },
            other => WireError::Other {
                user_error: other.is_user_error(),
                zh: other.message(Lang::Zh),
                en: other.message(Lang::En),
            },
        }
    }
}

impl From<WireError> for ops::Error {
    fn from(e: WireError) -> Self {
        match e {
            WireError::Stale { kind, id, expected, found } => StoreError::Stale { kind, id, expected, found }.into(),
            WireError::NotFound { kind, id } => StoreError::NotFound { kind, id }.into(),
            WireError::Other { user_error, zh, en } => ops::Error::Remote { user_error, zh, en },
        }
    }
}

/// Messages a client sends after its hello.
#[derive(Debug, Serialize, Deserialize)]
pub enum Ask {
    Request(Box<Request>),
}

fn config() -> bincode::config::Configuration {
    bincode::config::standard()
}

pub fn write_frame<T: Serialize>(out: &mut impl Write, value: &T) -> io::Result<()> {
    let body = bincode::serde::encode_to_vec(value, config()).map_err(io::Error::other)?;
    if body.len() > MAX_FRAME {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("a frame of {} bytes is too large", body.len()),
        ));
    }
    let mut frame = Vec::with_capacity(4 + body.len());
    frame.extend_from_slice(&(body.len() as u32).to_be_bytes());
    frame.extend_from_slice(&body);
    out.write_all(&frame)?;
    out.flush()
}

/// The next frame, or `Ok(None)` when the peer closed the connection between frames.
pub fn read_frame<T: DeserializeOwned>(input: &mut impl Read) -> io::Result<Option<T>> {
    read_frame_within::<T, MAX_FRAME>(input)
}

/// A frame of at most `LIMIT` bytes: a longer one is refused from its length
/// alone, before anything is allocated for it.
pub fn read_frame_within<T: DeserializeOwned, const LIMIT: usize>(input: &mut impl Read) -> io::Result<Option<T>> {
    let mut len = [0u8; 4];
    match input.read_exact(&mut len) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(None),
        Err(e) => return Err(e),
    }
    let len = u32::from_be_bytes(len) as usize;
    if len > LIMIT {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("frame of {len} bytes over the limit of {LIMIT}"),
        ));
    }
    let mut body = Vec::new();
    input.take(len as u64).read_to_end(&mut body)?;
    if body.len() != len {
        return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "connection closed inside a frame"));
    }
    // The limit makes bincode refuse a length prefix inside the body that
    // claims more than the frame could hold, before allocating for it.
    let (value, used) = bincode::serde::decode_from_slice(&body, config().with_limit::<LIMIT>())
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e.to_string()))?;
    if used != len {
        return Err(io::Error::new(io::ErrorKind::InvalidData, format!("{} bytes after the message", len - used)));
    }
    Ok(Some(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn framed<T: Serialize>(value: &T) -> Vec<u8> {
        let mut bytes = Vec::new();
        write_frame(&mut bytes, value).unwrap();
        bytes
    }

    #[test]
    fn a_frame_reads_back_and_the_end_between_frames_is_no_error() {
        let mut input = std::io::Cursor::new(framed(&Hello::new(true)));
        let hello: Hello = read_frame(&mut input).unwrap().unwrap();
        assert!(hello.is_ours() && hello.events);
        assert!(read_frame::<Hello>(&mut input).unwrap().is_none());
    }

    #[test]
    fn oversized_cut_short_and_padded_frames_are_errors() {
        let mut huge = ((MAX_FRAME + 1) as u32).to_be_bytes().to_vec();
        huge.extend_from_slice(&[0; 16]);
        assert_eq!(read_frame::<Hello>(&mut huge.as_slice()).unwrap_err().kind(), io::ErrorKind::InvalidData);
        let whole = framed(&Hello::new(false));
        let cut = &whole[..whole.len() - 1];
        assert_eq!(read_frame::<Hello>(&mut &cut[..]).unwrap_err().kind(), io::ErrorKind::UnexpectedEof);
        let mut padded = whole.clone();
        padded.push(0);
        let len = (padded.len() - 4) as u32;
        padded[..4].copy_from_slice(&len.to_be_bytes());
        assert_eq!(read_frame::<Hello>(&mut padded.as_slice()).unwrap_err().kind(), io::ErrorKind::InvalidData);
    }

    #[test]
    fn a_length_inside_the_body_cannot_claim_more_than_the_frame() {
        // A string claiming 2^60 bytes, in a frame of a few.
        let body = [0xFF, 0, 0, 0, 0, 0, 0, 0, 0x10];
        let mut frame = (body.len() as u32).to_be_bytes().to_vec();
        frame.extend_from_slice(&body);
        assert!(read_frame::<String>(&mut frame.as_slice()).is_err());
    }

    #[test]
    fn the_errors_a_client_acts_on_keep_their_kind_across_the_socket() {
        let stale = StoreError::Stale { kind: Kind::Visit, id: 3, expected: 1, found: 2 };
        let back = ops::Error::from(WireError::from(&stale));
        assert!(matches!(back, ops::Error::Store(StoreError::Stale { id: 3, found: 2, .. })), "{back:?}");
        let other = StoreError::NotEmpty;
        match ops::Error::from(WireError::from(&other)) {
            e @ ops::Error::Remote { .. } => assert_eq!(e.message(Lang::Zh), other.message(Lang::Zh)),
            e => panic!("{e:?}"),
        }
    }
}
