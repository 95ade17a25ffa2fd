//! Everything that reaches the workbench's state, from the terminal, the
//! store or the server, as one type: the runner hands each to `App::update`.

use super::data::Data;
use super::effects::Outcome;
use super::key::Key;
use crate::model::{AnyRecord, Kind, Settings};
use crate::ops::Error;

pub enum Input {
    Key(Key),
    /// Text pasted (or committed by an input method) at once.
    Paste(String),
    /// The terminal's height in rows.
    /// The terminal's new size: columns, rows.
    Resize(u16, u16),
    /// What came back of an effect the state asked for.
    Outcome(Outcome),
    /// Every record, read on another thread while the preview was shown.
    Loaded(Box<Result<Data, Error>>),
    /// What someone else changed, pushed by the store's server.
    Changed(Vec<(Kind, u64, Option<AnyRecord>)>),
    Settings(Settings),
    /// Records open in people's forms, with their accounts.
    Editing(Vec<(Kind, u64, String)>),
    /// The server went away; the workbench keeps going and reconnects.
    ServerLost,
    /// The server is back: every record read again, since changes were missed.
    Reconnected(Box<Result<Data, Error>>),
    /// The terminal is gone (SIGHUP, SIGTERM, EOF or EIO): what is typed is
    /// already kept as a draft; the workbench ends.
    Hangup,
    /// No key came for a moment after the last one: what waits for a pause
    /// in the keys (the detail pane following the list) is done now.
    Paused,
}
