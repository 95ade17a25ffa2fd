//! The documents an office files (`silian doc KIND …`, `:doc KIND`): each
//! gathered through the operations the account may ask (so its role and the
//! masking of personal data apply), turned into a view ([`views`]) and laid
//! out by GB/T 9704-2012 with [`crate::io::docx`]. Writing the file is the
//! front end's part.

mod meeting_papers;
mod report_paper;
mod review_papers;
pub mod text;
pub mod views;

use crate::i18n::Lang;
use crate::io::docx::{Document, DocxError};
use crate::model::period::Period;
use crate::model::{AnyRecord, Deputy, Kind, Meeting, Session, Settings, Wrap};
use crate::net::Backend;
use crate::ops::{self, Context, Routed};
use crate::review::duty_text::period_name;
use crate::review::RosterRow;
use crate::rules::holidays::HolidayCalendar;
use chrono::{NaiveDate, NaiveTime};
pub use views::VoteSet;

/// Which document, of what.
#[derive(Clone, Debug, PartialEq)]
pub enum Paper {
    Notice {
        meeting_id: u64,
        time: NaiveTime,
    },
    Signin {
        meeting_id: u64,
    },
    /// The sign-in sheet of a reporting session (述职会).
    SessionSignin {
        session_id: u64,
    },
    Minutes {
        meeting_id: u64,
    },
    Report {
        member_id: u64,
        period: Period,
    },
    Ballot {
        period: Period,
        set: VoteSet,
    },
    Tally {
        period: Period,
    },
    Publish {
        period: Period,
        from: NaiveDate,
        working_days: u32,
        to: NaiveDate,
    },
    Feedback {
        period: Period,
    },
}

/// The kinds `doc` takes, in the order help lists them.
pub const KINDS: [&str; 8] = ["notice", "signin", "minutes", "report", "ballot", "tally", "publish", "feedback"];

/// A notice's time when none is given.
pub fn default_time() -> NaiveTime {
    NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default()
}

