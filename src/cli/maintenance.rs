//! Subcommands about the store as a whole: demo data, schedule, check, backup,
//! restore, settings, audit, and the summary shown without a subcommand.

use super::args::parse_kind;
use super::commands::{json, store_error, Env};
use super::env::today;
use super::{output, CliError, Command, Format};
use crate::i18n::Lang;
use crate::model::settings::SETTING_KEYS;
use crate::model::{AnyData, Kind, Settings, Wrap};
use crate::net::server::ServeOptions;
use crate::ops::{self, Operation};
use crate::rules::holidays::HolidayCalendar;
use crate::store::audit::Imported;
use crate::store::{AuditAction, AuditEntry, Role, Store, StoreError};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::time::Duration;

pub fn run(env: &Env, command: Command) -> Result<(), CliError> {
    match command {
        Command::Demo { scale } => demo(env, scale),
        Command::Schedule { year, format } => super::schedule_cmd::schedule(env, year, format),
        Command::Check { format } => super::check_cmd::check(env, format),
        Command::Backup { file } => backup(env, &file),
        Command::Restore { file, force } => restore(env, &file, force),
        Command::Settings { key, value, format } => settings(env, key, value, format),
        Command::Audit { kind, id, account, format, reveal } => {
            audit(env, AuditFilter { kind: kind.as_deref(), id, account: account.as_deref() }, format, reveal)
        }
        Command::Serve { idle_exit, client_idle, hello_timeout } => {
            let mut opts = ServeOptions::new(env.path.clone(), env.cache_mb());
            opts.idle_exit = idle_exit.map(Duration::from_secs);
            opts.client_idle = Duration::from_secs(client_idle.max(1));
            opts.hello_timeout = Duration::from_secs(hello_timeout.max(1));
            super::serve_cmd::serve(env, &opts)
        }
        Command::Role { account, role, member } => super::serve_cmd::role(env, account, role.as_deref(), member),
        Command::Import { kind, file, dry_run, on_duplicate, encoding } => {
            super::exchange::import(env, &kind, &file, dry_run, on_duplicate, encoding.as_deref())
        }
        Command::Export { kind, file, query, archived, reveal } => {
            super::exchange::export(env, &kind, &file, query.as_deref(), archived, reveal)
        }
        Command::Template { kind, file } => super::exchange::template(env, &kind, &file),
        Command::Report { report: super::ReportCommand::Quarter { quarter, out } } => {
            super::exchange::quarter_report(env, &quarter, &out)
        }
        Command::Report { report: super::ReportCommand::Member { id, period, format } } => {
            super::review_cmd::member_report(env, id, &period, format)
        }
        Command::Evaluate { period, all_roles } => super::review_cmd::evaluate(env, &period, all_roles),
        Command::Evaluations { period, format } => super::review_cmd::evaluations(env, &period, format),
        Command::Publish { period, out, from, days } => {
            let calendar = holiday_calendar(env)?;
            super::review_cmd::publish(env, &period, &out, from.as_deref(), days, &calendar)
        }
        Command::Unpublish { period, reason } => super::review_cmd::unpublish(env, &period, reason),
        Command::Feedback { period, out, to } => super::review_cmd::feedback(env, &period, &out, to),
        Command::Rollup { files, out } => super::review_cmd::rollup(env, &files, &out),
        _ => Ok(()),
    }
}

fn demo(env: &Env, scale: u32) -> Result<(), CliError> {
    let store = env.open_store_itself()?;
    if !store.is_empty() {
        return Err(CliError::failure(match env.lang {
            Lang::Zh => {
                format!("数据库 {} 中已有记录，演示数据只能填入空库；请用 --db 指定新的路径", env.path.display())
            }
            Lang::En => format!(
                "The store {} already holds records; demo data goes only into an empty store (use --db for a new one)",
                env.path.display()
            ),
        }));
    }
    let total = fill_demo(env, &store, scale)?;
    eprintln!(
        "{}",
        match env.lang {
            Lang::Zh => format!("已生成演示数据：{total} 条记录，位于 {}", env.path.display()),
            Lang::En => format!("Demo data written: {total} records in {}", env.path.display()),
        }
    );
    Ok(())
}

