//! China's public holidays (days off) and make-up working days (调休上班).
//!
//! The built-in table covers the years the State Council has announced; the
//! committee's clerk can add later years, or correct a year, with a
//! `holidays.toml` file (see [`HolidayCalendar::with_user_file`]). A year from
//! 2025 on without a notice is *provisional*: its statutory days are computed
//! (see [`super::statutory`]) until the notice is added.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::i18n::Lang;

/// One public holiday: the whole run of days off, weekend days included.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holiday {
    pub name_zh: String,
    pub name_en: String,
    /// First day off.
    pub start: NaiveDate,
    /// Last day off (inclusive).
    pub end: NaiveDate,
}

impl Holiday {
    pub fn name(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.name_zh,
            Lang::En => &self.name_en,
        }
    }

    pub fn contains(&self, d: NaiveDate) -> bool {
        self.start <= d && d <= self.end
    }
}

// ---------------------------------------------------------------------------
// Built-in table
// ---------------------------------------------------------------------------

/// Evaluated at compile time, so a typo such as 2 月 30 日 fails the build
/// instead of panicking at run time.
const fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(date) => date,
        None => panic!("invalid date in the built-in holiday table"),
    }
}

struct BuiltinHoliday {
    zh: &'static str,
    en: &'static str,
    start: NaiveDate,
    end: NaiveDate,
}

struct BuiltinYear {
    year: i32,
    holidays: &'static [BuiltinHoliday],
    workdays: &'static [NaiveDate],
}

const fn h(zh: &'static str, en: &'static str, start: NaiveDate, end: NaiveDate) -> BuiltinHoliday {
    BuiltinHoliday { zh, en, start, end }
}

const NEW_YEAR: (&str, &str) = ("元旦", "New Year's Day");
const SPRING: (&str, &str) = ("春节", "Spring Festival");
const QINGMING: (&str, &str) = ("清明节", "Qingming Festival");
const LABOUR: (&str, &str) = ("劳动节", "Labour Day");
const DRAGON_BOAT: (&str, &str) = ("端午节", "Dragon Boat Festival");
const MID_AUTUMN: (&str, &str) = ("中秋节", "Mid-Autumn Festival");
const NATIONAL: (&str, &str) = ("国庆节", "National Day");
const NATIONAL_MID_AUTUMN: (&str, &str) = ("国庆节、中秋节", "National Day & Mid-Autumn Festival");

// Sources (国务院办公厅关于20XX年部分节假日安排的通知):
//   2024: 国办发明电〔2023〕7号, 2023-10-25
//   2025: 国办发明电〔2024〕12号, 2024-11-12 (first year under the revised
//         《全国年节及纪念日放假办法》: Spring Festival and Labour Day +1 day)
//   2026: 国务院办公厅关于2026年部分节假日安排的通知, 2025-11-04, as released
//         by Xinhua (number recalled as 国办发明电〔2025〕7号, not re-verified)
// Independently checked against:
//   - the notices' full text as reprinted by Xinhua / People's Daily /
//     Guangming Daily / zh.wikisource (2024 text from wikisource + 人民日报
//     2023-10-26; 2025 and 2026 from gmw.cn reprints);
//   - the working-day lists of the public repository awfe/ChinaWorkingDay
//     (2024.json, 2025.json, 2026.json): every holiday weekday below is absent
//     there and every make-up day below is present. No discrepancy.
// Where a notice says "X日放假，与周末连休" the range below includes the
// adjoining weekend, because that is the break residents actually get.
const H2024: &[BuiltinHoliday] = &[
    // "1月1日放假，与周末连休": Sat 2023-12-30 .. Mon 2024-01-01.
    h(NEW_YEAR.0, NEW_YEAR.1, ymd(2023, 12, 30), ymd(2024, 1, 1)),
    h(SPRING.0, SPRING.1, ymd(2024, 2, 10), ymd(2024, 2, 17)),
    h(QINGMING.0, QINGMING.1, ymd(2024, 4, 4), ymd(2024, 4, 6)),
    h(LABOUR.0, LABOUR.1, ymd(2024, 5, 1), ymd(2024, 5, 5)),
    // "6月10日放假，与周末连休": Sat 06-08 .. Mon 06-10.
    h(DRAGON_BOAT.0, DRAGON_BOAT.1, ymd(2024, 6, 8), ymd(2024, 6, 10)),
    h(MID_AUTUMN.0, MID_AUTUMN.1, ymd(2024, 9, 15), ymd(2024, 9, 17)),
    h(NATIONAL.0, NATIONAL.1, ymd(2024, 10, 1), ymd(2024, 10, 7)),
];
const W2024: &[NaiveDate] = &[
    ymd(2024, 2, 4),
    ymd(2024, 2, 18),
    ymd(2024, 4, 7),
    ymd(2024, 4, 28),
    ymd(2024, 5, 11),
    ymd(2024, 9, 14),
    ymd(2024, 9, 29),
    ymd(2024, 10, 12),
];

const H2025: &[BuiltinHoliday] = &[
    // "1月1日（周三）放假1天，不调休".
    h(NEW_YEAR.0, NEW_YEAR.1, ymd(2025, 1, 1), ymd(2025, 1, 1)),
    h(SPRING.0, SPRING.1, ymd(2025, 1, 28), ymd(2025, 2, 4)),
    h(QINGMING.0, QINGMING.1, ymd(2025, 4, 4), ymd(2025, 4, 6)),
    h(LABOUR.0, LABOUR.1, ymd(2025, 5, 1), ymd(2025, 5, 5)),
    h(DRAGON_BOAT.0, DRAGON_BOAT.1, ymd(2025, 5, 31), ymd(2025, 6, 2)),
    h(NATIONAL_MID_AUTUMN.0, NATIONAL_MID_AUTUMN.1, ymd(2025, 10, 1), ymd(2025, 10, 8)),
];
const W2025: &[NaiveDate] = &[ymd(2025, 1, 26), ymd(2025, 2, 8), ymd(2025, 4, 27), ymd(2025, 9, 28), ymd(2025, 10, 11)];

const H2026: &[BuiltinHoliday] = &[
    h(NEW_YEAR.0, NEW_YEAR.1, ymd(2026, 1, 1), ymd(2026, 1, 3)),
    h(SPRING.0, SPRING.1, ymd(2026, 2, 15), ymd(2026, 2, 23)),
    h(QINGMING.0, QINGMING.1, ymd(2026, 4, 4), ymd(2026, 4, 6)),
    h(LABOUR.0, LABOUR.1, ymd(2026, 5, 1), ymd(2026, 5, 5)),
    h(DRAGON_BOAT.0, DRAGON_BOAT.1, ymd(2026, 6, 19), ymd(2026, 6, 21)),
    h(MID_AUTUMN.0, MID_AUTUMN.1, ymd(2026, 9, 25), ymd(2026, 9, 27)),
    h(NATIONAL.0, NATIONAL.1, ymd(2026, 10, 1), ymd(2026, 10, 7)),
];
const W2026: &[NaiveDate] =
    &[ymd(2026, 1, 4), ymd(2026, 2, 14), ymd(2026, 2, 28), ymd(2026, 5, 9), ymd(2026, 9, 20), ymd(2026, 10, 10)];

