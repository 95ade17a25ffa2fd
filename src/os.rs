//! What the operating system says about accounts: who runs this process, who
//! is at the other end of a socket. Read from the kernel, never from the
//! environment, because the server's access control rests on it.

use std::os::fd::AsRawFd;
use std::os::unix::net::UnixStream;

/// The login name of the user running this process.
pub fn current_account() -> String {
    let uid = current_uid();
    account_name(uid).or_else(|| std::env::var("USER").ok()).unwrap_or_else(|| format!("uid:{uid}"))
}

pub fn current_uid() -> u32 {
    // SAFETY: getuid has no preconditions and cannot fail.
    unsafe { libc::getuid() }
}

/// The login name of `uid`, from the password database.
pub fn account_name(uid: u32) -> Option<String> {
    let mut pwd: libc::passwd = unsafe { std::mem::zeroed() };
    let mut buf = vec![0 as libc::c_char; 4096];
    let mut result: *mut libc::passwd = std::ptr::null_mut();
    // SAFETY: every pointer refers to live, correctly sized storage owned here;
    // getpwuid_r writes only into `pwd` and `buf`.
    let rc = unsafe { libc::getpwuid_r(uid, &mut pwd, buf.as_mut_ptr(), buf.len(), &mut result) };
    if rc != 0 || result.is_null() || pwd.pw_name.is_null() {
        return None;
    }
    // SAFETY: on success pw_name points to a NUL-terminated string inside `buf`.
    let name = unsafe { std::ffi::CStr::from_ptr(pwd.pw_name) };
    name.to_str().ok().map(str::to_string)
}

/// The account of the process at the other end of `stream`, as the kernel
/// recorded it when that process connected (SO_PEERCRED).
pub fn peer_account(stream: &UnixStream) -> std::io::Result<String> {
    let uid = peer_uid(stream)?;
    Ok(account_name(uid).unwrap_or_else(|| format!("uid:{uid}")))
}

/// The uid of the process at the other end of `stream` (SO_PEERCRED).
pub fn peer_uid(stream: &UnixStream) -> std::io::Result<u32> {
    let mut cred = libc::ucred { pid: 0, uid: 0, gid: 0 };
    let mut len = std::mem::size_of::<libc::ucred>() as libc::socklen_t;
    // SAFETY: `cred` and `len` are live and sized for SO_PEERCRED's ucred.
    let rc = unsafe {
        libc::getsockopt(
            stream.as_raw_fd(),
            libc::SOL_SOCKET,
            libc::SO_PEERCRED,
            (&mut cred as *mut libc::ucred).cast(),
            &mut len,
        )
    };
    if rc != 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(cred.uid)
}

/// Whether this process may write `path` (what opening a store takes).
pub fn may_write(path: &std::path::Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let Ok(c) = std::ffi::CString::new(path.as_os_str().as_bytes()) else { return false };
    // SAFETY: `c` is a NUL-terminated path that lives through the call.
    unsafe { libc::access(c.as_ptr(), libc::W_OK) == 0 }
}

/// Makes every thread allocate from one malloc arena. glibc gives each thread
/// that allocates its own arena, and memory freed in one is never reused by
/// another: the workbench reads the store on one thread and shows it on
/// another, while sled has threads of its own. On the demo store at
/// `--scale 43` the arenas' leftovers were 7 MB of the workbench's peak
/// (94 MB, 87 with `MALLOC_ARENA_MAX=1`), of the 64 MB it may hold (issue 6);
/// reading every record took as long either way.
pub fn use_one_malloc_arena() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets a tunable; called before any thread starts.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 1);
    }
}

/// Asks the C allocator to give memory back to the system as soon as a
/// block of 64 KiB or more is freed, rather than by its own measure, which
/// grows with every large block freed until megabytes of the workbench's
/// reading of the store stay held for good: 1.1 MB of its peak of 48.6 over
/// the demo street (issue 22); the read of every record took as long (8
/// alternated runs: medians 410 and 417 ms, spread ±60). For the workbench
/// only: a command that writes much (an import) could pay for more calls.
pub fn return_freed_memory_promptly() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets the allocator's parameters, and is called
    // before the workbench starts any thread.
    unsafe {
        libc::mallopt(libc::M_TRIM_THRESHOLD, 64 * 1024);
    }
}

/// Files silian writes hold residents' personal data (PIPL): every directory
/// it creates is its owner's alone (0700) and every file too (0600),
/// whatever umask it was started with. A user who wants to share a file
/// (an export, a published list) `chmod`s it.
pub fn keep_files_private() {
    // SAFETY: umask has no preconditions and cannot fail; it only sets the
    // mask of this process, before any thread that creates files is started.
    unsafe {
        libc::umask(0o077);
    }
}

/// `path` and the directories above it that are missing, each its owner's alone.
pub fn create_private_dir(path: &std::path::Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new().recursive(true).mode(0o700).create(path)
}

/// The first entry under `path` (itself included) that another account may
/// read, write or enter, with its mode; sockets are left out, since a server
/// opens its socket to its staff group on purpose.
pub fn first_open_to_others(path: &std::path::Path) -> Option<(std::path::PathBuf, u32)> {
    use std::os::unix::fs::{FileTypeExt, PermissionsExt};
    let meta = std::fs::symlink_metadata(path).ok()?;
    if meta.file_type().is_symlink() || meta.file_type().is_socket() {
        return None;
    }
    let mode = meta.permissions().mode() & 0o7777;
    if mode & 0o077 != 0 {
        return Some((path.to_path_buf(), mode));
    }
    if meta.is_dir() {
        let entries = std::fs::read_dir(path).ok()?;
        return entries.flatten().find_map(|e| first_open_to_others(&e.path()));
    }
    None
}

/// Swaps two directories in one step, so that whoever opens `a` finds either
/// the old directory or the new one, never neither (Linux `renameat2` with
/// `RENAME_EXCHANGE`; elsewhere two renames, with a moment in between).
pub fn exchange_dirs(a: &std::path::Path, b: &std::path::Path) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::ffi::OsStrExt;
        let c = |p: &std::path::Path| {
            std::ffi::CString::new(p.as_os_str().as_bytes()).map_err(|e| std::io::Error::other(e.to_string()))
        };
        let (a_c, b_c) = (c(a)?, c(b)?);
        // SAFETY: both paths are valid NUL-terminated strings that outlive the call.
        let done = unsafe {
            libc::renameat2(libc::AT_FDCWD, a_c.as_ptr(), libc::AT_FDCWD, b_c.as_ptr(), libc::RENAME_EXCHANGE)
        };
        if done == 0 {
            return Ok(());
        }
        let e = std::io::Error::last_os_error();
        // Some file systems cannot exchange; fall back to the two renames.
        if !matches!(e.raw_os_error(), Some(libc::EINVAL | libc::ENOSYS)) {
            return Err(e);
        }
    }
    let aside = a.with_extension("exchanging");
    std::fs::rename(a, &aside)?;
    std::fs::rename(b, a)?;
    std::fs::rename(&aside, b)
}

/// Gives `to` the mode and group of `from`, so that a store replaced by a
/// restore stays open to the same staff group.
pub fn copy_dir_access(from: &std::path::Path, to: &std::path::Path) -> std::io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(from)?;
    std::fs::set_permissions(to, meta.permissions())?;
    std::os::unix::fs::chown(to, None, Some(meta.gid()))
}
