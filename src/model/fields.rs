//! Field specs: one table per record kind naming each field, its labels and its
//! type. The command line, forms, spreadsheet headers and validation all read
//! from these tables, so a field is described once.

use super::choice::Choice;
use super::dates::parse_date_input;
use super::error::{FieldError, Problem};
use super::kind::Kind;
use super::period::{Period, Quarter};
use crate::i18n::Lang;
use chrono::{Datelike, NaiveDate};
use serde_json::{Map, Value};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldType {
    /// One line of text, at most `max` characters.
    Text {
        max: usize,
    },
    /// Several lines allowed.
    LongText {
        max: usize,
    },
    Phone,
    Date,
    Count {
        max: u32,
    },
    Choice(&'static [Choice]),
    Choices(&'static [Choice]),
    Ref(Kind),
    Refs(Kind),
    Quarter,
    Period,
    /// Sets of four tallies (excellent, competent, basic, incompetent) by
    /// whose ballots they are, each with the ballots issued and returned:
    /// `群众 12,3,1,0/45/42；代表 8,2,0,0/10/10`.
    VoteSets,
    /// A list of structured entries (meeting topics, task progress), given as JSON.
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldSpec {
    pub name: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
    pub ty: FieldType,
    pub required: bool,
    /// What a new record gets when the field is not given.
    pub default: Option<&'static str>,
    /// A date of what has happened, refused when later than today (see [`FieldSpec::past`]).
    pub past: bool,
}

impl FieldSpec {
    pub const fn new(name: &'static str, zh: &'static str, en: &'static str, ty: FieldType) -> Self {
        FieldSpec { name, zh, en, ty, required: false, default: None, past: false }
    }

    /// A date of something that has happened: never later than today.
    pub const fn past(self) -> Self {
        FieldSpec { past: true, ..self }
    }

    pub const fn default_to(self, value: &'static str) -> Self {
        FieldSpec { default: Some(value), ..self }
    }

    pub const fn required(self) -> Self {
        FieldSpec { required: true, ..self }
    }

    pub fn label(&self, lang: Lang) -> &'static str {
        lang.pick(self.zh, self.en)
    }

    /// The command-line flag: `contact_name` → `contact-name`.
    pub fn flag(&self) -> String {
        self.name.replace('_', "-")
    }

    /// Personal data of residents, masked unless revealed.
    /// Written freely: where a phone or ID number may be typed.
    pub fn is_free_text(&self) -> bool {
        matches!(self.ty, FieldType::Text { .. } | FieldType::LongText { .. })
    }

    pub fn is_personal(&self, kind: Kind) -> bool {
        matches!(
            (kind, self.name),
            (Kind::Household, "phone" | "address") | (Kind::Deputy, "phone") | (Kind::Visit | Kind::Demand, "visitor")
        )
    }
}

/// A field's value as lists show it to whoever has not revealed it: a
/// resident's phone number and address masked, and phone and ID numbers
/// typed into free text; `None` when the field shows as it is. The one
/// place that says how, for lists, exports and the audit log alike.
pub fn masked_value(kind: Kind, field: &str, text: &str, community: Option<&str>) -> Option<String> {
    spec_of(kind, field).and_then(|spec| spec.masked(kind, text, community))
}

impl FieldSpec {
    /// This field's `text` as lists show it to whoever has not revealed it
    /// (see [`masked_value`]); `None` when it shows as it is.
    pub fn masked(&self, kind: Kind, text: &str, community: Option<&str>) -> Option<String> {
        use super::privacy::{mask_address, mask_numbers_in_text, mask_phone, mask_phones_in_text};
        let personal = self.is_personal(kind);
        Some(match self.name {
            "phone" if personal => mask_phone(text),
            "address" if personal => mask_address(text, community),
            _ if personal => mask_phones_in_text(text),
            _ if self.is_free_text() && text.bytes().any(|b| b.is_ascii_digit()) => mask_numbers_in_text(text),
            _ => return None,
        })
    }
}

pub fn specs(kind: Kind) -> &'static [FieldSpec] {
    use super::*;
    match kind {
        Kind::Member => member::FIELDS,
        Kind::Unit => unit::FIELDS,
        Kind::Community => community::FIELDS,
        Kind::Household => household::FIELDS,
        Kind::Visit => visit::FIELDS,
        Kind::Demand => demand::FIELDS,
        Kind::Meeting => meeting::FIELDS,
        Kind::Task => task::FIELDS,
        Kind::Evaluation => evaluation::FIELDS,
        Kind::Deputy => deputy::FIELDS,
        Kind::Session => session::FIELDS,
    }
}

/// Finds a field by its DOMAIN name, its flag spelling, or a label in either language.
pub fn spec_of(kind: Kind, name: &str) -> Option<&'static FieldSpec> {
    // The DOMAIN name as it is, as imports and forms give it: no spelling to undo.
    if let Some(spec) = specs(kind).iter().find(|s| s.name == name) {
        return Some(spec);
    }
    let snake = name.trim().trim_start_matches("--").replace('-', "_");
    specs(kind).iter().find(|s| s.name == snake || s.zh == name.trim() || s.en.eq_ignore_ascii_case(name.trim()))
}

