//! Excel workbooks (`.xlsx`, `.xlsm`), read cell by cell.
//!
//! calamine's `worksheet_range` sizes one allocation by the sheet's extent,
//! which the file itself claims: a single cell at `XFD1048576` asked for
//! 549 GB, a reference like `ZZZZZZZZZZZZ99999999999` overflowed, and the
//! shared-string table reserves whatever count its header states. So the
//! archive is first checked against [`crate::io::limits`] (each part's
//! decompressed size, its ratio to the compressed size, the declared string
//! count), and the sheet is then read through calamine's streaming cell reader
//! into rows that hold only their non-empty cells' text.

use super::{cell_text_of, ReadError, Row, Sheet, SheetFormat};
use crate::io::limits::{MAX_COLUMNS, MAX_PART_BYTES, MAX_PART_RATIO, MAX_ROWS, MAX_SHARED_STRINGS};
use calamine::{open_workbook, Reader, Xlsx};
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

/// The first sheet that holds data, each row with its Excel row number.
pub fn read_xlsx(path: &Path) -> Result<Sheet, ReadError> {
    check_archive(path)?;
    let mut book: Xlsx<BufReader<File>> =
        open_workbook(path).map_err(|e: calamine::XlsxError| ReadError::Workbook(e.to_string()))?;
    let names = book.sheet_names();
    for name in names.iter() {
        let rows = sheet_rows(&mut book, name)?;
        if rows.iter().all(Row::is_blank) {
            continue;
        }
        return Ok(Sheet { rows, format: SheetFormat::Workbook { sheet: name.to_string(), sheets: names.len() } });
    }
    Err(ReadError::EmptyWorkbook)
}

/// The sheet called `name`, checked and read as [`read_xlsx`] reads the
/// first; `None` when the workbook has no sheet of that name.
pub fn read_xlsx_sheet(path: &Path, name: &str) -> Result<Option<Sheet>, ReadError> {
    check_archive(path)?;
    let mut book: Xlsx<BufReader<File>> =
        open_workbook(path).map_err(|e: calamine::XlsxError| ReadError::Workbook(e.to_string()))?;
    let names = book.sheet_names();
    if !names.iter().any(|n| n == name) {
        return Ok(None);
    }
    let rows = sheet_rows(&mut book, name)?;
    Ok(Some(Sheet { rows, format: SheetFormat::Workbook { sheet: name.to_string(), sheets: names.len() } }))
}

/// A sheet's rows in order, each holding its cells up to the last non-empty one.
fn sheet_rows(book: &mut Xlsx<BufReader<File>>, name: &str) -> Result<Vec<Row>, ReadError> {
    let workbook_error = |e: calamine::XlsxError| ReadError::Workbook(e.to_string());
    let mut cells = match book.worksheet_cells_reader(name) {
        Ok(reader) => reader,
        // A chart sheet or a macro sheet holds no rows.
        Err(calamine::XlsxError::NotAWorksheet(_)) => return Ok(Vec::new()),
        Err(e) => return Err(workbook_error(e)),
    };
    let mut rows: Vec<Row> = Vec::new();
    while let Some(cell) = cells.next_cell().map_err(workbook_error)? {
        let text = cell_text_of(cell.get_value());
        if text.is_empty() {
            continue;
        }
        let (row, column) = cell.get_position();
        let (line, column) = (row as usize + 1, column as usize);
        if column >= MAX_COLUMNS {
            return Err(ReadError::TooWide { line, columns: column + 1 });
        }
        let at = match rows.last() {
            Some(last) if last.line == line => rows.len() - 1,
            _ => {
                if rows.len() >= MAX_ROWS {
                    return Err(ReadError::TooManyRows { line });
                }
                rows.push(Row::new(line, Vec::new()));
                rows.len() - 1
            }
        };
        let row = &mut rows[at];
        if row.cells.len() <= column {
            row.cells.resize(column + 1, String::new());
        }
        row.cells[column] = text;
    }
    // Cells are written row by row, but nothing in the format forces it.
    if !rows.is_sorted_by_key(|r| r.line) {
        rows.sort_by_key(|r| r.line);
        rows.dedup_by(|later, earlier| {
            let same = later.line == earlier.line;
            if same {
                merge_cells(earlier, std::mem::take(&mut later.cells));
            }
            same
        });
    }
    Ok(rows)
}

