//! Starting and stopping: the builder, the accept loop and the handle.

use std::collections::{BTreeMap, HashMap};
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::{Semaphore, watch};
use tokio::task::{JoinHandle, JoinSet};
use tower_service::Service;
use yoti_protocol::receipt::PublicKey;

use crate::anchors::AnchorIssuer;
use crate::application::{Application, ApplicationState};
use crate::control_access::{ControlAccess, ControlToken};
use crate::error::StartError;
use crate::faults::FaultTable;
use crate::nonces::NonceCache;
use crate::routes::{self, ConnectionKiller, TOKEN_PATH};
use crate::state::{AppEntry, Settings, Shared};
use crate::store::{Store, StoreLimits};
use crate::tokens::TokenStore;
use crate::{BASE_PATH, CONTROL_PATH, ids};

/// The usual window of [`EmulatorBuilder::strict_timestamps`]: how far a request's `timestamp`
/// may be from the clock.
pub const DEFAULT_TIMESTAMP_WINDOW: Duration = Duration::from_secs(15 * 60);
/// The default lifetime of a share session.
pub const DEFAULT_SESSION_LIFETIME: Duration = Duration::from_secs(10 * 60);
/// The default largest request body, in bytes.
pub const DEFAULT_BODY_LIMIT: usize = 1024 * 1024;
/// The default time a client has to send a request's head, and then its body.
pub const DEFAULT_READ_TIMEOUT: Duration = Duration::from_secs(30);
/// The default number of used nonces remembered at once (each about 100 bytes at most).
pub const DEFAULT_MAX_NONCES: usize = 250_000;
/// The default number of share sessions held at once (each with its QR codes and receipt).
pub const DEFAULT_MAX_SESSIONS: usize = 50_000;
/// The default number of receipts (and wrapped item keys) held at once.
pub const DEFAULT_MAX_RECEIPTS: usize = 10_000;
/// The default time a share session, its QR codes and its receipt are kept after it expires.
pub const DEFAULT_RETENTION: Duration = Duration::from_secs(60 * 60);
/// The default number of connections served at once.
pub const DEFAULT_MAX_CONNECTIONS: usize = 1024;
/// The default lifetime of a bearer token issued by the token endpoint: an hour.
pub const DEFAULT_TOKEN_TTL: Duration = Duration::from_secs(60 * 60);

/// The longest duration the builder accepts: longer ones are mistakes, and would overflow
/// date arithmetic.
const MAX_DURATION: Duration = Duration::from_secs(365 * 24 * 60 * 60);

/// A local stand-in for the Yoti Digital ID share API.
///
/// ```
/// use yoti_emulator::Emulator;
/// use yoti_protocol::receipt::PrivateKey;
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// // A fresh key for local work; an application loads the key file from Yoti Hub instead.
/// let key = PrivateKey::from_pem(&*yoti_emulator::keys::generate_private_key_pem()?)?;
/// let emulator = Emulator::builder().app("my-sdk-id", key.public_key()).start().await?;
/// assert!(emulator.base_url().starts_with("http://127.0.0.1:"));
/// assert!(emulator.base_url().ends_with("/share"));
/// emulator.shutdown().await;
/// # Ok(())
/// # }
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub struct Emulator;

impl Emulator {
    /// A builder with no applications, request timestamps not checked, the default session
    /// lifetime and body limit, an ephemeral port, and links pointing at the emulator itself.
    pub fn builder() -> EmulatorBuilder {
        EmulatorBuilder {
            applications: Vec::new(),
            timestamp_window: None,
            session_lifetime: DEFAULT_SESSION_LIFETIME,
            public_base_url: None,
            port: 0,
            body_limit: DEFAULT_BODY_LIMIT,
            read_timeout: DEFAULT_READ_TIMEOUT,
            max_nonces: DEFAULT_MAX_NONCES,
            max_sessions: DEFAULT_MAX_SESSIONS,
            max_receipts: DEFAULT_MAX_RECEIPTS,
            retention: DEFAULT_RETENTION,
            max_connections: DEFAULT_MAX_CONNECTIONS,
            control_token: None,
            token_ttl: DEFAULT_TOKEN_TTL,
        }
    }
}

