//! `silian export`, `silian template` and `silian report quarter`. The files
//! are built in `crate::io`; here the store is read, reveals are logged and
//! the result is written whole (temporary file, then rename).

use super::args::parse_kind;
use super::commands::{store_error, Env};
use super::env::today;
use super::CliError;
use crate::i18n::Lang;
use crate::io::export::{bad_extension_message, export_bytes, write_atomic, ExportSpec, FileKind, WriteError};
use crate::io::{ledger, template};
use crate::model::fields::specs;
use crate::model::period::Quarter;
use crate::model::{AnyRecord, Kind};
use crate::net::Backend;
use crate::ops;
use crate::present::Names;
use std::collections::HashSet;
use std::path::Path;

fn file_kind(env: &Env, file: &Path, allowed: &[FileKind]) -> Result<FileKind, CliError> {
    let expected: Vec<&str> = allowed
        .iter()
        .map(|k| match k {
            FileKind::Xlsx => ".xlsx",
            FileKind::Csv => ".csv",
        })
        .collect();
    FileKind::of(file)
        .filter(|k| allowed.contains(k))
        .ok_or_else(|| CliError::usage(bad_extension_message(file, &expected, env.lang)))
}

fn write_error(env: &Env, file: &Path, reason: impl std::fmt::Display) -> CliError {
    CliError::failure(match env.lang {
        Lang::Zh => format!("无法写入文件 {}：{reason}", file.display()),
        Lang::En => format!("cannot write {}: {reason}", file.display()),
    })
}

fn save(env: &Env, file: &Path, bytes: Result<Vec<u8>, WriteError>) -> Result<(), CliError> {
    let bytes = bytes.map_err(|e| write_error(env, file, e.0))?;
    write_atomic(file, &bytes).map_err(|e| write_error(env, file, e))
}

fn list(env: &Env, store: &Backend, kind: Kind, archived: bool) -> Result<Vec<AnyRecord>, CliError> {
    env.ask(store, ops::records::List { kind, include_archived: archived })
}

/// The records to export: all of the kind, or those matching `query`, by id.
fn selected(
    env: &Env,
    store: &Backend,
    kind: Kind,
    query: Option<&str>,
    archived: bool,
) -> Result<Vec<AnyRecord>, CliError> {
    let mut records = list(env, store, kind, archived)?;
    if let Some(query) = query {
        let request = ops::records::Search {
            query: query.into(),
            kind: Some(kind),
            include_archived: archived,
            limit: usize::MAX,
        };
        let hits = env.ask(store, request)?;
        let wanted: HashSet<u64> = hits.iter().filter(|h| h.kind == kind).map(|h| h.id).collect();
        records.retain(|r| wanted.contains(&r.id()));
    }
    records.sort_by_key(AnyRecord::id);
    Ok(records)
}

pub fn export(
    env: &Env,
    kind: &str,
    file: &Path,
    query: Option<&str>,
    archived: bool,
    reveal: bool,
) -> Result<(), CliError> {
    let kind = parse_kind(kind, env.lang)?;
    let format = file_kind(env, file, &[FileKind::Xlsx, FileKind::Csv])?;
    let store = env.open_store()?;
    let records = selected(env, &store, kind, query, archived)?;
    let personal = specs(kind).iter().any(|s| s.is_personal(kind));
    if reveal && personal && !records.is_empty() {
        // Logged before anything is written: an unmasked file never exists unaudited.
        let note = format!("export {}", file.display());
        env.ask(&store, ops::maintenance::LogReveal { kind, ids: records.iter().map(AnyRecord::id).collect(), note })?;
    }
    let names = Names::for_kind(|k| store.all(&env.context(), k), kind).map_err(|e| store_error(e, env.lang))?;
    let show_all = |_: &AnyRecord| reveal;
    let spec = ExportSpec { kind, lang: env.lang, reveal: &show_all, archived_column: archived };
    save(env, file, export_bytes(&spec, &records, &names, format))?;
    eprintln!(
        "{}",
        match env.lang {
            Lang::Zh => format!("已导出{} {} 条到 {}", kind.label(env.lang), records.len(), file.display()),
            Lang::En => format!("Exported {} {} records to {}", records.len(), kind.label(env.lang), file.display()),
        }
    );
    Ok(())
}

pub fn template(env: &Env, kind: &str, file: &Path) -> Result<(), CliError> {
    let kind = parse_kind(kind, env.lang)?;
    if !template::is_importable(kind) {
        return Err(CliError::usage(match env.lang {
            Lang::Zh => format!("{}不能导入，没有模板；可用：{}", kind.label(env.lang), template::importable_ids()),
            Lang::En => format!(
                "{} records cannot be imported, so there is no template; expected one of: {}",
                kind.label(env.lang),
                template::importable_ids()
            ),
        }));
    }
    file_kind(env, file, &[FileKind::Xlsx])?;
    save(env, file, template::template_bytes(kind, env.lang))?;
    eprintln!(
        "{}",
        match env.lang {
            Lang::Zh => format!("已生成{}导入模板：{}", kind.label(env.lang), file.display()),
            Lang::En => format!("Wrote the {} import template to {}", kind.label(env.lang), file.display()),
        }
    );
    Ok(())
}

pub fn quarter_report(env: &Env, quarter: &str, out: &Path) -> Result<(), CliError> {
    let quarter: Quarter =
        quarter.parse().map_err(|e: crate::model::period::QuarterParseError| CliError::usage(e.message(env.lang)))?;
    file_kind(env, out, &[FileKind::Xlsx])?;
    let today = today();
    if quarter.first_day() > today {
        return Err(CliError::usage(match env.lang {
            Lang::Zh => format!("{quarter} 尚未开始（今天是 {today}），没有可以统计的内容"),
            Lang::En => format!("{quarter} has not begun (today is {today}); there is nothing to report"),
        }));
    }
    let store = env.open_store()?;
    let settings = env.ask(&store, ops::settings::GetSettings)?;
    let mut records = Vec::new();
    for kind in Kind::ALL.into_iter().filter(|k| *k != Kind::Evaluation) {
        records.extend(list(env, &store, kind, true)?);
    }
    let ledger = ledger::build(&records, &settings, quarter, today, env.lang);
    save(env, out, ledger::ledger_bytes(&ledger))?;
    eprintln!(
        "{}",
        match env.lang {
            Lang::Zh => format!(
                "已生成{}台账（{} 张表，统计截至 {}）：{}",
                ledger::quarter_name(quarter, env.lang),
                ledger.sheets.len(),
                ledger.as_of,
                out.display()
            ),
            Lang::En => format!(
                "Wrote the {} ledger ({} sheets, as of {}) to {}",
                ledger::quarter_name(quarter, env.lang),
                ledger.sheets.len(),
                ledger.as_of,
                out.display()
            ),
        }
    );
    Ok(())
}
