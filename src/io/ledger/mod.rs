//! The street's quarterly ledger (四定四联工作台账) as an XLSX workbook.
//!
//! [`build`] is the pure part: records, settings, a quarter and today's date
//! in, sheets of typed cells out, one table each — a summary of the quarter's
//! figures, then (1) members' four links, (2) the quarter's visits, (3)
//! demands raised in or still open during the quarter, (4) the quarter's
//! joint meetings with attendance, their topics and decisions, their tasks,
//! and the year's funding, (5) what was overdue at the quarter's end (or
//! today, while the quarter runs): households, demands, tasks.
//! [`ledger_bytes`] writes them. Residents' personal data is always masked here.
//!
//! Every figure is taken as of that day, not today: a member or household
//! counts when it was in the books by then and not archived by then (see
//! [`counts_on`] and `since`).

mod parts;
mod since;
pub mod summary;
#[cfg(test)]
mod tests;

pub use summary::Summary;

use super::export::{xlsx, Sheet, WriteError};
use crate::i18n::Lang;
use crate::model::period::Quarter;
use crate::model::{AnyRecord, Kind, Meta, Settings, Wrap};
use crate::present::Labels;
use chrono::NaiveDate;
use std::collections::HashMap;

#[derive(Clone, Debug, PartialEq)]
pub struct Ledger {
    pub quarter: Quarter,
    /// The day the figures are taken on: the quarter's last day, or today.
    pub as_of: NaiveDate,
    pub summary: Summary,
    pub sheets: Vec<Sheet>,
}

/// The quarter's last day, or `today` while the quarter is not over.
pub fn as_of(quarter: Quarter, today: NaiveDate) -> NaiveDate {
    quarter.last_day().min(today)
}

/// The ledger of `quarter` from every record (archived ones too: they name
/// what others refer to; they are not counted themselves).
pub fn build(records: &[AnyRecord], settings: &Settings, quarter: Quarter, today: NaiveDate, lang: Lang) -> Ledger {
    let book = Book::new(records, settings, quarter, today, lang);
    let summary = summary::figures(&book);
    let mut sheets = vec![
        summary::sheet(&book, &summary),
        parts::four_links(&book),
        parts::visits(&book),
        parts::demands(&book),
        parts::meetings(&book),
        parts::topics(&book),
        parts::tasks(&book),
        parts::year_funding(&book),
    ];
    sheets.extend(parts::overdue(&book));
    Ledger { quarter, as_of: book.as_of, summary, sheets }
}

/// Whether a record counts on `day`: in the books by then — entered, or
/// named by a dated record (`first_named`, see `since`) — and not yet
/// archived. Archiving is dated by the record's last change (`updated_at`):
/// archiving stamps it, and an archived record is seldom edited afterwards
/// (when it is, it counts as archived from that edit on). Days are UTC
/// dates, as elsewhere in the ledger.
pub fn counts_on(meta: &Meta, first_named: Option<NaiveDate>, day: NaiveDate) -> bool {
    let entered = meta.created_at.date_naive();
    let since = first_named.map_or(entered, |named| named.min(entered));
    since <= day && !(meta.archived && meta.updated_at.date_naive() <= day)
}

/// The workbook's bytes.
pub fn ledger_bytes(ledger: &Ledger) -> Result<Vec<u8>, WriteError> {
    Ok(xlsx::workbook_bytes(&ledger.sheets)?)
}

/// `2026年第四季度`, `2026 Q4`.
pub fn quarter_name(q: Quarter, lang: Lang) -> String {
    let zh_number = ["一", "二", "三", "四"][usize::from(q.q.clamp(1, 4) - 1)];
    match lang {
        Lang::Zh => format!("{}年第{zh_number}季度", q.year),
        Lang::En => format!("{} Q{}", q.year, q.q),
    }
}

