//! A block as CSV: UTF-8 with a byte-order mark, so that Excel on Chinese
//! Windows opens it as UTF-8 rather than GBK.

use super::table::Block;

pub const BOM: &[u8] = b"\xEF\xBB\xBF";

pub fn csv_bytes(block: &Block) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(BOM.to_vec());
    writer.write_record(&block.headers)?;
    for row in &block.rows {
        writer.write_record(row.iter().map(|c| guarded(c.as_text())))?;
    }
    writer.into_inner().map_err(|e| e.into_error().into())
}

/// Spreadsheet programs run a CSV cell that starts with `=`, `+`, `-` or `@`
/// as a formula. Such text (not a plain number or phone like `+8613812341234`
/// or `-1`) gets a leading `'`, which Excel shows as a text marker.
pub fn guarded(text: String) -> String {
    let risky = match text.chars().next() {
        Some('=' | '@' | '\t' | '\r') => true,
        Some('+' | '-') => !text.chars().all(|c| c.is_ascii_digit() || " +-().".contains(c)),
        _ => false,
    };
    if risky {
        format!("'{text}")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::super::table::Cell;
    use super::*;

    #[test]
    fn starts_with_a_bom_and_quotes_what_needs_it() {
        let mut block = Block::new(vec!["姓名".into(), "情况".into()]);
        block.rows.push(vec![Cell::text("余伟军"), Cell::text("第一行,\n第二行")]);
        let bytes = csv_bytes(&block).unwrap();
        assert_eq!(&bytes[..3], BOM);
        let text = std::str::from_utf8(&bytes[3..]).unwrap();
        assert_eq!(text, "姓名,情况\r\n余伟军,\"第一行,\n第二行\"\r\n");
    }

    #[test]
    fn formulas_are_defused_but_numbers_kept() {
        assert_eq!(guarded("=HYPERLINK(\"x\")".into()), "'=HYPERLINK(\"x\")");
        assert_eq!(guarded("-cmd|' /C calc'!A0".into()), "'-cmd|' /C calc'!A0");
        assert_eq!(guarded("@SUM(A1)".into()), "'@SUM(A1)");
        assert_eq!(guarded("+8613812341234".into()), "+8613812341234");
        assert_eq!(guarded("-1".into()), "-1");
        assert_eq!(guarded("余伟军".into()), "余伟军");
    }
}
