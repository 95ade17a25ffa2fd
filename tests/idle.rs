//! An open store does not wake an idle process: sled's IO threads sleep until
//! there is work (the patch in `vendor/sled`, see its SILIAN-PATCH.md). This
//! counts the context switches of sled's threads; it asserts no time. It is a
//! test binary of its own because sled's thread pool is shared by every store
//! in a process, and other tests' stores would wake it with real work.

mod common;

use common::*;
use std::collections::HashMap;
use std::time::Duration;

/// Context switches so far of each of sled's threads in this process, by thread id.
fn sled_thread_switches() -> HashMap<String, u64> {
    let mut found = HashMap::new();
    for task in std::fs::read_dir("/proc/self/task").unwrap().flatten() {
        let comm = std::fs::read_to_string(task.path().join("comm")).unwrap_or_default();
        if !comm.starts_with("sled-io") {
            continue;
        }
        let status = std::fs::read_to_string(task.path().join("status")).unwrap_or_default();
        let switches = status
            .lines()
            .filter(|l| l.contains("ctxt_switches"))
            .filter_map(|l| l.split_whitespace().last()?.parse::<u64>().ok())
            .sum();
        found.insert(task.file_name().to_string_lossy().into_owned(), switches);
    }
    found
}

#[test]
#[cfg(target_os = "linux")]
fn sled_threads_do_not_wake_while_nothing_is_asked_of_the_store() {
    let (_dir, store) = temp_store();
    small_street(&store);
    // Threads started for a burst of work end after a second without any.
    std::thread::sleep(Duration::from_secs(3));
    let before = sled_thread_switches();
    assert!(!before.is_empty(), "sled's IO threads are running");
    std::thread::sleep(Duration::from_millis(2500));
    let after = sled_thread_switches();
    for (thread, switches) in &before {
        if let Some(now) = after.get(thread) {
            assert_eq!(now, switches, "sled thread {thread} woke {} times while idle", now - switches);
        }
    }
    drop(store);
}
