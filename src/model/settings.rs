//! The street's settings: its name and the numbers the rules use.

use super::enums::{DemandCategory, Role, VoteSetKind};
use crate::i18n::Lang;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// An exact share such as 1/3, so that thresholds hold at their boundaries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Share {
    pub num: u32,
    pub den: u32,
}

impl Share {
    pub const fn new(num: u32, den: u32) -> Share {
        Share { num, den }
    }

    /// `part / whole >= self`, in integers.
    pub fn reached_by(self, part: u32, whole: u32) -> bool {
        u64::from(part) * u64::from(self.den) >= u64::from(self.num) * u64::from(whole)
    }
}

impl fmt::Display for Share {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.num, self.den)
    }
}

impl FromStr for Share {
    type Err = ();

    /// `1/3`, `50%` or `0.5`; between 0 and 1.
    fn from_str(s: &str) -> Result<Self, ()> {
        let s = s.trim();
        let share = if let Some((n, d)) = s.split_once('/') {
            Share::new(n.trim().parse().map_err(|_| ())?, d.trim().parse().map_err(|_| ())?)
        } else if let Some(p) = s.strip_suffix('%') {
            Share::new(p.trim().parse().map_err(|_| ())?, 100)
        } else {
            let f: f64 = s.parse().map_err(|_| ())?;
            Share::new((f * 10_000.0).round() as u32, 10_000)
        };
        (share.den > 0 && share.num <= share.den).then_some(share).ok_or(())
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GradeRule {
    /// Incompetent votes at or above this share → 不称职.
    pub incompetent: Share,
    /// Excellent + competent below this share → 基本称职.
    pub pass: Share,
    /// Excellent at or above this share → 优秀.
    pub excellent: Share,
}

impl Default for GradeRule {
    fn default() -> Self {
        GradeRule { incompetent: Share::new(1, 3), pass: Share::new(2, 3), excellent: Share::new(1, 2) }
    }
}

/// How much each vote set counts towards the grade. By default residents
/// and deputies count half each and the committee nothing: the plan's 民主测评
/// is by residents and deputies; the committee's part is the leader's comment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoteWeights {
    pub residents: Share,
    pub deputies: Share,
    pub committee: Share,
}

impl Default for VoteWeights {
    fn default() -> Self {
        VoteWeights { residents: Share::new(1, 2), deputies: Share::new(1, 2), committee: Share::new(0, 1) }
    }
}

impl VoteWeights {
    pub fn of(&self, kind: VoteSetKind) -> Share {
        match kind {
            VoteSetKind::Residents => self.residents,
            VoteSetKind::Deputies => self.deputies,
            VoteSetKind::Committee => self.committee,
        }
    }

    fn set(&mut self, kind: VoteSetKind, weight: Share) {
        match kind {
            VoteSetKind::Residents => self.residents = weight,
            VoteSetKind::Deputies => self.deputies = weight,
            VoteSetKind::Committee => self.committee = weight,
        }
    }
}

fn default_min_turnout() -> Share {
    Share::new(2, 3)
}

fn default_evaluated_roles() -> Vec<Role> {
    vec![Role::PartTime]
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    pub street_name: String,
    pub households_per_member: u32,
    pub visit_cycle_days: u32,
    pub demand_due_days: u32,
    pub grade_rule: GradeRule,
    /// Days a demand of these categories may stay open, where they differ
    /// from `demand_due_days` (a safety matter sooner than an enterprise's).
    #[serde(default)]
    pub demand_due_days_by_category: Vec<(DemandCategory, u32)>,
    /// Days between a contact person's regular reports (定期汇报) to their member.
    // Backups written before the setting existed restore with the default.
    #[serde(default = "default_report_cycle_days")]
    pub report_cycle_days: u32,
    #[serde(default)]
    pub vote_weights: VoteWeights,
    /// Ballots returned over issued below which a vote set is flagged.
    #[serde(default = "default_min_turnout")]
    pub min_turnout: Share,
    /// The roles `evaluate` creates evaluations for: the plan evaluates the 兼职委员.
    #[serde(default = "default_evaluated_roles")]
    pub evaluated_roles: Vec<Role>,
    /// The 落款 of documents (e.g. 中共××街道工作委员会); empty: the street's name and 党工委.
    #[serde(default)]
    pub issuing_body: String,
    /// Where objections to a 公示 go (e.g. 街道党政办 0571-12345678).
    #[serde(default)]
    pub objection_contact: String,
}

fn default_report_cycle_days() -> u32 {
    30
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            street_name: String::new(),
            households_per_member: 10,
            visit_cycle_days: 90,
            demand_due_days: 30,
            grade_rule: GradeRule::default(),
            demand_due_days_by_category: Vec::new(),
            report_cycle_days: default_report_cycle_days(),
            vote_weights: VoteWeights::default(),
            min_turnout: default_min_turnout(),
            evaluated_roles: default_evaluated_roles(),
            issuing_body: String::new(),
            objection_contact: String::new(),
        }
    }
}

