//! The four links (四联) of each active member: own unit, line of work, one
//! community, and `households_per_member` households in that community.

use crate::model::{Household, Member};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkStatus {
    pub member_id: u64,
    pub has_unit: bool,
    pub has_line: bool,
    pub has_community: bool,
    pub households: u32,
    pub target: u32,
    /// Linked households that lie outside the member's community.
    pub outside_community: u32,
}

impl LinkStatus {
    pub fn households_short(&self) -> u32 {
        self.target.saturating_sub(self.households)
    }

    /// Short of any of the four links.
    pub fn is_short(&self) -> bool {
        !self.has_unit || !self.has_line || !self.has_community || self.households_short() > 0
    }
}

/// Of a household, what its member's links count: who links it and where it is.
/// (The workbench holds households packed; these are 16 bytes each.)
#[derive(Clone, Copy, Debug)]
pub struct HouseholdLink {
    pub member_id: Option<u64>,
    pub community_id: u64,
}

impl From<&Household> for HouseholdLink {
    fn from(h: &Household) -> HouseholdLink {
        HouseholdLink { member_id: h.member_id, community_id: h.community_id }
    }
}

/// One status per member given; pass active members and active households only.
pub fn four_links(members: &[(u64, &Member)], households: &[HouseholdLink], target: u32) -> Vec<LinkStatus> {
    members.iter().map(|&(id, m)| link_status(id, m, households, target)).collect()
}

fn link_status(member_id: u64, member: &Member, households: &[HouseholdLink], target: u32) -> LinkStatus {
    let linked: Vec<&HouseholdLink> = households.iter().filter(|h| h.member_id == Some(member_id)).collect();
    let outside = linked.iter().filter(|h| Some(h.community_id) != member.community_id).count();
    LinkStatus {
        member_id,
        has_unit: member.unit_id.is_some(),
        has_line: !member.line.trim().is_empty(),
        has_community: member.community_id.is_some(),
        households: linked.len() as u32,
        target,
        outside_community: outside as u32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::enums::Role;

    fn member(unit: Option<u64>, community: Option<u64>, line: &str) -> Member {
        Member {
            name: "余伟军".into(),
            phone: String::new(),
            role: Role::PartTime,
            unit_id: unit,
            post: String::new(),
            duties: String::new(),
            line: line.into(),
            community_id: community,
            contact_name: String::new(),
            contact_phone: String::new(),
            notes: String::new(),
        }
    }

    fn household(community: u64, member: Option<u64>) -> Household {
        Household {
            community_id: community,
            member_id: member,
            head: "张三".into(),
            address: String::new(),
            phone: String::new(),
            size: None,
            tags: vec![],
            notes: String::new(),
        }
    }

    #[test]
    fn a_member_with_all_links_and_ten_households_is_complete() {
        let m = member(Some(1), Some(2), "党建");
        let hs: Vec<Household> = (0..10).map(|_| household(2, Some(7))).collect();
        let refs: Vec<HouseholdLink> = hs.iter().map(HouseholdLink::from).collect();
        let status = &four_links(&[(7, &m)], &refs, 10)[0];
        assert!(!status.is_short(), "{status:?}");
        assert_eq!(status.households, 10);
    }

    #[test]
    fn shortfalls_are_named() {
        let m = member(None, Some(2), "");
        let hs = [household(2, Some(7)), household(3, Some(7)), household(2, Some(8))];
        let refs: Vec<HouseholdLink> = hs.iter().map(HouseholdLink::from).collect();
        let status = &four_links(&[(7, &m)], &refs, 10)[0];
        assert!(status.is_short());
        assert!(!status.has_unit && !status.has_line && status.has_community);
        assert_eq!((status.households, status.households_short(), status.outside_community), (2, 8, 1));
    }
}
