//! 考评: a member's yearly or half-yearly 双述双评 evaluation.

use super::enums::{Grade, Recommendation, VoteSetKind};
use super::error::{FieldError, Problem};
use super::fields::{FieldSpec as F, FieldType::*};
use super::kind::Kind;
use super::period::Period;
use super::record::{opt_ref, IndexValue, RecordData, Ref};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The democratic rating (民主测评) tallies.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Votes {
    pub excellent: u32,
    pub competent: u32,
    pub basic: u32,
    pub incompetent: u32,
}

impl Votes {
    pub fn total(&self) -> u32 {
        self.excellent + self.competent + self.basic + self.incompetent
    }
}

/// One set of ballots (民主测评票) — of residents, deputies or the committee:
/// the four tallies, and how many ballots were issued (发出) and returned (收回).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoteSet {
    pub excellent: u32,
    pub competent: u32,
    pub basic: u32,
    pub incompetent: u32,
    #[serde(default)]
    pub issued: Option<u32>,
    #[serde(default)]
    pub returned: Option<u32>,
}

impl VoteSet {
    pub fn votes(&self) -> Votes {
        Votes { excellent: self.excellent, competent: self.competent, basic: self.basic, incompetent: self.incompetent }
    }

    /// A set of tallies whose ballots were not counted (a set written before
    /// ballots were).
    pub fn of(v: Votes) -> VoteSet {
        VoteSet {
            excellent: v.excellent,
            competent: v.competent,
            basic: v.basic,
            incompetent: v.incompetent,
            issued: None,
            returned: None,
        }
    }

    /// What is wrong with its ballot counts: more returned than issued, or
    /// more votes than ballots returned (or issued, when returned is not known).
    pub fn ballot_problem(&self) -> Option<&'static str> {
        let counted = self.votes().total();
        match (self.issued, self.returned) {
            (Some(i), Some(r)) if r > i => Some("returned_over_issued"),
            (_, Some(r)) if counted > r => Some("votes_over_returned"),
            (Some(i), None) if counted > i => Some("votes_over_issued"),
            _ => None,
        }
    }
}

/// The evaluation's vote sets, by whose ballots they are.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoteSets {
    #[serde(default)]
    pub residents: Option<VoteSet>,
    #[serde(default)]
    pub deputies: Option<VoteSet>,
    #[serde(default)]
    pub committee: Option<VoteSet>,
}

impl VoteSets {
    pub fn get(&self, kind: VoteSetKind) -> Option<&VoteSet> {
        match kind {
            VoteSetKind::Residents => self.residents.as_ref(),
            VoteSetKind::Deputies => self.deputies.as_ref(),
            VoteSetKind::Committee => self.committee.as_ref(),
        }
    }

    pub fn set(&mut self, kind: VoteSetKind, set: Option<VoteSet>) {
        match kind {
            VoteSetKind::Residents => self.residents = set,
            VoteSetKind::Deputies => self.deputies = set,
            VoteSetKind::Committee => self.committee = set,
        }
    }

    /// The sets recorded, in the order residents, deputies, committee.
    pub fn present(&self) -> impl Iterator<Item = (VoteSetKind, &VoteSet)> {
        VoteSetKind::ALL.iter().filter_map(|k| self.get(*k).map(|s| (*k, s)))
    }

    pub fn is_empty(&self) -> bool {
        self.present().next().is_none()
    }

    /// As typed: `群众 12,3,1,0/45/42；代表 8,2,0,0`, the sets in `low` marked
    /// `（收回率低）` / ` (low turnout)`. The one way vote sets read, in
    /// forms, lists, exports and the evaluations listing.
    pub fn text(&self, lang: crate::i18n::Lang, low: &[VoteSetKind]) -> String {
        let sets: Vec<String> = self
            .present()
            .map(|(kind, set)| {
                let ballots = match (set.issued, set.returned) {
                    (Some(i), Some(r)) => format!("/{i}/{r}"),
                    (Some(i), None) => format!("/{i}"),
                    _ => String::new(),
                };
                let mark = if low.contains(&kind) { lang.pick("（收回率低）", " (low turnout)") } else { "" };
                let (e, c, b, i) = (set.excellent, set.competent, set.basic, set.incompetent);
                format!("{} {e},{c},{b},{i}{ballots}{mark}", kind.label(lang))
            })
            .collect();
        sets.join(lang.pick("；", "; "))
    }

