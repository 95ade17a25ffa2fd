//! What members write down: visit summaries, demands and how they were handled,
//! meeting topics, progress notes and leaders' comments.

use crate::model::enums::{DemandCategory as C, Grade, HouseholdTag};

pub const HOME_GENERAL: &[&str] = &[
    "上门了解家庭近况，家中成员身体健康，生活稳定，对社区工作表示满意。",
    "入户走访，宣传垃圾分类和反诈知识，发放宣传资料一份。",
    "上门走访，了解到家中子女已就业，家庭收入稳定，无特殊困难。",
    "入户宣传医保参保缴费政策，指导家属通过手机完成缴费。",
    "走访时正值饭点，与户主拉家常，了解到小区近期路面修补后出行方便多了。",
    "上门走访，征求对社区工作的意见建议，户主建议多组织文体活动。",
    "入户核对家庭信息，更新联系电话，提醒注意冬季用火用电安全。",
    "上门走访，了解孩子上学情况，宣传暑期防溺水安全知识。",
];

pub const HOME_ELDERLY: &[&str] = &[
    "询问老人身体状况，了解到老人近期血压偏高，已提醒按时服药并联系社区医生上门。",
    "看望独居老人，检查家中燃气和用电安全，帮助更换了厨房灯泡。",
    "上门看望老人，老人精神状态良好，提出想参加社区老年食堂用餐，已登记。",
    "询问老人冬季取暖情况，送去棉被一床，叮嘱子女常回家看看。",
    "陪老人聊天半小时，了解到老人行动不便，已对接助老志愿者每周上门两次。",
];

pub const HOME_HARDSHIP: &[&str] = &[
    "走访困难家庭，了解医疗费用负担情况，讲解大病医疗救助申请流程。",
    "上门送去慰问金和米油，了解家庭收入变化，低保复核材料已指导准备。",
    "了解家中孩子就学情况，已对接教育资助政策，下学期可申请助学金。",
    "走访低保家庭，核实家庭人口和收入情况，户主表示近期打零工有些收入。",
];

pub const HOME_DISABLED: &[&str] = &[
    "走访残疾人家庭，了解康复训练情况，协助预约社区康复站服务。",
    "上门了解无障碍设施需求，已登记家庭无障碍改造意向。",
];

pub const HOME_VETERAN: &[&str] =
    &["走访退役军人家庭，送上节日慰问，宣传退役军人优待政策。", "与退役军人户主座谈，户主表示愿意参加社区志愿巡逻队。"];

pub const HOME_LEFT_BEHIND: &[&str] = &[
    "走访留守家庭，了解老人和孩子生活情况，已联系外出务工子女视频通话。",
    "了解留守儿童课后看护情况，推荐参加社区四点半课堂。",
];

pub const PHONE: &[&str] = &[
    "电话询问近况，家中一切正常，约定下月上门走访。",
    "电话联系户主，提醒近期降温注意保暖，家中暂无困难。",
    "电话回访上次反映的问题，户主表示已基本解决。",
    "电话了解老人身体情况，老人在子女家暂住，近期不在家。",
    "电话通知社区免费体检时间，户主表示会按时参加。",
];

pub const RECEPTION: &[&str] = &[
    "在党群服务中心接待来访群众，耐心听取诉求并做好登记。",
    "接待日值班，来访人咨询相关政策，已现场解答。",
    "来访人情绪较激动，经耐心解释后情绪平稳，留下联系方式待回复。",
    "接待来访，来访人带来书面材料，已复印存档并转相关部门。",
];

pub const UNIT_VISIT: &[&str] = &[
    "走访{unit}，了解生产经营和党组织活动情况，宣传区域化党建共驻共建机制。",
    "到{unit}座谈，听取单位对街道工作的意见建议，商定共建项目两项。",
    "走访{unit}，检查消防通道和安全生产台账，提醒做好节前安全检查。",
    "到{unit}了解党员队伍情况，指导开展主题党日活动。",
    "走访{unit}，对接单位志愿者参与社区文明创建活动。",
];

pub const COMMUNITY_VISIT: &[&str] = &[
    "到{community}指导党组织换届准备工作，查阅会议记录和党员名册。",
    "到{community}检查网格化管理落实情况，与网格员座谈。",
    "参加{community}主题党日活动，为党员讲党课。",
    "到{community}指导防汛物资准备和应急预案演练。",
    "到{community}调研老旧小区改造进展，听取居民代表意见。",
    "到{community}督导文明城市创建迎检工作，实地查看楼道整治情况。",
];

