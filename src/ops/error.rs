//! Why an operation did not happen: the store could not do it, or the rules
//! of the meeting cycle do not allow it.

use crate::i18n::Lang;
use crate::model::Invalid;
use crate::store::StoreError;
use crate::workflow::WorkflowError;

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
            Error::WrongReply => false,
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
