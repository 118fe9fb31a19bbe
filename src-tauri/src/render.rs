//! How the webview paints, chosen once at start-up before GTK and WebKit read their settings.
//!
//! WebKitGTK composites pages with OpenGL ("accelerated compositing"). With a GPU that is what
//! keeps scrolling cheap. Without one — no DRM render node: a virtual machine, a remote desktop,
//! Xvfb — that OpenGL is Mesa's software rasteriser, and sending every frame through it costs
//! far more than painting the page directly. Measured in the real app under Xvfb on this
//! project's machine (`scripts/bench-app`, docs/performance.md "App", session 3): cold start to
//! an interactive measures table 1,060 → 447 ms, scroll frames p50 98 → 39 ms (a static table
//! 38 → 16 ms), the web process 337 → 207 MB resident after load.
//!
//! So when the machine has no render node the app asks WebKit not to composite. A choice the
//! user made (`WEBKIT_DISABLE_COMPOSITING_MODE` set to anything, "0" included) is left alone.

use std::ffi::{OsStr, OsString};

/// WebKitGTK's switch: any value but "0" turns compositing off.
pub const DISABLE_COMPOSITING: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// Where Linux lists GPU devices; render nodes are named `renderD128`, `renderD129`, …
const DRI_DIR: &str = "/dev/dri";

/// Whether to turn compositing off: only when the user has not chosen and no GPU render node
/// exists (`dri_entries`: the file names in /dev/dri, empty when it does not exist).
pub fn should_disable_compositing(
    user_choice: Option<&OsStr>,
    dri_entries: impl IntoIterator<Item = OsString>,
) -> bool {
    if user_choice.is_some() {
        return false;
    }
    !dri_entries
        .into_iter()
        .any(|name| name.to_string_lossy().starts_with("renderD"))
}

/// Apply the choice to this process's environment (WebKit's processes inherit it). Must run
/// before any other thread starts and before the window is built.
pub fn choose() {
    if !cfg!(target_os = "linux") {
        return;
    }
    let user = std::env::var_os(DISABLE_COMPOSITING);
    let entries = std::fs::read_dir(DRI_DIR)
        .map(|dir| dir.flatten().map(|e| e.file_name()).collect::<Vec<_>>())
        .unwrap_or_default();
    if should_disable_compositing(user.as_deref(), entries) {
        std::env::set_var(DISABLE_COMPOSITING, "1");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn compositing_is_turned_off_only_without_a_render_node_and_without_a_user_choice() {
        let cases: &[(Option<&str>, &[&str], bool)] = &[
            // No /dev/dri at all (Xvfb in a VM, a container): software GL, paint directly.
            (None, &[], true),
            // A display controller without a render node (a bare framebuffer) is no GPU either.
            (None, &["card0", "by-path"], true),
            // A GPU: keep WebKit's default.
            (None, &["card0", "renderD128"], false),
            (None, &["renderD129"], false),
            // The user decided, either way: never overridden.
            (Some("1"), &[], false),
            (Some("0"), &[], false),
            (Some("0"), &["renderD128"], false),
        ];
        for (user, dri, expected) in cases {
            let user = user.map(OsString::from);
            assert_eq!(
                should_disable_compositing(user.as_deref(), names(dri)),
                *expected,
                "user {user:?}, /dev/dri {dri:?}"
            );
        }
    }
}
