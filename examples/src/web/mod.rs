//! The web application: `GET /` starts a share, `GET /callback?receiptId=...` shows what was
//! shared, to the browser that started it only; `POST /webhook` hears that a share completed;
//! `GET /verifications` lists what was kept, to the holder of a token only.
//!
//! `GET /` creates a share session for [`VerifiedVisitor`] and a QR code for it, and shows the
//! QR code (SVG rendered here, on the server) with a link that opens its URI. With the emulator
//! that link is the emulator's share page, whose Share button shares as the demo persona and
//! sends the browser to the redirect URI. Against Yoti's production API the page also loads
//! Yoti's web share client, the way Yoti documents for production use. It also sets a cookie
//! (`binding.rs`, named by [`COOKIE`]) whose token the server maps to the new session.
//!
//! `GET /callback` accepts a receipt only for the session of that browser's cookie: a receipt id
//! is no secret (it sits in browser history and logs), so without the cookie, with an unknown
//! one, or for another session's receipt it answers 403. The receipt is read once: its outcome
//! (name and age check, never the selfie) goes to SQLite ([`store`]) and a reload shows the
//! stored outcome without fetching the receipt again; concurrent callbacks of one session wait
//! for the first and show what it stored (`single_flight.rs`). A failure receipt shows its
//! error code and every requirement not met; a missing, invalid or unknown receipt id is a 4xx
//! page that says so.
//!
//! The cookie's row is written before the share session is created, so that a failing database
//! costs no session at the API, and it is removed ten minutes after the session expires (a
//! bounded batch on each `GET /`, all of them when the database is opened). A failing database is a generic 500 page; what
//! failed goes to the log only.
//!
//! `POST /webhook` is the session's notification URL: the call must carry the configured
//! `Authorization: Bearer <secret>` (else 401, before any of the body is read); a body over
//! 8 KiB is a 413. The session's status and receipt id are read from the API and stored, so the
//! outcome is known even if the person never comes back.
//!
//! `GET /verifications` lists every stored name: it is a 404 unless a token is configured
//! ([`ENV_VERIFICATIONS_TOKEN`]), and a 401 without `Authorization: Bearer <token>`.

mod binding;
mod pages;
mod single_flight;
mod staff;
pub mod store;

use std::collections::HashMap;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::SystemTime;

use axum::Router;
use axum::body::{Body, Bytes, HttpBody};
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use http_body_util::{BodyExt, LengthLimitError, Limited};
use tokio::net::TcpListener;
use tokio::task::JoinHandle;
use yoti_client::config::DEFAULT_BASE_URL;
use yoti_client::webhook::{WebhookError, WebhookReceiver};
use yoti_client::{ClientError, DigitalIdentityClient, ReceiptId, SessionId, ShareOutcome};
use yoti_policy::ShareSessionConfiguration;
use yoti_protocol::receipt::{Receipt, ReceiptError};

use crate::backend::Connection;
use crate::policy::VerifiedVisitor;
use crate::qr;
pub use binding::COOKIE;
use single_flight::SessionLocks;
use staff::StaffToken;
use store::{Outcome, Store, StoreError};

/// The variable holding the webhook's secret; a random one is made when it is not set.
pub const ENV_WEBHOOK_SECRET: &str = "YOTI_WEBHOOK_SECRET";
/// The variable holding the webhook URL Yoti calls, for the real API (the emulator calls this
/// server's `/webhook` directly). Without it, against the real API, no webhook is set.
pub const ENV_WEBHOOK_URL: &str = "YOTI_WEBHOOK_URL";
/// The variable holding the token that opens `GET /verifications` (sent as
/// `Authorization: Bearer <token>`, at least 16 visible ASCII characters). Without it the page
/// is not served.
pub const ENV_VERIFICATIONS_TOKEN: &str = "VERIFICATIONS_TOKEN";
/// The most a webhook body may hold: the emulator's is about 200 bytes.
const WEBHOOK_BODY_LIMIT: usize = 8 * 1024;

