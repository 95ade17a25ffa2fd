//! Sheets into an XLSX workbook that prints as it is: every table bordered,
//! its header bold on a light grey that prints in black and white, long text
//! wrapped with fitted row heights, a `合计` row where the table asks for one,
//! real dates and numbers; and every sheet set up for A4 (see [`set_up_printing`]).

use super::table::{sheet_name, wrapped_lines, Block, Cell, Sheet};
use crate::i18n::Lang;
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Formula, Workbook, Worksheet, XlsxError};

pub const DATE_FORMAT: &str = "yyyy-mm-dd";
const PERCENT_FORMAT: &str = "0.0%";
/// Light enough to print as a pale grey on a black-and-white printer.
const HEADER_FILL: u32 = 0xE7E6E6;
/// Narrowest and widest columns, in Excel's character units.
pub const MIN_WIDTH: usize = 6;
pub const MAX_WIDTH: usize = 50;
/// One line of 11-point text, CJK included, in points.
const LINE_HEIGHT: f64 = 15.0;
/// Excel's largest row height, in points.
const MAX_ROW_HEIGHT: f64 = 409.0;
/// Excel's paper size code for A4.
const A4: u8 = 9;
/// The printable width of A4 portrait in pixels at 96 dpi: 210 mm less
/// Excel's default margins of 0.7 inch each side, 174 mm.
const A4_PORTRAIT_PIXELS: usize = 658;

/// The cell formats every sheet shares; the body's all have thin borders.
pub struct Formats {
    pub title: Format,
    pub subtitle: Format,
    pub caption: Format,
    pub header: Format,
    pub date: Format,
    pub text: Format,
    pub number: Format,
    pub percent: Format,
    pub note: Format,
    pub total: Format,
}

impl Default for Formats {
    fn default() -> Self {
        Formats {
            title: Format::new().set_bold().set_font_size(14).set_align(FormatAlign::Center),
            subtitle: Format::new().set_font_color(Color::RGB(0x595959)),
            caption: Format::new().set_bold(),
            header: header_format().set_text_wrap().set_align(FormatAlign::Center),
            date: body().set_num_format(DATE_FORMAT).set_align(FormatAlign::Left),
            text: body().set_text_wrap(),
            number: body(),
            percent: body().set_num_format(PERCENT_FORMAT),
            note: body().set_italic().set_font_color(Color::RGB(0x595959)),
            total: body().set_bold(),
        }
    }
}

