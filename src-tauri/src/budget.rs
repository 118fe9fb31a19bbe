//! A memory budget for the web process: WebKit's own memory-pressure settings, given when the
//! web context is built.
//!
//! Every WebKit web process runs a memory-pressure handler. Each `poll interval` it measures its
//! footprint (the anonymous private pages it has written: its heaps, not its libraries) and,
//! over `conservative × limit`, releases what it can rebuild: the text-width and glyph caches,
//! inactive font data, style and selector caches, decoded resources, freed allocator pages.
//! Over `strict × limit` it also runs a full garbage collection and trims malloc. By default the
//! limit is the machine's memory, capped at 3 GB, so the first threshold is about 1 GB: the
//! measures table never reaches it, and after scrolling all 100,001 rows the web process keeps
//! ≈ 25 MB of caches it will not need again (the width of every short text it measured, the
//! pages of text drawn; docs/memory-report.md, "Session 5").
//!
//! The app gives its web process a budget instead: a limit of 125 MB, caches released above
//! 40 % of it (50 MB; the loaded measures table is ≈ 30 MB, the whole table scrolled without a
//! budget ≈ 55–58 MB) and a collection above 95 % (119 MB), checked every 60 s. Measured under
//! Xvfb, the whole 100,001-measure table scrolled one viewport a frame
//! (`scripts/bench-app --size 1`, docs/memory-report.md "Session 8"): the app's pages counted
//! once after the scroll 296–302 → 286–291 MB, alternating with runs without a budget. A lower
//! threshold gives back more (40 MB: 277–288 MB) but releases caches during a long scroll often
//! enough to cost frames (web process CPU per flick frame 13.4–13.6 against 11.9–13.9 ms, slow
//! frames 152–230 against 65–175 of 5,000).
//!
//! A release is not free: the rows in view then have their glyphs and text widths made again,
//! and the frame that does it paints for 13–24 ms instead of 5–6. Once a flick drew only the
//! kept columns (session 10), those frames stood out: during the whole-table scroll, a slow
//! frame every 10.0 s, on the poll's beat, and none without a budget (docs/memory-report.md,
//! "Session 11"). So the poll is once a minute: the memory still comes back a minute after a
//! long scroll, and a flick of a few seconds meets a release one time in twenty or more, not
//! one in three.
//!
//! The settings are construct-only properties of `WebKitWebContext`, and wry builds the context
//! without them (Tauri offers no hook to build it ourselves). So the app wraps the class's
//! GObject `constructor`: GLib hands it every construct property, those not given at their
//! default, and the wrapper fills `memory-pressure-settings` when it is still unset. Settings
//! someone else gave are left alone, and so is a WebKit without the property.
//!
//! `POLICY_LEDGER_WEB_MEMORY_LIMIT` sets the limit in megabytes (the thresholds stay fractions
//! of it); `0` or `off` leaves WebKit's defaults (used by the benchmark to compare the two).

/// The variable with which the user sets the web process's memory limit, in MB (`off` or `0`:
/// WebKit's default).
pub const LIMIT_VAR: &str = "POLICY_LEDGER_WEB_MEMORY_LIMIT";

/// The web process's budget: WebKit's memory-pressure settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Budget {
    /// Memory limit, MB.
    pub limit_mb: u32,
    /// Fraction of the limit above which caches are released.
    pub conservative: f64,
    /// Fraction of the limit above which the process also collects garbage and trims malloc.
    pub strict: f64,
    /// Seconds between two measurements of the footprint.
    pub poll_seconds: f64,
}

/// What the app gives its web process unless the user chose otherwise.
pub const DEFAULT: Budget = Budget {
    limit_mb: 125,
    conservative: 0.4,
    strict: 0.95,
    poll_seconds: 60.0,
};

// WebKit ignores thresholds out of this order (each setter refuses its value).
const _: () = assert!(
    0.0 < DEFAULT.conservative
        && DEFAULT.conservative < DEFAULT.strict
        && DEFAULT.strict < 1.0
        && DEFAULT.poll_seconds > 0.0
        && DEFAULT.limit_mb > 0
);

/// Why the user's value was not taken (the app then keeps its own budget and says so).
#[derive(Debug, PartialEq, Eq)]
pub struct BadLimit(pub String);

/// The budget to give, from the user's `POLICY_LEDGER_WEB_MEMORY_LIMIT` (None: not set).
/// `Ok(None)`: leave WebKit's defaults.
pub fn budget_for(user: Option<&str>) -> Result<Option<Budget>, BadLimit> {
    let Some(raw) = user.map(str::trim) else {
        return Ok(Some(DEFAULT));
    };
    if raw.eq_ignore_ascii_case("off") {
        return Ok(None);
    }
    match raw.parse::<u32>() {
        Ok(0) => Ok(None),
        Ok(limit_mb) => Ok(Some(Budget {
            limit_mb,
            ..DEFAULT
        })),
        Err(_) => Err(BadLimit(raw.to_owned())),
    }
}

