//! The list pane of one record kind: which rows show (archived hidden unless
//! asked, the incremental filter), in which order, and which row is selected.

use super::data::Data;
use super::filter::{self, Candidates};
use super::text_input::TextInput;
use crate::i18n::Lang;
use crate::model::Kind;
use crate::present::{cell, record_json, table_columns};
use crate::search::{narrows, Searcher};
use std::cmp::Ordering;

/// Rows kept between the selection and the top or bottom of the list.
pub const SCROLL_MARGIN: usize = 2;

/// Rows sampled across the list to size its columns.
const WIDTH_SAMPLE: usize = 200;

#[derive(Clone, Debug)]
pub struct ListView {
    pub kind: Kind,
    /// Positions in `Data::records(kind)`, in display order.
    pub rows: Vec<usize>,
    pub selected: usize,
    pub offset: usize,
    /// Column index into `table_columns(kind)` and whether reversed.
    pub sort: Option<(usize, bool)>,
    pub filter: TextInput,
    pub show_archived: bool,
    /// Natural widths of the ID and each column over a sample of the rows,
    /// fixed until the rows change, so that scrolling does not resize columns.
    pub widths: Vec<usize>,
    /// The last filter's query and the rows it found, for narrowing the next one.
    narrowing: Option<Narrowing>,
}

/// What a filter found, valid while the data and the archived switch stay as they were.
#[derive(Clone, Debug)]
struct Narrowing {
    query: String,
    generation: u64,
    show_archived: bool,
    /// Positions found, in the list's natural order (newest first).
    found: Vec<usize>,
}

impl ListView {
    pub fn new(kind: Kind) -> ListView {
        ListView {
            kind,
            rows: Vec::new(),
            selected: 0,
            offset: 0,
            sort: None,
            filter: TextInput::default(),
            show_archived: false,
            widths: Vec::new(),
            narrowing: None,
        }
    }

    pub fn selected_id(&self, data: &Data) -> Option<u64> {
        self.rows.get(self.selected).and_then(|p| data.records(self.kind).id(*p))
    }

    /// Recomputes the rows, keeping the selected record selected when it still shows.
    pub fn refresh(&mut self, data: &Data, searcher: &mut Searcher, lang: Lang) {
        let keep = self.selected_id(data);
        self.refresh_selecting(data, searcher, lang, keep);
    }

    /// Recomputes the rows and selects record `keep` when it shows: for when
    /// the records were replaced, and positions held say nothing of them.
    pub fn refresh_selecting(&mut self, data: &Data, searcher: &mut Searcher, lang: Lang, keep: Option<u64>) {
        let records = data.records(self.kind);
        let visible = |p: &usize| self.show_archived || !records.archived(*p);
        let query = self.filter.value().trim().to_string();
        self.rows = if query.is_empty() {
            self.narrowing = None;
            // Sized for every record: gathered through the filter, the rows
            // doubled their room as they grew, and 100,000 visits' positions
            // held 1.3 MB instead of 0.8 (issue 22).
            let mut rows = Vec::with_capacity(records.len());
            rows.extend((0..records.len()).rev().filter(visible));
            rows
        } else {
            let narrowed =
                self.narrowing.take().filter(|n| n.still_holds(data, self.show_archived) && narrows(&n.query, &query));
            let candidates = match &narrowed {
                Some(n) => Candidates::These(&n.found),
                None => Candidates::Every { show_archived: self.show_archived },
            };
            let ranked = filter::rank(data, self.kind, &query, candidates, searcher);
            let generation = data.generation();
            let found = ranked.in_order;
            self.narrowing = Some(Narrowing { query, generation, show_archived: self.show_archived, found });
            ranked.best_first
        };
        if let Some((column, reverse)) = self.sort {
            self.sort_rows(data, column, reverse, lang);
        }
        self.reselect(data, keep);
        self.widths = self.sample_widths(data, lang);
    }

