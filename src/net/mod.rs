//! Several staff at once: a server process owns a store and every silian of
//! the office talks to it over a Unix socket beside the store; with no server,
//! a silian opens the store itself, as a single user always has.

pub mod client;
pub mod server;
pub mod wire;

use crate::i18n::Lang;
use crate::model::{AnyRecord, Kind, Settings};
use crate::ops::{self, Error, Routed};
use crate::store::{Context, Store, StoreError};
use client::{Client, ConnectError};
use std::path::{Path, PathBuf};

/// The server's socket: `<store>.sock`, in the directory that holds the store.
pub fn socket_path(store: &Path) -> PathBuf {
    let mut name = store.file_name().map(|n| n.to_os_string()).unwrap_or_else(|| "store".into());
    name.push(".sock");
    store.with_file_name(name)
}

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(transparent)]
    Store(StoreError),
    #[error("{0}: {1}")]
    Io(PathBuf, std::io::Error),
    #[error("directory {dir} is writable by others (mode {mode:o})")]
    OpenDirectory { dir: PathBuf, mode: u32 },
    #[error("a server already answers on {socket}")]
    Running { socket: PathBuf },
}

impl ServeError {
    pub fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            ServeError::Store(e) => e.message(lang),
            ServeError::Io(path, e) if zh => format!("{}：{e}", path.display()),
            ServeError::Io(path, e) => format!("{}: {e}", path.display()),
            ServeError::OpenDirectory { dir, mode } if zh => format!(
                "目录 {} 允许其他账户写入（权限 {mode:o}），别人可以在其中换上自己的套接字。请让该目录只有本账户可写、工作组可进入：chmod 750 {}（见 README“多人同时使用”）。",
                dir.display(),
                dir.display()
            ),
            ServeError::OpenDirectory { dir, mode } => format!(
                "Other accounts may write the directory {} (mode {mode:o}), so they could put their own socket in its place. Let only this account write it and the staff group enter it: chmod 750 {} (see the README, \"Several staff at once\").",
                dir.display(),
                dir.display()
            ),
            ServeError::Running { socket } if zh => format!("已有服务进程在 {} 上运行", socket.display()),
            ServeError::Running { socket } => format!("A server already answers on {}", socket.display()),
        }
    }
}

/// Where requests go: the store in this process, or the store's server.
pub enum Backend {
    Local(Store),
    Remote(Client),
}

impl Backend {
    /// The store's server when one answers, else the store itself. An answer
    /// that refuses this account is final: opening the files instead would
    /// only meet the server's lock.
    pub fn open(path: &Path, cache_mb: u64) -> Result<Backend, Error> {
        let socket = socket_path(path);
        if socket.exists() {
            match Client::connect(&socket) {
                Ok(client) => return Ok(Backend::Remote(client)),
                Err(ConnectError::Refused(e)) => return Err(e),
                // A server runs, but this account may not reach it: opening
                // the files instead would only meet the server's lock.
                Err(ConnectError::NoServer(e)) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                    return Err(Error::SocketDenied { socket });
                }
                Err(ConnectError::NoServer(_)) => {}
            }
        }
        // A store this account cannot write is one it reaches only through its server.
        if path.exists() && !crate::os::may_write(path) {
            return Err(Error::NotRunning { store: path.to_path_buf() });
        }
        Ok(Store::open(path, cache_mb).map(Backend::Local)?)
    }

    /// One operation, as the account in `ctx` (embedded) or as the account
    /// the server saw connect (served; `ctx` is then not sent at all), with
    /// the operation's own reply.
    pub fn ask<O: Routed>(&self, ctx: &Context, op: O) -> Result<O::Reply, Error> {
        match self {
            Backend::Local(store) => ops::ask_local(store, ctx, op),
            Backend::Remote(client) => ops::reply_of::<O>(client.ask(op.into())?),
        }
    }

    /// A request whose type is known only at run time (what the workbench
    /// asks), with the reply in the variant of the same name.
    pub fn ask_request(&self, ctx: &Context, request: ops::Request) -> Result<ops::Response, Error> {
        match self {
            Backend::Local(store) => ops::handle_as(store, ctx, request),
            Backend::Remote(client) => client.ask(request),
        }
    }

    /// The store itself, for what only its owner may do (backup, restore, demo data).
    pub fn local(&self) -> Option<&Store> {
        match self {
            Backend::Local(store) => Some(store),
            Backend::Remote(_) => None,
        }
    }

    pub fn is_served(&self) -> bool {
        matches!(self, Backend::Remote(_))
    }

    /// Every record of `kind`, archived ones too.
    pub fn all(&self, ctx: &Context, kind: Kind) -> Result<Vec<AnyRecord>, Error> {
        self.ask(ctx, ops::records::List { kind, include_archived: true })
    }

    pub fn settings(&self, ctx: &Context) -> Result<Settings, Error> {
        self.ask(ctx, ops::settings::GetSettings)
    }
}
