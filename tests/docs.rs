//! `silian doc …`: each document read back from its .docx package — page
//! size, margins, fonts and sizes, the page-number footer, and its content.

mod common;

use common::*;
use std::io::Read;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// `sample_street` with a street name, an office director's phone and a
/// 2025 evaluation for each of its three members (蒋娜's without votes yet).
fn street() -> (tempfile::TempDir, PathBuf) {
    let (dir, db) = unsigned_street();
    assert!(silian(&db, "zh", &["settings", "street_name", "滨江街道"]).status.success());
    (dir, db)
}

/// As `street`, but with neither a street name nor an issuing body set.
fn unsigned_street() -> (tempfile::TempDir, PathBuf) {
    silian::os::keep_files_private();
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(&dir);
    let store = silian::store::Store::open(&db, 8).unwrap();
    sample_street(&store);
    store.update(&ctx(), 3, member_with_phone(&store, 3), None).unwrap();
    add(&store, silian::model::Kind::Evaluation, &[("member_id", "3"), ("period", "2025")]);
    drop(store);
    (dir, db)
}

fn member_with_phone(store: &silian::store::Store, id: u64) -> silian::model::AnyData {
    let mut data = store.get(silian::model::Kind::Member, id).unwrap().unwrap().data;
    if let silian::model::AnyData::Member(m) = &mut data {
        m.phone = "13900002222".into();
    }
    data
}

/// Runs `silian doc ARGS` in `dir` (where a file without --out lands).
fn doc(db: &Path, dir: &Path, lang: &str, args: &[&str]) -> Output {
    Command::new(bin())
        .arg("doc")
        .args(args)
        .current_dir(dir)
        .env("SILIAN_DB", db)
        .env("SILIAN_LANG", lang)
        .env("SILIAN_TODAY", "2026-12-03")
        .output()
        .unwrap()
}

fn part(file: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(file).unwrap()).unwrap();
    let mut text = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut text).unwrap();
    text
}

/// The document's text, paragraph by paragraph, without markup.
fn text(xml: &str) -> String {
    let mut out = String::new();
    for para in xml.split("</w:p>") {
        for run in para.split("<w:t xml:space=\"preserve\">").skip(1) {
            out.push_str(run.split("</w:t>").next().unwrap());
        }
        out.push('\n');
    }
    out.replace("&quot;", "\"").replace("&amp;", "&")
}

/// Writes `args` to DIR/out.docx and reads its document part back.
fn written(db: &Path, dir: &Path, args: &[&str]) -> (String, String) {
    let out = dir.join("out.docx");
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--out", out.to_str().unwrap()]);
    let o = doc(db, dir, "zh", &all);
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    let xml = part(&out, "word/document.xml");
    (text(&xml), xml)
}

