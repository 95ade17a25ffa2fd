//! 民主测评票, 测评结果统计表, 公示 and 报送函 laid out from their views.

use super::text::{date_text, percent};
use super::views::{BallotView, FeedbackView, PublishView, TallyView};
use crate::i18n::Lang;
use crate::io::docx::{Column, Document, Table, SIZE_SMALL_4};
use crate::model::enums::Grade;
use crate::review::duty_text::period_name;

/// The box a voter ticks.
const BOX: &str = "□";

pub fn ballot(v: &BallotView, lang: Lang) -> Document {
    let period = period_name(v.period, lang);
    let mut doc = Document::new(lang.pick("民主测评票", "Ballot"));
    match lang {
        Lang::Zh => {
            doc.title(&format!("大工委委员{period}民主测评票")).subtitle(&format!("（{}测评用）", v.set.label(lang)))
        }
        Lang::En => doc
            .title(&format!("Ballot: members of the big working committee, {period}"))
            .subtitle(&format!("(for the {})", v.set.label(lang))),
    };
    doc.paragraph(lang.pick(
        "请在每位委员对应的等次栏内“□”中划“√”，每人只选一个等次；多选或不选的，该项无效。",
        "Tick one box for each member; a row with no box or several boxes ticked does not count.",
    ));
    let mut columns = vec![Column::new(lang.pick("序号", "No."), 2), Column::new(lang.pick("姓名", "Name"), 4)];
    columns.push(Column::new(lang.pick("单位及岗位", "Unit and post"), 8).left());
    columns.extend(Grade::ALL.iter().map(|g| Column::new(g.label(lang), 3)));
    let mut table = Table::new(columns);
    table.row_height = Some(567);
    for (i, p) in v.people.iter().enumerate() {
        let unit_post =
            [p.unit.as_str(), p.post.as_str()].iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>();
        let mut row = vec![(i + 1).to_string(), p.name.clone(), unit_post.join(" ")];
        row.extend(Grade::ALL.iter().map(|_| BOX.to_string()));
        table.rows.push(row);
    }
    doc.table(table);
    doc.flush(&format!("{}{}", lang.pick("测评人类别：", "Voters: "), v.set.label(lang)));
    doc
}

pub fn tally(v: &TallyView, lang: Lang) -> Document {
    let period = period_name(v.period, lang);
    let mut doc = Document::new(lang.pick("测评结果统计表", "Tally"));
    match lang {
        Lang::Zh => doc.title(&format!("大工委委员{period}民主测评结果统计表")),
        Lang::En => doc.title(&format!("Democratic rating results, {period}")),
    };
    let mut columns = vec![Column::new(lang.pick("序号", "No."), 3), Column::new(lang.pick("姓名", "Name"), 5)];
    columns.extend(Grade::ALL.iter().map(|g| Column::new(g.label(lang), 6)));
    columns.push(Column::new(lang.pick("合计", "Total"), 4));
    columns.push(Column::new(lang.pick("等次", "Grade"), 5));
    let mut table = Table::new(columns);
    table.size = SIZE_SMALL_4;
    for (i, r) in v.rows.iter().enumerate() {
        let total = r.votes.total();
        let v4 = [r.votes.excellent, r.votes.competent, r.votes.basic, r.votes.incompetent];
        let mut row = vec![(i + 1).to_string(), r.person.name.clone()];
        row.extend(v4.iter().map(|n| format!("{n}\n{}", percent(*n, total))));
        row.push(total.to_string());
        row.push(r.grade.map_or_else(|| lang.pick("未评定", "not graded").to_string(), |g| g.label(lang).to_string()));
        table.rows.push(row);
    }
    doc.table(table);
    doc.paragraph(lang.pick(
        "注：每格上行为票数，下行为占有效票总数的比例。",
        "Each cell: the votes, and under them their share of all valid votes.",
    ));
    doc.signature(&v.signed.by, &date_text(v.signed.on, lang));
    doc
}

