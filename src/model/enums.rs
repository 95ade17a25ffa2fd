//! The closed value sets of DOMAIN.md. Variant order is part of the stored
//! encoding (bincode writes the variant index): append, never reorder.

use super::choice::choice_enum;

choice_enum!(Role {
    Leader = "leader", "组长", "Group leader";
    DeputyLeader = "deputy_leader", "常务副组长", "Executive deputy leader";
    OfficeDirector = "office_director", "办公室主任", "Office director";
    FullTime = "full_time", "专职委员", "Full-time member";
    PartTime = "part_time", "兼职委员", "Part-time member";
});

choice_enum!(UnitKind {
    Organ = "organ", "机关", "Government organ";
    Institution = "institution", "事业单位", "Public institution";
    StateEnterprise = "state_enterprise", "国有企业", "State enterprise";
    NonPublic = "non_public", "非公经济组织", "Non-public enterprise";
    SocialOrg = "social_org", "社会组织", "Social organisation";
    School = "school", "学校", "School";
    Other = "other", "其他", "Other";
});

choice_enum!(HouseholdTag {
    Hardship = "hardship", "困难户", "Hardship";
    ElderlyAlone = "elderly_alone", "独居老人", "Elderly living alone";
    Disabled = "disabled", "残疾人", "Disabled";
    Veteran = "veteran", "退役军人", "Veteran";
    Subsistence = "subsistence", "低保户", "Subsistence allowance";
    LeftBehind = "left_behind", "留守人员", "Left-behind";
});

choice_enum!(VisitKind {
    Home = "home", "上门走访", "Home visit";
    Reception = "reception", "来访接待", "Reception";
    Phone = "phone", "电话联系", "Phone call";
    Unit = "unit", "单位走访", "Unit visit";
    Community = "community", "社区指导", "Community guidance";
});

choice_enum!(DemandCategory {
    Infrastructure = "infrastructure", "基础设施", "Infrastructure";
    Environment = "environment", "环境卫生", "Environment";
    Safety = "safety", "治安安全", "Public safety";
    Welfare = "welfare", "民生保障", "Welfare";
    Employment = "employment", "就业", "Employment";
    Dispute = "dispute", "矛盾纠纷", "Dispute";
    Enterprise = "enterprise", "企业发展", "Enterprise";
    Other = "other", "其他", "Other";
});

choice_enum!(DemandStatus {
    Open = "open", "待办", "Open";
    InProgress = "in_progress", "办理中", "In progress";
    Escalated = "escalated", "提交议事会", "Escalated";
    Resolved = "resolved", "已办结", "Resolved";
    Unresolvable = "unresolvable", "无法解决", "Unresolvable";
});

impl DemandStatus {
    /// Still waiting for someone to act (counts towards overdue).
    pub fn is_pending(self) -> bool {
        matches!(self, Self::Open | Self::InProgress | Self::Escalated)
    }
}

choice_enum!(Satisfaction {
    Satisfied = "satisfied", "满意", "Satisfied";
    Basic = "basic", "基本满意", "Basically satisfied";
    Unsatisfied = "unsatisfied", "不满意", "Unsatisfied";
});

choice_enum!(MeetingKind {
    Regular = "regular", "例会", "Regular";
    Extra = "extra", "临时会议", "Extra";
});

choice_enum!(MeetingStatus {
    Planned = "planned", "计划", "Planned";
    Held = "held", "已召开", "Held";
    Cancelled = "cancelled", "已取消", "Cancelled";
});

choice_enum!(TaskStatus {
    Todo = "todo", "未开始", "To do";
    Doing = "doing", "进行中", "Doing";
    Done = "done", "已完成", "Done";
});

choice_enum!(Recommendation {
    None = "none", "无", "None";
    Commendation = "commendation", "推荐评先评优", "Recommended for commendation";
    Nomination = "nomination", "推荐为两代表一委员人选", "Recommended as a deputy nominee";
});

choice_enum!(VoteSetKind {
    Residents = "residents", "群众", "residents";
    Deputies = "deputies", "代表", "deputies";
    Committee = "committee", "大工委", "committee";
});

choice_enum!(Grade {
    Excellent = "excellent", "优秀", "Excellent";
    Competent = "competent", "称职", "Competent";
    Basic = "basic", "基本称职", "Basically competent";
    Incompetent = "incompetent", "不称职", "Incompetent";
});

choice_enum!(DeputyType {
    PartyCongress = "party_congress", "党代表", "Party congress deputy";
    PeoplesCongress = "peoples_congress", "人大代表", "People's congress deputy";
    Cppcc = "cppcc", "政协委员", "CPPCC member";
});

choice_enum!(DeputyLevel {
    City = "city", "市", "City";
    District = "district", "区", "District";
    Street = "street", "街道", "Street";
});

choice_enum!(SessionKind {
    Committee = "committee", "向大工委述职", "Report to the committee";
    Deputies = "deputies", "向两代表一委员述职", "Report to the deputies";
});
