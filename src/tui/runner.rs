//! The terminal loop. Event-driven: the main thread sleeps in `recv` until a
//! key, a resize, a paste or a hang-up arrives; there is no tick. Pending
//! events are drained before drawing, so a held arrow key does not queue frames.

use super::app::App;
use super::data::Data;
use super::effects::perform;
use super::key::Key;
use super::term::{self, Screen};
use super::ui;
use crate::model::{AnyRecord, Kind, Settings};
use crate::net::client::{Client, ConnectError, Listener};
use crate::net::{wire, Backend};
use crate::ops::Error;
use crate::rules::holidays::HolidayCalendar;
use crate::store::{Context, StoreError};
use ratatui::crossterm::event::{self, Event as TermEvent};
use std::fs::File;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::time::Duration;

pub enum Event {
    Key(Key),
    Paste(String),
    Resize(u16, u16),
    /// The terminal is gone (SIGHUP, SIGTERM, EOF or EIO): save and leave.
    Hangup,
    /// All records, read on another thread while the preview was shown.
    Loaded(Box<Result<Data, Error>>),
    /// What someone else changed, pushed by the store's server.
    Changed(Vec<(Kind, u64, Option<AnyRecord>)>),
    Settings(Settings),
    /// Records open in people's forms, with their accounts.
    Editing(Vec<(Kind, u64, String)>),
    /// The server went away; the workbench keeps going and reconnects.
    ServerLost,
    /// The server is back: every record read again, since changes were missed.
    Reconnected(Box<Result<Data, Error>>),
}

/// How long to wait between attempts to reach a server that went away.
const RECONNECT_EVERY: Duration = Duration::from_secs(1);

/// Hears the server's changes on its own thread. The thread blocks on the
/// socket, so an idle workbench stays asleep; only while the server is away
/// does it try again once a second.
fn spawn_listener(socket: PathBuf, calendar: HolidayCalendar, tx: Sender<Event>) {
    std::thread::spawn(move || {
        let mut lost = false;
        loop {
            match Listener::connect(&socket) {
                Ok(mut listener) => {
                    if lost {
                        let reread = match Client::connect(&socket) {
                            Ok(client) => super::load(&Backend::Remote(client), calendar.clone(), ""),
                            Err(ConnectError::Refused(e)) => Err(e.into()),
                            Err(ConnectError::NoServer(e)) => Err(StoreError::Io(e.to_string()).into()),
                        };
                        if tx.send(Event::Reconnected(Box::new(reread))).is_err() {
                            return;
                        }
                    }
                    while let Some(event) = listener.next_event() {
                        let event = match event {
                            wire::Event::Changed(changes) => Event::Changed(changes),
                            wire::Event::Settings(s) => Event::Settings(s),
                            wire::Event::Editing(open) => Event::Editing(open),
                        };
                        if tx.send(event).is_err() {
                            return;
                        }
                    }
                    lost = true;
                    if tx.send(Event::ServerLost).is_err() {
                        return;
                    }
                }
                Err(ConnectError::Refused(_)) => return,
                Err(ConnectError::NoServer(_)) => std::thread::sleep(RECONNECT_EVERY),
            }
        }
    });
}

/// Reads the terminal on its own thread; a read error means the terminal is
/// gone, which ends the thread rather than spinning on it.
fn spawn_input(tx: Sender<Event>) {
    std::thread::spawn(move || loop {
        let sent = match event::read() {
            Ok(TermEvent::Key(k)) => match Key::from_crossterm(&k) {
                Some(key) => tx.send(Event::Key(key)),
                None => Ok(()),
            },
            Ok(TermEvent::Paste(text)) => tx.send(Event::Paste(text)),
            Ok(TermEvent::Resize(w, h)) => tx.send(Event::Resize(w, h)),
            Ok(_) => Ok(()),
            Err(_) => {
                let _ = tx.send(Event::Hangup);
                return;
            }
        };
        if sent.is_err() {
            return;
        }
    });
}

