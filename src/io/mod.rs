//! Data exchange with the office's spreadsheets: reading CSV (UTF-8 or GBK)
//! and XLSX, importing rows as records, exporting lists, templates and the
//! quarterly ledger, and Word documents in the official format. Nothing here knows of the terminal.

pub mod docx;
pub mod export;
pub mod import;
pub mod ledger;
pub mod limits;
pub mod read;
pub mod template;
