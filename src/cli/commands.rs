//! One function per subcommand; each opens the store, asks it through its
//! request API and prints the reply.

use super::args::{field_pairs, parse_kind};
use super::env::{demo_store_path, os_account, today};
use super::{output, Cli, CliError, Command, Format};
use crate::i18n::Lang;
use crate::model::fields::specs;
use crate::model::{AnyData, AnyRecord, Kind};
use crate::net::Backend;
use crate::ops::{self, Routed};
use crate::present::{cell, column_label, raw_text, record_json, table_columns, Names};
use crate::store::{Context, Store};
use crate::workflow::{household_member, HouseholdMember};
use chrono::Utc;
use std::path::PathBuf;

/// What every command needs: the language, the store's path and the cache size.
pub struct Env {
    pub lang: Lang,
    pub path: PathBuf,
    /// As given; `cache_mb()` tells what is used.
    pub cache_mb: Option<u64>,
    /// The cache when none is given: the workbench's is smaller (see `for_workbench`).
    pub default_cache_mb: u64,
    pub demo: bool,
    pub ascii: bool,
    /// Start a server when none runs, stopping this long after its last client.
    pub auto_serve: Option<u64>,
}

impl Env {
    /// The store's page cache in MiB.
    pub fn cache_mb(&self) -> u64 {
        self.cache_mb.unwrap_or(self.default_cache_mb)
    }

    /// This environment with the workbench's page cache, unless one was given.
    pub fn for_workbench(&self) -> Env {
        Env { default_cache_mb: crate::store::WORKBENCH_CACHE_MB, path: self.path.clone(), ..*self }
    }

    /// Opens the store, or its server when one runs, and undoes an import a
    /// crash cut short, telling of it on stderr.
    pub fn open_store(&self) -> Result<Backend, CliError> {
        let (store, notice) = self.open_store_quietly()?;
        if let Some(notice) = notice {
            eprintln!("{notice}");
        }
        Ok(store)
    }

    /// As `open_store`, but hands back what was repaired for the caller to show.
    pub fn open_store_quietly(&self) -> Result<(Backend, Option<String>), CliError> {
        if let Some(idle) = self.auto_serve {
            super::serve_cmd::start_in_background(self, idle);
        }
        self.open_store_here()
    }

    /// The store's server when one runs, else the store in this process.
    fn open_store_here(&self) -> Result<(Backend, Option<String>), CliError> {
        let backend = Backend::open(&self.path, self.cache_mb()).map_err(|e| store_error(e, self.lang))?;
        // A server undoes such an import itself when it starts.
        let Some(store) = backend.local() else { return Ok((backend, None)) };
        let undone = store.undo_interrupted_import(&self.context()).map_err(|e| store_error(e, self.lang))?;
        let notices: Vec<String> = [
            super::recovery::exposed_store_notice(&self.path, self.lang),
            undone.map(|u| super::recovery::undone_import_notice(&u, self.lang)),
        ]
        .into_iter()
        .flatten()
        .collect();
        let notice = (!notices.is_empty()).then(|| notices.join("\n"));
        if self.demo && store.is_empty() {
            super::maintenance::fill_demo(self, store, 1)?;
        }
        Ok((backend, notice))
    }

    /// The store itself, for what its server cannot be asked to do.
    pub fn open_store_itself(&self) -> Result<Store, CliError> {
        let (backend, notice) = self.open_store_here()?;
        if let Some(notice) = notice {
            eprintln!("{notice}");
        }
        match backend {
            Backend::Local(store) => Ok(store),
            Backend::Remote(client) => Err(CliError::failure(served_store(client.socket(), self.lang))),
        }
    }

    pub fn context(&self) -> Context {
        Context { account: os_account(), now: Utc::now() }
    }

    /// One operation as this command's account; its error becomes an exit code with a message.
    pub fn ask<O: Routed>(&self, store: &Backend, op: O) -> Result<O::Reply, CliError> {
        store.ask(&self.context(), op).map_err(|e| store_error(e, self.lang))
    }

    /// One operation, then what it says it did, on stdout. Records are
    /// named by id: a command line has no names held to label them with.
    pub fn ask_and_say<O: Routed + Clone>(&self, store: &Backend, op: O) -> Result<O::Reply, CliError> {
        let reply = self.ask(store, op.clone())?;
        let label = |_, id: u64| id.to_string();
        outln!("{}", op.outcome(&reply, &label, self.lang));
        Ok(reply)
    }
}

fn served_store(socket: &std::path::Path, lang: Lang) -> String {
    if lang == Lang::Zh {
        format!("此命令需要直接打开数据库，但服务进程正在 {} 上运行。请先停止 silian serve 再试。", socket.display())
    } else {
        format!(
            "This command opens the store itself, but its server is running on {}. Stop silian serve and try again.",
            socket.display()
        )
    }
}

