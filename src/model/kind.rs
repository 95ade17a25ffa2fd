//! The eleven record kinds and their names in code, on the command line and in the UI.

use crate::i18n::Lang;
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Member,
    Unit,
    Community,
    Household,
    Visit,
    Demand,
    Meeting,
    Task,
    Evaluation,
    Deputy,
    Session,
}

impl Kind {
    pub const ALL: [Kind; 11] = [
        Kind::Member,
        Kind::Unit,
        Kind::Community,
        Kind::Household,
        Kind::Visit,
        Kind::Demand,
        Kind::Meeting,
        Kind::Task,
        Kind::Evaluation,
        Kind::Deputy,
        Kind::Session,
    ];

    /// The DOMAIN.md identifier, also the sled tree name.
    pub fn id(self) -> &'static str {
        match self {
            Kind::Member => "member",
            Kind::Unit => "unit",
            Kind::Community => "community",
            Kind::Household => "household",
            Kind::Visit => "visit",
            Kind::Demand => "demand",
            Kind::Meeting => "meeting",
            Kind::Task => "task",
            Kind::Evaluation => "evaluation",
            Kind::Deputy => "deputy",
            Kind::Session => "session",
        }
    }

    fn plural(self) -> &'static str {
        match self {
            Kind::Member => "members",
            Kind::Unit => "units",
            Kind::Community => "communities",
            Kind::Household => "households",
            Kind::Visit => "visits",
            Kind::Demand => "demands",
            Kind::Meeting => "meetings",
            Kind::Task => "tasks",
            Kind::Evaluation => "evaluations",
            Kind::Deputy => "deputies",
            Kind::Session => "sessions",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Kind::Member => lang.pick("委员", "member"),
            Kind::Unit => lang.pick("辖区单位", "unit"),
            Kind::Community => lang.pick("社区", "community"),
            Kind::Household => lang.pick("联系户", "household"),
            Kind::Visit => lang.pick("走访记录", "visit"),
            Kind::Demand => lang.pick("诉求", "demand"),
            Kind::Meeting => lang.pick("联席议事会", "meeting"),
            Kind::Task => lang.pick("责任事项", "task"),
            Kind::Evaluation => lang.pick("考评", "evaluation"),
            Kind::Deputy => lang.pick("代表委员", "deputy"),
            Kind::Session => lang.pick("述职会", "reporting session"),
        }
    }

    /// The name of many records of the kind, for headings and tabs.
    pub fn plural_label(self, lang: Lang) -> &'static str {
        match (lang, self) {
            (Lang::Zh, k) => k.label(lang),
            (Lang::En, Kind::Member) => "Members",
            (Lang::En, Kind::Unit) => "Units",
            (Lang::En, Kind::Community) => "Communities",
            (Lang::En, Kind::Household) => "Households",
            (Lang::En, Kind::Visit) => "Visits",
            (Lang::En, Kind::Demand) => "Demands",
            (Lang::En, Kind::Meeting) => "Meetings",
            (Lang::En, Kind::Task) => "Tasks",
            (Lang::En, Kind::Evaluation) => "Evaluations",
            (Lang::En, Kind::Deputy) => "Deputies",
            (Lang::En, Kind::Session) => "Reporting sessions",
        }
    }

    /// Singular or plural identifier, or the Chinese name.
    pub fn parse(input: &str) -> Option<Kind> {
        let s = input.trim().to_ascii_lowercase();
        Kind::ALL.into_iter().find(|k| k.id() == s || k.plural() == s || k.label(Lang::Zh) == input.trim())
    }

    /// One byte per kind in index keys; part of the stored format.
    pub fn code(self) -> u8 {
        self as u8
    }

    pub fn ids() -> String {
        Kind::ALL.map(Kind::id).join(", ")
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}
