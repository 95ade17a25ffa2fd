//! Why a step of the meeting cycle was refused, said so that the clerk knows
//! what may be done instead.

use crate::i18n::Lang;
use crate::model::enums::{DemandStatus, MeetingStatus, Satisfaction};
use chrono::NaiveDate;

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WorkflowError {
    #[error("demand {id}: {from:?} cannot become {to:?}")]
    Transition { id: u64, from: DemandStatus, to: DemandStatus },
    #[error("meeting {id} is {status:?}, not planned")]
    NotPlanned { id: u64, status: MeetingStatus },
    #[error("meeting {meeting_id} has no topic {number}")]
    NoTopic { meeting_id: u64, number: usize, count: usize },
    #[error("topic {number} has no decision")]
    NoDecision { number: usize },
    #[error("{take}: already a topic of meeting {meeting_id}")]
    AlreadyTaken { meeting_id: u64, title: String, take: String },
    #[error("{first} and {second} make the same topic")]
    TakenTwice { title: String, first: String, second: String },
    #[error("demand {id} was followed up on {on}")]
    FollowedUp { id: u64, on: NaiveDate },
    #[error("task {id} was done on {on}")]
    TaskDone { id: u64, on: NaiveDate },
    #[error("a reason is required")]
    ReasonRequired(ReasonFor),
    #[error("{name:?} is not an account name")]
    BadAccount { name: String },
    /// 重办 follows an unsatisfied follow-up of a closed demand, nothing else.
    #[error("demand {id} cannot be reopened")]
    NotReopenable { id: u64, status: DemandStatus, satisfaction: Option<Satisfaction> },
    #[error("demand {id} is closed and cannot be referred")]
    ReferClosed { id: u64, status: DemandStatus },
    #[error("demand {id} was not referred to a department")]
    NotReferred { id: u64 },
    #[error("the department is required")]
    DepartmentRequired,
    /// `publish` while some evaluations lack what the 公示 shows.
    #[error("{period} cannot be published yet")]
    NotReadyToPublish { period: String, unready: Vec<crate::review::publication::Unready> },
    /// A published evaluation changes only after `unpublish`.
    #[error("evaluation {id} was published on {on}")]
    Locked { id: u64, on: NaiveDate },
    #[error("{period} was published on {on}")]
    AlreadyPublished { period: String, on: NaiveDate },
    #[error("{period} is not published")]
    NotPublished { period: String },
}

/// What a required reason is for, so that the refusal asks for the right one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReasonFor {
    Move,
    Reopening,
    Withdrawal,
}

/// Characters in an account name (Linux allows 32; directory services more).
pub const MAX_ACCOUNT: usize = 64;

/// Whether `name` can be a login name: what a role is granted to.
pub fn check_account(name: &str) -> Result<(), WorkflowError> {
    let bad = |c: char| c.is_control() || c.is_whitespace() || c == '/' || c == ':';
    match name.chars().count() {
        1..=MAX_ACCOUNT if !name.chars().any(bad) => Ok(()),
        _ => Err(WorkflowError::BadAccount { name: name.to_string() }),
    }
}

impl WorkflowError {
    pub fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            WorkflowError::Transition { id, from, to } => transition_message(*id, *from, *to, lang),
            WorkflowError::NotPlanned { id, status } => {
                let status = status.label(lang);
                if zh {
                    format!("议事会 {id} 的状态是“{status}”，只有“计划”中的会议才能改期")
                } else {
                    format!("Meeting {id} is {status}; only a planned meeting can be moved")
                }
            }
            WorkflowError::NoTopic { meeting_id, number, count } => {
                if zh {
                    format!("议事会 {meeting_id} 没有第 {number} 个议题（共 {count} 个，编号从 1 开始）")
                } else {
                    format!("Meeting {meeting_id} has no topic {number} (it has {count}, numbered from 1)")
                }
            }
            WorkflowError::NoDecision { number } => {
                if zh {
                    format!("议题 {number} 还没有决定事项，请先填写决定（--decision）")
                } else {
                    format!("Topic {number} has no decision yet; record the decision first (--decision)")
                }
            }
            WorkflowError::AlreadyTaken { meeting_id, title, take } => {
                if zh {
                    format!("{take}：“{title}”已是议事会 {meeting_id} 的议题；未作任何更改")
                } else {
                    format!("{take}: \"{title}\" is already a topic of meeting {meeting_id}; nothing was changed")
                }
            }
            WorkflowError::TakenTwice { title, first, second } => taken_twice(title, first, second, lang),
            WorkflowError::FollowedUp { id, on } => {
                if zh {
                    format!("诉求 {id} 已于 {on} 回访，不能重复回访")
                } else {
                    format!("Demand {id} was already followed up on {on}")
                }
            }
            WorkflowError::TaskDone { id, on } => {
                if zh {
                    format!("责任事项 {id} 已于 {on} 完成")
                } else {
                    format!("Task {id} was already done on {on}")
                }
            }
            WorkflowError::ReasonRequired(what) => match what {
                ReasonFor::Move => lang.pick("请写明改期原因（--reason）", "Give the reason for the move (--reason)"),
                ReasonFor::Reopening => {
                    lang.pick("请写明重办原因（--reason）", "Give the reason for reopening (--reason)")
                }
                ReasonFor::Withdrawal => {
                    lang.pick("请写明撤回公示的原因（--reason）", "Give the reason for withdrawing it (--reason)")
                }
            }
            .into(),
            WorkflowError::NotReopenable { id, status, satisfaction } => {
                reopen_refusal(*id, *status, *satisfaction, lang)
            }
            WorkflowError::ReferClosed { id, status } => {
                let status = status.label(lang);
                if zh {
                    format!("诉求 {id} 已是“{status}”，不能再转办；回访不满意的可先重办")
                } else {
                    format!("Demand {id} is {status} and cannot be referred; after an unsatisfied follow-up it can be reopened first")
                }
            }
            WorkflowError::NotReferred { id } => {
                if zh {
                    format!("诉求 {id} 尚未转办，不能记录部门答复；请先转办")
                } else {
                    format!("Demand {id} was not referred to a department; refer it before recording a reply")
                }
            }
            WorkflowError::NotReadyToPublish { period, unready } => {
                let list = crate::review::publication::unready_text(unready, lang);
                let n = unready.len();
                if zh {
                    format!("{period} 还不能公示：{n} 名委员的考评不完整——{list}。补齐后再公示")
                } else {
                    format!("{period} cannot be published yet: {n} evaluations are incomplete — {list}. Complete them, then publish")
                }
            }
            WorkflowError::Locked { id, on } => {
                if zh {
                    format!("考评 {id} 已于 {on} 公示，已锁定；如需更正，请管理员先撤回公示（silian unpublish 考评期 --reason 原因）")
                } else {
                    format!("Evaluation {id} was published on {on} and is locked; to correct it, an admin first withdraws the publication (silian unpublish PERIOD --reason …)")
                }
            }
            WorkflowError::AlreadyPublished { period, on } => {
                if zh {
                    format!(
                        "{period} 已于 {on} 公示；如需重新公示，请先撤回（silian unpublish {period} --reason 原因）"
                    )
                } else {
                    format!("{period} was published on {on}; to publish again, withdraw it first (silian unpublish {period} --reason …)")
                }
            }
            WorkflowError::NotPublished { period } => {
                if zh {
                    format!("{period} 尚未公示")
                } else {
                    format!("{period} is not published")
                }
            }
            WorkflowError::DepartmentRequired => {
                lang.pick("请写明转办的职能部门", "Name the department the demand is referred to").into()
            }
            WorkflowError::BadAccount { name } => {
                if zh {
                    format!(
                        "“{name}”不是有效的账号名：应为本机登录名，1 至 {MAX_ACCOUNT} 个字符，不含空格、控制字符和 / :"
                    )
                } else {
                    format!("\"{name}\" is not an account name: expected a login name of this machine, 1 to {MAX_ACCOUNT} characters, without spaces, control characters, / or :")
                }
            }
        }
    }
}

