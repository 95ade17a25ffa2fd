//! Sheets as plain values: one table of typed cells under a title. Exports,
//! the 公示 and the quarterly ledger build these; `xlsx` and `csv` write them.

use crate::i18n::Lang;
use chrono::NaiveDate;
use unicode_width::UnicodeWidthStr;

/// One cell, typed so that a spreadsheet gets real dates and numbers.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// A share, 0.25 for 25 %: a number that shows as a percentage.
    Percent(f64),
    Date(NaiveDate),
}

impl Cell {
    /// Text, or nothing when empty.
    pub fn text(s: impl Into<String>) -> Cell {
        let s = s.into();
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s)
        }
    }

    pub fn count(n: impl Into<u64>) -> Cell {
        Cell::Number(n.into() as f64)
    }

    pub fn date(d: Option<NaiveDate>) -> Cell {
        d.map_or(Cell::Empty, Cell::Date)
    }

    /// The cell as text, as CSV writes it: dates `YYYY-MM-DD`, whole numbers without a point.
    pub fn as_text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.clone(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
            Cell::Percent(p) => format!("{:.1}%", p * 100.0),
            Cell::Date(d) => d.to_string(),
        }
    }

    /// Columns a spreadsheet needs to show the cell: CJK characters count two.
    pub fn width(&self) -> usize {
        match self {
            Cell::Date(_) => 10,
            other => text_width(&other.as_text()),
        }
    }
}

/// Display width of the longest line.
pub fn text_width(s: &str) -> usize {
    s.lines().map(UnicodeWidthStr::width).max().unwrap_or(0)
}

/// A `合计` row under a table: the label in the first column, the sum of
/// each listed column under it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Totals {
    pub label: String,
    pub columns: Vec<usize>,
}

/// A header row and its rows, with an optional caption line above.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Block {
    pub caption: Option<String>,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    /// Written in the first column when there are no rows (such as "（无）").
    pub empty_note: Option<String>,
    /// Written by the spreadsheet writer under the rows; CSV leaves it out,
    /// so that a CSV export stays one record a line.
    pub totals: Option<Totals>,
}

impl Block {
    pub fn new(headers: Vec<String>) -> Block {
        Block { headers, ..Block::default() }
    }

    /// The column whose header is `header`, for tests and lookups.
    pub fn column(&self, header: &str) -> Option<usize> {
        self.headers.iter().position(|h| h == header)
    }

    /// A `合计` / `Total` row summing `columns`.
    pub fn with_totals(self, lang: Lang, columns: Vec<usize>) -> Block {
        let label = lang.pick("合计", "Total").to_string();
        Block { totals: (!columns.is_empty()).then_some(Totals { label, columns }), ..self }
    }

    /// The sum of the numbers in column `col`.
    pub fn sum(&self, col: usize) -> f64 {
        self.rows.iter().filter_map(|r| if let Some(Cell::Number(n)) = r.get(col) { Some(*n) } else { None }).sum()
    }

    /// The totals row as cells: the label, then the sums where asked.
    pub fn totals_row(&self) -> Option<Vec<Cell>> {
        let totals = self.totals.as_ref()?;
        let width = self.headers.len().max(1);
        let mut cells = vec![Cell::Empty; width];
        cells[0] = Cell::text(totals.label.clone());
        for &col in totals.columns.iter().filter(|c| **c < width) {
            cells[col] = Cell::Number(self.sum(col));
        }
        Some(cells)
    }
}

/// One worksheet: a name for its tab, title lines merged across the top,
/// then one table. Its header row is frozen and printed on every page; the
/// language is the page footer's.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub title: Vec<String>,
    pub block: Block,
    /// Add Excel's filter buttons to the header row.
    pub autofilter: bool,
    pub lang: Lang,
}

impl Sheet {
    /// A sheet of one table and no title: what `silian export` writes.
    pub fn plain(name: impl Into<String>, block: Block, lang: Lang) -> Sheet {
        Sheet { name: name.into(), title: Vec::new(), block, autofilter: true, lang }
    }

    pub fn columns(&self) -> usize {
        self.block.headers.len()
    }

    /// Column widths in Excel's units (about one per ASCII character):
    /// the widest header or cell plus a margin, between `min` and `max`.
    pub fn widths(&self, min: usize, max: usize) -> Vec<usize> {
        let block = &self.block;
        let mut widths = vec![0usize; self.columns()];
        // Bold headers with a filter button need a little more room.
        let header_extra = if self.autofilter { 4 } else { 2 };
        for (w, h) in widths.iter_mut().zip(&block.headers) {
            *w = (*w).max(text_width(h) + header_extra);
        }
        for row in block.rows.iter().chain(block.totals_row().as_ref()) {
            for (w, c) in widths.iter_mut().zip(row) {
                *w = (*w).max(c.width() + 2);
            }
        }
        let mut widths: Vec<usize> = widths.into_iter().map(|w| w.clamp(min, max)).collect();
        // Merged title lines are cut off at the table's right edge: the last
        // column takes up what they need beyond the table.
        let shortfall = self.title_width().saturating_sub(widths.iter().sum());
        if let Some(last) = widths.last_mut() {
            *last += shortfall;
        }
        widths
    }

