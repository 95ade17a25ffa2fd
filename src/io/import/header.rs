//! Which row is the header, what each column means, and which rows around it
//! are a title or an instruction row (填写说明) rather than data.

use crate::io::read::Row;
use crate::model::fields::{spec_of, specs, FieldSpec};
use crate::model::Kind;

/// How many rows from the top may stand before the header.
pub const HEADER_SEARCH_ROWS: usize = 10;

/// The usual spellings of a header in office sheets, for fields of the kind.
/// Checked before the field specs' own labels and names.
fn kind_aliases(kind: Kind) -> &'static [(&'static str, &'static str)] {
    match kind {
        Kind::Member => &[
            ("姓名", "name"),
            ("委员姓名", "name"),
            ("委员", "name"),
            ("职务", "role"),
            ("身份", "role"),
            ("委员类别", "role"),
            ("委员类型", "role"),
            ("工作岗位", "post"),
            ("岗位职责", "duties"),
            ("分管条线", "line"),
            ("联系条线", "line"),
            ("工作联系人", "contact_name"),
            ("联系人姓名", "contact_name"),
            ("联系人手机", "contact_phone"),
            ("工作联系人电话", "contact_phone"),
            ("联点社区", "community_id"),
        ],
        Kind::Unit => &[
            ("名称", "name"),
            ("单位名称", "name"),
            ("单位", "name"),
            ("单位类型", "kind"),
            ("单位性质", "kind"),
            ("性质", "kind"),
            ("党组织名称", "party_org"),
            ("党组织书记", "secretary"),
            ("党员人数", "party_members"),
            ("党员数量", "party_members"),
            ("单位地址", "address"),
        ],
        Kind::Community => &[
            ("名称", "name"),
            ("社区名称", "name"),
            ("社区", "name"),
            ("党组织名称", "party_org"),
            ("党组织书记", "secretary"),
            ("总户数", "households_total"),
            ("总人口", "population"),
            ("人口数", "population"),
            ("社区地址", "address"),
        ],
        Kind::Household => &[
            ("户主", "head"),
            ("户主姓名", "head"),
            ("姓名", "head"),
            ("家庭人口", "size"),
            ("人数", "size"),
            ("家庭人数", "size"),
            ("户类别", "tags"),
            ("标签", "tags"),
            ("类型", "tags"),
        ],
        Kind::Visit => &[
            ("走访日期", "date"),
            ("走访时间", "date"),
            ("时间", "date"),
            ("走访方式", "kind"),
            ("走访委员", "member_id"),
            ("户主", "household_id"),
            ("户主姓名", "household_id"),
            ("走访单位", "unit_id"),
            ("来访人员", "visitor"),
            ("来访群众", "visitor"),
            ("走访情况", "summary"),
            ("情况记录", "summary"),
            ("内容", "summary"),
        ],
        Kind::Demand => &[
            ("日期", "raised_on"),
            ("提出日期", "raised_on"),
            ("户主", "household_id"),
            ("户主姓名", "household_id"),
            ("反映人", "visitor"),
            ("办理委员", "member_id"),
            ("承办委员", "member_id"),
            ("诉求类别", "category"),
            ("内容", "content"),
            ("诉求", "content"),
            ("办理状态", "status"),
            ("办理情况", "resolution"),
            ("办结时间", "resolved_on"),
            ("回访时间", "follow_up_on"),
            ("满意程度", "satisfaction"),
        ],
        Kind::Deputy => &[
            ("姓名", "name"),
            ("代表姓名", "name"),
            ("委员姓名", "name"),
            ("类别", "type"),
            ("代表类别", "type"),
            ("身份", "type"),
            ("层级", "level"),
            ("级别", "level"),
            ("界别", "sector"),
            ("单位", "sector"),
            ("界别/单位", "sector"),
            ("工作单位", "sector"),
            ("所在单位", "sector"),
            ("单位及职务", "sector"),
        ],
        Kind::Meeting | Kind::Task | Kind::Evaluation | Kind::Session => &[],
    }
}

/// Spellings shared by every kind that has the field.
const COMMON_ALIASES: &[(&str, &str)] = &[
    ("电话", "phone"),
    ("联系电话", "phone"),
    ("手机", "phone"),
    ("手机号", "phone"),
    ("手机号码", "phone"),
    ("电话号码", "phone"),
    ("联系方式", "phone"),
    ("地址", "address"),
    ("住址", "address"),
    ("家庭住址", "address"),
    ("详细地址", "address"),
    ("居住地址", "address"),
    ("现住址", "address"),
    ("备注", "notes"),
    ("社区", "community_id"),
    ("所在社区", "community_id"),
    ("联系社区", "community_id"),
    ("社区名称", "community_id"),
    ("单位", "unit_id"),
    ("所在单位", "unit_id"),
    ("工作单位", "unit_id"),
    ("单位名称", "unit_id"),
    ("委员", "member_id"),
    ("联系委员", "member_id"),
    ("委员姓名", "member_id"),
    ("负责委员", "member_id"),
    ("联系户", "household_id"),
];