pub fn store_error(e: impl Into<ops::Error>, lang: Lang) -> CliError {
    let e: ops::Error = e.into();
    let code = if e.is_user_error() { 2 } else { 1 };
    CliError { code, message: e.message(lang) }
}

pub fn run(mut cli: Cli) -> Result<(), CliError> {
    take_global_flags(&mut cli)?;
    let path = match (&cli.db, cli.demo) {
        (Some(p), _) => p.clone(),
        (None, true) => demo_store_path(),
        (None, false) => super::default_store_path(),
    };
    let env = Env {
        lang: cli.lang,
        path,
        cache_mb: cli.cache_mb,
        default_cache_mb: crate::store::DEFAULT_CACHE_MB,
        demo: cli.demo,
        ascii: cli.ascii,
        auto_serve: cli.auto_serve,
    };
    let Some(command) = cli.command else { return super::workbench::open(&env) };
    match command {
        Command::Add { kind, fields } => add(&env, &kind, &fields),
        Command::Edit { kind, id, fields } => edit(&env, &kind, id, &fields),
        Command::List { kind, query, archived, format, reveal } => list(&env, &kind, query, archived, format, reveal),
        Command::Show { kind, id, format, reveal } => show(&env, &kind, id, format, reveal),
        Command::Archive { kind, id } => set_archived(&env, &kind, id, true),
        Command::Unarchive { kind, id } => set_archived(&env, &kind, id, false),
        Command::Search { query, kind, format, limit } => search(&env, &query, kind.as_deref(), format, limit),
        Command::Cycle(c) => super::cycle::run(&env, c),
        Command::Remind(c) => super::remind_cmd::run(&env, c),
        Command::Sessions(c) => super::sessions_cmd::run(&env, c),
        Command::Doc { doc } => super::doc_cmd::run(&env, doc),
        other => super::maintenance::run(&env, other),
    }
}

/// `add` and `edit` take every word after the kind as fields, so global flags
/// written after them (`silian add member --name 张三 --lang en`) are picked out here.
fn take_global_flags(cli: &mut Cli) -> Result<(), CliError> {
    let words = match &mut cli.command {
        Some(Command::Add { fields, .. } | Command::Edit { fields, .. }) => fields,
        _ => return Ok(()),
    };
    let mut kept = Vec::with_capacity(words.len());
    let mut iter = std::mem::take(words).into_iter();
    while let Some(word) = iter.next() {
        let (name, inline) = match word.split_once('=') {
            Some((n, v)) => (n.to_string(), Some(v.to_string())),
            None => (word.clone(), None),
        };
        match name.as_str() {
            "--demo" => cli.demo = true,
            "--lang" | "--db" | "--cache-mb" => {
                let value = inline.or_else(|| iter.next()).unwrap_or_default();
                apply_global(cli, &name, &value)?;
            }
            _ => kept.push(word),
        }
    }
    if let Some(Command::Add { fields, .. } | Command::Edit { fields, .. }) = &mut cli.command {
        *fields = kept;
    }
    Ok(())
}

fn apply_global(cli: &mut Cli, name: &str, value: &str) -> Result<(), CliError> {
    let bad = |what: &str| CliError::usage(format!("{name} \"{value}\": {what}"));
    match name {
        "--lang" => cli.lang = value.parse().map_err(|e: String| bad(&e))?,
        "--db" => cli.db = Some(PathBuf::from(value)),
        _ => cli.cache_mb = Some(value.parse().map_err(|_| bad("expected a whole number of MiB"))?),
    }
    Ok(())
}

fn add(env: &Env, kind: &str, words: &[String]) -> Result<(), CliError> {
    let kind = parse_kind(kind, env.lang)?;
    let mut pairs = field_pairs(words, env.lang)?;
    let store = env.open_store()?;
    let note = follow_household(env, &store, kind, &mut pairs);
    let data = AnyData::build(kind, &pairs, today()).map_err(|e| CliError::usage(e.message(env.lang)))?;
    let rec = env.ask(&store, ops::records::Create { data })?;
    if let Some(note) = note {
        eprintln!("{note}");
    }
    outln!("{}", rec.id());
    Ok(())
}

