//! The import report in the user's language: what was read and skipped, every
//! problem as `第 N 行，名称 列：问题，应为…` / `line N, column NAME: …`, and a summary.

use super::{LineProblem, Match, Plan, RefProblem, What};
use crate::i18n::{list_sep, Lang};
use crate::io::limits::MAX_PROBLEMS_SHOWN;
use crate::io::read::{SheetFormat, TextEncoding};
use crate::model::fields::specs;
use crate::model::{Kind, Problem};

/// How many skipped or merged lines are named one by one before "and N more".
const LINES_SHOWN: usize = 20;

/// Every line of the report: notes on the file, then the problems, then skips.
/// The summary line is [`summary`].
pub fn render(plan: &Plan, format: Option<&SheetFormat>, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    out.extend(format.map(|f| format_note(f, lang)));
    out.extend(layout_notes(plan, lang));
    out.extend(plan.problems.iter().map(|p| problem_line(plan.kind, p, lang)));
    out.extend((plan.more_problems > 0).then(|| more_problems(plan.more_problems, lang)));
    out.extend(note_lines(plan, lang));
    out.extend(skip_notes(plan, lang));
    // Names and values come from the file: none may reach a terminal as a control sequence.
    out.iter().map(|line| crate::present::visible(line)).collect()
}

/// Rows written as they are, but worth a look; how many took the household's member.
fn note_lines(plan: &Plan, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    let mut others = plan.notes.iter().filter_map(|(line, note)| match note {
        super::Note::OtherMember { household, linked, named } => Some((line, household, linked, named)),
        super::Note::MemberFromHousehold => None,
    });
    for (line, household, linked, named) in others.by_ref().take(LINES_SHOWN) {
        out.push(match lang {
            Lang::Zh => format!(
                "注意：第 {line} 行，联系户 {household} 的联系委员是 {linked}，这一行填的是 {named}（按所填导入）"
            ),
            Lang::En => format!(
                "note: line {line}, {household}'s linked member is {linked}, the row names {named} (imported as named)"
            ),
        });
    }
    let more = others.count();
    if more > 0 {
        out.push(match lang {
            Lang::Zh => format!("……另有 {more} 行的委员不是联系户的联系委员"),
            Lang::En => format!("… and {more} more rows naming another member than the household's"),
        });
    }
    let taken = plan.notes.iter().filter(|(_, n)| *n == super::Note::MemberFromHousehold).count();
    if taken > 0 {
        out.push(match lang {
            Lang::Zh => format!("{taken} 行未填委员，已按联系户的联系委员填入"),
            Lang::En => format!("{taken} rows name no member: the household's linked member was taken"),
        });
    }
    out
}

fn more_problems(more: usize, lang: Lang) -> String {
    let shown = MAX_PROBLEMS_SHOWN;
    match lang {
        Lang::Zh => format!("……另有 {more} 处问题未列出（只列出前 {shown} 处）"),
        Lang::En => format!("… and {more} more problems (only the first {shown} are listed)"),
    }
}

fn format_note(format: &SheetFormat, lang: Lang) -> String {
    match (format, lang) {
        (SheetFormat::Csv { encoding, detected, bom }, _) => {
            let name = match encoding {
                TextEncoding::Utf8 if *bom => "UTF-8 (BOM)".to_string(),
                e => e.name().to_string(),
            };
            match (lang, detected) {
                (Lang::Zh, true) => format!("按 CSV 读取，编码 {name}（自动识别）"),
                (Lang::Zh, false) => format!("按 CSV 读取，编码 {name}（按 --encoding 指定）"),
                (Lang::En, true) => format!("read as CSV, encoding {name} (detected)"),
                (Lang::En, false) => format!("read as CSV, encoding {name} (as given by --encoding)"),
            }
        }
        (SheetFormat::Workbook { sheet, sheets }, Lang::Zh) if *sheets > 1 => {
            format!("读取工作表“{sheet}”（共 {sheets} 张，只读第一张有数据的）")
        }
        (SheetFormat::Workbook { sheet, .. }, Lang::Zh) => format!("读取工作表“{sheet}”"),
        (SheetFormat::Workbook { sheet, sheets }, Lang::En) if *sheets > 1 => {
            format!("read sheet \"{sheet}\" (the first of {sheets} that holds data)")
        }
        (SheetFormat::Workbook { sheet, .. }, Lang::En) => format!("read sheet \"{sheet}\""),
    }
}

