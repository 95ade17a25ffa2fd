//! Finding the band of rows that moved up or down between two frames (a list
//! that scrolled), so the terminal can move it with its scroll region and
//! only the rest is drawn.

use super::diff::{cell_width, Model, Slot};
use ratatui::buffer::{Buffer, Cell};

/// Rows `top..bottom` scrolled by `count` lines, up or down.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Band {
    pub top: u16,
    pub bottom: u16,
    pub count: u16,
    pub up: bool,
}

/// About what the scroll sequences cost, in bytes; a band must save more.
const OVERHEAD: usize = 24;

/// What a row of the frame looks like: the character starting at each
/// column, None where a wide one to the left covers it.
type Shape<'a> = Vec<Option<&'a Cell>>;

fn frame_shape(frame: &Buffer, y: u16) -> Shape<'_> {
    let w = frame.area.width;
    let mut shape = vec![None; usize::from(w)];
    let mut x = 0;
    while x < w {
        let cell = &frame[(x, y)];
        shape[usize::from(x)] = Some(cell);
        x += cell_width(cell);
    }
    shape
}

/// Bytes it would take, roughly, to turn a model row into a frame row.
fn cost(frame_row: &Shape, model_row: &[Slot]) -> usize {
    frame_row
        .iter()
        .zip(model_row)
        .map(|(f, m)| match (f, m) {
            (Some(f), Slot::Start(c, _)) if *f == c => 0,
            (None, Slot::Cont) => 0,
            (Some(f), _) => f.symbol().len().max(1),
            (None, _) => 1,
        })
        .sum()
}

fn blank_cost(frame_row: &Shape) -> usize {
    let blank = Cell::default();
    frame_row.iter().map(|f| f.map_or(1, |f| if *f == blank { 0 } else { f.symbol().len().max(1) })).sum()
}

fn prefix(v: &[usize]) -> Vec<usize> {
    let mut p = vec![0];
    for x in v {
        p.push(p.last().unwrap_or(&0) + x);
    }
    p
}

/// The band whose scrolling saves the most bytes, if any saves enough.
pub fn find_band(model: &Model, frame: &Buffer) -> Option<Band> {
    let h = model.height;
    if h < 3 || model.width != frame.area.width || h != frame.area.height {
        return None;
    }
    let shapes: Vec<Shape> = (0..h).map(|y| frame_shape(frame, y)).collect();
    let same = prefix(&(0..h).map(|y| cost(&shapes[usize::from(y)], model.row(y))).collect::<Vec<_>>());
    if same[usize::from(h)] <= OVERHEAD {
        return None;
    }
    let blank = prefix(&shapes.iter().map(blank_cost).collect::<Vec<_>>());
    let mut best: Option<(usize, Band)> = None;
    for count in 1..h - 1 {
        for up in [true, false] {
            let moved = moved_costs(model, &shapes, count, up);
            if let Some(found) = best_band(&same, &moved, &blank, count, up) {
                if best.is_none_or(|(s, _)| found.0 > s) {
                    best = Some(found);
                }
            }
        }
    }
    best.filter(|(saved, _)| *saved > OVERHEAD).map(|(_, band)| band)
}

/// Prefix sums of the cost of frame row y drawn over model row y ± count.
fn moved_costs(model: &Model, shapes: &[Shape], count: u16, up: bool) -> Vec<usize> {
    let h = model.height;
    let costs: Vec<usize> = (0..h)
        .map(|y| {
            let source = if up { y.checked_add(count).filter(|s| *s < h) } else { y.checked_sub(count) };
            source.map_or(1 << 32, |s| cost(&shapes[usize::from(y)], model.row(s)))
        })
        .collect();
    prefix(&costs)
}

/// Best rows top..bottom for a scroll by `count`: the bytes saved, and the band.
fn best_band(same: &[usize], moved: &[usize], blank: &[usize], count: u16, up: bool) -> Option<(usize, Band)> {
    let h = same.len() - 1;
    let k = usize::from(count);
    let mut best: Option<(usize, Band)> = None;
    for top in 0..h {
        for bottom in top + k + 1..=h {
            let before = same[bottom] - same[top];
            let after = if up {
                moved[bottom - k] - moved[top] + blank[bottom] - blank[bottom - k]
            } else {
                moved[bottom] - moved[top + k] + blank[top + k] - blank[top]
            };
            let saved = before.saturating_sub(after);
            if saved > 0 && best.is_none_or(|(s, _)| saved > s) {
                let band = Band { top: top as u16, bottom: bottom as u16, count, up };
                best = Some((saved, band));
            }
        }
    }
    best
}