/// Configures and starts an [`Emulator`].
///
/// Memory is bounded: used nonces, share sessions and receipts are kept only as long as they
/// can matter and at most [`max_nonces`](Self::max_nonces),
/// [`max_sessions`](Self::max_sessions) and [`max_receipts`](Self::max_receipts) at once;
/// beyond those, requests get 503 `EMULATOR_LIMIT_REACHED` (with a `Retry-After` when time
/// alone makes room). A session keeps its 8 latest QR codes; at most 1000 fault rules are set,
/// and one that matches no request for an hour is dropped.
#[derive(Debug, Clone)]
pub struct EmulatorBuilder {
    applications: Vec<Application>,
    timestamp_window: Option<Duration>,
    session_lifetime: Duration,
    public_base_url: Option<String>,
    port: u16,
    body_limit: usize,
    read_timeout: Duration,
    max_nonces: usize,
    max_sessions: usize,
    max_receipts: usize,
    retention: Duration,
    max_connections: usize,
    control_token: Option<ControlToken>,
    token_ttl: Duration,
}

impl EmulatorBuilder {
    /// Registers an application with default profile values (see [`Application::new`]).
    #[must_use]
    pub fn app(self, sdk_id: impl Into<String>, public_key: PublicKey) -> Self {
        self.application(Application::new(sdk_id, public_key))
    }

    /// Registers an application with its profile, domain and state.
    #[must_use]
    pub fn application(mut self, application: Application) -> Self {
        self.applications.push(application);
        self
    }

    /// Refuses requests whose `timestamp` is not epoch milliseconds within `window` of the
    /// clock (usually [`DEFAULT_TIMESTAMP_WINDOW`], 15 minutes), with 401
    /// `INVALID_REQUEST_SIGNATURE`; a used nonce is then forgotten once its timestamp has left
    /// the window.
    ///
    /// Off by default, because Yoti does not enforce it: the official Java SDK sends
    /// microseconds of the JVM's monotonic clock, which Yoti accepts. By default the timestamp
    /// is covered by the signature like the rest of the query, but its value is not checked,
    /// and used nonces are remembered for ever (up to [`max_nonces`](Self::max_nonces)). What
    /// stays on either way, because Yoti checks it too: the signature over the exact bytes of
    /// the request, and single-use nonces.
    #[must_use]
    pub fn strict_timestamps(mut self, window: Duration) -> Self {
        self.timestamp_window = Some(window);
        self
    }

    /// How long a share session (and its QR codes) can be shared (default 10 minutes).
    #[must_use]
    pub fn session_lifetime(mut self, lifetime: Duration) -> Self {
        self.session_lifetime = lifetime;
        self
    }

    /// The public origin used in links (QR code URIs, the default application domain), e.g.
    /// `http://localhost:8080` behind a proxy; default `http://127.0.0.1:PORT`.
    #[must_use]
    pub fn public_base_url(mut self, url: impl Into<String>) -> Self {
        self.public_base_url = Some(url.into());
        self
    }

    /// The port to listen on, on 127.0.0.1 (default 0: any free port).
    #[must_use]
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// The largest request body accepted, in bytes (default 1 MiB); larger ones get 413.
    #[must_use]
    pub fn body_limit(mut self, bytes: usize) -> Self {
        self.body_limit = bytes;
        self
    }

    /// How long a client may take to send a request's head, and then its body (default 30
    /// seconds): a slow or stalled client has its connection closed (head) or gets 408 (body),
    /// instead of holding the connection open for ever. A kept-alive connection on which no new
    /// request starts within this time is closed too: give clients a shorter idle-connection
    /// timeout (reqwest: `pool_idle_timeout`).
    #[must_use]
    pub fn read_timeout(mut self, timeout: Duration) -> Self {
        self.read_timeout = timeout;
        self
    }

    /// How many used nonces are remembered at once (default 250,000, about 25 MB at most). A
    /// nonce is remembered for ever, or with [`strict_timestamps`](Self::strict_timestamps)
    /// until its request's timestamp leaves the window; when this many are remembered, signed requests get 503
    /// `EMULATOR_LIMIT_REACHED` until the first one expires. A nonce is never forgotten early.
    #[must_use]
    pub fn max_nonces(mut self, max: usize) -> Self {
        self.max_nonces = max;
        self
    }

