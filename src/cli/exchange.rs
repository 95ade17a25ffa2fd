//! Spreadsheet exchange on the command line: import (`import_cmd`), export,
//! template and the quarterly ledger (`export_cmd`). The work itself lives in
//! `crate::io`.

pub use super::export_cmd::{export, quarter_report, template};
pub use super::import_cmd::import;
