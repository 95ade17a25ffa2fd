//! The fixed part of the street: communities, units, committee members and the
//! households they link.

use super::pools::{self, CommunitySeed, COMMUNITIES, MEMBERS, UNITS};
use super::texts::household_note;
use super::{chance, id, index};
use crate::model::enums::{HouseholdTag, Role};
use crate::model::{Community, Household, Member, Unit};
use fastrand::Rng;

/// Base members who link fewer households than the rule asks: (index, households).
const SHORT_OF_HOUSEHOLDS: [(usize, usize); 2] = [(21, 6), (23, 3)];

/// Members beyond the base 24 at `scale`: 2.4 more per step, at most 56.
pub fn extra_members(scale: u32) -> usize {
    (24 * (scale.saturating_sub(1) as usize) / 10).min(56)
}

pub fn communities(rng: &mut Rng) -> Vec<Community> {
    COMMUNITIES
        .iter()
        .map(|seed| {
            let households = rng.u32(2600..=6200);
            let org = if rng.u8(..3) == 0 { "党总支" } else { "党委" };
            Community {
                name: seed.name.to_string(),
                address: pools::street_address(rng, seed),
                party_org: format!("{}{org}", seed.name),
                secretary: pools::person_name(rng),
                phone: pools::landline(rng),
                households_total: Some(households),
                population: Some(households * rng.u32(250..=290) / 100),
                notes: seed.note.to_string(),
            }
        })
        .collect()
}

pub fn units(rng: &mut Rng) -> Vec<Unit> {
    UNITS
        .iter()
        .map(|seed| {
            let (lo, hi) = seed.party_members;
            let area = pools::pick(rng, COMMUNITIES);
            let notes =
                if seed.party_org.is_empty() { "党员不足三人，暂未单独建立党组织。" } else { "" };
            Unit {
                name: seed.name.to_string(),
                kind: seed.kind,
                address: pools::street_address(rng, &area),
                party_org: seed.party_org.to_string(),
                secretary: if seed.party_org.is_empty() { String::new() } else { pools::person_name(rng) },
                phone: pools::landline(rng),
                party_members: Some(rng.u32(lo..=hi)),
                notes: notes.to_string(),
            }
        })
        .collect()
}

pub fn members(rng: &mut Rng, scale: u32) -> Vec<Member> {
    let mut members: Vec<Member> = MEMBERS.iter().enumerate().map(|(i, seed)| base_member(rng, i, seed)).collect();
    for k in 0..extra_members(scale) {
        let name = unused_name(rng, &members);
        members.push(extra_member(rng, k, name));
    }
    members
}

fn base_member(rng: &mut Rng, i: usize, seed: &pools::MemberSeed) -> Member {
    let duties = if seed.duties.is_empty() { pools::duties_of(seed.line) } else { seed.duties };
    let notes = match i {
        21 => "联系户尚未配齐，正在与社区对接。",
        22 => "原所在单位已迁出辖区，所在单位待重新明确。",
        23 => "新任兼职委员，联系户正在落实。",
        _ => "",
    };
    Member {
        name: seed.name.to_string(),
        phone: pools::mobile(rng),
        role: seed.role,
        unit_id: seed.unit.map(id),
        post: seed.post.to_string(),
        duties: duties.to_string(),
        line: seed.line.to_string(),
        community_id: Some(id(i % COMMUNITIES.len())),
        contact_name: pools::person_name(rng),
        contact_phone: pools::mobile(rng),
        notes: notes.to_string(),
    }
}

/// A part-time member from one of the units (never the street office).
fn extra_member(rng: &mut Rng, k: usize, name: String) -> Member {
    let line = pools::LINES[k % pools::LINES.len()];
    Member {
        name,
        phone: pools::mobile(rng),
        role: Role::PartTime,
        unit_id: Some(id(1 + k % (UNITS.len() - 1))),
        post: format!("兼职委员（{line}）"),
        duties: pools::duties_of(line).to_string(),
        line: line.to_string(),
        community_id: Some(id((MEMBERS.len() + k) % COMMUNITIES.len())),
        contact_name: pools::person_name(rng),
        contact_phone: pools::mobile(rng),
        notes: String::new(),
    }
}

fn unused_name(rng: &mut Rng, members: &[Member]) -> String {
    loop {
        let name = pools::person_name(rng);
        if members.iter().all(|m| m.name != name) {
            return name;
        }
    }
}

/// How many households each member links at `scale`, and how many stay unlinked.
fn quotas(scale: u32, members: usize) -> (Vec<usize>, usize) {
    let total = 240 * scale as usize;
    let short: usize = SHORT_OF_HOUSEHOLDS.iter().map(|(_, n)| n).sum();
    let normal = (total - short - total / 25) / (members - SHORT_OF_HOUSEHOLDS.len());
    let mut quota = vec![normal; members];
    for (i, n) in SHORT_OF_HOUSEHOLDS {
        quota[i] = n;
    }
    let unlinked = total - quota.iter().sum::<usize>();
    (quota, unlinked)
}

/// `240 × scale` households, community by community: each member's linked
/// households, then the community's few unlinked ones.
pub fn households(rng: &mut Rng, scale: u32, members: &[Member]) -> Vec<Household> {
    let (quota, unlinked) = quotas(scale, members.len());
    let n = COMMUNITIES.len();
    let mut out = Vec::with_capacity(240 * scale as usize);
    for (c, seed) in COMMUNITIES.iter().enumerate() {
        let linking = members.iter().enumerate().filter(|(_, m)| m.community_id.map(index) == Some(c));
        for (i, _) in linking {
            out.extend((0..quota[i]).map(|_| household(rng, c, Some(id(i)), seed)));
        }
        let own_unlinked = unlinked / n + usize::from(c < unlinked % n);
        out.extend((0..own_unlinked).map(|_| household(rng, c, None, seed)));
    }
    out
}

fn household(rng: &mut Rng, community: usize, member_id: Option<u64>, seed: &CommunitySeed) -> Household {
    let tags = tags(rng);
    let size = if tags.contains(&HouseholdTag::ElderlyAlone) { 1 } else { household_size(rng) };
    let phone = if chance(rng, 4) { String::new() } else { pools::mobile(rng) };
    let notes = match tags.first() {
        Some(&tag) if chance(rng, 50) => household_note(tag).to_string(),
        _ => String::new(),
    };
    Household {
        community_id: id(community),
        member_id,
        head: pools::person_name(rng),
        address: pools::flat_address(rng, seed),
        phone,
        size: Some(size),
        tags,
        notes,
    }
}

fn household_size(rng: &mut Rng) -> u32 {
    match rng.u8(..100) {
        0..5 => 1,
        5..30 => 2,
        30..65 => 3,
        65..85 => 4,
        85..95 => 5,
        _ => 6,
    }
}

/// About three households in ten carry a tag, some two.
fn tags(rng: &mut Rng) -> Vec<HouseholdTag> {
    if chance(rng, 70) {
        return Vec::new();
    }
    let mut tags = vec![one_tag(rng)];
    if chance(rng, 20) {
        let second = one_tag(rng);
        if !tags.contains(&second) {
            tags.push(second);
        }
    }
    tags
}

fn one_tag(rng: &mut Rng) -> HouseholdTag {
    match rng.u8(..100) {
        0..30 => HouseholdTag::ElderlyAlone,
        30..45 => HouseholdTag::Hardship,
        45..60 => HouseholdTag::Subsistence,
        60..75 => HouseholdTag::Disabled,
        75..90 => HouseholdTag::Veteran,
        _ => HouseholdTag::LeftBehind,
    }
}