fn reopen_refusal(id: u64, status: DemandStatus, satisfaction: Option<Satisfaction>, lang: Lang) -> String {
    let closed = matches!(status, DemandStatus::Resolved | DemandStatus::Unresolvable);
    match (closed, satisfaction, lang) {
        (false, _, Lang::Zh) => format!("诉求 {id} 仍在办理（{}），不需要重办", status.label(lang)),
        (false, _, Lang::En) => format!("Demand {id} is still {}; there is nothing to reopen", status.label(lang)),
        (true, None, Lang::Zh) => format!("诉求 {id} 还没有回访；回访不满意后才能重办"),
        (true, None, Lang::En) => {
            format!("Demand {id} has no follow-up yet; it can be reopened after an unsatisfied one")
        }
        (true, Some(s), Lang::Zh) => format!("诉求 {id} 回访结果为“{}”，只有“不满意”才能重办", s.label(lang)),
        (true, Some(s), Lang::En) => {
            format!("Demand {id} was followed up as {}; only an unsatisfied follow-up can reopen it", s.label(lang))
        }
    }
}

fn taken_twice(title: &str, first: &str, second: &str, lang: Lang) -> String {
    let both = both_demands(first, second);
    let hint = match (&both, lang) {
        (Some(both), Lang::Zh) => format!("如属同一问题，可合为一个议题：--take {both}；"),
        (Some(both), Lang::En) => format!("if they are one issue, take them as one topic: --take {both}; "),
        (None, _) => String::new(),
    };
    match lang {
        Lang::Zh => format!("{first} 与 {second} 的议题同为“{title}”，只能列入一次；{hint}未作任何更改"),
        Lang::En => {
            format!("{first} and {second} would both be the topic \"{title}\", which is taken once; {hint}nothing was changed")
        }
    }
}

/// `demand:1+2` from `demand:1` and `demand:2`, when both take demands and differ.
fn both_demands(first: &str, second: &str) -> Option<String> {
    let a = first.strip_prefix("demand:")?;
    let b = second.strip_prefix("demand:")?;
    let mut ids: Vec<&str> = Vec::new();
    for id in a.split('+').chain(b.split('+')) {
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    (a != b).then(|| format!("demand:{}", ids.join("+")))
}

fn transition_message(id: u64, from: DemandStatus, to: DemandStatus, lang: Lang) -> String {
    let next = super::lifecycle::next_states(from);
    let names: Vec<String> = next.iter().map(|s| format!("{} ({})", s.label(lang), s.id())).collect();
    let (from_l, to_l) = (from.label(lang), to.label(lang));
    match (lang, names.is_empty()) {
        (Lang::Zh, true) => format!(
            "诉求 {id} 已是“{from_l}”，不能再改为“{to_l}”；此状态之后不能再变更（可登记回访，回访不满意的可重办）"
        ),
        (Lang::Zh, false) => {
            format!("诉求 {id} 的状态不能从“{from_l}”改为“{to_l}”；可改为：{}", names.join("、"))
        }
        (Lang::En, true) => {
            format!(
                "Demand {id} is {from_l}; it cannot become {to_l}: no state may follow (a follow-up can be recorded, and an unsatisfied one can reopen it)"
            )
        }
        (Lang::En, false) => {
            format!("Demand {id} cannot go from {from_l} to {to_l}; it may become: {}", names.join(", "))
        }
    }
}
