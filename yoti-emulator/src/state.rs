//! The in-memory state of a running emulator: applications, the session store, used nonces,
//! request counters and fault rules.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Mutex, MutexGuard, PoisonError, RwLock};
use std::time::{Duration, SystemTime};

use crate::anchors::AnchorIssuer;
use crate::application::Application;
use crate::control_access::ControlAccess;
use crate::faults::FaultTable;
use crate::nonces::NonceCache;
use crate::store::Store;
use crate::tokens::TokenStore;

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
    /// Who may use the control API.
    pub(crate) control: ControlAccess,
    /// How long an issued bearer token is valid.
    pub(crate) token_ttl: Duration,
    /// The `aud` a client assertion may name: the token endpoint's URL on the emulator's
    /// origin and on its public origin.
    pub(crate) token_audiences: Vec<String>,
}

/// A registered application and the ids the persona has with it.
pub(crate) struct AppEntry {
    pub(crate) app: Application,
    pub(crate) remember_me_id: String,
    pub(crate) parent_remember_me_id: String,
}

/// Everything the handlers share.
pub(crate) struct Shared {
    pub(crate) settings: Settings,
    pub(crate) apps: RwLock<HashMap<String, AppEntry>>,
    pub(crate) store: Mutex<Store>,
    pub(crate) nonces: Mutex<NonceCache>,
    /// The `jti` of client assertions, single use like nonces.
    pub(crate) jtis: Mutex<NonceCache>,
    pub(crate) tokens: Mutex<TokenStore>,
    pub(crate) faults: Mutex<FaultTable>,
    pub(crate) counters: Mutex<BTreeMap<String, u64>>,
    pub(crate) anchors: AnchorIssuer,
    /// `None` when no client that verifies TLS could be built (no TLS roots).
    pub(crate) webhook_client: Option<reqwest::Client>,
    pub(crate) webhook_client_no_tls_check: reqwest::Client,
    /// The runtime the emulator was started on, for background work (webhooks).
    pub(crate) runtime: tokio::runtime::Handle,
}

impl Shared {
    /// The store, with what has outlived its retention evicted.
    pub(crate) fn store(&self) -> MutexGuard<'_, Store> {
        let mut store = self.store.lock().unwrap_or_else(PoisonError::into_inner);
        store.evict_expired(SystemTime::now());
        store
    }

    pub(crate) fn nonces(&self) -> MutexGuard<'_, NonceCache> {
        self.nonces.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The fault rules, with those left unused too long evicted.
    pub(crate) fn jtis(&self) -> MutexGuard<'_, NonceCache> {
        self.jtis.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn tokens(&self) -> MutexGuard<'_, TokenStore> {
        self.tokens.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn faults(&self) -> MutexGuard<'_, FaultTable> {
        let mut faults = self.faults.lock().unwrap_or_else(PoisonError::into_inner);
        faults.evict_idle(std::time::Instant::now());
        faults
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
}