/// The settings a user can set by name, in the order they are listed.
pub const SETTING_KEYS: [&str; 14] = [
    "street_name",
    "households_per_member",
    "visit_cycle_days",
    "demand_due_days",
    "demand_due_days_by_category",
    "report_cycle_days",
    "grade_incompetent_share",
    "grade_pass_share",
    "grade_excellent_share",
    "vote_weights",
    "min_turnout",
    "evaluated_roles",
    "issuing_body",
    "objection_contact",
];

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum SettingError {
    #[error("unknown setting {0}")]
    Unknown(String),
    #[error("bad value {value} for {key}")]
    BadValue { key: &'static str, value: String },
}

impl SettingError {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (SettingError::Unknown(k), Lang::Zh) => format!("没有设置项 \"{k}\"；可用：{}", SETTING_KEYS.join("、")),
            (SettingError::Unknown(k), Lang::En) => {
                format!("no setting \"{k}\"; settings are: {}", SETTING_KEYS.join(", "))
            }
            (SettingError::BadValue { key, value }, _) => {
                let expected = expected_value(key, lang);
                match lang {
                    Lang::Zh => format!("设置项 {key} 的值 \"{value}\" 无效，应为{expected}"),
                    Lang::En => format!("\"{value}\" is not valid for {key}; expected {expected}"),
                }
            }
        }
    }
}

fn expected_value(key: &str, lang: Lang) -> &'static str {
    match key {
        "street_name" => lang.pick("不超过 40 个字的名称", "a name of at most 40 characters"),
        "issuing_body" | "objection_contact" => lang.pick("不超过 60 个字的一行文字", "one line of at most 60 characters"),
        "vote_weights" => lang.pick(
            "各组票的权重，如 群众=1/2,代表=1/2,大工委=0（至少一组大于 0）",
            "each set's weight, e.g. residents=1/2,deputies=1/2,committee=0 (at least one above 0)",
        ),
        "evaluated_roles" => lang.pick(
            "参加考评的职务，用逗号分隔，如 part_time 或 兼职委员,专职委员",
            "the roles evaluated, separated by commas, e.g. part_time or part_time,full_time",
        ),
        k if k.ends_with("_share") || k == "min_turnout" => {
            lang.pick("0 到 1 之间的比例，如 1/3、50%、0.5", "a share from 0 to 1, e.g. 1/3, 50%, 0.5")
        }
        "demand_due_days_by_category" => lang.pick(
            "类别=天数，用逗号分隔，如 safety=7,环境卫生=15（天数 1 到 3650；留空则都按 demand_due_days）",
            "category=days separated by commas, e.g. safety=7,environment=15 (days 1 to 3650; empty: all use demand_due_days)",
        ),
        _ => lang.pick("1 到 3650 之间的整数", "a whole number from 1 to 3650"),
    }
}

/// `群众=1/2,代表=1/2,大工委=0` over the current weights; `None` when a part
/// is not a set and a share, or every weight would be 0.
fn parse_weights(value: &str, current: VoteWeights) -> Option<VoteWeights> {
    let mut weights = current;
    for part in value.split([',', '，', ';', '；']).map(str::trim).filter(|p| !p.is_empty()) {
        let (set, share) = part.split_once(['=', '＝', ':', '：'])?;
        weights.set(VoteSetKind::parse(set.trim())?, share.parse().ok()?);
    }
    VoteSetKind::ALL.iter().any(|k| weights.of(*k).num > 0).then_some(weights)
}

/// `part_time,full_time` (ids or labels); `None` when empty or a part is not a role.
fn parse_roles(value: &str) -> Option<Vec<Role>> {
    let mut roles: Vec<Role> = value
        .split([',', '，', '、', ';', '；', ' '])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(Role::parse)
        .collect::<Option<_>>()?;
    roles.sort();
    roles.dedup();
    (!roles.is_empty()).then_some(roles)
}

/// `safety=7,环境卫生=15` → the categories and their days; `None` when any
/// part is not a known category and a day count from 1 to 3650.
fn parse_due_days_by_category(value: &str) -> Option<Vec<(DemandCategory, u32)>> {
    let mut found: Vec<(DemandCategory, u32)> = Vec::new();
    for part in value.split([',', '，', ';', '；']).map(str::trim).filter(|p| !p.is_empty()) {
        let (category, days) = part.split_once(['=', '＝', ':', '：'])?;
        let category = DemandCategory::parse(category.trim())?;
        let days = days.trim().parse::<u32>().ok().filter(|n| (1..=3650).contains(n))?;
        found.retain(|(c, _)| *c != category);
        found.push((category, days));
    }
    found.sort_by_key(|(c, _)| *c);
    Some(found)
}