/// A demand: what it is about, its text, whether it is the kind of issue that
/// goes to the joint meeting (加装电梯, 停车难…), and how it ends when resolved.
#[derive(Clone, Copy)]
pub struct DemandSeed {
    pub category: C,
    pub content: &'static str,
    pub major: bool,
    pub resolution: &'static str,
}

const fn d(category: C, content: &'static str, major: bool, resolution: &'static str) -> DemandSeed {
    DemandSeed { category, content, major, resolution }
}

/// Demands residents raise at home, by phone or at the reception desk.
#[rustfmt::skip]
pub const RESIDENT_DEMANDS: &[DemandSeed] = &[
    d(C::Infrastructure, "楼道灯不亮，晚上上下楼看不清，希望尽快维修。", false, "已联系物业更换声控灯，经现场查看恢复正常。"),
    d(C::Infrastructure, "老旧小区没有电梯，老人上下楼困难，希望协调加装电梯。", true, "已组织单元居民协商并签订加装协议，电梯完成安装投入使用。"),
    d(C::Infrastructure, "楼顶漏水，雨天家里天花板渗水，物业迟迟不修。", false, "已协调动用维修资金完成屋面防水修缮。"),
    d(C::Infrastructure, "小区门口路面坑洼，下雨天积水严重。", false, "已报区市政部门完成路面修补和排水改造。"),
    d(C::Environment, "楼下餐饮店油烟大，窗户都不敢开。", false, "已会同城管和市场监管部门督促整改，店家已加装油烟净化设施。"),
    d(C::Environment, "楼道堆放杂物，既影响通行又有消防隐患。", false, "已组织物业和志愿者清理，建立每周巡查机制。"),
    d(C::Environment, "垃圾分类点清运不及时，夏天气味很大。", false, "已协调环卫部门增加清运频次至每日两次。"),
    d(C::Safety, "夜间楼下有人聚集喧哗，噪音扰民。", false, "已联系派出所加强夜间巡逻，情况明显好转。"),
    d(C::Safety, "电动车在楼道充电，担心起火，希望建集中充电桩。", true, "已协调安装集中充电设施，楼道充电现象基本消除。"),
    d(C::Safety, "小区监控有几处坏了，希望修复。", false, "已督促物业维修，监控恢复正常。"),
    d(C::Welfare, "咨询低保申请条件和需要准备的材料。", false, "已讲解政策并指导准备材料，申请已提交民政部门审核。"),
    d(C::Welfare, "老人行动不便，希望申请居家养老上门服务。", false, "已对接养老服务机构，每周提供两次上门服务。"),
    d(C::Welfare, "残疾人证到期，不清楚换证流程。", false, "已协助预约评残并办理换证。"),
    d(C::Welfare, "希望社区开办老年食堂，解决老人吃饭难。", true, "已协调辖区单位提供场地，社区老年食堂开业运营。"),
    d(C::Employment, "家中孩子大学毕业待业，希望了解就业培训信息。", false, "已推送岗位信息三条，本人已选定一家企业入职。"),
    d(C::Employment, "下岗后想学一门手艺，咨询就业培训需求和补贴政策。", false, "已推荐参加区就业培训班并顺利结业，现已上岗。"),
    d(C::Dispute, "楼上住户装修噪音大、时间长，沟通无果。", false, "经社区调解，双方约定施工时间，矛盾化解。"),
    d(C::Dispute, "与邻居因楼道杂物产生矛盾，希望社区调解。", false, "经社区人民调解委员会调解，双方达成一致意见。"),
    d(C::Dispute, "物业费上涨业主有意见，业委会与物业协商不成。", true, "经街道、社区组织三方协商，物业公开收支并调整收费方案。"),
    d(C::Other, "希望社区多组织一些适合老年人的文体活动。", false, "已采纳建议，社区每周二组织老年合唱和太极拳活动。"),
    d(C::Other, "反映小区快递柜不够用，快递经常放在门口。", false, "已协调快递企业增设快递柜两组。"),
];

/// Demands a community raises when a member comes to guide it.
#[rustfmt::skip]
pub const COMMUNITY_DEMANDS: &[DemandSeed] = &[
    d(C::Infrastructure, "辖区小区停车难，车辆乱停占用消防通道，需统筹规划停车位。", true, "已协调辖区单位夜间错时开放停车位一百余个，并施划消防通道标线。"),
    d(C::Infrastructure, "老旧小区雨污管网老化，汛期易内涝，需纳入改造计划。", true, "已纳入区老旧小区改造计划，雨污分流工程完工。"),
    d(C::Environment, "背街小巷环境脏乱，需要城管和环卫联合整治。", false, "已开展联合整治，建立街长、巷长包干制度。"),
    d(C::Safety, "社区微型消防站器材老化，需补充更新。", false, "已协调区消防救援大队补充更新器材。"),
    d(C::Welfare, "社区养老服务站场地不足，需协调用房。", true, "已协调辖区单位闲置用房二百平方米用于养老服务站。"),
    d(C::Other, "社区党群服务中心活动室面积小，希望辖区单位共享场地。", false, "已与辖区学校签订场地共享协议，周末开放活动室。"),
];

