//! The layout primitives and the GB/T 9704-2012 measures they follow.

use unicode_width::UnicodeWidthStr;

/// A4, 210 × 297 mm, in twentieths of a point (twips).
pub const PAGE_WIDTH: u32 = 11906;
pub const PAGE_HEIGHT: u32 = 16838;

/// Millimetres in twips, rounded: 1 mm = 1440 / 25.4 twips.
const fn mm(n: u32) -> u32 {
    (n * 14400 + 127) / 254
}

/// 天头 37 mm, 下白边 35 mm, 订口 28 mm, 翻口 26 mm: a type area of 156 × 225 mm.
pub const MARGIN_TOP: u32 = mm(37);
pub const MARGIN_BOTTOM: u32 = mm(35);
pub const MARGIN_LEFT: u32 = mm(28);
pub const MARGIN_RIGHT: u32 = mm(26);
pub const TEXT_WIDTH: u32 = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT;
const TEXT_HEIGHT: u32 = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM;

/// 22 lines to a page: 12,756 twips of type area / 22 = 579.8, so 579 twips
/// (28.95 pt) is the largest exact spacing at which 22 lines still fit.
pub const LINE_PITCH: u32 = TEXT_HEIGHT / 22;

/// 28 characters to a line: 8,845 twips / 28 = 15.7946 pt a character, which
/// Word's grid takes as the difference from the 16 pt body size in 1/4096
/// pt: −841.1, rounded down to −842 so that the 28th character still fits.
pub const CHAR_SPACE: i64 = (TEXT_WIDTH as i64 * 4096 / (28 * 20)) - 16 * 4096;

/// Font sizes in half-points, as `w:sz` takes them.
pub const SIZE_2: u32 = 44; // 2号, 22 pt: the title
pub const SIZE_3: u32 = 32; // 3号, 16 pt: the body
pub const SIZE_4: u32 = 28; // 4号, 14 pt: page numbers and tables
pub const SIZE_SMALL_4: u32 = 24; // 小四, 12 pt: wide tables

/// One 3号 character, the unit of indents: 16 pt.
pub const CHAR: u32 = 320;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Font {
    /// 方正小标宋简体: titles.
    XiaoBiaoSong,
    /// 仿宋_GB2312: the body.
    FangSong,
    /// 黑体: first-level headings and table headers.
    Hei,
    /// 楷体_GB2312: second-level headings.
    Kai,
    /// 宋体: page numbers.
    Song,
}

impl Font {
    pub const ALL: [Font; 5] = [Font::XiaoBiaoSong, Font::FangSong, Font::Hei, Font::Kai, Font::Song];

