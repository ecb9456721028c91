//! `authentication_report`: how the person authenticated to share.

use super::view::{str_at, view};

view! {
    /// `authentication_report` (one of `authentication_reports` in an advanced report).
    AuthenticationReport
}

impl<'a> AuthenticationReport<'a> {
    /// `report_id`.
    pub fn report_id(&self) -> Option<&'a str> {
        str_at(self.json, "report_id")
    }

    /// `timestamp`, RFC 3339 text as sent.
    pub fn timestamp(&self) -> Option<&'a str> {
        str_at(self.json, "timestamp")
    }

    /// `policy`, e.g. `GPG44`.
    pub fn policy(&self) -> Option<&'a str> {
        str_at(self.json, "policy")
    }

    /// `level`, e.g. `MEDIUM`.
    pub fn level(&self) -> Option<&'a str> {
        str_at(self.json, "level")
    }
}
