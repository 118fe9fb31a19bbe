//! How the web process's JavaScript garbage collector runs, chosen once at start-up.
//!
//! Two JavaScriptCore runtime options, read from the environment by every WebKit process the
//! app starts. A value the user set (any value) is left alone, each option on its own.
//!
//! **Every collection a full one** (`JSC_useGenerationalGC=0`). JavaScriptCore collects
//! generationally: frequent "eden" collections look only at objects allocated since the last
//! one, and the whole heap is collected only when the heap itself has grown enough. Rows the
//! grid has held for a while (its blocks of rows from core, each kept while near the view) are
//! in the old generation when they are dropped, and only a full collection frees them; the
//! heap is small and never asks for one. Measured under Xvfb, the whole 100,001-measure table
//! scrolled (session 5's memory report): the web process's anonymous memory 38 → 180 MB with
//! generational collection, 38 → 116 MB without; the app's pages counted once 415 → 349 MB.
//! Session 4 (the paged Tabulator grid): after 100 page turns 524 → 389 MB. Cold start and
//! scroll frames unchanged.
//!
//! **A full collection after every 8 MB allocated** (`JSC_largeHeapSize`, default 32 MB: the
//! least a web page's heap may grow between two collections). The page's live JavaScript heap
//! is ≈ 2.5 MB, but scrolling allocates ≈ 70 KB a frame (each block of rows arrives as JSON,
//! each drawn row's text is computed), so with the default the heap fills 32 MB of garbage
//! before each collection — and keeps those pages afterwards: a collector that does not move
//! objects leaves the few survivors spread over the blocks it filled. With 8 MB: after the
//! whole table the web process's anonymous memory 116 → 84 MB (the app's pages 349 → 318 MB);
//! 4 MB gains nothing more (83 MB). Collections are four times as frequent (11 → 47 over the
//! scroll), each a 2–4 ms pause of a 2.5 MB heap: 40–60 → 150–180 ms of pauses in a 65 s
//! scroll, while the web process's CPU time for the scroll stayed within its noise (48–51 s)
//! and the benchmark's frame figures could not tell the two apart (memory report, session 5).

use std::ffi::OsString;

/// JavaScriptCore's option for generational collection, read from the environment when each
/// WebKit process starts.
pub const GENERATIONAL_GC: &str = "JSC_useGenerationalGC";

/// JavaScriptCore's option for the least a large (web page) heap grows between collections,
/// in bytes.
pub const LARGE_HEAP_SIZE: &str = "JSC_largeHeapSize";

/// What the app sets, in order: every collection full; one after every 8 MiB allocated.
const CHOICES: [(&str, &str); 2] = [(GENERATIONAL_GC, "0"), (LARGE_HEAP_SIZE, "8388608")];

/// The variables to set, with their values, given what the user set (`user(name)`: the
/// variable's value in the environment, if any). Each variable the user set is left out.
pub fn switches(user: impl Fn(&str) -> Option<OsString>) -> Vec<(&'static str, &'static str)> {
    CHOICES
        .into_iter()
        .filter(|(name, _)| user(name).is_none())
        .collect()
}

/// Apply the choice to this process's environment (the web process inherits it). Must run
/// before any other thread starts and before the window is built.
pub fn choose() {
    if !cfg!(target_os = "linux") {
        return;
    }
    for (name, value) in switches(|name| std::env::var_os(name)) {
        std::env::set_var(name, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Variables and their values: as the user set them, or as the app sets them.
    type Set = &'static [(&'static str, &'static str)];

    #[test]
    fn collector_options_are_set_unless_the_user_chose() {
        const G: &str = GENERATIONAL_GC;
        const L: &str = LARGE_HEAP_SIZE;
        // (the user's environment, what the app sets)
        let cases: &[(Set, Set)] = &[
            (&[], &[(G, "0"), (L, "8388608")]),
            // The user's choice, whatever it is, is never overridden; the other option is
            // still set.
            (&[(G, "1")], &[(L, "8388608")]),
            (&[(G, "0")], &[(L, "8388608")]),
            (&[(G, "true")], &[(L, "8388608")]),
            (&[(L, "33554432")], &[(G, "0")]),
            (&[(L, "")], &[(G, "0")]),
            (&[(G, "1"), (L, "1048576")], &[]),
            // Unrelated variables change nothing.
            (&[("JSC_logGC", "1")], &[(G, "0"), (L, "8388608")]),
        ];
        for (env, expected) in cases {
            let user = |name: &str| {
                env.iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| OsString::from(v))
            };
            assert_eq!(switches(user), *expected, "user {env:?}");
        }
    }
}