fn quote(s: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("“{s}”"),
        Lang::En => format!("\"{s}\""),
    }
}

fn layout_notes(plan: &Plan, lang: Lang) -> Vec<String> {
    let layout = &plan.layout;
    let mut out = Vec::new();
    out.push(match lang {
        Lang::Zh => format!("表头在第 {} 行", layout.header_line),
        Lang::En => format!("header on line {}", layout.header_line),
    });
    for (line, text) in &layout.skipped_before {
        let text: String = text.chars().take(30).collect();
        out.push(match lang {
            Lang::Zh => format!("已跳过第 {line} 行（表头之前：{}）", quote(&text, lang)),
            Lang::En => format!("skipped line {line} (above the header: {})", quote(&text, lang)),
        });
    }
    for line in &layout.instruction_lines {
        out.push(match lang {
            Lang::Zh => format!("已跳过第 {line} 行（填写说明或示例）"),
            Lang::En => format!("skipped line {line} (instructions or example)"),
        });
    }
    if !layout.unknown.is_empty() {
        let names: Vec<String> = layout.unknown.iter().map(|(_, h)| quote(h, lang)).collect();
        let known: Vec<&str> = specs(plan.kind).iter().map(|s| s.label(lang)).collect();
        out.push(match lang {
            Lang::Zh => {
                format!("未识别的列已忽略：{}；可用的列：{}", names.join(list_sep(lang)), known.join(list_sep(lang)))
            }
            Lang::En => format!(
                "unknown columns ignored: {}; columns are: {} (or the Chinese labels)",
                names.join(", "),
                specs(plan.kind).iter().map(|s| s.name).collect::<Vec<_>>().join(", ")
            ),
        });
    }
    for (_, header, earlier) in &layout.repeated {
        out.push(match lang {
            Lang::Zh => format!("列{}与列{}是同一项，已忽略前者", quote(header, lang), quote(earlier, lang)),
            Lang::En => {
                format!("column {} means the same as column {}; ignored", quote(header, lang), quote(earlier, lang))
            }
        });
    }
    let missing: Vec<&str> = specs(plan.kind)
        .iter()
        .filter(|s| s.required && s.default.is_none() && layout.column(s.name).is_none())
        .map(|s| s.label(lang))
        .collect();
    if !missing.is_empty() {
        out.push(match lang {
            Lang::Zh => format!("文件中没有必填的列：{}", missing.join(list_sep(lang))),
            Lang::En => format!("the file has no column for required fields: {}", missing.join(", ")),
        });
    }
    out
}

/// `第 N 行，名称 列：问题` / `line N, column NAME: problem`.
pub fn problem_line(kind: Kind, p: &LineProblem, lang: Lang) -> String {
    let column = match &p.column {
        Some(header) => header.clone(),
        None => crate::model::fields::spec_of(kind, &p.field).map_or(p.field.clone(), |s| s.label(lang).to_string()),
    };
    let what = describe(kind, &p.what, lang);
    match lang {
        Lang::Zh => format!("第 {} 行，{column} 列：{what}", p.line),
        Lang::En => format!("line {}, column {column}: {what}", p.line),
    }
}

fn ids_text(ids: &[u64], lang: Lang) -> String {
    ids.iter().map(u64::to_string).collect::<Vec<_>>().join(list_sep(lang))
}

/// What makes two rows the same record, for duplicate messages.
fn key_text(kind: Kind, lang: Lang) -> &'static str {
    match kind {
        Kind::Member => lang.pick("姓名和电话相同", "same name and phone"),
        Kind::Household => lang.pick("户主和住址相同", "same head and address"),
        _ => lang.pick("名称相同", "same name"),
    }
}

