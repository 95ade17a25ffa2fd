//! `silian export`, `silian template` and `silian report quarter`.

use super::commands::Env;
use super::CliError;
use std::path::Path;

fn not_yet(env: &Env) -> CliError {
    CliError::failure(env.lang.pick("此功能尚未完成", "not available yet"))
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