    /// Widths over rows spread evenly across the list (privacy-masked text).
    fn sample_widths(&self, data: &Data, lang: Lang) -> Vec<usize> {
        let records = data.records(self.kind);
        let columns = table_columns(self.kind);
        let step = self.rows.len().div_ceil(WIDTH_SAMPLE).max(1);
        let mut widths = vec![0; columns.len() + 1];
        for rec in self.rows.iter().step_by(step).filter_map(|p| records.get(*p)) {
            let map = record_json(&rec, data, false);
            widths[0] = widths[0].max(rec.id().to_string().len() + usize::from(rec.meta.archived));
            for (i, c) in columns.iter().enumerate() {
                widths[i + 1] = widths[i + 1].max(display_width(&cell(self.kind, &map, c, data, lang)));
            }
        }
        widths
    }

    fn sort_rows(&mut self, data: &Data, column: usize, reverse: bool, lang: Lang) {
        let Some(name) = table_columns(self.kind).get(column) else { return };
        let records = data.records(self.kind);
        let mut keyed: Vec<(String, usize)> = self
            .rows
            .iter()
            .filter_map(|p| {
                Some((cell(self.kind, &record_json(&*records.get(*p)?, data, false), name, data, lang), *p))
            })
            .collect();
        keyed.sort_by(|a, b| compare_cells(&a.0, &b.0));
        if reverse {
            keyed.reverse();
        }
        self.rows = keyed.into_iter().map(|(_, p)| p).collect();
    }

    fn reselect(&mut self, data: &Data, keep: Option<u64>) {
        let records = data.records(self.kind);
        let found = keep.and_then(|id| self.rows.iter().position(|p| records.id(*p) == Some(id)));
        self.selected = found.unwrap_or(0).min(self.rows.len().saturating_sub(1));
    }

    /// Selects the record `id` if it shows.
    pub fn select_id(&mut self, data: &Data, id: u64) -> bool {
        let records = data.records(self.kind);
        match self.rows.iter().position(|p| records.id(*p) == Some(id)) {
            Some(i) => {
                self.selected = i;
                true
            }
            None => false,
        }
    }

    pub fn move_by(&mut self, delta: isize) {
        let last = self.rows.len().saturating_sub(1) as isize;
        self.selected = (self.selected as isize + delta).clamp(0, last.max(0)) as usize;
    }

    pub fn to_end(&mut self) {
        self.selected = self.rows.len().saturating_sub(1);
    }

    /// Keeps the selection inside a window of `height` rows, at least
    /// `SCROLL_MARGIN` rows from its edges: the window shifts only when the
    /// selection would cross the margin, and then by a third of the window
    /// at least (vim's `scrolljump`, for slow terminals). The terminal's
    /// scroll region carries the rows either way, but it moves the detail
    /// pane beside them too, which must then be drawn again: once per third
    /// of a page rather than on every step (2026-12-03, visits at 100×30:
    /// Down averaged 374 B scrolling by one row).
    pub fn scroll_into_view(&mut self, height: usize) {
        if height == 0 {
            return;
        }
        let margin = SCROLL_MARGIN.min(height.saturating_sub(1) / 2);
        let jump = (height / 3).max(1);
        if self.selected < self.offset + margin {
            self.offset = self.selected.saturating_sub(margin).min(self.offset.saturating_sub(jump));
        } else if self.selected + margin >= self.offset + height {
            self.offset = (self.selected + margin + 1 - height).max(self.offset + jump);
        }
        self.offset = self.offset.min(self.rows.len().saturating_sub(height));
    }

    pub fn cycle_sort(&mut self) {
        let columns = table_columns(self.kind).len();
        self.sort = match self.sort {
            None => Some((0, false)),
            Some((c, _)) if c + 1 < columns => Some((c + 1, false)),
            Some(_) => None,
        };
    }

    pub fn reverse_sort(&mut self) {
        self.sort = Some(match self.sort {
            None => (0, true),
            Some((c, r)) => (c, !r),
        });
    }
}

impl Narrowing {
    fn still_holds(&self, data: &Data, show_archived: bool) -> bool {
        self.generation == data.generation() && self.show_archived == show_archived
    }
}

fn display_width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(crate::present::visible(s).as_str())
}

/// Numbers by value, everything else as text.
fn compare_cells(a: &str, b: &str) -> Ordering {
    match (a.parse::<f64>(), b.parse::<f64>()) {
        (Ok(x), Ok(y)) => x.partial_cmp(&y).unwrap_or(Ordering::Equal),
        _ => a.cmp(b),
    }
}