/// The web application: a client, the URI Yoti sends the person back to, and the database.
/// [`start`] serves it; [`router`](Self::router) gives its routes to mount in another axum
/// application.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use yoti_client::webhook::WebhookReceiver;
/// use yoti_examples::backend::Connection;
/// use yoti_examples::web::{WebApp, store::Store};
///
/// let connection = Connection::start_emulator().await?;
/// let db = std::env::temp_dir().join(format!("yoti-doc-{}.sqlite3", std::process::id()));
/// let app = WebApp::new(
///     connection.client.clone(),
///     "http://127.0.0.1:3000/verify/callback",
///     Store::open(&db)?,
/// )
/// .with_webhook("http://127.0.0.1:3000/verify/webhook", WebhookReceiver::bearer("secret")?);
/// assert!(!app.uses_yoti_api()); // an emulator: no Yoti web share script on the page
/// let site: axum::Router = axum::Router::new().nest("/verify", app.router());
/// # drop(site);
/// # std::fs::remove_file(db)?;
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone)]
pub struct WebApp {
    inner: Arc<Inner>,
}

#[derive(Debug, Clone)]
struct Inner {
    client: DigitalIdentityClient,
    redirect_uri: String,
    store: Store,
    /// The session's notification URL and the receiver checking its calls.
    webhook: Option<(String, WebhookReceiver)>,
    /// What opens `GET /verifications`; without it the page is not served.
    verifications: Option<StaffToken>,
    /// One receipt read at a time per session.
    receipt_reads: SessionLocks,
}

impl WebApp {
    /// The application for `client`; shares end at `redirect_uri` (absolute, or relative to the
    /// domain set for the application in Yoti Hub), which must route to
    /// [`router`](Self::router)'s `/callback`. What it keeps goes to `store`.
    pub fn new(
        client: DigitalIdentityClient,
        redirect_uri: impl Into<String>,
        store: Store,
    ) -> Self {
        WebApp {
            inner: Arc::new(Inner {
                client,
                redirect_uri: redirect_uri.into(),
                store,
                webhook: None,
                verifications: None,
                receipt_reads: SessionLocks::default(),
            }),
        }
    }

    /// Each share session gets `url` as its notification URL, called with `receiver`'s header;
    /// `url` must route to [`router`](Self::router)'s `/webhook`, which checks that header.
    #[must_use]
    pub fn with_webhook(mut self, url: impl Into<String>, receiver: WebhookReceiver) -> Self {
        Arc::make_mut(&mut self.inner).webhook = Some((url.into(), receiver));
        self
    }

    /// Serves `GET /verifications` to requests carrying `Authorization: Bearer <token>`; without
    /// this the page is a 404.
    ///
    /// # Errors
    ///
    /// [`StartError::VerificationsToken`] when `token` is shorter than 16 characters or holds
    /// anything but visible ASCII.
    pub fn with_verifications_token(mut self, token: &str) -> Result<Self, StartError> {
        let token = StaffToken::new(token).ok_or(StartError::VerificationsToken)?;
        Arc::make_mut(&mut self.inner).verifications = Some(token);
        Ok(self)
    }

    /// Whether the client talks to Yoti's production API (and so the page loads Yoti's web share
    /// client), rather than to an emulator.
    pub fn uses_yoti_api(&self) -> bool {
        self.inner.client.base_url() == DEFAULT_BASE_URL
    }

    /// The database.
    pub fn store(&self) -> &Store {
        &self.inner.store
    }

    /// The routes: `GET /`, `GET /callback`, `POST /webhook` and `GET /verifications`.
    pub fn router(&self) -> Router {
        Router::new()
            .route("/", get(start_share))
            .route("/callback", get(callback))
            .route("/webhook", post(webhook))
            .route("/verifications", get(verifications))
            .with_state(self.clone())
    }

    /// Whether the cookie is `Secure`: unless the redirect URI is plain `http://` (a local run),
    /// the person comes back over https.
    fn secure_cookie(&self) -> bool {
        !self.inner.redirect_uri.starts_with("http://")
    }
}

