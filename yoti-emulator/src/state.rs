//! The in-memory state of a running emulator: applications, share sessions, QR codes, receipts,
//! wrapped item keys, used nonces, request counters and fault rules.

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::sync::{Mutex, MutexGuard, PoisonError, RwLock};
use std::time::{Duration, SystemTime};

use yoti_policy::ShareSessionConfiguration;

use crate::anchors::AnchorIssuer;
use crate::application::Application;
use crate::faults::FaultTable;

/// How many nonces are remembered when there is no timestamp window to forget them by.
const MAX_NONCES: usize = 100_000;

/// Settings fixed at start.
#[derive(Debug, Clone)]
pub(crate) struct Settings {
    /// Allowed distance between a request's `timestamp` and the clock; `None`: not checked.
    pub(crate) timestamp_window: Option<Duration>,
    pub(crate) session_lifetime: Duration,
    /// The public origin used in links (QR code URIs, default application domain).
    pub(crate) public_origin: String,
    pub(crate) body_limit: usize,
    /// How long reading a request's body may take.
    pub(crate) read_timeout: Duration,
}

/// A registered application and the ids the persona has with it.
pub(crate) struct AppEntry {
    pub(crate) app: Application,
    pub(crate) remember_me_id: String,
    pub(crate) parent_remember_me_id: String,
}

/// The lifecycle of a share session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SessionStatus {
    Created,
    QrCodeCreated,
    Completed,
    Expired,
}

impl SessionStatus {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            SessionStatus::Created => "CREATED",
            SessionStatus::QrCodeCreated => "QR_CODE_CREATED",
            SessionStatus::Completed => "COMPLETED",
            SessionStatus::Expired => "EXPIRED",
        }
    }
}

pub(crate) struct Session {
    pub(crate) id: String,
    pub(crate) sdk_id: String,
    pub(crate) config: ShareSessionConfiguration,
    pub(crate) created: SystemTime,
    pub(crate) updated: SystemTime,
    pub(crate) expiry: SystemTime,
    pub(crate) qr_code_id: Option<String>,
    pub(crate) receipt_id: Option<String>,
}

impl Session {
    pub(crate) fn status(&self, now: SystemTime) -> SessionStatus {
        if self.receipt_id.is_some() {
            SessionStatus::Completed
        } else if now >= self.expiry {
            SessionStatus::Expired
        } else if self.qr_code_id.is_some() {
            SessionStatus::QrCodeCreated
        } else {
            SessionStatus::Created
        }
    }
}

pub(crate) struct QrCode {
    pub(crate) session_id: String,
    pub(crate) sdk_id: String,
    pub(crate) expiry: SystemTime,
}

/// A response body kept for the application that owns it.
pub(crate) struct Owned {
    pub(crate) sdk_id: String,
    pub(crate) json: String,
}

#[derive(Default)]
pub(crate) struct Store {
    pub(crate) sessions: HashMap<String, Session>,
    pub(crate) qr_codes: HashMap<String, QrCode>,
    /// By the receipt id's bytes, so that every encoding of the id finds it.
    pub(crate) receipts: HashMap<Vec<u8>, Owned>,
    pub(crate) item_keys: HashMap<String, Owned>,
    nonces: HashSet<String>,
    nonce_order: VecDeque<String>,
}

impl Store {
    /// Records a nonce; `false` when it was used before.
    pub(crate) fn use_nonce(&mut self, nonce: &str) -> bool {
        if !self.nonces.insert(nonce.to_owned()) {
            return false;
        }
        self.nonce_order.push_back(nonce.to_owned());
        if self.nonce_order.len() > MAX_NONCES
            && let Some(oldest) = self.nonce_order.pop_front()
        {
            self.nonces.remove(&oldest);
        }
        true
    }
}

/// Everything the handlers share.
pub(crate) struct Shared {
    pub(crate) settings: Settings,
    pub(crate) apps: RwLock<HashMap<String, AppEntry>>,
    pub(crate) store: Mutex<Store>,
    pub(crate) faults: Mutex<FaultTable>,
    pub(crate) counters: Mutex<BTreeMap<String, u64>>,
    pub(crate) anchors: AnchorIssuer,
    /// `None` when no client that verifies TLS could be built (no TLS roots).
    pub(crate) webhook_client: Option<reqwest::Client>,
    pub(crate) webhook_client_no_tls_check: reqwest::Client,
}

impl Shared {
    pub(crate) fn store(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn faults(&self) -> MutexGuard<'_, FaultTable> {
        self.faults.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn counters(&self) -> MutexGuard<'_, BTreeMap<String, u64>> {
        self.counters.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn apps_read(&self) -> std::sync::RwLockReadGuard<'_, HashMap<String, AppEntry>> {
        self.apps.read().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn apps_write(&self) -> std::sync::RwLockWriteGuard<'_, HashMap<String, AppEntry>> {
        self.apps.write().unwrap_or_else(PoisonError::into_inner)
    }

    /// The origin relative URIs of `app` are resolved against.
    pub(crate) fn app_domain(&self, app: &Application) -> String {
        app.domain
            .clone()
            .unwrap_or_else(|| self.settings.public_origin.clone())
    }
}

/// Resolves a relative URI (`/profile`) against an origin, as Yoti does with the Hub domain.
pub(crate) fn resolve(origin: &str, uri: &str) -> String {
    if uri.contains("://") {
        uri.to_owned()
    } else if uri.starts_with('/') {
        format!("{origin}{uri}")
    } else {
        format!("{origin}/{uri}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_uris_get_the_origin() {
        assert_eq!(resolve("http://a:1", "/x?y=1"), "http://a:1/x?y=1");
        assert_eq!(resolve("http://a:1", "x"), "http://a:1/x");
        assert_eq!(resolve("http://a:1", "https://b/c"), "https://b/c");
    }

    #[test]
    fn nonces_are_single_use() {
        let mut store = Store::default();
        assert!(store.use_nonce("n"));
        assert!(!store.use_nonce("n"));
        assert!(store.use_nonce("m"));
    }
}
