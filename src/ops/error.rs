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
    /// The store's server could not be reached, or went away mid-request.
    #[error("the server of {path} cannot be reached: {reason}")]
    Unreachable { path: PathBuf, reason: String },
    #[error("no permission to connect to {socket}")]
    SocketDenied { socket: PathBuf },
    /// An error the server reported, already said in both languages.
    #[error("{en}")]
    Remote { user_error: bool, zh: String, en: String },
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
            Error::WrongReply | Error::Unreachable { .. } | Error::SocketDenied { .. } => false,
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