    pub fn name(self) -> &'static str {
        match self {
            Font::XiaoBiaoSong => "方正小标宋简体",
            Font::FangSong => "仿宋_GB2312",
            Font::Hei => "黑体",
            Font::Kai => "楷体_GB2312",
            Font::Song => "宋体",
        }
    }

    /// What Word or WPS uses where the font is not installed (most machines
    /// have no 方正 or _GB2312 fonts).
    pub fn fallback(self) -> &'static str {
        match self {
            Font::XiaoBiaoSong | Font::Song => "宋体",
            Font::FangSong => "仿宋",
            Font::Hei => "SimHei",
            Font::Kai => "楷体",
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Align {
    #[default]
    Justify,
    Left,
    Center,
    Right,
}

/// One paragraph of one font and size.
#[derive(Clone, Debug, PartialEq)]
pub struct Para {
    pub text: String,
    pub font: Font,
    pub size: u32,
    pub align: Align,
    /// Indent of the first line, in characters (body text: 2).
    pub first_line_chars: u32,
    /// Right indent in twips (the 落款).
    pub right_indent: u32,
    /// Kept on the page of the paragraph after it (headings).
    pub keep_next: bool,
}

impl Para {
    fn new(text: &str, font: Font, size: u32) -> Para {
        Para {
            text: text.to_string(),
            font,
            size,
            align: Align::Justify,
            first_line_chars: 0,
            right_indent: 0,
            keep_next: false,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    pub header: String,
    /// Share of the table's width, relative to the other columns'.
    pub weight: u32,
    pub align: Align,
}

impl Column {
    pub fn new(header: &str, weight: u32) -> Column {
        Column { header: header.to_string(), weight, align: Align::Center }
    }

    pub fn left(mut self) -> Column {
        self.align = Align::Left;
        self
    }
}

/// A table with single borders whose header row repeats on every page.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<String>>,
    /// Cell text size in half-points.
    pub size: u32,
    /// Least height of a body row in twips (room to sign or tick).
    pub row_height: Option<u32>,
}

impl Table {
    pub fn new(columns: Vec<Column>) -> Table {
        Table { columns, rows: Vec::new(), size: SIZE_4, row_height: None }
    }

    /// Each column's width in twips; together the type area's width.
    pub fn widths(&self) -> Vec<u32> {
        let total: u32 = self.columns.iter().map(|c| c.weight.max(1)).sum();
        let mut widths: Vec<u32> = self.columns.iter().map(|c| TEXT_WIDTH * c.weight.max(1) / total).collect();
        let rest = TEXT_WIDTH - widths.iter().sum::<u32>();
        if let Some(last) = widths.last_mut() {
            *last += rest;
        }
        widths
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    Para(Para),
    Table(Table),
}

/// A document as a list of blocks, built with the primitives below.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Document {
    /// The document's title in its properties (the title block is separate).
    pub name: String,
    pub blocks: Vec<Block>,
}

impl Document {
    pub fn new(name: &str) -> Document {
        Document { name: name.to_string(), blocks: Vec::new() }
    }

    fn push(&mut self, para: Para) -> &mut Self {
        self.blocks.push(Block::Para(para));
        self
    }

    /// 2号 方正小标宋简体, centred, followed by an empty line.
    pub fn title(&mut self, text: &str) -> &mut Self {
        self.push(Para { align: Align::Center, ..Para::new(text, Font::XiaoBiaoSong, SIZE_2) });
        self.blank()
    }

    /// A centred line in 3号 楷体 under the title (a period, a name).
    pub fn subtitle(&mut self, text: &str) -> &mut Self {
        self.push(Para { align: Align::Center, ..Para::new(text, Font::Kai, SIZE_3) })
    }

    /// First level (一、…): 3号 黑体, indented two characters.
    pub fn heading1(&mut self, text: &str) -> &mut Self {
        self.push(Para { first_line_chars: 2, keep_next: true, ..Para::new(text, Font::Hei, SIZE_3) })
    }

    /// Second level (（一）…): 3号 楷体, indented two characters.
    pub fn heading2(&mut self, text: &str) -> &mut Self {
        self.push(Para { first_line_chars: 2, keep_next: true, ..Para::new(text, Font::Kai, SIZE_3) })
    }

    /// Body text, 3号 仿宋, first line indented two characters; each line of
    /// `text` is a paragraph of its own.
    pub fn paragraph(&mut self, text: &str) -> &mut Self {
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            self.push(Para { first_line_chars: 2, ..Para::new(line, Font::FangSong, SIZE_3) });
        }
        self
    }

    /// A line flush left: the 主送机关 (`各位委员：`) or a form's caption.
    pub fn flush(&mut self, text: &str) -> &mut Self {
        self.push(Para::new(text, Font::FangSong, SIZE_3))
    }

    pub fn centered(&mut self, text: &str) -> &mut Self {
        self.push(Para { align: Align::Center, ..Para::new(text, Font::FangSong, SIZE_3) })
    }

    pub fn blank(&mut self) -> &mut Self {
        self.push(Para::new("", Font::FangSong, SIZE_3))
    }

    pub fn table(&mut self, table: Table) -> &mut Self {
        self.blocks.push(Block::Table(table));
        self
    }

    /// The 落款 of a document without a seal, after an empty line: the
    /// issuing body two characters from the right, the date under it
    /// starting two characters further right (GB/T 9704-2012, 7.3.5.2).
    pub fn signature(&mut self, body: &str, date: &str) -> &mut Self {
        let (body_right, date_right) = signature_indents(body, date);
        self.blank();
        for (text, right_indent) in [(body, body_right), (date, date_right)] {
            self.push(Para { align: Align::Right, right_indent, ..Para::new(text, Font::FangSong, SIZE_3) });
        }
        self
    }
}

/// Right indents (twips) of the issuing body and the date: the date starts
/// two characters right of where the body starts, and neither comes closer
/// to the right edge than two characters. Widths are counted in half
/// characters (a digit is half a Chinese character).
fn signature_indents(body: &str, date: &str) -> (u32, u32) {
    let half = CHAR / 2;
    let (b, d) = (body.width() as u32 * half, date.width() as u32 * half);
    if b >= d {
        (2 * CHAR, b - d)
    } else {
        // A date wider than the body: the date keeps two characters from
        // the edge and the body moves left to start two before it.
        (4 * CHAR + d - b, 2 * CHAR)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_margins_are_the_standard_millimetres_in_twips() {
        assert_eq!((MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT), (2098, 1984, 1587, 1474));
        assert_eq!(LINE_PITCH, 579);
        assert_eq!(CHAR_SPACE, -842);
    }

    #[test]
    fn the_date_starts_two_characters_right_of_the_issuing_body() {
        // 滨江街道党工委 is 7 characters, 2026年12月3日 six and a half.
        assert_eq!(signature_indents("滨江街道党工委", "2026年12月3日"), (640, 160));
    }

    #[test]
    fn table_widths_fill_the_type_area() {
        let t = Table::new(vec![Column::new("a", 1), Column::new("b", 2), Column::new("c", 3)]);
        assert_eq!(t.widths().iter().sum::<u32>(), TEXT_WIDTH);
    }
}