#[derive(Debug, thiserror::Error)]
pub enum DocError {
    #[error(transparent)]
    Op(#[from] ops::Error),
    #[error("no issuing body")]
    NoSigningBody,
    #[error("no objection contact")]
    NoObjectionContact,
    #[error("no evaluations for {0}")]
    NoEvaluations(Period),
    #[error("members without a grade")]
    Ungraded(Vec<String>),
    #[error(transparent)]
    Package(#[from] DocxError),
}

impl DocError {
    /// Bad input or settings the user can put right (exit code 2).
    pub fn is_user_error(&self) -> bool {
        match self {
            DocError::Op(e) => e.is_user_error(),
            DocError::Package(_) => false,
            _ => true,
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (DocError::Op(e), _) => e.message(lang),
            (DocError::NoSigningBody, Lang::Zh) => {
                "文件需要落款（发文机关）：请先设置 issuing_body（如 silian settings issuing_body 中共××街道工作委员会）或 street_name".into()
            }
            (DocError::NoSigningBody, Lang::En) => "the document needs an issuing body to sign it: set issuing_body (e.g. silian settings issuing_body \"中共××街道工作委员会\") or street_name first".into(),
            (DocError::NoObjectionContact, Lang::Zh) => {
                "公示需要受理异议的联系方式：请先设置 objection_contact（如 silian settings objection_contact \"街道党政办 0571-12345678\"）".into()
            }
            (DocError::NoObjectionContact, Lang::En) => "a publicity notice needs a contact for objections: set objection_contact first (e.g. silian settings objection_contact \"街道党政办 0571-12345678\")".into(),
            (DocError::NoEvaluations(p), Lang::Zh) => format!("{p} 没有考评记录；请先运行 silian evaluate {p}"),
            (DocError::NoEvaluations(p), Lang::En) => format!("there are no evaluations for {p}; run silian evaluate {p} first"),
            (DocError::Ungraded(names), Lang::Zh) => {
                format!("{} 名委员尚未评定等次（{}），评定后才能公示", names.len(), names.join("、"))
            }
            (DocError::Ungraded(names), Lang::En) => {
                format!("{} members have no grade yet ({}); grade them before publishing", names.len(), names.join(", "))
            }
            (DocError::Package(e), _) => e.to_string(),
        }
    }
}

/// The document's bytes and the file name it is saved under by default.
pub struct Written {
    pub bytes: Vec<u8>,
    pub file_name: String,
}

/// Asks what `paper` needs through `store` as `ctx`'s account and lays it out.
pub fn build(store: &Backend, ctx: &Context, paper: &Paper, today: NaiveDate, lang: Lang) -> Result<Written, DocError> {
    let source = Source { store, ctx };
    let (doc, stem) = match paper {
        Paper::Notice { meeting_id, time } => {
            let (m, records) = source.meeting(*meeting_id, false)?;
            let view = views::notice(&m, &views::Roll::new(&records), *time, source.signed(today)?);
            (meeting_papers::notice(&view, lang), meeting_stem(("会议通知", "notice"), &m, lang))
        }
        Paper::Signin { meeting_id } => {
            let (m, records) = source.meeting(*meeting_id, false)?;
            let view = views::signin(&m, &views::Roll::new(&records));
            (meeting_papers::signin(&view, lang), meeting_stem(("签到表", "sign-in"), &m, lang))
        }
        Paper::SessionSignin { session_id } => {
            let rec = source.ask(ops::records::Get { kind: Kind::Session, id: *session_id })?;
            let not_found =
                || DocError::Op(crate::store::StoreError::NotFound { kind: Kind::Session, id: *session_id }.into());
            let session = Session::peek(&rec.data).cloned().ok_or_else(not_found)?;
            let records = source.members()?;
            let deputy_records = source.list(Kind::Deputy)?;
            let deputies: Vec<(u64, &Deputy)> =
                deputy_records.iter().filter_map(|r| Deputy::peek(&r.data).map(|d| (r.id(), d))).collect();
            let view = views::session_signin(&session, &views::Roll::new(&records), &deputies, lang);
            let stem = format!("{}-{}", lang.pick("述职会签到表", "session-sign-in"), session.date);
            (meeting_papers::signin(&view, lang), stem)
        }
        Paper::Minutes { meeting_id } => {
            let (m, records) = source.meeting(*meeting_id, true)?;
            let view = views::minutes(*meeting_id, &m, &views::Roll::new(&records), &records, source.signed(today)?);
            (meeting_papers::minutes(&view, lang), meeting_stem(("会议纪要", "minutes"), &m, lang))
        }
        Paper::Report { member_id, period } => {
            let duty = source.ask(ops::review::DutyReportOf { member_id: *member_id, period: *period, today })?;
            let stem = format!("{}-{}-{period}", lang.pick("述职报告", "duty-report"), duty.member);
            (report_paper::report(&views::ReportView { duty, on: today }, lang), stem)
        }
        Paper::Ballot { period, set } => {
            let rows = source.roster(*period)?;
            let stem = format!("{}-{period}-{}", lang.pick("民主测评票", "ballot"), set.label(lang));
            (review_papers::ballot(&views::ballot(&rows, *period, *set), lang), stem)
        }
        Paper::Tally { period } => {
            let rows = source.roster(*period)?;
            let view = views::tally(&rows, *period, source.signed(today)?);
            (review_papers::tally(&view, lang), format!("{}-{period}", lang.pick("测评结果统计表", "tally")))
        }
        Paper::Publish { period, from, working_days, to } => {
            let settings = source.settings()?;
            if settings.objection_contact.is_empty() {
                return Err(DocError::NoObjectionContact);
            }
            let rows = views::graded(&source.roster(*period)?).map_err(DocError::Ungraded)?;
            let signed = source.signed(today)?;
            let view = views::PublishView {
                period: *period,
                rows,
                from: *from,
                to: *to,
                working_days: *working_days,
                contact: settings.objection_contact,
                signed,
            };
            (review_papers::publish(&view, lang), format!("{}-{period}", lang.pick("公示", "publicity")))
        }
        Paper::Feedback { period } => {
            let rows = source.roster(*period)?;
            let records = source.members()?;
            let contact = views::Roll::new(&records).office_director();
            let view = views::feedback(&rows, *period, contact, source.signed(today)?);
            (review_papers::feedback(&view, lang), format!("{}-{period}", lang.pick("报送函", "covering-letter")))
        }
    };
    let file_name = match paper {
        Paper::Notice { .. } | Paper::Signin { .. } | Paper::Minutes { .. } => format!("{stem}.docx"),
        _ => format!("{stem}-{today}.docx"),
    };
    Ok(Written { bytes: finish(&doc, today)?, file_name })
}

fn finish(doc: &Document, today: NaiveDate) -> Result<Vec<u8>, DocxError> {
    doc.to_bytes(&today.to_string())
}

fn meeting_stem(kind: (&str, &str), m: &Meeting, lang: Lang) -> String {
    format!("{}-{}", lang.pick(kind.0, kind.1), m.date)
}

/// The last day of a 公示 of `days` working days from `from` (counted when
/// it is a working day itself).
pub fn publicity_end(calendar: &HolidayCalendar, from: NaiveDate, days: u32) -> NaiveDate {
    let mut day = from;
    let mut counted = u32::from(calendar.is_working_day(from));
    while counted < days {
        match day.succ_opt() {
            Some(next) => day = next,
            None => break,
        }
        counted += u32::from(calendar.is_working_day(day));
    }
    day
}

/// `2026年度`: the period as the documents name it.
pub fn period_label(p: Period, lang: Lang) -> String {
    period_name(p, lang)
}

/// Reads through the operations, as the account asking.
struct Source<'a> {
    store: &'a Backend,
    ctx: &'a Context,
}

impl Source<'_> {
    fn ask<O: Routed>(&self, op: O) -> Result<O::Reply, DocError> {
        Ok(self.store.ask(self.ctx, op)?)
    }

