//! Spreadsheet exchange on the command line: import, export, template and the
//! quarterly ledger. The work itself lives in `crate::io`.

use super::commands::Env;
use super::{CliError, OnDuplicate};
use std::path::Path;

fn not_yet(env: &Env) -> CliError {
    CliError::failure(env.lang.pick("此功能尚未完成", "not available yet"))
}

pub fn import(
    env: &Env,
    _kind: &str,
    _file: &Path,
    _dry_run: bool,
    _on_duplicate: OnDuplicate,
    _encoding: Option<&str>,
) -> Result<(), CliError> {
    Err(not_yet(env))
}

pub fn export(
    env: &Env,
    _kind: &str,
    _file: &Path,
    _query: Option<&str>,
    _archived: bool,
    _reveal: bool,
) -> Result<(), CliError> {
    Err(not_yet(env))
}

pub fn template(env: &Env, _kind: &str, _file: &Path) -> Result<(), CliError> {
    Err(not_yet(env))
}

pub fn quarter_report(env: &Env, _quarter: &str, _out: &Path) -> Result<(), CliError> {
    Err(not_yet(env))
}
