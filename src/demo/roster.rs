//! The 两代表一委员 who hear the members' reports, and each complete year's
//! two reporting sessions (述职会). Drawn from a generator of their own and
//! from the evaluations already made, so that adding them changed none of the
//! records generated before them.

use super::pools::{mobile, person_name};
use super::{chance, id};
use crate::model::enums::{DeputyLevel, DeputyType, Role, SessionKind};
use crate::model::period::Period;
use crate::model::{Deputy, Evaluation, Member, Session};
use chrono::NaiveDate;
use fastrand::Rng;

/// Mixed into the demo's seed for the roster's own generator.
const ROSTER_SEED: u64 = 0x2d_6465_7075_7479;

/// Type, level and 界别 or unit of the demo's deputies (the street sits in a
/// district of a city: a few city deputies, more district and street ones).
#[rustfmt::skip]
const DEPUTIES: [(DeputyType, DeputyLevel, &str); 12] = [
    (DeputyType::PartyCongress, DeputyLevel::City, "滨江中学"),
    (DeputyType::PartyCongress, DeputyLevel::District, "滨江街道党工委（办事处）"),
    (DeputyType::PartyCongress, DeputyLevel::District, "滨江社区卫生服务中心"),
    (DeputyType::PartyCongress, DeputyLevel::Street, "长安社区"),
    (DeputyType::PeoplesCongress, DeputyLevel::City, "市公交集团第三分公司"),
    (DeputyType::PeoplesCongress, DeputyLevel::District, "滨江实验小学"),
    (DeputyType::PeoplesCongress, DeputyLevel::District, "杭州恒远科技有限公司"),
    (DeputyType::PeoplesCongress, DeputyLevel::Street, "滨江老年协会"),
    (DeputyType::Cppcc, DeputyLevel::City, "经济界"),
    (DeputyType::Cppcc, DeputyLevel::District, "教育界"),
    (DeputyType::Cppcc, DeputyLevel::District, "医药卫生界"),
    (DeputyType::Cppcc, DeputyLevel::District, "社会福利和社会保障界"),
];

/// The roster, the same for the same seed whatever else the demo holds.
pub fn deputies(seed: u64, communities: usize) -> Vec<Deputy> {
    let mut rng = Rng::with_seed(seed ^ ROSTER_SEED);
    DEPUTIES
        .iter()
        .map(|&(deputy_type, level, sector)| Deputy {
            name: person_name(&mut rng),
            deputy_type,
            level,
            sector: sector.to_string(),
            phone: mobile(&mut rng),
            community_id: chance(&mut rng, 75).then(|| id(rng.usize(..communities))),
            notes: String::new(),
        })
        .collect()
}

/// Each year's committee session and deputies session, on the first day a
/// part-time member reported (the evaluations say when), with every part-time
/// member who had reported by then as a reporter.
pub fn sessions(seed: u64, members: &[Member], evaluations: &[Evaluation], deputies: usize) -> Vec<Session> {
    let mut rng = Rng::with_seed(seed ^ ROSTER_SEED ^ 1);
    let mut years: Vec<Period> = evaluations.iter().map(|e| e.period).collect();
    years.sort();
    years.dedup();
    let mut out = Vec::new();
    for period in years {
        let of_year: Vec<&Evaluation> = evaluations
            .iter()
            .filter(|e| e.period == period && members[super::index(e.member_id)].role == Role::PartTime)
            .collect();
        let committee = of_year.iter().filter_map(|e| Some((e.member_id, e.committee_report_on?))).collect();
        let heard = of_year.iter().filter_map(|e| Some((e.member_id, e.deputies_report_on?))).collect();
        out.extend(session(period, SessionKind::Committee, committee, members.len()));
        out.extend(session(period, SessionKind::Deputies, heard, members.len()).map(|mut s| {
            s.deputy_ids = (0..deputies).filter(|_| chance(&mut rng, 70)).map(id).collect();
            s.resident_reps = Some(rng.u32(15..=25));
            s
        }));
    }
    out
}

/// A session of the members who reported (by day): none when nobody has.
fn session(period: Period, kind: SessionKind, reported: Vec<(u64, NaiveDate)>, members: usize) -> Option<Session> {
    let date = reported.iter().map(|(_, d)| *d).min()?;
    let (location, leader) = match kind {
        SessionKind::Committee => ("街道四楼会议室", "区委组织部副部长 王立新"),
        SessionKind::Deputies => ("滨江街道社区服务中心多功能厅", "街道党工委书记 余伟军"),
    };
    Some(Session {
        period,
        kind,
        date,
        location: location.to_string(),
        member_ids: reported.iter().map(|(m, _)| *m).collect(),
        attendee_ids: (0..members).map(id).collect(),
        deputy_ids: Vec::new(),
        resident_reps: None,
        leader: leader.to_string(),
        notes: String::new(),
    })
}

/// Each member reported on the day of the session they reported at: the
/// evaluations and the sessions say the same.
pub fn date_reports_by_sessions(evaluations: &mut [Evaluation], sessions: &[Session]) {
    for e in evaluations.iter_mut() {
        for s in sessions.iter().filter(|s| s.period == e.period && s.member_ids.contains(&e.member_id)) {
            let slot = match s.kind {
                SessionKind::Committee => &mut e.committee_report_on,
                SessionKind::Deputies => &mut e.deputies_report_on,
            };
            if slot.is_some() {
                *slot = Some(s.date);
            }
        }
    }
}