fn assert_official_layout(xml: &str) {
    assert!(xml.contains(r#"<w:pgSz w:w="11906" w:h="16838"/>"#), "A4");
    assert!(xml.contains(r#"w:top="2098" w:right="1474" w:bottom="1984" w:left="1587""#), "margins");
    assert!(xml.contains(r#"w:line="579" w:lineRule="exact""#), "28.95 pt lines");
    assert!(xml.contains(r#"<w:sz w:val="44"/>"#) && xml.contains(r#"w:eastAsia="方正小标宋简体""#), "title");
    assert!(xml.contains(r#"<w:sz w:val="32"/>"#) && xml.contains(r#"w:eastAsia="仿宋_GB2312""#), "body");
    assert!(xml.contains(r#"<w:footerReference w:type="default""#), "footer");
}

#[test]
fn the_package_has_the_official_page_setup_fonts_and_page_numbers() {
    let (dir, db) = street();
    let (_, xml) = written(&db, dir.path(), &["notice", "1"]);
    assert_official_layout(&xml);
    let out = dir.path().join("out.docx");
    let footer = part(&out, "word/footer1.xml");
    assert!(footer.contains("<w:instrText xml:space=\"preserve\"> PAGE </w:instrText>"), "{footer}");
    assert!(footer.contains(">— </w:t>") && footer.contains("> —</w:t>") && footer.contains(r#"<w:sz w:val="28"/>"#));
    assert!(part(&out, "word/settings.xml").contains("<w:evenAndOddHeaders/>"));
    let fonts = part(&out, "word/fontTable.xml");
    assert!(fonts.contains(r#"<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>"#), "{fonts}");
    assert!(fonts.contains(r#"<w:font w:name="黑体">"#) && fonts.contains(r#"<w:font w:name="楷体_GB2312">"#));
    let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

#[test]
fn a_notice_names_date_time_place_agenda_attendees_contact_and_is_signed() {
    let (dir, db) = street();
    let (text, xml) = written(&db, dir.path(), &["notice", "1", "--time", "14:30"]);
    for want in [
        "关于召开2026年第四季度大工委联席议事会的通知",
        "2026年10月9日（星期五）14:30",
        "街道三楼会议室",
        "1. 老旧小区楼道照明",
        "余伟军、单雄信、蒋娜",
        "蒋娜，联系电话：13900002222",
        "滨江街道党工委\n2026年12月3日",
    ] {
        assert!(text.contains(want), "{want} missing from:\n{text}");
    }
    assert!(xml.contains(r#"w:eastAsia="黑体""#), "first-level headings in 黑体");
}

#[test]
fn without_a_name_the_file_is_named_by_kind_and_meeting_date_in_the_current_directory() {
    let (dir, db) = street();
    let o = doc(&db, dir.path(), "zh", &["notice", "1"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("会议通知-2026-10-09.docx"));
    assert!(dir.path().join("会议通知-2026-10-09.docx").is_file());
}

#[test]
fn the_sign_in_sheet_lists_every_active_member_under_a_repeated_header() {
    let (dir, db) = street();
    let (text, xml) = written(&db, dir.path(), &["signin", "1"]);
    for name in ["余伟军", "单雄信", "蒋娜"] {
        assert!(text.contains(&format!("{name}\n")), "{name}: {text}");
    }
    assert!(text.contains("ABC科技有限公司") && text.contains("签名"));
    assert!(xml.contains("<w:tblHeader/>") && xml.contains(r#"<w:insideH w:val="single""#));
}

#[test]
fn a_reporting_sessions_sign_in_sheet_lists_who_reports_and_the_deputies_invited() {
    let (dir, db) = street();
    {
        let store = silian::store::Store::open(&db, 8).unwrap();
        roster(&store);
    }
    // Session 2 of `roster`: the 2025 deputies' session, members 1 and 2 reporting, deputies 1 and 2.
    let (text, xml) = written(&db, dir.path(), &["signin", "--session", "2"]);
    assert!(text.contains("2025年度向两代表一委员述职会签到表"), "{text}");
    for want in ["余伟军\n", "单雄信\n", "林海燕\n", "人大代表", "何国庆\n", "政协委员", "签名"] {
        assert!(text.contains(want), "{want}: {text}");
    }
    assert!(!text.contains("蒋娜"), "she does not report at it: {text}");
    assert!(xml.contains("<w:tblHeader/>"));
    let both = doc(&db, dir.path(), "en", &["signin", "1", "--session", "2"]);
    assert_eq!(both.status.code(), Some(2), "a meeting or a session, not both");
}

#[test]
fn the_minutes_hold_attendance_topics_decisions_and_tasks() {
    let (dir, db) = street();
    let (text, _) = written(&db, dir.path(), &["minutes", "1"]);
    for want in [
        "主持：余伟军",
        "应到3人，实到3人",
        "（一）老旧小区楼道照明",
        "物业与社区分工",
        "由物业两周内更换",
        "更换楼道灯",
        "2026年11月15日",
    ] {
        assert!(text.contains(want), "{want} missing from:\n{text}");
    }
}

#[test]
fn the_duty_report_has_the_figures_and_the_headings_to_fill_in() {
    let (dir, db) = street();
    let (text, _) = written(&db, dir.path(), &["report", "1", "--period", "2026"]);
    for want in [
        "2026年度述职报告",
        "一、履职基本情况",
        "二、主要工作",
        "三、存在的不足",
        "四、下一步打算",
        "共走访4次",
        "余伟军\n2026年12月3日",
    ] {
        assert!(text.contains(want), "{want} missing from:\n{text}");
    }
}

#[test]
fn a_ballot_has_four_boxes_for_every_evaluated_member_and_names_its_voters() {
    let (dir, db) = street();
    let (text, _) = written(&db, dir.path(), &["ballot", "2025", "--set", "deputies"]);
    assert_eq!(text.matches('□').count() - text.matches("“□”").count(), 3 * 4, "{text}");
    assert!(text.contains("测评人类别：代表") && text.contains("（代表测评用）"));
    for head in ["优秀", "称职", "基本称职", "不称职"] {
        assert!(text.contains(&format!("{head}\n")));
    }
}

#[test]
fn the_tally_counts_and_shares_each_members_votes() {
    let (dir, db) = street();
    let (text, _) = written(&db, dir.path(), &["tally", "2025"]);
    assert!(text.contains("余伟军\n25\n78.1%\n6\n18.8%\n1\n3.1%\n0\n0.0%\n32\n优秀"), "{text}");
}

#[test]
fn the_publicity_needs_a_contact_for_objections_and_runs_five_working_days() {
    let (dir, db) = street();
    let o = doc(&db, dir.path(), "en", &["publish", "2025"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("objection_contact"), "{}", stderr(&o));
    assert!(silian(&db, "zh", &["settings", "objection_contact", "街道党政办 0571-12345678"]).status.success());
    let graded = silian(&db, "zh", &["edit", "evaluation", "3", "--grade", "competent", "--grade_reason", "补录"]);
    assert!(graded.status.success(), "{}", stderr(&graded));
    // Thursday 3 December: Thursday, Friday, then Monday to Wednesday.
    let (text, _) = written(&db, dir.path(), &["publish", "2025"]);
    for want in [
        "公示期为2026年12月3日至2026年12月9日（5个工作日）",
        "街道党政办 0571-12345678",
        "单雄信",
        "滨江街道党工委\n2026年12月3日",
    ] {
        assert!(text.contains(want), "{want} missing from:\n{text}");
    }
}

#[test]
fn members_without_a_grade_are_named_rather_than_published() {
    let (dir, db) = street();
    assert!(silian(&db, "zh", &["settings", "objection_contact", "街道党政办"]).status.success());
    let o = doc(&db, dir.path(), "zh", &["publish", "2025", "--from", "2026-12-07"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("尚未评定等次") && stderr(&o).contains("蒋娜"), "{}", stderr(&o));
}

#[test]
fn the_covering_letter_goes_to_both_departments_with_the_grade_distribution() {
    let (dir, db) = street();
    let (text, _) = written(&db, dir.path(), &["feedback", "2025"]);
    for want in [
        "市委组织部、区委组织部：",
        "共3名",
        "优秀1名、称职1名、基本称职0名、不称职0名，未评定等次1名",
        "附件：",
        "滨江街道党工委",
    ] {
        assert!(text.contains(want), "{want} missing from:\n{text}");
    }
}

#[test]
fn bad_input_is_refused_naming_the_flag() {
    let (dir, db) = street();
    let o = doc(&db, dir.path(), "en", &["notice", "1", "--time", "25:00"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--time") && stderr(&o).contains("HH:MM"));
    let o = doc(&db, dir.path(), "zh", &["ballot", "2025", "--set", "everyone"]);
    assert!(stderr(&o).contains("--set") && stderr(&o).contains("residents"));
    let o = doc(&db, dir.path(), "zh", &["notice", "1", "--out", "x.pdf"]);
    assert!(stderr(&o).contains(".docx"));
    let o = doc(&db, dir.path(), "en", &["minutes", "99"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[test]
fn a_document_without_an_issuing_body_says_which_setting_to_set() {
    let (dir, db) = unsigned_street();
    let o = doc(&db, dir.path(), "zh", &["notice", "1"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("issuing_body"), "{}", stderr(&o));
}
