//! A record's times as stored: chrono's own text (`2026-12-03T22:47:12.123456789Z`),
//! read back by hand in that form. chrono's general parser, which accepts
//! every RFC 3339 variant, took about a tenth of reading every record into
//! the workbench (two times per record, 240,000 for the demo street; perf,
//! 2026-12-03). Anything not in chrono's own form goes to chrono's parser,
//! so what reads is exactly what read before. The stored bytes are unchanged.
//! A visit's day (`YYYY-MM-DD`) is read the same way: 101,000 of them in the
//! demo street, read from the store and again from the workbench's packed form.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::de::{self, Deserializer, Visitor};
use std::fmt;

/// For `#[serde(deserialize_with = "stamp::deserialize")]`.
pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
    d.deserialize_str(StampVisitor)
}

struct StampVisitor;

impl Visitor<'_> for StampVisitor {
    type Value = DateTime<Utc>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an RFC 3339 date and time")
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<DateTime<Utc>, E> {
        match chrono_form(s) {
            Some(t) => Ok(t),
            None => s.parse().map_err(E::custom),
        }
    }
}

/// For `#[serde(deserialize_with = "stamp::date")]`.
pub fn date<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    d.deserialize_str(DateVisitor)
}

struct DateVisitor;

impl Visitor<'_> for DateVisitor {
    type Value = NaiveDate;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a date (YYYY-MM-DD)")
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<NaiveDate, E> {
        match day_form(s.as_bytes()) {
            Some(day) if s.len() == 10 => Ok(day),
            _ => s.parse().map_err(E::custom),
        }
    }
}

/// The decimal digits of `b[r]`.
fn number(b: &[u8], r: std::ops::Range<usize>) -> Option<u32> {
    b.get(r)?.iter().try_fold(0u32, |n, c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
}

/// `YYYY-MM-DD` at the start of `b`, as chrono writes a `NaiveDate` of years 0 to 9999.
fn day_form(b: &[u8]) -> Option<NaiveDate> {
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    NaiveDate::from_ymd_opt(number(b, 0..4)? as i32, number(b, 5..7)?, number(b, 8..10)?)
}

/// `YYYY-MM-DDTHH:MM:SS[.fraction]Z`, as chrono writes a `DateTime<Utc>`.
fn chrono_form(s: &str) -> Option<DateTime<Utc>> {
    let b = s.as_bytes();
    if b.len() < 20 || b[10] != b'T' || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let (&last, rest) = b.split_last()?;
    if last != b'Z' {
        return None;
    }
    let nanos = match &rest[19..] {
        [] => 0,
        [b'.', digits @ ..] if (1..=9).contains(&digits.len()) => {
            let n = number(b, 20..20 + digits.len())?;
            n * 10u32.pow(9 - digits.len() as u32)
        }
        _ => return None,
    };
    let date = day_form(b)?;
    let time = NaiveTime::from_hms_nano_opt(number(b, 11..13)?, number(b, 14..16)?, number(b, 17..19)?, nanos)?;
    Some(date.and_time(time).and_utc())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;
    use proptest::prelude::*;

    #[derive(serde::Deserialize)]
    struct At {
        #[serde(deserialize_with = "deserialize")]
        at: DateTime<Utc>,
    }

    fn read(text: &str) -> Result<DateTime<Utc>, String> {
        serde_json::from_str::<At>(&format!("{{\"at\":\"{text}\"}}")).map(|a| a.at).map_err(|e| e.to_string())
    }

    #[derive(serde::Deserialize)]
    struct On {
        #[serde(deserialize_with = "date")]
        day: NaiveDate,
    }

    fn read_day(text: &str) -> Result<NaiveDate, String> {
        serde_json::from_str::<On>(&format!("{{\"day\":\"{text}\"}}")).map(|o| o.day).map_err(|e| e.to_string())
    }

    proptest! {
        /// Every time chrono writes reads back as chrono reads it.
        #[test]
        fn what_chrono_writes_reads_back_the_same(secs in 0i64..4_102_444_800, nanos in 0u32..1_000_000_000, cut in 0usize..4) {
            let nanos = [nanos, nanos / 1000 * 1000, nanos / 1_000_000 * 1_000_000, 0][cut];
            let t = DateTime::from_timestamp(secs, nanos).unwrap();
            let text = serde_json::to_value(t).unwrap();
            let text = text.as_str().unwrap();
            prop_assert_eq!(chrono_form(text), Some(t));
            prop_assert_eq!(read(text), Ok(t));
        }
    }

    proptest! {
        /// Every day chrono writes, in any year it can hold, reads back as chrono reads it.
        #[test]
        fn every_day_chrono_writes_reads_back_the_same(days in -3_652_059i32..2_914_000) {
            let day = NaiveDate::from_num_days_from_ce_opt(days).unwrap();
            let text = serde_json::to_value(day).unwrap();
            let text = text.as_str().unwrap();
            prop_assert_eq!(read_day(text), Ok(day));
            if (0..=9999).contains(&day.year()) {
                prop_assert_eq!(day_form(text.as_bytes()), Some(day), "read by hand");
            }
        }
    }

    #[test]
    fn days_in_other_forms_are_left_to_chrono() {
        assert_eq!(read_day("2026-12-04"), Ok(NaiveDate::from_ymd_opt(2026, 12, 4).unwrap()));
        for text in ["+12026-12-04", "-0001-01-01", "2026-2-4", "2026-02-30", "2026-12-04x", "２026-12-04", ""] {
            let chrono = text.parse::<NaiveDate>().map_err(|e| e.to_string());
            match read_day(text) {
                Ok(day) => assert_eq!(Ok(day), chrono, "{text}"),
                // serde_json adds where in its input the error was.
                Err(e) => assert!(e.starts_with(&chrono.unwrap_err()), "{text}: {e}"),
            }
        }
    }

    #[test]
    fn other_forms_are_left_to_chrono() {
        let longer = "2026-12-03T22:47:12.1234567891Z";
        for text in ["2026-12-03T22:47:12+08:00", "2026-12-03 22:47:12Z", "2026-12-03T22:47:12.5z", longer] {
            assert_eq!(chrono_form(text), None, "{text}");
            assert_eq!(read(text), text.parse::<DateTime<Utc>>().map_err(|e| e.to_string()), "{text}");
        }
        assert_eq!(read("2026-12-03T14:47:12+08:00").unwrap().to_string(), "2026-12-03 06:47:12 UTC");
        for bad in [
            "2026-02-30T00:00:00Z",
            "2026-12-03T24:00:00Z",
            "2026-12-03T22:47:12.Z",
            "20261203",
            "２026-12-03T22:47:12Z",
        ] {
            assert!(read(bad).is_err(), "{bad}");
        }
    }
}