fn body() -> Format {
    Format::new().set_border(FormatBorder::Thin).set_align(FormatAlign::VerticalCenter)
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

/// Writes the title lines, the caption, the table and its totals; freezes
/// the panes under the header row and sets it up for printing.
pub fn write_sheet(ws: &mut Worksheet, sheet: &Sheet, f: &Formats) -> Result<(), XlsxError> {
    let columns = sheet.columns().max(1) as u16;
    let widths = sheet.widths(MIN_WIDTH, MAX_WIDTH);
    let mut row: u32 = 0;
    for (i, line) in sheet.title.iter().enumerate() {
        let format = if i == 0 { &f.title } else { &f.subtitle };
        merged_line(ws, row, columns, line, format)?;
        if i == 0 {
            ws.set_row_height(row, 24)?;
        }
        row += 1;
    }
    let block = &sheet.block;
    if let Some(caption) = &block.caption {
        merged_line(ws, row, columns, caption, &f.caption)?;
        row += 1;
    }
    let header_row = row;
    write_block(ws, row, block, &widths, f)?;
    ws.set_freeze_panes(header_row + 1, 0)?;
    if sheet.autofilter && !block.headers.is_empty() {
        let last_row = header_row + block.rows.len() as u32;
        ws.autofilter(header_row, 0, last_row, block.headers.len() as u16 - 1)?;
    }
    for (col, width) in widths.iter().enumerate() {
        ws.set_column_width(col as u16, *width as f64)?;
    }
    set_up_printing(ws, &widths, header_row, header_row, sheet.lang)
}

/// A4, landscape when the columns are wider than A4 portrait can print,
/// scaled to one page wide (as many pages tall as it takes), rows
/// `first..=last` repeated at the top of every page, and page numbers in the
/// footer. Every sheet silian writes goes through here.
pub fn set_up_printing(
    ws: &mut Worksheet,
    widths: &[usize],
    first: u32,
    last: u32,
    lang: Lang,
) -> Result<(), XlsxError> {
    ws.set_paper_size(A4);
    if is_wider_than_portrait(widths) {
        ws.set_landscape();
    } else {
        ws.set_portrait();
    }
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_repeat_rows(first, last)?;
    ws.set_footer(lang.pick("&C第 &P 页 共 &N 页", "&CPage &P of &N"));
    Ok(())
}

/// Whether columns this wide (in Excel's character units: 7 pixels each
/// plus 5 of padding per column) overflow A4 portrait's printable width.
pub fn is_wider_than_portrait(widths: &[usize]) -> bool {
    widths.iter().map(|w| w * 7 + 5).sum::<usize>() > A4_PORTRAIT_PIXELS
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

/// Header row, rows and totals from `row`, every cell bordered.
fn write_block(
    ws: &mut Worksheet,
    mut row: u32,
    block: &Block,
    widths: &[usize],
    f: &Formats,
) -> Result<(), XlsxError> {
    let columns = block.headers.len();
    for (col, header) in block.headers.iter().enumerate() {
        ws.write_string_with_format(row, col as u16, header, &f.header)?;
    }
    fit_height(ws, row, block.headers.iter().map(String::as_str), widths)?;
    row += 1;
    if block.rows.is_empty() {
        if let Some(note) = &block.empty_note {
            merged_line(ws, row, columns.max(1) as u16, note, &f.note)?;
            row += 1;
        }
    }
    for cells in &block.rows {
        write_row(ws, row, cells, columns, f, false)?;
        let texts: Vec<String> = cells.iter().map(Cell::as_text).collect();
        fit_height(ws, row, texts.iter().map(String::as_str), widths)?;
        row += 1;
    }
    if let Some(totals) = block.totals_row() {
        write_row(ws, row, &totals, columns, f, true)?;
        let first_body = row - block.rows.len() as u32;
        for &col in block.totals.iter().flat_map(|t| &t.columns).filter(|c| **c < columns) {
            // The value goes with the formula: a reader without a calculation
            // engine sees the total, and Excel keeps it right when a clerk edits a row.
            let sum = Formula::new(sum_expression(first_body, row, col as u16))
                .set_result(Cell::Number(block.sum(col)).as_text());
            ws.write_formula_with_format(row, col as u16, sum, &f.total)?;
        }
    }
    Ok(())
}

/// `=SUM(C4:C9)` over the zero-based rows `first..end` of column `col`.
fn sum_expression(first: u32, end: u32, col: u16) -> String {
    let column = rust_xlsxwriter::utility::column_number_to_name(col);
    if end > first {
        format!("=SUM({column}{}:{column}{end})", first + 1)
    } else {
        "=0".to_string()
    }
}

/// One row of cells; empty ones too get a border, so that the table is closed.
fn write_row(
    ws: &mut Worksheet,
    row: u32,
    cells: &[Cell],
    columns: usize,
    f: &Formats,
    bold: bool,
) -> Result<(), XlsxError> {
    for col in 0..columns.max(cells.len()) {
        let cell = cells.get(col).unwrap_or(&Cell::Empty);
        let format = if bold { Some(&f.total) } else { None };
        write_cell(ws, row, col as u16, cell, f, format)?;
    }
    Ok(())
}

/// Sets the row's height to its tallest wrapped cell. Excel works heights
/// out itself only when it recalculates, and not reliably for wrapped CJK
/// text, so the lines are estimated from display widths (CJK counts two).
fn fit_height<'t>(
    ws: &mut Worksheet,
    row: u32,
    texts: impl Iterator<Item = &'t str>,
    widths: &[usize],
) -> Result<(), XlsxError> {
    let lines = texts.zip(widths).map(|(t, w)| wrapped_lines(t, *w)).max().unwrap_or(1);
    if lines > 1 {
        ws.set_row_height(row, (lines as f64 * LINE_HEIGHT).min(MAX_ROW_HEIGHT))?;
    }
    Ok(())
}

/// One cell in its type's format, or in `over` (such as the totals' bold).
pub fn write_cell(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    cell: &Cell,
    f: &Formats,
    over: Option<&Format>,
) -> Result<(), XlsxError> {
    match cell {
        Cell::Empty => {
            ws.write_blank(row, col, over.unwrap_or(&f.text))?;
        }
        Cell::Text(s) => {
            ws.write_string_with_format(row, col, s, over.unwrap_or(&f.text))?;
        }
        Cell::Number(n) => {
            ws.write_number_with_format(row, col, *n, over.unwrap_or(&f.number))?;
        }
        Cell::Percent(p) => {
            ws.write_number_with_format(row, col, *p, over.unwrap_or(&f.percent))?;
        }
        Cell::Date(d) => {
            ws.write_date_with_format(row, col, d, over.unwrap_or(&f.date))?;
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
        let sheet = Sheet::plain("空", Block::new(vec!["姓名".into()]), Lang::Zh);
        let bytes = workbook_bytes(&[sheet]).unwrap();
        assert_eq!(&bytes[..2], b"PK");
    }

    #[test]
    fn landscape_once_the_columns_overflow_a4_portrait() {
        assert!(!is_wider_than_portrait(&[10; 8])); // 8 × 75 px = 600
        assert!(is_wider_than_portrait(&[10; 9])); // 675 px
        assert!(is_wider_than_portrait(&[50, 50]));
    }

    #[test]
    fn totals_sum_the_rows_above() {
        assert_eq!(sum_expression(3, 6, 2), "=SUM(C4:C6)");
        assert_eq!(sum_expression(3, 3, 0), "=0");
    }
}