const BUILTIN: &[BuiltinYear] = &[
    BuiltinYear { year: 2024, holidays: H2024, workdays: W2024 },
    BuiltinYear { year: 2025, holidays: H2025, workdays: W2025 },
    BuiltinYear { year: 2026, holidays: H2026, workdays: W2026 },
];

// ---------------------------------------------------------------------------
// Calendar
// ---------------------------------------------------------------------------

#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct YearTable {
    holidays: Vec<Holiday>,
    workdays: Vec<NaiveDate>,
}

/// Holidays and make-up working days, by announcement year.
///
/// A holiday may reach a few days into the neighbouring year (e.g. 2024's
/// New Year break starts on 2023-12-30); it still belongs to the year whose
/// notice announced it.
#[derive(Clone, Debug, Default)]
pub struct HolidayCalendar {
    years: BTreeMap<i32, YearTable>,
    /// Whether years without a notice get their statutory days; an empty
    /// calendar (`default()`) knows no holidays at all.
    provisional: bool,
}

impl HolidayCalendar {
    /// The State Council announcements for 2024–2026, and the statutory
    /// days of later years until their notice is added.
    pub fn builtin() -> Self {
        let years = BUILTIN.iter().map(|y| (y.year, builtin_year_table(y))).collect();
        Self { years, provisional: true }
    }

    /// Applies the clerk's `holidays.toml`: each `[[year]]` in it adds that
    /// year, or replaces the built-in data for that year wholesale (a partial
    /// merge would silently keep outdated dates).
    ///
    /// Format — one `[[year]]` section per year, then one `[[year.holiday]]`
    /// section per holiday of that year:
    ///
    /// ```toml
    /// [[year]]
    /// year = 2027
    /// workdays = ["2027-02-07"]          # optional: 调休上班 weekend days
    ///
    /// [[year.holiday]]
    /// name = "元旦"
    /// name_en = "New Year's Day"         # optional; defaults to name
    /// start = "2027-01-01"
    /// end = "2027-01-03"                 # optional; defaults to start
    /// ```
    ///
    /// Dates are written `YYYY-MM-DD`, quoted or not. A holiday must start in
    /// its year (or in the December before, as New Year breaks sometimes do)
    /// and may end up to January 31 of the next year; make-up workdays must be
    /// Saturdays or Sundays in the year (or the December before) and must not
    /// fall inside one of the year's holidays.
    ///
    /// On any problem nothing is applied and the first problem is returned;
    /// keep a clone of the calendar if you want to fall back to it.
    pub fn with_user_file(mut self, text: &str) -> Result<Self, HolidayFileError> {
        for (year, table) in parse_user_file(text)? {
            self.years.insert(year, table);
        }
        Ok(self)
    }

    /// Whether `year`'s holidays are computed from the law rather than taken
    /// from a notice: no notice is known and the 2024 rules apply to it.
    pub fn is_provisional(&self, year: i32) -> bool {
        self.provisional && !self.covers_year(year) && provisional_table(year).is_some()
    }

    /// The holiday that makes `d` a day off, if any.
    pub fn holiday_on(&self, d: NaiveDate) -> Option<&Holiday> {
        self.tables_near(d).flat_map(|t| t.holidays.iter()).find(|h| h.contains(d))
    }

    /// Monday–Friday that is not a holiday, or a make-up workday.
    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        if self.tables_near(d).any(|t| t.workdays.contains(&d)) {
            return true;
        }
        if self.holiday_on(d).is_some() {
            return false;
        }
        !matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
    }

    /// Whether a notice for `year` is known (built in or in `holidays.toml`).
    /// Years without one are provisional from 2025 on; before that every
    /// weekday counts as a working day, which may be wrong.
    pub fn covers_year(&self, year: i32) -> bool {
        self.years.contains_key(&year)
    }

    pub fn years(&self) -> Vec<i32> {
        self.years.keys().copied().collect()
    }

    /// The holidays announced for `year`, or its provisional ones (empty if
    /// neither is known).
    pub fn holidays(&self, year: i32) -> &[Holiday] {
        self.table(year).map_or(&[], |t| &t.holidays)
    }

    /// The make-up workdays announced for `year` (a provisional year has none).
    pub fn workdays(&self, year: i32) -> &[NaiveDate] {
        self.table(year).map_or(&[], |t| &t.workdays)
    }

    /// The notice of `year`, else its provisional table.
    fn table(&self, year: i32) -> Option<&YearTable> {
        self.years.get(&year).or_else(|| provisional_table(year).filter(|_| self.provisional))
    }

    /// Tables that can mention `d`: its own year first, then the next year
    /// (a break starting in December) and the previous one (ending in January).
    fn tables_near(&self, d: NaiveDate) -> impl Iterator<Item = &YearTable> {
        let y = d.year();
        [y, y.saturating_add(1), y.saturating_sub(1)].into_iter().filter_map(move |year| self.table(year))
    }
}

/// Provisional years computed so far, for the whole process: a year costs
/// about 60 µs to compute and the workbench asks about dates all the time.
/// Bounded by the years a `holidays.toml` may name.
static PROVISIONAL: [OnceLock<YearTable>; (MAX_YEAR - super::statutory::FIRST_YEAR + 1) as usize] =
    [const { OnceLock::new() }; (MAX_YEAR - super::statutory::FIRST_YEAR + 1) as usize];

/// The statutory days of `year`, when the 2024 rules apply to it.
fn provisional_table(year: i32) -> Option<&'static YearTable> {
    let slot = PROVISIONAL.get(usize::try_from(year.checked_sub(super::statutory::FIRST_YEAR)?).ok()?)?;
    Some(slot.get_or_init(|| YearTable { holidays: super::statutory::statutory_holidays(year), workdays: Vec::new() }))
}

fn builtin_year_table(y: &BuiltinYear) -> YearTable {
    YearTable {
        holidays: y
            .holidays
            .iter()
            .map(|b| Holiday { name_zh: b.zh.to_owned(), name_en: b.en.to_owned(), start: b.start, end: b.end })
            .collect(),
        workdays: y.workdays.to_vec(),
    }
}

// ---------------------------------------------------------------------------
// User file errors
// ---------------------------------------------------------------------------

/// What a value should have looked like; worded for an office clerk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expected {
    Year,
    Date,
    Name,
    Text,
    DateList,
    YearSection,
    HolidaySection,
}

