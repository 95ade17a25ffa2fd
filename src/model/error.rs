//! What can be wrong with a record's fields, said so that a clerk knows which
//! field and what is expected, in either language.

use super::choice::Choice;
use super::fields::spec_of;
use super::kind::Kind;
use crate::i18n::Lang;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    Required,
    UnknownField {
        known: Vec<&'static str>,
    },
    TooLong {
        max: usize,
        len: usize,
    },
    ControlChar,
    BadDate {
        value: String,
    },
    DateOutOfRange {
        value: String,
    },
    BadPhone {
        value: String,
    },
    BadCount {
        value: String,
        max: u32,
    },
    BadChoice {
        value: String,
        choices: &'static [Choice],
    },
    BadId {
        value: String,
    },
    BadQuarter {
        value: String,
    },
    BadPeriod {
        value: String,
    },
    /// Vote sets not written as `群众 12,3,1,0/45/42；代表 …`.
    BadVoteSets {
        value: String,
        reason: &'static str,
    },
    /// A vote set's ballots do not add up (`what`: which way).
    BadBallots {
        set: &'static str,
        what: &'static str,
    },
    BadJson {
        value: String,
        reason: String,
    },
    NotFound {
        kind: Kind,
        id: u64,
    },
    ArchivedRef {
        kind: Kind,
        id: u64,
    },
    /// Visits and demands concern exactly one household, unit, community or visitor.
    OneTarget,
    NeedsWhenStatus {
        status: &'static str,
    },
    NotBefore {
        other: &'static str,
    },
    NotAfter {
        other: &'static str,
    },
    /// A reopening (重办) whose round was followed up as anything but unsatisfied.
    ReopenedWhenSatisfied,
    OnlyWhenClosed,
    NeedsField {
        other: &'static str,
    },
    QuarterMismatch {
        date_quarter: String,
    },
    Duplicate {
        value: String,
    },
    /// The date of something that has happened, later than today.
    InFuture {
        value: String,
        today: String,
    },
    /// A date written as one that no calendar has (2026-02-30).
    NoSuchDate {
        value: String,
    },
    /// A composite field or one of its items is not a list of items.
    NotAList,
    /// A part of an item that should be text is something else.
    NotText {
        value: String,
    },
    /// An item names a part its kind does not have.
    UnknownPart {
        key: String,
        known: Vec<&'static str>,
    },
    /// A problem with one part of one item of a composite field (items count from 1).
    InItem {
        item: usize,
        part: &'static str,
        problem: Box<Problem>,
    },
    /// A grade typed by hand that the votes do not give, without a reason.
    HandGradeNeedsReason {
        grade: super::enums::Grade,
        computed: Option<super::enums::Grade>,
    },
    /// Deputies and resident representatives attend only a session reporting to the deputies.
    OnlyAtDeputiesSession,
    /// A reporting session before the period it reports on has begun.
    BeforePeriod {
        period: String,
        first_day: String,
    },
}

/// A problem with one field of one record kind.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{kind}.{field}: {problem:?}")]
pub struct FieldError {
    pub kind: Kind,
    pub field: String,
    pub problem: Problem,
}

impl Problem {
    pub fn in_item(item: usize, part: &'static str, problem: Problem) -> Problem {
        Problem::InItem { item, part, problem: Box::new(problem) }
    }
}

impl FieldError {
    pub fn new(kind: Kind, field: impl Into<String>, problem: Problem) -> Self {
        FieldError { kind, field: field.into(), problem }
    }

    pub fn message(&self, lang: Lang) -> String {
        let label = spec_of(self.kind, &self.field).map(|s| s.label(lang)).unwrap_or(self.field.as_str());
        let head = match lang {
            Lang::Zh => format!("{}{}（{}）", self.kind.label(lang), label, self.field),
            Lang::En => format!("{} {}", self.kind.label(lang), self.field),
        };
        let sep = lang.pick("：", ": ");
        format!("{head}{sep}{}", self.problem.describe(self.kind, lang))
    }
}

fn field_label(kind: Kind, field: &str, lang: Lang) -> String {
    match spec_of(kind, field) {
        Some(s) if lang == Lang::Zh => format!("{}（{}）", s.label(lang), field),
        _ => field.to_string(),
    }
}

