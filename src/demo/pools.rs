//! Names, places and organisations of the demo street, and the small random
//! pickers (names, phones, addresses) built on them.

use crate::model::enums::{Role, UnitKind};
use fastrand::Rng;

pub const STREET: &str = "滨江街道";
pub const CITY_AREA_CODE: &str = "0571";
/// Indexes of the leading group in [`MEMBERS`] and of the street's own office in [`UNITS`].
pub const LEADER: usize = 0;
pub const DEPUTY_LEADER: usize = 1;
pub const OFFICE_DIRECTOR: usize = 2;
pub const STREET_OFFICE_UNIT: usize = 0;
/// Members short of their four links: few households, no unit, few households.
pub const SHORT_MEMBERS: [usize; 3] = [21, 22, 23];

pub const ORDINARY_SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗",
    "高",
];

/// Surnames whose reading differs from the character's common one (曾 zēng, 单 shàn…).
pub const POLYPHONIC_SURNAMES: &[&str] = &["曾", "单", "解", "仇", "区", "查", "朴", "盖", "缪", "覃", "翟"];

pub const GIVEN_NAMES: &[&str] = &[
    "伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超",
    "秀兰", "霞", "平", "刚", "桂英", "建国", "建华", "志强", "海燕", "玉兰", "淑珍", "文博", "子涵", "浩然", "雨桐",
    "思远", "国庆", "红梅", "德明", "春生", "晓东", "丽萍", "金凤", "宝华", "永强", "美玲", "立新", "卫东", "秀珍",
    "凤英", "志明", "玉梅", "海涛", "慧", "鹏", "欣怡", "嘉豪", "梓萱", "国华", "长青", "素芬", "月娥",
];

/// How residents are named by the people who receive them.
pub const VISITOR_TITLES: &[&str] = &["阿姨", "大爷", "先生", "女士", "师傅", "奶奶", "大姐", "老师"];

/// A community of the street: its name, roads, and a block of flats or two.
#[derive(Clone, Copy)]
pub struct CommunitySeed {
    pub name: &'static str,
    pub roads: &'static [&'static str],
    pub compounds: &'static [&'static str],
    pub note: &'static str,
}

pub const COMMUNITIES: &[CommunitySeed] = &[
    CommunitySeed {
        name: "江滨社区",
        roads: &["滨江路", "江滨路", "望潮路"],
        compounds: &["江滨花园", "望潮苑"],
        note: "沿江老旧小区集中，加装电梯需求较多",
    },
    CommunitySeed {
        name: "幸福里社区",
        roads: &["幸福路", "光明路", "和平巷"],
        compounds: &["幸福家园", "光明新村"],
        note: "老年人口占比约三成，独居老人较多",
    },
    CommunitySeed {
        name: "望江社区",
        roads: &["望江路", "观澜路", "清风街"],
        compounds: &["观澜府", "清风苑"],
        note: "新建商品房小区为主，物业矛盾需关注",
    },
    CommunitySeed {
        name: "清波社区",
        roads: &["清波路", "柳营巷", "涌金路"],
        compounds: &["柳营小区", "涌金公寓"],
        note: "商铺较多，流动人口较多",
    },
    CommunitySeed {
        name: "南苑社区",
        roads: &["南苑路", "学士路", "育才街"],
        compounds: &["南苑新村", "学士苑"],
        note: "辖区有三所学校，上下学时段交通压力大",
    },
    CommunitySeed {
        name: "锦绣社区",
        roads: &["锦绣路", "康乐路", "丰收路"],
        compounds: &["锦绣嘉园", "康乐小区"],
        note: "",
    },
];

/// A unit located in the street: name, kind, party organisation ("" when it has
/// none yet) and the usual range of its party members.
pub struct UnitSeed {
    pub name: &'static str,
    pub kind: UnitKind,
    pub party_org: &'static str,
    pub party_members: (u32, u32),
}

const fn u(name: &'static str, kind: UnitKind, party_org: &'static str, lo: u32, hi: u32) -> UnitSeed {
    UnitSeed { name, kind, party_org, party_members: (lo, hi) }
}

use UnitKind::{Institution as Ins, NonPublic as Np, Organ, School, SocialOrg as Soc, StateEnterprise as Soe};