impl Expected {
    fn describe(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Expected::Year, Lang::Zh) => "年份数字，如 2027",
            (Expected::Year, Lang::En) => "a year number such as 2027",
            (Expected::Date, Lang::Zh) => "YYYY-MM-DD 格式的日期，如 \"2027-01-01\"",
            (Expected::Date, Lang::En) => "a date written YYYY-MM-DD, e.g. \"2027-01-01\"",
            (Expected::Name, Lang::Zh) => "用双引号括起来的节日名称，如 \"元旦\"",
            (Expected::Name, Lang::En) => "the holiday's name in double quotes, e.g. \"元旦\"",
            (Expected::Text, Lang::Zh) => "用双引号括起来的文字",
            (Expected::Text, Lang::En) => "text in double quotes",
            (Expected::DateList, Lang::Zh) => "日期列表，如 [\"2027-02-07\"]",
            (Expected::DateList, Lang::En) => "a list of dates, e.g. [\"2027-02-07\"]",
            (Expected::YearSection, Lang::Zh) => "以 [[year]] 开头的段落",
            (Expected::YearSection, Lang::En) => "a section starting with [[year]]",
            (Expected::HolidaySection, Lang::Zh) => "以 [[year.holiday]] 开头的段落",
            (Expected::HolidaySection, Lang::En) => "a section starting with [[year.holiday]]",
        }
    }
}

/// What is wrong with a value in `holidays.toml`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HolidayFileProblem {
    /// Not valid TOML; carries the parser's own (English) explanation.
    Syntax(String),
    Missing(Expected),
    WrongType(Expected),
    InvalidDate,
    OutOfRange {
        from: NaiveDate,
        to: NaiveDate,
    },
    EndBeforeStart {
        start: NaiveDate,
    },
    EmptyName,
    YearOutOfRange,
    DuplicateYear {
        first_line: usize,
    },
    UnknownKey {
        allowed: &'static [&'static str],
    },
    WorkdayNotWeekend,
    WorkdayIsDayOff {
        holiday: String,
    },
}

/// A problem in `holidays.toml`, located as precisely as the parser allows.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message(Lang::En))]
pub struct HolidayFileError {
    /// 1-based line number in the file.
    pub line: Option<usize>,
    /// The key the problem is about (`start`, `workdays`, …); empty for
    /// syntax errors.
    pub field: String,
    /// The offending value as written (strings quoted), if there is one.
    pub value: Option<String>,
    pub problem: HolidayFileProblem,
}

impl HolidayFileError {
    pub fn message(&self, lang: Lang) -> String {
        let prefix = match (lang, self.line) {
            (Lang::Zh, Some(n)) => format!("holidays.toml 第 {n} 行："),
            (Lang::Zh, None) => "holidays.toml：".to_owned(),
            (Lang::En, Some(n)) => format!("holidays.toml line {n}: "),
            (Lang::En, None) => "holidays.toml: ".to_owned(),
        };
        let body = match lang {
            Lang::Zh => self.body_zh(),
            Lang::En => self.body_en(),
        };
        prefix + &body
    }

    /// `end "2027-13-01"`, or just `end` when there is no value to show.
    fn subject(&self) -> String {
        match &self.value {
            Some(v) => format!("{} {v}", self.field),
            None => self.field.clone(),
        }
    }

    fn body_zh(&self) -> String {
        let (f, s) = (&self.field, self.subject());
        let zh = Lang::Zh;
        match &self.problem {
            HolidayFileProblem::Syntax(d) => {
                format!("TOML 格式错误（{d}），请检查引号、方括号和等号")
            }
            HolidayFileProblem::Missing(e) => format!("缺少 {f}，应为{}", e.describe(zh)),
            HolidayFileProblem::WrongType(e) => format!("{s} 类型不对，应为{}", e.describe(zh)),
            HolidayFileProblem::InvalidDate => format!("{s} 不是有效日期，应为 YYYY-MM-DD"),
            HolidayFileProblem::OutOfRange { from, to } => {
                format!("{s} 超出该年份的范围，应在 {from} 至 {to} 之间")
            }
            HolidayFileProblem::EndBeforeStart { start } => {
                format!("{s} 早于 start \"{start}\"，应不早于开始日期")
            }
            HolidayFileProblem::EmptyName => {
                format!("{f} 为空，应为{}", Expected::Name.describe(zh))
            }
            HolidayFileProblem::YearOutOfRange => {
                format!("{s} 超出范围，应为 {MIN_YEAR} 至 {MAX_YEAR} 之间的年份")
            }
            HolidayFileProblem::DuplicateYear { first_line } => {
                format!("{s} 重复（第 {first_line} 行已写过），每个年份只能写一次")
            }
            HolidayFileProblem::UnknownKey { allowed } => {
                format!("不认识的键 {f}，应为以下之一：{}", allowed.join("、"))
            }
            HolidayFileProblem::WorkdayNotWeekend => {
                format!("{s} 不是周六或周日，调休上班日应为周末")
            }
            HolidayFileProblem::WorkdayIsDayOff { holiday } => {
                format!("{s} 落在假期“{holiday}”内，调休上班日应为不放假的日子")
            }
        }
    }

    fn body_en(&self) -> String {
        let (f, s) = (&self.field, self.subject());
        let en = Lang::En;
        match &self.problem {
            HolidayFileProblem::Syntax(d) => {
                format!("TOML syntax error ({d}); check quotes, brackets and '=' signs")
            }
            HolidayFileProblem::Missing(e) => {
                format!("{f} is missing; expected {}", e.describe(en))
            }
            HolidayFileProblem::WrongType(e) => {
                format!("{s} has the wrong type; expected {}", e.describe(en))
            }
            HolidayFileProblem::InvalidDate => {
                format!("{s} is not a valid date; expected YYYY-MM-DD")
            }
            HolidayFileProblem::OutOfRange { from, to } => {
                format!("{s} is outside the year; expected a date from {from} to {to}")
            }
            HolidayFileProblem::EndBeforeStart { start } => {
                format!("{s} is before start \"{start}\"; expected a date on or after start")
            }
            HolidayFileProblem::EmptyName => {
                format!("{f} is empty; expected {}", Expected::Name.describe(en))
            }
            HolidayFileProblem::YearOutOfRange => {
                format!("{s} is out of range; expected a year from {MIN_YEAR} to {MAX_YEAR}")
            }
            HolidayFileProblem::DuplicateYear { first_line } => {
                format!("{s} appears twice (already on line {first_line}); expected each year only once")
            }
            HolidayFileProblem::UnknownKey { allowed } => {
                format!("unknown key {f}; expected one of: {}", allowed.join(", "))
            }
            HolidayFileProblem::WorkdayNotWeekend => {
                format!("{s} is not a Saturday or Sunday; expected a weekend day for a make-up workday")
            }
            HolidayFileProblem::WorkdayIsDayOff { holiday } => {
                format!("{s} falls inside the holiday \"{holiday}\"; expected a day that is not a day off")
            }
        }
    }
}

// ---------------------------------------------------------------------------
// User file parsing
// ---------------------------------------------------------------------------

/// Years outside this range are almost certainly typos (e.g. 207 or 20277).
const MIN_YEAR: i32 = 1900;
const MAX_YEAR: i32 = 2999;

const ROOT_KEYS: &[&str] = &["year"];
const YEAR_KEYS: &[&str] = &["year", "workdays", "holiday"];
const HOLIDAY_KEYS: &[&str] = &["name", "name_en", "start", "end"];