    fn settings(&self) -> Result<Settings, DocError> {
        self.ask(ops::settings::GetSettings)
    }

    fn signed(&self, on: NaiveDate) -> Result<views::Signed, DocError> {
        let by = self.settings()?.signing_body().ok_or(DocError::NoSigningBody)?;
        Ok(views::Signed { by, on })
    }

    fn list(&self, kind: Kind) -> Result<Vec<AnyRecord>, DocError> {
        self.ask(ops::records::List { kind, include_archived: true })
    }

    /// Members and units, archived ones too (a document may name them).
    fn members(&self) -> Result<Vec<AnyRecord>, DocError> {
        let mut records = self.list(Kind::Member)?;
        records.extend(self.list(Kind::Unit)?);
        Ok(records)
    }

    /// The meeting, and the members and units (and its tasks when asked) it names.
    fn meeting(&self, id: u64, with_tasks: bool) -> Result<(Meeting, Vec<AnyRecord>), DocError> {
        let rec = self.ask(ops::records::Get { kind: Kind::Meeting, id })?;
        let meeting = Meeting::peek(&rec.data)
            .cloned()
            .ok_or(DocError::Op(crate::store::StoreError::NotFound { kind: Kind::Meeting, id }.into()))?;
        let mut records = self.members()?;
        if with_tasks {
            records.extend(self.list(Kind::Task)?);
        }
        Ok((meeting, records))
    }

    fn roster(&self, period: Period) -> Result<Vec<RosterRow>, DocError> {
        let rows = self.ask(ops::review::EvaluationRoster { period })?;
        if rows.is_empty() {
            return Err(DocError::NoEvaluations(period));
        }
        Ok(rows)
    }
}
