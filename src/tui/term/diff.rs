//! What the terminal shows, cell by cell, and the bytes that turn it into
//! the next frame: only the cells that differ, each move and each pen change
//! in its shortest form, and a wide character's right half never touched.

use super::esc::{self, Pen};
use super::scroll::{self, Band};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Position;
use unicode_width::UnicodeWidthStr;

/// One terminal cell as the painter believes it to be.
#[derive(Clone, Debug, PartialEq)]
pub enum Slot {
    /// A character starts here and covers `width` cells.
    Start(Cell, u16),
    /// The right part of the wide character to the left.
    Cont,
    /// Damaged (half of a wide character was overwritten): must be redrawn.
    Unknown,
}

/// The screen as the painter believes the terminal shows it.
#[derive(Clone, Debug)]
pub struct Model {
    pub width: u16,
    pub height: u16,
    pub slots: Vec<Slot>,
}

impl Model {
    pub fn blank(width: u16, height: u16) -> Model {
        Model { width, height, slots: vec![Slot::Start(Cell::default(), 1); usize::from(width) * usize::from(height)] }
    }

    pub fn row(&self, y: u16) -> &[Slot] {
        let w = usize::from(self.width);
        &self.slots[usize::from(y) * w..(usize::from(y) + 1) * w]
    }

    fn row_mut(&mut self, y: u16) -> &mut [Slot] {
        let w = usize::from(self.width);
        &mut self.slots[usize::from(y) * w..(usize::from(y) + 1) * w]
    }

    /// Moves rows as the terminal does when its scroll region scrolls.
    pub fn scroll(&mut self, band: &Band) {
        let w = usize::from(self.width);
        let (top, bottom) = (usize::from(band.top) * w, usize::from(band.bottom) * w);
        let shift = usize::from(band.count) * w;
        let region = &mut self.slots[top..bottom];
        if band.up {
            region.rotate_left(shift);
            let len = region.len();
            region[len - shift..].fill(Slot::Start(Cell::default(), 1));
        } else {
            region.rotate_right(shift);
            region[..shift].fill(Slot::Start(Cell::default(), 1));
        }
    }
}

/// Cells a symbol covers; a zero-width symbol still takes its cell.
pub fn cell_width(cell: &Cell) -> u16 {
    (cell.symbol().width() as u16).max(1)
}

/// Cells another program draws (ratatui's "skip"): never written.
#[allow(deprecated)]
fn skipped(cell: &Cell) -> bool {
    cell.skip || cell.diff_option == ratatui::buffer::CellDiffOption::Skip
}

fn is_blank(cell: &Cell) -> bool {
    *cell == Cell::default()
}

/// The terminal's state between frames, and what the next frame must look like.
#[derive(Debug)]
pub struct Painter {
    model: Option<Model>,
    cursor: Option<(u16, u16)>,
    pen: Option<Pen>,
    cursor_shown: Option<bool>,
    scroll_regions: bool,
}

impl Painter {
    pub fn new(scroll_regions: bool) -> Painter {
        Painter { model: None, cursor: None, pen: None, cursor_shown: None, scroll_regions }
    }

    /// The screen is no longer known (cleared, resized): the next frame starts afresh.
    pub fn forget(&mut self) {
        self.model = None;
        self.cursor = None;
    }

    /// The bytes that turn the screen into `frame` with the cursor at `cursor` (None: hidden).
    pub fn paint(&mut self, frame: &Buffer, cursor: Option<Position>) -> Vec<u8> {
        let (w, h) = (frame.area.width, frame.area.height);
        let mut out = Vec::new();
        let mut model = match self.model.take() {
            Some(m) if m.width == w && m.height == h => m,
            _ => {
                self.set_pen(&mut out, Pen::default());
                out.extend_from_slice(esc::CLEAR_SCREEN);
                self.cursor = None;
                Model::blank(w, h)
            }
        };
        if self.scroll_regions {
            if let Some(band) = scroll::find_band(&model, frame) {
                self.set_pen(&mut out, Pen::default());
                out.extend(esc::scroll(band.top, band.bottom, h, band.count, band.up));
                model.scroll(&band);
                self.cursor = None;
            }
        }
        for y in 0..h {
            self.paint_row(&mut out, &mut model, frame, y);
        }
        self.model = Some(model);
        self.place_cursor(&mut out, cursor);
        out
    }