/// Everything the parts read: records by kind, names, the period.
pub(crate) struct Book<'a> {
    by_kind: HashMap<Kind, Vec<&'a AnyRecord>>,
    labels: HashMap<(Kind, u64), String>,
    first_named: HashMap<(Kind, u64), NaiveDate>,
    pub settings: &'a Settings,
    pub quarter: Quarter,
    pub first: NaiveDate,
    pub as_of: NaiveDate,
    pub today: NaiveDate,
    pub lang: Lang,
}

impl Labels for Book<'_> {
    fn label_of(&self, kind: Kind, id: u64) -> Option<std::borrow::Cow<'_, str>> {
        self.labels.get(&(kind, id)).map(|l| std::borrow::Cow::Borrowed(l.as_str()))
    }
}

impl<'a> Book<'a> {
    fn new(records: &'a [AnyRecord], settings: &'a Settings, quarter: Quarter, today: NaiveDate, lang: Lang) -> Self {
        let mut by_kind: HashMap<Kind, Vec<&AnyRecord>> = HashMap::new();
        let mut labels = HashMap::new();
        for rec in records {
            by_kind.entry(rec.kind()).or_default().push(rec);
            labels.insert((rec.kind(), rec.id()), rec.data.label());
        }
        for list in by_kind.values_mut() {
            list.sort_by_key(|r| r.id());
        }
        Book {
            by_kind,
            labels,
            first_named: since::first_named(records),
            settings,
            quarter,
            first: quarter.first_day(),
            as_of: as_of(quarter, today),
            today,
            lang,
        }
    }

    /// Records of `kind` that are not archived, by id.
    pub fn active(&self, kind: Kind) -> impl Iterator<Item = &'a AnyRecord> + '_ {
        self.by_kind.get(&kind).into_iter().flatten().copied().filter(|r| !r.meta.archived)
    }

    /// Active records of type `T` with their id and bookkeeping.
    pub fn typed<T: Wrap>(&self) -> Vec<(u64, &'a T, &'a Meta)> {
        self.active(T::KIND).filter_map(|r| T::peek(&r.data).map(|d| (r.id(), d, &r.meta))).collect()
    }

    /// Records of type `T` as they stood on `day`: entered by then and not archived by then.
    pub fn typed_on<T: Wrap>(&self, day: NaiveDate) -> Vec<(u64, &'a T, &'a Meta)> {
        let all = self.by_kind.get(&T::KIND).into_iter().flatten().copied();
        all.filter(|r| counts_on(&r.meta, self.first_named.get(&(T::KIND, r.id())).copied(), day))
            .filter_map(|r| T::peek(&r.data).map(|d| (r.id(), d, &r.meta)))
            .collect()
    }

    pub fn name(&self, kind: Kind, id: Option<u64>) -> String {
        id.map(|id| self.label_of(kind, id).map_or(format!("#{id}"), std::borrow::Cow::into_owned)).unwrap_or_default()
    }

    /// Within the quarter, up to the as-of day.
    pub fn in_quarter(&self, date: NaiveDate) -> bool {
        self.first <= date && date <= self.as_of
    }

    pub fn pick<'s>(&self, zh: &'s str, en: &'s str) -> &'s str {
        self.lang.pick(zh, en)
    }

    /// The two title lines of a sheet: the ledger and the part.
    pub fn title(&self, part: &str) -> Vec<String> {
        let street = self.settings.street_name.trim();
        let quarter = quarter_name(self.quarter, self.lang);
        let main = match self.lang {
            Lang::Zh => format!("{street}四定四联工作台账（{quarter}）"),
            Lang::En if street.is_empty() => format!("Four fixes, four links ledger, {quarter}"),
            Lang::En => format!("{street}: four fixes, four links ledger, {quarter}"),
        };
        let sub = match self.lang {
            Lang::Zh => format!("{part}　统计截至 {}", self.as_of),
            Lang::En => format!("{part} · as of {}", self.as_of),
        };
        vec![main, sub]
    }
}
