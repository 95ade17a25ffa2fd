//! The workbench: a keyboard-driven terminal UI over every record kind. It
//! speaks to the store only through operations (`crate::ops`), asked by
//! `effects::perform`, its reads included.

pub mod action;
pub mod app;
mod app_command;
pub mod app_cycle;
mod app_doc;
mod app_filter;
mod app_form;
mod app_help;
pub mod app_import;
mod app_lists;
mod app_outcome;
mod app_question;
mod app_remind;
mod app_report;
mod app_review;
mod app_step;
pub mod data;
pub mod effects;
mod filter;
pub mod form;
mod full_read;
pub mod held;
pub mod input;
pub mod key;
pub mod keymap;
pub mod list;
pub mod open;
pub mod overview;
mod packed_visit;
mod referrers;
pub mod related;
pub mod runner;
pub mod step_form;
pub mod tabs;
pub mod term;
pub mod text_input;
pub mod ui;
mod unsent;

use crate::i18n::Lang;
use crate::model::Kind;
use crate::net::Backend;
use crate::ops::{self, Error};
use crate::rules::holidays::HolidayCalendar;
use crate::store::{Context, StoreError};
use app::App;
use chrono::NaiveDate;
use std::path::Path;
use std::sync::atomic::AtomicBool;

pub struct Options {
    pub lang: Lang,
    pub ascii: bool,
    pub color: bool,
    pub today: NaiveDate,
    /// The OS account that runs the workbench: what it reads is what this
    /// account may see, and its drafts are offered.
    pub account: String,
}

/// Everything the workbench shows, read from the store as `account` may see it.
pub fn load(store: &Backend, calendar: HolidayCalendar, account: &str) -> Result<data::Data, Error> {
    let never = AtomicBool::new(false);
    // Only a stop gives up a load, and nothing stops this one.
    load_unless(store, calendar, account, &never)?
        .ok_or_else(|| StoreError::Io("reading the records was given up".into()).into())
}

pub use full_read::load_unless;

/// Who reads, now. Through a server the account is the one the server saw
/// connect, whatever this says.
fn context(account: &str) -> Context {
    Context { account: account.to_string(), now: chrono::Utc::now() }
}

/// Records read per kind for the first screen, before the rest: more than
/// any terminal has rows, and a few `PageDown`s. Reading them (and the records
/// they name) is a third of the first frame: 300 took 28–34 ms on the demo store.
pub const PREVIEW_ROWS: usize = 150;

/// The newest records of each kind, for showing the first screen at once;
/// the runner then loads everything (`load`) on another thread.
/// With them, the records they refer to, so that their rows show names, not numbers.
pub fn load_preview(store: &Backend, calendar: HolidayCalendar, account: &str) -> Result<data::Data, Error> {
    let ctx = context(account);
    let mut records = Vec::new();
    for kind in Kind::ALL {
        records.extend(store.ask(&ctx, ops::records::Newest { kind, n: PREVIEW_ROWS })?);
    }
    let held: std::collections::HashSet<(Kind, u64)> = records.iter().map(|r| (r.kind(), r.id())).collect();
    let mut missing: Vec<(Kind, u64)> =
        records.iter().flat_map(|r| r.data.refs()).map(|r| (r.kind, r.id)).filter(|k| !held.contains(k)).collect();
    missing.sort_unstable();
    missing.dedup();
    records.extend(store.ask(&ctx, ops::records::GetMany { refs: missing })?);
    Ok(data::Data::preview(records, store.settings(&ctx)?, calendar))
}

/// The state the workbench starts in: data loaded, user keymap applied, a left-over draft offered.
pub fn start_state(
    store: &Backend,
    calendar: HolidayCalendar,
    opts: &Options,
    dir: &Path,
) -> Result<(App, Vec<String>), Error> {
    start_state_with(load(store, calendar, &opts.account)?, store, opts, dir)
}

/// The workbench on `data` as `opts` asks: language, day, borders, colour, account.
pub fn app_for(data: data::Data, opts: &Options) -> App {
    let mut app = App::new(data, opts.lang, opts.today);
    app.ascii = opts.ascii;
    app.color = opts.color;
    app.account = opts.account.clone();
    app
}

/// `start_state` on `data` already read (all of it, or a preview).
pub fn start_state_with(
    data: data::Data,
    store: &Backend,
    opts: &Options,
    dir: &Path,
) -> Result<(App, Vec<String>), Error> {
    let mut app = app_for(data, opts);
    let mut warnings = Vec::new();
    if let Ok(text) = std::fs::read_to_string(dir.join("keymap.toml")) {
        let (keymap, w) = app.keymap.clone().with_user_file(&text, opts.lang);
        app.keymap = keymap;
        warnings = w;
    }
    let ctx = context(&opts.account);
    // One kept here while the server was away is newer than the server's.
    let draft = match unsent::kept(store) {
        Some(kept) => Some(kept),
        None => store.ask(&ctx, ops::drafts::Drafts)?.into_iter().find(|(k, _)| k == form::DRAFT_KEY).map(|(_, v)| v),
    };
    if let Some(draft) = draft.and_then(|v| serde_json::from_slice(&v).ok()) {
        app.offer_draft(draft);
    }
    if let Some(w) = warnings.first() {
        app.status = w.clone();
    }
    Ok((app, warnings))
}
