//! Fault injection: rules set through the control API (or the handle) that delay, fail, drop or corrupt the
//! answers of the emulated API, for the next N requests or until cleared. At most
//! [`MAX_FAULT_RULES`] are held, and a rule no request has matched for [`FAULT_IDLE_RETENTION`]
//! is dropped as stale.

use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

/// How many fault rules can be held at once.
pub(crate) const MAX_FAULT_RULES: usize = 1000;
/// How long a rule is kept without matching a request (counted from when it was added).
pub(crate) const FAULT_IDLE_RETENTION: Duration = Duration::from_secs(60 * 60);

/// What a fault does to a matching request of the share API. On the control API it is written
/// with a `kind` tag, e.g. `{"kind": "error", "status": 503}`.
///
/// ```
/// use yoti_emulator::Fault;
///
/// let fault = Fault::status(503);
/// assert_eq!(serde_json::to_string(&fault)?, r#"{"kind":"error","status":503}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
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
        /// The body's `error` code; without it, one named after the status
        /// (`SERVICE_UNAVAILABLE`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        error: Option<String>,
        /// The body's `message`; without it, `Injected fault: <status>`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        message: Option<String>,
    },
    /// Closes the connection without an answer, without handling the request.
    Drop,
    /// Handles the request, sends the head and half of the body, then closes the connection.
    DropMidBody,
    /// Handles the request and sends only the first half of the body, with a matching
    /// `Content-Length`: a complete HTTP answer whose JSON is cut short.
    TruncatedBody,
    /// Answers an HTML page instead of JSON, without handling the request.
    NotJson {
        /// The status of the page (100 to 599; 200 when absent).
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

/// A fault rule to add: which requests it matches and how many times it applies. It is the
/// body of `POST /emulator/v1/faults`; [`EmulatorHandle::add_fault`](crate::EmulatorHandle::add_fault)
/// adds it from Rust.
///
/// ```
/// use yoti_emulator::{Fault, FaultRule};
///
/// let rule = FaultRule::new(Fault::status(503)).route("GET /v2/receipts/*").times(2);
/// assert_eq!(
///     serde_json::to_string(&rule)?,
///     r#"{"route":"GET /v2/receipts/*","fault":{"kind":"error","status":503},"times":2}"#
/// );
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaultRule {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    application: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    route: Option<String>,
    fault: Fault,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    times: Option<u64>,
}

impl FaultRule {
    /// `fault` on every share API request, until removed.
    pub fn new(fault: Fault) -> Self {
        FaultRule {
            application: None,
            route: None,
            fault,
            times: None,
        }
    }

    /// Only requests of this route: `METHOD /path` or `/path` (any method), `*` matching any
    /// characters but `/`, e.g. `GET /v2/receipts/*`; a leading `/share` may be given.
    #[must_use]
    pub fn route(mut self, route: impl Into<String>) -> Self {
        self.route = Some(route.into());
        self
    }

    /// Only requests of the application with this SDK id (by `X-Yoti-Auth-Id` or bearer token).
    #[must_use]
    pub fn application(mut self, sdk_id: impl Into<String>) -> Self {
        self.application = Some(sdk_id.into());
        self
    }

    /// Only the next `times` matching requests (at least 1).
    #[must_use]
    pub fn times(mut self, times: u64) -> Self {
        self.times = Some(times);
        self
    }
}

/// A fault rule as the emulator holds it, with its id; what `GET /emulator/v1/faults` lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ActiveFault {
    /// What removes it: `DELETE /emulator/v1/faults/{id}`,
    /// [`EmulatorHandle::remove_fault`](crate::EmulatorHandle::remove_fault).
    pub id: String,
    /// The SDK id it is limited to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application: Option<String>,
    /// The route it is limited to, as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub route: Option<String>,
    /// What it does.
    pub fault: Fault,
    /// How many more requests it applies to; `None`: until removed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remaining: Option<u64>,
}

/// A rule with what matching needs.
#[derive(Debug, Clone)]
struct StoredRule {
    active: ActiveFault,
    method: Option<String>,
    path: Option<String>,
    /// When it was added or last matched a request.
    last_used: Instant,
}

/// What happens to one request: a delay, then at most one other fault.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct FaultPlan {
    pub(crate) latency: Duration,
    pub(crate) fault: Option<Fault>,
}

/// Why a fault rule was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FaultError {
    /// `times` is zero.
    #[error("`times` must be at least 1 (leave it out for a fault that lasts until cleared)")]
    ZeroTimes,
    /// An error fault's status is not 400 to 599.
    #[error("`status` {0} is not an error status; use 400 to 599")]
    NotAnErrorStatus(u16),
    /// A page's status is not 100 to 599.
    #[error("`status` {0} is not an HTTP status; use 100 to 599")]
    BadStatus(u16),
    /// The route is neither `METHOD /path` nor `/path`.
    #[error("`route` must be `METHOD /path` or `/path`, e.g. `GET /v2/receipts/*`")]
    BadRoute,
    /// As many rules are held as the emulator allows.
    #[error(
        "{MAX_FAULT_RULES} fault rules are set, the most the emulator holds; remove some \
         (DELETE /emulator/v1/faults) first"
    )]
    TooMany,
    /// No id could be made for the rule.
    #[error("the system random generator failed")]
    Random,
}

