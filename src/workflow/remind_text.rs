//! Reminders and what is late as lines for people (an e-mail from cron, the
//! workbench's report view, the overview), in the user's language.

use super::remind::{DueItem, DueKind, MemberLate};
use crate::i18n::Lang;
use chrono::NaiveDate;

pub fn kind_name(kind: DueKind, lang: Lang) -> &'static str {
    match kind {
        DueKind::Meeting => lang.pick("联席议事会", "joint meeting"),
        DueKind::Task => lang.pick("责任事项", "task"),
        DueKind::Demand => lang.pick("诉求", "demand"),
        DueKind::Household => lang.pick("联系户走访", "household visit"),
        DueKind::ContactReport => lang.pick("联系人汇报", "contact's report"),
    }
}

/// `还有 3 天` / `in 3 days`, `已超期 2 天` / `2 days late`.
pub fn when(days_left: i64, lang: Lang) -> String {
    match (days_left, lang) {
        (0, _) => lang.pick("今天到期", "due today").into(),
        (1, _) => lang.pick("明天到期", "due tomorrow").into(),
        (n, Lang::Zh) if n > 0 => format!("还有 {n} 天"),
        (n, Lang::En) if n > 0 => format!("in {n} days"),
        (n, Lang::Zh) => format!("已超期 {} 天", -n),
        (n, Lang::En) => format!("{} days late", -n),
    }
}

/// What a meeting's line adds: not planned yet, its notice missing, not held.
fn meeting_note(item: &DueItem, lang: Lang) -> Option<&'static str> {
    if item.kind != DueKind::Meeting {
        return None;
    }
    if item.id.is_none() {
        Some(lang.pick("尚未安排", "not planned yet"))
    } else if item.days_left < 0 {
        Some(lang.pick("未召开", "not held"))
    } else if item.notice_recorded == Some(false) {
        Some(lang.pick("通知未记录", "notice not recorded"))
    } else {
        None
    }
}

/// `责任事项：更换楼道灯（余伟军）`, the member left out when the line sits under their name.
pub fn what(item: &DueItem, with_member: bool, lang: Lang) -> String {
    let mut notes: Vec<&str> = Vec::new();
    if with_member && !item.member.is_empty() {
        notes.push(&item.member);
    }
    notes.extend(meeting_note(item, lang));
    let kind = kind_name(item.kind, lang);
    match lang {
        Lang::Zh if notes.is_empty() => format!("{kind}：{}", item.label),
        Lang::Zh => format!("{kind}：{}（{}）", item.label, notes.join("，")),
        Lang::En if notes.is_empty() => format!("{kind}: {}", item.label),
        Lang::En => format!("{kind}: {} ({})", item.label, notes.join(", ")),
    }
}

/// `2026-12-02  还有 3 天  责任事项：更换楼道灯（余伟军）`
pub fn item_line(item: &DueItem, with_member: bool, lang: Lang) -> String {
    format!("{}  {}  {}", item.due, when(item.days_left, lang), what(item, with_member, lang))
}

pub fn nothing_due(today: NaiveDate, days: u32, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{today} 起 {days} 天内没有到期事项"),
        Lang::En => format!("Nothing due within {days} days of {today}"),
    }
}

/// A heading, then a line per item; one line saying so when nothing is due.
pub fn remind_lines(items: &[DueItem], today: NaiveDate, days: u32, lang: Lang) -> Vec<String> {
    if items.is_empty() {
        return vec![nothing_due(today, days, lang)];
    }
    let head = match lang {
        Lang::Zh => format!("督办提醒：{today} 起 {days} 天内到期 {} 项", items.len()),
        Lang::En => format!("Reminders: {} due within {days} days of {today}", items.len()),
    };
    std::iter::once(head).chain(items.iter().map(|i| item_line(i, true, lang))).collect()
}

pub fn nothing_late(lang: Lang) -> &'static str {
    lang.pick("没有超期事项", "Nothing is overdue")
}

/// Per member a heading (`余伟军（2 项）`), then their items.
pub fn overdue_lines(groups: &[MemberLate], lang: Lang) -> Vec<String> {
    if groups.is_empty() {
        return vec![nothing_late(lang).to_string()];
    }
    let mut out = Vec::new();
    for group in groups {
        let name =
            if group.member.is_empty() { lang.pick("未指定委员", "No member named") } else { &group.member };
        out.push(match lang {
            Lang::Zh => format!("{name}（{} 项）", group.items.len()),
            Lang::En => format!("{name} ({})", group.items.len()),
        });
        out.extend(group.items.iter().map(|i| format!("  {}", item_line(i, false, lang))));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(kind: DueKind, id: Option<u64>, days_left: i64) -> DueItem {
        DueItem {
            kind,
            id,
            label: "2027Q1".into(),
            member_id: Some(1),
            member: "余伟军".into(),
            due: "2027-01-08".parse().unwrap(),
            days_left,
            notice_recorded: Some(false),
        }
    }

    #[test]
    fn lines_say_when_what_and_who() {
        let planned = item(DueKind::Meeting, Some(3), 3);
        assert_eq!(
            item_line(&planned, true, Lang::Zh),
            "2027-01-08  还有 3 天  联席议事会：2027Q1（余伟军，通知未记录）"
        );
        assert_eq!(
            item_line(&planned, false, Lang::En),
            "2027-01-08  in 3 days  joint meeting: 2027Q1 (notice not recorded)"
        );
        assert_eq!(when(-2, Lang::Zh), "已超期 2 天");
        assert_eq!(what(&item(DueKind::Meeting, None, 1), false, Lang::En), "joint meeting: 2027Q1 (not planned yet)");
        assert_eq!(what(&item(DueKind::Task, Some(1), 0), false, Lang::Zh), "责任事项：2027Q1");
    }

    #[test]
    fn nothing_due_is_one_line() {
        let today = "2026-11-29".parse().unwrap();
        assert_eq!(remind_lines(&[], today, 7, Lang::Zh), vec!["2026-11-29 起 7 天内没有到期事项"]);
        assert_eq!(overdue_lines(&[], Lang::En), vec!["Nothing is overdue"]);
    }
}
