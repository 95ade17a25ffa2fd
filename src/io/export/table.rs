//! Sheets as plain values: typed cells in blocks under a title. Exports,
//! templates and the quarterly ledger build these; `xlsx` and `csv` write them.

use chrono::NaiveDate;
use unicode_width::UnicodeWidthStr;

/// One cell, typed so that a spreadsheet gets real dates and numbers.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
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

/// A header row and its rows, with an optional caption line above.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Block {
    pub caption: Option<String>,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    /// Written in the first column when there are no rows (such as "（无）").
    pub empty_note: Option<String>,
}

impl Block {
    pub fn new(headers: Vec<String>) -> Block {
        Block { headers, ..Block::default() }
    }

    /// The column whose header is `header`, for tests and lookups.
    pub fn column(&self, header: &str) -> Option<usize> {
        self.headers.iter().position(|h| h == header)
    }
}

/// One worksheet: a name for its tab, title lines merged across the top,
/// then blocks one under another. The first block's header row is frozen.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub title: Vec<String>,
    pub blocks: Vec<Block>,
    /// Add Excel's filter buttons to the (single) header row.
    pub autofilter: bool,
}

impl Sheet {
    /// A sheet of one block and no title: what `silian export` writes.
    pub fn plain(name: impl Into<String>, block: Block) -> Sheet {
        Sheet { name: name.into(), title: Vec::new(), blocks: vec![block], autofilter: true }
    }

    pub fn columns(&self) -> usize {
        self.blocks.iter().map(|b| b.headers.len()).max().unwrap_or(0)
    }

    /// Column widths in Excel's units (about one per ASCII character):
    /// the widest header or cell plus a margin, between `min` and `max`.
    pub fn widths(&self, min: usize, max: usize) -> Vec<usize> {
        let mut widths = vec![0usize; self.columns()];
        // Bold headers with a filter button need a little more room.
        let header_extra = if self.autofilter { 4 } else { 2 };
        for block in &self.blocks {
            for (w, h) in widths.iter_mut().zip(&block.headers) {
                *w = (*w).max(text_width(h) + header_extra);
            }
            for row in &block.rows {
                for (w, c) in widths.iter_mut().zip(row) {
                    *w = (*w).max(c.width() + 2);
                }
            }
        }
        widths.into_iter().map(|w| w.clamp(min, max)).collect()
    }
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
        let sheet = Sheet { blocks: vec![block], ..Sheet::default() };
        assert_eq!(sheet.widths(6, 50), vec![10, 50]);
    }

    #[test]
    fn sheet_names_lose_forbidden_characters() {
        assert_eq!(sheet_name("一、四联情况"), "一、四联情况");
        assert_eq!(sheet_name("a/b:c"), "abc");
        assert_eq!(sheet_name("?"), "Sheet1");
        assert_eq!(sheet_name(&"长".repeat(40)).chars().count(), 31);
    }
}