/// Unit 0 is the street's own office: the full-time members' unit.
#[rustfmt::skip]
pub const UNITS: &[UnitSeed] = &[
    u("滨江街道党工委（办事处）", Organ, "滨江街道机关党支部", 40, 60),
    u("滨江派出所", Organ, "滨江派出所党支部", 25, 40),
    u("区市场监督管理局滨江所", Organ, "区市场监督管理局滨江所党支部", 8, 15),
    u("区城管局滨江中队", Organ, "区城管局滨江中队党支部", 10, 20),
    u("区税务局滨江税务所", Organ, "区税务局滨江税务所党支部", 12, 20),
    u("滨江司法所", Organ, "滨江司法所党支部", 3, 6),
    u("滨江社区卫生服务中心", Ins, "滨江社区卫生服务中心党支部", 15, 30),
    u("区图书馆滨江分馆", Ins, "区图书馆党总支滨江分馆支部", 3, 8),
    u("滨江街道文化站", Ins, "", 3, 5),
    u("区住房保障和房产管理局滨江房管所", Ins, "滨江房管所党支部", 6, 12),
    u("国网城南供电公司滨江供电所", Soe, "滨江供电所党支部", 15, 25),
    u("中国邮政滨江支局", Soe, "中国邮政滨江支局党支部", 5, 10),
    u("中国工商银行滨江支行", Soe, "工商银行滨江支行党支部", 12, 20),
    u("市自来水公司滨江营业所", Soe, "滨江营业所党支部", 6, 12),
    u("市燃气集团滨江站", Soe, "市燃气集团滨江站党支部", 8, 15),
    u("市公交集团第三分公司", Soe, "市公交集团第三分公司党委", 60, 90),
    u("杭州恒远科技有限公司", Np, "杭州恒远科技有限公司党支部", 10, 25),
    u("ABC科技有限公司", Np, "ABC科技有限公司党支部", 5, 12),
    u("杭州新锐网络科技有限公司", Np, "杭州新锐网络科技有限公司党支部", 4, 9),
    u("DHX国际物流（杭州）有限公司", Np, "江滨商务楼宇联合党支部", 2, 5),
    u("杭州绿源物业管理有限公司", Np, "杭州绿源物业管理有限公司党支部", 5, 10),
    u("百佳惠超市滨江店", Np, "", 1, 2),
    u("恒信汽车销售服务有限公司", Np, "恒信汽车党支部", 3, 6),
    u("江滨商务大厦", Np, "江滨商务楼宇联合党支部", 8, 16),
    u("杭州味之源餐饮管理有限公司", Np, "", 1, 2),
    u("浙江正衡律师事务所", Np, "浙江正衡律师事务所党支部", 4, 8),
    u("阳光志愿者协会", Soc, "阳光志愿者协会功能型党支部", 6, 15),
    u("滨江老年协会", Soc, "滨江老年协会党支部", 20, 35),
    u("滨江街道慈善分会", Soc, "", 2, 4),
    u("杭州邻里和社会工作服务中心", Soc, "邻里和社工中心党支部", 3, 6),
    u("滨江商会", Soc, "滨江商会党支部", 8, 14),
    u("滨江实验小学", School, "滨江实验小学党总支", 30, 45),
    u("滨江中学", School, "滨江中学党委", 40, 60),
    u("滨江第二小学", School, "滨江第二小学党支部", 18, 28),
    u("阳光幼儿园", School, "阳光幼儿园党支部", 5, 9),
    u("区职业技术学校", School, "区职业技术学校党委", 35, 55),
    u("江滨农贸市场", UnitKind::Other, "江滨农贸市场党支部", 3, 6),
    u("金色家园业主委员会", UnitKind::Other, "", 1, 3),
    u("滨江汽车客运站", UnitKind::Other, "滨江汽车客运站党支部", 5, 10),
    u("江滨公园管理处", Ins, "江滨公园管理处党支部", 4, 8),
];

/// A member of the base committee: name, role, post, line, unit index
/// (`None`: deliberately without a unit), duties.
pub struct MemberSeed {
    pub name: &'static str,
    pub role: Role,
    pub post: &'static str,
    pub line: &'static str,
    pub unit: Option<usize>,
    pub duties: &'static str,
}

const fn m(name: &'static str, role: Role, post: &'static str, line: &'static str, unit: Option<usize>) -> MemberSeed {
    MemberSeed { name, role, post, line, unit, duties: "" }
}

const fn with_duties(seed: MemberSeed, duties: &'static str) -> MemberSeed {
    MemberSeed { duties, ..seed }
}

use Role::{DeputyLeader, FullTime as Ft, Leader, OfficeDirector, PartTime as Pt};

