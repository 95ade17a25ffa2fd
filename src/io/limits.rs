//! The ceilings on what an imported or restored file may claim, so that no
//! file, however large or crafted, makes memory grow without bound. Each
//! refusal names its limit; the README lists them.

/// Rows in one imported file. An import is checked whole before anything is
/// written (the report is what the clerk reads), so it is held in memory: at
/// this size a household file takes about 0.5 GB (see the README). A street
/// has thousands of households, a district a few hundred thousand.
pub const MAX_ROWS: usize = 250_000;

/// Bytes of one imported CSV file: 250,000 rows of about 500 bytes.
pub const MAX_CSV_BYTES: u64 = 128 << 20;

/// Columns of an imported sheet: far more than any record kind has fields,
/// and few enough that a row is never sized by a stray far-off cell.
pub const MAX_COLUMNS: usize = 256;

/// Characters in one cell: Excel's own limit.
pub const MAX_CELL_CHARS: usize = 32_767;

/// Bytes one part of an `.xlsx` archive may decompress to.
pub const MAX_PART_BYTES: u64 = 512 << 20;

/// How many times its compressed size a part may grow (past the first MiB):
/// spreadsheet XML compresses 10–30 times, a zip bomb thousands of times.
pub const MAX_PART_RATIO: u64 = 200;

/// Strings a workbook's shared-string table may declare.
pub const MAX_SHARED_STRINGS: u64 = 4_000_000;

/// Problems an import report lists in full; past it, "and N more".
pub const MAX_PROBLEMS_SHOWN: usize = 200;

// A backup's own limit, on the length of one line, is the store's:
// `crate::store::backup::MAX_BACKUP_LINE`.
