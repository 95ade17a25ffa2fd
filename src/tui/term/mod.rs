//! silian's terminal output, cheap over a slow link: a backend that writes
//! only what changed (see `diff`), scrolls moved bands with the terminal's
//! scroll region (see `scroll`), and sends each frame in one write.

mod backend;
mod diff;
mod esc;
mod scroll;

pub use backend::{Screen, SilianBackend};

use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use std::fs::File;
use std::io::{self, Write};
use std::os::fd::AsFd;

/// Whether to move scrolled bands with the scroll region: not when
/// `SILIAN_NO_SCROLL_REGION` is set (other than to 0) or `TERM` names a
/// terminal without it (or one whose console lacks SU/SD).
pub fn scroll_regions_wanted(term: Option<&str>, no_scroll_region: Option<&str>) -> bool {
    if no_scroll_region.is_some_and(|v| !v.is_empty() && v != "0") {
        return false;
    }
    match term {
        None | Some("") => false,
        Some(t) => !matches!(t, "dumb" | "linux" | "cons25" | "vt52" | "vt100" | "vt102" | "ansi" | "emacs"),
    }
}

/// Raw mode, the alternate screen, bracketed paste, and a panic hook that
/// undoes them; the screen writes to its own handle on standard output so
/// that each frame is one `write`, not cut at newlines by Rust's line buffer.
pub fn init() -> io::Result<Screen<File>> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        hook(info);
    }));
    let screen = setup();
    if screen.is_err() {
        restore();
    }
    screen
}

fn setup() -> io::Result<Screen<File>> {
    terminal::enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen, EnableBracketedPaste)?;
    let out = File::from(io::stdout().as_fd().try_clone_to_owned()?);
    let term = std::env::var("TERM").ok();
    let off = std::env::var("SILIAN_NO_SCROLL_REGION").ok();
    Screen::new(SilianBackend::new(out, scroll_regions_wanted(term.as_deref(), off.as_deref())))
}

/// Leaves the terminal as it was: pen reset, cursor shown, main screen, cooked mode.
pub fn restore() {
    let mut out = io::stdout();
    let _ = out.write_all(b"\x1b[0m\x1b[?25h");
    let _ = execute!(out, DisableBracketedPaste, LeaveAlternateScreen);
    let _ = terminal::disable_raw_mode();
}