/// Turns what a user typed into the stored JSON form of the field.
pub fn parse_field(spec: &FieldSpec, raw: &str, today: NaiveDate) -> Result<Value, Problem> {
    let s = raw.trim();
    if s.is_empty() {
        return Ok(empty_value(spec.ty));
    }
    let value = |v: &str| v.to_string();
    Ok(match spec.ty {
        FieldType::Text { .. } | FieldType::LongText { .. } => Value::from(s),
        FieldType::Phone if !is_new_phone(s) => return Err(Problem::BadPhone { value: value(s) }),
        FieldType::Phone => Value::from(normalize_phone(s)),
        FieldType::Date => {
            let d = parse_date_input(s, today).ok_or_else(|| match super::composite::is_impossible_date(s) {
                true => Problem::NoSuchDate { value: value(s) },
                false => Problem::BadDate { value: value(s) },
            })?;
            if spec.past && d > today {
                return Err(Problem::InFuture { value: d.to_string(), today: today.to_string() });
            }
            Value::from(d.to_string())
        }
        FieldType::Count { max } => Value::from(parse_count(s, max)?),
        FieldType::Choice(choices) => Value::from(find_choice(choices, s)?.id),
        FieldType::Choices(choices) => Value::from(parse_choice_list(choices, s)?),
        FieldType::Ref(_) => Value::from(parse_id(s)?),
        FieldType::Refs(_) => Value::from(parse_id_list(s)?),
        FieldType::Quarter => {
            let q: Quarter = s.parse().map_err(|_| Problem::BadQuarter { value: value(s) })?;
            Value::from(q.to_string())
        }
        FieldType::Period => {
            let p: Period = s.parse().map_err(|_| Problem::BadPeriod { value: value(s) })?;
            Value::from(p.to_string())
        }
        FieldType::VoteSets => parse_vote_sets(s)?,
        FieldType::Json => {
            let json =
                serde_json::from_str(s).map_err(|e| Problem::BadJson { value: value(s), reason: e.to_string() })?;
            let parts = super::composite::parts_of(spec.name).unwrap_or_default();
            if let Some(problem) = super::composite::shape_problem(parts, &json, Some(today)) {
                return Err(problem);
            }
            json
        }
    })
}

pub fn empty_value(ty: FieldType) -> Value {
    match ty {
        FieldType::Text { .. } | FieldType::LongText { .. } | FieldType::Phone => Value::from(""),
        FieldType::Choices(_) | FieldType::Refs(_) | FieldType::Json => Value::Array(vec![]),
        // No set recorded yet.
        FieldType::VoteSets => Value::Object(Map::new()),
        _ => Value::Null,
    }
}

fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(m) => m.is_empty(),
        _ => false,
    }
}

