//! Hot issues (热点、难点问题): the open demands that say the same thing in the
//! same community, grouped so that the joint meeting takes them up once.
//!
//! Similar content is found by **character bigrams**: a Chinese text's key
//! phrases are mostly two-character words (电动 车, 楼道, 充电, 路灯), so the
//! pairs of adjacent characters of two complaints overlap where their words
//! do, with no dictionary and no segmentation crate. Synonyms are not caught
//! (电瓶车 and 电动车 share only 车).

use super::topic_title;
use crate::model::enums::{DemandCategory, DemandStatus};
use crate::model::{Demand, Settings};
use crate::rules::overdue::{days_since, demand_overdue};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Demands raising one issue in one community, oldest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HotIssue {
    pub title: String,
    pub category: DemandCategory,
    pub community_id: Option<u64>,
    pub demand_ids: Vec<u64>,
    /// Distinct households that raised it.
    pub households: usize,
    /// Distinct units, communities and visitors that raised it.
    pub other_targets: usize,
    /// Distinct members handling it.
    pub members: usize,
    /// Days since the oldest demand was raised.
    pub waited_days: i64,
    pub escalated: bool,
    pub overdue: bool,
}

/// Bigrams that say "please" or name the place rather than the matter; they
/// would join unrelated complaints (希望尽快维修 / 希望协调加装).
const FILLER: &[&str] = &[
    "希望", "反映", "要求", "建议", "问题", "尽快", "居民", "小区", "社区", "协调", "咨询", "需要", "解决", "情况",
    "存在",
];

/// Two texts are similar when they share at least `MIN_SHARED` bigrams and
/// these are at least `MIN_OVERLAP` of the shorter one's (the overlap
/// coefficient, which lets a terse complaint match a long one). Measured on
/// the demo's 33 demand texts: distinct complaints of one category share at
/// most 0.18 (施工时段 / 子女入学 through 协调, 就业培训 twice, 上下楼 in a
/// stairwell lamp and a lift); e-bike charging written five ways shares
/// 0.19–0.36 pairwise (all linked through 0.25 or more), a broken street lamp
/// and a noisy restaurant 0.09 (晚上).
const MIN_SHARED: usize = 2;
const MIN_OVERLAP: f64 = 0.25;

/// Within one category and community, each text is compared with at most this
/// many distinct texts before it, so that a bucket of thousands stays linear.
const BUCKET_CAP: usize = 256;

