//! `:doc KIND [WORD…] [FILE.docx]` on the selected record: the meeting's
//! notice (`:doc notice 14:30`), sign-in sheet and minutes, the member's
//! 述职报告 (this year), and the evaluation period's ballot (`:doc ballot
//! deputies`), tally, 公示 (from today, 5 working days) and covering letter.

use super::app::App;
use super::effects::Effect;
use crate::docs::{self, Paper, VoteSet};
use crate::i18n::Lang;
use crate::model::period::Period;
use crate::model::{AnyData, Kind};
use chrono::{Datelike, NaiveTime};

impl App {
    pub(super) fn doc_command(&mut self, words: &[&str]) -> Vec<Effect> {
        let (path, words): (Vec<&str>, Vec<&str>) = words.iter().partition(|w| w.to_lowercase().ends_with(".docx"));
        let [kind, rest @ ..] = words.as_slice() else {
            self.status = self.doc_usage();
            return Vec::new();
        };
        let word = rest.first().copied().unwrap_or_default();
        let paper = match *kind {
            "notice" | "signin" | "minutes" => self.meeting_paper(kind, word),
            "report" => self.report_paper(),
            "ballot" | "tally" | "publish" | "feedback" => self.period_paper(kind, word),
            _ => {
                self.status = self.doc_usage();
                None
            }
        };
        let Some(paper) = paper else { return Vec::new() };
        let path = path.first().map(|p| p.to_string());
        vec![Effect::Document { paper, path, today: self.today, lang: self.lang }]
    }

    fn doc_usage(&self) -> String {
        match self.lang {
            Lang::Zh => format!("用法：:doc 类型 [文件.docx]；类型：{}", docs::KINDS.join("、")),
            Lang::En => format!("usage: :doc KIND [FILE.docx]; KIND is one of {}", docs::KINDS.join(", ")),
        }
    }

    fn meeting_paper(&mut self, kind: &str, word: &str) -> Option<Paper> {
        if let (Some((Kind::Session, session_id)), "signin") = (self.selected(), kind) {
            return Some(Paper::SessionSignin { session_id });
        }
        let Some((Kind::Meeting, meeting_id)) = self.selected() else {
            self.status = self.lang.pick("请先在议事会列表中选中一次会议", "Select a meeting first").into();
            return None;
        };
        Some(match kind {
            "signin" => Paper::Signin { meeting_id },
            "minutes" => Paper::Minutes { meeting_id },
            _ if word.is_empty() => Paper::Notice { meeting_id, time: docs::default_time() },
            _ => match NaiveTime::parse_from_str(word, "%H:%M") {
                Ok(time) => Paper::Notice { meeting_id, time },
                Err(_) => {
                    self.status = match self.lang {
                        Lang::Zh => format!("会议时间 \"{word}\" 无效，应为 时:分，如 14:30"),
                        Lang::En => format!("\"{word}\" is not a time; expected HH:MM, e.g. 14:30"),
                    };
                    return None;
                }
            },
        })
    }

    /// The selected member's report for this year, or the selected evaluation's.
    fn report_paper(&mut self) -> Option<Paper> {
        let this_year = Period { year: self.today.year(), half: None };
        match self.selected() {
            Some((Kind::Member, member_id)) => Some(Paper::Report { member_id, period: this_year }),
            Some((Kind::Evaluation, id)) => match self.data.get(Kind::Evaluation, id).as_deref().map(|r| &r.data) {
                Some(AnyData::Evaluation(e)) => Some(Paper::Report { member_id: e.member_id, period: e.period }),
                _ => None,
            },
            _ => {
                self.status =
                    self.lang.pick("请先在委员或考评列表中选中一人", "Select a member or an evaluation first").into();
                None
            }
        }
    }

    fn period_paper(&mut self, kind: &str, word: &str) -> Option<Paper> {
        let period = match self.selected() {
            Some((Kind::Evaluation, id)) => match self.data.get(Kind::Evaluation, id).as_deref().map(|r| &r.data) {
                Some(AnyData::Evaluation(e)) => Some(e.period),
                _ => None,
            },
            _ => None,
        };
        let Some(period) = period else {
            self.status = self.lang.pick("请先在考评列表中选中一条考评", "Select an evaluation first").into();
            return None;
        };
        Some(match kind {
            "ballot" => {
                let set = if word.is_empty() { Some(VoteSet::Residents) } else { VoteSet::parse(word) };
                let Some(set) = set else {
                    let ids: Vec<&str> = VoteSet::ALL.iter().map(|s| s.id()).collect();
                    self.status = match self.lang {
                        Lang::Zh => format!("测评票类别 \"{word}\" 无效，应为 {}", ids.join("、")),
                        Lang::En => format!("\"{word}\" is not a ballot set; expected {}", ids.join(", ")),
                    };
                    return None;
                };
                Paper::Ballot { period, set }
            }
            "tally" => Paper::Tally { period },
            "feedback" => Paper::Feedback { period },
            _ => {
                let (from, working_days) = (self.today, 5);
                let to = docs::publicity_end(&self.data.calendar, from, working_days);
                Paper::Publish { period, from, working_days, to }
            }
        })
    }

    pub(super) fn document_written(&mut self, path: &str) {
        self.status = match self.lang {
            Lang::Zh => format!("已写出 {path}"),
            Lang::En => format!("Wrote {path}"),
        };
    }
}
