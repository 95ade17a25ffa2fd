//! Word documents (.docx) laid out by GB/T 9704-2012 (党政机关公文格式): the
//! layout primitives a document is built from ([`Document`]: title, headings,
//! paragraphs, tables, the 落款) and the package they are written into.
//!
//! Written by hand with the `zip` crate silian already builds, not with
//! `docx-rs` (0.4.22, checked 2026-12-03): its font table is fixed to three
//! Latin fonts, so 方正小标宋简体 cannot be declared with 宋体 as its fallback,
//! and its table rows cannot repeat as headers (`w:tblHeader`) — both of which
//! GB/T 9704 layout needs. It would also have added zip 8 beside our zip 9,
//! quick-xml 0.41, typed-path and base64: about 46 s of one core in a release
//! build (docx-rs alone 38 s), for the seven small parts written here.

mod layout;
mod package;
mod parts;
mod xml;

pub use layout::{Align, Block, Column, Document, Font, Table};
pub use layout::{CHAR, SIZE_2, SIZE_3, SIZE_4, SIZE_SMALL_4};
pub use package::DocxError;
