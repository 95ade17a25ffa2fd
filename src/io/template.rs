//! Empty XLSX templates with Chinese headers and an instruction row.
//!
//! Row 1 is a merged title (`委员名单（导入模板）`), row 2 the headers (the
//! field labels; required ones bold and red, optional ones plain), row 3 an instruction per
//! column that starts with 必填 or 选填 — the import command skips a row whose
//! cells start so — then the panes are frozen and staff fill in rows 4 on.
//! Choice columns get a drop-down list; phone columns are formatted as text
//! so that Excel keeps their digits; date columns get a date format. It prints
//! like every sheet silian writes (`xlsx::set_up_printing`).

use super::export::table::text_width;
use super::export::xlsx::{header_format, merged_line, plain_header_format, set_up_printing, DATE_FORMAT};
use super::export::WriteError;
use crate::i18n::{list_sep, Lang};
use crate::model::choice::Choice;
use crate::model::fields::{specs, FieldSpec, FieldType};
use crate::model::Kind;
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, Format, FormatAlign, FormatBorder, Workbook, XlsxError,
};

/// The kinds a template is written for: those the importer reads.
pub use super::import::IMPORTABLE;

/// Rows (after the instruction row) that get drop-downs and column formats.
const FILL_ROWS: u32 = 5000;
const MIN_WIDTH: usize = 8;
const MAX_WIDTH: usize = 30;

pub fn is_importable(kind: Kind) -> bool {
    IMPORTABLE.contains(&kind)
}

/// `member, unit, …` for messages.
pub fn importable_ids() -> String {
    IMPORTABLE.map(Kind::id).join(", ")
}

/// The fields a clerk fills in: every field but references to records that
/// only silian names (a visit, a demand, a meeting, a task).
pub fn columns(kind: Kind) -> Vec<&'static FieldSpec> {
    specs(kind)
        .iter()
        .filter(|s| !matches!(s.ty, FieldType::Ref(Kind::Visit | Kind::Demand | Kind::Meeting | Kind::Task)))
        .collect()
}

/// `委员名单（导入模板）`.
pub fn title(kind: Kind, lang: Lang) -> String {
    let zh = match kind {
        Kind::Member => "委员名单",
        Kind::Unit => "辖区单位名单",
        Kind::Community => "社区名单",
        Kind::Household => "联系户名单",
        Kind::Visit => "走访记录",
        Kind::Demand => "诉求登记",
        Kind::Deputy => "两代表一委员名单",
        other => other.label(Lang::Zh),
    };
    match lang {
        Lang::Zh => format!("{zh}（导入模板）"),
        Lang::En => format!("{} (import template)", kind.plural_label(Lang::En)),
    }
}

/// Required on import: required and without a default.
pub fn must_fill(spec: &FieldSpec) -> bool {
    spec.required && spec.default.is_none()
}

/// Visits and demands name exactly one of these.
fn is_target(kind: Kind, spec: &FieldSpec) -> bool {
    matches!(kind, Kind::Visit | Kind::Demand)
        && matches!(spec.name, "household_id" | "unit_id" | "community_id" | "visitor")
}

/// The instruction cell of a column: `必填；如 余伟军`, `选填；日期，如 2026-11-29`,
/// `必填；可选：组长、常务副组长、…`. Always starts with 必填 or 选填.
pub fn instruction(kind: Kind, spec: &FieldSpec, lang: Lang) -> String {
    let mut parts: Vec<String> = Vec::new();
    let head = match (must_fill(spec), lang) {
        (true, Lang::Zh) => "必填",
        (false, Lang::Zh) => "选填",
        (true, Lang::En) => "必填 required",
        (false, Lang::En) => "选填 optional",
    };
    parts.push(head.to_string());
    if is_target(kind, spec) {
        let labels: Vec<&str> = specs(kind).iter().filter(|s| is_target(kind, s)).map(|s| s.label(lang)).collect();
        parts.push(match lang {
            Lang::Zh => format!("{}须填且只填一项", labels.join("、")),
            Lang::En => format!("fill exactly one of {}", labels.join(", ")),
        });
    }
    if let Some(default) = spec.default {
        let shown = match spec.ty {
            FieldType::Choice(choices) => Choice::find(choices, default).map_or(default, |c| c.label(lang)),
            _ => default,
        };
        parts.push(format!("{}{shown}", lang.pick("默认 ", "default ")));
    }
    if let Some(hint) = type_hint(kind, spec, lang) {
        parts.push(hint);
    }
    parts.join(lang.pick("；", "; "))
}