/// The 24 members at scale 1. Index 21 links only six households, 22 has no
/// unit and 23 links three: the dashboard's shortfalls.
#[rustfmt::skip]
pub const MEMBERS: &[MemberSeed] = &[
    with_duties(m("余伟军", Leader, "街道党工委书记、联席议事会组长", "党建", Some(0)),
        "主持街道党工委全面工作；召集并主持大工委联席议事会，研究部署区域化党建重大事项。"),
    with_duties(m("邓星", DeputyLeader, "街道党工委副书记、联席议事会常务副组长", "综治维稳", Some(0)),
        "负责联席议事会日常工作安排，督促议定事项分解落实，协调各兼职委员履职。"),
    with_duties(m("蒋娜", OfficeDirector, "党政办主任、联席议事会办公室主任", "党建", Some(0)),
        "具体组织“四定四联”工作实施，负责会议筹备、纪要整理、事项督办和考评资料归档。"),
    m("曾志强", Ft, "组织委员", "党建", Some(0)),
    m("单丽华", Ft, "宣传委员", "文明创建", Some(0)),
    m("覃建国", Ft, "政法委员", "综治维稳", Some(0)),
    m("刘海燕", Ft, "社会事务办主任", "民政", Some(0)),
    m("朴东明", Ft, "城市管理办主任", "城市管理", Some(0)),
    m("解红梅", Pt, "兼职委员（平安建设）", "综治维稳", Some(1)),
    m("仇国庆", Pt, "兼职委员（食品药品安全）", "安全生产", Some(2)),
    m("查文博", Pt, "兼职委员（未成年人思想道德建设）", "文明创建", Some(31)),
    m("盖秀英", Pt, "兼职委员（卫生健康与计生服务）", "计划生育", Some(6)),
    m("缪建华", Pt, "兼职委员（公用设施保障）", "城市管理", Some(10)),
    m("翟明", Pt, "兼职委员（非公企业党建）", "党建", Some(16)),
    m("区淑珍", Pt, "兼职委员（青少年教育）", "文明创建", Some(32)),
    m("王磊", Pt, "兼职委员（市容环境）", "城市管理", Some(3)),
    m("李静", Pt, "兼职委员（金融服务）", "党建", Some(12)),
    m("张伟", Pt, "兼职委员（矛盾纠纷调处）", "综治维稳", Some(5)),
    m("陈芳", Pt, "兼职委员（志愿服务）", "民政", Some(26)),
    m("杨勇", Pt, "兼职委员（楼宇党建）", "党建", Some(17)),
    m("黄丽", Pt, "兼职委员（燃气安全）", "安全生产", Some(14)),
    m("赵刚", Pt, "兼职委员（税收服务）", "文明创建", Some(4)),
    m("周敏", Pt, "兼职委员（老年人服务）", "民政", None),
    m("徐涛", Pt, "兼职委员（市场管理）", "城市管理", Some(36)),
];

pub const LINES: &[&str] = &["党建", "文明创建", "综治维稳", "计划生育", "民政", "城市管理", "安全生产"];

/// Written duties by line, for members whose seed gives none.
pub fn duties_of(line: &str) -> &'static str {
    match line {
        "党建" => "统筹协调辖区机关、企业和社会组织党组织建设，推动共驻共建、资源共享。",
        "文明创建" => "牵头辖区文明创建和志愿服务，指导社区开展文明家庭、文明楼道评选。",
        "综治维稳" => "负责辖区社会治安综合治理和矛盾纠纷排查化解，参与重点人员稳控。",
        "计划生育" => "指导社区做好人口计生和卫生健康服务，协调辖区单位落实相关政策。",
        "民政" => "负责困难群众、独居老人、残疾人等群体的帮扶救助和养老服务衔接。",
        "城市管理" => "协调市容环境、背街小巷整治、停车秩序和公用设施维护等工作。",
        _ => "督促辖区单位落实安全生产主体责任，组织开展安全隐患排查整治。",
    }
}

pub fn pick<T: Copy>(rng: &mut Rng, items: &[T]) -> T {
    items[rng.usize(..items.len())]
}

/// Mostly ordinary surnames, about one in six a polyphonic one.
pub fn surname(rng: &mut Rng) -> &'static str {
    if rng.u8(..6) == 0 {
        pick(rng, POLYPHONIC_SURNAMES)
    } else {
        pick(rng, ORDINARY_SURNAMES)
    }
}

pub fn person_name(rng: &mut Rng) -> String {
    format!("{}{}", surname(rng), pick(rng, GIVEN_NAMES))
}

/// A walk-in visitor as the receptionist writes them down, sometimes with a phone.
pub fn visitor_name(rng: &mut Rng) -> String {
    let name = format!("{}{}", surname(rng), pick(rng, VISITOR_TITLES));
    if rng.u8(..10) < 3 {
        format!("{name} {}", mobile(rng))
    } else {
        name
    }
}

const MOBILE_PREFIXES: &[&str] = &[
    "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "153", "155", "156", "157",
    "158", "159", "177", "180", "181", "182", "183", "186", "187", "188", "189", "199",
];

/// An 11-digit mobile number.
pub fn mobile(rng: &mut Rng) -> String {
    format!("{}{:08}", pick(rng, MOBILE_PREFIXES), rng.u32(..100_000_000))
}

/// An office landline such as 0571-86123456.
pub fn landline(rng: &mut Rng) -> String {
    format!("{CITY_AREA_CODE}-8{:07}", rng.u32(..10_000_000))
}

/// A flat on one of the community's roads or in one of its compounds.
pub fn flat_address(rng: &mut Rng, community: &CommunitySeed) -> String {
    let building = rng.u32(1..=12);
    let entrance = rng.u32(1..=4);
    let room = rng.u32(1..=18) * 100 + rng.u32(1..=4);
    if rng.bool() {
        let number = rng.u32(1..=200);
        format!("{}{number}号{building}幢{entrance}单元{room}室", pick(rng, community.roads))
    } else {
        format!("{}{building}幢{entrance}单元{room}室", pick(rng, community.compounds))
    }
}

/// A street address of an office or shop.
pub fn street_address(rng: &mut Rng, community: &CommunitySeed) -> String {
    format!("{}{}号", pick(rng, community.roads), rng.u32(1..=300))
}
