//! A byte buffer kept by each thread, for reads whose bytes are only looked at, not kept.
//!
//! A rebuild reads every render-cache record and, when it updates the last output in place,
//! every old output file, each once, to decode or compare it. A fresh `vec![0; len]` for
//! each was zeroed by the allocator first: a tenth of a rebuild's memory traffic, and fresh
//! pages the kernel had to clear. The buffer grows to the longest read and stays.

use std::cell::RefCell;

thread_local! {
    static BUFFER: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Reads longer than this (a video in `static/`) get a buffer of their own, so that a thread
/// does not keep one that large.
const KEEP_AT_MOST: usize = 4 << 20;

/// Calls `f` with a buffer of exactly `len` bytes (their content is left from earlier use).
/// A call made from inside `f` gets a buffer of its own.
pub(crate) fn with_buffer<R>(len: usize, f: impl FnOnce(&mut [u8]) -> R) -> R {
    BUFFER.with(|buffer| {
        let mut own = Vec::new();
        let mut guard = (len <= KEEP_AT_MOST)
            .then(|| buffer.try_borrow_mut().ok())
            .flatten();
        let buffer = guard.as_deref_mut().unwrap_or(&mut own);
        if buffer.len() < len {
            buffer.resize(len, 0);
        }
        f(&mut buffer[..len])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gives_the_length_asked_for_even_when_nested() {
        with_buffer(5, |outer| {
            outer.copy_from_slice(b"outer");
            with_buffer(3, |inner| {
                assert_eq!(inner.len(), 3);
                inner.copy_from_slice(b"abc");
            });
            assert_eq!(outer, b"outer");
        });
        with_buffer(2, |b| assert_eq!(b, b"ou"));
        // A long read is not kept.
        with_buffer(KEEP_AT_MOST + 1, |b| b[0] = b'x');
        BUFFER.with(|b| assert!(b.borrow().len() <= KEEP_AT_MOST));
        with_buffer(2, |b| assert_eq!(b, b"ou"));
    }
}
