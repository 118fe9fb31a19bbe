//! The webview's security settings are part of the product: this test fails if anyone loosens
//! the CSP, turns on the global Tauri object, or grants the window more than it uses.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn json(path: &str) -> serde_json::Value {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    serde_json::from_str(&std::fs::read_to_string(&p).unwrap())
        .unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// `directive → sources` of a CSP string.
fn csp_directives(csp: &str) -> BTreeMap<String, BTreeSet<String>> {
    csp.split(';')
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(|d| {
            let mut words = d.split_whitespace();
            let name = words.next().unwrap().to_string();
            (name, words.map(str::to_string).collect())
        })
        .collect()
}

#[test]
fn csp_allows_only_the_apps_own_scripts_and_styles() {
    let conf = json("tauri.conf.json");
    let csp = conf["app"]["security"]["csp"]
        .as_str()
        .expect("a CSP must be set (never null)");
    let d = csp_directives(csp);
    let set = |xs: &[&str]| xs.iter().map(|s| s.to_string()).collect::<BTreeSet<_>>();
    assert_eq!(d["default-src"], set(&["'self'"]));
    assert_eq!(
        d["script-src"],
        set(&["'self'"]),
        "no inline, eval, data:, blob: or remote scripts"
    );
    assert_eq!(d["style-src"], set(&["'self'"]), "no inline styles");
    assert_eq!(d["object-src"], set(&["'none'"]));
    assert_eq!(d["base-uri"], set(&["'none'"]));
    assert_eq!(d["frame-src"], set(&["'none'"]));
    assert_eq!(
        d["connect-src"],
        set(&["ipc:", "http://ipc.localhost"]),
        "the app talks to nothing but its own IPC: no network requests"
    );
    for (name, sources) in &d {
        for s in sources {
            assert!(
                !s.starts_with("http") || s == "http://ipc.localhost",
                "{name} must not allow a remote origin ({s})"
            );
            assert!(
                !matches!(
                    s.as_str(),
                    "'unsafe-inline'" | "'unsafe-eval'" | "blob:" | "*"
                ),
                "{name} allows {s}"
            );
        }
    }
    assert!(
        conf["app"]["security"]
            .get("dangerousDisableAssetCspModification")
            .is_none(),
        "Tauri's CSP nonces must stay on"
    );
}

#[test]
fn global_tauri_object_is_off() {
    let conf = json("tauri.conf.json");
    assert_eq!(
        conf["app"]["withGlobalTauri"],
        serde_json::Value::Bool(false)
    );
}

#[test]
fn the_window_gets_only_the_permissions_it_uses() {
    let allowed: BTreeSet<&str> = [
        "core:event:allow-listen",
        "core:event:allow-unlisten",
        "dialog:allow-open",
        "dialog:allow-save",
    ]
    .into();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("capabilities");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        seen += 1;
        let cap: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert!(
            cap.get("remote").is_none(),
            "{}: no remote URL may reach the IPC",
            path.display()
        );
        for p in cap["permissions"].as_array().expect("a permissions list") {
            let id = p.as_str().or_else(|| p["identifier"].as_str()).unwrap();
            assert!(
                allowed.contains(id),
                "{}: permission {id} is not one the app uses",
                path.display()
            );
        }
    }
    assert!(
        seen > 0,
        "the capabilities folder must hold the window's capability"
    );
}