    /// How many share sessions are held at once, expired ones included until evicted (default
    /// 50,000); beyond that `POST /v2/sessions` gets 503 `EMULATOR_LIMIT_REACHED`.
    #[must_use]
    pub fn max_sessions(mut self, max: usize) -> Self {
        self.max_sessions = max;
        self
    }

    /// How many receipts (with their wrapped item keys) are held at once (default 10,000; a
    /// persona receipt with images is about 16 KB); beyond that a share gets 503
    /// `EMULATOR_LIMIT_REACHED`.
    #[must_use]
    pub fn max_receipts(mut self, max: usize) -> Self {
        self.max_receipts = max;
        self
    }

    /// How long a share session, its QR codes, receipt and wrapped item key are kept after the
    /// session expires (default 1 hour); then all of them are evicted and answer 404.
    #[must_use]
    pub fn retention(mut self, retention: Duration) -> Self {
        self.retention = retention;
        self
    }

    /// How many connections are served at once (default 1024); further ones wait to be
    /// accepted until one closes.
    #[must_use]
    pub fn max_connections(mut self, max: usize) -> Self {
        self.max_connections = max;
        self
    }

    /// Requires `Authorization: Bearer <token>` on the control API (except the QR code page
    /// and its Share form, which a browser opens from the QR code URI). Without a token, the
    /// control API relies on its `Host`, `Origin` and `Content-Type` checks alone.
    #[must_use]
    pub fn control_token(mut self, token: impl Into<String>) -> Self {
        self.control_token = Some(ControlToken::new(token.into()));
        self
    }

    /// How long a bearer token from the token endpoint (`POST /v1/oauth/token`) is valid
    /// (default an hour, at least a second): a short one lets tests see clients renew tokens.
    /// [`EmulatorHandle::expire_tokens`] expires them all at once.
    #[must_use]
    pub fn token_ttl(mut self, ttl: Duration) -> Self {
        self.token_ttl = ttl;
        self
    }

