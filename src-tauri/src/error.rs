//! The one error shape that crosses IPC: `{code, message}`.
//!
//! `code` is stable and machine-readable (the UI picks a translated sentence or behaviour by
//! it); `message` is one English sentence from core for anything the UI has no text for.

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IpcError {
    pub code: String,
    pub message: String,
}

impl IpcError {
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        IpcError {
            code: code.into(),
            message: message.into(),
        }
    }
}

impl From<policy_ledger_core::Error> for IpcError {
    fn from(e: policy_ledger_core::Error) -> Self {
        IpcError::new(e.code(), e.to_string())
    }
}

impl std::fmt::Display for IpcError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl std::error::Error for IpcError {}

#[cfg(test)]
mod tests {
    use super::*;
    use policy_ledger_core::Error;

    #[test]
    fn core_error_crosses_ipc_as_code_and_message() {
        let e: IpcError = Error::NotFound {
            what: "issue",
            id: "7".into(),
        }
        .into();
        assert_eq!(
            serde_json::to_string(&e).unwrap(),
            r#"{"code":"not_found","message":"issue 7 does not exist"}"#
        );
    }

    #[test]
    fn validation_error_keeps_its_sentence() {
        let e: IpcError = policy_ledger_core::model::validate_dates(
            Some("2020-05-01".parse().unwrap()),
            Some("2020-04-30".parse().unwrap()),
        )
        .unwrap_err()
        .into();
        let json: serde_json::Value = serde_json::to_value(&e).unwrap();
        assert_eq!(json["code"], "invalid");
        assert_eq!(
            json["message"],
            "the expiry date 2020-04-30 is before the effective date 2020-05-01"
        );
        assert_eq!(
            json.as_object().unwrap().len(),
            2,
            "only code and message cross IPC"
        );
    }
}
