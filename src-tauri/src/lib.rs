//! Policy Ledger's desktop shell: opens the ledger, registers the commands, runs the window.
//!
//! Everything the analyst does goes through a command in [`commands`] that unpacks state,
//! calls one function of `policy_ledger_core` off the main thread, and returns. There is no
//! SQL, parsing or date arithmetic here.

pub mod budget;
pub mod collector;
mod commands;
pub mod error;
mod pick;
pub mod render;
pub mod state;

use tauri::{Emitter, Manager};

pub use error::IpcError;
pub use state::Ledger;

/// Every command the window may invoke (shared by the app and the IPC tests).
macro_rules! ledger_commands {
    () => {
        tauri::generate_handler![
            commands::ledger::ledger_status,
            commands::issues::list_issues,
            commands::issues::get_issue,
            commands::issues::get_article,
            commands::issues::set_issue_meta,
            commands::issues::search_articles,
            commands::measures::query_measures,
            commands::measures::query_table,
            commands::measures::get_measure,
            commands::measures::create_measure,
            commands::measures::update_measure,
            commands::measures::update_table_row,
            commands::measures::set_measure_status,
            commands::measures::delete_measure,
            commands::measures::undo,
            commands::measures::redo,
            commands::measures::propose_measure,
            commands::import::import_picked_files,
            commands::import::import_paths,
            commands::export::preview_export,
            commands::export::export_file,
            commands::export::ledger_location,
            commands::timeline::timeline,
        ]
    };
}

/// Sends each change of the ledger's status to the window as a `ledger-status` event.
fn status_to_window<R: tauri::Runtime>(
    handle: tauri::AppHandle<R>,
) -> impl Fn(&policy_ledger_core::store::OpenStatus) + Send + 'static {
    move |status| {
        // Fails only once the app is closing: nobody is left to tell.
        let _ = handle.emit(commands::ledger::STATUS_EVENT, status);
    }
}

/// Build and run the app on the default database (or `POLICY_LEDGER_DB`).
pub fn run() {
    // Before GTK, WebKit or any thread starts: they may set environment variables, which
    // WebKit's processes inherit.
    render::choose();
    collector::choose();
    budget::choose();
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            // The ledger opens on its own thread so the window appears at once, even while an
            // older ledger is upgraded (seconds to a minute on a big one); commands wait for it,
            // and the window hears how far it is. A database that cannot be opened (newer
            // schema, damaged file) is not fatal: every command answers with the reason, which
            // the UI shows.
            let tell = status_to_window(app.handle().clone());
            app.manage(Ledger::open_default_in_background(tell));
            Ok(())
        })
        .invoke_handler(ledger_commands!())
        .run(tauri::generate_context!())
        .expect("the Policy Ledger window could not start");
}

#[cfg(test)]
mod ipc_tests {
    //! The commands through real IPC requests on Tauri's mock runtime: argument names,
    //! serialisation, and the `{code, message}` error shape the UI relies on.

