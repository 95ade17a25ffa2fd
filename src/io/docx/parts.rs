//! The fixed parts of the package: content types, relationships, styles,
//! settings, font table, the page-number footers and the section's page setup.

use super::layout::{
    Font, CHAR, CHAR_SPACE, LINE_PITCH, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, PAGE_HEIGHT, PAGE_WIDTH,
    SIZE_3, SIZE_4,
};
use super::xml::{escape, run, run_props};

const DECL: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;
pub const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

pub fn content_types() -> String {
    let main = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    format!(
        r#"{DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="{main}.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="{main}.styles+xml"/><Override PartName="/word/settings.xml" ContentType="{main}.settings+xml"/><Override PartName="/word/fontTable.xml" ContentType="{main}.fontTable+xml"/><Override PartName="/word/footer1.xml" ContentType="{main}.footer+xml"/><Override PartName="/word/footer2.xml" ContentType="{main}.footer+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>"#
    )
}

pub fn package_rels() -> String {
    format!(
        r#"{DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{R}/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#
    )
}

pub fn document_rels() -> String {
    let rel = |id: &str, kind: &str, target: &str| {
        format!(r#"<Relationship Id="{id}" Type="{R}/{kind}" Target="{target}"/>"#)
    };
    format!(
        r#"{DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{}{}{}{}{}</Relationships>"#,
        rel("rId1", "styles", "styles.xml"),
        rel("rId2", "settings", "settings.xml"),
        rel("rId3", "fontTable", "fontTable.xml"),
        rel("rId4", "footer", "footer1.xml"),
        rel("rId5", "footer", "footer2.xml"),
    )
}

pub fn core_props(title: &str, created: &str) -> String {
    format!(
        r#"{DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{}</dc:title><dc:creator>silian</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">{created}T00:00:00Z</dcterms:created></cp:coreProperties>"#,
        escape(title)
    )
}

/// Defaults for what Word adds itself: 3号 仿宋 on the 28.95 pt grid.
pub fn styles() -> String {
    format!(
        r#"{DECL}<w:styles xmlns:w="{W}"><w:docDefaults><w:rPrDefault>{}</w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:line="{LINE_PITCH}" w:lineRule="exact"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style><w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/></w:style><w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style></w:styles>"#,
        run_props(Font::FangSong, SIZE_3, false)
    )
}

/// Odd and even pages get their own footer: GB/T 9704 puts odd page numbers
/// on the right and even ones on the left.
pub fn settings() -> String {
    format!(
        r#"{DECL}<w:settings xmlns:w="{W}"><w:evenAndOddHeaders/><w:defaultTabStop w:val="{CHAR}"/><w:characterSpacingControl w:val="compressPunctuation"/><w:compat><w:useFELayout/></w:compat></w:settings>"#
    )
}

/// Every font the documents name, with the font Word or WPS falls back to.
pub fn font_table() -> String {
    let fonts: String = Font::ALL
        .iter()
        .map(|f| {
            format!(
                r#"<w:font w:name="{}"><w:altName w:val="{}"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>"#,
                f.name(),
                f.fallback()
            )
        })
        .collect();
    format!(
        r#"{DECL}<w:fonts xmlns:w="{W}"><w:font w:name="Times New Roman"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>{fonts}</w:fonts>"#
    )
}

/// `— 1 —` in 4号 宋体, one character from the outer edge: a PAGE field
/// between em dashes.
pub fn footer(odd: bool) -> String {
    let props = run_props(Font::Song, SIZE_4, false);
    let field = |kind: &str| format!(r#"<w:r>{props}<w:fldChar w:fldCharType="{kind}"/></w:r>"#);
    let (align, side) = if odd { ("right", "right") } else { ("left", "left") };
    format!(
        r#"{DECL}<w:ftr xmlns:w="{W}"><w:p><w:pPr><w:pStyle w:val="Footer"/><w:spacing w:line="240" w:lineRule="auto"/><w:ind w:{side}="{indent}"/><w:jc w:val="{align}"/></w:pPr>{dash}{begin}<w:r>{props}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>{separate}{one}{end}{dash_after}</w:p></w:ftr>"#,
        indent = SIZE_4 * 10,
        dash = run("— ", &props),
        begin = field("begin"),
        separate = field("separate"),
        one = run("1", &props),
        end = field("end"),
        dash_after = run(" —", &props),
    )
}

/// A4 portrait, the standard margins, 22 lines of 28 characters. The footer
/// sits 7 mm under the type area: its 14 pt line ends 23 mm above the edge.
pub fn section() -> String {
    format!(
        r#"<w:sectPr><w:footerReference w:type="default" r:id="rId4"/><w:footerReference w:type="even" r:id="rId5"/><w:pgSz w:w="{PAGE_WIDTH}" w:h="{PAGE_HEIGHT}"/><w:pgMar w:top="{MARGIN_TOP}" w:right="{MARGIN_RIGHT}" w:bottom="{MARGIN_BOTTOM}" w:left="{MARGIN_LEFT}" w:header="851" w:footer="1304" w:gutter="0"/><w:cols w:space="425"/><w:docGrid w:type="linesAndChars" w:linePitch="{LINE_PITCH}" w:charSpace="{CHAR_SPACE}"/></w:sectPr>"#
    )
}

pub fn document(body: &str) -> String {
    format!(r#"{DECL}<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{body}{}</w:body></w:document>"#, section())
}
