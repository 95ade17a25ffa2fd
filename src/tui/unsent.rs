//! A draft that cannot reach the store's server is kept in the user's own
//! data directory until it can, so that a workbench closed while the server
//! is away (a dropped connection on top of a restart) still offers the form
//! on its next start. With the store in this process there is nothing to keep:
//! its drafts are written like any record.

use crate::net::Backend;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};

/// Whether this process may have a draft waiting on disk. Every draft the
/// server takes clears the waiting one, and that happens on every keystroke
/// typed into a form: without this, each would cost a file system call.
static WAITING: AtomicBool = AtomicBool::new(false);

/// Where the server-bound draft of this user waits: one file per server socket.
fn file(store: &Backend) -> Option<PathBuf> {
    let Backend::Remote(client) = store else { return None };
    let dirs = directories::ProjectDirs::from("", "", "silian")?;
    let socket = client.socket().to_string_lossy();
    let name: String = socket.chars().map(|c| if c == '/' { '%' } else { c }).collect();
    Some(dirs.data_dir().join("unsent").join(format!("{name}.draft")))
}

/// Written to a temporary file and renamed, so that a kill leaves the last whole draft.
pub fn keep(store: &Backend, draft: &[u8]) {
    let Some(path) = file(store) else { return };
    let tmp = path.with_extension("partial");
    let written = path
        .parent()
        .map_or(Ok(()), crate::os::create_private_dir)
        .and_then(|()| crate::io::export::private_file(&tmp))
        .and_then(|mut f| std::io::Write::write_all(&mut f, draft));
    if written.is_ok() && std::fs::rename(&tmp, &path).is_ok() {
        WAITING.store(true, Ordering::Relaxed);
    }
}

/// The draft kept while the server was away, if any.
pub fn kept(store: &Backend) -> Option<Vec<u8>> {
    let draft = std::fs::read(file(store)?).ok()?;
    WAITING.store(true, Ordering::Relaxed);
    Some(draft)
}

/// Once the server holds the draft again, or it was saved or given up.
pub fn clear(store: &Backend) {
    if !WAITING.swap(false, Ordering::Relaxed) {
        return;
    }
    if let Some(path) = file(store) {
        let _ = std::fs::remove_file(path);
    }
}
