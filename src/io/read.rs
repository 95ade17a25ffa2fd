//! Reading spreadsheets into rows of text: CSV in UTF-8 (with or without BOM) or GBK/GB18030, and XLSX.
//!
//! Every row keeps the line number a user sees in Excel (1-based, title and
//! header rows counted), so that a report can point at it. Cell values become
//! text the way Excel shows them: whole numbers stored as floats lose their
//! `.0` (so `13812341234` keeps every digit), date cells become `YYYY-MM-DD`.

use calamine::{Data, Reader};
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

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadError {
    /// The file cannot be opened or read at all (a failure, not the file's fault).
    Io(String),
    /// Not `.csv` / `.xlsx` (nor `.xls`, `.xlsm`, `.ods`).
    UnsupportedFormat {
        extension: String,
    },
    /// The file was forced to be UTF-8 but is not; the line of the first bad byte.
    NotUtf8 {
        line: usize,
    },
    /// The bytes are not text in the encoding (GB18030 accepts almost anything, so rarely).
    Undecodable {
        encoding: TextEncoding,
        line: usize,
    },
    Csv {
        line: usize,
        reason: String,
    },
    Workbook(String),
    /// The workbook has no sheet with any cell.
    EmptyWorkbook,
}

impl ReadError {
    /// A fault of the file (exit 2), as opposed to the machine (exit 1).
    pub fn is_file_error(&self) -> bool {
        !matches!(self, ReadError::Io(_))
    }

    pub fn message(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::Lang::*;
        match (self, lang) {
            (ReadError::Io(e), Zh) => format!("无法读取文件：{e}"),
            (ReadError::Io(e), En) => format!("cannot read the file: {e}"),
            (ReadError::UnsupportedFormat { extension }, Zh) => {
                format!("不支持的文件类型 \"{extension}\"；应为 .csv 或 .xlsx")
            }
            (ReadError::UnsupportedFormat { extension }, En) => {
                format!("unsupported file type \"{extension}\"; expected .csv or .xlsx")
            }
            (ReadError::NotUtf8 { line }, Zh) => format!(
                "第 {line} 行不是有效的 UTF-8 文字；文件可能是 GBK 编码，请去掉 --encoding utf-8 或改用 --encoding gbk"
            ),
            (ReadError::NotUtf8 { line }, En) => format!(
                "line {line} is not valid UTF-8; the file may be GBK: leave out --encoding utf-8 or use --encoding gbk"
            ),
            (ReadError::Undecodable { encoding, line }, Zh) => {
                format!("第 {line} 行不是有效的 {} 文字；请用 --encoding 指定正确的编码", encoding.name())
            }
            (ReadError::Undecodable { encoding, line }, En) => {
                format!("line {line} is not valid {} text; give the right one with --encoding", encoding.name())
            }
            (ReadError::Csv { line, reason }, Zh) => format!("第 {line} 行无法按 CSV 读取：{reason}"),
            (ReadError::Csv { line, reason }, En) => format!("line {line} cannot be read as CSV: {reason}"),
            (ReadError::Workbook(e), Zh) => format!("无法读取 Excel 文件：{e}"),
            (ReadError::Workbook(e), En) => format!("cannot read the Excel file: {e}"),
            (ReadError::EmptyWorkbook, Zh) => "Excel 文件中没有任何数据".into(),
            (ReadError::EmptyWorkbook, En) => "the Excel file holds no data".into(),
        }
    }
}

/// Reads a `.csv` (encoding detected unless `encoding` is given) or an Excel workbook's first sheet
/// that holds data. `progress` is told how far reading is, in thousandths.
pub fn read_file(path: &Path, encoding: Option<TextEncoding>) -> Result<Sheet, ReadError> {
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or_default().to_ascii_lowercase();
    match extension.as_str() {
        "csv" | "txt" | "tsv" => {
            let bytes = std::fs::read(path).map_err(|e| ReadError::Io(e.to_string()))?;
            read_csv_bytes(&bytes, encoding)
        }
        "xlsx" | "xlsm" | "xls" | "ods" | "xlsb" => {
            if !path.exists() {
                // calamine's message for a missing file is vague; say it plainly.
                return Err(ReadError::Io(format!("{}: {}", path.display(), not_found())));
            }
            read_workbook(path)
        }
        other => Err(ReadError::UnsupportedFormat { extension: format!(".{other}") }),
    }
}

fn not_found() -> std::io::Error {
    std::io::Error::from(std::io::ErrorKind::NotFound)
}

/// Decodes and parses CSV bytes.
pub fn read_csv_bytes(bytes: &[u8], forced: Option<TextEncoding>) -> Result<Sheet, ReadError> {
    let (text, encoding, detected, bom) = decode(bytes, forced)?;
    let rows = parse_csv(&text)?;
    Ok(Sheet { rows, format: SheetFormat::Csv { encoding, detected, bom } })
}

