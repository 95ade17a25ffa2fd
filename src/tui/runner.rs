//! The terminal loop. Event-driven: the main thread sleeps in `recv` until a
//! key, a resize, a paste or a hang-up arrives; there is no tick. Pending
//! events are drained before drawing, so a held arrow key does not queue frames.

use super::app::App;
use super::data::Data;
use super::effects::{perform, Effect, Outcome};
use super::input::Input;
use super::key::Key;
use super::term::{self, Screen};
use super::ui;
use crate::net::client::{Client, ConnectError, Listener};
use crate::net::{wire, Backend};
use crate::rules::holidays::HolidayCalendar;
use crate::store::{Context, StoreError};
use ratatui::crossterm::event::{self, Event as TermEvent};
use std::fs::File;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

/// How long to wait between attempts to reach a server that went away.
const RECONNECT_EVERY: Duration = Duration::from_secs(1);

/// Hears the server's changes on its own thread. The thread blocks on the
/// socket, so an idle workbench stays asleep; only while the server is away
/// does it try again once a second.
fn spawn_listener(socket: PathBuf, calendar: HolidayCalendar, tx: Sender<Input>) {
    std::thread::spawn(move || {
        let mut lost = false;
        loop {
            match Listener::connect(&socket) {
                Ok(mut listener) => {
                    if lost {
                        let reread = match Client::connect(&socket) {
                            Ok(client) => super::load(&Backend::Remote(client), calendar.clone(), ""),
                            Err(ConnectError::Refused(e)) => Err(e),
                            Err(ConnectError::NoServer(e)) => Err(StoreError::Io(e.to_string()).into()),
                        };
                        if tx.send(Input::Reconnected(Box::new(reread))).is_err() {
                            return;
                        }
                    }
                    while let Some(event) = listener.next_event() {
                        let event = match event {
                            wire::Event::Changed(changes) => Input::Changed(changes),
                            wire::Event::Settings(s) => Input::Settings(s),
                            wire::Event::Editing(open) => Input::Editing(open),
                        };
                        if tx.send(event).is_err() {
                            return;
                        }
                    }
                    lost = true;
                    if tx.send(Input::ServerLost).is_err() {
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
fn spawn_input(tx: Sender<Input>) {
    std::thread::spawn(move || loop {
        let sent = match event::read() {
            Ok(TermEvent::Key(k)) => match Key::from_crossterm(&k) {
                Some(key) => tx.send(Input::Key(key)),
                None => Ok(()),
            },
            Ok(TermEvent::Paste(text)) => tx.send(Input::Paste(text)),
            Ok(TermEvent::Resize(cols, rows)) => tx.send(Input::Resize(cols, rows)),
            Ok(_) => Ok(()),
            Err(_) => {
                let _ = tx.send(Input::Hangup);
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
fn spawn_signals(tx: Sender<Input>) -> std::io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGQUIT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGHUP, SIGTERM, SIGQUIT])?;
    std::thread::spawn(move || {
        if signals.forever().next().is_some() {
            let _ = tx.send(Input::Hangup);
        }
    });
    Ok(())
}

/// The screen shown while the store opens and its newest records are read:
/// the workbench as it is before anything is read, saying it is reading. A
/// large store takes a moment to open (sled reads its page table: 0.4 s for
/// a million records), and the first frame should not wait for it.
pub fn draw_opening(screen: &mut Screen<File>, opts: &super::Options) -> std::io::Result<()> {
    let nothing_yet = Data::preview(Vec::new(), Default::default(), HolidayCalendar::builtin());
    let mut app = super::app_for(nothing_yet, opts);
    let size = screen.size()?;
    app.update(Input::Resize(size.width, size.height));
    screen.draw(|f| ui::draw(f, &app))
}

/// The workbench on `screen` (set up by `term::init`, the opening drawn)
/// until it is quit or the terminal goes away.
pub fn run(mut screen: Screen<File>, store: &Backend, mut app: App, account: String) -> std::io::Result<()> {
    let (tx, rx) = channel();
    spawn_signals(tx.clone())?;
    // The first screen is drawn before the full read starts, so that the two
    // do not contend for the processor (or the one malloc arena).
    let size = screen.size()?;
    handle(store, &mut app, Input::Resize(size.width, size.height), &account);
    screen.draw(|f| ui::draw(f, &app))?;
    let stop_loading = AtomicBool::new(false);
    std::thread::scope(|scope| {
        if app.data.is_loading() {
            let (tx, calendar, stop, reader) = (tx.clone(), app.data.calendar.clone(), &stop_loading, account.as_str());
            scope.spawn(move || {
                // `None`: given up because the workbench is closing; nobody waits for it.
                if let Some(loaded) = super::load_unless(store, calendar, reader, stop).transpose() {
                    let _ = tx.send(Input::Loaded(Box::new(loaded)));
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
    rx: &Receiver<Input>,
    account: &str,
) -> std::io::Result<()> {
    while let Some(first) = next_input(app, rx) {
        let mut next = Some(first);
        while let Some(input) = next {
            if !handle(store, app, input, account) {
                return Ok(());
            }
            next = rx.try_recv().ok();
        }
        // What typing into the filter left to do is done once per burst of keys, before the frame.
        app.settle();
        screen.draw(|f| ui::draw(f, app))?;
    }
    Ok(())
}

/// How long the keys must pause before the detail pane follows the list.
/// Redrawing a visit's text was nearly half of what a Down cost over a slow
/// link (`bench/terminal.sh`, 100×30, 2026-12-03: 302 B per Down without a
/// scroll, 162 B with the pane waiting); a held arrow key repeats every
/// 30–50 ms, and a hand that reads each record stops longer than this.
const DETAIL_PAUSE: Duration = Duration::from_millis(200);

/// The next input, waiting as long as it takes; but while the detail pane
/// lags behind the list, a pause in the keys is an input of its own.
/// Otherwise nothing wakes an idle workbench.
fn next_input(app: &App, rx: &Receiver<Input>) -> Option<Input> {
    if app.detail_lag.is_none() {
        return rx.recv().ok();
    }
    match rx.recv_timeout(DETAIL_PAUSE) {
        Ok(input) => Some(input),
        Err(RecvTimeoutError::Timeout) => Some(Input::Paused),
        Err(RecvTimeoutError::Disconnected) => None,
    }
}

/// Hands one input to the state and performs the effects it asks for; false
/// when the program must end now (a quit, or the terminal gone).
fn handle(store: &Backend, app: &mut App, input: Input, account: &str) -> bool {
    let ctx = Context { account: account.to_string(), now: chrono::Utc::now() };
    let effects = app.update(input);
    carry_out(store, &ctx, app, effects);
    !app.quit
}

/// Performs `effects` and hands their outcomes back to the state, until it
/// asks for nothing more (a save's reply asks to drop its draft, an import's
/// to read its kind again).
pub fn carry_out(store: &Backend, ctx: &Context, app: &mut App, mut effects: Vec<Effect>) {
    while !effects.is_empty() {
        let outcomes: Vec<Outcome> = effects.drain(..).map(|effect| perform(store, ctx, effect)).collect();
        for outcome in outcomes {
            effects.extend(app.update(Input::Outcome(outcome)));
        }
    }
}
