//! Calendar periods used by records: the quarter of a meeting (`2026Q4`) and the
//! period of an evaluation (`2026`, `2026H1`). Both are stored as their text so
//! that JSON, CSV and the store read the same.

use crate::i18n::Lang;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A calendar quarter; `q` is 1..=4.
///
/// The fields are public for convenience; functions below clamp an
/// out-of-range `q` instead of panicking. Use `FromStr` for user input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quarter {
    pub year: i32,
    pub q: u8,
}

impl Quarter {
    /// The quarter containing `date`.
    pub fn of(date: NaiveDate) -> Quarter {
        Quarter {
            year: date.year(),
            // month0 is 0..=11, so this is 1..=4 and fits in u8.
            q: (date.month0() / 3 + 1) as u8,
        }
    }

    pub fn first_day(self) -> NaiveDate {
        let month = u32::from(self.q_clamped() - 1) * 3 + 1;
        NaiveDate::from_ymd_opt(self.year, month, 1).unwrap_or(if self.year < 0 {
            NaiveDate::MIN
        } else {
            NaiveDate::MAX
        })
    }

    pub fn last_day(self) -> NaiveDate {
        let next_first = self.next().first_day();
        next_first.pred_opt().unwrap_or(next_first)
    }

    pub fn next(self) -> Quarter {
        match self.q_clamped() {
            4 => Quarter { year: self.year.saturating_add(1), q: 1 },
            q => Quarter { year: self.year, q: q + 1 },
        }
    }

    pub fn prev(self) -> Quarter {
        match self.q_clamped() {
            1 => Quarter { year: self.year.saturating_sub(1), q: 4 },
            q => Quarter { year: self.year, q: q - 1 },
        }
    }

    fn q_clamped(self) -> u8 {
        self.q.clamp(1, 4)
    }
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Zero-padded so that what is shown can always be typed back in.
        write!(f, "{:04}Q{}", self.year, self.q)
    }
}

impl FromStr for Quarter {
    type Err = QuarterParseError;

    /// Accepts `2026Q4` or `2026q4` (surrounding spaces ignored).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = |kind| QuarterParseError { input: shorten(s), kind };
        let b = s.trim().as_bytes();
        let shape_ok = b.len() == 6
            && b[..4].iter().all(u8::is_ascii_digit)
            && matches!(b[4], b'Q' | b'q')
            && b[5].is_ascii_digit();
        if !shape_ok {
            return Err(err(QuarterParseErrorKind::Format));
        }
        let year = b[..4].iter().fold(0i32, |acc, &d| acc * 10 + i32::from(d - b'0'));
        let q = b[5] - b'0';
        if !(1..=4).contains(&q) {
            return Err(err(QuarterParseErrorKind::QuarterNumber));
        }
        Ok(Quarter { year, q })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuarterParseErrorKind {
    /// Not of the form `YYYYQn`.
    Format,
    /// `YYYYQn` with n outside 1..=4.
    QuarterNumber,
}

/// A quarter typed by the user could not be understood.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message(Lang::En))]
pub struct QuarterParseError {
    /// What was typed (shortened if very long).
    pub input: String,
    pub kind: QuarterParseErrorKind,
}

impl QuarterParseError {
    pub fn message(&self, lang: Lang) -> String {
        let input = &self.input;
        match (self.kind, lang) {
            (QuarterParseErrorKind::Format, Lang::Zh) => {
                format!("“{input}”不是有效的季度，应写成 年份+Q+季度，如 2026Q4")
            }
            (QuarterParseErrorKind::Format, Lang::En) => {
                format!("\"{input}\" is not a valid quarter; expected year, Q, quarter, e.g. 2026Q4")
            }
            (QuarterParseErrorKind::QuarterNumber, Lang::Zh) => {
                format!("“{input}”的季度不对，季度应为 1 至 4，如 2026Q4")
            }
            (QuarterParseErrorKind::QuarterNumber, Lang::En) => {
                format!("\"{input}\" has no such quarter; expected quarter 1 to 4, e.g. 2026Q4")
            }
        }
    }
}

/// Echoing a pasted paragraph back would bury the message.
fn shorten(s: &str) -> String {
    const MAX: usize = 20;
    if s.chars().count() <= MAX {
        s.to_owned()
    } else {
        s.chars().take(MAX).chain(['…']).collect()
    }
}

fn parse_year(s: &str) -> Result<i32, ()> {
    if s.len() != 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(());
    }
    let y: i32 = s.parse().map_err(|_| ())?;
    if (1900..2200).contains(&y) {
        Ok(y)
    } else {
        Err(())
    }
}

/// An evaluation period: a whole year or one of its halves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    pub year: i32,
    /// `None` for the whole year, `Some(1)` or `Some(2)` for a half.
    pub half: Option<u8>,
}

impl Period {
    pub fn first_day(self) -> NaiveDate {
        let month = if self.half == Some(2) { 7 } else { 1 };
        NaiveDate::from_ymd_opt(self.year, month, 1).unwrap_or_default()
    }

    pub fn last_day(self) -> NaiveDate {
        let (m, d) = if self.half == Some(1) { (6, 30) } else { (12, 31) };
        NaiveDate::from_ymd_opt(self.year, m, d).unwrap_or_default()
    }

    pub fn contains(self, date: NaiveDate) -> bool {
        self.first_day() <= date && date <= self.last_day()
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.half {
            Some(h) => write!(f, "{}H{}", self.year, h),
            None => write!(f, "{}", self.year),
        }
    }
}

impl FromStr for Period {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, ()> {
        let s = s.trim();
        match s.split_once(['H', 'h']) {
            None => Ok(Period { year: parse_year(s)?, half: None }),
            Some((y, "1")) => Ok(Period { year: parse_year(y)?, half: Some(1) }),
            Some((y, "2")) => Ok(Period { year: parse_year(y)?, half: Some(2) }),
            Some(_) => Err(()),
        }
    }
}

macro_rules! serde_as_text {
    ($t:ty, $what:literal) => {
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = String::deserialize(d)?;
                text.parse().map_err(|_| serde::de::Error::custom(format!("{text:?} is not {}", $what)))
            }
        }
    };
}
serde_as_text!(Quarter, "a quarter like 2026Q4");
serde_as_text!(Period, "a period like 2026 or 2026H1");

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn periods_parse_and_bound() {
        let p: Period = "2026H2".parse().unwrap();
        assert_eq!((p.first_day(), p.last_day()), (d("2026-07-01"), d("2026-12-31")));
        let y: Period = "2026".parse().unwrap();
        assert!(y.contains(d("2026-01-01")) && y.contains(d("2026-12-31")));
        assert!("2026H3".parse::<Period>().is_err());
        assert_eq!(y.to_string(), "2026");
    }
}