    use super::*;
    use policy_ledger_core::Store;
    use serde_json::{json, Value};
    use tauri::ipc::{CallbackFn, InvokeBody};
    use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, MockRuntime};
    use tauri::webview::InvokeRequest;
    use tauri::{App, WebviewWindow, WebviewWindowBuilder};

    fn app() -> (App<MockRuntime>, WebviewWindow<MockRuntime>) {
        let app = mock_builder()
            .manage(Ledger::from_store(Store::open_in_memory().unwrap()))
            .invoke_handler(ledger_commands!())
            .build(mock_context(noop_assets()))
            .unwrap();
        let window = WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .unwrap();
        (app, window)
    }

    fn invoke(w: &WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> Result<Value, Value> {
        get_ipc_response(
            w,
            InvokeRequest {
                cmd: cmd.into(),
                callback: CallbackFn(0),
                error: CallbackFn(1),
                // On Linux the mock runtime accepts requests from this origin only.
                url: "tauri://localhost".parse().unwrap(),
                body: InvokeBody::Json(args),
                headers: Default::default(),
                invoke_key: tauri::test::INVOKE_KEY.into(),
            },
        )
        .map(|body| body.deserialize::<Value>().unwrap())
    }

    fn seed() -> std::path::PathBuf {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../e2e/fixtures/seed.txt")
    }

    #[test]
    fn dropped_file_is_imported_and_listed_with_its_article_count() {
        let (_app, w) = app();
        let reports = invoke(&w, "import_paths", json!({ "paths": [seed()] })).unwrap();
        assert_eq!(reports[0]["outcome"]["status"], "imported", "{reports}");
        let articles = reports[0]["outcome"]["articles"].clone();
        let issues = invoke(&w, "list_issues", json!({})).unwrap();
        assert_eq!(issues.as_array().unwrap().len(), 1);
        assert_eq!(issues[0]["article_count"], articles);

        let again = invoke(&w, "import_paths", json!({ "paths": [seed()] })).unwrap();
        assert_eq!(again[0]["outcome"]["status"], "duplicate", "{again}");
    }

    #[test]
    fn import_without_options_runs_the_suggester() {
        let (_app, w) = app();
        let reports = invoke(&w, "import_paths", json!({ "paths": [seed()] })).unwrap();
        let reported = reports[0]["outcome"]["suggestions"].as_u64().unwrap();
        assert!(reported > 0, "{reports}");
        let page = invoke(
            &w,
            "query_measures",
            json!({ "query": { "statuses": ["suggested"], "limit": 1 } }),
        )
        .unwrap();
        assert_eq!(page["total"].as_u64().unwrap(), reported);
    }

    #[test]
    fn the_table_query_gives_rows_with_their_first_quote_and_package_place() {
        let (_app, w) = app();
        invoke(&w, "import_paths", json!({ "paths": [seed()] })).unwrap();
        let query = json!({ "query": { "group_packages": true, "limit": 50 } });
        let full = invoke(&w, "query_measures", query.clone()).unwrap();
        let table = invoke(&w, "query_table", query).unwrap();
        assert_eq!(table["total"], full["total"]);
        let rows = table["rows"].as_array().unwrap();
        assert_eq!(rows.len(), full["rows"].as_array().unwrap().len());
        for (i, row) in rows.iter().enumerate() {
            let m = &full["rows"][i];
            assert_eq!(row["id"], m["id"]);
            assert_eq!(row["quote"], m["sources"][0]["quote"]);
            assert_eq!(row["depth"], full["tree"][i]["depth"]);
            assert!(row.get("notes").is_none(), "no notes in a table row: {row}");
        }
        assert!(
            rows.iter().any(|r| r["items"].as_u64().unwrap() > 0),
            "a package"
        );
    }

    #[test]
    fn a_table_edit_answers_with_the_saved_row_as_the_table_then_shows_it() {
        let (_app, w) = app();
        invoke(&w, "import_paths", json!({ "paths": [seed()] })).unwrap();
        let query = json!({ "query": { "group_packages": true, "limit": 100 } });
        let table = invoke(&w, "query_table", query.clone()).unwrap();
        let item = table["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["depth"] == 1)
            .expect("the seed has a package with items")
            .clone();
        // The stored measure as the input: fields a MeasureInput lacks are ignored.
        let mut input = invoke(&w, "get_measure", json!({ "id": item["id"] })).unwrap();
        input["effective_from"] = Value::Null;
        input["expires_on"] = json!("2021-06-30");
        let row = invoke(
            &w,
            "update_table_row",
            json!({ "id": item["id"], "input": input, "grouped": true }),
        )
        .unwrap();
        assert_eq!(row["expires_on"], "2021-06-30");
        let after = invoke(&w, "query_table", query).unwrap();
        let shown = after["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == item["id"])
            .unwrap();
        assert_eq!(&row, shown);
        assert_eq!(row["depth"], 1);

        input["effective_from"] = json!("2021-07-01");
        let err = invoke(
            &w,
            "update_table_row",
            json!({ "id": item["id"], "input": input, "grouped": true }),
        )
        .unwrap_err();
        assert_eq!(err["code"], "invalid", "{err}");
        let stored = invoke(&w, "get_measure", json!({ "id": item["id"] })).unwrap();
        assert_eq!(stored["effective_from"], Value::Null, "nothing written");
    }

    #[test]
    fn search_finds_an_article_and_refuses_an_empty_query() {
        let (_app, w) = app();
        invoke(&w, "import_paths", json!({ "paths": [seed()] })).unwrap();
        let hits = invoke(
            &w,
            "search_articles",
            json!({ "query": "电价", "limit": 20 }),
        )
        .unwrap();
        let hits = hits.as_array().unwrap();
        assert!(!hits.is_empty());
        assert!(hits[0]["snippet"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["hit"] == true && p["text"] == "电价"));
        let err = invoke(&w, "search_articles", json!({ "query": "  ", "limit": 20 })).unwrap_err();
        assert_eq!(err["code"], "invalid");
    }

    #[test]
    fn refused_measure_arrives_as_code_and_message_and_saves_nothing() {
        let (_app, w) = app();
        let input = json!({
            "parent_id": null, "title": "电价优惠", "issuer": null, "jurisdiction": null,
            "category": null, "beneficiaries": [], "value": null,
            "effective_from": "2020-05-01", "effective_precision": null, "effective_inferred": false,
            "expires_on": "2020-04-30", "expires_precision": null, "expires_inferred": false,
            "status": "confirmed", "notes": "", "sources": [], "suggestion_key": null
        });
        let err = invoke(&w, "create_measure", json!({ "input": input })).unwrap_err();
        assert_eq!(
            err,
            json!({
                "code": "invalid",
                "message": "the expiry date 2020-04-30 is before the effective date 2020-05-01"
            })
        );
        let page = invoke(&w, "query_measures", json!({ "query": { "limit": 10 } })).unwrap();
        assert_eq!(page["total"], 0);
    }

    #[test]
    fn timeline_lays_out_the_imported_suggestions_and_refuses_a_reversed_window() {
        let (_app, w) = app();
        invoke(&w, "import_paths", json!({ "paths": [seed()] })).unwrap();
        let t = invoke(
            &w,
            "timeline",
            json!({ "query": { "marker": "2020-05-01", "group_by": "issuer" } }),
        )
        .unwrap();
        assert_eq!(t["marker"]["date"], "2020-05-01");
        assert_eq!(t["marker"]["today"], false);
        let days = t["window"]["days"].as_u64().unwrap();
        let bars: Vec<&Value> = t["groups"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|g| g["bars"].as_array().unwrap())
            .collect();
        assert!(!bars.is_empty(), "the seed's suggestions have dates: {t}");
        for b in bars {
            assert!(b["end_day"].as_u64().unwrap() <= days, "{b}");
        }
        let err = invoke(
            &w,
            "timeline",
            json!({ "query": { "from": "2020-05-01", "until": "2020-04-01" } }),
        )
        .unwrap_err();
        assert_eq!(err["code"], "invalid");
    }

    #[test]
    fn propose_measure_reads_the_selection_and_refuses_one_outside_the_article() {
        let (_app, w) = app();
        invoke(&w, "import_paths", json!({ "paths": [seed()] })).unwrap();
        let issues = invoke(&w, "list_issues", json!({})).unwrap();
        let issue = invoke(&w, "get_issue", json!({ "id": issues[0]["id"] })).unwrap();
        // The first article whose text states a percentage: select from 3 characters before
        // the first `%` to the end of its sentence.
        let article = issue["articles"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["text"].as_str().unwrap().contains('%'))
            .expect("the seed states a percentage");
        let chars: Vec<char> = article["text"].as_str().unwrap().chars().collect();
        let pct = chars.iter().position(|&c| c == '%').unwrap();
        let start = chars[..pct]
            .iter()
            .rposition(|&c| matches!(c, '，' | '。' | '；' | '\n'))
            .map_or(0, |k| k + 1);
        let end = pct + 1;
        let quote: String = chars[start..end].iter().collect();
        let p = invoke(
            &w,
            "propose_measure",
            json!({ "articleId": article["id"], "start": start, "end": end }),
        )
        .unwrap();
        assert_eq!(p["input"]["sources"][0]["quote"], quote.as_str());
        assert_ne!(p["input"]["value"], Value::Null, "{quote}: {p}");
        assert!(p["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["field"] == "value"));
        let page = invoke(&w, "query_measures", json!({ "query": { "limit": 1 } })).unwrap();
        let before = page["total"].clone();
        let err = invoke(
            &w,
            "propose_measure",
            json!({ "articleId": article["id"], "start": 0, "end": chars.len() + 1 }),
        )
        .unwrap_err();
        assert_eq!(err["code"], "invalid");
        let page = invoke(&w, "query_measures", json!({ "query": { "limit": 1 } })).unwrap();
        assert_eq!(page["total"], before, "a proposal saves nothing");
    }

    #[test]
    fn the_window_hears_an_upgrade_and_can_ask_how_far_it_is() {
        use std::sync::{Arc, Mutex};
        use tauri::Listener;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ledger.sqlite3");
        drop(Store::create_at_version(&path, 4).unwrap());
        let app = mock_builder()
            .invoke_handler(ledger_commands!())
            .build(mock_context(noop_assets()))
            .unwrap();
        let heard: Arc<Mutex<Vec<Value>>> = Arc::default();
        let sink = heard.clone();
        app.listen_any(commands::ledger::STATUS_EVENT, move |e| {
            sink.lock()
                .unwrap()
                .push(serde_json::from_str(e.payload()).unwrap());
        });
        app.manage(Ledger::open_in_background(
            &path,
            status_to_window(app.handle().clone()),
        ));
        let w = WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .unwrap();
        let first = invoke(&w, "ledger_status", json!({})).unwrap();
        assert!(
            ["opening", "upgrading", "ready"].contains(&first["state"].as_str().unwrap()),
            "{first}"
        );
        // A command sent while the ledger opens waits for it, then answers.
        assert_eq!(invoke(&w, "list_issues", json!({})).unwrap(), json!([]));
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        while heard.lock().unwrap().last().map(|e| e["state"].clone()) != Some(json!("ready")) {
            assert!(std::time::Instant::now() < deadline, "no ready event");
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        assert_eq!(
            invoke(&w, "ledger_status", json!({})).unwrap(),
            json!({ "state": "ready" })
        );
        let heard = heard.lock().unwrap();
        let upgrading: Vec<&Value> = heard.iter().filter(|e| e["state"] == "upgrading").collect();
        assert!(!upgrading.is_empty(), "{heard:?}");
        let p = &upgrading[0]["progress"];
        assert_eq!(
            (p["step"].clone(), p["name"].clone()),
            (json!(1), json!("copy")),
            "{p}"
        );
        assert_eq!(
            (p["from_version"].clone(), p["steps"].clone()),
            (
                json!(4),
                json!(policy_ledger_core::store::SCHEMA_VERSION - 3)
            ),
            "{p}"
        );
    }

    #[test]
    fn undo_with_an_empty_change_log_says_so() {
        let (_app, w) = app();
        let err = invoke(&w, "undo", json!({})).unwrap_err();
        assert_eq!(err["code"], "nothing_to_do");
    }
}
