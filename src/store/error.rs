//! What can go wrong with the store, said in the user's language.

use super::codec::DecodeError;
use super::roles::Role;
use crate::i18n::Lang;
use crate::model::{Invalid, Kind};
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("store {path} is open in another silian")]
    Locked { path: PathBuf },
    #[error("cannot open store {path}: {reason}")]
    Open { path: PathBuf, reason: String },
    #[error("store {path} was written by a newer silian (schema {found}, this one reads up to {supported})")]
    NewerSchema { path: PathBuf, found: u32, supported: u32 },
    #[error("storage error: {0}")]
    Io(String),
    #[error("{kind} {id} cannot be read: {reason}")]
    Corrupt { kind: Kind, id: u64, reason: DecodeError },
    #[error("no {kind} with id {id}")]
    NotFound { kind: Kind, id: u64 },
    #[error("invalid record: {0}")]
    Invalid(Invalid),
    #[error("{kind} {id} was changed meanwhile (revision {found}, expected {expected})")]
    Stale { kind: Kind, id: u64, expected: u64, found: u64 },
    #[error("the data is for {found}, not {expected}")]
    WrongKind { expected: Kind, found: Kind },
    #[error("{kind} {id} is referred to by {by_kind} {by_id}")]
    Referenced { kind: Kind, id: u64, by_kind: Kind, by_id: u64 },
    #[error("the store is not empty")]
    NotEmpty,
    #[error("backup file: {0}")]
    Backup(super::backup::BackupProblem),
    #[error("account {account} has no role in this store (admins: {admins:?})")]
    UnknownAccount { account: String, admins: Vec<String> },
    #[error("account {account} ({role:?}) may not do this")]
    Forbidden { account: String, role: Role },
    #[error("taking the role of {account} would leave the store without an admin")]
    LastAdmin { account: String },
}

impl From<sled::Error> for StoreError {
    fn from(e: sled::Error) -> Self {
        StoreError::Io(e.to_string())
    }
}

impl From<Invalid> for StoreError {
    fn from(e: Invalid) -> Self {
        StoreError::Invalid(e)
    }
}

impl StoreError {
    /// Bad input from the user, as opposed to a failure of the machine or the store.
    pub fn is_user_error(&self) -> bool {
        matches!(
            self,
            StoreError::Invalid(_)
                | StoreError::NotFound { .. }
                | StoreError::WrongKind { .. }
                | StoreError::Referenced { .. }
                | StoreError::Forbidden { .. }
                | StoreError::UnknownAccount { .. }
                | StoreError::LastAdmin { .. }
        )
    }

    pub fn message(&self, lang: Lang) -> String {
        use StoreError::*;
        let zh = lang == Lang::Zh;
        match self {
            Locked { path } => {
                if zh {
                    format!(
                        "数据库 {} 正被另一个 silian 打开使用。请先关闭那个程序（或等它结束）再试。",
                        path.display()
                    )
                } else {
                    format!("The store {} is in use by another silian. Close that one (or wait for it to finish) and try again.", path.display())
                }
            }
            Open { path, reason } => {
                if zh {
                    format!("无法打开数据库 {}：{reason}", path.display())
                } else {
                    format!("Cannot open the store {}: {reason}", path.display())
                }
            }
            NewerSchema { path, found, supported } => {
                if zh {
                    format!("数据库 {} 由更新版本的 silian 写入（格式 {found}，本程序最高支持 {supported}），请升级 silian。", path.display())
                } else {
                    format!("The store {} was written by a newer silian (format {found}; this one reads up to {supported}). Please upgrade silian.", path.display())
                }
            }
            Io(reason) => {
                if zh {
                    format!("存储出错：{reason}")
                } else {
                    format!("Storage error: {reason}")
                }
            }
            Corrupt { kind, id, reason } => {
                if zh {
                    format!("{}{id} 无法读取（{reason}），请运行 silian check", kind.label(lang))
                } else {
                    format!("{} {id} cannot be read ({reason}); run silian check", kind.label(lang))
                }
            }
            NotFound { kind, id } => {
                if zh {
                    format!("找不到编号为 {id} 的{}", kind.label(lang))
                } else {
                    format!("There is no {} with id {id}", kind.label(lang))
                }
            }
            Invalid(e) => e.message(lang),
            Stale { kind, id, .. } => {
                if zh {
                    format!("{}{id} 已被他人修改，请重新载入后再改", kind.label(lang))
                } else {
                    format!("{} {id} was changed by someone else meanwhile; reload it and edit again", kind.label(lang))
                }
            }
            WrongKind { expected, found } => {
                if zh {
                    format!("数据是{}，不是{}", found.label(lang), expected.label(lang))
                } else {
                    format!("The data is a {}, not a {}", found.label(lang), expected.label(lang))
                }
            }
            Referenced { kind, id, by_kind, by_id } => {
                if zh {
                    format!("{}{id} 已被{}{by_id} 引用，不能删除，可改为归档", kind.label(lang), by_kind.label(lang))
                } else {
                    format!(
                        "{} {id} is referred to by {} {by_id}; it cannot be deleted, archive it instead",
                        kind.label(lang),
                        by_kind.label(lang)
                    )
                }
            }
            NotEmpty => lang
                .pick(
                    "数据库中已有记录；如确要覆盖，请加 --force",
                    "The store already holds records; add --force to replace them",
                )
                .into(),
            Backup(problem) => {
                let problem = problem.message(lang);
                if zh {
                    format!("备份文件有误，未做任何改动：{problem}")
                } else {
                    format!("Backup file refused, nothing was changed: {problem}")
                }
            }
            UnknownAccount { account, admins } => {
                let admins = admins.join(crate::i18n::list_sep(lang));
                if zh {
                    format!("账户 {account} 在此数据库中没有角色。请联系管理员（{admins}）用 silian role {account} 角色 授权。")
                } else {
                    format!("Account {account} has no role in this store. Ask an admin ({admins}) to grant one with silian role {account} ROLE.")
                }
            }
            Forbidden { account, role } => {
                let role = role.label(lang);
                if zh {
                    format!("账户 {account}（{role}）无权进行此操作")
                } else {
                    format!("Account {account} ({role}) may not do this")
                }
            }
            LastAdmin { account } => {
                if zh {
                    format!("不能取消 {account} 的管理员角色：数据库将没有管理员")
                } else {
                    format!("{account} cannot stop being an admin: the store would have none")
                }
            }
        }
    }
}
