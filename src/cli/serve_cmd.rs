//! `silian serve` and `silian role`: the shared store of an office.

use super::commands::Env;
use super::{output, CliError};
use crate::i18n::Lang;
use crate::net::client::Client;
use crate::net::server::{serve as run_server, ServeOptions};
use crate::net::socket_path;
use crate::ops;
use crate::store::{Grant, Role};
use std::os::unix::fs::OpenOptionsExt;
use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

pub fn serve(env: &Env, opts: &ServeOptions) -> Result<(), CliError> {
    let log = |line: &str| eprintln!("{} silian serve: {line}", chrono::Local::now().format("%Y-%m-%d %H:%M:%S"));
    if let Some(notice) = super::recovery::exposed_store_notice(&env.path, env.lang) {
        log(&notice);
    }
    run_server(opts, &log).map_err(|e| CliError::failure(e.message(env.lang)))
}

/// Starts `silian serve` for the store in its own session, so that a closing
/// terminal or a dropped connection does not take it along, unless a server
/// answers already; waits until it does. Quietly leaves the store to be
/// opened in this process when that fails: the user's work comes first.
pub fn start_in_background(env: &Env, idle_secs: u64) {
    let socket = socket_path(&env.path);
    if Client::connect(&socket).is_ok() {
        return;
    }
    let Ok(exe) = std::env::current_exe() else { return };
    let log =
        std::fs::OpenOptions::new().create(true).append(true).mode(0o600).open(env.path.with_extension("serve.log"));
    let mut cmd = Command::new(exe);
    cmd.arg("--db").arg(&env.path);
    // The server's own default unless one was given: it serves imports too.
    if let Some(mb) = env.cache_mb {
        cmd.arg("--cache-mb").arg(mb.to_string());
    }
    cmd.args(["serve", "--idle-exit", &idle_secs.to_string()]);
    cmd.env_remove("SILIAN_AUTO_SERVE").stdin(Stdio::null()).stdout(Stdio::null());
    cmd.stderr(log.map(Stdio::from).unwrap_or_else(|_| Stdio::null()));
    // SAFETY: setsid is async-signal-safe and touches no memory of the parent.
    unsafe {
        cmd.pre_exec(|| {
            libc::setsid();
            Ok(())
        });
    }
    if cmd.spawn().is_err() {
        return;
    }
    let deadline = Instant::now() + Duration::from_secs(10);
    while Client::connect(&socket).is_err() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
}

pub fn role(env: &Env, account: Option<String>, role: Option<&str>, member: Option<u64>) -> Result<(), CliError> {
    let store = env.open_store()?;
    let Some(account) = account else {
        let roles = env.ask(&store, ops::accounts::ListRoles)?;
        let headers = ["account", "role", "member"].map(String::from);
        let rows: Vec<Vec<String>> = roles
            .iter()
            .map(|(a, g)| {
                vec![a.clone(), g.role.id().to_string(), g.member_id.map(|m| m.to_string()).unwrap_or_default()]
            })
            .collect();
        out!("{}", output::table(&headers, &rows));
        return Ok(());
    };
    let Some(role) = role else {
        return Err(CliError::usage(env.lang.pick(
            "请给出角色：admin、editor、member、viewer 或 none",
            "give a role: admin, editor, member, viewer or none",
        )));
    };
    let grant = parse_grant(role, member, env.lang)?;
    env.ask(&store, ops::accounts::SetRole { account: account.clone(), grant: grant.clone() })?;
    eprintln!(
        "{}",
        match (env.lang, &grant) {
            (Lang::Zh, Some(g)) => format!("已授予 {account} 角色 {}", g.describe()),
            (Lang::En, Some(g)) => format!("{account} is now {}", g.describe()),
            (Lang::Zh, None) => format!("已取消 {account} 的角色"),
            (Lang::En, None) => format!("{account} has no role any more"),
        }
    );
    Ok(())
}

fn parse_grant(role: &str, member: Option<u64>, lang: Lang) -> Result<Option<Grant>, CliError> {
    if role == "none" {
        return Ok(None);
    }
    let role: Role = role.parse().map_err(|e: String| {
        CliError::usage(match lang {
            Lang::Zh => format!("角色“{role}”无效，应为 admin、editor、member、viewer 或 none"),
            Lang::En => e,
        })
    })?;
    match (role, member) {
        (Role::Member, None) => Err(CliError::usage(lang.pick(
            "member 角色需要用 --member 委员编号 指明其代表的委员",
            "the member role needs --member ID: the member record the account acts for",
        ))),
        (Role::Member, Some(id)) => Ok(Some(Grant { role, member_id: Some(id) })),
        (_, Some(_)) => {
            Err(CliError::usage(lang.pick("--member 只用于 member 角色", "--member goes with the member role only")))
        }
        (_, None) => Ok(Some(Grant { role, member_id: None })),
    }
}