/// Text of the file: a BOM decides; otherwise valid UTF-8 is UTF-8 and anything
/// else is GB18030 (a superset of GBK, the default of Excel on Chinese Windows).
pub fn decode(bytes: &[u8], forced: Option<TextEncoding>) -> Result<(String, TextEncoding, bool, bool), ReadError> {
    let (from_bom, bom_len) = match Encoding::for_bom(bytes) {
        Some((e, len)) if e == UTF_8 => (Some(TextEncoding::Utf8), len),
        Some((e, len)) if e == UTF_16LE => (Some(TextEncoding::Utf16Le), len),
        Some((e, len)) if e == UTF_16BE => (Some(TextEncoding::Utf16Be), len),
        _ => (None, 0),
    };
    let body = &bytes[bom_len..];
    let bom = bom_len > 0;
    let (encoding, detected) = match (forced, from_bom) {
        // A UTF-16 BOM cannot be wrong; a forced byte encoding of such a file would only give garbage.
        (_, Some(e @ (TextEncoding::Utf16Le | TextEncoding::Utf16Be))) => (e, true),
        (Some(f), _) => (f, false),
        (None, Some(e)) => (e, true),
        (None, None) if std::str::from_utf8(body).is_ok() => (TextEncoding::Utf8, true),
        (None, None) => (TextEncoding::Gb18030, true),
    };
    if encoding == TextEncoding::Utf8 {
        return match std::str::from_utf8(body) {
            Ok(s) => Ok((s.to_string(), encoding, detected, bom)),
            Err(e) => Err(ReadError::NotUtf8 { line: line_of_offset(body, e.valid_up_to()) }),
        };
    }
    let (text, had_errors) = encoding.encoding().decode_without_bom_handling(body);
    if had_errors {
        let line = text.find('\u{FFFD}').map_or(1, |at| 1 + text[..at].matches('\n').count());
        return Err(ReadError::Undecodable { encoding, line });
    }
    Ok((text.into_owned(), encoding, detected, bom))
}

fn line_of_offset(bytes: &[u8], offset: usize) -> usize {
    1 + bytes[..offset].iter().filter(|b| **b == b'\n').count()
}

/// Comma-separated unless the first line has tabs and no commas (Excel's "Unicode text").
fn delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or_default();
    if first.contains('\t') && !first.contains(',') {
        b'\t'
    } else {
        b','
    }
}

/// Rows of CSV text with the line Excel shows each on: a blank line is a row
/// in Excel, and a quoted cell over several lines is still one row.
pub fn parse_csv(text: &str) -> Result<Vec<Row>, ReadError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(text))
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    // The physical line of a byte offset, counted as the reader moves on
    // (csv's own line count passes over blank lines).
    let bytes = text.as_bytes();
    let (mut counted_to, mut physical) = (0usize, 1usize);
    let mut line_at = |offset: usize| {
        // A record's position may point at the line end before it.
        let skip = bytes.get(offset..).unwrap_or_default().iter().take_while(|b| matches!(b, b'\r' | b'\n')).count();
        let offset = (offset + skip).min(bytes.len());
        if offset > counted_to {
            physical += bytes[counted_to..offset].iter().filter(|b| **b == b'\n').count();
            counted_to = offset;
        }
        physical
    };
    // Newlines inside quoted cells so far: physical lines that are not rows.
    let mut inner_newlines = 0usize;
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let start = record.position().map_or(0, |p| p.byte() as usize);
                let line = line_at(start) - inner_newlines;
                let cells: Vec<String> = record.iter().map(str::to_string).collect();
                inner_newlines += cells.iter().map(|c| c.matches('\n').count()).sum::<usize>();
                rows.push(Row::new(line, cells));
            }
            Err(e) => {
                let start = e.position().map_or(bytes.len(), |p| p.byte() as usize);
                let line = line_at(start) - inner_newlines;
                let reason = match e.kind() {
                    csv::ErrorKind::Utf8 { err, .. } => err.to_string(),
                    _ => e.to_string(),
                };
                return Err(ReadError::Csv { line, reason });
            }
        }
    }
    Ok(rows)
}

/// The first sheet that holds data, each row with its Excel row number.
pub fn read_workbook(path: &Path) -> Result<Sheet, ReadError> {
    let mut book = calamine::open_workbook_auto(path).map_err(|e| ReadError::Workbook(e.to_string()))?;
    let names = book.sheet_names();
    for (i, name) in names.iter().enumerate() {
        let range = match book.worksheet_range_at(i) {
            Some(Ok(r)) => r,
            Some(Err(e)) => return Err(ReadError::Workbook(e.to_string())),
            None => continue,
        };
        let Some((first_row, _)) = range.start() else { continue };
        let rows: Vec<Row> = range
            .rows()
            .enumerate()
            .map(|(r, cells)| Row::new(first_row as usize + r + 1, cells.iter().map(cell_text).collect()))
            .collect();
        if rows.iter().all(Row::is_blank) {
            continue;
        }
        return Ok(Sheet { rows, format: SheetFormat::Workbook { sheet: name.clone(), sheets: names.len() } });
    }
    Err(ReadError::EmptyWorkbook)
}

/// A cell as text, the way Excel shows it.
pub fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(dt) if dt.is_datetime() => match dt.as_datetime() {
            Some(t) if t.time().num_seconds_from_midnight() == 0 => t.date().format("%Y-%m-%d").to_string(),
            Some(t) => t.format("%Y-%m-%d %H:%M:%S").to_string(),
            None => number_text(dt.as_f64()),
        },
        Data::DateTime(dt) => number_text(dt.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
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
        assert_eq!(cell_text(&Data::Float(13812341234.0)), "13812341234");
    }

    #[test]
    fn encoding_names() {
        assert_eq!(TextEncoding::parse("utf-8"), Some(TextEncoding::Utf8));
        assert_eq!(TextEncoding::parse("GB18030"), Some(TextEncoding::Gb18030));
        assert_eq!(TextEncoding::parse("latin1"), None);
    }
}
