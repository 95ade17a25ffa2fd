//! Sheets into an XLSX workbook: bold headers on a fill, real dates with a
//! date format, numbers as numbers, frozen header, widths that fit.

use super::table::{sheet_name, Block, Cell, Sheet};
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

pub const DATE_FORMAT: &str = "yyyy-mm-dd";
const HEADER_FILL: u32 = 0xDDE6F0;
/// Narrowest and widest columns, in Excel's character units.
pub const MIN_WIDTH: usize = 6;
pub const MAX_WIDTH: usize = 50;

/// The cell formats every sheet shares.
pub struct Formats {
    pub title: Format,
    pub subtitle: Format,
    pub caption: Format,
    pub header: Format,
    pub date: Format,
    pub text: Format,
    pub note: Format,
}

impl Default for Formats {
    fn default() -> Self {
        Formats {
            title: Format::new().set_bold().set_font_size(14).set_align(FormatAlign::Center),
            subtitle: Format::new().set_font_color(Color::RGB(0x595959)),
            caption: Format::new().set_bold(),
            header: header_format(),
            date: Format::new().set_num_format(DATE_FORMAT).set_align(FormatAlign::Left),
            text: Format::new(),
            note: Format::new().set_italic().set_font_color(Color::RGB(0x7F7F7F)),
        }
    }
}

/// Bold on a light fill with a thin border.
pub fn header_format() -> Format {
    plain_header_format().set_bold()
}

/// A header cell's fill and border without the bold (for optional columns of templates).
pub fn plain_header_format() -> Format {
    Format::new()
        .set_background_color(Color::RGB(HEADER_FILL))
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::VerticalCenter)
}

/// A whole workbook, as the bytes of an `.xlsx` file.
pub fn workbook_bytes(sheets: &[Sheet]) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let formats = Formats::default();
    let mut used: Vec<String> = Vec::new();
    for sheet in sheets {
        let ws = workbook.add_worksheet();
        ws.set_name(unique_name(&sheet_name(&sheet.name), &mut used))?;
        write_sheet(ws, sheet, &formats)?;
    }
    workbook.save_to_buffer()
}

/// Excel refuses two sheets of the same name (compared without case).
fn unique_name(name: &str, used: &mut Vec<String>) -> String {
    let mut candidate = name.to_string();
    let mut n = 2;
    while used.iter().any(|u| u.to_lowercase() == candidate.to_lowercase()) {
        let suffix = format!("({n})");
        let room = 31usize.saturating_sub(suffix.chars().count());
        candidate = format!("{}{suffix}", name.chars().take(room).collect::<String>());
        n += 1;
    }
    used.push(candidate.clone());
    candidate
}

/// Writes title lines, then each block; freezes the panes under the first
/// block's header row and sets column widths from the content.
pub fn write_sheet(ws: &mut Worksheet, sheet: &Sheet, f: &Formats) -> Result<(), XlsxError> {
    let columns = sheet.columns().max(1) as u16;
    let mut row: u32 = 0;
    for (i, line) in sheet.title.iter().enumerate() {
        let format = if i == 0 { &f.title } else { &f.subtitle };
        merged_line(ws, row, columns, line, format)?;
        if i == 0 {
            ws.set_row_height(row, 24)?;
        }
        row += 1;
    }
    for (i, block) in sheet.blocks.iter().enumerate() {
        if i > 0 {
            row += 1; // a blank line between blocks
        }
        if let Some(caption) = &block.caption {
            ws.write_string_with_format(row, 0, caption, &f.caption)?;
            row += 1;
        }
        let header_row = row;
        row = write_block(ws, row, block, f)?;
        if i == 0 {
            ws.set_freeze_panes(header_row + 1, 0)?;
            if sheet.autofilter && !block.headers.is_empty() {
                let last_row = row.saturating_sub(1).max(header_row);
                ws.autofilter(header_row, 0, last_row, block.headers.len() as u16 - 1)?;
            }
        }
    }
    for (col, width) in sheet.widths(MIN_WIDTH, MAX_WIDTH).into_iter().enumerate() {
        ws.set_column_width(col as u16, width as f64)?;
    }
    Ok(())
}

/// One line of text across `columns` columns (merged when there are several).
pub fn merged_line(ws: &mut Worksheet, row: u32, columns: u16, text: &str, f: &Format) -> Result<(), XlsxError> {
    if columns > 1 {
        ws.merge_range(row, 0, row, columns - 1, text, f)?;
    } else {
        ws.write_string_with_format(row, 0, text, f)?;
    }
    Ok(())
}

/// Header row and rows from `row`; returns the next free row.
fn write_block(ws: &mut Worksheet, mut row: u32, block: &Block, f: &Formats) -> Result<u32, XlsxError> {
    for (col, header) in block.headers.iter().enumerate() {
        ws.write_string_with_format(row, col as u16, header, &f.header)?;
    }
    row += 1;
    if block.rows.is_empty() {
        if let Some(note) = &block.empty_note {
            ws.write_string_with_format(row, 0, note, &f.note)?;
            row += 1;
        }
    }
    for cells in &block.rows {
        for (col, cell) in cells.iter().enumerate() {
            write_cell(ws, row, col as u16, cell, f)?;
        }
        row += 1;
    }
    Ok(row)
}

pub fn write_cell(ws: &mut Worksheet, row: u32, col: u16, cell: &Cell, f: &Formats) -> Result<(), XlsxError> {
    match cell {
        Cell::Empty => {}
        Cell::Text(s) => {
            ws.write_string_with_format(row, col, s, &f.text)?;
        }
        Cell::Number(n) => {
            ws.write_number(row, col, *n)?;
        }
        Cell::Date(d) => {
            ws.write_date_with_format(row, col, d, &f.date)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_made_unique() {
        let mut used = Vec::new();
        assert_eq!(unique_name("委员", &mut used), "委员");
        assert_eq!(unique_name("委员", &mut used), "委员(2)");
        assert_eq!(unique_name(&"x".repeat(31), &mut used).chars().count(), 31);
        assert_eq!(unique_name(&"x".repeat(31), &mut used), format!("{}(2)", "x".repeat(28)));
    }

    #[test]
    fn a_workbook_is_written_even_without_rows() {
        let sheet = Sheet::plain("空", Block::new(vec!["姓名".into()]));
        let bytes = workbook_bytes(&[sheet]).unwrap();
        assert_eq!(&bytes[..2], b"PK");
    }
}
