//! Why an operation did not happen: the store could not do it, or the rules
//! of the meeting cycle do not allow it.

use crate::i18n::Lang;
use crate::model::Invalid;
use crate::store::StoreError;
use crate::workflow::WorkflowError;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A step of the meeting cycle that the records' state does not allow.
    #[error(transparent)]
    Refused(#[from] WorkflowError),
    /// The other end answered with another operation's reply: it speaks
    /// another protocol, which the handshake should have refused.
    #[error("the server answered another request than the one asked")]
    WrongReply,
    /// The store's server could not be reached: nothing was sent.
    #[error("the server of {path} cannot be reached: {reason}")]
    Unreachable { path: PathBuf, reason: String },
    /// The server went away after the request was sent and before it
    /// answered: it may or may not have carried the request out.
    #[error("the server of {path} went away before answering: {reason}")]
    Lost { path: PathBuf, reason: String },
    #[error("no permission to connect to {socket}")]
    SocketDenied { socket: PathBuf },
    /// An error the server reported, already said in both languages.
    #[error("{en}")]
    Remote { user_error: bool, zh: String, en: String },
    /// What answers on the socket cannot be trusted with residents' data:
    /// nothing was sent to it.
    #[error("{socket}: {why:?}")]
    Untrusted { socket: PathBuf, why: Untrusted },
    /// No server answers, and this account may not open the store itself.
    #[error("the server of {store} is not running")]
    NotRunning { store: PathBuf },
}

/// Why a client does not talk to what answers on a store's socket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Untrusted {
    /// Another account than the one that owns the socket's directory answers.
    WrongAccount { server: String, owner: String },
    /// Other accounts may create names in the socket's directory, so anyone
    /// could have put their own socket there.
    OpenDirectory { dir: PathBuf, mode: u32 },
}

impl From<Invalid> for Error {
    fn from(e: Invalid) -> Self {
        Error::Store(StoreError::Invalid(e))
    }
}

impl From<sled::Error> for Error {
    fn from(e: sled::Error) -> Self {
        Error::Store(e.into())
    }
}

impl Error {
    /// Bad input from the user, as opposed to a failure of the machine or the store.
    pub fn is_user_error(&self) -> bool {
        match self {
            Error::Store(e) => e.is_user_error(),
            Error::Refused(_) => true,
            Error::Remote { user_error, .. } => *user_error,
            Error::WrongReply
            | Error::Unreachable { .. }
            | Error::Lost { .. }
            | Error::SocketDenied { .. }
            | Error::Untrusted { .. }
            | Error::NotRunning { .. } => false,
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match self {
            Error::Store(e) => e.message(lang),
            Error::Refused(e) => e.message(lang),
            Error::WrongReply => lang
                .pick(
                    "服务进程的答复与请求不符：两端的 silian 版本不一致，请用同一版本",
                    "The server answered another request: the two ends run different versions of silian",
                )
                .into(),
            Error::Unreachable { path, reason } => match lang {
                Lang::Zh => {
                    format!("无法连接服务进程，请待其恢复后再试；正在输入的表单仍保留（{reason}，{}）", path.display())
                }
                Lang::En => format!(
                    "The server cannot be reached; try again once it is back. A form being typed stays open. ({reason}, {})",
                    path.display()
                ),
            },
            Error::Lost { path, reason } => match lang {
                Lang::Zh => format!(
                    "服务进程在答复前断开了（可能正在重启）：这次操作可能已完成，也可能没有，请先查看再决定是否重做；正在输入的表单仍保留（{reason}，{}）",
                    path.display()
                ),
                Lang::En => format!(
                    "The server went away before answering (it may be restarting): the operation may or may not have been done, so look before doing it again. A form being typed stays open. ({reason}, {})",
                    path.display()
                ),
            },
            Error::SocketDenied { socket } => match lang {
                Lang::Zh => format!(
                    "没有权限连接服务进程 {}：请管理员把你的账户加入该目录所属的用户组",
                    socket.display()
                ),
                Lang::En => format!(
                    "No permission to connect to the server at {}: ask an admin to add your account to the group of its directory",
                    socket.display()
                ),
            },
            Error::Remote { zh, en, .. } => lang.pick(zh, en).to_string(),
            Error::Untrusted { socket, why: Untrusted::WrongAccount { server, owner } } => match lang {
                Lang::Zh => format!(
                    "{} 上应答的是账户 {server}，不是数据库的所有者 {owner}：未向它发送任何内容。请管理员检查服务进程。",
                    socket.display()
                ),
                Lang::En => format!(
                    "Account {server} answers on {}, not the store's owner {owner}: nothing was sent to it. Ask the admin to check the server.",
                    socket.display()
                ),
            },
            Error::Untrusted { why: Untrusted::OpenDirectory { dir, mode }, .. } => match lang {
                Lang::Zh => format!(
                    "目录 {} 其他账户可以写入（权限 {mode:o}），任何人都可能冒充服务进程：未向它发送任何内容。请管理员运行 chmod 750 {}。",
                    dir.display(),
                    dir.display()
                ),
                Lang::En => format!(
                    "Other accounts may write the directory {} (mode {mode:o}), so anyone could answer in the server's place: nothing was sent. Ask the admin to run chmod 750 {}.",
                    dir.display(),
                    dir.display()
                ),
            },
            Error::NotRunning { store } => match lang {
                Lang::Zh => format!("数据库 {} 的服务进程没有运行，请联系管理员启动（silian serve）。", store.display()),
                Lang::En => format!(
                    "The server of the store {} is not running; ask its admin to start it (silian serve).",
                    store.display()
                ),
            },
        }
    }

    /// The store's error, when it is one.
    pub fn store(&self) -> Option<&StoreError> {
        match self {
            Error::Store(e) => Some(e),
            _ => None,
        }
    }
}