pub fn publish(v: &PublishView, lang: Lang) -> Document {
    let period = period_name(v.period, lang);
    let (from, to) = (date_text(v.from, lang), date_text(v.to, lang));
    let mut doc = Document::new(lang.pick("公示", "Publicity"));
    match lang {
        Lang::Zh => {
            doc.title(&format!("关于大工委委员{period}考评结果的公示"));
            doc.paragraph(&format!(
                "根据“四定四联”工作定期考事要求，经述职、点评和民主测评，现将大工委委员{period}考评结果予以公示（名单附后）。"
            ));
            doc.paragraph(&format!("公示期为{from}至{to}（{}个工作日）。", v.working_days));
            doc.paragraph(&format!(
                "公示期间，对公示对象有异议的，请以书面、电话或来访等形式向{}反映。反映情况应实事求是，以个人名义反映的请署真实姓名。",
                v.contact
            ));
        }
        Lang::En => {
            doc.title(&format!("Publicity: evaluation results of the members, {period}"));
            doc.paragraph(&format!("After the members' reports, comments and democratic rating, their {period} results are published below."));
            doc.paragraph(&format!("The publicity period runs from {from} to {to} ({} working days).", v.working_days));
            doc.paragraph(&format!("Objections may be made in writing, by telephone or in person to {}.", v.contact));
        }
    }
    let headers =
        [("序号", "No.", 2), ("姓名", "Name", 4), ("单位", "Unit", 8), ("岗位", "Post", 6), ("等次", "Grade", 4)];
    let mut table = Table::new(headers.iter().map(|(zh, en, w)| Column::new(lang.pick(zh, en), *w)).collect());
    for (i, (p, g)) in v.rows.iter().enumerate() {
        table.rows.push(vec![
            (i + 1).to_string(),
            p.name.clone(),
            p.unit.clone(),
            p.post.clone(),
            g.label(lang).into(),
        ]);
    }
    doc.table(table);
    doc.signature(&v.signed.by, &date_text(v.signed.on, lang));
    doc
}

pub fn feedback(v: &FeedbackView, lang: Lang) -> Document {
    let period = period_name(v.period, lang);
    let mut doc = Document::new(lang.pick("报送函", "Covering letter"));
    let counts: Vec<String> = v
        .by_grade
        .iter()
        .map(|(g, n)| match lang {
            Lang::Zh => format!("{}{n}名", g.label(lang)),
            Lang::En => format!("{} {n}", g.label(lang).to_lowercase()),
        })
        .collect();
    let ungraded = match (lang, v.ungraded) {
        (_, 0) => String::new(),
        (Lang::Zh, n) => format!("，未评定等次{n}名"),
        (Lang::En, n) => format!(", {n} not graded"),
    };
    match lang {
        Lang::Zh => {
            doc.title(&format!("关于报送大工委委员{period}考评结果的函"));
            doc.flush("市委组织部、区委组织部：");
            doc.paragraph(&format!(
                "根据“四定四联”工作定期考事要求，我街道已完成大工委委员{period}“双述双评”工作。现将考评结果报送你们，请予审核备案。"
            ));
            doc.paragraph(&format!("本次参加考评的委员共{}名，其中{}{ungraded}。", v.members, counts.join("、")));
            if let Some(on) = v.published_on {
                doc.paragraph(&format!(
                    "考评结果已于{}起公示，公示期间未收到异议的，以公示结果为准。",
                    date_text(on, lang)
                ));
            }
            doc.paragraph(&format!("附件：大工委委员{period}考评结果反馈表"));
        }
        Lang::En => {
            doc.title(&format!("Covering letter: evaluation results of the members, {period}"));
            doc.flush("To the city and district organisation departments:");
            doc.paragraph(&format!("The street has completed the {period} evaluation of its members. The results are sent herewith for review and record."));
            doc.paragraph(&format!("{} members were evaluated: {}{ungraded}.", v.members, counts.join(", ")));
            if let Some(on) = v.published_on {
                doc.paragraph(&format!("The results were published from {}.", date_text(on, lang)));
            }
            doc.paragraph(&format!("Enclosure: the {period} feedback workbook"));
        }
    }
    if let Some(c) = &v.contact {
        let phone = match (lang, c.phone.is_empty()) {
            (_, true) => String::new(),
            (Lang::Zh, false) => format!("，联系电话：{}", c.phone),
            (Lang::En, false) => format!(", telephone {}", c.phone),
        };
        doc.paragraph(&format!("{}{}{phone}", lang.pick("联系人：", "Contact: "), c.name));
    }
    doc.signature(&v.signed.by, &date_text(v.signed.on, lang));
    doc
}