impl Problem {
    /// What is wrong and what is expected.
    pub fn describe(&self, kind: Kind, lang: Lang) -> String {
        use Problem::*;
        let zh = lang == Lang::Zh;
        match self {
            Required => lang.pick("必填，不能为空", "is required").into(),
            UnknownField { known } => {
                let known = known.iter().map(|k| format!("--{}", k.replace('_', "-"))).collect::<Vec<_>>().join(" ");
                if zh {
                    format!("没有这个字段；可用字段：{known}")
                } else {
                    format!("no such field; fields are: {known}")
                }
            }
            TooLong { max, len } => {
                if zh {
                    format!("太长（{len} 个字），最多 {max} 个字")
                } else {
                    format!("is too long ({len} characters); at most {max}")
                }
            }
            ControlChar => {
                lang.pick("含有控制字符，请只填写可见文字", "contains control characters; use visible text only").into()
            }
            InFuture { value, today } => {
                if zh {
                    format!("{value} 晚于今天（{today}）：已发生的事只能填今天或以前的日期")
                } else {
                    format!("{value} is after today ({today}): what has happened takes today or an earlier date")
                }
            }
            NoSuchDate { value } => {
                if zh {
                    format!("{value} 不存在（那个月没有这一天）")
                } else {
                    format!("{value} does not exist (the month has no such day)")
                }
            }
            NotAList => {
                lang.pick("应为由若干项组成的列表，如 [{…}, {…}]", "expected a list of items, e.g. [{…}, {…}]").into()
            }
            NotText { value } => {
                if zh {
                    format!("{value} 应为文字")
                } else {
                    format!("{value} should be text")
                }
            }
            UnknownPart { key, known } => {
                let known = known.join(", ");
                if zh {
                    format!("没有“{key}”这一部分；可用：{known}")
                } else {
                    format!("has no part \"{key}\"; parts are: {known}")
                }
            }
            InItem { item, part, problem } => {
                let inner = problem.describe(kind, lang);
                let part = if part.is_empty() { String::new() } else { super::composite::part_label(part, lang) };
                match (zh, part.is_empty()) {
                    (true, true) => format!("第 {item} 项：{inner}"),
                    (true, false) => format!("第 {item} 项 {part}：{inner}"),
                    (false, true) => format!("item {item}: {inner}"),
                    (false, false) => format!("item {item}, {part}: {inner}"),
                }
            }
            BadDate { value } => {
                if zh {
                    format!("\"{value}\" 不是日期，应为 YYYY-MM-DD（如 2026-11-29），或 11-29、t（今天）、-1（昨天）")
                } else {
                    format!("\"{value}\" is not a date; expected YYYY-MM-DD (e.g. 2026-11-29), or 11-29, t (today), -1 (yesterday)")
                }
            }
            DateOutOfRange { value } => {
                if zh {
                    format!("日期 {value} 不在 1990 至 2100 年之间")
                } else {
                    format!("date {value} is not between 1990 and 2100")
                }
            }
            BadPhone { value } => {
                if zh {
                    format!("\"{value}\" 不是电话号码，应为 11 位手机号（如 13812341234）或带区号的固定电话（如 0571-87654321，分机写 -123 或 转123）")
                } else {
                    format!("\"{value}\" is not a phone number; expected an 11-digit mobile (e.g. 13812341234) or a landline with its area code (e.g. 0571-87654321, extension as -123)")
                }
            }
            BadCount { value, max } => {
                if zh {
                    format!("\"{value}\" 不是 0 至 {max} 之间的整数")
                } else {
                    format!("\"{value}\" is not a whole number from 0 to {max}")
                }
            }
            BadChoice { value, choices } => {
                let all = Choice::describe_all(choices, lang);
                if zh {
                    format!("\"{value}\" 不是可选值；应为：{all}")
                } else {
                    format!("\"{value}\" is not allowed; expected one of: {all}")
                }
            }
            BadId { value } => {
                if zh {
                    format!("\"{value}\" 不是记录编号，应为正整数（多个用逗号分隔）")
                } else {
                    format!("\"{value}\" is not a record id; expected a positive whole number (several separated by commas)")
                }
            }
            BadQuarter { value } => {
                if zh {
                    format!("\"{value}\" 不是季度，应为 2026Q4 这样的形式")
                } else {
                    format!("\"{value}\" is not a quarter; expected e.g. 2026Q4")
                }
            }
            BadPeriod { value } => {
                if zh {
                    format!("\"{value}\" 不是考评期，应为 2026（全年）或 2026H1、2026H2（半年）")
                } else {
                    format!("\"{value}\" is not a period; expected 2026 (a year) or 2026H1, 2026H2 (a half)")
                }
            }
            BadVoteSets { value, reason } => vote_sets_message(value, reason, lang),
            BadBallots { set, what } => ballots_message(set, what, lang),
            BadJson { value, reason } => {
                if zh {
                    format!("\"{value}\" 不是有效的 JSON（{reason}）")
                } else {
                    format!("\"{value}\" is not valid JSON ({reason})")
                }
            }
            NotFound { kind: k, id } => {
                if zh {
                    format!("找不到编号为 {id} 的{}", k.label(lang))
                } else {
                    format!("there is no {} with id {id}", k.label(lang))
                }
            }
            ArchivedRef { kind: k, id } => {
                if zh {
                    format!("{} {id} 已归档，请先恢复或另选", k.label(lang))
                } else {
                    format!("{} {id} is archived; unarchive it or choose another", k.label(lang))
                }
            }
            OneTarget => lang
                .pick(
                    "联系户、单位、社区、来访人 须填且只填一项（来访人可同时注明所在社区）",
                    "give exactly one of household_id, unit_id, community_id or visitor (a visitor may come with their community_id)",
                )
                .into(),
            NeedsWhenStatus { status } => {
                if zh {
                    format!("状态为 {status} 时必填")
                } else {
                    format!("is required when the status is {status}")
                }
            }
            NotBefore { other } => {
                let other = field_label(kind, other, lang);
                if zh {
                    format!("不能早于 {other}")
                } else {
                    format!("cannot be before {other}")
                }
            }
            NotAfter { other } => {
                let other = field_label(kind, other, lang);
                if zh {
                    format!("不能晚于 {other}")
                } else {
                    format!("cannot be after {other}")
                }
            }
            ReopenedWhenSatisfied => lang
                .pick(
                    "每次重办都应在回访“不满意”之后（上轮满意度应为 unsatisfied 或留空）",
                    "a demand is reopened only after an unsatisfied follow-up (the round's satisfaction must be unsatisfied or empty)",
                )
                .into(),
            OnlyWhenClosed => lang
                .pick(
                    "只有已办结或无法解决的诉求才能回访",
                    "only a resolved or unresolvable demand can have a follow-up",
                )
                .into(),
            NeedsField { other } => {
                let other = field_label(kind, other, lang);
                if zh {
                    format!("需要先填写 {other}")
                } else {
                    format!("needs {other} to be set first")
                }
            }
            QuarterMismatch { date_quarter } => {
                if zh {
                    format!("与日期所在季度 {date_quarter} 不符")
                } else {
                    format!("does not match the quarter of the date, {date_quarter}")
                }
            }
            Duplicate { value } => {
                if zh {
                    format!("\"{value}\" 重复")
                } else {
                    format!("\"{value}\" is repeated")
                }
            }
            OnlyAtDeputiesSession => lang
                .pick(
                    "只有“向两代表一委员述职”的述职会才有到会代表委员和群众代表；向大工委述职的请留空",
                    "only a session reporting to the deputies (kind deputies) has deputies and resident representatives present; leave it empty for a committee session",
                )
                .into(),
            BeforePeriod { period, first_day } => {
                if zh {
                    format!("早于考评期 {period} 的开始（{first_day}）：述职会在考评期开始之后召开")
                } else {
                    format!("is before the period {period} begins ({first_day}): a period is reported on once it has begun")
                }
            }
            HandGradeNeedsReason { grade, computed } => {
                let by_votes = computed.map_or(lang.pick("无等次", "no grade"), |g| g.label(lang));
                if zh {
                    format!(
                        "手工设定的等次“{}”与测评票数得出的“{by_votes}”不同，须填写等次说明（grade_reason）",
                        grade.label(lang)
                    )
                } else {
                    format!("the grade {} set by hand differs from the grade the votes give ({by_votes}); a grade set by hand needs a reason in grade_reason", grade.label(lang))
                }
            }
        }
    }
}

