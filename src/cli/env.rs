//! What the command line reads from its surroundings: the OS account, today's
//! date, where the store lives. Read here, once, and passed inward.

use chrono::{Local, NaiveDate};
use std::path::PathBuf;

/// The login name of the user running silian, for the audit log.
pub fn os_account() -> String {
    account_from_passwd().or_else(|| std::env::var("USER").ok()).unwrap_or_else(|| format!("uid:{}", uid()))
}

fn uid() -> u32 {
    // SAFETY: getuid has no preconditions and cannot fail.
    unsafe { libc::getuid() }
}

fn account_from_passwd() -> Option<String> {
    let mut pwd: libc::passwd = unsafe { std::mem::zeroed() };
    let mut buf = vec![0 as libc::c_char; 4096];
    let mut result: *mut libc::passwd = std::ptr::null_mut();
    // SAFETY: every pointer refers to live, correctly sized storage owned here;
    // getpwuid_r writes only into `pwd` and `buf`.
    let rc = unsafe { libc::getpwuid_r(uid(), &mut pwd, buf.as_mut_ptr(), buf.len(), &mut result) };
    if rc != 0 || result.is_null() || pwd.pw_name.is_null() {
        return None;
    }
    // SAFETY: on success pw_name points to a NUL-terminated string inside `buf`.
    let name = unsafe { std::ffi::CStr::from_ptr(pwd.pw_name) };
    name.to_str().ok().map(str::to_string)
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