/// Longest value echoed back in a message; garbage can be arbitrarily long.
const MAX_SHOWN_CHARS: usize = 40;

type Value<'i> = Spanned<DeValue<'i>>;

/// Knows the file text so errors can be turned into line numbers.
struct Source<'t> {
    text: &'t str,
}

impl Source<'_> {
    fn line_of(&self, offset: usize) -> usize {
        let end = offset.min(self.text.len());
        self.text.as_bytes()[..end].iter().filter(|&&b| b == b'\n').count() + 1
    }

    fn error(
        &self,
        span: Range<usize>,
        field: &str,
        value: Option<&DeValue>,
        problem: HolidayFileProblem,
    ) -> HolidayFileError {
        HolidayFileError {
            line: Some(self.line_of(span.start)),
            field: field.to_owned(),
            value: value.map(show_value),
            problem,
        }
    }

    fn syntax(&self, e: &toml::de::Error) -> HolidayFileError {
        HolidayFileError {
            line: e.span().map(|s| self.line_of(s.start)),
            field: String::new(),
            value: None,
            problem: HolidayFileProblem::Syntax(e.message().trim().to_owned()),
        }
    }
}

fn parse_user_file(text: &str) -> Result<Vec<(i32, YearTable)>, HolidayFileError> {
    let src = Source { text };
    let doc = DeTable::parse(text).map_err(|e| src.syntax(&e))?;
    let root = doc.get_ref();
    check_keys(&src, root, ROOT_KEYS)?;
    let Some(years) = root.get("year") else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    let mut seen: BTreeMap<i32, usize> = BTreeMap::new();
    for (span, table) in sections(&src, years, "year", Expected::YearSection)? {
        let (year, year_span, parsed) = parse_year(&src, span, table)?;
        let line = src.line_of(year_span.start);
        if let Some(&first_line) = seen.get(&year) {
            return Err(HolidayFileError {
                line: Some(line),
                field: "year".to_owned(),
                value: Some(year.to_string()),
                problem: HolidayFileProblem::DuplicateYear { first_line },
            });
        }
        seen.insert(year, line);
        out.push((year, parsed));
    }
    Ok(out)
}

/// Accepts both `[[name]]` sections and a single `[name]` table, since
/// either is a natural thing to type.
fn sections<'a, 'i>(
    src: &Source,
    value: &'a Value<'i>,
    field: &str,
    expected: Expected,
) -> Result<Vec<(Range<usize>, &'a DeTable<'i>)>, HolidayFileError> {
    let as_table = |v: &'a Value<'i>| match v.get_ref() {
        DeValue::Table(t) => Ok((v.span(), t)),
        other => Err(src.error(v.span(), field, Some(other), HolidayFileProblem::WrongType(expected))),
    };
    match value.get_ref() {
        DeValue::Array(items) => items.iter().map(as_table).collect(),
        _ => as_table(value).map(|t| vec![t]),
    }
}

fn check_keys(src: &Source, table: &DeTable, allowed: &'static [&'static str]) -> Result<(), HolidayFileError> {
    match table.iter().filter(|(k, _)| !allowed.contains(&k.get_ref().as_ref())).min_by_key(|(k, _)| k.span().start) {
        None => Ok(()),
        Some((k, _)) => {
            Err(src.error(k.span(), &truncate(k.get_ref()), None, HolidayFileProblem::UnknownKey { allowed }))
        }
    }
}

fn parse_year(
    src: &Source,
    span: Range<usize>,
    table: &DeTable,
) -> Result<(i32, Range<usize>, YearTable), HolidayFileError> {
    check_keys(src, table, YEAR_KEYS)?;
    let year_value = table
        .get("year")
        .ok_or_else(|| src.error(span.clone(), "year", None, HolidayFileProblem::Missing(Expected::Year)))?;
    let year = year_number(src, year_value)?;
    let mut holidays = Vec::new();
    if let Some(v) = table.get("holiday") {
        for (h_span, h_table) in sections(src, v, "holiday", Expected::HolidaySection)? {
            holidays.push(parse_holiday(src, year, h_span, h_table)?);
        }
    }
    let workdays = match table.get("workdays") {
        Some(v) => parse_workdays(src, year, v, &holidays)?,
        None => Vec::new(),
    };
    Ok((year, year_value.span(), YearTable { holidays, workdays }))
}

fn year_number(src: &Source, v: &Value) -> Result<i32, HolidayFileError> {
    let raw = match v.get_ref() {
        DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix()).ok(),
        // Tolerate `year = "2027"`; clerks quote everything once they have
        // seen quoted dates.
        DeValue::String(s) if is_digits(s.trim()) => s.trim().parse::<i64>().ok(),
        other => return Err(src.error(v.span(), "year", Some(other), HolidayFileProblem::WrongType(Expected::Year))),
    };
    raw.and_then(|n| i32::try_from(n).ok())
        .filter(|n| (MIN_YEAR..=MAX_YEAR).contains(n))
        .ok_or_else(|| src.error(v.span(), "year", Some(v.get_ref()), HolidayFileProblem::YearOutOfRange))
}

fn parse_holiday(src: &Source, year: i32, span: Range<usize>, table: &DeTable) -> Result<Holiday, HolidayFileError> {
    check_keys(src, table, HOLIDAY_KEYS)?;
    let missing = |field: &str, e: Expected| src.error(span.clone(), field, None, HolidayFileProblem::Missing(e));
    let name_zh = match table.get("name") {
        Some(v) => name_text(src, v, "name", Expected::Name)?,
        None => return Err(missing("name", Expected::Name)),
    };
    let name_en = match table.get("name_en") {
        // An empty English name is treated like a missing one: it is optional.
        Some(v) if !is_blank_text(v.get_ref()) => name_text(src, v, "name_en", Expected::Text)?,
        _ => name_zh.clone(),
    };
    let start_value = table.get("start").ok_or_else(|| missing("start", Expected::Date))?;
    let start = date_value(src, start_value, "start")?;
    let (start_from, _) = window(year);
    in_range(src, start_value, "start", start, start_from, last_day(year))?;
    let end = match table.get("end") {
        None => start,
        Some(v) => {
            let end = date_value(src, v, "end")?;
            if end < start {
                return Err(src.error(
                    v.span(),
                    "end",
                    Some(v.get_ref()),
                    HolidayFileProblem::EndBeforeStart { start },
                ));
            }
            in_range(src, v, "end", end, first_day(year), window(year).1)?;
            end
        }
    };
    Ok(Holiday { name_zh, name_en, start, end })
}

/// A non-empty, trimmed text value.
fn name_text(src: &Source, v: &Value, field: &str, expected: Expected) -> Result<String, HolidayFileError> {
    match v.get_ref() {
        DeValue::String(s) if !s.trim().is_empty() => Ok(s.trim().to_owned()),
        DeValue::String(_) => Err(src.error(v.span(), field, None, HolidayFileProblem::EmptyName)),
        other => Err(src.error(v.span(), field, Some(other), HolidayFileProblem::WrongType(expected))),
    }
}

