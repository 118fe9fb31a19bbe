//! Errors of the core library.
//!
//! Every error has a stable machine-readable [`Error::code`] that crosses the IPC boundary as
//! `{code, message}`. A new code is added only when a caller must react differently to it;
//! the message is one sentence meant for the analyst.

use std::path::PathBuf;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Input the analyst gave (a date, a field, a span) breaks a rule of the domain.
    #[error("{0}")]
    Invalid(String),

    #[error("{what} {id} does not exist")]
    NotFound { what: &'static str, id: String },

    /// A file could not be imported; nothing was written.
    #[error("{0}")]
    Import(#[from] crate::import::ImportError),

    #[error("the database at {path} was written by a newer version of Policy Ledger (schema {found}, this version knows up to {supported}); upgrade the app to open it")]
    NewerDatabase {
        path: String,
        found: i64,
        supported: i64,
    },

    #[error(
        "the database at {path} is damaged ({detail}); {}",
        crate::store::restore_hint(path)
    )]
    CorruptDatabase { path: String, detail: String },

    #[error("the database is busy in another program; try again in a moment")]
    Busy,

    #[error("nothing to {0}")]
    NothingTo(&'static str),

    /// Not `#[source]`: the message already says what matters, and callers that print a
    /// source chain (anyhow) would otherwise repeat SQLite's own words after it.
    #[error("{}", database_message(.0))]
    Database(rusqlite::Error),

    #[error("could not {action} {}: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("the JSON document is not valid: {0}")]
    Json(String),
}

impl Error {
    /// Stable code sent to the UI with the message.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Invalid(_) => "invalid",
            Error::NotFound { .. } => "not_found",
            Error::Import(_) => "import_failed",
            Error::NewerDatabase { .. } => "newer_database",
            Error::CorruptDatabase { .. } => "corrupt_database",
            Error::Busy => "busy",
            Error::NothingTo(_) => "nothing_to_do",
            Error::Database(e) if is_busy(e) => "busy",
            Error::Database(_) => "database",
            Error::Io { .. } => "io",
            Error::Json(_) => "invalid_json",
        }
    }

    pub fn invalid(msg: impl Into<String>) -> Self {
        Error::Invalid(msg.into())
    }

    pub fn io(action: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            action,
            path: path.into(),
            source,
        }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::Database(e)
    }
}

/// The analyst's sentence for a SQLite failure. A failed write was rolled back, so the
/// sentence says the change was not saved and what to do about it.
fn database_message(e: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode as C;
    match e.sqlite_error_code() {
        Some(C::DiskFull) => {
            "the disk is full, so the change was not saved; free some space and try again".into()
        }
        Some(C::SystemIoFailure) => "the disk could not be written (it may be full or failing), so the change was not saved".into(),
        Some(C::DatabaseBusy | C::DatabaseLocked) => {
            "the ledger is busy in another program (a long import?), so the change was not saved; try again in a moment".into()
        }
        Some(C::DatabaseCorrupt | C::NotADatabase) => format!(
            "the ledger file is damaged ({e}), so nothing was changed; restore a backup with `policy-ledger restore FILE`"
        ),
        Some(C::ReadOnly) => "the ledger is read-only (its file or folder cannot be written), so the change was not saved".into(),
        _ => format!("database error: {e}"),
    }
}

pub(crate) fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}