pub fn describe(kind: Kind, what: &What, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    match what {
        What::Field(problem) => problem.describe(kind, lang),
        What::Ref { target, problem } => describe_ref(*target, problem, lang),
        What::Scientific { value } => {
            if zh {
                format!("\"{value}\" 是 Excel 的科学计数法，号码已丢失位数；应在 Excel 中把该列设为“文本”格式，重新填写号码后再保存")
            } else {
                format!("\"{value}\" is in Excel's scientific notation and has lost digits; format the column as Text in Excel, type the numbers again and save")
            }
        }
        What::Duplicate(found) => {
            let with = match (found, lang) {
                (Match::Store(ids), Lang::Zh) => {
                    format!("与已有{}重复（编号 {}）", kind.label(lang), ids_text(ids, lang))
                }
                (Match::Store(ids), Lang::En) => {
                    format!("repeats an existing {} (id {})", kind.label(lang), ids_text(ids, lang))
                }
                (Match::Line(line), Lang::Zh) => format!("与第 {line} 行重复"),
                (Match::Line(line), Lang::En) => format!("repeats line {line}"),
            };
            if zh {
                format!(
                    "{with}（{}）；应删除此行，或用 --on-duplicate skip 跳过、--on-duplicate update 更新",
                    key_text(kind, lang)
                )
            } else {
                format!(
                    "{with} ({}); remove the row, or use --on-duplicate skip or --on-duplicate update",
                    key_text(kind, lang)
                )
            }
        }
        What::UpdateWhich { ids } => {
            if zh {
                format!(
                    "有 {} 条已有{}与此行相同（编号 {}），无法确定更新哪一条；应先在系统中归档多余的记录",
                    ids.len(),
                    kind.label(lang),
                    ids_text(ids, lang)
                )
            } else {
                format!("{} existing {} records match this row (ids {}), so which to update is unclear; archive the extra ones first", ids.len(), kind.label(lang), ids_text(ids, lang))
            }
        }
    }
}

fn describe_ref(target: Kind, problem: &RefProblem, lang: Lang) -> String {
    let label = target.label(lang);
    let zh = lang == Lang::Zh;
    match problem {
        RefProblem::Unknown { value, total: 0, .. } => {
            if zh {
                format!("找不到名为“{value}”的{label}：数据库中还没有{label}；应先添加或导入{label}")
            } else {
                format!("there is no {label} named \"{value}\": the store has no {label} yet; add or import them first")
            }
        }
        RefProblem::Unknown { value, known, total } => {
            let more = if *total > known.len() { lang.pick("等", ", …") } else { "" };
            if zh {
                format!(
                    "找不到名为“{value}”的{label}；应为已有{label}的名称或编号，如 {}{more}",
                    known.join(list_sep(lang))
                )
            } else {
                format!("there is no {label} named \"{value}\"; expected the name or id of an existing {label}, e.g. {}{more}", known.join(", "))
            }
        }
        RefProblem::Ambiguous { value, candidates } => {
            let list: Vec<String> = candidates
                .iter()
                .map(|c| {
                    let detail = if c.detail.is_empty() {
                        String::new()
                    } else if zh {
                        format!("（{}）", c.detail.join("，"))
                    } else {
                        format!(" ({})", c.detail.join(", "))
                    };
                    if zh {
                        format!("编号 {} {}{detail}", c.id, c.label)
                    } else {
                        format!("id {} {}{detail}", c.id, c.label)
                    }
                })
                .collect();
            let hint = match (target, lang) {
                (Kind::Household, Lang::Zh) => format!("；应改填编号，或写成 户主（社区），如 {value}（社区名）"),
                (Kind::Household, Lang::En) => {
                    format!("; give the id instead, or write head (community), e.g. {value}（community）")
                }
                (_, Lang::Zh) => "；应改填编号".to_string(),
                (_, Lang::En) => "; give the id instead".to_string(),
            };
            if zh {
                format!("有 {} 个{label}名为“{value}”：{}{hint}", candidates.len(), list.join("、"))
            } else {
                format!("{} {label} records are named \"{value}\": {}{hint}", candidates.len(), list.join("; "))
            }
        }
        RefProblem::NoSuchId { id } => {
            let base = Problem::NotFound { kind: target, id: *id }.describe(target, lang);
            if zh {
                format!("{base}；应为已有{label}的名称或编号")
            } else {
                format!("{base}; expected the name or id of an existing {label}")
            }
        }
        RefProblem::Archived { id, label: name } => {
            if zh {
                format!("{label}“{name}”（编号 {id}）已归档；应先恢复它，或另选")
            } else {
                format!("{label} \"{name}\" (id {id}) is archived; unarchive it first or choose another")
            }
        }
    }
}

