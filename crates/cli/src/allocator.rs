//! Tuning of the global allocator (mimalloc, see `main.rs`) for batch runs.
//!
//! The only `unsafe` of the workspace lives here: mimalloc's options are set
//! through its C API, which the `mimalloc` crate does not wrap.

/// mimalloc's `mi_option_purge_delay`: how long (ms) freed memory is kept
/// before it is returned to the system (1,000 by default), -1 never. Its position in
/// `mi_option_t` (15) has not moved since mimalloc 2.1; `libmimalloc-sys`
/// exports no constant for it. The test below checks the position.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Keep memory the process frees for reuse instead of giving it back to the
/// system: for a batch run whose memory is about the same from one article
/// to the next. Each article's texts, maps and token lists are freed when it
/// is done; returned to the system once unused for the default delay, they
/// came back as fresh pages the kernel had to clear (2,065 page faults in a
/// corpus run of `rasid extract --jsonl` against 562 without purging, and
/// 2 % of its time in the kernel's page clearing). The peak memory
/// does not change: the memory kept is what the next article uses. A delay
/// the user set (`MIMALLOC_PURGE_DELAY`) is left as it is.
#[allow(unsafe_code)]
pub fn keep_freed_memory() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
        return;
    }
    // SAFETY: mi_option_set takes two integers and only stores the value in
    // mimalloc's option table; mimalloc allows options to be set at any time.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, -1) }
}

#[cfg(test)]
#[allow(unsafe_code)]
mod tests {
    use super::*;
    use libmimalloc_sys::{mi_option_get, mi_option_set};

    /// Option 15 is the purge delay: its default in this mimalloc (1,000
    /// ms, unless the environment sets it) before, and ours after.
    #[test]
    fn the_purge_delay_is_the_option_set() {
        // SAFETY: reading mimalloc's option table.
        let before = unsafe { mi_option_get(PURGE_DELAY) };
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            assert_eq!(before, 1000, "mimalloc's default purge delay");
        }
        // the neighbouring options have other defaults: 14 (a deprecated
        // commit delay) is 1, 16 (NUMA nodes) is 0
        // SAFETY: as above.
        assert_eq!(unsafe { (mi_option_get(14), mi_option_get(16)) }, (1, 0));
        keep_freed_memory();
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            // SAFETY: as above.
            assert_eq!(unsafe { mi_option_get(PURGE_DELAY) }, -1);
        }
        // SAFETY: restoring the value read (tests share the process).
        unsafe { mi_option_set(PURGE_DELAY, before) };
    }
}