/// The fault rules, in the order they were added.
#[derive(Debug, Default)]
pub(crate) struct FaultTable {
    rules: Vec<StoredRule>,
}

impl FaultTable {
    /// Adds a rule and gives it `id`.
    pub(crate) fn add(
        &mut self,
        id: String,
        spec: FaultRule,
        now: Instant,
    ) -> Result<ActiveFault, FaultError> {
        if self.rules.len() >= MAX_FAULT_RULES {
            return Err(FaultError::TooMany);
        }
        if spec.times == Some(0) {
            return Err(FaultError::ZeroTimes);
        }
        match &spec.fault {
            Fault::Error { status, .. } if !(400..=599).contains(status) => {
                return Err(FaultError::NotAnErrorStatus(*status));
            }
            Fault::NotJson {
                status: Some(status),
            } if !(100..=599).contains(status) => {
                return Err(FaultError::BadStatus(*status));
            }
            _ => {}
        }
        let (method, path) = match spec.route.as_deref().map(str::trim) {
            None | Some("") => (None, None),
            Some(route) => parse_route(route)?,
        };
        let active = ActiveFault {
            id,
            application: spec.application,
            route: spec.route,
            fault: spec.fault,
            remaining: spec.times,
        };
        self.rules.push(StoredRule {
            active: active.clone(),
            method,
            path,
            last_used: now,
        });
        Ok(active)
    }

    /// Every rule.
    pub(crate) fn list(&self) -> Vec<ActiveFault> {
        self.rules.iter().map(|rule| rule.active.clone()).collect()
    }

    /// Removes one rule; `false` when there is none with that id.
    pub(crate) fn remove(&mut self, id: &str) -> bool {
        let before = self.rules.len();
        self.rules.retain(|rule| rule.active.id != id);
        self.rules.len() != before
    }

    /// Removes every rule.
    pub(crate) fn clear(&mut self) {
        self.rules.clear();
    }

    /// Removes the rules that have not matched a request for [`FAULT_IDLE_RETENTION`].
    pub(crate) fn evict_idle(&mut self, now: Instant) {
        self.rules
            .retain(|rule| now.saturating_duration_since(rule.last_used) < FAULT_IDLE_RETENTION);
    }

    /// The plan for a request (path without the base path), using up one application of each
    /// rule that takes part: every matching latency rule and the first other matching rule.
    pub(crate) fn take(
        &mut self,
        method: &str,
        path: &str,
        sdk_id: Option<&str>,
        now: Instant,
    ) -> FaultPlan {
        let mut plan = FaultPlan::default();
        for rule in &mut self.rules {
            if !rule.matches(method, path, sdk_id) {
                continue;
            }
            rule.last_used = now;
            let used = match &rule.active.fault {
                Fault::Latency { ms } => {
                    plan.latency = plan.latency.saturating_add(Duration::from_millis(*ms));
                    true
                }
                other if plan.fault.is_none() => {
                    plan.fault = Some(other.clone());
                    true
                }
                _ => false,
            };
            if used && let Some(remaining) = rule.active.remaining.as_mut() {
                *remaining = remaining.saturating_sub(1);
            }
        }
        self.rules.retain(|rule| rule.active.remaining != Some(0));
        plan
    }
}

impl StoredRule {
    fn matches(&self, method: &str, path: &str, sdk_id: Option<&str>) -> bool {
        if let Some(app) = &self.active.application
            && Some(app.as_str()) != sdk_id
        {
            return false;
        }
        if let Some(m) = &self.method
            && !m.eq_ignore_ascii_case(method)
        {
            return false;
        }
        match &self.path {
            Some(pattern) => glob_match(pattern.as_bytes(), path.as_bytes()),
            None => true,
        }
    }
}

/// `GET /v2/receipts/*` → (`GET`, `/v2/receipts/*`); a leading `/share` is dropped.
fn parse_route(route: &str) -> Result<(Option<String>, Option<String>), FaultError> {
    let (method, path) = match route.split_once(' ') {
        Some((method, path)) => (Some(method.trim()), path.trim()),
        None => (None, route),
    };
    if !path.starts_with('/') || method.is_some_and(|m| m.is_empty() || m.contains('/')) {
        return Err(FaultError::BadRoute);
    }
    let path = path
        .strip_prefix("/share")
        .filter(|p| p.starts_with('/'))
        .unwrap_or(path);
    let method = method.filter(|m| *m != "*").map(str::to_ascii_uppercase);
    Ok((method, Some(path.to_owned())))
}

