//! The layers of `src/lib.rs`'s overview, kept: each layer's sources name no
//! module of a layer above it. Read from the sources, as a reviewer would.

use std::collections::BTreeSet;
use std::path::Path;

/// Every `crate::NAME` a layer's sources name outside comments, with the file.
fn named_modules(layer: &str) -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    let dir = root.join(layer);
    if dir.is_dir() {
        collect(&dir, &mut files);
    }
    let single = root.join(format!("{layer}.rs"));
    if single.is_file() {
        files.push(single);
    }
    let mut out = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for line in text.lines().filter(|l| !l.trim_start().starts_with("//")) {
            for (i, _) in line.match_indices("crate::") {
                let name: String =
                    line[i + 7..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                out.push((name, file.display().to_string()));
            }
        }
    }
    out
}

fn collect(dir: &Path, files: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}

fn assert_names_none_of(layer: &str, above: &[&str]) {
    let found: BTreeSet<(String, String)> =
        named_modules(layer).into_iter().filter(|(name, _)| above.contains(&name.as_str())).collect();
    assert!(found.is_empty(), "{layer} names a layer above it: {found:?}");
}

#[test]
fn the_store_imports_no_layer_above_it() {
    let allowed = ["model", "rules", "search", "i18n", "os", "with_data", "with_kind"];
    let found: BTreeSet<(String, String)> =
        named_modules("store").into_iter().filter(|(name, _)| !allowed.contains(&name.as_str())).collect();
    assert!(found.is_empty(), "the store names a layer above it: {found:?}");
}

#[test]
fn the_rules_of_the_work_know_nothing_of_storage_or_front_ends() {
    let above = ["store", "ops", "net", "cli", "tui", "demo"];
    for layer in ["model", "rules", "search", "workflow", "review"] {
        assert_names_none_of(layer, &above);
    }
}

#[test]
fn operations_know_nothing_of_the_front_ends() {
    assert_names_none_of("ops", &["net", "cli", "tui"]);
    assert_names_none_of("net", &["cli", "tui"]);
}

#[test]
fn documents_know_nothing_of_the_front_ends() {
    assert_names_none_of("docs", &["cli", "tui"]);
}
