//! `silian` without a subcommand: the workbench when run in a terminal, a
//! short summary of the store when its output goes to a file or a pipe.

use super::commands::{store_error, Env};
use super::env::{os_account, today};
use super::CliError;
use crate::i18n::Lang;
use crate::net::Backend;
use crate::rules::holidays::HolidayCalendar;
use crate::tui::app::App;
use crate::tui::{load_preview, runner, start_state_with, term, Options};
use std::io::IsTerminal;

pub fn open(env: &Env) -> Result<(), CliError> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return super::maintenance::summary(env);
    }
    crate::os::return_freed_memory_promptly();
    let env = &env.for_workbench();
    let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let opts = Options { lang: env.lang, ascii: env.ascii, color, today: today(), account: os_account() };
    let mut screen = term::init().map_err(|e| terminal_error(e, env.lang))?;
    // A store that will not open is told of on the main screen, as a command would.
    let started = runner::draw_opening(&mut screen, &opts)
        .map_err(|e| terminal_error(e, env.lang))
        .and_then(|()| start(env, &opts));
    let (store, app) = match started {
        Ok(started) => started,
        Err(e) => {
            term::restore();
            return Err(e);
        }
    };
    runner::run(screen, &store, app, opts.account.clone()).map_err(|e| terminal_error(e, env.lang))
}

/// The store opened and the workbench's first state made from its newest records.
fn start(env: &Env, opts: &Options) -> Result<(Backend, App), CliError> {
    let (store, notice) = env.open_store_quietly()?;
    let calendar = calendar(env)?;
    let started =
        load_preview(&store, calendar, &opts.account).and_then(|data| start_state_with(data, &store, opts, &env.path));
    let (mut app, _warnings) = started.map_err(|e| store_error(e, env.lang))?;
    if let Some(notice) = notice {
        app.status = notice;
    }
    Ok((store, app))
}

fn terminal_error(e: std::io::Error, lang: Lang) -> CliError {
    CliError::failure(match lang {
        Lang::Zh => format!("终端出错：{e}"),
        Lang::En => format!("terminal error: {e}"),
    })
}

fn calendar(env: &Env) -> Result<HolidayCalendar, CliError> {
    super::maintenance::holiday_calendar(env)
}
