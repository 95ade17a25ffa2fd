//! Reading spreadsheets into rows of text: CSV in UTF-8 (with or without BOM) or GBK/GB18030, and XLSX.
//!
//! Every row keeps the line number a user sees in Excel (1-based, title and
//! header rows counted), so that a report can point at it. Cell values become
//! text the way Excel shows them: whole numbers stored as floats lose their
//! `.0` (so `13812341234` keeps every digit), date cells become `YYYY-MM-DD`.

use crate::io::limits::MAX_CSV_BYTES;

mod error;
mod text;
mod workbook;

pub use error::ReadError;
pub use text::{decode, parse_csv, read_csv_bytes};
pub use workbook::read_xlsx_sheet;

use calamine::{DataRef, ExcelDateTime};
use chrono::Timelike;
use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};
use std::path::Path;

/// One row of a sheet: its line in the file as Excel shows it, and its cells.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub line: usize,
    pub cells: Vec<String>,
}

impl Row {
    pub fn new(line: usize, cells: Vec<String>) -> Row {
        Row { line, cells }
    }

    pub fn cell(&self, i: usize) -> &str {
        self.cells.get(i).map_or("", |c| c.as_str())
    }

    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.trim().is_empty())
    }
}

/// The text encodings a CSV file may be in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8,
    /// GBK as Excel on Chinese Windows writes it; read as its superset GB18030.
    Gb18030,
    Utf16Le,
    Utf16Be,
}

impl TextEncoding {
    /// `utf-8`, `gbk`, `gb18030`, `gb2312` (and spellings without the dash).
    pub fn parse(name: &str) -> Option<TextEncoding> {
        match name.trim().to_ascii_lowercase().replace(['-', '_'], "").as_str() {
            "utf8" | "utf8bom" => Some(TextEncoding::Utf8),
            "gbk" | "gb18030" | "gb2312" | "cp936" | "936" => Some(TextEncoding::Gb18030),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Gb18030 => "GBK/GB18030",
            TextEncoding::Utf16Le => "UTF-16LE",
            TextEncoding::Utf16Be => "UTF-16BE",
        }
    }

    fn encoding(self) -> &'static Encoding {
        match self {
            TextEncoding::Utf8 => UTF_8,
            TextEncoding::Gb18030 => GB18030,
            TextEncoding::Utf16Le => UTF_16LE,
            TextEncoding::Utf16Be => UTF_16BE,
        }
    }
}

/// What was read, and how.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sheet {
    pub rows: Vec<Row>,
    pub format: SheetFormat,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SheetFormat {
    Csv { encoding: TextEncoding, detected: bool, bom: bool },
    Workbook { sheet: String, sheets: usize },
}

impl Sheet {
    /// Rows given directly, as tests and other front ends have them: line numbers from 1.
    pub fn from_rows(rows: Vec<Vec<String>>) -> Sheet {
        let rows = rows.into_iter().enumerate().map(|(i, cells)| Row::new(i + 1, cells)).collect();
        Sheet { rows, format: SheetFormat::Csv { encoding: TextEncoding::Utf8, detected: true, bom: false } }
    }
}

/// Reads a `.csv` (encoding detected unless `encoding` is given) or an Excel workbook's first sheet
/// that holds data. `progress` is told how far reading is, in thousandths.
pub fn read_file(path: &Path, encoding: Option<TextEncoding>) -> Result<Sheet, ReadError> {
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or_default().to_ascii_lowercase();
    match extension.as_str() {
        "csv" | "txt" | "tsv" => {
            let size = std::fs::metadata(path).map_err(|e| ReadError::Io(e.to_string()))?.len();
            if size > MAX_CSV_BYTES {
                return Err(ReadError::TooLarge { bytes: size });
            }
            let bytes = std::fs::read(path).map_err(|e| ReadError::Io(e.to_string()))?;
            let (text, encoding, detected, bom) = decode(&bytes, encoding)?;
            drop(bytes);
            let rows = parse_csv(&text)?;
            Ok(Sheet { rows, format: SheetFormat::Csv { encoding, detected, bom } })
        }
        "xlsx" | "xlsm" => {
            if !path.exists() {
                // calamine's message for a missing file is vague; say it plainly.
                return Err(ReadError::Io(format!("{}: {}", path.display(), not_found())));
            }
            workbook::read_xlsx(path)
        }
        other => Err(ReadError::UnsupportedFormat { extension: format!(".{other}") }),
    }
}