/// The sorted distinct bigrams of `text`, taken within each run of letters
/// (punctuation, whitespace and digits split runs), fillers left out.
pub fn bigrams(text: &str) -> Vec<u64> {
    let filler = |a: char, b: char| FILLER.iter().any(|f| f.chars().eq([a, b]));
    let mut out = Vec::new();
    for run in text.split(|c: char| !c.is_alphabetic()) {
        let chars: Vec<char> = run.chars().flat_map(char::to_lowercase).collect();
        for w in chars.windows(2) {
            if !filler(w[0], w[1]) {
                out.push((u64::from(w[0]) << 32) | u64::from(w[1]));
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Whether two bigram sets (from [`bigrams`]) speak of the same matter.
pub fn similar(a: &[u64], b: &[u64]) -> bool {
    let shorter = a.len().min(b.len());
    if shorter < MIN_SHARED {
        return false;
    }
    let shared = shared_count(a, b);
    shared >= MIN_SHARED && shared as f64 >= MIN_OVERLAP * shorter as f64
}

fn shared_count(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => (i, j, n) = (i + 1, j + 1, n + 1),
        }
    }
    n
}

/// Whether the demand is still to be handled: open, in progress or escalated.
pub fn is_open(d: &Demand) -> bool {
    matches!(d.status, DemandStatus::Open | DemandStatus::InProgress | DemandStatus::Escalated)
}

/// The community a demand concerns: its own, or its household's.
fn community_of(d: &Demand, household_community: &HashMap<u64, u64>) -> Option<u64> {
    d.community_id.or_else(|| d.household_id.and_then(|h| household_community.get(&h).copied()))
}

/// Where similar demands are looked for: one category in one community.
type Bucket = (DemandCategory, Option<u64>);

/// `demands` (all open) grouped into issues: same category and community and
/// similar content, linked transitively; ranked by households, then by the
/// oldest wait. A demand like no other is an issue of one.
pub fn hot_issues(
    demands: &[(u64, &Demand)],
    household_community: &HashMap<u64, u64>,
    today: NaiveDate,
    settings: &Settings,
) -> Vec<HotIssue> {
    let mut buckets: BTreeMap<Bucket, Vec<(u64, &Demand)>> = BTreeMap::new();
    for &(id, d) in demands {
        buckets.entry((d.category, community_of(d, household_community))).or_default().push((id, d));
    }
    let mut out: Vec<HotIssue> = Vec::new();
    for ((category, community_id), mut bucket) in buckets {
        bucket.sort_by_key(|(id, d)| (d.raised_on, *id));
        for members in group_bucket(&bucket) {
            let group: Vec<(u64, &Demand)> = members.into_iter().map(|i| bucket[i]).collect();
            out.push(issue_of(&group, category, community_id, today, settings));
        }
    }
    out.sort_by(|a, b| {
        (b.households, b.waited_days, b.demand_ids.len(), a.demand_ids[0]).cmp(&(
            a.households,
            a.waited_days,
            a.demand_ids.len(),
            b.demand_ids[0],
        ))
    });
    out
}

/// The bucket's demands (by index) in groups, each in the bucket's order.
fn group_bucket(bucket: &[(u64, &Demand)]) -> Vec<Vec<usize>> {
    let mut parent: Vec<usize> = (0..bucket.len()).collect();
    let mut same_text: HashMap<Vec<u64>, usize> = HashMap::new();
    let mut compared: Vec<(usize, Vec<u64>)> = Vec::new();
    for (i, (_, d)) in bucket.iter().enumerate() {
        let grams = bigrams(&d.content);
        if let Some(&first) = same_text.get(&grams) {
            union(&mut parent, first, i);
            continue;
        }
        for (j, other) in &compared {
            if similar(&grams, other) {
                union(&mut parent, *j, i);
            }
        }
        if compared.len() < BUCKET_CAP {
            compared.push((i, grams.clone()));
        }
        same_text.insert(grams, i);
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..bucket.len() {
        groups.entry(root(&mut parent, i)).or_default().push(i);
    }
    groups.into_values().collect()
}

fn root(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (root(parent, a), root(parent, b));
    // The older demand stays the root, so a group is keyed by its oldest.
    parent[ra.max(rb)] = ra.min(rb);
}

/// Who raised a demand, so that one household raising it twice counts once.
#[derive(PartialEq, Eq, Hash)]
enum Raiser<'a> {
    Household(u64),
    Unit(u64),
    Visitor(&'a str),
    Community(u64),
}

fn raiser(d: &Demand) -> Option<Raiser<'_>> {
    let visitor = d.visitor.trim();
    match (d.household_id, d.unit_id, d.community_id) {
        (Some(h), ..) => Some(Raiser::Household(h)),
        (_, Some(u), _) => Some(Raiser::Unit(u)),
        _ if !visitor.is_empty() => Some(Raiser::Visitor(visitor)),
        (.., Some(c)) => Some(Raiser::Community(c)),
        _ => None,
    }
}

/// The issue of `group`, oldest demand first.
fn issue_of(
    group: &[(u64, &Demand)],
    category: DemandCategory,
    community_id: Option<u64>,
    today: NaiveDate,
    settings: &Settings,
) -> HotIssue {
    let raisers: HashSet<Raiser> = group.iter().filter_map(|(_, d)| raiser(d)).collect();
    let households = raisers.iter().filter(|r| matches!(r, Raiser::Household(_))).count();
    let members: HashSet<u64> = group.iter().filter_map(|(_, d)| d.member_id).collect();
    let oldest = group[0].1;
    HotIssue {
        title: topic_title(&oldest.content),
        category,
        community_id,
        demand_ids: group.iter().map(|(id, _)| *id).collect(),
        households,
        other_targets: raisers.len() - households,
        members: members.len(),
        waited_days: days_since(oldest.raised_on, today),
        escalated: group.iter().any(|(_, d)| d.status == DemandStatus::Escalated),
        overdue: group.iter().any(|(_, d)| demand_overdue(d, today, settings)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn demand(household: u64, category: DemandCategory, raised: &str, content: &str) -> Demand {
        Demand {
            household_id: Some(household),
            member_id: Some(household % 2 + 1),
            ..Demand::new(d(raised), category, content)
        }
    }

    /// Households 1–9 live in community 1, 10 and up in community 2.
    fn communities() -> HashMap<u64, u64> {
        (1..20).map(|h| (h, if h < 10 { 1 } else { 2 })).collect()
    }

    fn issues(demands: &[Demand]) -> Vec<HotIssue> {
        let refs: Vec<(u64, &Demand)> = demands.iter().enumerate().map(|(i, d)| (i as u64 + 1, d)).collect();
        hot_issues(&refs, &communities(), d("2026-11-29"), &Settings::default())
    }

    const EBIKES: [&str; 4] = [
        "电动车在楼道充电，担心起火，希望建集中充电桩。",
        "楼道里电动车充电到半夜，存在火灾隐患",
        "电动自行车楼道内充电问题突出，建议安装充电桩",
        "3号楼好几户在楼道给电动车充电，请社区管一管",
    ];

    #[test]
    fn e_bikes_charging_in_stairwells_written_four_ways_are_one_issue() {
        use DemandCategory::Safety;
        let mut demands: Vec<Demand> =
            EBIKES.iter().enumerate().map(|(i, text)| demand(i as u64 + 1, Safety, "2026-11-01", text)).collect();
        demands[2].raised_on = d("2026-10-01");
        demands[3].household_id = Some(1); // the first household again
        demands[3].status = DemandStatus::Escalated;
        let got = issues(&demands);
        assert_eq!(got.len(), 1, "{got:?}");
        let issue = &got[0];
        assert_eq!(issue.demand_ids, [3, 1, 2, 4], "oldest first");
        assert_eq!(issue.title, "电动自行车楼道内充电问题突出，建议安装充电桩");
        assert_eq!((issue.households, issue.other_targets, issue.members), (3, 0, 2));
        assert_eq!(issue.waited_days, 59);
        assert!(issue.escalated && issue.overdue);
    }

    #[test]
    fn unrelated_complaints_of_one_community_stay_apart() {
        use DemandCategory::{Environment, Infrastructure};
        let demands = [
            demand(1, Environment, "2026-11-01", "路灯坏了好几天，晚上出门很黑"),
            demand(2, Environment, "2026-11-02", "楼下饭店晚上营业噪音太大，吵得睡不着"),
            demand(3, Infrastructure, "2026-11-03", "楼道灯不亮，晚上上下楼看不清，希望尽快维修。"),
            demand(4, Infrastructure, "2026-11-04", "老旧小区没有电梯，老人上下楼困难，希望协调加装电梯。"),
        ];
        assert_eq!(issues(&demands).len(), 4);
    }

    #[test]
    fn the_same_complaint_in_another_community_or_category_is_another_issue() {
        use DemandCategory::{Environment, Safety};
        let demands = [
            demand(1, Safety, "2026-11-01", EBIKES[0]),
            demand(11, Safety, "2026-11-01", EBIKES[0]),
            demand(2, Environment, "2026-11-01", EBIKES[0]),
            demand(3, Safety, "2026-11-20", EBIKES[0]),
        ];
        let got = issues(&demands);
        let ids: Vec<Vec<u64>> = got.iter().map(|i| i.demand_ids.clone()).collect();
        assert_eq!(ids, [vec![1, 4], vec![2], vec![3]], "two households first, then by the oldest wait and id");
        assert_eq!(got[1].community_id, Some(2));
    }

    #[test]
    fn bigrams_skip_punctuation_digits_and_fillers() {
        let pair = |s: &str| -> u64 {
            let c: Vec<char> = s.chars().collect();
            (u64::from(c[0]) << 32) | u64::from(c[1])
        };
        let mut want = vec![pair("路灯"), pair("灯坏"), pair("坏了")];
        want.sort_unstable();
        assert_eq!(bigrams("希望，路灯坏了！ 路灯 坏了12"), want);
        assert!(bigrams("好").is_empty());
    }

    #[test]
    fn a_large_bucket_is_grouped_without_comparing_every_pair() {
        // 3,000 different texts in one bucket: each is compared with at most
        // BUCKET_CAP others, and identical texts join without comparing.
        let mut demands: Vec<Demand> = (0..3000u32)
            .map(|i| {
                let text = format!("{}{}", char::from_u32(0x4e00 + i).unwrap(), char::from_u32(0x5e00 + i).unwrap());
                demand(1, DemandCategory::Other, "2026-11-01", &text)
            })
            .collect();
        demands.extend((0..500).map(|_| demand(2, DemandCategory::Other, "2026-11-02", EBIKES[0])));
        let got = issues(&demands);
        assert_eq!(got.len(), 3001);
        assert_eq!(got.iter().map(|i| i.demand_ids.len()).max(), Some(500));
    }
}
