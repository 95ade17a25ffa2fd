//! CSV text: the encoding detected or forced, then rows with the line each starts on.

use super::{ReadError, Row, Sheet, SheetFormat, TextEncoding};
use crate::io::limits::{MAX_CELL_CHARS, MAX_COLUMNS, MAX_ROWS};
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

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
        (None, None) => match std::str::from_utf8(body) {
            Ok(_) => (TextEncoding::Utf8, true),
            // Chinese text that decodes as UTF-8 up to some line is UTF-8 there:
            // read as GBK, those lines would turn into other characters silently.
            Err(e) if !body[..e.valid_up_to()].is_ascii() => {
                return Err(ReadError::MixedEncoding { line: line_of_offset(body, e.valid_up_to()) })
            }
            Err(_) => (TextEncoding::Gb18030, true),
        },
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
    if let Some(line) = unterminated_quote(bytes, delimiter(text)) {
        return Err(ReadError::Unterminated { line });
    }
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let start = record.position().map_or(0, |p| p.byte() as usize);
                let line = line_at(start) - inner_newlines;
                within_limits(&record, line, rows.len())?;
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

/// A row the limits allow: not past [`MAX_ROWS`], [`MAX_COLUMNS`] or [`MAX_CELL_CHARS`].
fn within_limits(record: &csv::StringRecord, line: usize, rows_before: usize) -> Result<(), ReadError> {
    if rows_before >= MAX_ROWS {
        return Err(ReadError::TooManyRows { line });
    }
    if record.len() > MAX_COLUMNS {
        return Err(ReadError::TooWide { line, columns: record.len() });
    }
    // Four bytes is the most a character takes: most cells need no count.
    let too_long = |c: &str| c.len() > MAX_CELL_CHARS && c.chars().count() > MAX_CELL_CHARS;
    match record.iter().position(too_long) {
        Some(i) => Err(ReadError::CellTooLong { line, column: i + 1 }),
        None => Ok(()),
    }
}

/// The line of a quote still open at the end of the text. The csv crate ends
/// such a file's last row where the bytes end, so a file cut short would
/// import a partial row; it does not say so, hence this scan, which follows
/// the same rules: a quote opens a cell only at its start, `""` inside is a
/// quote, and after the closing quote the cell reads on unquoted.
fn unterminated_quote(bytes: &[u8], delimiter: u8) -> Option<usize> {
    let (mut quoted, mut at_start, mut line, mut opened) = (false, true, 1usize, 0usize);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' {
            line += 1;
        }
        if quoted {
            if b == b'"' {
                if bytes.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    quoted = false;
                }
            }
        } else if b == b'"' && at_start {
            quoted = true;
            opened = line;
        }
        at_start = !quoted && (b == delimiter || b == b'\n' || b == b'\r');
        i += 1;
    }
    quoted.then_some(opened)
}