/// The household's member for a visit or demand, by `workflow::links`: taken
/// when none is named, or said when another is.
fn follow_household(env: &Env, store: &Backend, kind: Kind, pairs: &mut Vec<(String, String)>) -> Option<String> {
    if !matches!(kind, Kind::Visit | Kind::Demand) {
        return None;
    }
    let value = |pairs: &[(String, String)], name: &str| {
        let find = |(n, _): &&(String, String)| n.replace('-', "_") == name;
        pairs.iter().find(find).map(|(_, v)| v.trim().to_string())
    };
    let household: u64 = value(pairs, "household_id")?.parse().ok()?;
    let rec = env.ask(store, ops::records::Get { kind: Kind::Household, id: household }).ok()?;
    let AnyData::Household(h) = &rec.data else { return None };
    let named = match value(pairs, "member_id").filter(|v| !v.is_empty()) {
        // Not an id: the record's own check names the field.
        Some(text) => Some(text.parse().ok()?),
        None => None,
    };
    match household_member(h.member_id, named) {
        HouseholdMember::Take(linked) => {
            pairs.push(("member_id".into(), linked.to_string()));
            None
        }
        HouseholdMember::Other { linked, named } => {
            let name = |id: u64| {
                env.ask(store, ops::records::Get { kind: Kind::Member, id })
                    .map_or(format!("#{id}"), |r| r.data.label())
            };
            let (linked, named) = (name(linked), name(named));
            Some(match env.lang {
                Lang::Zh => {
                    format!("注意：联系户 {} 的联系委员是 {linked}，这里填的是 {named}（已按所填保存）", h.head)
                }
                Lang::En => format!("note: {}'s linked member is {linked}, not {named} (saved as given)", h.head),
            })
        }
        HouseholdMember::AsNamed => None,
    }
}

fn edit(env: &Env, kind: &str, id: u64, words: &[String]) -> Result<(), CliError> {
    let kind = parse_kind(kind, env.lang)?;
    let pairs = field_pairs(words, env.lang)?;
    let store = env.open_store()?;
    let old = get(env, &store, kind, id)?;
    let data = old.data.edit(&pairs, today()).map_err(|e| CliError::usage(e.message(env.lang)))?;
    // A user's edit: a demand's status must follow its lifecycle.
    env.ask(&store, ops::demands::EditChecked { id, data, expected_rev: Some(old.meta.rev) })?;
    Ok(())
}

fn get(env: &Env, store: &Backend, kind: Kind, id: u64) -> Result<AnyRecord, CliError> {
    env.ask(store, ops::records::Get { kind, id })
}

fn set_archived(env: &Env, kind: &str, id: u64, archived: bool) -> Result<(), CliError> {
    let kind = parse_kind(kind, env.lang)?;
    let store = env.open_store()?;
    env.ask(&store, ops::records::SetArchived { kind, id, archived })?;
    Ok(())
}

fn list(
    env: &Env,
    kind: &str,
    query: Option<String>,
    archived: bool,
    format: Format,
    reveal: bool,
) -> Result<(), CliError> {
    let kind = parse_kind(kind, env.lang)?;
    let store = env.open_store()?;
    let records = match query {
        Some(q) => matching(env, &store, kind, &q, archived)?,
        None => env.ask(&store, ops::records::List { kind, include_archived: archived })?,
    };
    if reveal {
        log_reveal(env, &store, kind, records.iter().map(AnyRecord::id).collect())?;
    }
    let names = Names::for_kind(|k| store.all(&env.context(), k), kind).map_err(|e| store_error(e, env.lang))?;
    out!("{}", render_list(env.lang, kind, &records, &names, format, reveal)?);
    Ok(())
}

/// The records of `kind` that match `query`, best first.
fn matching(env: &Env, store: &Backend, kind: Kind, query: &str, archived: bool) -> Result<Vec<AnyRecord>, CliError> {
    let request =
        ops::records::Search { query: query.into(), kind: Some(kind), include_archived: archived, limit: usize::MAX };
    let hits = env.ask(store, request)?;
    let mut out = Vec::with_capacity(hits.len());
    for hit in hits {
        out.push(get(env, store, kind, hit.id)?);
    }
    Ok(out)
}

fn log_reveal(env: &Env, store: &Backend, kind: Kind, ids: Vec<u64>) -> Result<(), CliError> {
    let personal = specs(kind).iter().any(|s| s.is_personal(kind));
    if personal && !ids.is_empty() {
        env.ask(store, ops::maintenance::LogReveal { kind, ids, note: "cli".into() })?;
    }
    Ok(())
}

