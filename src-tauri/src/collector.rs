//! How the web process's JavaScript garbage collector runs, chosen once at start-up.
//!
//! JavaScriptCore collects generationally: frequent "eden" collections look only at objects
//! allocated since the last one, and the whole heap is collected only when the heap itself
//! has grown enough. A DOM element lives as long as its JavaScript wrapper, and the wrapper is
//! tiny next to the element, its attributes, inline style and text behind it — which
//! JavaScriptCore does not count. The measures grid builds a page of rows and throws it away
//! on every page turn; the rows' wrappers have survived an eden collection while shown, so
//! once thrown away only a full collection frees them, and the JavaScript heap (5–17 MB)
//! never grows enough to ask for one. Measured under Xvfb (JSC_logGC): 100 page turns, 19
//! eden collections, no full one; the web process's anonymous memory 63 → 303 MB.
//!
//! With every collection a full one (`JSC_useGenerationalGC=0`, JavaScriptCore's runtime
//! option, read from the environment by every WebKit process the app starts) the removed rows
//! are freed at the next collection. Size 0.1 (10,002 measures) under Xvfb, session 4's memory
//! report: after 100 page turns the app's resident pages (each counted once) 524 → 389 MB;
//! after the benchmark's whole scroll Σ RSS 657 → 535 MB, the web process 426 → 305 MB. The
//! JavaScript heap being this small, a full collection costs little more than an eden one:
//! cold start and scroll frames unchanged, a page turn 2–7 ms (≈ 3 %) longer, which is the
//! old rows now actually being destroyed. The choice does not depend on the GPU. A value the
//! user set (any value) is left alone.

use std::ffi::OsString;

/// JavaScriptCore's option, read from the environment when each WebKit process starts.
pub const GENERATIONAL_GC: &str = "JSC_useGenerationalGC";

/// The variables to set, with their values, given what the user set (`user(name)`: the
/// variable's value in the environment, if any).
pub fn switches(user: impl Fn(&str) -> Option<OsString>) -> Vec<(&'static str, &'static str)> {
    if user(GENERATIONAL_GC).is_some() {
        return Vec::new();
    }
    vec![(GENERATIONAL_GC, "0")]
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

    /// Variables and the values the app gives them.
    type Set = &'static [(&'static str, &'static str)];

    #[test]
    fn every_collection_is_full_unless_the_user_chose() {
        // (the user's value of JSC_useGenerationalGC, what the app sets)
        let cases: &[(Option<&str>, Set)] = &[
            (None, &[(GENERATIONAL_GC, "0")]),
            // The user's choice, either way, is never overridden.
            (Some("1"), &[]),
            (Some("0"), &[]),
            (Some("true"), &[]),
        ];
        for (user, expected) in cases {
            let env = |name: &str| {
                (name == GENERATIONAL_GC)
                    .then(|| user.map(OsString::from))
                    .flatten()
            };
            assert_eq!(switches(env), *expected, "user {user:?}");
        }
    }
}
