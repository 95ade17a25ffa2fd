//! Importing a file: which kinds may be imported, the file's rows planned
//! against the records they may refer to or update (with the report a clerk
//! reads before anything is written), and the records written all or nothing.

use super::{Caller, Error, Label, Need, Operation};
use crate::i18n::Lang;
use crate::io::import::{self, Layout, Options, Plan, Snapshot, IMPORTABLE};
use crate::io::read::Sheet;
use crate::model::{AnyRecord, Kind};
use crate::store::bulk::{ImportBatch, ImportOutcome};
use crate::store::Store;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// Whether records of `kind` can be imported; the refusal names those that can.
pub fn importable(kind: Kind, lang: Lang) -> Result<(), String> {
    if IMPORTABLE.contains(&kind) {
        return Ok(());
    }
    let kinds: Vec<&str> = IMPORTABLE.iter().map(|k| k.id()).collect();
    Err(match lang {
        Lang::Zh => format!("{}不能导入；可导入：{}", kind.label(lang), kinds.join(", ")),
        Lang::En => format!("{kind} records cannot be imported; importable: {}", kinds.join(", ")),
    })
}

/// A file's rows planned against the records they may refer to or update.
pub struct Planned {
    pub plan: Plan,
    /// Every problem and what would be written, then the summary line.
    pub report: Vec<String>,
    /// The file's name, as the audit log records it.
    pub source: String,
}

impl Planned {
    /// Plans `sheet`, read from `path`, as records of `kind`; `records` gives
    /// the records of a kind as the front end reads them, and `progress` how
    /// many rows are done. `Ok(Err(message))` when no header row is found.
    pub fn plan<E>(
        kind: Kind,
        path: &Path,
        sheet: &Sheet,
        options: Options,
        records: impl FnMut(Kind) -> Result<Vec<AnyRecord>, E>,
        progress: &mut dyn FnMut(usize, usize),
        lang: Lang,
    ) -> Result<Result<Planned, String>, E> {
        let Some(layout) = Layout::detect(kind, &sheet.rows) else {
            return Ok(Err(import::no_header_message(kind, lang)));
        };
        let snapshot = Snapshot::gather(&layout, records)?;
        let plan = import::plan(&layout, &sheet.rows, &snapshot, options, progress);
        let mut report = import::render(&plan, Some(&sheet.format), lang);
        report.push(import::summary(&plan, lang));
        let source = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
        Ok(Ok(Planned { plan, report, source }))
    }

    /// Records the import would add or change.
    pub fn writes(&self) -> usize {
        self.plan.creates.len() + self.plan.updates.len()
    }

    /// What to write, taken out of the plan: only when no row has a problem
    /// and something is to be written.
    pub fn take_batch(&mut self) -> Option<ImportBatch> {
        (self.plan.is_ok() && self.writes() > 0).then(|| self.plan.take_batch(&self.source))
    }

    /// Why nothing can be written: how many problems on how many lines.
    pub fn refusal(&self, lang: Lang) -> String {
        let (problems, lines) = (self.plan.problem_count(), self.plan.bad_lines());
        match lang {
            Lang::Zh => format!("文件有 {problems} 处问题（涉及 {lines} 行），未写入任何记录"),
            Lang::En => format!("the file has {problems} problems (on {lines} lines); nothing was written"),
        }
    }
}

/// All records of one imported file, written all or nothing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Import {
    pub batch: ImportBatch,
}

impl Operation for Import {
    type Reply = ImportOutcome;
    fn need(&self) -> Need<'_> {
        Need::AllRecords
    }
    fn run(self, store: &Store, caller: &Caller) -> Result<ImportOutcome, Error> {
        Ok(store.import_batch(&caller.ctx, self.batch, &|_, _| {})?)
    }
    fn outcome(&self, reply: &ImportOutcome, _: &Label, lang: Lang) -> String {
        imported(reply, lang)
    }
}

/// What an import wrote, as the clerk is told.
pub fn imported(outcome: &ImportOutcome, lang: Lang) -> String {
    let (added, updated) = (outcome.created.len(), outcome.updated.len());
    match lang {
        Lang::Zh => format!("已导入：新增 {added} 条，更新 {updated} 条"),
        Lang::En => format!("Imported: {added} added, {updated} updated"),
    }
}