fn render_list(
    lang: Lang,
    kind: Kind,
    records: &[AnyRecord],
    names: &Names,
    format: Format,
    reveal: bool,
) -> Result<String, CliError> {
    let maps: Vec<_> = records.iter().map(|r| record_json(r, names, reveal)).collect();
    match format {
        Format::Json => Ok(json(&maps)),
        Format::Csv => {
            let headers: Vec<String> = maps.first().map_or_else(|| csv_headers(kind), |m| m.keys().cloned().collect());
            let rows: Vec<Vec<String>> = maps.iter().map(|m| m.values().map(raw_text).collect()).collect();
            crate::present::csv_text(&headers, &rows).map_err(CliError::failure)
        }
        Format::Table => {
            let columns = table_columns(kind);
            let mut headers = vec!["ID".to_string()];
            headers.extend(columns.iter().map(|c| column_label(kind, c, lang)));
            let rows: Vec<Vec<String>> = records
                .iter()
                .zip(&maps)
                .map(|(rec, m)| {
                    let id = if rec.meta.archived { format!("{}*", rec.id()) } else { rec.id().to_string() };
                    std::iter::once(id).chain(columns.iter().map(|c| cell(kind, m, c, names, lang))).collect()
                })
                .collect();
            let count = match lang {
                Lang::Zh => format!("共 {} 条\n", records.len()),
                Lang::En => format!("{} records\n", records.len()),
            };
            Ok(format!("{}{count}", output::table(&headers, &rows)))
        }
    }
}

fn csv_headers(kind: Kind) -> Vec<String> {
    let meta = ["id", "created_at", "updated_at", "archived"].map(String::from);
    meta.into_iter().chain(specs(kind).iter().map(|s| s.name.to_string())).collect()
}

pub fn json<T: serde::Serialize>(value: &T) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_else(|_| "null".into());
    text.push('\n');
    text
}

fn show(env: &Env, kind: &str, id: u64, format: Format, reveal: bool) -> Result<(), CliError> {
    let kind = parse_kind(kind, env.lang)?;
    let store = env.open_store()?;
    let rec = get(env, &store, kind, id)?;
    if reveal {
        log_reveal(env, &store, kind, vec![id])?;
    }
    let names = Names::for_kind(|k| store.all(&env.context(), k), kind).map_err(|e| store_error(e, env.lang))?;
    let map = record_json(&rec, &names, reveal);
    if format != Format::Table {
        return render_list(env.lang, kind, &[rec], &names, format, reveal).map(|text| {
            let text = if format == Format::Json { json(&map) } else { text };
            out!("{text}");
        });
    }
    let mut items = vec![("ID".to_string(), id.to_string())];
    for spec in specs(kind) {
        items.push((spec.label(env.lang).to_string(), cell(kind, &map, spec.name, &names, env.lang)));
    }
    let archived = if rec.meta.archived { env.lang.pick("已归档", "archived") } else { "" };
    items.push((env.lang.pick("状态", "Record").to_string(), archived.to_string()));
    items.push((env.lang.pick("更新于", "Updated").to_string(), rec.meta.updated_at.to_rfc3339()));
    out!("{}", output::pairs(&items));
    Ok(())
}

fn search(env: &Env, query: &str, kind: Option<&str>, format: Format, limit: usize) -> Result<(), CliError> {
    let kind = kind.map(|k| parse_kind(k, env.lang)).transpose()?;
    let store = env.open_store()?;
    let request = ops::records::Search { query: query.into(), kind, include_archived: false, limit };
    let hits = env.ask(&store, request)?;
    let text = match format {
        Format::Json => {
            let items: Vec<_> =
                hits.iter().map(|h| serde_json::json!({"kind": h.kind, "id": h.id, "label": h.label})).collect();
            json(&items)
        }
        _ => {
            let headers = [env.lang.pick("类型", "Kind"), "ID", env.lang.pick("名称", "Label")].map(String::from);
            let rows: Vec<Vec<String>> = hits
                .iter()
                .map(|h| vec![h.kind.label(env.lang).to_string(), h.id.to_string(), h.label.clone()])
                .collect();
            output::table(&headers, &rows)
        }
    };
    out!("{text}");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(cache_mb: Option<u64>) -> Env {
        Env {
            lang: Lang::Zh,
            path: PathBuf::from("/tmp/silian-test"),
            cache_mb,
            default_cache_mb: crate::store::DEFAULT_CACHE_MB,
            demo: false,
            ascii: false,
            auto_serve: None,
        }
    }

    #[test]
    fn the_workbench_keeps_a_smaller_page_cache_unless_one_is_given() {
        assert_eq!(env(None).cache_mb(), crate::store::DEFAULT_CACHE_MB);
        assert_eq!(env(None).for_workbench().cache_mb(), crate::store::WORKBENCH_CACHE_MB);
        const { assert!(crate::store::WORKBENCH_CACHE_MB < crate::store::DEFAULT_CACHE_MB) };
        assert_eq!(env(Some(8)).for_workbench().cache_mb(), 8, "--cache-mb wins");
        assert_eq!(env(Some(8)).cache_mb(), 8);
    }
}
