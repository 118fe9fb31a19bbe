//! The JSON interchange document (docs/json-format.md): every issue with its articles and
//! every measure with its spans. Exporting, importing into an empty ledger and exporting again
//! gives the same bytes.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{Issue, Measure};
use crate::{Error, Result, Store};

pub const FORMAT: &str = "policy-ledger";
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Document {
    pub format: String,
    pub version: u32,
    pub issues: Vec<Issue>,
    pub measures: Vec<Measure>,
}

/// The whole ledger as a document.
pub fn document(store: &Store) -> Result<Document> {
    Ok(Document {
        format: FORMAT.into(),
        version: VERSION,
        issues: store.all_issues()?,
        measures: store.all_measures()?,
    })
}

/// Pretty-printed, with a final newline.
pub fn to_string(doc: &Document) -> String {
    let mut s = serde_json::to_string_pretty(doc).expect("documents always serialise");
    s.push('\n');
    s
}

/// Parse and check a document's header; the store checks the contents when importing.
pub fn parse(text: &str) -> Result<Document> {
    #[derive(Deserialize)]
    struct Header {
        format: Option<String>,
        version: Option<serde_json::Value>,
    }
    // Editors on Windows may save a byte-order mark; it is not part of the JSON.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Serde would read an array as a header "with 2 elements": say what the file should be.
    if !text.trim_start().starts_with('{') {
        return Err(Error::Json(
            "it must be one JSON object with \"format\": \"policy-ledger\" and a \"version\""
                .into(),
        ));
    }
    let header: Header = serde_json::from_str(text).map_err(|e| Error::Json(e.to_string()))?;
    if header.format.as_deref() != Some(FORMAT) {
        return Err(Error::Json(format!("\"format\" must be \"{FORMAT}\"")));
    }
    match header.version.as_ref().and_then(|v| v.as_u64()) {
        Some(v) if v == VERSION as u64 => {}
        Some(v) => {
            return Err(Error::Json(format!(
            "version {v} is not supported; this version of Policy Ledger reads version {VERSION}"
        )))
        }
        None => {
            return Err(Error::Json(match &header.version {
                None => "\"version\" is missing".into(),
                Some(v) => format!("\"version\" must be a whole number, not {v}"),
            }))
        }
    }
    serde_json::from_str(text).map_err(|e| Error::Json(e.to_string()))
}
