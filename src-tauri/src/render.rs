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
//!
//! Without compositing WebKit has no use for its DMA-BUF renderer either (it hands composited
//! frames from the web process to the window; a page painted directly goes through shared
//! memory), yet the app process still initialises it. Turning it off as well saves ≈ 4 MB of
//! the app process, in every run (Mesa's driver 6.1 → 4.1 MB resident, the heap 6.7 → 5.1 MB;
//! the app's resident pages, each counted once, empty window 264 → 261 MB, after load 293 →
//! 291 MB; session 4's memory report). It is turned off only when compositing is off — chosen
//! here or by the user — and, like compositing, never against the user's own setting.
//!
//! Without compositing the app process needs no OpenGL at all, yet two things load Mesa's
//! software driver into it, and with it the ≈ 100 MB libLLVM it links (43 MB resident, 8 MB of
//! them relocated data private to the process): GTK probes GLX for its visuals when it opens
//! the display, and WebKit asks EGL for the GPU's render node to tell the web process. So,
//! under the same conditions, the app sets `GDK_GL=disable` (GTK's own switch) and names the
//! render node itself (`WEBKIT_WEB_RENDER_DEVICE_FILE`, which WebKit reads before asking EGL)
//! as `/dev/null`: there is no render node to find, and a web process that does not composite
//! never opens it (checked with strace). The web process still loads Mesa: it cannot start
//! without an EGL display. Measured (`scripts/bench-app --size 1`, session 6): the app's pages
//! counted once 266 → 255 MB after load, 312–317 → 301–308 MB after scrolling the whole
//! table; the app process 160 → 108 MB resident.

use std::ffi::{OsStr, OsString};

/// WebKitGTK's switch: any value but "0" turns compositing off.
pub const DISABLE_COMPOSITING: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// WebKitGTK's switch: any value but "0" turns the DMA-BUF renderer off.
pub const DISABLE_DMABUF_RENDERER: &str = "WEBKIT_DISABLE_DMABUF_RENDERER";

/// GTK 3's switch: `disable` keeps GDK from probing OpenGL (GLX or EGL) for its visuals.
pub const GDK_GL: &str = "GDK_GL";

/// WebKitGTK's render node for the web process; when set, WebKit does not ask EGL for it.
pub const RENDER_DEVICE_FILE: &str = "WEBKIT_WEB_RENDER_DEVICE_FILE";

/// Where Linux lists GPU devices; render nodes are named `renderD128`, `renderD129`, …
const DRI_DIR: &str = "/dev/dri";

/// Whether a GPU render node is among `dri_entries` (the file names in /dev/dri, empty when
/// it does not exist). A display controller alone (`card0`, a bare framebuffer) is no GPU.
pub fn has_render_node(dri_entries: impl IntoIterator<Item = OsString>) -> bool {
    dri_entries
        .into_iter()
        .any(|name| name.to_string_lossy().starts_with("renderD"))
}

/// The variables to set and their values, in order, given whether the machine has a render
/// node and what the user set (`user(name)`: the variable's value in the environment, if any).
/// With a GPU nothing is set; a variable the user set is never overridden.
pub fn switches(
    render_node: bool,
    user: impl Fn(&str) -> Option<OsString>,
) -> Vec<(&'static str, &'static str)> {
    let mut set = Vec::new();
    if render_node {
        return set;
    }
    let compositing_off = match user(DISABLE_COMPOSITING) {
        None => {
            set.push((DISABLE_COMPOSITING, "1"));
            true
        }
        Some(value) => value.as_os_str() != OsStr::new("0"),
    };
    if !compositing_off {
        return set;
    }
    let unless_user_set = [
        (DISABLE_DMABUF_RENDERER, "1"),
        (GDK_GL, "disable"),
        (RENDER_DEVICE_FILE, "/dev/null"),
    ];
    set.extend(
        unless_user_set
            .into_iter()
            .filter(|(name, _)| user(name).is_none()),
    );
    set
}

/// Apply the choice to this process's environment (WebKit's processes inherit it). Must run
/// before any other thread starts and before the window is built.
pub fn choose() {
    if !cfg!(target_os = "linux") {
        return;
    }
    let entries = std::fs::read_dir(DRI_DIR)
        .map(|dir| dir.flatten().map(|e| e.file_name()).collect::<Vec<_>>())
        .unwrap_or_default();
    for (name, value) in switches(has_render_node(entries), |name| std::env::var_os(name)) {
        std::env::set_var(name, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn only_a_render_node_counts_as_a_gpu() {
        let cases: &[(&[&str], bool)] = &[
            // No /dev/dri at all (Xvfb in a VM, a container).
            (&[], false),
            // A display controller without a render node (a bare framebuffer).
            (&["card0", "by-path"], false),
            (&["card0", "renderD128"], true),
            (&["renderD129"], true),
        ];
        for (dri, expected) in cases {
            assert_eq!(has_render_node(names(dri)), *expected, "/dev/dri {dri:?}");
        }
    }

    /// Variables and their values, as the user set them.
    type Env = &'static [(&'static str, &'static str)];

    #[test]
    fn software_painting_switches_are_set_only_without_a_gpu_and_never_over_a_user_choice() {
        const C: &str = DISABLE_COMPOSITING;
        const D: &str = DISABLE_DMABUF_RENDERER;
        const G: &str = GDK_GL;
        const R: &str = RENDER_DEVICE_FILE;
        // (render node, the user's environment, variables the app sets)
        let cases: &[(bool, Env, &[&str])] = &[
            // Software GL: paint directly, and keep OpenGL out of the app process.
            (false, &[], &[C, D, G, R]),
            // A GPU: WebKit's and GTK's defaults, whatever the user set.
            (true, &[], &[]),
            (true, &[(C, "1")], &[]),
            // The user turned compositing off themselves: the rest is added.
            (false, &[(C, "1")], &[D, G, R]),
            (false, &[(C, "yes")], &[D, G, R]),
            // The user asked for compositing ("0"): it needs OpenGL, so nothing is set.
            (false, &[(C, "0")], &[]),
            // The user chose for the renderer, GTK's OpenGL or the render node: kept.
            (false, &[(D, "0")], &[C, G, R]),
            (false, &[(D, "1")], &[C, G, R]),
            (false, &[(C, "1"), (D, "0")], &[G, R]),
            (false, &[(G, "always")], &[C, D, R]),
            (false, &[(R, "/dev/dri/renderD128")], &[C, D, G]),
        ];
        for (render_node, env, expected) in cases {
            let user = |name: &str| {
                env.iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| OsString::from(v))
            };
            let names: Vec<&str> = switches(*render_node, user)
                .into_iter()
                .map(|(name, _)| name)
                .collect();
            assert_eq!(names, *expected, "render node {render_node}, user {env:?}");
        }
    }

    #[test]
    fn each_switch_has_the_value_its_reader_expects() {
        let set = switches(false, |_| None);
        assert_eq!(
            set,
            [
                (DISABLE_COMPOSITING, "1"),
                (DISABLE_DMABUF_RENDERER, "1"),
                (GDK_GL, "disable"),
                (RENDER_DEVICE_FILE, "/dev/null"),
            ]
        );
    }
}