fn some_lines(items: &[String], lang: Lang) -> String {
    let shown: Vec<&str> = items.iter().take(LINES_SHOWN).map(String::as_str).collect();
    let rest = items.len().saturating_sub(LINES_SHOWN);
    let more = match (rest, lang) {
        (0, _) => String::new(),
        (n, Lang::Zh) => format!(" 等，另有 {n} 行"),
        (n, Lang::En) => format!(" and {n} more"),
    };
    format!("{}{more}", shown.join(list_sep(lang)))
}

fn skip_notes(plan: &Plan, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    if !plan.skipped.is_empty() {
        let items: Vec<String> = plan
            .skipped
            .iter()
            .map(|(line, m)| match (m, lang) {
                (Match::Store(ids), Lang::Zh) => format!("第 {line} 行（同已有编号 {}）", ids_text(ids, lang)),
                (Match::Store(ids), Lang::En) => format!("line {line} (as existing id {})", ids_text(ids, lang)),
                (Match::Line(first), Lang::Zh) => format!("第 {line} 行（同第 {first} 行）"),
                (Match::Line(first), Lang::En) => format!("line {line} (as line {first})"),
            })
            .collect();
        out.push(match lang {
            Lang::Zh => format!("跳过重复的行：{}", some_lines(&items, lang)),
            Lang::En => format!("duplicate rows skipped: {}", some_lines(&items, lang)),
        });
    }
    if !plan.merged.is_empty() {
        let items: Vec<String> = plan
            .merged
            .iter()
            .map(|(line, first)| match lang {
                Lang::Zh => format!("第 {line} 行并入第 {first} 行"),
                Lang::En => format!("line {line} into line {first}"),
            })
            .collect();
        out.push(match lang {
            Lang::Zh => format!("重复的行已合并：{}", some_lines(&items, lang)),
            Lang::En => format!("repeated rows merged: {}", some_lines(&items, lang)),
        });
    }
    if !plan.unchanged.is_empty() {
        let items: Vec<String> = plan
            .unchanged
            .iter()
            .map(|(line, id)| match lang {
                Lang::Zh => format!("第 {line} 行（编号 {id}）"),
                Lang::En => format!("line {line} (id {id})"),
            })
            .collect();
        out.push(match lang {
            Lang::Zh => format!("与已有记录相同、无需更新：{}", some_lines(&items, lang)),
            Lang::En => format!("same as the existing record, nothing to update: {}", some_lines(&items, lang)),
        });
    }
    out
}

/// Rows read, to add, to update, skipped (and merged, when any).
pub fn summary(plan: &Plan, lang: Lang) -> String {
    let skipped = plan.skipped.len() + plan.unchanged.len();
    let (c, u) = (plan.creates.len(), plan.updates.len());
    let (merged, bad) = (plan.merged.len(), plan.bad_lines());
    match lang {
        Lang::Zh => {
            let merged = if merged > 0 { format!("，合并 {merged} 行") } else { String::new() };
            let bad = if bad > 0 { format!("，有问题 {bad} 行") } else { String::new() };
            format!("共读取 {} 行：新增 {c} 条，更新 {u} 条，跳过 {skipped} 条{merged}{bad}", plan.rows_read)
        }
        Lang::En => {
            let merged = if merged > 0 { format!(", {merged} merged") } else { String::new() };
            let bad = if bad > 0 { format!(", {bad} with problems") } else { String::new() };
            format!("{} rows read: {c} to add, {u} to update, {skipped} skipped{merged}{bad}", plan.rows_read)
        }
    }
}