/// Give every web context built from now on the budget chosen from the environment. Must run
/// before the window is built (the context is built with it).
pub fn choose() {
    let user = std::env::var(LIMIT_VAR).ok();
    let budget = match budget_for(user.as_deref()) {
        Ok(budget) => budget,
        Err(BadLimit(value)) => {
            eprintln!(
                "policy-ledger: {LIMIT_VAR}={value:?} is not a number of megabytes (or `off`); \
                 the web process keeps the app's budget of {} MB",
                DEFAULT.limit_mb
            );
            Some(DEFAULT)
        }
    };
    if let Some(budget) = budget {
        imp::install(budget);
    }
}

#[cfg(target_os = "linux")]
mod imp {
    use super::Budget;
    use gobject_sys::{GObject, GObjectClass, GObjectConstructParam};
    use std::ffi::{c_uint, c_void, CStr};
    use std::sync::OnceLock;
    use webkit2gtk_sys as wk;

    type Constructor =
        unsafe extern "C" fn(glib_sys::GType, c_uint, *mut GObjectConstructParam) -> *mut GObject;

    /// `WebKitWebContext`'s own constructor, called by the wrapper.
    static ORIGINAL: OnceLock<Constructor> = OnceLock::new();
    /// The settings given (a `WebKitMemoryPressureSettings*`, kept for the process's life).
    static SETTINGS: OnceLock<usize> = OnceLock::new();

    pub const PROPERTY: &CStr = c"memory-pressure-settings";

    /// New WebKit settings holding `budget`. The strict threshold is set first: WebKit refuses
    /// a conservative threshold that is not below the strict one.
    pub fn settings(budget: Budget) -> *mut wk::WebKitMemoryPressureSettings {
        // SAFETY: plain calls on a settings object this function owns.
        unsafe {
            let s = wk::webkit_memory_pressure_settings_new();
            wk::webkit_memory_pressure_settings_set_memory_limit(s, budget.limit_mb);
            wk::webkit_memory_pressure_settings_set_strict_threshold(s, budget.strict);
            wk::webkit_memory_pressure_settings_set_conservative_threshold(s, budget.conservative);
            wk::webkit_memory_pressure_settings_set_poll_interval(s, budget.poll_seconds);
            s
        }
    }

    /// Fill the `memory-pressure-settings` construct property with `settings` where it is still
    /// unset. Returns whether it was filled.
    ///
    /// # Safety
    /// `params` holds `n` valid construct parameters, as GLib passes them to a constructor.
    pub unsafe fn fill(
        params: *mut GObjectConstructParam,
        n: c_uint,
        settings: *mut c_void,
    ) -> bool {
        if params.is_null() {
            return false;
        }
        let mut filled = false;
        for param in std::slice::from_raw_parts_mut(params, n as usize) {
            let name = CStr::from_ptr(gobject_sys::g_param_spec_get_name(param.pspec));
            if name == PROPERTY && gobject_sys::g_value_get_boxed(param.value).is_null() {
                // Copies the settings: GLib frees its copy with the value.
                gobject_sys::g_value_set_boxed(param.value, settings);
                filled = true;
            }
        }
        filled
    }

    unsafe extern "C" fn constructor(
        type_: glib_sys::GType,
        n: c_uint,
        params: *mut GObjectConstructParam,
    ) -> *mut GObject {
        if let Some(&settings) = SETTINGS.get() {
            fill(params, n, settings as *mut c_void);
        }
        let original = ORIGINAL
            .get()
            .expect("the wrapper is installed after the original is kept");
        original(type_, n, params)
    }

    pub fn install(budget: Budget) {
        if SETTINGS.set(settings(budget) as usize).is_err() {
            return; // installed already
        }
        // SAFETY: runs on the main thread before GTK starts and before any web context exists;
        // the class is referenced for the process's life, so the pointer stays valid.
        unsafe {
            let class = gobject_sys::g_type_class_ref(wk::webkit_web_context_get_type())
                as *mut GObjectClass;
            if let Some(original) = (*class).constructor {
                if ORIGINAL.set(original).is_ok() {
                    (*class).constructor = Some(constructor);
                }
            }
        }
    }
}