/// Demands units raise when a member visits them.
#[rustfmt::skip]
pub const UNIT_DEMANDS: &[DemandSeed] = &[
    d(C::Enterprise, "企业用工难，希望街道协助对接招聘会。", false, "已对接区人社局组织专场招聘会，企业招到员工二十余人。"),
    d(C::Enterprise, "门前道路施工影响货车进出，希望协调施工时段。", true, "已协调施工单位调整夜间施工时段，保障货车通行。"),
    d(C::Enterprise, "希望协调解决员工子女入学问题。", true, "已协调区教育局按政策安排员工子女就近入学。"),
    d(C::Enterprise, "咨询小微企业税费减免和稳岗补贴政策。", false, "已请税务所上门辅导，企业已享受相关减免。"),
    d(C::Safety, "单位周边路段缺少交通信号灯，上下班时段车流混乱。", true, "已报交警部门增设信号灯并施划斑马线。"),
    d(C::Other, "希望与社区共建党建阵地，联合开展主题党日。", false, "已签订共建协议，每季度联合开展一次主题党日。"),
];

/// The seed a demand's content came from.
pub fn seed_of(content: &str) -> Option<&'static DemandSeed> {
    [RESIDENT_DEMANDS, COMMUNITY_DEMANDS, UNIT_DEMANDS].into_iter().flatten().find(|d| d.content == content)
}

/// Whether `content` is one of the big issues that usually go to the joint meeting.
pub fn is_major(content: &str) -> bool {
    seed_of(content).is_some_and(|d| d.major)
}

pub const UNRESOLVABLE: &[&str] = &[
    "属于历史遗留产权问题，已向居民解释相关政策，建议通过司法途径解决。",
    "经核查不符合申请条件，已当面告知原因并介绍其他帮扶渠道。",
    "涉及小区全体业主意见，未达到法定表决比例，暂无法实施。",
    "属于市级统一规划事项，已如实向居民说明，街道层面无法解决。",
];

pub const FOLLOW_UP: &[&str] = &["回访诉求办理情况，问题已解决，", "上门回访，查看整改效果，", "电话回访办理结果，"];

pub const PROGRESS: &[&str] = &[
    "已召开专题协调会，明确各方分工，正在制定实施方案。",
    "已完成现场踏勘，相关部门正在走审批流程。",
    "施工单位已进场，预计按期完成。",
    "已征求居民意见，多数居民表示支持。",
    "资金来源已落实，正在组织招标。",
    "受天气影响进度稍有滞后，已督促加快推进。",
    "已与辖区单位对接，共建协议正在商定。",
];

pub const DONE: &[&str] = &["事项已全部完成，经验收合格，居民反映良好。", "已按会议要求办结，相关资料已报办公室归档。"];

/// A topic title, discussion and decision for escalated demands of a category.
pub fn topic_text(category: C) -> (&'static str, &'static str, &'static str) {
    match category {
        C::Infrastructure => (
            "老旧小区设施改造及加装电梯协调",
            "与会委员认为设施老化问题群众反映集中，需整合住建、供电、自来水等单位力量统筹推进。",
            "纳入年度民生实事项目，由联系社区的委员牵头协调，分片推进。",
        ),
        C::Environment => (
            "背街小巷及小区环境综合整治",
            "城管、市场监管委员介绍了执法情况，建议采取联合执法与物业自治相结合的方式。",
            "开展为期两个月的环境整治专项行动，建立长效巡查机制。",
        ),
        C::Safety => (
            "电动车充电及治安防控隐患整治",
            "派出所、燃气站委员通报了近期隐患排查情况，建议增设集中充电设施。",
            "各社区排查隐患点位，辖区单位支持场地建设集中充电设施。",
        ),
        C::Welfare => (
            "困难群众帮扶及居家养老服务",
            "委员们建议发挥辖区单位资源优势，以结对帮扶方式补齐养老服务短板。",
            "建立一对一帮扶台账，协调辖区单位提供养老服务用房。",
        ),
        C::Employment => (
            "居民就业创业帮扶",
            "非公企业委员介绍了用工需求，建议供需对接常态化。",
            "每季度举办一次辖区专场招聘会，开展技能培训。",
        ),
        C::Dispute => (
            "物业矛盾及邻里纠纷化解",
            "司法所委员分析了纠纷成因，建议发挥人民调解和业委会作用。",
            "成立联合调解小组，限期化解，重大纠纷报联席议事会跟踪。",
        ),
        C::Enterprise => (
            "辖区企业发展困难协调",
            "与会委员逐项分析企业反映的问题，明确了牵头部门。",
            "建立企业诉求直通车，由委员包干联系，限时办结。",
        ),
        C::Other => (
            "共驻共建及居民文体需求",
            "委员们建议开放辖区单位场地资源，丰富居民文化生活。",
            "制定辖区单位场地共享清单，按季度安排活动。",
        ),
    }
}

