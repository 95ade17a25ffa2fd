//! `:import [KIND] FILE [skip|update|fail]`: the file is read (an effect),
//! planned against the records the workbench holds, and its report shown;
//! only after a yes is the batch written, all or nothing, by the store.

use super::app::App;
use super::effects::Effect;
use super::open::{Layer, Question};
use crate::i18n::Lang;
use crate::io::import::{OnDuplicate, Options};
use crate::io::read::{ReadError, Sheet};
use crate::model::Kind;
use crate::ops::{self, import::Planned};
use crate::store::bulk::ImportBatch;
use std::borrow::Cow;
use std::convert::Infallible;
use std::path::Path;

/// A report shown over the body until answered: an import's (with what it
/// would write, when it may) or a member's 述职 material.
#[derive(Clone, Debug, PartialEq)]
pub struct ReportView {
    pub title: String,
    pub lines: Vec<String>,
    pub batch: Option<Box<ImportBatch>>,
    /// The first row shown, of the wrapped rows; the drawing keeps it in range.
    pub scroll: usize,
}

impl App {
    pub(super) fn start_import(&mut self, words: &[&str]) -> Vec<Effect> {
        let mut words = words.to_vec();
        let on_duplicate = match words.last().copied() {
            Some("skip") => Some(OnDuplicate::Skip),
            Some("update") => Some(OnDuplicate::Update),
            Some("fail") => Some(OnDuplicate::Fail),
            _ => None,
        };
        if on_duplicate.is_some() {
            words.pop();
        }
        let kind = match words.first().and_then(|w| Kind::parse(w)) {
            Some(kind) => {
                words.remove(0);
                Some(kind)
            }
            None => self.kind(),
        };
        let path = words.join(" ");
        let Some(kind) = kind.filter(|_| !path.is_empty()) else {
            self.status = self
                .lang
                .pick(
                    "用法：:import [类型] 文件.xlsx|.csv [skip|update|fail]",
                    "usage: :import [KIND] FILE.xlsx|FILE.csv [skip|update|fail]",
                )
                .into();
            return Vec::new();
        };
        if let Err(refused) = ops::import::importable(kind, self.lang) {
            self.status = refused;
            return Vec::new();
        }
        self.import_mode = on_duplicate.unwrap_or_default();
        self.status = self.lang.pick("正在读取文件…", "Reading the file…").into();
        vec![Effect::ReadImport { kind, path }]
    }

    /// Plans the file's rows against the records held here (the same ones the
    /// store has: every save goes through this state) and shows the report.
    pub(super) fn import_read(&mut self, kind: Kind, path: &str, sheet: Result<Sheet, ReadError>) {
        let sheet = match sheet {
            Ok(sheet) => sheet,
            Err(e) => {
                self.status = format!("{path}: {}", e.message(self.lang));
                return;
            }
        };
        let options = Options { on_duplicate: self.import_mode, today: self.today };
        let records = |k| Ok::<_, Infallible>(self.data.records(k).iter().map(Cow::into_owned).collect());
        let Ok(planned) = Planned::plan(kind, Path::new(path), &sheet, options, records, &mut |_, _| {}, self.lang);
        let mut planned = match planned {
            Ok(planned) => planned,
            Err(no_header) => {
                self.status = format!("{path}: {no_header}");
                return;
            }
        };
        let writes = planned.writes();
        let batch = planned.take_batch().map(Box::new);
        let question = if batch.is_some() { Question::WriteImport(writes) } else { Question::CloseReport };
        let (source, lines) = (planned.source, planned.report);
        let title = match self.lang {
            Lang::Zh => format!("导入 {source}（{}）", kind.plural_label(self.lang)),
            Lang::En => format!("Import {source} ({})", kind.plural_label(self.lang)),
        };
        self.show_report(ReportView { title, lines, batch, scroll: 0 }, question);
    }

    /// Shows `view` over the body until `question` is answered.
    pub(super) fn show_report(&mut self, view: ReportView, question: Question) {
        self.open.push(Layer::Report(Box::new(view), question));
        self.status.clear();
    }

    /// The report is closed; a yes to an import's writes it.
    pub(super) fn answer_report(&mut self, view: ReportView, _: Question, yes: bool) -> Vec<Effect> {
        match view.batch {
            Some(batch) if yes => {
                self.status = self.lang.pick("正在写入…", "Writing…").into();
                vec![Effect::ask(ops::import::Import { batch: *batch })]
            }
            Some(_) => {
                self.status = self.lang.pick("未导入任何记录", "Nothing was imported").into();
                Vec::new()
            }
            None => Vec::new(),
        }
    }
}