    /// The width the title lines and the caption need: the first line is
    /// set in 14-point bold, about half as wide again as body text.
    fn title_width(&self) -> usize {
        let lines = self.title.iter().chain(&self.block.caption).enumerate();
        lines.map(|(i, line)| if i == 0 && !self.title.is_empty() { text_width(line) * 3 / 2 } else { text_width(line) } + 2).max().unwrap_or(0)
    }
}

/// Lines a text takes in a column `width` units wide when wrapped: each of
/// its lines by display width (CJK characters count two), at least one.
pub fn wrapped_lines(text: &str, width: usize) -> usize {
    let room = width.saturating_sub(1).max(1);
    text.lines().map(|line| UnicodeWidthStr::width(line).div_ceil(room).max(1)).sum::<usize>().max(1)
}

/// A worksheet name Excel accepts: at most 31 characters, none of `[]:*?/\`.
pub fn sheet_name(s: &str) -> String {
    let cleaned: String = s.chars().filter(|c| !"[]:*?/\\".contains(*c)).take(31).collect();
    if cleaned.trim().is_empty() {
        "Sheet1".into()
    } else {
        cleaned
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_counts_double_and_numbers_print_whole() {
        assert_eq!(Cell::text("余伟军").width(), 6);
        assert_eq!(Cell::text("第一行\nab").width(), 6);
        assert_eq!(Cell::count(12u32).as_text(), "12");
        assert_eq!(Cell::Number(1.5).as_text(), "1.5");
        assert_eq!(Cell::date("2026-11-29".parse().ok()).as_text(), "2026-11-29");
        assert_eq!(Cell::text(""), Cell::Empty);
    }

    #[test]
    fn widths_fit_the_widest_cell_within_bounds() {
        let mut block = Block::new(vec!["姓名".into(), "情况".into()]);
        block.rows.push(vec![Cell::text("欧阳修远"), Cell::text("很".repeat(100))]);
        let sheet = Sheet { block, ..Sheet::default() };
        assert_eq!(sheet.widths(6, 50), vec![10, 50]);
    }

    #[test]
    fn a_narrow_table_widens_its_last_column_for_the_title() {
        let mut block = Block::new(vec!["日期".into(), "元".into()]);
        block.rows.push(vec![Cell::date("2026-07-03".parse().ok()), Cell::count(800u32)]);
        let title = vec!["滨江街道四定四联工作台账".into()]; // 24 wide, 36 in the title's font
        let sheet = Sheet { title, block, ..Sheet::default() };
        assert_eq!(sheet.widths(6, 50), vec![12, 26]);
    }

    #[test]
    fn totals_sum_the_asked_columns_only() {
        let mut block = Block::new(vec!["会议".into(), "人数".into(), "经费".into()]);
        block.rows.push(vec![Cell::text("一季度"), Cell::count(3u32), Cell::count(500u32)]);
        block.rows.push(vec![Cell::text("二季度"), Cell::count(4u32), Cell::Empty]);
        let block = block.with_totals(Lang::Zh, vec![2]);
        let row = block.totals_row().unwrap();
        assert_eq!(row, [Cell::text("合计"), Cell::Empty, Cell::Number(500.0)]);
        assert_eq!(Block::new(vec!["a".into()]).with_totals(Lang::En, vec![]).totals_row(), None);
    }

    #[test]
    fn wrapped_text_counts_lines_by_display_width() {
        assert_eq!(wrapped_lines("", 10), 1);
        assert_eq!(wrapped_lines("abc", 10), 1);
        // 20 CJK characters are 40 columns wide: 5 lines of 9 in a column 10 wide.
        assert_eq!(wrapped_lines(&"很".repeat(20), 10), 5);
        assert_eq!(wrapped_lines("第一行\n第二行", 20), 2);
        assert_eq!(Cell::Percent(0.756).as_text(), "75.6%");
    }

    #[test]
    fn sheet_names_lose_forbidden_characters() {
        assert_eq!(sheet_name("一、四联情况"), "一、四联情况");
        assert_eq!(sheet_name("a/b:c"), "abc");
        assert_eq!(sheet_name("?"), "Sheet1");
        assert_eq!(sheet_name(&"长".repeat(40)).chars().count(), 31);
    }
}