/// `*姓名`, `姓名（必填）`, ` 电 话 `, `Phone:` → the bare header.
pub fn normalize_header(text: &str) -> String {
    let mut s: String = text.chars().filter(|c| !c.is_whitespace() && !matches!(c, '*' | '＊')).collect();
    for suffix in ["（必填）", "(必填)", "（选填）", "(选填)", "：", ":"] {
        if let Some(stripped) = s.strip_suffix(suffix) {
            s = stripped.to_string();
        }
    }
    s
}

/// The field a header names for `kind`, if any.
pub fn field_for_header(kind: Kind, text: &str) -> Option<&'static FieldSpec> {
    let h = normalize_header(text);
    if h.is_empty() {
        return None;
    }
    let has = |name: &str| specs(kind).iter().find(|s| s.name == name);
    let alias = |table: &[(&str, &'static str)]| table.iter().find(|(a, _)| *a == h).and_then(|(_, f)| has(f));
    let english = text.trim().to_ascii_lowercase().replace([' ', '-'], "_");
    alias(kind_aliases(kind))
        .or_else(|| spec_of(kind, &h))
        .or_else(|| spec_of(kind, &text.trim().to_ascii_lowercase()))
        .or_else(|| alias(COMMON_ALIASES))
        .or_else(|| has(&english))
        .or_else(|| has(&format!("{english}_id")))
}

/// One column of the file that means a field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Column {
    pub index: usize,
    /// The header as written in the file, for reports.
    pub header: String,
    pub field: &'static FieldSpec,
}

/// What the rows of a sheet are: where the header is, which columns mean which
/// field, which rows are not data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layout {
    pub kind: Kind,
    /// Index into the sheet's rows of the header row.
    pub header_row: usize,
    pub header_line: usize,
    pub columns: Vec<Column>,
    /// Non-blank rows before the header: (line, first text).
    pub skipped_before: Vec<(usize, String)>,
    /// Lines of instruction rows (填写说明) that were skipped.
    pub instruction_lines: Vec<usize>,
    /// Headers that name no field: (column index, header).
    pub unknown: Vec<(usize, String)>,
    /// Headers that name a field already given by an earlier column: (index, header, earlier header).
    pub repeated: Vec<(usize, String, String)>,
}

impl Layout {
    /// Finds the header among the first rows: the first with at least two known
    /// headers, or failing that the first with one.
    pub fn detect(kind: Kind, rows: &[Row]) -> Option<Layout> {
        let top = &rows[..rows.len().min(HEADER_SEARCH_ROWS)];
        let known = |row: &Row| row.cells.iter().filter(|c| field_for_header(kind, c).is_some()).count();
        let header_row = top.iter().position(|r| known(r) >= 2).or_else(|| top.iter().position(|r| known(r) >= 1))?;
        let header = &rows[header_row];
        let mut layout = Layout {
            kind,
            header_row,
            header_line: header.line,
            columns: Vec::new(),
            skipped_before: rows[..header_row]
                .iter()
                .filter(|r| !r.is_blank())
                .map(|r| (r.line, r.cells.iter().find(|c| !c.trim().is_empty()).cloned().unwrap_or_default()))
                .collect(),
            instruction_lines: Vec::new(),
            unknown: Vec::new(),
            repeated: Vec::new(),
        };
        for (index, text) in header.cells.iter().enumerate() {
            if text.trim().is_empty() {
                continue;
            }
            match field_for_header(kind, text) {
                None => layout.unknown.push((index, text.trim().to_string())),
                Some(field) => match layout.columns.iter().find(|c| c.field.name == field.name) {
                    Some(earlier) => layout.repeated.push((index, text.trim().to_string(), earlier.header.clone())),
                    None => layout.columns.push(Column { index, header: text.trim().to_string(), field }),
                },
            }
        }
        Some(layout)
    }

    /// The column holding `field`, if the file has one.
    pub fn column(&self, field: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.field.name == field)
    }

    /// The name to report a field under: its header in the file, else its label.
    pub fn column_name(&self, field: &str, lang: crate::i18n::Lang) -> String {
        match (self.column(field), spec_of(self.kind, field)) {
            (Some(c), _) => c.header.clone(),
            (None, Some(spec)) => spec.label(lang).to_string(),
            (None, None) => field.to_string(),
        }
    }

    /// Kinds whose records this file names by reference.
    pub fn referenced_kinds(&self) -> Vec<Kind> {
        let mut kinds: Vec<Kind> = self.columns.iter().filter_map(|c| ref_target(c.field)).collect();
        // Candidates of an ambiguous member or household are told apart by their community.
        if kinds.iter().any(|k| matches!(k, Kind::Member | Kind::Household)) {
            kinds.push(Kind::Community);
        }
        kinds.sort();
        kinds.dedup();
        kinds
    }
}