#[cfg(not(target_os = "linux"))]
mod imp {
    pub fn install(_: super::Budget) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_budget_is_the_apps_unless_the_user_sets_a_limit() {
        type Case = (Option<&'static str>, Result<Option<Budget>, BadLimit>);
        let cases: &[Case] = &[
            (None, Ok(Some(DEFAULT))),
            (
                Some("250"),
                Ok(Some(Budget {
                    limit_mb: 250,
                    ..DEFAULT
                })),
            ),
            (
                Some(" 80 "),
                Ok(Some(Budget {
                    limit_mb: 80,
                    ..DEFAULT
                })),
            ),
            (Some("0"), Ok(None)),
            (Some("off"), Ok(None)),
            (Some("OFF"), Ok(None)),
            (Some("lots"), Err(BadLimit("lots".into()))),
            (Some("-5"), Err(BadLimit("-5".into()))),
            (Some("1.5"), Err(BadLimit("1.5".into()))),
        ];
        for (user, expected) in cases {
            assert_eq!(&budget_for(*user), expected, "{user:?}");
        }
    }

    #[cfg(target_os = "linux")]
    mod webkit {
        use super::super::{imp, DEFAULT};
        use gobject_sys::{GObjectConstructParam, GValue};
        use std::ffi::c_void;
        use webkit2gtk_sys as wk;

        /// What WebKit holds in `s`, as a budget.
        ///
        /// # Safety
        /// `s` is a live settings object.
        unsafe fn held(s: *mut wk::WebKitMemoryPressureSettings) -> super::super::Budget {
            super::super::Budget {
                limit_mb: wk::webkit_memory_pressure_settings_get_memory_limit(s),
                conservative: wk::webkit_memory_pressure_settings_get_conservative_threshold(s),
                strict: wk::webkit_memory_pressure_settings_get_strict_threshold(s),
                poll_seconds: wk::webkit_memory_pressure_settings_get_poll_interval(s),
            }
        }

        #[test]
        fn webkit_keeps_every_value_of_the_budget() {
            let s = imp::settings(DEFAULT);
            // SAFETY: read, then freed, the settings just made. WebKit refuses a conservative
            // threshold that is not below the strict one (it would stay at its default 0.33).
            unsafe {
                assert_eq!(held(s), DEFAULT);
                wk::webkit_memory_pressure_settings_free(s);
            }
        }

        /// A construct parameter list as GLib builds it for `WebKitWebContext`: the settings
        /// property at its default (unset), or as the caller gave it.
        #[test]
        fn the_settings_are_filled_in_only_where_nobody_gave_any() {
            // SAFETY: GValues and param specs made and freed here, as GLib would.
            unsafe {
                let context_class =
                    gobject_sys::g_type_class_ref(wk::webkit_web_context_get_type());
                let pspec = gobject_sys::g_object_class_find_property(
                    context_class as *mut _,
                    imp::PROPERTY.as_ptr(),
                );
                assert!(
                    !pspec.is_null(),
                    "WebKitWebContext has a memory-pressure-settings property"
                );
                let other = gobject_sys::g_object_class_find_property(
                    context_class as *mut _,
                    c"time-zone-override".as_ptr(),
                );
                let boxed = wk::webkit_memory_pressure_settings_get_type();

                let mut unset: GValue = std::mem::zeroed();
                gobject_sys::g_value_init(&mut unset, boxed);
                let mut text: GValue = std::mem::zeroed();
                gobject_sys::g_value_init(&mut text, gobject_sys::G_TYPE_STRING);
                let mut params = [
                    GObjectConstructParam {
                        pspec: other,
                        value: &mut text,
                    },
                    GObjectConstructParam {
                        pspec,
                        value: &mut unset,
                    },
                ];
                let ours = imp::settings(DEFAULT);
                assert!(imp::fill(params.as_mut_ptr(), 2, ours as *mut c_void));
                let given =
                    gobject_sys::g_value_get_boxed(&unset) as *mut wk::WebKitMemoryPressureSettings;
                assert!(!given.is_null());
                assert_eq!(held(given), DEFAULT);
                assert!(
                    gobject_sys::g_value_get_string(&text).is_null(),
                    "other properties untouched"
                );

                // Settings the caller gave stay.
                let theirs = imp::settings(super::super::Budget {
                    limit_mb: 777,
                    ..DEFAULT
                });
                let mut set: GValue = std::mem::zeroed();
                gobject_sys::g_value_init(&mut set, boxed);
                gobject_sys::g_value_set_boxed(&mut set, theirs as *mut c_void);
                let mut params = [GObjectConstructParam {
                    pspec,
                    value: &mut set,
                }];
                assert!(!imp::fill(params.as_mut_ptr(), 1, ours as *mut c_void));
                let kept =
                    gobject_sys::g_value_get_boxed(&set) as *mut wk::WebKitMemoryPressureSettings;
                assert_eq!(held(kept).limit_mb, 777);

                gobject_sys::g_value_unset(&mut unset);
                gobject_sys::g_value_unset(&mut set);
                gobject_sys::g_value_unset(&mut text);
                wk::webkit_memory_pressure_settings_free(ours);
                wk::webkit_memory_pressure_settings_free(theirs);
                gobject_sys::g_type_class_unref(context_class);
            }
        }
    }
}
