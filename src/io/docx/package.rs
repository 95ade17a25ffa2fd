//! The document's parts zipped into a .docx package.

use super::layout::Document;
use super::{parts, xml};
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

#[derive(Debug, thiserror::Error)]
#[error("cannot build the document: {0}")]
pub struct DocxError(String);

impl Document {
    /// The .docx file's bytes; `created` (YYYY-MM-DD) goes into its properties.
    pub fn to_bytes(&self, created: &str) -> Result<Vec<u8>, DocxError> {
        let files = [
            ("[Content_Types].xml", parts::content_types()),
            ("_rels/.rels", parts::package_rels()),
            ("docProps/core.xml", parts::core_props(&self.name, created)),
            ("word/_rels/document.xml.rels", parts::document_rels()),
            ("word/document.xml", parts::document(&xml::body(&self.blocks))),
            ("word/styles.xml", parts::styles()),
            ("word/settings.xml", parts::settings()),
            ("word/fontTable.xml", parts::font_table()),
            ("word/footer1.xml", parts::footer(true)),
            ("word/footer2.xml", parts::footer(false)),
        ];
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
        let fail = |e: &dyn std::fmt::Display| DocxError(e.to_string());
        for (name, text) in files {
            zip.start_file(name, options).map_err(|e| fail(&e))?;
            zip.write_all(text.as_bytes()).map_err(|e| fail(&e))?;
        }
        Ok(zip.finish().map_err(|e| fail(&e))?.into_inner())
    }
}