/// Several field errors found at once, reported together.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{} invalid field(s)", .0.len())]
pub struct Invalid(pub Vec<FieldError>);

impl Invalid {
    pub fn message(&self, lang: Lang) -> String {
        self.0.iter().map(|e| e.message(lang)).collect::<Vec<_>>().join("\n")
    }
}

fn vote_sets_message(value: &str, reason: &str, lang: Lang) -> String {
    let why = match (reason, lang) {
        ("set", Lang::Zh) => "每组票须以 群众、代表 或 大工委 开头",
        ("set", Lang::En) => "each set starts with residents, deputies or committee",
        ("twice", Lang::Zh) => "同一组票写了两次",
        ("twice", Lang::En) => "a set is given twice",
        ("ballots", Lang::Zh) => "发出、收回票数应为整数，写在 /45/42 的位置",
        ("ballots", Lang::En) => "ballots issued and returned are whole numbers, written /45/42",
        (_, Lang::Zh) => "票数应为 优秀,称职,基本称职,不称职 四个整数",
        (_, Lang::En) => "the tallies are four whole numbers: excellent,competent,basic,incompetent",
    };
    match lang {
        Lang::Zh => format!("\"{value}\" 无法识别为测评票：{why}；应写作 群众 12,3,1,0/45/42；代表 8,2,0,0/10/10（/发出/收回 可省略）"),
        Lang::En => format!("\"{value}\" is not a set of vote tallies: {why}; expected e.g. residents 12,3,1,0/45/42; deputies 8,2,0,0/10/10 (/issued/returned may be left out)"),
    }
}

fn ballots_message(set: &str, what: &str, lang: Lang) -> String {
    let name = crate::model::enums::VoteSetKind::parse(set).map_or(set, |k| k.label(lang));
    match (what, lang) {
        ("returned_over_issued", Lang::Zh) => format!("{name}票：收回票数多于发出票数"),
        ("returned_over_issued", Lang::En) => format!("{name} ballots: more returned than issued"),
        ("votes_over_issued", Lang::Zh) => format!("{name}票：票数合计多于发出票数"),
        ("votes_over_issued", Lang::En) => format!("{name} ballots: more votes than ballots issued"),
        (_, Lang::Zh) => format!("{name}票：票数合计多于收回票数"),
        (_, Lang::En) => format!("{name} ballots: more votes than ballots returned"),
    }
}