/// `*` matches any run of bytes other than `/`; everything else matches itself.
fn glob_match(pattern: &[u8], text: &[u8]) -> bool {
    match pattern.split_first() {
        None => text.is_empty(),
        Some((b'*', rest)) => {
            let mut i = 0;
            loop {
                if glob_match(rest, text.get(i..).unwrap_or_default()) {
                    return true;
                }
                match text.get(i) {
                    Some(b'/') | None => return false,
                    Some(_) => i += 1,
                }
            }
        }
        Some((c, rest)) => match text.split_first() {
            Some((t, text_rest)) if t == c => glob_match(rest, text_rest),
            _ => false,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(route: Option<&str>, fault: Fault, times: Option<u64>) -> FaultRule {
        FaultRule {
            application: None,
            route: route.map(str::to_owned),
            fault,
            times,
        }
    }

    #[test]
    fn globs_match_within_a_segment() {
        assert!(glob_match(b"/v2/receipts/*", b"/v2/receipts/abc"));
        assert!(!glob_match(b"/v2/receipts/*", b"/v2/receipts/abc/def"));
        assert!(glob_match(
            b"/v2/sessions/*/qr-codes",
            b"/v2/sessions/ss.v2.x=/qr-codes"
        ));
        assert!(!glob_match(b"/v2/sessions", b"/v2/sessions/x"));
    }

    #[test]
    fn counted_rules_expire_and_latency_combines() {
        let mut table = FaultTable::default();
        let now = Instant::now();
        table
            .add("a".into(), spec(None, Fault::Latency { ms: 5 }, None), now)
            .unwrap();
        table
            .add(
                "b".into(),
                spec(Some("GET /v2/receipts/*"), Fault::Drop, Some(1)),
                now,
            )
            .unwrap();
        let plan = table.take("GET", "/v2/receipts/x", None, now);
        assert_eq!(plan.latency, Duration::from_millis(5));
        assert_eq!(plan.fault, Some(Fault::Drop));
        let plan = table.take("GET", "/v2/receipts/x", None, now);
        assert_eq!(plan.fault, None);
        assert_eq!(table.list().len(), 1);
        assert!(table.remove("a"));
        assert!(!table.remove("a"));
    }

    #[test]
    fn bad_specs_are_refused() {
        let mut table = FaultTable::default();
        let error = Fault::Error {
            status: 200,
            error: None,
            message: None,
        };
        let now = Instant::now();
        assert_eq!(
            table
                .add("x".into(), spec(None, error, None), now)
                .unwrap_err(),
            FaultError::NotAnErrorStatus(200)
        );
        assert_eq!(
            table
                .add("x".into(), spec(Some("receipts"), Fault::Drop, None), now)
                .unwrap_err(),
            FaultError::BadRoute
        );
        assert_eq!(
            table
                .add("x".into(), spec(None, Fault::Drop, Some(0)), now)
                .unwrap_err(),
            FaultError::ZeroTimes
        );
    }

    #[test]
    fn application_and_method_filters_apply() {
        let mut table = FaultTable::default();
        let mut s = spec(Some("POST /share/v2/sessions"), Fault::Drop, None);
        s.application = Some("app-1".into());
        let now = Instant::now();
        table.add("x".into(), s, now).unwrap();
        assert_eq!(
            table.take("POST", "/v2/sessions", Some("app-2"), now).fault,
            None
        );
        assert_eq!(
            table.take("GET", "/v2/sessions", Some("app-1"), now).fault,
            None
        );
        assert_eq!(
            table.take("POST", "/v2/sessions", Some("app-1"), now).fault,
            Some(Fault::Drop)
        );
    }

    #[test]
    fn rules_are_capped_and_stale_ones_evicted() {
        let mut table = FaultTable::default();
        let start = Instant::now();
        for n in 0..MAX_FAULT_RULES {
            let route = if n == 0 {
                Some("/v2/sessions")
            } else {
                Some("/v2/none")
            };
            table
                .add(n.to_string(), spec(route, Fault::Drop, None), start)
                .unwrap();
        }
        assert_eq!(
            table
                .add("more".into(), spec(None, Fault::Drop, None), start)
                .unwrap_err(),
            FaultError::TooMany
        );

        // Rule 0 matches a request half way; the others stay idle.
        let half = start + FAULT_IDLE_RETENTION / 2;
        assert_eq!(
            table.take("GET", "/v2/sessions", None, half).fault,
            Some(Fault::Drop)
        );
        table.evict_idle(start + FAULT_IDLE_RETENTION - Duration::from_secs(1));
        assert_eq!(table.list().len(), MAX_FAULT_RULES);
        table.evict_idle(start + FAULT_IDLE_RETENTION);
        let left: Vec<_> = table.list().into_iter().map(|rule| rule.id).collect();
        assert_eq!(left, ["0"]);
        table.evict_idle(half + FAULT_IDLE_RETENTION);
        assert!(table.list().is_empty());
    }

    #[test]
    fn the_largest_latencies_add_up_without_overflow() {
        let mut table = FaultTable::default();
        let now = Instant::now();
        for n in 0..MAX_FAULT_RULES {
            let latency = Fault::Latency { ms: u64::MAX };
            table
                .add(n.to_string(), spec(None, latency, None), now)
                .unwrap();
        }
        let plan = table.take("GET", "/v2/sessions", None, now);
        assert_eq!(plan.latency, Duration::from_secs(u64::MAX));
    }
}
