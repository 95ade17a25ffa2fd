//! Plain-text tables measured in display cells (Chinese characters take two),
//! JSON and CSV. Text from records never reaches the terminal raw: control
//! characters are shown as visible escapes.

pub use crate::present::visible;
use std::io::Write;

/// Writes a command's output to stdout; when whoever reads it has gone (a
/// closed pipe), the command ends quietly with the status a shell gives a
/// program ended by SIGPIPE. Every write before it is durable already.
/// Another failure (a full disk) is said, and the command fails.
pub fn write_out(args: std::fmt::Arguments) {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_fmt(args) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(141),
        Err(e) => {
            eprintln!("silian: {e}");
            std::process::exit(1);
        }
    }
}
use unicode_width::UnicodeWidthChar;

const MAX_CELL: usize = 40;

fn width(s: &str) -> usize {
    s.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// Cuts `s` to at most `max` cells, marking the cut with `…`.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > max {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

fn pad(s: &str, cells: usize) -> String {
    format!("{s}{}", " ".repeat(cells.saturating_sub(width(s))))
}

/// Aligned columns with a header row.
pub fn table(headers: &[String], rows: &[Vec<String>]) -> String {
    table_within(headers, rows, MAX_CELL)
}

/// As [`table`], with the last column cut at `last_max` cells instead: text
/// there pushes no other column aside (the audit log's sentences).
pub fn table_within(headers: &[String], rows: &[Vec<String>], last_max: usize) -> String {
    let cut = |(i, c): (usize, &String)| {
        let max = if i + 1 == headers.len() { last_max } else { MAX_CELL };
        truncate(&visible(c), max)
    };
    let cells: Vec<Vec<String>> = rows.iter().map(|r| r.iter().enumerate().map(cut).collect()).collect();
    let mut widths: Vec<usize> = headers.iter().map(|h| width(h)).collect();
    for row in &cells {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(width(c));
        }
    }
    let line = |row: &[String]| {
        let parts: Vec<String> = row.iter().zip(&widths).map(|(c, w)| pad(c, *w)).collect();
        parts.join("  ").trim_end().to_string()
    };
    let mut out = line(headers);
    out.push('\n');
    for row in &cells {
        out.push_str(&line(row));
        out.push('\n');
    }
    out
}

/// `label: value` lines, labels aligned.
pub fn pairs(items: &[(String, String)]) -> String {
    let w = items.iter().map(|(k, _)| width(k)).max().unwrap_or(0);
    items.iter().map(|(k, v)| format!("{}  {}\n", pad(k, w), visible(v))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_cells_align_by_display_width() {
        let out =
            table(&["姓名".into(), "x".into()], &[vec!["余伟军".into(), "1".into()], vec!["ab".into(), "2".into()]]);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[1], "余伟军  1");
        assert_eq!(lines[2], "ab      2");
    }

    #[test]
    fn escapes_are_shown_not_sent() {
        assert_eq!(visible("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert!(!table(&["h".into()], &[vec!["\u{1b}[2J".into()]]).contains('\u{1b}'));
    }

    #[test]
    fn truncation_counts_cells() {
        assert_eq!(truncate("余伟军余伟军", 7), "余伟军…");
        assert_eq!(truncate("abc", 7), "abc");
    }
}