    /// Binds 127.0.0.1 and serves in the background until the handle is dropped or shut down.
    ///
    /// # Errors
    ///
    /// [`StartError`] when the port cannot be bound, the public base URL is not an origin, a
    /// limit is zero or a duration longer than a year, the control token is empty, an SDK id is
    /// registered twice, or the webhook client or anchor key cannot be made.
    pub async fn start(self) -> Result<EmulatorHandle, StartError> {
        self.check_settings()?;
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, self.port))
            .await
            .map_err(|source| StartError::Bind {
                port: self.port,
                source,
            })?;
        let addr = listener.local_addr().map_err(|source| StartError::Bind {
            port: self.port,
            source,
        })?;
        let origin = format!("http://{addr}");
        let public_origin = match self.public_base_url {
            Some(url) => check_origin(&url)?,
            None => origin.clone(),
        };

        let mut apps = HashMap::new();
        for app in self.applications {
            let sdk_id = app.sdk_id.clone();
            let entry = AppEntry {
                app,
                remember_me_id: ids::remember_me_id().map_err(anchor_error)?,
                parent_remember_me_id: ids::remember_me_id().map_err(anchor_error)?,
            };
            if apps.insert(sdk_id.clone(), entry).is_some() {
                return Err(StartError::DuplicateApplication { sdk_id });
            }
        }
        // Without TLS roots on the machine only webhooks with `verifyTls: false` can be called;
        // that is no reason not to start.
        let webhook_client = reqwest::Client::builder()
            .build()
            .map_err(|error| tracing::warn!(%error, "webhooks that verify TLS cannot be called"))
            .ok();
        let webhook_client_no_tls_check = reqwest::Client::builder()
            .danger_accept_invalid_certs(true)
            .build()
            .map_err(|e| StartError::WebhookClient {
                reason: e.to_string(),
            })?;
        let token_audiences = token_audiences(&origin, &public_origin);
        let shared = Arc::new(Shared {
            settings: Settings {
                timestamp_window: self.timestamp_window,
                session_lifetime: self.session_lifetime,
                control: ControlAccess::new(addr.port(), &public_origin, self.control_token),
                public_origin,
                body_limit: self.body_limit,
                read_timeout: self.read_timeout,
                token_ttl: self.token_ttl,
                token_audiences,
            },
            apps: RwLock::new(apps),
            store: Mutex::new(Store::new(StoreLimits {
                max_sessions: self.max_sessions,
                max_receipts: self.max_receipts,
                retention: self.retention,
            })),
            nonces: Mutex::new(NonceCache::new(self.max_nonces)),
            jtis: Mutex::new(NonceCache::new(self.max_nonces)),
            tokens: Mutex::new(TokenStore::default()),
            faults: Mutex::new(FaultTable::default()),
            counters: Mutex::new(BTreeMap::new()),
            anchors: AnchorIssuer::new().map_err(anchor_error)?,
            webhook_client,
            webhook_client_no_tls_check,
            runtime: tokio::runtime::Handle::current(),
        });

        let (shutdown, shutdown_rx) = watch::channel(false);
        let router = routes::router(shared.clone());
        let limits = ConnectionLimits {
            read_timeout: self.read_timeout,
            max_connections: self.max_connections,
        };
        let task = tokio::spawn(serve(listener, router, limits, shutdown_rx));
        tracing::info!(%origin, "yoti-emulator listening");
        Ok(EmulatorHandle {
            addr,
            origin,
            shared,
            shutdown,
            task: Some(task),
        })
    }

    /// Refuses limits of zero and durations too long for date arithmetic.
    fn check_settings(&self) -> Result<(), StartError> {
        let invalid = |setting, problem| Err(StartError::InvalidSetting { setting, problem });
        for (setting, value) in [
            ("max_nonces", self.max_nonces),
            ("max_sessions", self.max_sessions),
            ("max_receipts", self.max_receipts),
            ("max_connections", self.max_connections),
        ] {
            if value == 0 {
                return invalid(setting, "must be at least 1");
            }
        }
        for (setting, value) in [
            ("session_lifetime", self.session_lifetime),
            ("retention", self.retention),
            ("read_timeout", self.read_timeout),
            ("token_ttl", self.token_ttl),
            (
                "strict_timestamps",
                self.timestamp_window.unwrap_or_default(),
            ),
        ] {
            if value > MAX_DURATION {
                return invalid(setting, "must be at most a year");
            }
        }
        if self.read_timeout.is_zero() {
            return invalid("read_timeout", "must be longer than zero");
        }
        if self.token_ttl < Duration::from_secs(1) {
            return invalid("token_ttl", "must be at least a second");
        }
        if self
            .control_token
            .as_ref()
            .is_some_and(ControlToken::is_empty)
        {
            return invalid("control_token", "must not be empty");
        }
        Ok(())
    }
}

/// The token endpoint's URL on the emulator's origin and, if another, its public origin.
fn token_audiences(origin: &str, public_origin: &str) -> Vec<String> {
    let mut audiences = vec![format!("{origin}{TOKEN_PATH}")];
    if public_origin != origin {
        audiences.push(format!("{public_origin}{TOKEN_PATH}"));
    }
    audiences
}

fn anchor_error(error: impl std::fmt::Display) -> StartError {
    StartError::AnchorKey {
        reason: error.to_string(),
    }
}

/// `scheme://host[:port]` with no path; a trailing `/` is dropped.
fn check_origin(url: &str) -> Result<String, StartError> {
    let url = url.trim_end_matches('/');
    let invalid = || StartError::InvalidBaseUrl {
        url: url.to_owned(),
    };
    let rest = url
        .strip_prefix("http://")
        .or_else(|| url.strip_prefix("https://"))
        .ok_or_else(invalid)?;
    if rest.is_empty() || rest.contains(['/', '?', '#', ' ']) {
        return Err(invalid());
    }
    Ok(url.to_owned())
}

/// How connections are bounded.
#[derive(Debug, Clone, Copy)]
struct ConnectionLimits {
    read_timeout: Duration,
    max_connections: usize,
}