fn not_found() -> std::io::Error {
    std::io::Error::from(std::io::ErrorKind::NotFound)
}

/// A cell as text, the way Excel shows it.
pub fn cell_text_of(cell: &DataRef) -> String {
    match cell {
        DataRef::Empty => String::new(),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::SharedString(s) => s.to_string(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => number_text(*f),
        DataRef::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        DataRef::DateTime(dt) => date_text(dt),
        DataRef::Error(e) => format!("#{e:?}"),
    }
}

/// Serial days Excel can show as a date: 1900-01-01 to 9999-12-31.
const EXCEL_DAYS: std::ops::Range<f64> = 0.0..2_958_466.0;

/// A date-styled number as a date when it is one Excel could show; the
/// conversion panics far outside that range, so the range is checked first.
fn date_text(dt: &ExcelDateTime) -> String {
    let value = dt.as_f64();
    if !dt.is_datetime() || !EXCEL_DAYS.contains(&value) {
        return number_text(value);
    }
    match dt.as_datetime() {
        Some(t) if t.time().num_seconds_from_midnight() == 0 => t.date().format("%Y-%m-%d").to_string(),
        Some(t) => t.format("%Y-%m-%d %H:%M:%S").to_string(),
        None => number_text(value),
    }
}

/// Whole numbers without a fraction (Excel keeps every number as a float, so a
/// phone number `13812341234` must not become `13812341234.0` or `1.38e10`).
pub fn number_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        f.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(rows: &[Row]) -> Vec<usize> {
        rows.iter().map(|r| r.line).collect()
    }

    #[test]
    fn utf8_with_and_without_bom() {
        let plain = read_csv_bytes("姓名,电话\n余伟军,13812341234\n".as_bytes(), None).unwrap();
        assert_eq!(plain.rows[1].cells, ["余伟军", "13812341234"]);
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend("姓名,电话\n余伟军,1\n".as_bytes());
        let sheet = read_csv_bytes(&bom, None).unwrap();
        assert_eq!(sheet.rows[0].cells[0], "姓名");
        assert_eq!(sheet.format, SheetFormat::Csv { encoding: TextEncoding::Utf8, detected: true, bom: true });
    }

    #[test]
    fn gbk_is_detected_and_can_be_forced() {
        let (bytes, _, _) = GB18030.encode("户主,住址\n曾国藩,幸福路12号\n");
        let sheet = read_csv_bytes(&bytes, None).unwrap();
        assert_eq!(sheet.rows[1].cells, ["曾国藩", "幸福路12号"]);
        assert!(matches!(sheet.format, SheetFormat::Csv { encoding: TextEncoding::Gb18030, detected: true, .. }));
        assert_eq!(read_csv_bytes(&bytes, Some(TextEncoding::Utf8)), Err(ReadError::NotUtf8 { line: 1 }));
        let forced = read_csv_bytes("户主\n".as_bytes(), TextEncoding::parse("GBK")).unwrap();
        assert_ne!(forced.rows[0].cells[0], "户主", "UTF-8 bytes read as GBK are not the same text");
    }

    #[test]
    fn line_numbers_count_blank_lines_but_not_newlines_inside_cells() {
        let rows = parse_csv("a,b\n\"x\ny\",1\n\nc,2\r\nd,3").unwrap();
        let data: Vec<_> = rows.iter().filter(|r| !r.is_blank()).collect();
        assert_eq!(data.iter().map(|r| r.line).collect::<Vec<_>>(), [1, 2, 4, 5], "{rows:?}");
        assert_eq!(data[1].cells[0], "x\ny");
        let _ = lines(&rows);
    }

    #[test]
    fn tab_separated_text_is_read() {
        let rows = parse_csv("姓名\t电话\n余伟军\t1\n").unwrap();
        assert_eq!(rows[1].cells, ["余伟军", "1"]);
    }

    #[test]
    fn floats_that_are_whole_lose_their_fraction() {
        assert_eq!(number_text(3.0), "3");
        assert_eq!(number_text(13812341234.0), "13812341234");
        assert_eq!(number_text(2.5), "2.5");
        assert_eq!(cell_text_of(&DataRef::Float(13812341234.0)), "13812341234");
    }

    #[test]
    fn a_quote_open_at_the_end_of_the_file_is_refused_naming_its_line() {
        assert_eq!(parse_csv("户主,住址\n曾国藩,\"幸福路\n12号"), Err(ReadError::Unterminated { line: 2 }));
        let closed = parse_csv("户主,住址\n曾国藩,\"幸福路\n12号\"\n").unwrap();
        assert_eq!(closed[1].cells[1], "幸福路\n12号");
        // A quote inside an unquoted cell is text, and "" inside a quoted one is a quote.
        assert!(parse_csv("a,b\n5\" tall,\"say \"\"hi\"\"\"\n").is_ok());
    }

    #[test]
    fn text_that_turns_from_utf8_to_another_encoding_names_the_line() {
        let mut bytes = "户主,住址\n曾国藩,幸福路\n".as_bytes().to_vec();
        bytes.extend(GB18030.encode("李四,和平路\n").0.iter());
        assert_eq!(read_csv_bytes(&bytes, None), Err(ReadError::MixedEncoding { line: 3 }));
        let (gbk, _, _) = GB18030.encode("head,addr\n李四,和平路\n");
        assert!(read_csv_bytes(&gbk, None).is_ok(), "ASCII before GBK is GBK");
    }

    #[test]
    fn rows_past_the_limits_are_refused_naming_the_line() {
        let wide = format!("a{}\n", ",x".repeat(crate::io::limits::MAX_COLUMNS));
        assert_eq!(parse_csv(&wide), Err(ReadError::TooWide { line: 1, columns: crate::io::limits::MAX_COLUMNS + 1 }));
        let long = format!("a,b\nx,{}\n", "长".repeat(crate::io::limits::MAX_CELL_CHARS + 1));
        assert_eq!(parse_csv(&long), Err(ReadError::CellTooLong { line: 2, column: 2 }));
        let many = "x\n".repeat(crate::io::limits::MAX_ROWS + 1);
        assert_eq!(parse_csv(&many), Err(ReadError::TooManyRows { line: crate::io::limits::MAX_ROWS + 1 }));
    }

    #[test]
    fn date_cells_far_outside_the_calendar_stay_numbers() {
        use calamine::ExcelDateTimeType::DateTime;
        for value in [-1e300, -1e15, 1e15, f64::NAN, f64::INFINITY] {
            let cell = DataRef::DateTime(ExcelDateTime::new(value, DateTime, false));
            let text = cell_text_of(&cell);
            assert!(chrono::NaiveDate::parse_from_str(&text, "%Y-%m-%d").is_err(), "{value} became {text}");
        }
        let day = DataRef::DateTime(ExcelDateTime::new(46_000.0, DateTime, false));
        assert_eq!(cell_text_of(&day), "2025-12-09");
    }

    #[test]
    fn encoding_names() {
        assert_eq!(TextEncoding::parse("utf-8"), Some(TextEncoding::Utf8));
        assert_eq!(TextEncoding::parse("GB18030"), Some(TextEncoding::Gb18030));
        assert_eq!(TextEncoding::parse("latin1"), None);
    }
}
