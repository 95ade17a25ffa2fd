//! The member's 述职报告 draft: the year's figures filled in under the
//! headings the member completes.

use super::text::{date_text, heading1, heading2};
use super::views::ReportView;
use crate::i18n::Lang;
use crate::io::docx::Document;
use crate::review::duty_text::period_name;

/// What the member is asked to write where the figures end.
fn to_fill(lang: Lang) -> &'static str {
    lang.pick("（请本人填写。）", "(To be written by the member.)")
}

pub fn report(v: &ReportView, lang: Lang) -> Document {
    let r = &v.duty;
    let period = period_name(r.period, lang);
    let mut doc = Document::new(lang.pick("述职报告", "Duty report"));
    doc.title(&match lang {
        Lang::Zh => format!("{period}述职报告"),
        Lang::En => format!("Duty report, {period}"),
    });
    doc.subtitle(&r.member);
    doc.blank();
    let (h, d, f, m, k) = (&r.households, &r.demands, &r.follow_ups, &r.meetings, &r.tasks);
    let span = format!("{}{}{}", date_text(r.from, lang), lang.pick("至", " to "), date_text(r.as_of, lang));
    heading1(&mut doc, 1, lang.pick("履职基本情况", "Duties"), lang);
    doc.paragraph(&match lang {
        Lang::Zh => format!(
            "本人任大工委委员{}。{span}，联系群众{}户（应联系{}户），本期走访到{}户；按{}天走访周期，{}户在周期内。",
            if r.post.is_empty() { String::new() } else { format!("，岗位为{}", r.post) },
            h.linked, h.target, h.visited, h.cycle_days, h.within_cycle
        ),
        Lang::En => format!(
            "Member of the big working committee{}. From {span} I linked {} households (target {}) and visited {} of them; {} were visited within the {}-day cycle.",
            if r.post.is_empty() { String::new() } else { format!(", post: {}", r.post) },
            h.linked, h.target, h.visited, h.within_cycle, h.cycle_days
        ),
    });
    doc.paragraph(to_fill(lang));
    heading1(&mut doc, 2, lang.pick("主要工作", "Main work"), lang);
    let kinds: Vec<String> =
        r.visits.by_kind.iter().filter(|(_, n)| *n > 0).map(|(kind, n)| format!("{}{n}", kind.label(lang))).collect();
    let parts = [
        (lang.pick("联系走访群众", "Visits"), match lang {
            Lang::Zh => format!("共走访{}次（{}）。", r.visits.total, kinds.join("，")),
            Lang::En => format!("{} visits ({}).", r.visits.total, kinds.join(", ")),
        }),
        (lang.pick("办理群众诉求", "Demands"), match lang {
            Lang::Zh => format!(
                "经手诉求{}件，办结{}件，无法解决{}件，尚在办理{}件；回访{}件，满意{}件、基本满意{}件、不满意{}件。",
                d.handled, d.resolved, d.unresolvable, d.pending, f.total, f.satisfied, f.basic, f.unsatisfied
            ),
            Lang::En => format!(
                "{} demands handled: {} resolved, {} unresolvable, {} pending; {} follow-ups: {} satisfied, {} basically, {} unsatisfied.",
                d.handled, d.resolved, d.unresolvable, d.pending, f.total, f.satisfied, f.basic, f.unsatisfied
            ),
        }),
        (lang.pick("参加联席议事会", "Joint meetings"), match lang {
            Lang::Zh => format!("本期召开联席议事会{}次，本人参加{}次。", m.held, m.attended),
            Lang::En => format!("{} joint meetings held, {} attended.", m.held, m.attended),
        }),
        (lang.pick("落实责任事项", "Tasks"), match lang {
            Lang::Zh => format!("按期完成{}项，逾期完成{}项，逾期未完成{}项。", k.on_time, k.late, k.overdue),
            Lang::En => format!("{} done on time, {} late, {} overdue.", k.on_time, k.late, k.overdue),
        }),
    ];
    for (i, (title, figures)) in parts.iter().enumerate() {
        heading2(&mut doc, i + 1, title, lang);
        doc.paragraph(figures);
        doc.paragraph(to_fill(lang));
    }
    heading1(&mut doc, 3, lang.pick("存在的不足", "Shortcomings"), lang);
    doc.paragraph(to_fill(lang));
    heading1(&mut doc, 4, lang.pick("下一步打算", "Plans"), lang);
    doc.paragraph(to_fill(lang));
    doc.signature(&r.member, &date_text(v.on, lang));
    doc
}