/// `value` trimmed, when it is one line of at most `max` characters.
fn one_line(value: &str, max: usize) -> Option<String> {
    let value = value.trim();
    (value.chars().count() <= max && !value.chars().any(char::is_control)).then(|| value.to_string())
}

impl Settings {
    /// Who signs documents (落款): `issuing_body`, else the street's name
    /// and 党工委; `None` when neither is set.
    pub fn signing_body(&self) -> Option<String> {
        match (self.issuing_body.is_empty(), self.street_name.is_empty()) {
            (false, _) => Some(self.issuing_body.clone()),
            (true, false) => Some(format!("{}党工委", self.street_name)),
            (true, true) => None,
        }
    }

    /// Days a demand of `category` may stay open before it is overdue.
    pub fn demand_due_days_for(&self, category: DemandCategory) -> u32 {
        let special = self.demand_due_days_by_category.iter().find(|(c, _)| *c == category);
        special.map_or(self.demand_due_days, |(_, days)| *days)
    }

    pub fn get(&self, key: &str) -> Option<String> {
        Some(match key {
            "street_name" => self.street_name.clone(),
            "households_per_member" => self.households_per_member.to_string(),
            "visit_cycle_days" => self.visit_cycle_days.to_string(),
            "demand_due_days" => self.demand_due_days.to_string(),
            "demand_due_days_by_category" => self
                .demand_due_days_by_category
                .iter()
                .map(|(c, days)| format!("{}={days}", c.id()))
                .collect::<Vec<_>>()
                .join(","),
            "report_cycle_days" => self.report_cycle_days.to_string(),
            "vote_weights" => VoteSetKind::ALL
                .iter()
                .map(|k| format!("{}={}", k.id(), self.vote_weights.of(*k)))
                .collect::<Vec<_>>()
                .join(","),
            "min_turnout" => self.min_turnout.to_string(),
            "evaluated_roles" => self.evaluated_roles.iter().map(|r| r.id()).collect::<Vec<_>>().join(","),
            "grade_incompetent_share" => self.grade_rule.incompetent.to_string(),
            "grade_pass_share" => self.grade_rule.pass.to_string(),
            "grade_excellent_share" => self.grade_rule.excellent.to_string(),
            "issuing_body" => self.issuing_body.clone(),
            "objection_contact" => self.objection_contact.clone(),
            _ => return None,
        })
    }

    /// Whether every setting is one [`Settings::set`] would take: for
    /// settings read from a file rather than typed.
    pub fn check(&self) -> Result<(), SettingError> {
        for key in SETTING_KEYS {
            let value = self.get(key).unwrap_or_default();
            self.clone().set(key, &value)?;
        }
        Ok(())
    }

