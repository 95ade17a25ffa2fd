//! Writing lists to XLSX and CSV (UTF-8 with BOM, so that Excel on Chinese Windows opens it).
//!
//! The same columns either way: one per field, headed by its label in the UI
//! language, so that the import command can read a sheet back (it resolves
//! names). `table` holds the plain sheet model that templates and the
//! quarterly ledger share; `xlsx` and `csv_file` write it; `file` writes whole
//! files atomically.

pub mod csv_file;
pub mod file;
pub mod records;
pub mod table;
pub mod xlsx;

pub use file::{bad_extension_message, private_file, write_atomic, FileKind};
pub use records::{export_block, ExportSpec};
pub use table::{Block, Cell, Sheet, Totals};

use crate::i18n::Lang;
use crate::model::{AnyRecord, Kind};
use crate::present::Labels;

/// A file could not be produced (not a problem of the records).
#[derive(Debug)]
pub struct WriteError(pub String);

impl From<rust_xlsxwriter::XlsxError> for WriteError {
    fn from(e: rust_xlsxwriter::XlsxError) -> Self {
        WriteError(e.to_string())
    }
}

impl From<::csv::Error> for WriteError {
    fn from(e: ::csv::Error) -> Self {
        WriteError(e.to_string())
    }
}

/// The name of a kind's sheet: `委员`, `Members`.
pub fn sheet_title(kind: Kind, lang: Lang) -> String {
    kind.plural_label(lang).to_string()
}

/// The bytes of an export of `records` as an `.xlsx` or `.csv` file.
pub fn export_bytes<'r>(
    spec: &ExportSpec,
    records: impl IntoIterator<Item = &'r AnyRecord>,
    names: &impl Labels,
    file: FileKind,
) -> Result<Vec<u8>, WriteError> {
    let block = export_block(spec, records, names);
    match file {
        FileKind::Xlsx => {
            let block = block.with_totals(spec.lang, records::count_columns(spec.kind));
            Ok(xlsx::workbook_bytes(&[Sheet::plain(sheet_title(spec.kind, spec.lang), block, spec.lang)])?)
        }
        FileKind::Csv => Ok(csv_file::csv_bytes(&block)?),
    }
}
