//! What opening a store repairs before any command runs, and how it is told.

use crate::i18n::Lang;
use crate::store::bulk::UndoneImport;

/// What to tell the user after an import cut short by a crash was undone on opening the store.
pub fn undone_import_notice(undone: &UndoneImport, lang: Lang) -> String {
    let i = &undone.import;
    let when = i.at.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M");
    let kind = i.kind.label(lang);
    let head = match lang {
        Lang::Zh => format!("上次导入 {}（{when}，{}）在写入中途中断", i.source, i.account),
        Lang::En => format!("the import of {} ({when}, {}) was cut short while writing", i.source, i.account),
    };
    let body = match lang {
        Lang::Zh => format!("，已撤销：删除其新增的 {} 条{kind}，恢复其修改的 {} 条", undone.removed, undone.restored),
        Lang::En => {
            format!(
                ", now undone: {} new {kind} records removed, {} changed ones restored",
                undone.removed, undone.restored
            )
        }
    };
    let kept = if undone.kept.is_empty() {
        String::new()
    } else {
        let ids: Vec<String> = undone.kept.iter().map(|(_, id)| id.to_string()).collect();
        match lang {
            Lang::Zh => format!("；编号 {} 已被其他记录引用或此后又被修改，予以保留", ids.join("、")),
            Lang::En => {
                format!("; ids {} are kept, as other records now refer to them or they changed since", ids.join(", "))
            }
        }
    };
    format!("{head}{body}{kept}")
}

/// Other accounts may read the store's files (a store made before its files
/// were kept private, or opened up by hand): what to run to close them.
pub fn exposed_store_notice(path: &std::path::Path, lang: Lang) -> Option<String> {
    let (first, mode) = crate::os::first_open_to_others(path)?;
    let (store, first) = (path.display(), first.display());
    Some(match lang {
        Lang::Zh => format!(
            "注意：数据库 {store} 的文件其他账户也能访问（如 {first}，权限 {mode:o}），居民的个人信息应只有本账户可读。请运行：chmod -R go-rwx {store}"
        ),
        Lang::En => format!(
            "Note: other accounts can get at the files of the store {store} (e.g. {first}, mode {mode:o}); residents' personal data should be readable by this account alone. Run: chmod -R go-rwx {store}"
        ),
    })
}
