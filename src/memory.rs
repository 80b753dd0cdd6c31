//! The process's allocator settings: what the run holds at its peak is
//! the data, not memory each thread's allocator keeps aside.

/// Bounds glibc's malloc to one arena per core. By default glibc gives
/// each thread that allocates an arena of its own (up to eight per core)
/// and keeps what is freed in it for that thread: the reading threads' row
/// texts and the sheet threads' buffers left about 35 MiB more resident at
/// the peak of a 1.2M-row Modern Work run (988 against 953 MiB with
/// `MALLOC_ARENA_MAX=2` on 2 cores, no slower). One arena in all would
/// save more, but every reading thread would share its lock. A
/// `MALLOC_ARENA_MAX` set by the user wins. Elsewhere (Windows, macOS,
/// musl) nothing to do.
pub fn bound_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    if std::env::var_os("MALLOC_ARENA_MAX").is_none() {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let cores = libc::c_int::try_from(cores).unwrap_or(libc::c_int::MAX);
        // SAFETY: mallopt only changes a setting of the allocator; it is
        // called first thing in `main`, before any other thread exists.
        unsafe {
            libc::mallopt(libc::M_ARENA_MAX, cores);
        }
    }
}