    fn place_cursor(&mut self, out: &mut Vec<u8>, cursor: Option<Position>) {
        match cursor {
            Some(p) => {
                self.move_to(out, (p.x, p.y));
                if self.cursor_shown != Some(true) {
                    out.extend_from_slice(esc::SHOW_CURSOR);
                    self.cursor_shown = Some(true);
                }
            }
            None if self.cursor_shown != Some(false) => {
                out.extend_from_slice(esc::HIDE_CURSOR);
                self.cursor_shown = Some(false);
            }
            None => {}
        }
    }

    fn set_pen(&mut self, out: &mut Vec<u8>, pen: Pen) {
        out.extend(esc::sgr(self.pen, pen));
        self.pen = Some(pen);
    }

    fn move_to(&mut self, out: &mut Vec<u8>, to: (u16, u16)) {
        out.extend(esc::move_to(self.cursor, to));
        self.cursor = Some(to);
    }

    fn paint_row(&mut self, out: &mut Vec<u8>, model: &mut Model, frame: &Buffer, y: u16) {
        let w = frame.area.width;
        let blank_from = blank_tail(frame, y);
        let mut x = 0;
        while x < w {
            let cell = &frame[(x, y)];
            let cw = cell_width(cell).min(w - x);
            if skipped(cell) || unchanged(model.row(y), x, cell, cw) {
                x += cw;
                continue;
            }
            if x >= blank_from && self.erase_tail(out, model, y, x) {
                return;
            }
            if let Some(run) = self.erase_run(out, model, frame, y, x) {
                x += run;
                continue;
            }
            self.move_near(out, frame, y, x);
            self.put(out, model, y, x, cell, cw);
            x += cw;
        }
    }

    /// Erases from `x` to the end of the row when that is cheaper than spaces.
    fn erase_tail(&mut self, out: &mut Vec<u8>, model: &mut Model, y: u16, x: u16) -> bool {
        let row = model.row(y);
        let stale = row[usize::from(x)..].iter().filter(|s| !matches!(s, Slot::Start(c, 1) if is_blank(c))).count();
        if stale < 4 {
            return false;
        }
        self.move_to(out, (x, y));
        self.set_pen(out, Pen::default());
        out.extend_from_slice(esc::CLEAR_TO_EOL);
        damage_left(model.row_mut(y), x);
        model.row_mut(y)[usize::from(x)..].fill(Slot::Start(Cell::default(), 1));
        true
    }

    /// Erases a run of blank cells inside the row (ECH) when more than a few of
    /// them show something else: a shorter value in the detail pane, with the
    /// pane's border after it, would otherwise be padded with spaces. Returns
    /// the run's width.
    fn erase_run(&mut self, out: &mut Vec<u8>, model: &mut Model, frame: &Buffer, y: u16, x: u16) -> Option<u16> {
        const WORTH_IT: usize = 8;
        let mut end = x;
        while end < frame.area.width && is_blank(&frame[(end, y)]) {
            end += 1;
        }
        let row = &model.row(y)[usize::from(x)..usize::from(end)];
        let stale = row.iter().filter(|s| !matches!(s, Slot::Start(c, 1) if is_blank(c))).count();
        if stale < WORTH_IT {
            return None;
        }
        self.move_to(out, (x, y));
        self.set_pen(out, Pen::default());
        out.extend(esc::erase_chars(end - x));
        let row = model.row_mut(y);
        damage_left(row, x);
        if usize::from(end) < row.len() && row[usize::from(end)] == Slot::Cont {
            damage_right(row, usize::from(end));
        }
        row[usize::from(x)..usize::from(end)].fill(Slot::Start(Cell::default(), 1));
        Some(end - x)
    }

