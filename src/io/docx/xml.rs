//! WordprocessingML for the blocks of a document: paragraphs, runs, tables.

use super::layout::{Align, Block, Font, Para, Table, LINE_PITCH};
use std::fmt::Write;

/// Text as XML character data: markup escaped, and characters XML 1.0
/// cannot hold (control characters a record may carry) left out.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push(' '),
            '\u{FFFE}' | '\u{FFFF}' => {}
            c if c < ' ' => {}
            c => out.push(c),
        }
    }
    out
}

fn jc(align: Align) -> &'static str {
    match align {
        Align::Justify => "both",
        Align::Left => "left",
        Align::Center => "center",
        Align::Right => "right",
    }
}

/// Run properties: Latin text in Times New Roman, Chinese in `font`.
pub fn run_props(font: Font, size: u32, bold: bool) -> String {
    let bold = if bold { "<w:b/><w:bCs/>" } else { "" };
    format!(
        r#"<w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="{}" w:cs="Times New Roman" w:hint="eastAsia"/>{bold}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>"#,
        font.name()
    )
}

pub fn run(text: &str, props: &str) -> String {
    format!(r#"<w:r>{props}<w:t xml:space="preserve">{}</w:t></w:r>"#, escape(text))
}

/// Body paragraphs keep the grid's exact line pitch; table cells single spacing.
fn spacing(exact: bool) -> String {
    if exact {
        format!(r#"<w:spacing w:line="{LINE_PITCH}" w:lineRule="exact"/>"#)
    } else {
        r#"<w:spacing w:line="240" w:lineRule="auto"/>"#.to_string()
    }
}

fn paragraph(p: &Para) -> String {
    let mut ppr = String::from("<w:pPr>");
    if p.keep_next {
        ppr.push_str("<w:keepNext/>");
    }
    ppr.push_str(&spacing(true));
    if p.first_line_chars > 0 || p.right_indent > 0 {
        let first = p.first_line_chars * p.size * 10;
        let _ = write!(
            ppr,
            r#"<w:ind w:right="{}" w:firstLineChars="{}" w:firstLine="{first}"/>"#,
            p.right_indent,
            p.first_line_chars * 100
        );
    }
    let _ = write!(ppr, r#"<w:jc w:val="{}"/>{}</w:pPr>"#, jc(p.align), run_props(p.font, p.size, false));
    let text = if p.text.is_empty() { String::new() } else { run(&p.text, &run_props(p.font, p.size, false)) };
    format!("<w:p>{ppr}{text}</w:p>")
}

fn cell(text: &str, width: u32, align: Align, font: Font, size: u32, bold: bool) -> String {
    let props = run_props(font, size, bold);
    let paras: String = text
        .split('\n')
        .map(|line| {
            let r = if line.is_empty() { String::new() } else { run(line, &props) };
            format!(r#"<w:p><w:pPr>{}<w:jc w:val="{}"/>{props}</w:pPr>{r}</w:p>"#, spacing(false), jc(align))
        })
        .collect();
    format!(r#"<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>{paras}</w:tc>"#)
}

const BORDERS: &str = r#"<w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tblBorders>"#;

fn table(t: &Table) -> String {
    let widths = t.widths();
    let mut x = String::from(r#"<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:jc w:val="center"/>"#);
    x.push_str(BORDERS);
    x.push_str(r#"<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>"#);
    for w in &widths {
        let _ = write!(x, r#"<w:gridCol w:w="{w}"/>"#);
    }
    x.push_str("</w:tblGrid>");
    // The header row repeats at the top of every page the table runs onto.
    x.push_str(r#"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"#);
    for (c, w) in t.columns.iter().zip(&widths) {
        x.push_str(&cell(&c.header, *w, Align::Center, Font::Hei, t.size, false));
    }
    x.push_str("</w:tr>");
    let height = t.row_height.map(|h| format!(r#"<w:trHeight w:val="{h}" w:hRule="atLeast"/>"#)).unwrap_or_default();
    for row in &t.rows {
        let _ = write!(x, "<w:tr><w:trPr><w:cantSplit/>{height}</w:trPr>");
        for ((c, w), text) in t.columns.iter().zip(&widths).zip(row.iter().chain(std::iter::repeat(&String::new()))) {
            x.push_str(&cell(text, *w, c.align, Font::FangSong, t.size, false));
        }
        x.push_str("</w:tr>");
    }
    x.push_str("</w:tbl>");
    x
}

/// The blocks as the inside of `w:body`, before its section properties.
pub fn body(blocks: &[Block]) -> String {
    let mut out = String::new();
    for b in blocks {
        match b {
            Block::Para(p) => out.push_str(&paragraph(p)),
            Block::Table(t) => {
                out.push_str(&table(t));
                // Word needs a paragraph between a table and what follows it.
                out.push_str(r#"<w:p><w:pPr><w:spacing w:line="240" w:lineRule="auto"/></w:pPr></w:p>"#);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_control_characters_dropped() {
        assert_eq!(escape("a<b>&\"c\u{1}\u{7}d"), "a&lt;b&gt;&amp;&quot;cd");
    }
}