fn type_hint(kind: Kind, spec: &FieldSpec, lang: Lang) -> Option<String> {
    let eg = |v: &str| format!("{}{v}", lang.pick("如 ", "e.g. "));
    let labels = |choices: &[Choice]| choices.iter().map(|c| c.label(lang)).collect::<Vec<_>>().join(list_sep(lang));
    let example = example(kind, spec.name);
    Some(match spec.ty {
        FieldType::Choice(choices) => format!("{}{}", lang.pick("可选：", "one of: "), labels(choices)),
        FieldType::Choices(choices) => match lang {
            Lang::Zh => format!("可多选，用、分隔：{}", labels(choices)),
            Lang::En => format!("any of, separated by commas: {}", labels(choices)),
        },
        FieldType::Date => format!("{}{}", lang.pick("日期，如 ", "date, e.g. "), example.unwrap_or("2026-11-29")),
        FieldType::Count { .. } => {
            format!("{}{}", lang.pick("整数，如 ", "whole number, e.g. "), example.unwrap_or("3"))
        }
        FieldType::Ref(target) => {
            let what = match (target, lang) {
                (Kind::Member, Lang::Zh) => "委员姓名",
                (Kind::Unit, Lang::Zh) => "单位名称",
                (Kind::Community, Lang::Zh) => "社区名称",
                (Kind::Household, Lang::Zh) => "户主姓名",
                (Kind::Member, Lang::En) => "the member's name",
                (Kind::Unit, Lang::En) => "the unit's name",
                (Kind::Community, Lang::En) => "the community's name",
                (Kind::Household, Lang::En) => "the head of household",
                (_, _) => return None,
            };
            match example {
                Some(v) => format!("{what}{}{}", lang.pick("，", ", "), eg(v)),
                None => what.to_string(),
            }
        }
        FieldType::Phone => eg(example.unwrap_or("13812341234")),
        _ => eg(example?),
    })
}

/// A typical value of a field, to show its form.
fn example(kind: Kind, field: &str) -> Option<&'static str> {
    Some(match (kind, field) {
        (_, "community_id") => "长安社区",
        (_, "unit_id") => "滨江实验小学",
        (Kind::Household, "member_id") => "余伟军",
        (_, "member_id") => "余伟军",
        (_, "household_id") => "曾国藩",
        (Kind::Member, "name") => "余伟军",
        (Kind::Member, "post") => "党建指导员",
        (Kind::Member, "duties") => "联系辖区单位党建工作",
        (Kind::Member, "line") => "党建",
        (Kind::Member, "contact_name") => "王芳",
        (Kind::Member, "contact_phone") => "13900001111",
        (Kind::Unit, "name") => "滨江实验小学",
        (Kind::Unit, "address") => "滨江路1号",
        (Kind::Unit, "party_org") => "滨江实验小学党支部",
        (Kind::Unit, "secretary") => "李明",
        (Kind::Unit | Kind::Community, "phone") => "0571-87654321",
        (Kind::Unit, "party_members") => "12",
        (Kind::Community, "name") => "长安社区",
        (Kind::Community, "address") => "长安路100号",
        (Kind::Community, "party_org") => "长安社区党委",
        (Kind::Community, "secretary") => "查良镛",
        (Kind::Community, "households_total") => "3200",
        (Kind::Community, "population") => "8600",
        (Kind::Household, "head") => "曾国藩",
        (Kind::Household, "address") => "幸福路12号3栋501室",
        (Kind::Household, "size") => "3",
        (Kind::Visit, "visitor") | (Kind::Demand, "visitor") => "王阿姨",
        (Kind::Visit, "summary") => "了解老人身体状况",
        (Kind::Demand, "content") => "楼道灯不亮，老人夜间出行不便",
        (Kind::Demand, "resolution") => "已协调物业更换",
        (Kind::Demand, "raised_on") => "2026-11-20",
        (Kind::Demand, "resolved_on") => "2026-11-28",
        (Kind::Demand, "follow_up_on") => "2026-12-05",
        (Kind::Deputy, "name") => "林海燕",
        (Kind::Deputy, "sector") => "滨江实验小学",
        _ => return None,
    })
}

/// The template of `kind` as the bytes of an `.xlsx` file.
pub fn template_bytes(kind: Kind, lang: Lang) -> Result<Vec<u8>, WriteError> {
    Ok(write_template(kind, lang)?)
}