    /// Moves to (x, y); on the same row, rewriting a few unchanged cells in
    /// the current pen can be shorter than a move.
    fn move_near(&mut self, out: &mut Vec<u8>, frame: &Buffer, y: u16, x: u16) {
        if let (Some((cx, cy)), Some(pen)) = (self.cursor, self.pen) {
            if cy == y && cx < x {
                let jump = esc::move_to(self.cursor, (x, y)).len();
                if let Some(text) = gap_text(frame, y, cx, x, pen, jump) {
                    out.extend_from_slice(text.as_bytes());
                    self.cursor = Some((x, y));
                    return;
                }
            }
        }
        self.move_to(out, (x, y));
    }

    fn put(&mut self, out: &mut Vec<u8>, model: &mut Model, y: u16, x: u16, cell: &Cell, cw: u16) {
        let w = model.width;
        self.set_pen(out, Pen::of(cell));
        // A wide character cut by the right edge would wrap: show a space instead.
        let fits = cell.symbol().width() as u16 <= w - x;
        let symbol = if fits && !cell.symbol().is_empty() { cell.symbol() } else { " " };
        out.extend_from_slice(symbol.as_bytes());
        let row = model.row_mut(y);
        damage_left(row, x);
        let (x, end) = (usize::from(x), usize::from(x + cw));
        if end < row.len() && row[end] == Slot::Cont {
            damage_right(row, end);
        }
        let mut shown = cell.clone();
        shown.set_symbol(symbol);
        row[x] = Slot::Start(shown, cw);
        row[x + 1..end].fill(Slot::Cont);
        self.cursor = if end >= usize::from(w) { None } else { Some((end as u16, y)) };
    }
}

/// Whether the model already shows `cell` at `x`, covering exactly `cw` cells.
fn unchanged(row: &[Slot], x: u16, cell: &Cell, cw: u16) -> bool {
    let (x, end) = (usize::from(x), usize::from(x + cw));
    matches!(&row[x], Slot::Start(c, n) if *n == cw && c == cell) && row[x + 1..end].iter().all(|s| *s == Slot::Cont)
}

/// Writing over the right half of a wide character destroys its left half.
fn damage_left(row: &mut [Slot], x: u16) {
    let x = usize::from(x);
    let mut start = x;
    while start > 0 && row[start] == Slot::Cont {
        start -= 1;
    }
    if start < x {
        row[start..x].fill(Slot::Unknown);
    }
}

/// Writing over the left half of a wide character destroys its right half.
fn damage_right(row: &mut [Slot], mut i: usize) {
    while i < row.len() && row[i] == Slot::Cont {
        row[i] = Slot::Unknown;
        i += 1;
    }
}

/// First column from which row `y` of the frame is blank to its end.
fn blank_tail(frame: &Buffer, y: u16) -> u16 {
    let mut x = frame.area.width;
    while x > 0 && is_blank(&frame[(x - 1, y)]) {
        x -= 1;
    }
    x
}

/// The text of cells `from..to` of row `y` when it is all in pen `pen` and
/// shorter than `limit` bytes.
fn gap_text(frame: &Buffer, y: u16, from: u16, to: u16, pen: Pen, limit: usize) -> Option<String> {
    let mut text = String::new();
    let mut x = from;
    while x < to {
        let cell = &frame[(x, y)];
        if skipped(cell) || Pen::of(cell) != pen || cell.symbol().is_empty() {
            return None;
        }
        text.push_str(cell.symbol());
        if text.len() >= limit {
            return None;
        }
        x += cell_width(cell);
    }
    (x == to).then_some(text)
}
