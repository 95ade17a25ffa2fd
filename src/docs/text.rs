//! Dates, numbering and names as documents write them.

use crate::i18n::Lang;
use crate::io::docx::Document;
use chrono::{Datelike, NaiveDate};

/// `2026年12月3日` (Arabic numerals, no leading zeros); `3 December 2026`.
pub fn date_text(d: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
        Lang::En => d.format("%-d %B %Y").to_string(),
    }
}

/// `2027年1月8日（星期五）`; `Friday 8 January 2027`.
pub fn day_text(d: NaiveDate, lang: Lang) -> String {
    let n = d.weekday().num_days_from_monday() as usize;
    match lang {
        Lang::Zh => format!("{}（星期{}）", date_text(d, lang), ["一", "二", "三", "四", "五", "六", "日"][n]),
        Lang::En => format!("{} {}", d.format("%A"), date_text(d, lang)),
    }
}

/// 一 … 十 for first-level headings (a document has fewer than ten).
fn zh_number(n: usize) -> String {
    const DIGITS: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => DIGITS[n].to_string(),
        10 => "十".into(),
        n => n.to_string(),
    }
}

/// `一、会议时间`; `1. Time`.
pub fn heading1(doc: &mut Document, n: usize, text: &str, lang: Lang) {
    match lang {
        Lang::Zh => doc.heading1(&format!("{}、{text}", zh_number(n))),
        Lang::En => doc.heading1(&format!("{n}. {text}")),
    };
}

/// `（一）老旧小区楼道照明`; `(1) …`.
pub fn heading2(doc: &mut Document, n: usize, text: &str, lang: Lang) {
    match lang {
        Lang::Zh => doc.heading2(&format!("（{}）{text}", zh_number(n))),
        Lang::En => doc.heading2(&format!("({n}) {text}")),
    };
}

/// Names joined as a list is written: `余伟军、单雄信`; `Yu, Shan`.
pub fn names(list: &[String], lang: Lang) -> String {
    if list.is_empty() {
        return lang.pick("无", "none").to_string();
    }
    list.join(lang.pick("、", ", "))
}

/// Percent to one decimal, as the tally shows a share.
pub fn percent(part: u32, whole: u32) -> String {
    if whole == 0 {
        return "—".into();
    }
    format!("{:.1}%", f64::from(part) * 100.0 / f64::from(whole))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_in_arabic_numerals_without_leading_zeros() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
        assert_eq!(date_text(d, Lang::Zh), "2026年12月3日");
        assert_eq!(day_text(d, Lang::Zh), "2026年12月3日（星期四）");
        assert_eq!(date_text(d, Lang::En), "3 December 2026");
        assert_eq!(percent(25, 32), "78.1%");
    }
}