    pub fn set(&mut self, key: &str, value: &str) -> Result<(), SettingError> {
        let key: &'static str = SETTING_KEYS
            .into_iter()
            .find(|k| *k == key.trim().replace('-', "_"))
            .ok_or_else(|| SettingError::Unknown(key.to_string()))?;
        let bad = || SettingError::BadValue { key, value: value.to_string() };
        let number = || value.trim().parse::<u32>().ok().filter(|n| (1..=3650).contains(n)).ok_or_else(bad);
        let share = || value.parse::<Share>().map_err(|_| bad());
        match key {
            "street_name" if value.chars().count() <= 40 && !value.chars().any(char::is_control) => {
                self.street_name = value.trim().to_string()
            }
            "street_name" => return Err(bad()),
            "issuing_body" => self.issuing_body = one_line(value, 60).ok_or_else(bad)?,
            "objection_contact" => self.objection_contact = one_line(value, 60).ok_or_else(bad)?,
            "households_per_member" => self.households_per_member = number()?,
            "visit_cycle_days" => self.visit_cycle_days = number()?,
            "demand_due_days" => self.demand_due_days = number()?,
            "demand_due_days_by_category" => {
                self.demand_due_days_by_category = parse_due_days_by_category(value).ok_or_else(bad)?
            }
            "report_cycle_days" => self.report_cycle_days = number()?,
            "grade_incompetent_share" => self.grade_rule.incompetent = share()?,
            "grade_pass_share" => self.grade_rule.pass = share()?,
            "grade_excellent_share" => self.grade_rule.excellent = share()?,
            "vote_weights" => self.vote_weights = parse_weights(value, self.vote_weights).ok_or_else(bad)?,
            "min_turnout" => self.min_turnout = share()?,
            _ => self.evaluated_roles = parse_roles(value).ok_or_else(bad)?,
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_compare_exactly_at_the_boundary() {
        let third = Share::new(1, 3);
        assert!(third.reached_by(10, 30));
        assert!(!third.reached_by(9, 30));
        assert_eq!("50%".parse::<Share>(), Ok(Share::new(50, 100)));
        assert!("3/2".parse::<Share>().is_err() && "1/0".parse::<Share>().is_err());
    }

    #[test]
    fn settings_are_set_by_name_and_refuse_bad_values() {
        let mut s = Settings::default();
        s.set("visit-cycle-days", "60").unwrap();
        assert_eq!(s.get("visit_cycle_days").as_deref(), Some("60"));
        let err = s.set("visit_cycle_days", "0").unwrap_err();
        assert!(err.message(Lang::Zh).contains("visit_cycle_days"));
        assert!(matches!(s.set("colour", "red"), Err(SettingError::Unknown(_))));
    }

    #[test]
    fn weights_turnout_and_evaluated_roles_are_set_by_name() {
        let mut s = Settings::default();
        assert_eq!(s.get("vote_weights").as_deref(), Some("residents=1/2,deputies=1/2,committee=0/1"));
        s.set("vote_weights", "大工委=1/4, 群众 = 3/4").unwrap();
        assert_eq!((s.vote_weights.committee, s.vote_weights.residents), (Share::new(1, 4), Share::new(3, 4)));
        let err = s.clone().set("vote_weights", "residents=0,deputies=0,committee=0").unwrap_err();
        assert!(err.message(Lang::En).contains("at least one above 0"), "{}", err.message(Lang::En));
        assert!(s.clone().set("vote_weights", "voters=1").is_err());
        assert_eq!(s.get("evaluated_roles").as_deref(), Some("part_time"));
        s.set("evaluated_roles", "专职委员,part_time").unwrap();
        assert_eq!(s.evaluated_roles, [Role::FullTime, Role::PartTime]);
        assert!(s.clone().set("evaluated_roles", "").is_err());
        s.set("min_turnout", "80%").unwrap();
        assert_eq!(s.min_turnout, Share::new(80, 100));
    }

    #[test]
    fn deadlines_differ_by_category_and_the_rest_keep_the_general_one() {
        let mut s = Settings::default();
        s.set("demand_due_days_by_category", "治安安全=7， enterprise = 60").unwrap();
        assert_eq!(s.demand_due_days_for(DemandCategory::Safety), 7);
        assert_eq!(s.demand_due_days_for(DemandCategory::Enterprise), 60);
        assert_eq!(s.demand_due_days_for(DemandCategory::Welfare), 30);
        assert_eq!(s.get("demand_due_days_by_category").as_deref(), Some("safety=7,enterprise=60"));
        for bad in ["safety", "weather=3", "safety=0", "safety=abc"] {
            let err = s.clone().set("demand_due_days_by_category", bad).unwrap_err();
            assert!(err.message(Lang::Zh).contains("类别=天数"), "{bad}: {}", err.message(Lang::Zh));
        }
        s.set("demand_due_days_by_category", "").unwrap();
        assert_eq!(s.demand_due_days_for(DemandCategory::Safety), 30);
    }

    #[test]
    fn documents_are_signed_by_the_issuing_body_or_the_streets_committee() {
        let mut s = Settings::default();
        assert_eq!(s.signing_body(), None);
        s.set("street_name", "滨江街道").unwrap();
        assert_eq!(s.signing_body().as_deref(), Some("滨江街道党工委"));
        s.set("issuing_body", " 中共滨江街道工作委员会 ").unwrap();
        assert_eq!(s.signing_body().as_deref(), Some("中共滨江街道工作委员会"));
        let err = s.set("objection_contact", "a\nb").unwrap_err();
        assert!(err.message(Lang::Zh).contains("objection_contact"));
    }

    #[test]
    fn the_report_cycle_is_monthly_by_default_and_refuses_zero() {
        let mut s = Settings::default();
        assert_eq!(s.get("report_cycle_days").as_deref(), Some("30"));
        s.set("report-cycle-days", "14").unwrap();
        assert_eq!(s.report_cycle_days, 14);
        let err = s.set("report_cycle_days", "0").unwrap_err();
        assert!(err.message(Lang::En).contains("report_cycle_days") && err.message(Lang::En).contains("1 to 3650"));
        assert_eq!(s.report_cycle_days, 14);
    }
}
