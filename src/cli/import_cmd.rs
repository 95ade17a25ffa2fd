//! `silian import KIND FILE [--dry-run] [--on-duplicate skip|update|fail] [--encoding E]`.
//!
//! Read the file, find its header, load what the rows may refer to, plan every
//! row, print the report on stderr; write only when no row has a problem, in
//! one transaction. Exit 0 on success, 2 when the file has problems (nothing
//! written), 1 on other failures.

use super::args::parse_kind;
use super::commands::{store_error, Env};
use super::env::today;
use super::{CliError, OnDuplicate};
use crate::i18n::Lang;
use crate::io::import::{self, Options};
use crate::io::read::{self, ReadError, TextEncoding};
use crate::ops;
use crate::ops::Operation;
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
    ops::import::importable(kind, lang).map_err(CliError::usage)?;
    let encoding = encoding.map(|e| parse_encoding(e, lang)).transpose()?;
    let progress = Progress::new(lang, dry_run);
    progress.show(0.0);
    let sheet = read::read_file(file, encoding).map_err(|e| {
        progress.clear();
        read_error(&e, file, lang)
    })?;
    let store = env.open_store()?;
    let options = Options { on_duplicate: on_duplicate.into(), today: today() };
    let records = |kind| {
        progress.show(0.1);
        store.all(&env.context(), kind)
    };
    let planned = ops::import::Planned::plan(
        kind,
        file,
        &sheet,
        options,
        records,
        &mut |done, total| {
            progress.show(0.1 + 0.3 * fraction(done, total));
        },
        lang,
    );
    progress.clear();
    // The rows are in the plan now: the file's text need not stay.
    drop(sheet);
    let mut planned = planned.map_err(|e| store_error(e, lang))?.map_err(CliError::usage)?;
    let mut err = std::io::stderr().lock();
    for line in &planned.report {
        let _ = writeln!(err, "{line}");
    }
    drop(err);
    if !planned.plan.is_ok() {
        return Err(CliError::usage(planned.refusal(lang)));
    }
    if dry_run {
        eprintln!("{}", lang.pick("试运行：未写入任何记录", "dry run: nothing was written"));
        return Ok(());
    }
    let Some(batch) = planned.take_batch() else {
        eprintln!("{}", lang.pick("没有需要写入的记录", "nothing to write"));
        return Ok(());
    };
    drop(planned);
    let outcome = match store.local() {
        // In this process the store can tell how far it got.
        Some(local) => {
            let op = ops::import::Import { batch };
            ops::may(local, &env.context(), &op.need())
                .map_err(|e| store_error(e, lang))
                .inspect_err(|_| progress.clear())?;
            local
                .import_batch(&env.context(), op.batch, &|done, total| {
                    progress.show(0.4 + 0.55 * fraction(done, total));
                })
                .map_err(|e| store_error(e, lang))
        }
        None => env.ask(&store, ops::import::Import { batch }),
    };
    progress.clear();
    let outcome = outcome?;
    eprintln!("{}", ops::import::imported(&outcome, lang));
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