fn merge_cells(into: &mut Row, cells: Vec<String>) {
    if into.cells.len() < cells.len() {
        into.cells.resize(cells.len(), String::new());
    }
    for (i, text) in cells.into_iter().enumerate().filter(|(_, t)| !t.is_empty()) {
        into.cells[i] = text;
    }
}

/// Refuses an archive whose parts decompress past the limits, before calamine
/// reads any of them whole.
fn check_archive(path: &Path) -> Result<(), ReadError> {
    let file = File::open(path).map_err(|e| ReadError::Io(format!("{}: {e}", path.display())))?;
    let mut zip = zip::ZipArchive::new(BufReader::new(file)).map_err(|e| ReadError::Workbook(e.to_string()))?;
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).map_err(|e| ReadError::Workbook(e.to_string()))?;
        let name = part.name().map_or_else(|_| format!("#{i}"), |n| n.into_owned());
        let compressed = part.compressed_size();
        let ceiling = MAX_PART_BYTES.min(compressed.saturating_mul(MAX_PART_RATIO).max(1 << 20));
        let is_strings = name.to_ascii_lowercase().ends_with("sharedstrings.xml");
        let mut head = Vec::new();
        let size = measure(&mut part, ceiling, is_strings.then_some(&mut head))
            .map_err(|e| ReadError::Workbook(format!("{name}: {e}")))?;
        if size > ceiling {
            return Err(ReadError::Inflated { part: name, compressed, limit: ceiling });
        }
        if is_strings {
            check_string_count(&name, &head, size)?;
        }
    }
    Ok(())
}

/// Bytes a part decompresses to, reading at most one past `ceiling`; keeps
/// its first 4 KB in `head` when asked.
fn measure(part: &mut impl Read, ceiling: u64, mut head: Option<&mut Vec<u8>>) -> std::io::Result<u64> {
    let mut buf = vec![0u8; 64 * 1024];
    let mut total = 0u64;
    while total <= ceiling {
        let n = match part.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if let Some(head) = head.as_deref_mut() {
            let room = 4096usize.saturating_sub(head.len()).min(n);
            head.extend_from_slice(&buf[..room]);
        }
        total += n as u64;
    }
    Ok(total)
}

/// calamine reserves room for the count the table declares: refuse one the
/// part cannot hold (an entry takes at least `<si/>`, 5 bytes) or past the limit.
fn check_string_count(name: &str, head: &[u8], size: u64) -> Result<(), ReadError> {
    let Some(declared) = declared_count(head) else { return Ok(()) };
    let limit = MAX_SHARED_STRINGS.min(size / 5 + 1);
    if declared > limit {
        return Err(ReadError::TooManyStrings { part: name.to_string(), declared, limit });
    }
    Ok(())
}

/// The `uniqueCount` attribute of the `<sst>` element, as calamine reads it;
/// `u64::MAX` for a number too long to be real.
fn declared_count(head: &[u8]) -> Option<u64> {
    let text = String::from_utf8_lossy(head);
    let sst = text.find("<sst")?;
    let rest = &text[sst..];
    let end = rest.find('>').unwrap_or(rest.len());
    let attr = rest[..end].find("uniqueCount=")? + "uniqueCount=".len();
    let value = rest[attr..end].trim_start_matches(['"', '\'']);
    let digits: String = value.chars().take_while(char::is_ascii_digit).collect();
    Some(digits.parse().unwrap_or(u64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_declared_string_count_is_read_from_the_table_header() {
        let head = br#"<?xml version="1.0"?><sst xmlns="x" count="9" uniqueCount="7"><si>"#;
        assert_eq!(declared_count(head), Some(7));
        assert_eq!(declared_count(br#"<sst uniqueCount="99999999999999999999999">"#), Some(u64::MAX));
        assert_eq!(declared_count(b"<sst count=\"3\">"), None);
    }

    #[test]
    fn a_count_the_part_cannot_hold_is_refused() {
        let head = br#"<sst uniqueCount="1000000">"#;
        let refused = check_string_count("xl/sharedStrings.xml", head, 400);
        assert!(matches!(refused, Err(ReadError::TooManyStrings { declared: 1_000_000, limit: 81, .. })));
        assert!(check_string_count("xl/sharedStrings.xml", head, 10_000_000).is_ok());
    }
}