/// Accepts connections until shut down, at most `max_connections` at once (the others wait in
/// the listen queue). Each connection can be closed from a handler through its
/// [`ConnectionKiller`] (fault injection); on shutdown every connection is closed.
async fn serve(
    listener: TcpListener,
    router: axum::Router,
    limits: ConnectionLimits,
    mut shutdown: watch::Receiver<bool>,
) {
    let read_timeout = limits.read_timeout;
    let slots = Arc::new(Semaphore::new(
        limits.max_connections.min(Semaphore::MAX_PERMITS),
    ));
    let mut connections = JoinSet::new();
    loop {
        let slot = tokio::select! {
            _ = shutdown.changed() => break,
            Some(_) = connections.join_next(), if !connections.is_empty() => continue,
            slot = slots.clone().acquire_owned() => slot,
        };
        // The semaphore is never closed.
        let Ok(slot) = slot else { break };
        tokio::select! {
            _ = shutdown.changed() => break,
            accepted = listener.accept() => {
                let stream = match accepted {
                    Ok((stream, _)) => stream,
                    Err(error) => {
                        tracing::warn!(%error, "accept failed");
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                };
                let killer = ConnectionKiller::default();
                let router = router.clone();
                let request_killer = killer.clone();
                let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
                    request.extensions_mut().insert(request_killer.clone());
                    let mut router = router.clone();
                    async move { router.call(request).await }
                });
                connections.spawn(async move {
                    let _slot = slot;
                    // The head timeout needs a timer; without one hyper waits for ever.
                    let connection = http1::Builder::new()
                        .timer(TokioTimer::new())
                        .header_read_timeout(read_timeout)
                        .serve_connection(TokioIo::new(stream), service);
                    tokio::select! {
                        result = connection => {
                            if let Err(error) = result {
                                tracing::debug!(%error, "connection ended with an error");
                            }
                        }
                        // Dropping the connection closes the socket without an answer.
                        () = killer.0.notified() => {}
                    }
                });
            }
        }
    }
    connections.abort_all();
}

/// A running emulator. Dropping it stops the server (without waiting);
/// [`shutdown`](Self::shutdown) stops it and waits.
pub struct EmulatorHandle {
    addr: SocketAddr,
    origin: String,
    /// Also used by the test methods in `handle.rs`.
    pub(crate) shared: Arc<Shared>,
    shutdown: watch::Sender<bool>,
    task: Option<JoinHandle<()>>,
}

impl EmulatorHandle {
    /// The base URL a client uses: `http://127.0.0.1:PORT/share`.
    pub fn base_url(&self) -> String {
        format!("{}{BASE_PATH}", self.origin)
    }

    /// The control API: `http://127.0.0.1:PORT/emulator/v1`.
    pub fn control_url(&self) -> String {
        format!("{}{CONTROL_PATH}", self.origin)
    }

    /// The token endpoint of bearer-token authentication:
    /// `http://127.0.0.1:PORT/v1/oauth/token`.
    pub fn token_url(&self) -> String {
        format!("{}{TOKEN_PATH}", self.origin)
    }

    /// Expires every bearer token issued so far: the next share API request with one gets 401,
    /// as with a token past its lifetime.
    pub fn expire_tokens(&self) {
        self.shared.tokens().expire_all();
    }

    /// `http://127.0.0.1:PORT`.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The address listened on.
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// How many requests a share API route received, by `METHOD /route`, e.g.
    /// `POST /v2/sessions` or `GET /v2/receipts/{receipt_id}`.
    pub fn request_count(&self, route: &str) -> u64 {
        self.shared.counters().get(route).copied().unwrap_or(0)
    }

    /// Sets the state of a registered application; `false` when there is no such application.
    pub fn set_application_state(&self, sdk_id: &str, state: ApplicationState) -> bool {
        match self.shared.apps_write().get_mut(sdk_id) {
            Some(entry) => {
                entry.app.state = state;
                true
            }
            None => false,
        }
    }

    /// Stops serving, closes every connection and waits for the server task to end.
    pub async fn shutdown(mut self) {
        let _ = self.shutdown.send(true);
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for EmulatorHandle {
    fn drop(&mut self) {
        let _ = self.shutdown.send(true);
    }
}

impl std::fmt::Debug for EmulatorHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EmulatorHandle")
            .field("origin", &self.origin)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_base_urls_must_be_origins() {
        assert_eq!(
            check_origin("http://localhost:8080/").unwrap(),
            "http://localhost:8080"
        );
        assert!(check_origin("https://example.com").is_ok());
        assert!(matches!(
            check_origin("ftp://x"),
            Err(StartError::InvalidBaseUrl { .. })
        ));
        assert!(check_origin("http://x/share").is_err());
    }
}