/// What [`start`] reads from the environment. Its Debug print names no secret.
#[derive(Clone)]
#[non_exhaustive]
pub struct Settings {
    /// The SQLite file (`DATABASE_URL`, else [`store::DEFAULT_DATABASE`]).
    pub database: PathBuf,
    /// The secret the webhook's `Authorization: Bearer` header must carry.
    pub webhook_secret: String,
    /// Whether `webhook_secret` was generated because [`ENV_WEBHOOK_SECRET`] is not set.
    pub webhook_secret_generated: bool,
    /// The webhook URL for the real API ([`ENV_WEBHOOK_URL`]).
    pub webhook_url: Option<String>,
    /// The token that opens `GET /verifications` ([`ENV_VERIFICATIONS_TOKEN`]); the page is not
    /// served without it.
    pub verifications_token: Option<String>,
}

impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("database", &self.database)
            .field("webhook_secret", &"..")
            .field("webhook_secret_generated", &self.webhook_secret_generated)
            .field("webhook_url", &self.webhook_url)
            .field(
                "verifications_token",
                &self.verifications_token.as_ref().map(|_| ".."),
            )
            .finish()
    }
}

impl Settings {
    /// `DATABASE_URL`, [`ENV_WEBHOOK_SECRET`] (else a random secret), [`ENV_WEBHOOK_URL`] and
    /// [`ENV_VERIFICATIONS_TOKEN`].
    ///
    /// # Errors
    ///
    /// [`StartError::Random`] when no random secret can be made.
    pub fn from_env() -> Result<Self, StartError> {
        let set = |name| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let (webhook_secret, webhook_secret_generated) = match set(ENV_WEBHOOK_SECRET) {
            Some(secret) => (secret, false),
            None => (random_secret()?, true),
        };
        Ok(Settings {
            database: Store::path_from_env(),
            webhook_secret,
            webhook_secret_generated,
            webhook_url: set(ENV_WEBHOOK_URL),
            verifications_token: set(ENV_VERIFICATIONS_TOKEN),
        })
    }

    /// The database at `database`, a random webhook secret and no `GET /verifications`;
    /// nothing read from the environment.
    ///
    /// # Errors
    ///
    /// [`StartError::Random`] when no random secret can be made.
    pub fn with_database(database: impl Into<PathBuf>) -> Result<Self, StartError> {
        Ok(Settings {
            database: database.into(),
            webhook_secret: random_secret()?,
            webhook_secret_generated: true,
            webhook_url: None,
            verifications_token: None,
        })
    }
}

fn random_secret() -> Result<String, StartError> {
    binding::Token::generate()
        .map(|token| token.sha256())
        .ok_or(StartError::Random)
}

/// Why the web application did not start.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StartError {
    /// The port could not be bound.
    #[error("cannot listen on 127.0.0.1: {0}")]
    Bind(#[from] std::io::Error),
    /// The database could not be opened.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The webhook secret cannot be sent as a header.
    #[error("{ENV_WEBHOOK_SECRET} is unusable: {0}")]
    WebhookSecret(#[from] WebhookError),
    /// The token of `GET /verifications` is too short or cannot be sent in a header.
    #[error(
        "{ENV_VERIFICATIONS_TOKEN} is unusable: it must be at least {} visible ASCII characters",
        staff::MIN_TOKEN_LEN
    )]
    VerificationsToken,
    /// The system's random source failed.
    #[error("the system's random source failed")]
    Random,
}

/// The web application serving on 127.0.0.1 in the background; it stops when dropped.
#[derive(Debug)]
pub struct RunningApp {
    address: SocketAddr,
    app: WebApp,
    task: JoinHandle<()>,
}

impl RunningApp {
    /// The address listened on.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The address of the first page, e.g. `http://127.0.0.1:3000/`.
    pub fn url(&self) -> String {
        format!("http://{}/", self.address)
    }

    /// The application served.
    pub fn app(&self) -> &WebApp {
        &self.app
    }
}