fn parse_workdays(
    src: &Source,
    year: i32,
    v: &Value,
    holidays: &[Holiday],
) -> Result<Vec<NaiveDate>, HolidayFileError> {
    let DeValue::Array(items) = v.get_ref() else {
        return Err(src.error(
            v.span(),
            "workdays",
            Some(v.get_ref()),
            HolidayFileProblem::WrongType(Expected::DateList),
        ));
    };
    let (from, _) = window(year);
    let mut out = Vec::with_capacity(items.len());
    for item in items.iter() {
        let d = date_value(src, item, "workdays")?;
        in_range(src, item, "workdays", d, from, last_day(year))?;
        let err = |problem| src.error(item.span(), "workdays", Some(item.get_ref()), problem);
        if !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
            return Err(err(HolidayFileProblem::WorkdayNotWeekend));
        }
        if let Some(h) = holidays.iter().find(|h| h.contains(d)) {
            return Err(err(HolidayFileProblem::WorkdayIsDayOff { holiday: h.name_zh.clone() }));
        }
        out.push(d);
    }
    Ok(out)
}

/// Accepts `"2027-01-01"` and the bare TOML date `2027-01-01`.
fn date_value(src: &Source, v: &Value, field: &str) -> Result<NaiveDate, HolidayFileError> {
    let err = |problem| src.error(v.span(), field, Some(v.get_ref()), problem);
    match v.get_ref() {
        DeValue::String(s) => parse_ymd(s.trim()).ok_or_else(|| err(HolidayFileProblem::InvalidDate)),
        DeValue::Datetime(dt) => match (dt.date, dt.time, dt.offset) {
            (Some(d), None, None) => NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
                .ok_or_else(|| err(HolidayFileProblem::InvalidDate)),
            _ => Err(err(HolidayFileProblem::WrongType(Expected::Date))),
        },
        _ => Err(err(HolidayFileProblem::WrongType(Expected::Date))),
    }
}

fn in_range(
    src: &Source,
    v: &Value,
    field: &str,
    d: NaiveDate,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<(), HolidayFileError> {
    if from <= d && d <= to {
        Ok(())
    } else {
        Err(src.error(v.span(), field, Some(v.get_ref()), HolidayFileProblem::OutOfRange { from, to }))
    }
}

/// Strictly `YYYY-MM-DD`: chrono's `%Y-%m-%d` would also take `2027-1-1`
/// or `+2027-01-01`, which are more likely typos than intent.
fn parse_ymd(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    let shape_ok = b.len() == 10
        && b.iter().enumerate().all(|(i, &c)| if i == 4 || i == 7 { c == b'-' } else { c.is_ascii_digit() });
    if !shape_ok {
        return None;
    }
    let y = s.get(0..4)?.parse().ok()?;
    let m = s.get(5..7)?.parse().ok()?;
    let d = s.get(8..10)?.parse().ok()?;
    NaiveDate::from_ymd_opt(y, m, d)
}

fn is_blank_text(v: &DeValue) -> bool {
    matches!(v, DeValue::String(s) if s.trim().is_empty())
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Dates a year's entries may use: from the December before (New Year
/// breaks starting on Dec 30/31) to January 31 after (a break running past
/// the year's end). Years are range-checked, so the dates always exist.
fn window(year: i32) -> (NaiveDate, NaiveDate) {
    let from = NaiveDate::from_ymd_opt(year - 1, 12, 1).unwrap_or(NaiveDate::MIN);
    let to = NaiveDate::from_ymd_opt(year + 1, 1, 31).unwrap_or(NaiveDate::MAX);
    (from, to)
}

fn first_day(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN)
}

fn last_day(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MAX)
}

fn show_value(v: &DeValue) -> String {
    match v {
        DeValue::String(s) => format!("\"{}\"", truncate(s)),
        DeValue::Integer(i) => truncate(&i.to_string()),
        DeValue::Float(f) => truncate(&f.to_string()),
        DeValue::Boolean(b) => b.to_string(),
        DeValue::Datetime(dt) => dt.to_string(),
        DeValue::Array(_) => "[…]".to_owned(),
        DeValue::Table(_) => "{…}".to_owned(),
    }
}