/// Fills an empty store with the demonstration street; returns the record count.
pub fn fill_demo(env: &Env, store: &Store, scale: u32) -> Result<usize, CliError> {
    let ctx = env.context();
    let data = crate::demo::generate_with(scale, today(), 2026, &holiday_calendar(env)?);
    let mut settings = store.settings().map_err(|e| store_error(e, env.lang))?;
    settings.street_name = data.settings_street_name.clone();
    store.set_settings(&ctx, &settings).map_err(|e| store_error(e, env.lang))?;
    let batches: Vec<(Kind, Vec<AnyData>)> = vec![
        (Kind::Community, wrap_all(data.communities)),
        (Kind::Unit, wrap_all(data.units)),
        (Kind::Member, wrap_all(data.members)),
        (Kind::Household, wrap_all(data.households)),
        (Kind::Visit, wrap_all(data.visits)),
        (Kind::Demand, wrap_all(data.demands)),
        (Kind::Meeting, wrap_all(data.meetings)),
        (Kind::Task, wrap_all(data.tasks)),
        (Kind::Evaluation, wrap_all(data.evaluations)),
        (Kind::Deputy, wrap_all(data.deputies)),
        (Kind::Session, wrap_all(data.sessions)),
    ];
    let mut total = 0;
    for (kind, items) in batches {
        total += store.insert_many(&ctx, kind, items).map_err(|e| store_error(e, env.lang))?.len();
    }
    let note = format!("scale {scale}, {total} records");
    store.log_event(&ctx, AuditAction::Demo, None, 0, &note).map_err(|e| store_error(e, env.lang))?;
    Ok(total)
}

fn wrap_all<T: Wrap>(items: Vec<T>) -> Vec<AnyData> {
    items.into_iter().map(Wrap::wrap).collect()
}

/// The built-in holidays, extended by `holidays.toml` inside the store directory.
pub fn holiday_calendar(env: &Env) -> Result<HolidayCalendar, CliError> {
    let file = env.path.join("holidays.toml");
    let builtin = HolidayCalendar::builtin();
    match std::fs::read_to_string(&file) {
        Err(_) => Ok(builtin),
        Ok(text) => builtin
            .with_user_file(&text)
            .map_err(|e| CliError::usage(format!("{}: {}", file.display(), e.message(env.lang)))),
    }
}

/// Backup and restore hold every resident's data unmasked: admins only.
fn require_admin(env: &Env, store: Store) -> Result<Store, CliError> {
    let account = env.context().account;
    let grant = store.grant_of(&account).map_err(|e| store_error(e, env.lang))?;
    if grant.role != Role::Admin {
        return Err(store_error(StoreError::Forbidden { account, role: grant.role }, env.lang));
    }
    Ok(store)
}

fn file_error(env: &Env, path: &Path, e: std::io::Error) -> CliError {
    CliError::failure(match env.lang {
        Lang::Zh => format!("文件 {} 无法读写：{e}", path.display()),
        Lang::En => format!("cannot read or write {}: {e}", path.display()),
    })
}

/// Written to a temporary file and renamed, so a crash never leaves half a backup.
fn backup(env: &Env, file: &Path) -> Result<(), CliError> {
    let store = env.open_store()?;
    let tmp = file.with_extension("partial");
    let out = crate::io::export::private_file(&tmp).map_err(|e| file_error(env, &tmp, e))?;
    let mut writer = BufWriter::new(out);
    let op = ops::maintenance::Backup { file: file.display().to_string() };
    let count = match store.local() {
        // In this process the records go straight to the file.
        Some(local) => {
            let ctx = env.context();
            ops::may(local, &ctx, &op.need()).map_err(|e| store_error(e, env.lang))?;
            let count = local.backup(&ctx, &mut writer).map_err(|e| store_error(e, env.lang))?;
            ops::maintenance::log_backup(local, &ctx, &op.file, count).map_err(|e| store_error(e, env.lang))?;
            count
        }
        None => {
            let backup = env.ask(&store, op)?;
            writer.write_all(&backup.bytes).map_err(|e| file_error(env, &tmp, e))?;
            backup.records
        }
    };
    let out = writer.into_inner().map_err(|e| file_error(env, &tmp, e.into_error()))?;
    out.sync_all().map_err(|e| file_error(env, &tmp, e))?;
    std::fs::rename(&tmp, file).map_err(|e| file_error(env, file, e))?;
    eprintln!(
        "{}",
        match env.lang {
            Lang::Zh => format!("已备份 {count} 条记录到 {}", file.display()),
            Lang::En => format!("Backed up {count} records to {}", file.display()),
        }
    );
    Ok(())
}

