//! 会议通知, 签到表 and 会议纪要 laid out from their views.

use super::text::{date_text, day_text, heading1, heading2, names};
use super::views::{MeetingHead, MinutesView, NoticeView, SigninView};
use crate::i18n::Lang;
use crate::io::docx::{Column, Document, Table};
use crate::io::ledger::quarter_name;

/// `2027年第一季度大工委联席议事会`, or `大工委联席议事会临时会议`.
fn meeting_name(m: &MeetingHead, lang: Lang) -> String {
    match (lang, m.extra) {
        (Lang::Zh, false) => format!("{}大工委联席议事会", quarter_name(m.quarter, lang)),
        (Lang::Zh, true) => "大工委联席议事会临时会议".into(),
        (Lang::En, false) => {
            format!("the joint meeting of the big working committee, {}", quarter_name(m.quarter, lang))
        }
        (Lang::En, true) => "the extra joint meeting of the big working committee".into(),
    }
}

fn place(m: &MeetingHead, lang: Lang) -> String {
    if m.location.is_empty() {
        lang.pick("另行通知", "to be announced").into()
    } else {
        m.location.clone()
    }
}

pub fn notice(v: &NoticeView, lang: Lang) -> Document {
    let name = meeting_name(&v.meeting, lang);
    let gap = lang.pick("", " ");
    let when = format!("{}{gap}{}", day_text(v.meeting.date, lang), v.time.format("%H:%M"));
    let mut doc = Document::new(lang.pick("会议通知", "Meeting notice"));
    match lang {
        Lang::Zh => doc
            .title(&format!("关于召开{name}的通知"))
            .flush("各位委员：")
            .paragraph(&format!("经研究，定于{when}在{}召开{name}。现将有关事项通知如下：", place(&v.meeting, lang))),
        Lang::En => doc.title(&format!("Notice of {name}")).flush("To all members:").paragraph(&format!(
            "It has been decided to hold {name} at {} on {when}. The arrangements are as follows.",
            place(&v.meeting, lang)
        )),
    };
    let mut n = 0;
    let mut section = |doc: &mut Document, title: (&str, &str), body: &str| {
        n += 1;
        heading1(doc, n, lang.pick(title.0, title.1), lang);
        doc.paragraph(body);
    };
    section(&mut doc, ("会议时间", "Time"), &when);
    section(&mut doc, ("会议地点", "Place"), &place(&v.meeting, lang));
    let agenda: Vec<String> = v.topics.iter().enumerate().map(|(i, t)| format!("{}. {t}", i + 1)).collect();
    let agenda = if agenda.is_empty() {
        lang.pick("议程另行通知。", "The agenda will follow.").into()
    } else {
        agenda.join("\n")
    };
    section(&mut doc, ("会议议程", "Agenda"), &agenda);
    let attendees: Vec<String> = v.attendees.iter().map(|p| p.name.clone()).collect();
    section(&mut doc, ("参会人员", "Attending"), &names(&attendees, lang));
    let asks = lang.pick(
        "请参会人员提前10分钟到会签到。因故不能参会的，请提前向联系人请假。",
        "Please arrive ten minutes early to sign in; if you cannot come, tell the contact beforehand.",
    );
    section(&mut doc, ("有关要求", "Requests"), asks);
    if let Some(c) = &v.contact {
        let line = match (lang, c.phone.is_empty()) {
            (Lang::Zh, false) => format!("{}，联系电话：{}", c.name, c.phone),
            (Lang::En, false) => format!("{}, telephone {}", c.name, c.phone),
            (_, true) => c.name.clone(),
        };
        section(&mut doc, ("联系人", "Contact"), &line);
    }
    doc.signature(&v.signed.by, &date_text(v.signed.on, lang));
    doc
}