fn truncate(s: &str) -> String {
    if s.chars().count() <= MAX_SHOWN_CHARS {
        s.to_owned()
    } else {
        s.chars().take(MAX_SHOWN_CHARS).chain(['…']).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("test date")
    }

    fn name_on(cal: &HolidayCalendar, date: NaiveDate) -> Option<&str> {
        cal.holiday_on(date).map(|h| h.name(Lang::Zh))
    }

    // ---- built-in table -------------------------------------------------

    #[test]
    fn builtin_years() {
        let cal = HolidayCalendar::builtin();
        assert_eq!(cal.years(), vec![2024, 2025, 2026]);
        assert!(cal.covers_year(2025));
        assert!(!cal.covers_year(2023));
        assert!(!cal.covers_year(2027));
        assert_eq!(cal.holidays(2024).len(), 7);
        assert_eq!(cal.holidays(2025).len(), 6); // 国庆节、中秋节 combined
        assert_eq!(cal.holidays(2026).len(), 7);
        assert!(cal.holidays(2023).is_empty());
        // Later years are provisional: the statutory days alone.
        assert!(cal.is_provisional(2030) && !cal.is_provisional(2026) && !cal.is_provisional(2024));
        assert_eq!(cal.holidays(2030).len(), 7);
        assert!(cal.workdays(2030).is_empty());
        assert!(!HolidayCalendar::default().is_provisional(2030));
    }

    // Expected values typed from 国办发明电〔2023〕7号.
    #[test]
    fn spot_checks_2024() {
        let cal = HolidayCalendar::builtin();
        let days_off = [
            (d(2024, 1, 1), "元旦"),
            (d(2023, 12, 30), "元旦"), // weekend joined to New Year's Day
            (d(2024, 2, 10), "春节"),
            (d(2024, 2, 16), "春节"),
            (d(2024, 2, 17), "春节"),
            (d(2024, 4, 4), "清明节"),
            (d(2024, 4, 5), "清明节"),
            (d(2024, 5, 1), "劳动节"),
            (d(2024, 5, 3), "劳动节"),
            (d(2024, 6, 10), "端午节"),
            (d(2024, 9, 16), "中秋节"),
            (d(2024, 9, 17), "中秋节"),
            (d(2024, 10, 1), "国庆节"),
            (d(2024, 10, 7), "国庆节"),
        ];
        for (date, name) in days_off {
            assert_eq!(name_on(&cal, date), Some(name), "{date}");
            assert!(!cal.is_working_day(date), "{date}");
        }
        // 调休上班 (Sat/Sun) and the ordinary weekdays around breaks.
        for date in [
            d(2024, 2, 4),
            d(2024, 2, 18),
            d(2024, 4, 7),
            d(2024, 4, 28),
            d(2024, 5, 11),
            d(2024, 9, 14),
            d(2024, 9, 29),
            d(2024, 10, 12),
            d(2024, 2, 9), // 除夕 is not an official day off in 2024
            d(2024, 1, 2),
            d(2024, 10, 8),
        ] {
            assert!(cal.is_working_day(date), "{date}");
            assert_eq!(name_on(&cal, date), None, "{date}");
        }
    }

    // Expected values typed from 国办发明电〔2024〕12号.
    #[test]
    fn spot_checks_2025() {
        let cal = HolidayCalendar::builtin();
        let spring = cal.holiday_on(d(2025, 1, 28)).expect("春节");
        assert_eq!((spring.start, spring.end), (d(2025, 1, 28), d(2025, 2, 4)));
        assert_eq!(spring.name(Lang::En), "Spring Festival");
        assert_eq!(name_on(&cal, d(2025, 1, 27)), None);
        assert_eq!(name_on(&cal, d(2025, 2, 5)), None);
        assert_eq!(name_on(&cal, d(2025, 1, 1)), Some("元旦"));
        assert!(cal.is_working_day(d(2025, 1, 2)));
        assert_eq!(name_on(&cal, d(2025, 4, 4)), Some("清明节"));
        assert_eq!(name_on(&cal, d(2025, 5, 5)), Some("劳动节"));
        assert_eq!(name_on(&cal, d(2025, 5, 31)), Some("端午节"));
        assert_eq!(name_on(&cal, d(2025, 6, 2)), Some("端午节"));
        assert_eq!(name_on(&cal, d(2025, 10, 8)), Some("国庆节、中秋节"));
        assert_eq!(name_on(&cal, d(2025, 10, 9)), None);
        for date in [d(2025, 1, 26), d(2025, 2, 8), d(2025, 4, 27), d(2025, 9, 28), d(2025, 10, 11)] {
            assert!(cal.is_working_day(date), "{date}");
        }
        assert_eq!(cal.workdays(2025).len(), 5);
    }

    // Expected values typed from the 2026 notice of 2025-11-04.
    #[test]
    fn spot_checks_2026() {
        let cal = HolidayCalendar::builtin();
        let new_year = cal.holiday_on(d(2026, 1, 2)).expect("元旦");
        assert_eq!((new_year.start, new_year.end), (d(2026, 1, 1), d(2026, 1, 3)));
        assert_eq!(name_on(&cal, d(2026, 2, 15)), Some("春节"));
        assert_eq!(name_on(&cal, d(2026, 2, 23)), Some("春节"));
        assert_eq!(name_on(&cal, d(2026, 4, 6)), Some("清明节"));
        assert_eq!(name_on(&cal, d(2026, 4, 3)), None);
        assert_eq!(name_on(&cal, d(2026, 5, 5)), Some("劳动节"));
        assert_eq!(name_on(&cal, d(2026, 6, 19)), Some("端午节"));
        assert_eq!(name_on(&cal, d(2026, 9, 25)), Some("中秋节"));
        assert_eq!(name_on(&cal, d(2026, 10, 2)), Some("国庆节"));
        assert_eq!(name_on(&cal, d(2026, 10, 7)), Some("国庆节"));
        assert_eq!(name_on(&cal, d(2026, 10, 8)), None);
        for date in [
            d(2026, 1, 4),
            d(2026, 2, 14),
            d(2026, 2, 28),
            d(2026, 5, 9),
            d(2026, 9, 20),
            d(2026, 10, 10),
            d(2026, 10, 9),
        ] {
            assert!(cal.is_working_day(date), "{date}");
        }
    }

    #[test]
    fn ordinary_days() {
        let cal = HolidayCalendar::builtin();
        assert!(cal.is_working_day(d(2025, 3, 12))); // Wednesday
        assert!(!cal.is_working_day(d(2025, 3, 8))); // Saturday
        assert!(!cal.is_working_day(d(2025, 3, 9))); // Sunday
        let empty = HolidayCalendar::default();
        assert!(empty.is_working_day(d(2026, 10, 2)));
        assert_eq!(empty.holiday_on(d(2026, 10, 2)), None);
    }

    /// The built-in data obeys the rules a user file is held to.
    #[test]
    fn builtin_table_is_consistent() {
        let cal = HolidayCalendar::builtin();
        for year in cal.years() {
            let (from, to) = window(year);
            let hs = cal.holidays(year);
            for h in hs {
                assert!(h.start <= h.end, "{h:?}");
                assert!(from <= h.start && h.start <= last_day(year), "{h:?}");
                assert!(first_day(year) <= h.end && h.end <= to, "{h:?}");
                assert!(!h.name_zh.is_empty() && !h.name_en.is_empty());
            }
            for pair in hs.windows(2) {
                assert!(pair[0].end < pair[1].start, "overlap {pair:?}");
            }
            for &w in cal.workdays(year) {
                assert!(matches!(w.weekday(), Weekday::Sat | Weekday::Sun), "{w}");
                assert_eq!(cal.holiday_on(w), None, "{w}");
            }
        }
    }

    // ---- user file ------------------------------------------------------

    // Made-up 2027 data: the real notice is not out yet; only the shape matters.
    const FILE_2027: &str = r#"
[[year]]
year = 2027
workdays = ["2027-02-07"]

[[year.holiday]]
name = "元旦"
name_en = "New Year's Day"
start = "2027-01-01"
end = "2027-01-03"

[[year.holiday]]
name = "春节"
start = 2027-02-08
end = 2027-02-13
"#;

    #[test]
    fn user_file_adds_a_year() {
        let cal = HolidayCalendar::builtin().with_user_file(FILE_2027).expect("valid file");
        assert_eq!(cal.years(), vec![2024, 2025, 2026, 2027]);
        assert!(cal.covers_year(2027));
        assert_eq!(name_on(&cal, d(2027, 1, 1)), Some("元旦"));
        let spring = cal.holiday_on(d(2027, 2, 10)).expect("春节");
        assert_eq!(spring.name(Lang::En), "春节"); // name_en defaults to name
        assert!(cal.is_working_day(d(2027, 2, 7)));
        // Built-in years are untouched.
        assert_eq!(cal.holidays(2026).len(), 7);
    }

    #[test]
    fn user_file_replaces_a_year_wholesale() {
        let text = r#"
[[year]]
year = 2026
[[year.holiday]]
name = "国庆节"
start = "2026-10-01"
end = "2026-10-08"
"#;
        let cal = HolidayCalendar::builtin().with_user_file(text).expect("valid");
        assert_eq!(cal.holidays(2026).len(), 1);
        assert!(cal.workdays(2026).is_empty());
        assert_eq!(name_on(&cal, d(2026, 1, 1)), None);
        assert_eq!(name_on(&cal, d(2026, 10, 8)), Some("国庆节"));
        assert!(!cal.is_working_day(d(2026, 9, 20))); // no longer a make-up day
    }

    #[test]
    fn user_file_lenient_forms() {
        // Single [year] table, unquoted dates, quoted year, end omitted,
        // blank name_en, a break starting in the previous December.
        let text = r#"
[year]
year = "2028"
holiday = [
  { name = "元旦", start = 2027-12-31, end = "2028-01-01" },
  { name = "国庆节", name_en = " ", start = "2028-10-02" },
]
"#;
        let cal = HolidayCalendar::default().with_user_file(text).expect("valid");
        assert_eq!(cal.years(), vec![2028]);
        assert_eq!(name_on(&cal, d(2027, 12, 31)), Some("元旦"));
        let h = cal.holiday_on(d(2028, 10, 2)).expect("国庆节");
        assert_eq!((h.start, h.end, h.name(Lang::En)), (d(2028, 10, 2), d(2028, 10, 2), "国庆节"));
        assert_eq!(name_on(&cal, d(2028, 10, 3)), None);
    }

    #[test]
    fn empty_user_file_changes_nothing() {
        for text in ["", "# 暂无\n", "\n\n"] {
            let cal = HolidayCalendar::builtin().with_user_file(text).expect("empty ok");
            assert_eq!(cal.years(), vec![2024, 2025, 2026]);
        }
    }

    fn err_of(text: &str) -> HolidayFileError {
        match HolidayCalendar::builtin().with_user_file(text) {
            Ok(_) => panic!("expected an error for:\n{text}"),
            Err(e) => e,
        }
    }

    /// A one-holiday file for 2027 with `line` spliced into the holiday.
    fn holiday_file(fields: &str) -> String {
        format!("[[year]]\nyear = 2027\n\n[[year.holiday]]\n{fields}\n")
    }

    #[test]
    fn bad_date_message_matches_spec() {
        let text = "# 2027 年\n\n[[year]]\nyear = 2027\n[[year.holiday]]\nname = \"元旦\"\n\
                    end = \"2027-13-01\"\nstart = \"2027-01-01\"\n";
        let e = err_of(text);
        assert_eq!(e.line, Some(7));
        assert_eq!(e.field, "end");
        assert_eq!(e.problem, HolidayFileProblem::InvalidDate);
        assert_eq!(e.message(Lang::Zh), "holidays.toml 第 7 行：end \"2027-13-01\" 不是有效日期，应为 YYYY-MM-DD");
        assert_eq!(
            e.message(Lang::En),
            "holidays.toml line 7: end \"2027-13-01\" is not a valid date; expected YYYY-MM-DD"
        );
        assert_eq!(e.to_string(), e.message(Lang::En));
    }

    /// (file, line, field, problem, text that must appear in zh, in en)
    type Case = (String, usize, &'static str, HolidayFileProblem, &'static str, &'static str);

    fn error_cases() -> Vec<Case> {
        use HolidayFileProblem as P;
        let y = |s: &str| s.to_owned();
        vec![
            (y("[[year]\nyear = 2027\n"), 1, "", P::Syntax(String::new()), "TOML 格式错误", "TOML syntax error"),
            (y("[[year]]\nyear = 2027\nyear = 2028\n"), 3, "", P::Syntax(String::new()), "第 3 行", "line 3"),
            (
                y("[[year]]\nyear = 2027\nstart = 2027-02-30\n"),
                3,
                "",
                P::Syntax(String::new()),
                "第 3 行：TOML 格式错误（",
                "line 3: TOML syntax error (",
            ),
            (
                holiday_file("name = \"元旦\"\nstart = \"2027/01/01\""),
                6,
                "start",
                P::InvalidDate,
                "start \"2027/01/01\" 不是有效日期",
                "start \"2027/01/01\" is not a valid date",
            ),
            (
                holiday_file("name = \"元旦\"\nstart = \"2027-1-1\""),
                6,
                "start",
                P::InvalidDate,
                "应为 YYYY-MM-DD",
                "expected YYYY-MM-DD",
            ),
            (holiday_file("name = \"元旦\""), 4, "start", P::Missing(Expected::Date), "缺少 start", "start is missing"),
            (
                holiday_file("start = \"2027-01-01\""),
                4,
                "name",
                P::Missing(Expected::Name),
                "缺少 name",
                "name is missing",
            ),
            (
                y("[[year]]\nworkdays = []\n"),
                1,
                "year",
                P::Missing(Expected::Year),
                "缺少 year，应为年份数字",
                "year is missing; expected a year number",
            ),
            (
                holiday_file("name = \"  \"\nstart = \"2027-01-01\""),
                5,
                "name",
                P::EmptyName,
                "name 为空",
                "name is empty",
            ),
            (
                holiday_file("name = \"元旦\"\nstart = 20270101"),
                6,
                "start",
                P::WrongType(Expected::Date),
                "start 20270101 类型不对",
                "start 20270101 has the wrong type",
            ),
            (
                holiday_file("name = \"元旦\"\nstart = 2027-01-01T09:00:00"),
                6,
                "start",
                P::WrongType(Expected::Date),
                "类型不对",
                "wrong type",
            ),
            (
                holiday_file("name = 5\nstart = \"2027-01-01\""),
                5,
                "name",
                P::WrongType(Expected::Name),
                "name 5 类型不对",
                "name 5 has the wrong type",
            ),
            (
                y("[[year]]\nyear = 2027\nworkdays = \"2027-02-07\"\n"),
                3,
                "workdays",
                P::WrongType(Expected::DateList),
                "workdays \"2027-02-07\" 类型不对，应为日期列表",
                "expected a list of dates",
            ),
            (
                y("[[year]]\nyear = \"next\"\n"),
                2,
                "year",
                P::WrongType(Expected::Year),
                "year \"next\" 类型不对",
                "year \"next\" has the wrong type",
            ),
            (
                y("[[year]]\nyear = 20277\n"),
                2,
                "year",
                P::YearOutOfRange,
                "year 20277 超出范围",
                "year 20277 is out of range",
            ),
            (y("year = 2027\n"), 1, "year", P::WrongType(Expected::YearSection), "[[year]]", "[[year]]"),
            (
                holiday_file("name = \"元旦\"\nstart = \"2028-01-01\""),
                6,
                "start",
                P::OutOfRange { from: d(2026, 12, 1), to: d(2027, 12, 31) },
                "start \"2028-01-01\" 超出该年份的范围，应在 2026-12-01 至 2027-12-31 之间",
                "start \"2028-01-01\" is outside the year; expected a date from 2026-12-01 to 2027-12-31",
            ),
            (
                holiday_file("name = \"春节\"\nstart = \"2027-12-30\"\nend = \"2028-02-02\""),
                7,
                "end",
                P::OutOfRange { from: d(2027, 1, 1), to: d(2028, 1, 31) },
                "end \"2028-02-02\" 超出该年份的范围",
                "end \"2028-02-02\" is outside the year",
            ),
            (
                holiday_file("name = \"元旦\"\nstart = \"2027-01-03\"\nend = \"2027-01-01\""),
                7,
                "end",
                P::EndBeforeStart { start: d(2027, 1, 3) },
                "end \"2027-01-01\" 早于 start \"2027-01-03\"",
                "end \"2027-01-01\" is before start \"2027-01-03\"",
            ),
            (
                holiday_file("nmae = \"元旦\"\nstart = \"2027-01-01\""),
                5,
                "nmae",
                P::UnknownKey { allowed: HOLIDAY_KEYS },
                "不认识的键 nmae，应为以下之一：name、name_en、start、end",
                "unknown key nmae; expected one of: name, name_en, start, end",
            ),
            (
                y("[[holiday]]\nname = \"元旦\"\n"),
                1,
                "holiday",
                P::UnknownKey { allowed: ROOT_KEYS },
                "不认识的键 holiday",
                "unknown key holiday",
            ),
            (
                y("[[year]]\nyear = 2027\n\n[[year]]\nyear = 2027\n"),
                5,
                "year",
                P::DuplicateYear { first_line: 2 },
                "year 2027 重复（第 2 行已写过）",
                "year 2027 appears twice (already on line 2)",
            ),
            (
                y("[[year]]\nyear = 2027\nworkdays = [\"2027-02-08\"]\n"),
                3,
                "workdays",
                P::WorkdayNotWeekend,
                "workdays \"2027-02-08\" 不是周六或周日",
                "workdays \"2027-02-08\" is not a Saturday or Sunday",
            ),
            (
                y("[[year]]\nyear = 2027\nworkdays = [\n  \"2027-02-07\",\n  \"2027-02-13\",\n]\n\
                     [[year.holiday]]\nname = \"春节\"\nstart = \"2027-02-08\"\nend = \"2027-02-13\"\n"),
                5,
                "workdays",
                P::WorkdayIsDayOff { holiday: y("春节") },
                "workdays \"2027-02-13\" 落在假期“春节”内",
                "workdays \"2027-02-13\" falls inside the holiday \"春节\"",
            ),
        ]
    }

    #[test]
    fn each_kind_of_bad_input_is_located_and_explained() {
        use HolidayFileProblem as P;
        for (text, line, field, problem, zh, en) in error_cases() {
            let e = err_of(&text);
            assert_eq!(e.line, Some(line), "line for:\n{text}\n{e:?}");
            assert_eq!(e.field, field, "field for:\n{text}");
            // The parser's own wording may change between toml releases.
            if !matches!((&problem, &e.problem), (P::Syntax(_), P::Syntax(_))) {
                assert_eq!(e.problem, problem, "problem for:\n{text}");
            }
            let (msg_zh, msg_en) = (e.message(Lang::Zh), e.message(Lang::En));
            assert!(msg_zh.starts_with(&format!("holidays.toml 第 {line} 行：")), "{msg_zh}");
            assert!(msg_en.starts_with(&format!("holidays.toml line {line}: ")), "{msg_en}");
            assert!(msg_zh.contains(zh), "{msg_zh} should contain {zh}");
            assert!(msg_en.contains(en), "{msg_en} should contain {en}");
            if !field.is_empty() {
                assert!(msg_zh.contains(field) && msg_en.contains(field));
            }
        }
    }

    #[test]
    fn half_valid_file_is_rejected_whole() {
        // The first [[year]] is fine, the second is not: nothing may be applied,
        // so a caller that kept a clone of its calendar can fall back to it.
        let text = "[[year]]\nyear = 2027\n[[year]]\nyear = 1\n";
        let e = err_of(text);
        assert_eq!((e.line, e.problem), (Some(4), HolidayFileProblem::YearOutOfRange));
    }

    #[test]
    fn long_garbage_values_are_shortened() {
        let long = "x".repeat(500);
        let e = err_of(&holiday_file(&format!("name = \"元旦\"\nstart = \"{long}\"")));
        assert!(e.message(Lang::En).chars().count() < 200, "{}", e.message(Lang::En));
    }

    /// Tiny deterministic generator; the crate deliberately has no `rand`.
    struct Lcg(u64);

    impl Lcg {
        fn next(&mut self) -> u64 {
            self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            self.0 >> 33
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    fn check_no_panic(text: &str) {
        let lines = text.lines().count() + 1;
        if let Err(e) = HolidayCalendar::builtin().with_user_file(text) {
            assert!(e.line.is_none_or(|l| l >= 1 && l <= lines), "{e:?}");
            assert!(!e.message(Lang::Zh).is_empty());
            assert!(!e.message(Lang::En).is_empty());
        }
    }

    #[test]
    fn garbage_never_panics() {
        let pieces: &[&str] = &[
            "[",
            "]",
            "[[",
            "]]",
            "year",
            "holiday",
            ".",
            "=",
            "\"",
            "'",
            "\n",
            " ",
            "2027",
            "-",
            "01",
            "13",
            "32",
            "T",
            ":",
            "{",
            "}",
            ",",
            "#",
            "元旦",
            "\\",
            "\u{0}",
            "name",
            "start",
            "end",
            "workdays",
            "-99999999999999999999",
            "1e9",
            "true",
            "0x7e3",
            "2027-02-29",
            "9999-12-31",
            "0000-01-01",
            "\u{feff}",
            "é",
            "😀",
        ];
        let mut rng = Lcg(0x5111_a4a4);
        for _ in 0..3000 {
            let len = rng.below(40);
            let text: String = (0..len).map(|_| pieces[rng.below(pieces.len())]).collect();
            check_no_panic(&text);
        }
        // Mutations of a valid file: drop, duplicate or swap characters.
        let base: Vec<char> = FILE_2027.chars().collect();
        for _ in 0..3000 {
            let mut chars = base.clone();
            for _ in 0..=rng.below(4) {
                let i = rng.below(chars.len());
                match rng.below(3) {
                    0 => {
                        chars.remove(i);
                    }
                    1 => chars.insert(i, chars[i]),
                    _ => {
                        let j = rng.below(chars.len());
                        chars.swap(i, j);
                    }
                }
            }
            check_no_panic(&chars.into_iter().collect::<String>());
        }
        for text in [
            "\u{0}",
            "[[year]]\nyear = -2147483649\n",
            "[[year]]\nyear = 2147483647\n",
            "[[year]]\nyear = 0b111\n",
            "[[year]]\nyear = 2027\nholiday = 5\n",
            "[[year]]\nyear = 2027\nholiday = [1, 2]\n",
            "[[year]]\nyear = 2027\nworkdays = [[1]]\n",
            "[[year]]\nyear = 2027\n[[year.holiday]]\nname = \"a\"\nstart = 00:00:00\n",
            "[[year]]\nyear = 2027\n[[year.holiday]]\nname = \"a\"\nstart = 1979-05-27T07:32:00Z\n",
            "[[year]]\nyear = 1900\n[[year.holiday]]\nname = \"a\"\nstart = \"1899-12-01\"\n",
            "[[year]]\nyear = 2999\n[[year.holiday]]\nname = \"a\"\nstart = \"2999-12-31\"\nend = \"3000-01-31\"\n",
            "year = [[], {}]",
            "year = []",
        ] {
            check_no_panic(text);
        }
    }
}