impl Drop for RunningApp {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Serves the web application for `connection` on `127.0.0.1:port` (`0` for any free port) in
/// the background, keeping its records in `settings.database`.
///
/// The redirect URI is this server's `/callback` when `connection` has an embedded emulator;
/// otherwise `YOTI_REDIRECT_URI`, or `/callback` on the domain set in Yoti Hub. The webhook URL
/// is this server's `/webhook` with the emulator, else `settings.webhook_url` if set.
///
/// # Errors
///
/// [`StartError`] when the port cannot be bound, the database cannot be opened, or a secret
/// is unusable.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use yoti_examples::backend::Connection;
/// use yoti_examples::web::Settings;
///
/// let connection = Connection::start_emulator().await?;
/// let db = std::env::temp_dir().join(format!("yoti-doc-start-{}.sqlite3", std::process::id()));
/// let app = yoti_examples::web::start(&connection, 0, &Settings::with_database(&db)?).await?;
/// assert!(app.url().starts_with("http://127.0.0.1:"));
/// # drop(app);
/// # std::fs::remove_file(db)?;
/// # Ok(())
/// # }
/// ```
pub async fn start(
    connection: &Connection,
    port: u16,
    settings: &Settings,
) -> Result<RunningApp, StartError> {
    let receiver = WebhookReceiver::bearer(&settings.webhook_secret)?;
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, port)).await?;
    let address = listener.local_addr()?;
    let (redirect_uri, webhook_url) = match connection.emulator() {
        // The emulator's Share button sends the browser straight here, and calls the webhook here.
        Some(_) => (
            format!("http://{address}/callback"),
            Some(format!("http://{address}/webhook")),
        ),
        None => (
            std::env::var("YOTI_REDIRECT_URI").unwrap_or_else(|_| "/callback".into()),
            settings.webhook_url.clone(),
        ),
    };
    let store = Store::open(&settings.database)?;
    let mut app = WebApp::new(connection.client.clone(), redirect_uri, store);
    if let Some(url) = webhook_url {
        app = app.with_webhook(url, receiver);
    }
    if let Some(token) = &settings.verifications_token {
        app = app.with_verifications_token(token)?;
    }
    let router = app.router();
    let task = tokio::spawn(async move {
        if let Err(error) = axum::serve(listener, router).await {
            eprintln!("the web application stopped: {error}");
        }
    });
    Ok(RunningApp { address, app, task })
}

