//! `silian import KIND FILE [--dry-run] [--on-duplicate skip|update|fail] [--encoding E]`.
//!
//! Read the file, find its header, load what the rows may refer to, plan every
//! row, print the report on stderr; write only when no row has a problem, in
//! one transaction. Exit 0 on success, 2 when the file has problems (nothing
//! written), 1 on other failures.

use super::args::parse_kind;
use super::commands::{require_role, store_error, Env};
use super::env::today;
use super::{CliError, OnDuplicate};
use crate::i18n::Lang;
use crate::io::import::{self, Layout, Options, Snapshot, IMPORTABLE};
use crate::io::read::{self, ReadError, TextEncoding};
use crate::ops;
use crate::store::Role;
use std::cell::Cell;
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::time::{Duration, Instant};

pub fn import(
    env: &Env,
    kind: &str,
    file: &Path,
    dry_run: bool,
    on_duplicate: OnDuplicate,
    encoding: Option<&str>,
) -> Result<(), CliError> {
    let lang = env.lang;
    let kind = parse_kind(kind, lang)?;
    if !IMPORTABLE.contains(&kind) {
        let kinds: Vec<&str> = IMPORTABLE.iter().map(|k| k.id()).collect();
        return Err(CliError::usage(match lang {
            Lang::Zh => format!("{}不能导入；可导入：{}", kind.label(lang), kinds.join(", ")),
            Lang::En => format!("{kind} records cannot be imported; importable: {}", kinds.join(", ")),
        }));
    }
    let encoding = encoding.map(|e| parse_encoding(e, lang)).transpose()?;
    let progress = Progress::new(lang, dry_run);
    progress.show(0.0);
    let sheet = read::read_file(file, encoding).map_err(|e| {
        progress.clear();
        read_error(&e, file, lang)
    })?;
    let Some(layout) = Layout::detect(kind, &sheet.rows) else {
        progress.clear();
        return Err(no_header(kind, lang));
    };
    let store = env.open_store()?;
    let snapshot =
        Snapshot::gather(&layout, |kind| store.all(&env.context(), kind)).map_err(|e| store_error(e, lang))?;
    progress.show(0.1);
    let options = Options { on_duplicate: on_duplicate.into(), today: today() };
    let plan = import::plan(&layout, &sheet.rows, &snapshot, options, &mut |done, total| {
        progress.show(0.1 + 0.3 * fraction(done, total));
    });
    drop(snapshot);
    let ready = plan.is_ok() && !dry_run && !(plan.creates.is_empty() && plan.updates.is_empty());
    progress.clear();
    let mut err = std::io::stderr().lock();
    for line in import::render(&plan, Some(&sheet.format), lang) {
        let _ = writeln!(err, "{line}");
    }
    let _ = writeln!(err, "{}", import::summary(&plan, lang));
    drop(err);
    if !plan.is_ok() {
        return Err(CliError::usage(match lang {
            Lang::Zh => {
                format!("文件有 {} 处问题（涉及 {} 行），未写入任何记录", plan.problems.len(), plan.bad_lines())
            }
            Lang::En => format!(
                "the file has {} problems (on {} lines); nothing was written",
                plan.problems.len(),
                plan.bad_lines()
            ),
        }));
    }
    if dry_run {
        eprintln!("{}", lang.pick("试运行：未写入任何记录", "dry run: nothing was written"));
        return Ok(());
    }
    if !ready {
        eprintln!("{}", lang.pick("没有需要写入的记录", "nothing to write"));
        return Ok(());
    }
    let source = file.file_name().map_or_else(|| file.display().to_string(), |n| n.to_string_lossy().into_owned());
    let batch = plan.batch(&source);
    drop(plan);
    let outcome = match store.local() {
        // In this process the store can tell how far it got.
        Some(local) => {
            require_role(env, &store, &[Role::Admin, Role::Editor]).inspect_err(|_| progress.clear()).and_then(|()| {
                local
                    .import_batch(&env.context(), batch, &|done, total| {
                        progress.show(0.4 + 0.55 * fraction(done, total));
                    })
                    .map_err(|e| store_error(e, lang))
            })
        }
        None => env.ask(&store, ops::import::Import { batch }),
    };
    progress.clear();
    let outcome = outcome?;
    eprintln!(
        "{}",
        match lang {
            Lang::Zh => format!("已导入：新增 {} 条，更新 {} 条", outcome.created.len(), outcome.updated.len()),
            Lang::En => format!("imported: {} added, {} updated", outcome.created.len(), outcome.updated.len()),
        }
    );
    Ok(())
}

impl From<OnDuplicate> for import::OnDuplicate {
    fn from(d: OnDuplicate) -> Self {
        match d {
            OnDuplicate::Skip => import::OnDuplicate::Skip,
            OnDuplicate::Update => import::OnDuplicate::Update,
            OnDuplicate::Fail => import::OnDuplicate::Fail,
        }
    }
}

fn fraction(done: usize, total: usize) -> f64 {
    if total == 0 {
        1.0
    } else {
        done as f64 / total as f64
    }
}

fn parse_encoding(name: &str, lang: Lang) -> Result<TextEncoding, CliError> {
    TextEncoding::parse(name).ok_or_else(|| {
        CliError::usage(match lang {
            Lang::Zh => format!("不认识的编码 \"{name}\"；应为 utf-8 或 gbk"),
            Lang::En => format!("unknown encoding \"{name}\"; expected utf-8 or gbk"),
        })
    })
}

fn read_error(e: &ReadError, file: &Path, lang: Lang) -> CliError {
    let message = format!("{}: {}", file.display(), e.message(lang));
    if e.is_file_error() {
        CliError::usage(message)
    } else {
        CliError::failure(message)
    }
}

fn no_header(kind: crate::model::Kind, lang: Lang) -> CliError {
    CliError::usage(import::no_header_message(kind, lang))
}

/// `导入中 45%` on stderr, rewritten in place at most ten times a second, and
/// only when stderr is a terminal.
struct Progress {
    enabled: bool,
    label: &'static str,
    last: Cell<Option<Instant>>,
    shown: Cell<bool>,
}

impl Progress {
    fn new(lang: Lang, dry_run: bool) -> Progress {
        let label = match (lang, dry_run) {
            (Lang::Zh, false) => "导入中",
            (Lang::Zh, true) => "检查中",
            (Lang::En, false) => "importing",
            (Lang::En, true) => "checking",
        };
        Progress { enabled: std::io::stderr().is_terminal(), label, last: Cell::new(None), shown: Cell::new(false) }
    }

    fn show(&self, fraction: f64) {
        if !self.enabled {
            return;
        }
        let now = Instant::now();
        if self.last.get().is_some_and(|t| now.duration_since(t) < Duration::from_millis(100)) {
            return;
        }
        self.last.set(Some(now));
        self.shown.set(true);
        let percent = (fraction.clamp(0.0, 1.0) * 100.0) as u32;
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r{} {percent}%", self.label);
        let _ = err.flush();
    }

    /// Removes the progress line before the report is printed.
    fn clear(&self) {
        if self.shown.replace(false) {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[2K");
            let _ = err.flush();
        }
    }
}
