//! What the command line reads from its surroundings: the OS account, today's
//! date, where the store lives. Read here, once, and passed inward.

use chrono::{Local, NaiveDate};
use std::path::PathBuf;

/// The login name of the user running silian, for the audit log.
pub fn os_account() -> String {
    crate::os::current_account()
}

/// Today, or `SILIAN_TODAY` (YYYY-MM-DD) so that tests and demos can pin the date.
pub fn today() -> NaiveDate {
    std::env::var("SILIAN_TODAY").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| Local::now().date_naive())
}

fn data_dir() -> PathBuf {
    directories::ProjectDirs::from("", "", "silian")
        .map(|d| d.data_dir().to_path_buf())
        .unwrap_or_else(|| PathBuf::from("silian-data"))
}

/// The user's store when `--db` is not given.
pub fn default_store_path() -> PathBuf {
    data_dir().join("store")
}

/// The demonstration store, never the user's real one.
pub fn demo_store_path() -> PathBuf {
    data_dir().join("demo")
}