/// Why the share page could not be made.
#[derive(Debug, thiserror::Error)]
enum StartShareError {
    #[error("the share session configuration is invalid: {0}")]
    Configuration(#[from] yoti_policy::session::SessionError),
    #[error(transparent)]
    Client(#[from] ClientError),
    #[error("the QR code was created without a URI")]
    NoQrUri,
    #[error("the QR code URI does not fit in a QR code: {0}")]
    Qr(#[from] qr::QrError),
    #[error("the system's random source failed")]
    Random,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// `GET /`: a new share session and QR code on every load, and a cookie tying this browser to
/// that session.
async fn start_share(State(app): State<WebApp>) -> Response {
    match share_page(&app).await {
        Ok((html, cookie)) => {
            let mut response = page(StatusCode::OK, html);
            response.headers_mut().insert(header::SET_COOKIE, cookie);
            response
        }
        Err(StartShareError::Store(error)) => store_failed("GET /", &error),
        Err(error) => {
            // What failed goes to the log; the page says only that it did.
            eprintln!("GET /: {error}");
            page(
                StatusCode::BAD_GATEWAY,
                pages::error(
                    "The share could not be started",
                    "Yoti could not be asked for a share session just now. Try again in a \
                     moment.",
                ),
            )
        }
    }
}

async fn share_page(app: &WebApp) -> Result<(String, HeaderValue), StartShareError> {
    let client = &app.inner.client;
    // The policy is `VerifiedVisitor::POLICY_JSON`, written at compile time.
    let mut config =
        ShareSessionConfiguration::new::<VerifiedVisitor>(app.inner.redirect_uri.clone())?;
    if let Some((url, receiver)) = &app.inner.webhook {
        config = config.with_notification(receiver.notification(url.clone())?);
    }
    let token = binding::Token::generate().ok_or(StartShareError::Random)?;
    let cookie = token
        .set_cookie(app.secure_cookie())
        .ok_or(StartShareError::Random)?;
    let store = &app.inner.store;
    // The row first: a database that fails costs no session at the API.
    store
        .reserve_browser(token.sha256(), SystemTime::now() + binding::RESERVATION)
        .await?;
    let session = match client.create_share_session(&config).await {
        Ok(session) => session,
        Err(error) => {
            // The reservation would expire anyway; removing it keeps the table small.
            if let Err(release) = store.release_browser(token.sha256()).await {
                eprintln!("GET /: {release}");
            }
            return Err(error.into());
        }
    };
    let expires_at = binding::expires_at(&session.expiry, SystemTime::now());
    store
        .bind_browser(token.sha256(), session.id.to_string(), expires_at)
        .await?;
    let qr_code = client.create_share_qr_code(&session.id).await?;
    let uri = qr_code.uri.ok_or(StartShareError::NoQrUri)?;
    let svg = qr::svg(&uri)?;
    let web_share = app.uses_yoti_api().then(|| pages::WebShare {
        sdk_id: client.sdk_id(),
        session_id: session.id.as_str(),
        redirect_uri: &app.inner.redirect_uri,
    });
    let html = pages::share(&pages::Share {
        qr_svg: &svg,
        qr_uri: &uri,
        session_id: session.id.as_str(),
        web_share,
    });
    Ok((html, cookie))
}

/// `GET /callback?receiptId=...`: this browser's receipt, decrypted into [`VerifiedVisitor`] the
/// first time and shown from the database after that.
async fn callback(
    State(app): State<WebApp>,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    // The query extractor has percent-decoded the id (and may have turned a `+` into a space);
    // the client accepts it either way.
    let Some(receipt_id) = query.get("receiptId").filter(|id| !id.trim().is_empty()) else {
        return page(
            StatusCode::BAD_REQUEST,
            pages::error(
                "No receipt",
                "This page is where Yoti sends you back after a share, with a receiptId in the \
                 address. There is none here: start again from the first page.",
            ),
        );
    };
    let requested = match ReceiptId::parse(receipt_id) {
        Ok(requested) => requested,
        Err(error) => return error_page(&error.into()),
    };
    let session_id = match browser_session(&app, &headers).await {
        Ok(Some(session_id)) => session_id,
        Ok(None) => return refused(),
        Err(error) => return store_failed("GET /callback", &error),
    };
    // Read once, also when callbacks come together: the others wait here for the first, then
    // find what it stored.
    let _reading = app.inner.receipt_reads.lock(&session_id).await;
    // A reload shows what was kept, without asking Yoti again.
    match app.inner.store.verification(session_id.clone()).await {
        Ok(Some(stored))
            if stored.outcome != Outcome::Pending
                && stored
                    .receipt_id
                    .as_deref()
                    .is_some_and(|id| requested.is_returned_as(id)) =>
        {
            return private_page(StatusCode::OK, pages::stored(&stored));
        }
        Ok(_) => {}
        Err(error) => return store_failed("GET /callback", &error),
    }
    // Stored by this application from Yoti's answer: one that no longer parses is no session.
    let Ok(bound_session) = SessionId::parse(&session_id) else {
        return refused();
    };
    let result = app
        .inner
        .client
        .get_share_receipt_for_session::<VerifiedVisitor>(&requested, &bound_session)
        .await;
    let (outcome, shared_at, html) = match &result {
        Ok(ShareOutcome::Shared(receipt)) => (
            verified_outcome(receipt),
            receipt.timestamp().to_owned(),
            pages::verified(receipt),
        ),
        Ok(ShareOutcome::NotShared(failure)) => (
            Outcome::Failed {
                error_code: failure.error.clone(),
            },
            failure.timestamp().to_owned(),
            pages::failure(failure),
        ),
        Err(ClientError::ReceiptForAnotherSession) => return refused(),
        Err(error) => return error_page(error),
    };
    // The receipt's own id, in the form receipts carry.
    let receipt_id = requested.to_string();
    match app
        .inner
        .store
        .record_receipt(session_id, receipt_id, outcome, shared_at)
        .await
    {
        Ok(_) => private_page(StatusCode::OK, html),
        Err(error) => store_failed("GET /callback", &error),
    }
}

/// What is kept of a verified share: the name and the age check, not the selfie.
fn verified_outcome(receipt: &Receipt<VerifiedVisitor>) -> Outcome {
    let age = &receipt.user().age_18_or_over;
    Outcome::Verified {
        full_name: receipt.user().full_name.value().clone(),
        age_question: pages::age_question(age),
        age_result: age.result(),
    }
}

/// The session this browser's cookie names, if it has a known one.
async fn browser_session(app: &WebApp, headers: &HeaderMap) -> Result<Option<String>, StoreError> {
    match binding::token_sha256_from(headers) {
        Some(token) => app.inner.store.browser_session(token).await,
        None => Ok(None),
    }
}

/// `POST /webhook`: the share session's notification. 401 without the configured header,
/// answered before any of the body is read; 413 for a body over [`WEBHOOK_BODY_LIMIT`]. The
/// session's status and receipt come from the API, never from the body.
async fn webhook(State(app): State<WebApp>, headers: HeaderMap, body: Body) -> Response {
    let Some((_, receiver)) = &app.inner.webhook else {
        return (StatusCode::NOT_FOUND, "no webhook is configured").into_response();
    };
    if let Err(error) = receiver.check(&headers) {
        return webhook_refused(&error);
    }
    let body = match webhook_body(body).await {
        Ok(body) => body,
        Err(status) => return status.into_response(),
    };
    match receiver.receive(&app.inner.client, &headers, &body).await {
        Ok(update) => {
            let receipt_id = update.receipt_id.as_ref().map(ReceiptId::to_string);
            match app
                .inner
                .store
                .record_session_status(
                    update.session_id.to_string(),
                    update.status.to_string(),
                    receipt_id,
                )
                .await
            {
                Ok(()) => StatusCode::NO_CONTENT.into_response(),
                Err(error) => {
                    eprintln!("POST /webhook: {error}");
                    StatusCode::INTERNAL_SERVER_ERROR.into_response()
                }
            }
        }
        Err(error) if error.is_unauthorized() => webhook_refused(&error),
        Err(error @ WebhookError::NoSessionId) => {
            (StatusCode::BAD_REQUEST, error.to_string()).into_response()
        }
        Err(error) => {
            eprintln!("POST /webhook: {error}");
            (StatusCode::BAD_GATEWAY, error.to_string()).into_response()
        }
    }
}

/// The webhook's body, at most [`WEBHOOK_BODY_LIMIT`] bytes: 413 past it, without reading
/// further (at once when the announced length is already too long); 400 when it breaks off.
async fn webhook_body(body: Body) -> Result<Bytes, StatusCode> {
    if body.size_hint().lower() > WEBHOOK_BODY_LIMIT as u64 {
        return Err(StatusCode::PAYLOAD_TOO_LARGE);
    }
    match Limited::new(body, WEBHOOK_BODY_LIMIT).collect().await {
        Ok(collected) => Ok(collected.to_bytes()),
        Err(error) if error.is::<LengthLimitError>() => Err(StatusCode::PAYLOAD_TOO_LARGE),
        Err(_) => Err(StatusCode::BAD_REQUEST),
    }
}

/// The 401 of a webhook call without the configured header.
fn webhook_refused(error: &WebhookError) -> Response {
    let mut response = (StatusCode::UNAUTHORIZED, error.to_string()).into_response();
    response
        .headers_mut()
        .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    response
}

/// `GET /verifications`: what was kept of each share, newest first. A 404 unless a token is
/// configured, a 401 without it.
async fn verifications(State(app): State<WebApp>, headers: HeaderMap) -> Response {
    let Some(token) = &app.inner.verifications else {
        return page(StatusCode::NOT_FOUND, pages::not_found());
    };
    if !token.allows(&headers) {
        let mut response = private_page(StatusCode::UNAUTHORIZED, pages::token_required());
        response
            .headers_mut()
            .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        return response;
    }
    match app.inner.store.verifications().await {
        Ok(list) => private_page(StatusCode::OK, pages::verifications(&list)),
        Err(error) => store_failed("GET /verifications", &error),
    }
}

/// The 403 page: a receipt is shown only to the browser that started its share.
fn refused() -> Response {
    page(StatusCode::FORBIDDEN, pages::refused())
}

/// The 500 page when the database failed; the error goes to the log only.
fn store_failed(route: &str, error: &StoreError) -> Response {
    eprintln!("{route}: {error}");
    page(
        StatusCode::INTERNAL_SERVER_ERROR,
        pages::error(
            "Something went wrong",
            "This application could not read or write its records. Try again in a moment.",
        ),
    )
}

/// The page for a receipt that could not be read.
fn error_page(error: &ClientError) -> Response {
    let (status, title, message) = describe(error);
    if status.is_server_error() {
        eprintln!("GET /callback: {error}");
    }
    page(status, pages::error(title, &message))
}

/// The status, title and message of the page for a receipt that could not be read.
fn describe(error: &ClientError) -> (StatusCode, &'static str, String) {
    match error {
        ClientError::InvalidId(_) => (
            StatusCode::BAD_REQUEST,
            "Invalid receipt id",
            "The receiptId in the address is not a receipt id as Yoti sends it. Start the share \
             again from the first page."
                .to_owned(),
        ),
        ClientError::NotFound(_) => (
            StatusCode::NOT_FOUND,
            "Unknown receipt",
            "There is no receipt with this id for this application: it may have expired, or \
             belong to another application. Start the share again from the first page."
                .to_owned(),
        ),
        ClientError::Receipt(ReceiptError::Decode(decode)) => (
            StatusCode::BAD_GATEWAY,
            "Incomplete share",
            format!("The receipt does not hold what this page asks for: {decode}."),
        ),
        other => (
            StatusCode::BAD_GATEWAY,
            "The receipt could not be read",
            format!("Fetching or decrypting the receipt failed: {other}."),
        ),
    }
}

/// An HTML page that is never cached: each share page holds a new session.
fn page(status: StatusCode, html: String) -> Response {
    let mut response = (status, Html(html)).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

/// A page showing personal data: nothing loads from elsewhere, no other site frames it, and
/// the address (with the receipt id) is not sent as a referrer.
fn private_page(status: StatusCode, html: String) -> Response {
    let mut response = page(status, html);
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; img-src data:; style-src 'unsafe-inline'; \
             frame-ancestors 'none'",
        ),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use yoti_client::ApiError;

    #[test]
    fn receipt_errors_map_to_statuses_a_person_can_act_on() {
        let api = |status| ApiError::from_response(status, b"{}").into_error();
        assert_eq!(
            describe(&ReceiptId::parse("!").unwrap_err().into()).0,
            StatusCode::BAD_REQUEST
        );
        assert_eq!(describe(&api(404)).0, StatusCode::NOT_FOUND);
        assert_eq!(describe(&api(503)).0, StatusCode::BAD_GATEWAY);
        assert_eq!(describe(&api(401)).0, StatusCode::BAD_GATEWAY);
        let decode = ClientError::Receipt(ReceiptError::Decode(yoti_policy::DecodeError::Fields(
            vec![yoti_policy::decode::FieldError::new(
                "selfie",
                "selfie",
                yoti_policy::decode::FieldProblem::Missing,
            )],
        )));
        let (status, title, message) = describe(&decode);
        assert_eq!(
            (status, title),
            (StatusCode::BAD_GATEWAY, "Incomplete share")
        );
        assert!(message.contains("`selfie`"), "{message}");
    }
}