    /// All sets' tallies added up, for a plain count of votes.
    pub fn all_votes(&self) -> Votes {
        self.present().fold(Votes::default(), |acc, (_, s)| Votes {
            excellent: acc.excellent + s.excellent,
            competent: acc.competent + s.competent,
            basic: acc.basic + s.basic,
            incompetent: acc.incompetent + s.incompetent,
        })
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evaluation {
    pub member_id: u64,
    pub period: Period,
    pub committee_report_on: Option<NaiveDate>,
    pub leader_comment: String,
    pub deputies_report_on: Option<NaiveDate>,
    pub vote_sets: VoteSets,
    /// The recorded grade; when empty the grade follows from the votes.
    pub grade: Option<Grade>,
    pub grade_reason: String,
    /// Set by the 公示; a published evaluation is locked until unpublished.
    pub published_on: Option<NaiveDate>,
    pub fed_back_city_on: Option<NaiveDate>,
    pub fed_back_district_on: Option<NaiveDate>,
    pub notes: String,
    /// The leader who commented (点评) at the committee session.
    #[serde(default)]
    pub leader: String,
    #[serde(default = "no_recommendation")]
    pub recommendation: Recommendation,
    #[serde(default)]
    pub recommendation_reason: String,
    /// The 公示期.
    #[serde(default)]
    pub publicity_from: Option<NaiveDate>,
    #[serde(default)]
    pub publicity_to: Option<NaiveDate>,
}

fn no_recommendation() -> Recommendation {
    Recommendation::None
}

impl Evaluation {
    /// The evaluation of a member for a period before anything is entered.
    pub fn blank(member_id: u64, period: Period) -> Evaluation {
        Evaluation {
            member_id,
            period,
            committee_report_on: None,
            leader_comment: String::new(),
            deputies_report_on: None,
            vote_sets: VoteSets::default(),
            grade: None,
            grade_reason: String::new(),
            published_on: None,
            fed_back_city_on: None,
            fed_back_district_on: None,
            notes: String::new(),
            leader: String::new(),
            recommendation: Recommendation::None,
            recommendation_reason: String::new(),
            publicity_from: None,
            publicity_to: None,
        }
    }

    /// Published, so locked: a change waits for `unpublish`.
    pub fn is_locked(&self) -> bool {
        self.published_on.is_some()
    }
}

pub const FIELDS: &[F] = &[
    F::new("member_id", "委员", "Member", Ref(Kind::Member)).required(),
    F::new("period", "考评期", "Period", Period).required(),
    F::new("committee_report_on", "向大工委述职日期", "Reported to committee on", Date).past(),
    F::new("leader_comment", "领导点评", "Leaders' comment", LongText { max: 2000 }),
    F::new("deputies_report_on", "向两代表一委员述职日期", "Reported to deputies on", Date).past(),
    F::new("leader", "点评领导", "Commenting leader", Text { max: 40 }),
    F::new("vote_sets", "测评票", "Vote sets", VoteSets),
    F::new("grade", "等次", "Grade", Choice(Grade::CHOICES)),
    F::new("grade_reason", "等次说明", "Grade reason", Text { max: 200 }),
    F::new("recommendation", "推荐", "Recommendation", Choice(Recommendation::CHOICES)).default_to("none"),
    F::new("recommendation_reason", "推荐理由", "Why recommended", Text { max: 200 }),
    F::new("published_on", "公示日期", "Published on", Date).past(),
    F::new("publicity_from", "公示期起", "Publicity from", Date),
    F::new("publicity_to", "公示期止", "Publicity to", Date),
    F::new("fed_back_city_on", "报市委组织部日期", "Fed back to city on", Date).past(),
    F::new("fed_back_district_on", "报区委组织部日期", "Fed back to district on", Date).past(),
    F::new("notes", "备注", "Notes", LongText { max: 2000 }),
];

impl RecordData for Evaluation {
    fn free_text_mut(&mut self) -> Vec<&mut String> {
        vec![&mut self.leader_comment, &mut self.notes, &mut self.leader, &mut self.recommendation_reason]
    }

    const KIND: Kind = Kind::Evaluation;

    fn check(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        for (kind, set) in self.vote_sets.present() {
            if let Some(what) = set.ballot_problem() {
                let problem = Problem::BadBallots { set: kind.id(), what };
                errors.push(FieldError::new(Kind::Evaluation, "vote_sets", problem));
            }
        }
        if self.recommendation != Recommendation::None && self.recommendation_reason.trim().is_empty() {
            let status = self.recommendation.id();
            errors.push(FieldError::new(
                Kind::Evaluation,
                "recommendation_reason",
                Problem::NeedsWhenStatus { status },
            ));
        }
        if let (Some(from), Some(to)) = (self.publicity_from, self.publicity_to) {
            if to < from {
                errors.push(FieldError::new(
                    Kind::Evaluation,
                    "publicity_to",
                    Problem::NotBefore { other: "publicity_from" },
                ));
            }
        }
        errors
    }

    fn refs(&self) -> Vec<Ref> {
        opt_ref("member_id", Kind::Member, Some(self.member_id)).into_iter().collect()
    }

    fn extra_index(&self) -> Vec<IndexValue> {
        vec![IndexValue::Period(self.period.to_string())]
    }

    fn label(&self) -> String {
        self.period.to_string()
    }
}