pub fn signin(v: &SigninView, lang: Lang) -> Document {
    let name = v.heading.clone().unwrap_or_else(|| meeting_name(&v.meeting, lang));
    let mut doc = Document::new(lang.pick("签到表", "Sign-in sheet"));
    match lang {
        Lang::Zh => doc.title(&format!("{name}签到表")),
        Lang::En => doc.title(&format!("Sign-in sheet: {name}")),
    };
    doc.flush(&format!(
        "{}{}　{}{}",
        lang.pick("时间：", "Date: "),
        day_text(v.meeting.date, lang),
        lang.pick("地点：", "Place: "),
        place(&v.meeting, lang)
    ));
    let headers =
        [("序号", "No.", 2), ("姓名", "Name", 4), ("单位", "Unit", 7), ("岗位", "Post", 5), ("签名", "Signature", 6)];
    let mut table = Table::new(headers.iter().map(|(zh, en, w)| Column::new(lang.pick(zh, en), *w)).collect());
    // About a centimetre a row: room for a handwritten name.
    table.row_height = Some(567);
    for (i, p) in v.people.iter().enumerate() {
        table.rows.push(vec![(i + 1).to_string(), p.name.clone(), p.unit.clone(), p.post.clone(), String::new()]);
    }
    doc.table(table);
    doc
}

pub fn minutes(v: &MinutesView, lang: Lang) -> Document {
    let name = meeting_name(&v.meeting, lang);
    let mut doc = Document::new(lang.pick("会议纪要", "Minutes"));
    match lang {
        Lang::Zh => doc.title(&format!("{name}会议纪要")),
        Lang::En => doc.title(&format!("Minutes of {name}")),
    };
    let expected = v.present.len() + v.absent.len();
    let facts = [
        (lang.pick("时间：", "Date: "), day_text(v.meeting.date, lang)),
        (lang.pick("地点：", "Place: "), place(&v.meeting, lang)),
        (lang.pick("主持：", "Chair: "), v.chair.clone().unwrap_or_else(|| lang.pick("未记录", "not recorded").into())),
        (
            lang.pick("出席：", "Present: "),
            match lang {
                Lang::Zh => format!("应到{expected}人，实到{}人（{}）", v.present.len(), names(&v.present, lang)),
                Lang::En => format!("{} of {expected} ({})", v.present.len(), names(&v.present, lang)),
            },
        ),
        (lang.pick("缺席：", "Absent: "), names(&v.absent, lang)),
    ];
    for (label, value) in facts {
        doc.paragraph(&format!("{label}{value}"));
    }
    doc.paragraph(&v.minutes);
    let mut n = 1;
    heading1(&mut doc, n, lang.pick("议定事项", "Topics and decisions"), lang);
    for (i, t) in v.topics.iter().enumerate() {
        heading2(&mut doc, i + 1, &t.title, lang);
        let none = lang.pick("未记录", "not recorded");
        let or_none = |s: &str| if s.trim().is_empty() { none.to_string() } else { s.to_string() };
        doc.paragraph(&format!("{}{}", lang.pick("讨论情况：", "Discussion: "), or_none(&t.discussion)));
        doc.paragraph(&format!("{}{}", lang.pick("议定事项：", "Decision: "), or_none(&t.decision)));
    }
    if v.topics.is_empty() {
        doc.paragraph(lang.pick("本次会议未记录议题。", "No topics were recorded."));
    }
    if !v.tasks.is_empty() {
        n += 1;
        heading1(&mut doc, n, lang.pick("责任分工", "Tasks"), lang);
        doc.table(task_table(v, lang));
    }
    if let Some(yuan) = v.funding {
        n += 1;
        heading1(&mut doc, n, lang.pick("工作经费", "Funding"), lang);
        let note = if v.funding_note.is_empty() { String::new() } else { format!("（{}）", v.funding_note) };
        doc.paragraph(&match lang {
            Lang::Zh => format!("本次会议安排工作经费{yuan}元{note}。"),
            Lang::En => format!("Funding of ¥{yuan} was allotted{note}."),
        });
    }
    doc.signature(&v.signed.by, &date_text(v.signed.on, lang));
    doc
}

fn task_table(v: &MinutesView, lang: Lang) -> Table {
    let headers = [("序号", "No.", 2), ("事项", "Task", 12), ("责任人", "Owner", 4), ("完成时限", "Due", 6)];
    let mut table = Table::new(headers.iter().map(|(zh, en, w)| Column::new(lang.pick(zh, en), *w)).collect());
    table.columns[1] = table.columns[1].clone().left();
    for (i, t) in v.tasks.iter().enumerate() {
        let due = t.due.map_or_else(|| lang.pick("未定", "none").to_string(), |d| date_text(d, lang));
        table.rows.push(vec![(i + 1).to_string(), t.title.clone(), t.owner.clone(), due]);
    }
    table
}