pub fn ref_target(spec: &FieldSpec) -> Option<Kind> {
    match spec.ty {
        crate::model::fields::FieldType::Ref(k) | crate::model::fields::FieldType::Refs(k) => Some(k),
        _ => None,
    }
}

/// An instruction row: its first cell starts with 填写说明 (or is a 示例 example
/// row), or (right under the header) any cell starts with 填写说明, 说明, 必填 or 选填.
pub fn is_instruction(row: &Row, right_after_header: bool) -> bool {
    let first = row.cells.iter().map(|c| c.trim()).find(|c| !c.is_empty()).unwrap_or_default();
    if first.starts_with("填写说明") || first.starts_with("示例") {
        return true;
    }
    right_after_header
        && row.cells.iter().any(|c| {
            let c = c.trim();
            ["填写说明", "说明", "必填", "选填"].iter().any(|p| c.starts_with(p))
        })
}

/// The `合计` row silian's exports (and many office sheets) put under a
/// table: its first cell is 合计, 总计 or Total, and it is no record.
pub fn is_totals(row: &Row) -> bool {
    let first = row.cell(0).trim();
    ["合计", "总计", "合  计"].contains(&first) || first.eq_ignore_ascii_case("total")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totals_rows() {
        assert!(is_totals(&row(9, &["合计", "", "12"])));
        assert!(is_totals(&row(9, &["Total", "", "12"])));
        assert!(!is_totals(&row(9, &["", "合计"])));
        assert!(!is_totals(&row(9, &["合计人数"])));
    }

    fn row(line: usize, cells: &[&str]) -> Row {
        Row::new(line, cells.iter().map(|c| c.to_string()).collect())
    }

    #[test]
    fn variants_and_english_names_map_to_fields() {
        let f = |k, h| field_for_header(k, h).map(|s| s.name);
        assert_eq!(f(Kind::Household, "户主姓名"), Some("head"));
        assert_eq!(f(Kind::Household, "家庭住址"), Some("address"));
        assert_eq!(f(Kind::Household, "手机号码"), Some("phone"));
        assert_eq!(f(Kind::Household, "所在社区"), Some("community_id"));
        assert_eq!(f(Kind::Household, "联系委员"), Some("member_id"));
        assert_eq!(f(Kind::Household, "人口"), Some("size"));
        assert_eq!(f(Kind::Community, "人口"), Some("population"));
        assert_eq!(f(Kind::Member, "联系电话"), Some("phone"));
        assert_eq!(f(Kind::Member, "联系人电话"), Some("contact_phone"));
        assert_eq!(f(Kind::Member, "所在单位"), Some("unit_id"));
        assert_eq!(f(Kind::Member, "*姓名"), Some("name"));
        assert_eq!(f(Kind::Member, "姓名（必填）"), Some("name"));
        assert_eq!(f(Kind::Member, "unit_id"), Some("unit_id"));
        assert_eq!(f(Kind::Member, "Unit"), Some("unit_id"));
        assert_eq!(f(Kind::Member, "Contact Name"), Some("contact_name"));
        assert_eq!(f(Kind::Household, "community"), Some("community_id"));
        assert_eq!(f(Kind::Unit, "单位名称"), Some("name"));
        assert_eq!(f(Kind::Visit, "户主"), Some("household_id"));
        assert_eq!(f(Kind::Member, "序号"), None);
        assert_eq!(f(Kind::Member, ""), None);
    }

    #[test]
    fn the_header_is_found_below_a_title_and_columns_are_reported() {
        let rows = vec![
            row(1, &["长安街道联系户登记表", "", ""]),
            row(2, &["", "", ""]),
            row(3, &["序号", "户主", "住址", "电话", "手机"]),
            row(4, &["1", "曾国藩", "幸福路", "13812341234", ""]),
        ];
        let layout = Layout::detect(Kind::Household, &rows).unwrap();
        assert_eq!((layout.header_row, layout.header_line), (2, 3));
        assert_eq!(layout.skipped_before, vec![(1, "长安街道联系户登记表".to_string())]);
        assert_eq!(layout.unknown, vec![(0, "序号".to_string())]);
        assert_eq!(layout.repeated, vec![(4, "手机".to_string(), "电话".to_string())]);
        assert_eq!(layout.columns.iter().map(|c| c.field.name).collect::<Vec<_>>(), ["head", "address", "phone"]);
        assert_eq!(layout.referenced_kinds(), Vec::<Kind>::new());
    }

    #[test]
    fn instruction_rows() {
        assert!(is_instruction(&row(3, &["必填；如 余伟军", "选填；如 13812341234"]), true));
        assert!(is_instruction(&row(3, &["", "说明：日期写作 2026-11-29"]), true));
        assert!(!is_instruction(&row(9, &["张三", "说明书"]), false));
        assert!(is_instruction(&row(9, &["填写说明：每户一行"]), false));
        assert!(is_instruction(&row(4, &["示例", "余伟军"]), false));
        assert!(!is_instruction(&row(3, &["余伟军", "13812341234"]), true));
    }
}
