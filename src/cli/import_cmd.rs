//! `silian import KIND FILE [--dry-run] [--on-duplicate skip|update|fail] [--encoding E]`.

use super::commands::Env;
use super::{CliError, OnDuplicate};
use std::path::Path;

pub fn import(
    env: &Env,
    _kind: &str,
    _file: &Path,
    _dry_run: bool,
    _on_duplicate: OnDuplicate,
    _encoding: Option<&str>,
) -> Result<(), CliError> {
    Err(CliError::failure(env.lang.pick("此功能尚未完成", "not available yet")))
}
