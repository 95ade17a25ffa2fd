//! Which kind of file a path asks for, and writing it whole or not at all.

use crate::i18n::Lang;
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Xlsx,
    Csv,
}

impl FileKind {
    /// By the file's extension, ignoring case; `None` for anything else.
    pub fn of(path: &Path) -> Option<FileKind> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "xlsx" => Some(FileKind::Xlsx),
            "csv" => Some(FileKind::Csv),
            _ => None,
        }
    }
}

/// "… is not a spreadsheet file name" naming the extensions that are.
pub fn bad_extension_message(path: &Path, expected: &[&str], lang: Lang) -> String {
    let ext = path.extension().and_then(|e| e.to_str()).map(|e| format!(".{e}"));
    let list = expected.join(lang.pick(" 或 ", " or "));
    match (lang, ext) {
        (Lang::Zh, Some(ext)) => format!("不支持的文件类型 {ext}（{}）；文件名应以 {list} 结尾", path.display()),
        (Lang::Zh, None) => format!("文件名 {} 没有扩展名；应以 {list} 结尾", path.display()),
        (Lang::En, Some(ext)) => {
            format!("unsupported file type {ext} ({}); expected a file name ending in {list}", path.display())
        }
        (Lang::En, None) => format!("{} has no extension; expected a file name ending in {list}", path.display()),
    }
}

/// A new file only its owner may read, whatever the umask: what silian writes
/// holds residents' personal data.
pub fn private_file(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new().write(true).create(true).truncate(true).mode(0o600).open(path)
}

/// Writes `bytes` to a hidden temporary file beside `path`, flushes it to
/// disk and renames it over `path`: a crash leaves the old file or the new
/// one, never half of one.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = temp_path(path);
    let result = (|| {
        let mut file = private_file(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    } else if let Some(dir) = parent(path) {
        // Make the rename itself durable; not every platform can open a directory.
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
    }
    result
}

fn parent(path: &Path) -> Option<&Path> {
    path.parent().filter(|p| !p.as_os_str().is_empty())
}

fn temp_path(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "export".into());
    let tmp = format!(".{name}.{}.partial", std::process::id());
    match parent(path) {
        Some(dir) => dir.join(tmp),
        None => PathBuf::from(tmp),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_extension_ignoring_case() {
        assert_eq!(FileKind::of(Path::new("a/委员.XLSX")), Some(FileKind::Xlsx));
        assert_eq!(FileKind::of(Path::new("x.csv")), Some(FileKind::Csv));
        assert_eq!(FileKind::of(Path::new("x.xls")), None);
        assert_eq!(FileKind::of(Path::new("x")), None);
    }

    #[test]
    fn messages_name_the_expected_extensions() {
        let zh = bad_extension_message(Path::new("a.txt"), &[".xlsx", ".csv"], Lang::Zh);
        assert!(zh.contains(".txt") && zh.contains(".xlsx 或 .csv"), "{zh}");
        let en = bad_extension_message(Path::new("a"), &[".xlsx"], Lang::En);
        assert!(en.contains("no extension") && en.contains(".xlsx"), "{en}");
    }

    #[test]
    fn atomic_write_replaces_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        std::fs::write(&path, "old").unwrap();
        write_atomic(&path, b"new").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        let missing = dir.path().join("no/such/dir/out.csv");
        assert!(write_atomic(&missing, b"x").is_err());
    }
}