fn restore(env: &Env, file: &Path, force: bool) -> Result<(), CliError> {
    File::open(file).map_err(|e| file_error(env, file, e))?;
    let store = env.open_store_itself()?;
    let store = require_admin(env, store)?;
    let restored = crate::store::backup::restore_file(store, &env.context(), file, env.cache_mb(), force);
    let summary = restored.map_err(|e| {
        let mut err = store_error(e, env.lang);
        err.code = 2;
        err
    })?;
    eprintln!(
        "{}",
        match env.lang {
            Lang::Zh => format!(
                "已恢复 {} 条记录、{} 条审计日志{}",
                summary.records,
                summary.audit_entries,
                files_restored(&summary.files, env.lang)
            ),
            Lang::En => format!(
                "Restored {} records and {} audit entries{}",
                summary.records,
                summary.audit_entries,
                files_restored(&summary.files, env.lang)
            ),
        }
    );
    Ok(())
}

/// `，以及 holidays.toml` / `, and holidays.toml`, or nothing.
fn files_restored(files: &[String], lang: Lang) -> String {
    match (files.is_empty(), lang) {
        (true, _) => String::new(),
        (false, Lang::Zh) => format!("，以及 {}", files.join("、")),
        (false, Lang::En) => format!(", and {}", files.join(", ")),
    }
}

fn settings(env: &Env, key: Option<String>, value: Option<String>, format: Format) -> Result<(), CliError> {
    let store = env.open_store()?;
    let mut settings = env.ask(&store, ops::settings::GetSettings)?;
    match (key, value) {
        (None, _) if format == Format::Json => out!("{}", json(&settings_json(&settings, &SETTING_KEYS))),
        (None, _) => out!("{}", settings_text(&settings)),
        (Some(key), None) => {
            let name = key.replace('-', "_");
            let value = settings.get(&name);
            let value = value
                .ok_or_else(|| CliError::usage(crate::model::settings::SettingError::Unknown(key).message(env.lang)))?;
            if format == Format::Json {
                out!("{}", json(&settings_json(&settings, &[name.as_str()])));
            } else {
                outln!("{value}");
            }
        }
        (Some(key), Some(value)) => {
            settings.set(&key, &value).map_err(|e| CliError::usage(e.message(env.lang)))?;
            env.ask(&store, ops::settings::SetSettings { settings })?;
        }
    }
    Ok(())
}

fn settings_text(settings: &Settings) -> String {
    SETTING_KEYS.iter().map(|k| format!("{k} = {}\n", settings.get(k).unwrap_or_default())).collect()
}

/// `keys` as one object: counts of days and households as numbers, the
/// street's name and the shares (`1/3`) as text, as `silian settings KEY VALUE` takes them.
fn settings_json(settings: &Settings, keys: &[&str]) -> serde_json::Map<String, serde_json::Value> {
    keys.iter()
        .map(|k| {
            let text = settings.get(k).unwrap_or_default();
            let value = match text.parse::<u32>() {
                Ok(n) if *k != "street_name" => serde_json::Value::from(n),
                _ => serde_json::Value::from(text),
            };
            (k.to_string(), value)
        })
        .collect()
}

/// Which entries `silian audit` shows.
struct AuditFilter<'a> {
    kind: Option<&'a str>,
    id: Option<u64>,
    account: Option<&'a str>,
}

fn audit(env: &Env, filter: AuditFilter, format: Format, reveal: bool) -> Result<(), CliError> {
    let AuditFilter { kind, id, account } = filter;
    let kind = kind.map(|k| parse_kind(k, env.lang)).transpose()?;
    let store = env.open_store()?;
    let entries = env.ask(&store, ops::maintenance::AuditLog { reveal })?;
    let entries: Vec<&AuditEntry> = entries
        .iter()
        .filter(|e| kind.is_none_or(|k| e.kind == Some(k)) && id.is_none_or(|id| e.concerns(id)))
        .filter(|e| account.is_none_or(|a| e.account == a))
        .collect();
    if format == Format::Json {
        out!("{}", json(&entries));
        return Ok(());
    }
    let headers = ["at", "account", "action", "kind", "id", "changes"].map(String::from);
    let rows: Vec<Vec<String>> = entries.iter().map(|e| audit_row(e, env.lang)).collect();
    out!("{}", output::table_within(&headers, &rows, AUDIT_DETAIL_CELLS));
    Ok(())
}

