//! The 述职 material as plain text in the user's language.

use super::duty::DutyReport;
use crate::i18n::Lang;
use crate::model::period::Period;
use std::fmt::Write;

/// `2026年度`, `2026年上半年`; `2026`, `2026 H1`.
pub fn period_name(p: Period, lang: Lang) -> String {
    match (lang, p.half) {
        (Lang::Zh, None) => format!("{}年度", p.year),
        (Lang::Zh, Some(1)) => format!("{}年上半年", p.year),
        (Lang::Zh, Some(_)) => format!("{}年下半年", p.year),
        (Lang::En, None) => p.year.to_string(),
        (Lang::En, Some(h)) => format!("{} H{h}", p.year),
    }
}

pub fn duty_text(r: &DutyReport, lang: Lang) -> String {
    match lang {
        Lang::Zh => zh(r),
        Lang::En => en(r),
    }
}

fn zh(r: &DutyReport) -> String {
    let mut t = String::new();
    let (h, d, f, m, k) = (&r.households, &r.demands, &r.follow_ups, &r.meetings, &r.tasks);
    let _ = writeln!(t, "{}{}述职材料（统计 {} 至 {}）", r.member, period_name(r.period, Lang::Zh), r.from, r.as_of);
    if !r.post.is_empty() {
        let _ = writeln!(t, "岗位：{}", r.post);
    }
    let short = h.target.saturating_sub(h.linked);
    let short = if short > 0 { format!("，差 {short} 户") } else { String::new() };
    let _ = writeln!(t, "\n一、联系户");
    let _ = writeln!(t, "  联系 {} 户（应联系 {} 户{short}），本期走访到 {} 户；", h.linked, h.target, h.visited);
    let overdue = h.linked - h.within_cycle;
    let _ = writeln!(t, "  按 {} 天走访周期，{} 户在周期内，{overdue} 户逾期未走访。", h.cycle_days, h.within_cycle);
    let kinds: Vec<String> =
        r.visits.by_kind.iter().map(|(kind, n)| format!("{} {n} 次", kind.label(Lang::Zh))).collect();
    let _ = writeln!(t, "\n二、走访\n  共 {} 次：{}。", r.visits.total, kinds.join("，"));
    let _ = writeln!(t, "\n三、诉求办理");
    let _ = writeln!(
        t,
        "  经手诉求 {} 件：办结 {} 件，无法解决 {} 件，尚在办理 {} 件。",
        d.handled, d.resolved, d.unresolvable, d.pending
    );
    let _ = writeln!(
        t,
        "  回访 {} 件：满意 {} 件，基本满意 {} 件，不满意 {} 件。",
        f.total, f.satisfied, f.basic, f.unsatisfied
    );
    let _ = writeln!(t, "\n四、联席议事会\n  本期召开 {} 次，参加 {} 次。", m.held, m.attended);
    let _ = writeln!(
        t,
        "\n五、责任事项\n  按期完成 {} 项，逾期完成 {} 项，逾期未完成 {} 项。",
        k.on_time, k.late, k.overdue
    );
    t
}

fn en(r: &DutyReport) -> String {
    let mut t = String::new();
    let (h, d, f, m, k) = (&r.households, &r.demands, &r.follow_ups, &r.meetings, &r.tasks);
    let _ = writeln!(
        t,
        "{}: report material for {} ({} to {})",
        r.member,
        period_name(r.period, Lang::En),
        r.from,
        r.as_of
    );
    if !r.post.is_empty() {
        let _ = writeln!(t, "Post: {}", r.post);
    }
    let short = h.target.saturating_sub(h.linked);
    let short = if short > 0 { format!(", {short} short") } else { String::new() };
    let _ = writeln!(t, "\n1. Linked households");
    let _ = writeln!(t, "  {} linked (target {}{short}); {} visited in the period;", h.linked, h.target, h.visited);
    let overdue = h.linked - h.within_cycle;
    let _ = writeln!(t, "  on a {}-day cycle, {} within the cycle, {overdue} overdue.", h.cycle_days, h.within_cycle);
    let kinds: Vec<String> =
        r.visits.by_kind.iter().map(|(kind, n)| format!("{} {n}", kind.label(Lang::En).to_lowercase())).collect();
    let _ = writeln!(t, "\n2. Visits\n  {} in all: {}.", r.visits.total, kinds.join(", "));
    let _ = writeln!(t, "\n3. Demands");
    let _ = writeln!(
        t,
        "  {} handled: {} resolved, {} unresolvable, {} still pending.",
        d.handled, d.resolved, d.unresolvable, d.pending
    );
    let _ = writeln!(
        t,
        "  {} follow-ups: {} satisfied, {} basically satisfied, {} unsatisfied.",
        f.total, f.satisfied, f.basic, f.unsatisfied
    );
    let _ = writeln!(t, "\n4. Joint meetings\n  {} held, {} attended.", m.held, m.attended);
    let _ = writeln!(
        t,
        "\n5. Tasks\n  {} done on time, {} done late, {} overdue and not done.",
        k.on_time, k.late, k.overdue
    );
    t
}