/// Standing business of a regular meeting, by quarter (1–4): title, discussion,
/// decision, and the line of the member who takes it on.
pub fn standing_topic(q: u8, year: i32) -> (&'static str, &'static str, &'static str, &'static str) {
    const TOPICS: [[(&str, &str, &str, &str); 2]; 4] = [
        [
            (
                "部署年度区域化党建工作要点",
                "传达区委工作会议精神，讨论本年度共建项目清单。",
                "印发年度工作要点，各委员认领共建项目。",
                "党建",
            ),
            (
                "春节期间安全生产和市场保供",
                "通报节前安全检查情况，研究节日市场保供措施。",
                "开展节前安全大检查，重点检查燃气和消防。",
                "安全生产",
            ),
        ],
        [
            (
                "防汛防台准备工作",
                "听取各社区防汛物资和应急队伍准备情况。",
                "完善防汛应急预案，组织一次联合演练。",
                "安全生产",
            ),
            (
                "全国文明城区创建迎检部署",
                "分析上年度测评失分点，明确整改责任。",
                "实行委员包片督导，每周通报进展。",
                "文明创建",
            ),
        ],
        [
            (
                "平安建设和矛盾纠纷排查",
                "通报上半年治安形势和信访情况。",
                "开展矛盾纠纷集中排查化解月活动。",
                "综治维稳",
            ),
            (
                "暑期青少年安全和关爱服务",
                "研究暑期托管和防溺水安全措施。",
                "联合辖区学校开设暑期公益托管班。",
                "文明创建",
            ),
        ],
        [
            (
                "年度“双述双评”工作安排",
                "讨论述职评议的时间安排和测评方式。",
                "十二月底前完成述职材料，次年一月组织双述双评。",
                "党建",
            ),
            (
                "冬季困难群众帮扶和安全防范",
                "研究冬季走访慰问和防火防盗措施。",
                "开展冬季送温暖活动，加强夜间巡防。",
                "民政",
            ),
        ],
    ];
    let q = usize::from(q.clamp(1, 4)) - 1;
    TOPICS[q][year.rem_euclid(2) as usize]
}

/// The special business of an extra meeting.
pub const EXTRA_TOPICS: &[(&str, &str, &str, &str)] = &[
    (
        "汛期防汛抢险专题部署",
        "气象部门发布强降雨预警，研究易涝点位值守和人员转移方案。",
        "各委员分片值守易涝点，辖区单位提供应急物资。",
        "安全生产",
    ),
    (
        "重点项目征迁协调专题会",
        "听取征迁进展，研究解决居民安置中的困难。",
        "成立协调专班，一户一策做好群众工作。",
        "综治维稳",
    ),
];

pub fn leader_comment(grade: Option<Grade>) -> &'static str {
    match grade {
        Some(Grade::Excellent) => "履职积极主动，联系群众紧密，牵头事项推进有力，成效明显。",
        Some(Grade::Competent) => "能够按要求履行委员职责，参加议事会和走访较为规范，建议进一步发挥单位资源优势。",
        Some(Grade::Basic) => "履职基本到位，但走访联系户次数偏少，议定事项推进较慢，需加强。",
        Some(Grade::Incompetent) => "参加议事会和联系群众明显不足，联系户未配齐，责任事项未按期完成，需限期整改。",
        None => "述职材料已提交，待民主测评后综合评定。",
    }
}

/// A note on a household that tags call for.
pub fn household_note(tag: HouseholdTag) -> &'static str {
    match tag {
        HouseholdTag::ElderlyAlone => "子女在外地工作，每月回来一次。",
        HouseholdTag::Disabled => "轮椅出行，上门前请提前电话联系。",
        HouseholdTag::Veteran => "退役军人，曾参加抗洪抢险。",
        HouseholdTag::LeftBehind => "夫妻在外务工，老人带孩子。",
        HouseholdTag::Subsistence => "低保户，每年复核一次。",
        HouseholdTag::Hardship => "因病致困，需重点关注。",
    }
}
