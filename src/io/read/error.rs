//! Why a file could not be read, in the clerk's language.

use super::TextEncoding;
use crate::io::limits::{MAX_CELL_CHARS, MAX_COLUMNS, MAX_CSV_BYTES, MAX_ROWS};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadError {
    /// The file cannot be opened or read at all (a failure, not the file's fault).
    Io(String),
    /// Not `.csv` / `.xlsx` (nor `.xls`, `.xlsm`, `.ods`).
    UnsupportedFormat {
        extension: String,
    },
    /// The file was forced to be UTF-8 but is not; the line of the first bad byte.
    NotUtf8 {
        line: usize,
    },
    /// The bytes are not text in the encoding (GB18030 accepts almost anything, so rarely).
    Undecodable {
        encoding: TextEncoding,
        line: usize,
    },
    Csv {
        line: usize,
        reason: String,
    },
    Workbook(String),
    /// The workbook has no sheet with any cell.
    EmptyWorkbook,
    /// A CSV file larger than [`MAX_CSV_BYTES`].
    TooLarge {
        bytes: u64,
    },
    /// Text in UTF-8 up to this line and in another encoding from it.
    MixedEncoding {
        line: usize,
    },
    /// A cell past [`MAX_COLUMNS`]: its row and how many columns that makes.
    TooWide {
        line: usize,
        columns: usize,
    },
    /// More than [`MAX_ROWS`] rows; the first line past the limit.
    TooManyRows {
        line: usize,
    },
    /// A cell longer than [`MAX_CELL_CHARS`].
    CellTooLong {
        line: usize,
        column: usize,
    },
    /// A quoted cell still open when the file ends: the file was cut short.
    Unterminated {
        line: usize,
    },
    /// A part of the archive that decompresses past its limit (a zip bomb or a damaged file).
    Inflated {
        part: String,
        compressed: u64,
        limit: u64,
    },
    /// A shared-string table declaring more strings than it can hold or than the limit.
    TooManyStrings {
        part: String,
        declared: u64,
        limit: u64,
    },
}

impl ReadError {
    /// A fault of the file (exit 2), as opposed to the machine (exit 1).
    pub fn is_file_error(&self) -> bool {
        !matches!(self, ReadError::Io(_))
    }

    pub fn message(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::Lang::*;
        match (self, lang) {
            (ReadError::Io(e), Zh) => format!("无法读取文件：{e}"),
            (ReadError::Io(e), En) => format!("cannot read the file: {e}"),
            (ReadError::UnsupportedFormat { extension }, Zh) => {
                format!("不支持的文件类型 \"{extension}\"；应为 .csv 或 .xlsx（.xls、.ods 请在 Excel/WPS 中另存为 .xlsx）")
            }
            (ReadError::UnsupportedFormat { extension }, En) => format!(
                "unsupported file type \"{extension}\"; expected .csv or .xlsx (save an .xls or .ods file as .xlsx in Excel or WPS)"
            ),
            (ReadError::NotUtf8 { line }, Zh) => format!(
                "第 {line} 行不是有效的 UTF-8 文字；文件可能是 GBK 编码，请去掉 --encoding utf-8 或改用 --encoding gbk"
            ),
            (ReadError::NotUtf8 { line }, En) => format!(
                "line {line} is not valid UTF-8; the file may be GBK: leave out --encoding utf-8 or use --encoding gbk"
            ),
            (ReadError::Undecodable { encoding, line }, Zh) => {
                format!("第 {line} 行不是有效的 {} 文字；请用 --encoding 指定正确的编码", encoding.name())
            }
            (ReadError::Undecodable { encoding, line }, En) => {
                format!("line {line} is not valid {} text; give the right one with --encoding", encoding.name())
            }
            (ReadError::Csv { line, reason }, Zh) => format!("第 {line} 行无法按 CSV 读取：{reason}"),
            (ReadError::Csv { line, reason }, En) => format!("line {line} cannot be read as CSV: {reason}"),
            (ReadError::Workbook(e), Zh) => format!("无法读取 Excel 文件：{e}"),
            (ReadError::Workbook(e), En) => format!("cannot read the Excel file: {e}"),
            (ReadError::EmptyWorkbook, Zh) => "Excel 文件中没有任何数据".into(),
            (ReadError::EmptyWorkbook, En) => "the Excel file holds no data".into(),
            (ReadError::TooLarge { bytes }, Zh) => format!(
                "文件有 {} MB，超过导入上限 {} MB；请把文件拆成几个分别导入",
                bytes >> 20,
                MAX_CSV_BYTES >> 20
            ),
            (ReadError::TooLarge { bytes }, En) => format!(
                "the file is {} MB, over the import limit of {} MB; split it and import the parts",
                bytes >> 20,
                MAX_CSV_BYTES >> 20
            ),
            (ReadError::MixedEncoding { line }, Zh) => format!(
                "文件混用了两种编码：第 {line} 行之前是 UTF-8，第 {line} 行不是；请在 Excel/WPS 中将整个文件另存为同一种编码（如 UTF-8 CSV）"
            ),
            (ReadError::MixedEncoding { line }, En) => format!(
                "the file mixes two encodings: UTF-8 before line {line}, something else on line {line}; save the whole file in one encoding (e.g. CSV UTF-8)"
            ),
            (ReadError::TooWide { line, columns }, Zh) => {
                format!("第 {line} 行有 {columns} 列，超过上限 {MAX_COLUMNS} 列")
            }
            (ReadError::TooWide { line, columns }, En) => {
                format!("line {line} has {columns} columns, over the limit of {MAX_COLUMNS}")
            }
            (ReadError::TooManyRows { line }, Zh) => {
                format!("第 {line} 行超过上限 {MAX_ROWS} 行；请把文件拆成几个分别导入")
            }
            (ReadError::TooManyRows { line }, En) => {
                format!("line {line} is past the limit of {MAX_ROWS} rows; split the file and import the parts")
            }
            (ReadError::CellTooLong { line, column }, Zh) => {
                format!("第 {line} 行第 {column} 列超过 {MAX_CELL_CHARS} 个字符的上限")
            }
            (ReadError::CellTooLong { line, column }, En) => {
                format!("line {line}, column {column} is longer than the limit of {MAX_CELL_CHARS} characters")
            }
            (ReadError::Unterminated { line }, Zh) => format!(
                "第 {line} 行的引号到文件末尾仍未闭合；文件可能不完整，未读取任何一行"
            ),
            (ReadError::Unterminated { line }, En) => format!(
                "the quote opened on line {line} is still open at the end of the file; the file may be cut short, so none of it was read"
            ),
            (ReadError::Inflated { part, compressed, limit }, Zh) => format!(
                "Excel 文件中的 {part} 解压后超过 {limit} 字节（压缩后 {compressed} 字节），已拒绝；文件可能已损坏或是恶意文件"
            ),
            (ReadError::Inflated { part, compressed, limit }, En) => format!(
                "{part} in the Excel file decompresses to more than {limit} bytes (from {compressed}); refused as damaged or hostile"
            ),
            (ReadError::TooManyStrings { part, declared, limit }, Zh) => format!(
                "Excel 文件中的 {part} 声明了 {declared} 个字符串，超过上限 {limit}；文件可能已损坏"
            ),
            (ReadError::TooManyStrings { part, declared, limit }, En) => format!(
                "{part} in the Excel file declares {declared} strings, over the limit of {limit}; the file may be damaged"
            ),
        }
    }
}