fn normalize_phone(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn parse_count(s: &str, max: u32) -> Result<u32, Problem> {
    s.parse::<u32>().ok().filter(|n| *n <= max).ok_or_else(|| Problem::BadCount { value: s.to_string(), max })
}

fn find_choice(choices: &'static [Choice], s: &str) -> Result<&'static Choice, Problem> {
    Choice::find(choices, s).ok_or_else(|| Problem::BadChoice { value: s.to_string(), choices })
}

/// Lists may be separated by ASCII or Chinese commas, 、 or semicolons.
fn split_list(s: &str) -> impl Iterator<Item = &str> {
    s.split([',', '，', '、', ';', '；']).map(str::trim).filter(|p| !p.is_empty())
}

fn parse_choice_list(choices: &'static [Choice], s: &str) -> Result<Vec<&'static str>, Problem> {
    let mut ids: Vec<&'static str> = Vec::new();
    for part in split_list(s) {
        let id = find_choice(choices, part)?.id;
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    Ok(ids)
}

fn parse_id(s: &str) -> Result<u64, Problem> {
    s.trim_start_matches('#')
        .parse::<u64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| Problem::BadId { value: s.to_string() })
}

fn parse_id_list(s: &str) -> Result<Vec<u64>, Problem> {
    let mut ids = Vec::new();
    for part in split_list(s) {
        let id = parse_id(part)?;
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    Ok(ids)
}

/// Most ballots one set can hold: a street's residents' representatives are
/// dozens, a whole community's households some thousands.
const MAX_BALLOTS: u32 = 100_000;

/// `群众 12,3,1,0/45/42；代表 8,2,0,0`: sets separated by `；`, `;` or a new
/// line, each named (either language) with its four tallies and, optionally,
/// `/issued/returned`. The set name alone with nothing after clears nothing:
/// every set is given whole.
fn parse_vote_sets(s: &str) -> Result<Value, Problem> {
    use super::enums::VoteSetKind;
    let bad = |reason| Problem::BadVoteSets { value: s.to_string(), reason };
    let mut sets = Map::new();
    for part in s.split([';', '；', '\n']).map(str::trim).filter(|p| !p.is_empty()) {
        let name_end = part.find(|c: char| c.is_ascii_digit() || c.is_whitespace()).unwrap_or(part.len());
        let kind =
            VoteSetKind::parse(part[..name_end].trim().trim_end_matches([':', '：'])).ok_or_else(|| bad("set"))?;
        if sets.contains_key(kind.id()) {
            return Err(bad("twice"));
        }
        let mut pieces = part[name_end..].split('/').map(str::trim);
        let tallies: Vec<u32> = pieces
            .next()
            .unwrap_or_default()
            .split([',', '，', '、', ' ', '\u{3000}'])
            .filter(|p| !p.is_empty())
            .map(|p| p.parse::<u32>().ok().filter(|n| *n <= MAX_BALLOTS))
            .collect::<Option<_>>()
            .ok_or_else(|| bad("tallies"))?;
        let [e, c, b, i] = tallies.as_slice() else { return Err(bad("tallies")) };
        let ballots: Vec<u32> = pieces
            .map(|p| p.parse::<u32>().ok().filter(|n| *n <= MAX_BALLOTS))
            .collect::<Option<_>>()
            .ok_or_else(|| bad("ballots"))?;
        let (issued, returned) = match ballots.as_slice() {
            [] => (None, None),
            [issued] => (Some(*issued), None),
            [issued, returned] => (Some(*issued), Some(*returned)),
            _ => return Err(bad("ballots")),
        };
        let set = serde_json::json!({
            "excellent": e, "competent": c, "basic": b, "incompetent": i, "issued": issued, "returned": returned
        });
        sets.insert(kind.id().to_string(), set);
    }
    Ok(Value::Object(sets))
}

/// Checks the field-level rules of a record in its JSON form: required fields,
/// lengths, visible text, phone and date formats.
pub fn validate_fields(kind: Kind, map: &Map<String, Value>) -> Vec<FieldError> {
    let mut errors = Vec::new();
    for spec in specs(kind) {
        let value = map.get(spec.name).unwrap_or(&Value::Null);
        if let Some(problem) = field_problem(spec, value) {
            errors.push(FieldError::new(kind, spec.name, problem));
        }
    }
    errors
}

/// What is wrong with one field's stored value, if anything.
pub fn field_problem(spec: &FieldSpec, value: &Value) -> Option<Problem> {
    judge(spec, is_empty(value), value.as_str().unwrap_or_default())
}

/// The field rules, given whether a value is empty and its text (`""` for
/// what is not text): shared by the JSON form above and the typed check of
/// whole records ([`super::field_check`]), so that both give one verdict.
pub(crate) fn judge(spec: &FieldSpec, empty: bool, text: &str) -> Option<Problem> {
    if empty {
        return spec.required.then_some(Problem::Required);
    }
    match spec.ty {
        FieldType::Text { max } => text_problem(text, max, false),
        FieldType::LongText { max } => text_problem(text, max, true),
        FieldType::Phone => (!is_phone(text)).then(|| Problem::BadPhone { value: text.to_string() }),
        FieldType::Date => date_problem(text),
        _ => None,
    }
}

pub(crate) fn text_problem(text: &str, max: usize, multiline: bool) -> Option<Problem> {
    let len = text.chars().count();
    if len > max {
        return Some(Problem::TooLong { max, len });
    }
    let bad_control = |c: char| c.is_control() && !(multiline && (c == '\n' || c == '\t'));
    text.chars().any(bad_control).then_some(Problem::ControlChar)
}

/// A phone number as one is typed now: a mobile (11 digits, `1[3-9]…`,
/// `+86` allowed), a landline with its area code (`0571-87654321`, `(010)
/// 12345678`) and an optional extension (`-123`, `转123`), or a `400`/`800`
/// service number. Stored records are judged by the looser [`is_phone`], so
/// that numbers saved before this rule stay readable and editable.
pub fn is_new_phone(s: &str) -> bool {
    let s = s.trim();
    let (main, extension) = match s.split_once(['转', '#']) {
        Some((main, ext)) => (main, Some(ext.trim())),
        None => (s, None),
    };
    if extension.is_some_and(|e| !(1..=6).contains(&e.len()) || !e.bytes().all(|b| b.is_ascii_digit())) {
        return false;
    }
    if phone_digits(main).is_some_and(|d| is_mobile(&d) || is_landline(&d) || is_service(&d)) {
        return true;
    }
    // `0571-87654321-123`: the last group is an extension.
    match main.rsplit_once('-') {
        Some((line, ext)) if extension.is_none() && (1..=6).contains(&ext.len()) => {
            ext.bytes().all(|b| b.is_ascii_digit()) && phone_digits(line).is_some_and(|d| is_landline(&d))
        }
        _ => false,
    }
}

/// The digits of a number written with spaces, dashes or brackets, without a `+86`.
fn phone_digits(s: &str) -> Option<String> {
    let compact: String = s.chars().filter(|c| !matches!(c, ' ' | '-' | '(' | ')' | '（' | '）')).collect();
    let digits = compact.strip_prefix("+86").or_else(|| compact.strip_prefix("0086")).unwrap_or(&compact);
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())).then(|| digits.to_string())
}

fn is_mobile(d: &str) -> bool {
    let b = d.as_bytes();
    b.len() == 11 && b[0] == b'1' && (b'3'..=b'9').contains(&b[1])
}

/// An area code (`010`, `0571`) and a 7- or 8-digit number.
fn is_landline(d: &str) -> bool {
    d.starts_with('0') && !d.starts_with("00") && (10..=12).contains(&d.len())
}

fn is_service(d: &str) -> bool {
    d.len() == 10 && (d.starts_with("400") || d.starts_with("800"))
}

pub fn is_phone(s: &str) -> bool {
    let digits = s.chars().filter(char::is_ascii_digit).count();
    let allowed = |(i, c): (usize, char)| c.is_ascii_digit() || "-()（）".contains(c) || (i == 0 && c == '+');
    (7..=15).contains(&digits) && s.chars().enumerate().all(allowed)
}

pub(crate) fn date_problem(text: &str) -> Option<Problem> {
    match text.parse::<NaiveDate>() {
        Err(_) if super::composite::is_impossible_date(text) => Some(Problem::NoSuchDate { value: text.to_string() }),
        Err(_) => Some(Problem::BadDate { value: text.to_string() }),
        Ok(d) if !(1990..=2100).contains(&d.year()) => Some(Problem::DateOutOfRange { value: text.to_string() }),
        Ok(_) => None,
    }
}

/// A field's value as a person reads it: labels for choices, `12,3,1,0` for votes.
pub fn display_value(spec: &FieldSpec, value: &Value, lang: Lang) -> String {
    let choice_label = |choices: &[Choice], v: &Value| {
        let id = v.as_str().unwrap_or_default();
        choices.iter().find(|c| c.id == id).map_or(id.to_string(), |c| c.label(lang).to_string())
    };
    match (spec.ty, value) {
        (_, Value::Null) => String::new(),
        (_, Value::String(s)) if !matches!(spec.ty, FieldType::Choice(_)) => s.clone(),
        (FieldType::Choice(choices), v) => choice_label(choices, v),
        (FieldType::Choices(choices), Value::Array(items)) => {
            items.iter().map(|v| choice_label(choices, v)).collect::<Vec<_>>().join(crate::i18n::list_sep(lang))
        }
        (FieldType::Refs(_), Value::Array(items)) => items.iter().map(Value::to_string).collect::<Vec<_>>().join(","),
        (FieldType::VoteSets, Value::Object(_)) => serde_json::from_value::<super::VoteSets>(value.clone())
            .map_or_else(|_| value.to_string(), |sets| sets.text(lang, &[])),
        (FieldType::Json, Value::Array(a)) if a.is_empty() => String::new(),
        (_, v) => v.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        "2026-11-29".parse().unwrap()
    }

    #[test]
    fn every_kind_has_unique_fields_with_labels() {
        for kind in Kind::ALL {
            let mut names: Vec<_> = specs(kind).iter().map(|s| s.name).collect();
            names.sort();
            names.dedup();
            assert_eq!(names.len(), specs(kind).len(), "{kind}");
            assert!(specs(kind).iter().all(|s| !s.zh.is_empty() && !s.en.is_empty()));
        }
    }

    #[test]
    fn fields_are_found_by_flag_name_and_label() {
        assert_eq!(spec_of(Kind::Member, "contact-name").unwrap().name, "contact_name");
        assert_eq!(spec_of(Kind::Member, "--unit-id").unwrap().name, "unit_id");
        assert_eq!(spec_of(Kind::Household, "户主").unwrap().name, "head");
        assert!(spec_of(Kind::Member, "colour").is_none());
    }

    #[test]
    fn a_fields_own_name_finds_that_field_and_no_other() {
        let slow = |kind: Kind, name: &str| {
            specs(kind).iter().find(|s| s.name == name || s.zh == name || s.en.eq_ignore_ascii_case(name))
        };
        for kind in Kind::ALL {
            for spec in specs(kind) {
                assert_eq!(spec_of(kind, spec.name), Some(spec), "{kind} {}", spec.name);
                assert_eq!(slow(kind, spec.name), Some(spec), "{kind} {}: a label of an earlier field", spec.name);
            }
        }
    }

    #[test]
    fn values_are_parsed_by_type() {
        let role = spec_of(Kind::Member, "role").unwrap();
        assert_eq!(parse_field(role, "兼职委员", today()), Ok(Value::from("part_time")));
        assert!(matches!(parse_field(role, "boss", today()), Err(Problem::BadChoice { .. })));
        let tags = spec_of(Kind::Household, "tags").unwrap();
        assert_eq!(parse_field(tags, "低保户、veteran", today()), Ok(serde_json::json!(["subsistence", "veteran"])));
        let date = spec_of(Kind::Visit, "date").unwrap();
        assert_eq!(parse_field(date, "-1", today()), Ok(Value::from("2026-11-28")));
        let sets = spec_of(Kind::Evaluation, "vote_sets").unwrap();
        assert!(parse_field(sets, "群众 12,3,1", today()).is_err());
        assert!(parse_field(sets, "群众 1,2,3,4；群众 1,2,3,4", today()).is_err(), "a set twice");
        let parsed = parse_field(sets, "代表：8、2、0、0 ; residents 12，3,1,0/45/42", today()).unwrap();
        assert_eq!(display_value(sets, &parsed, Lang::Zh), "群众 12,3,1,0/45/42；代表 8,2,0,0");
        assert_eq!(display_value(sets, &parsed, Lang::En), "residents 12,3,1,0/45/42; deputies 8,2,0,0");
    }

    #[test]
    fn phones_accept_office_forms_only() {
        for ok in ["13812341234", "0571-87654321", "+8613812341234", "(0571)87654321"] {
            assert!(is_phone(ok), "{ok}");
        }
        for bad in ["123", "1381234abcd", "138-1234-1234-1234-99", "电话"] {
            assert!(!is_phone(bad), "{bad}");
        }
    }
}

#[cfg(test)]
mod phone_tests {
    use super::is_new_phone;

    #[test]
    fn a_new_phone_is_a_mobile_a_landline_with_its_area_code_or_a_service_number() {
        for ok in [
            "13812341234",
            "138 1234 1234",
            "+86 138-1234-1234",
            "0571-87654321",
            "(010)12345678",
            "0571-87654321-123",
            "0571-87654321转8",
            "400-123-4567",
        ] {
            assert!(is_new_phone(ok), "{ok}");
        }
        for bad in [
            "1381234123",
            "1234567",
            "12812341234",
            "87654321",
            "0571-876",
            "abc",
            "0571-87654321-1234567",
            "00571-87654321",
        ] {
            assert!(!is_new_phone(bad), "{bad}");
        }
    }
}