/// An import entry in words, e.g. `导入 households.csv：新建联系户 1–100000（100000 条）`.
fn import_text(e: &AuditEntry, lang: Lang) -> Option<String> {
    let Imported { created, updated } = e.imported()?;
    let file = &e.note;
    let label = e.kind.map(|k| k.label(lang)).unwrap_or_default();
    let n = created.end - created.start;
    let ids = match n {
        0 => String::new(),
        1 => created.start.to_string(),
        _ => format!("{}–{}", created.start, created.end - 1),
    };
    let zh_updated = if updated > 0 { format!("，更新 {updated} 条") } else { String::new() };
    let en_updated = if updated > 0 { format!(", {updated} updated") } else { String::new() };
    Some(match (lang, n) {
        (Lang::Zh, 0) => format!("导入 {file}：未新建{zh_updated}"),
        (Lang::En, 0) => format!("imported {file}: none created{en_updated}"),
        (Lang::Zh, _) => format!("导入 {file}：新建{label} {ids}（{n} 条）{zh_updated}"),
        (Lang::En, _) => format!("imported {file}: created {label} {ids} ({n} records){en_updated}"),
    })
}

/// Room for an import's sentence with a long file name; changes listed field
/// by field are cut there too.
const AUDIT_DETAIL_CELLS: usize = 100;

fn audit_row(e: &AuditEntry, lang: Lang) -> Vec<String> {
    let changes: Vec<String> = e.changes.iter().map(|c| format!("{}: {} → {}", c.field, c.old, c.new)).collect();
    let detail = match import_text(e, lang) {
        Some(text) => text,
        None if changes.is_empty() => e.note.clone(),
        None => changes.join("; "),
    };
    vec![
        e.at.format("%Y-%m-%d %H:%M:%S").to_string(),
        e.account.clone(),
        format!("{:?}", e.action).to_lowercase(),
        e.kind.map(|k| k.id().to_string()).unwrap_or_default(),
        if e.id == 0 || e.action == AuditAction::Import { String::new() } else { e.id.to_string() },
        detail,
    ]
}

/// Without a subcommand: what is in the store and how to go on. (The
/// full-screen workbench will open here.)
pub fn summary(env: &Env) -> Result<(), CliError> {
    let store = env.open_store()?;
    let counts = env.ask(&store, ops::records::RecordCounts)?;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "silian  {}", env.path.display());
    for (kind, count) in &counts {
        let _ = writeln!(out, "  {:<12} {count}", kind.label(env.lang));
    }
    if counts.iter().all(|(_, n)| *n == 0) {
        let _ = writeln!(out, "{}", env.lang.pick(
            "数据库为空。可先添加委员（silian add member --name 姓名 --role part_time），或用 silian --demo 打开演示数据。",
            "The store is empty. Add a member (silian add member --name NAME --role part_time), or try silian --demo.",
        ));
    }
    let _ =
        writeln!(out, "{}", env.lang.pick("用 silian --help 查看全部命令。", "See silian --help for every command."));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_import_reads_as_one_sentence_with_its_updates() {
        let imported = Imported { created: 2..3002, updated: 1 };
        let at = "2026-11-30T08:00:00Z".parse().unwrap();
        let entry = AuditEntry::import(at, "clerk", Kind::Household, "households.csv", &imported);
        assert_eq!(
            import_text(&entry, Lang::Zh).unwrap(),
            "导入 households.csv：新建联系户 2–3001（3000 条），更新 1 条"
        );
        assert_eq!(
            import_text(&entry, Lang::En).unwrap(),
            "imported households.csv: created household 2–3001 (3000 records), 1 updated"
        );
        let only_updates =
            AuditEntry::import(at, "clerk", Kind::Household, "h.csv", &Imported { created: 5..5, updated: 2 });
        assert_eq!(import_text(&only_updates, Lang::Zh).unwrap(), "导入 h.csv：未新建，更新 2 条");
        assert_eq!(
            audit_row(&entry, Lang::Zh)[4],
            "",
            "an import names its records in its sentence, not in the id column"
        );
    }
}