/// Raw mode turns off the terminal's own signals, so hang-ups and kills must
/// be caught here, or the store would be closed without its destructors.
fn spawn_signals(tx: Sender<Event>) -> std::io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGQUIT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGHUP, SIGTERM, SIGQUIT])?;
    std::thread::spawn(move || {
        if signals.forever().next().is_some() {
            let _ = tx.send(Event::Hangup);
        }
    });
    Ok(())
}

pub fn run(store: &Backend, mut app: App, account: String) -> std::io::Result<()> {
    let (tx, rx) = channel();
    spawn_signals(tx.clone())?;
    let mut screen = term::init()?;
    // The first screen is drawn before the full read starts, so that the two
    // do not contend for the processor (or the one malloc arena).
    set_page(&mut app, screen.size()?.height);
    screen.draw(|f| ui::draw(f, &app))?;
    let stop_loading = AtomicBool::new(false);
    std::thread::scope(|scope| {
        if app.data.is_loading() {
            let (tx, calendar, stop, reader) = (tx.clone(), app.data.calendar.clone(), &stop_loading, account.as_str());
            scope.spawn(move || {
                // `None`: given up because the workbench is closing; nobody waits for it.
                if let Some(loaded) = super::load_unless(store, calendar, reader, stop).transpose() {
                    let _ = tx.send(Event::Loaded(Box::new(loaded)));
                }
            });
        }
        if let Backend::Remote(client) = store {
            spawn_listener(client.socket().to_path_buf(), app.data.calendar.clone(), tx.clone());
        }
        spawn_input(tx);
        let result = event_loop(&mut screen, store, &mut app, &rx, &account);
        stop_loading.store(true, Ordering::Relaxed);
        term::restore();
        result
    })
}

fn event_loop(
    screen: &mut Screen<File>,
    store: &Backend,
    app: &mut App,
    rx: &Receiver<Event>,
    account: &str,
) -> std::io::Result<()> {
    while let Ok(first) = rx.recv() {
        let mut next = Some(first);
        while let Some(ev) = next {
            if !handle(store, app, ev, account) {
                return Ok(());
            }
            next = rx.try_recv().ok();
        }
        if app.quit {
            return Ok(());
        }
        set_page(app, screen.size()?.height);
        app.settle();
        screen.draw(|f| ui::draw(f, app))?;
    }
    Ok(())
}

fn set_page(app: &mut App, height: u16) {
    app.page = usize::from(height.saturating_sub(ui::CHROME_ROWS)).max(1);
}

/// Applies one event; false when the program must end now.
fn handle(store: &Backend, app: &mut App, ev: Event, account: &str) -> bool {
    let effects = match ev {
        Event::Key(key) => app.on_key(key),
        Event::Paste(text) => app.on_paste(&text),
        Event::Resize(..) => Vec::new(),
        Event::Hangup => return false,
        Event::Loaded(full) => {
            app.finish_loading(*full);
            Vec::new()
        }
        Event::Changed(changes) => {
            app.changed_elsewhere(changes);
            Vec::new()
        }
        Event::Settings(settings) => {
            app.data.set_settings(settings);
            Vec::new()
        }
        Event::Editing(open) => {
            app.set_editing_elsewhere(open);
            Vec::new()
        }
        Event::ServerLost => {
            app.server_lost();
            Vec::new()
        }
        Event::Reconnected(full) => {
            app.reconnected(*full);
            Vec::new()
        }
    };
    let ctx = Context { account: account.to_string(), now: chrono::Utc::now() };
    for effect in effects {
        let outcome = perform(store, &ctx, effect);
        app.apply(outcome);
    }
    // Only a server has others to tell.
    if let (Some(effect), true) = (app.presence_effect(), store.is_served()) {
        let outcome = perform(store, &ctx, effect);
        app.apply(outcome);
    }
    true
}
