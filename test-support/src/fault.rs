//! Fault rules of the emulator's control API (`POST /emulator/v1/faults`), typed: the emulator
//! keeps its own types private, so these mirror its wire format (see the emulator's README).

use serde::{Deserialize, Serialize};

/// What a fault does to a matching request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Fault {
    /// Waits `ms` milliseconds, then answers normally (combines with one other fault).
    Latency {
        /// The delay in milliseconds.
        ms: u64,
    },
    /// Answers `status` with the API's error body, without handling the request.
    Error {
        /// 400 to 599.
        status: u16,
        /// The body's `error` code; the emulator picks one from the status when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        error: Option<String>,
        /// The body's `message`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        message: Option<String>,
    },
    /// Closes the connection without an answer.
    Drop,
    /// Handles the request, sends the head and half of the body, then closes the connection.
    DropMidBody,
    /// Sends only the first half of the body, with a matching `Content-Length`.
    TruncatedBody,
    /// Answers an HTML page instead of JSON (status 200 when absent).
    NotJson {
        /// The status of the page.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        status: Option<u16>,
    },
}

impl Fault {
    /// An error answer with the emulator's code and message for `status`.
    pub fn status(status: u16) -> Self {
        Fault::Error {
            status,
            error: None,
            message: None,
        }
    }

    /// A delay of `ms` milliseconds.
    pub fn latency(ms: u64) -> Self {
        Fault::Latency { ms }
    }

    /// An HTML page with status 200.
    pub fn not_json() -> Self {
        Fault::NotJson { status: None }
    }
}

/// A fault rule to add: which requests it matches and how many times it applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FaultRule {
    #[serde(skip_serializing_if = "Option::is_none")]
    application: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    route: Option<String>,
    fault: Fault,
    #[serde(skip_serializing_if = "Option::is_none")]
    times: Option<u64>,
}

impl FaultRule {
    /// `fault` on every request, until removed.
    pub fn new(fault: Fault) -> Self {
        FaultRule {
            application: None,
            route: None,
            fault,
            times: None,
        }
    }

    /// Only requests of this route: `METHOD /path` or `/path`, `*` matching any characters but
    /// `/`, e.g. `GET /v2/receipts/*`.
    pub fn route(mut self, route: impl Into<String>) -> Self {
        self.route = Some(route.into());
        self
    }

    /// Only requests of the application with this SDK id.
    pub fn application(mut self, sdk_id: impl Into<String>) -> Self {
        self.application = Some(sdk_id.into());
        self
    }

    /// Only the next `times` matching requests.
    pub fn times(mut self, times: u64) -> Self {
        self.times = Some(times);
        self
    }
}

/// A fault rule as the emulator holds it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ActiveFault {
    /// What removes it: `EmulatorControl::remove_fault`.
    pub id: String,
    /// The SDK id it is limited to.
    pub application: Option<String>,
    /// The route it is limited to, as given.
    pub route: Option<String>,
    /// What it does.
    pub fault: Fault,
    /// How many more requests it applies to; `None`: until removed.
    pub remaining: Option<u64>,
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn rules_are_written_in_the_emulator_wire_format() {
        let rule = FaultRule::new(Fault::status(503))
            .route("POST /v2/sessions")
            .application("sdk")
            .times(2);
        assert_eq!(
            serde_json::to_value(&rule).unwrap(),
            json!({"application": "sdk", "route": "POST /v2/sessions",
                   "fault": {"kind": "error", "status": 503}, "times": 2})
        );
        assert_eq!(
            serde_json::to_value(FaultRule::new(Fault::DropMidBody)).unwrap(),
            json!({"fault": {"kind": "drop_mid_body"}})
        );
    }
}