fn write_template(kind: Kind, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let columns = columns(kind);
    let mut workbook = Workbook::new();
    let ws = workbook.add_worksheet();
    ws.set_name(super::export::table::sheet_name(kind.plural_label(lang)))?;

    let title_format = Format::new().set_bold().set_font_size(14).set_align(FormatAlign::Center);
    merged_line(ws, 0, columns.len() as u16, &title(kind, lang), &title_format)?;
    ws.set_row_height(0, 26)?;

    let optional = plain_header_format();
    let required = header_format().set_font_color(Color::RGB(0xC00000));
    let hint = Format::new()
        .set_italic()
        .set_font_color(Color::RGB(0x595959))
        .set_background_color(Color::RGB(0xFFF8E1))
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let text_cells = Format::new().set_num_format("@");
    let date_cells = Format::new().set_num_format(DATE_FORMAT);

    let mut lines = 1;
    let mut widths = Vec::with_capacity(columns.len());
    for (col, spec) in columns.iter().enumerate() {
        let col16 = col as u16;
        let header = spec.label(lang);
        ws.write_string_with_format(1, col16, header, if must_fill(spec) { &required } else { &optional })?;
        let text = instruction(kind, spec, lang);
        ws.write_string_with_format(2, col16, &text, &hint)?;
        let width = (text_width(header) + 4).max(text_width(&text) + 2).clamp(MIN_WIDTH, MAX_WIDTH);
        ws.set_column_width(col16, width as f64)?;
        widths.push(width);
        lines = lines.max(text_width(&text).div_ceil(width.saturating_sub(1).max(1)));
        match spec.ty {
            FieldType::Phone => {
                ws.set_column_format(col16, &text_cells)?;
            }
            FieldType::Date => {
                ws.set_column_format(col16, &date_cells)?;
            }
            FieldType::Choice(choices) => {
                let labels: Vec<&str> = choices.iter().map(|c| c.label(lang)).collect();
                if let Ok(list) = DataValidation::new().allow_list_strings(&labels) {
                    let list = list.set_error_style(DataValidationErrorStyle::Warning);
                    ws.add_data_validation(3, col16, 3 + FILL_ROWS, col16, &list)?;
                }
            }
            _ => {}
        }
    }
    ws.set_row_height(2, 15.0 * lines.clamp(1, 6) as f64)?;
    ws.set_freeze_panes(3, 0)?;
    // A template printed for filling in by hand keeps its headers and instructions on every page.
    set_up_printing(ws, &widths, 1, 2, lang)?;
    workbook.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fields::spec_of;

    fn hint(kind: Kind, field: &str) -> String {
        instruction(kind, spec_of(kind, field).unwrap(), Lang::Zh)
    }

    #[test]
    fn instructions_read_like_a_clerk_would_write_them() {
        assert_eq!(hint(Kind::Member, "name"), "必填；如 余伟军");
        assert_eq!(hint(Kind::Member, "phone"), "选填；如 13812341234");
        assert_eq!(hint(Kind::Member, "role"), "必填；可选：组长、常务副组长、办公室主任、专职委员、兼职委员");
        assert_eq!(hint(Kind::Household, "community_id"), "必填；社区名称，如 长安社区");
        assert_eq!(hint(Kind::Visit, "date"), "必填；日期，如 2026-11-29");
        assert_eq!(hint(Kind::Demand, "resolved_on"), "选填；日期，如 2026-11-28");
        assert!(hint(Kind::Visit, "kind").starts_with("选填；默认 上门走访；可选："));
        assert!(hint(Kind::Visit, "visitor").starts_with("选填；联系户、单位、社区、来访人须填且只填一项"));
        assert!(hint(Kind::Household, "tags").starts_with("选填；可多选"));
    }

    #[test]
    fn every_instruction_starts_with_the_skip_marker() {
        for kind in IMPORTABLE {
            for lang in [Lang::Zh, Lang::En] {
                for spec in columns(kind) {
                    let text = instruction(kind, spec, lang);
                    assert!(text.starts_with("必填") || text.starts_with("选填"), "{kind} {}: {text}", spec.name);
                }
            }
        }
    }

    #[test]
    fn templates_leave_out_references_only_silian_can_name() {
        let names: Vec<&str> = columns(Kind::Demand).iter().map(|s| s.name).collect();
        assert!(!names.contains(&"visit_id") && !names.contains(&"meeting_id") && !names.contains(&"task_id"));
        assert!(names.contains(&"member_id") && names.contains(&"household_id"));
        assert!(!columns(Kind::Visit).iter().any(|s| s.name == "demand_id"));
    }

    #[test]
    fn titles_name_the_list() {
        assert_eq!(title(Kind::Member, Lang::Zh), "委员名单（导入模板）");
        assert_eq!(title(Kind::Household, Lang::En), "Households (import template)");
    }

    #[test]
    fn every_importable_kind_has_a_template() {
        for kind in IMPORTABLE {
            let bytes = template_bytes(kind, Lang::Zh).unwrap();
            assert_eq!(&bytes[..2], b"PK");
        }
    }
}
