//! The web application: `GET /` starts a share, `GET /callback?receiptId=...` shows what was
//! shared.
//!
//! `GET /` creates a share session for [`VerifiedVisitor`] and a QR code for it, and shows the
//! QR code (SVG rendered here, on the server) with a link that opens its URI. With the emulator
//! that link is the emulator's share page, whose Share button shares as the demo persona and
//! sends the browser to the redirect URI. Against Yoti's production API the page also loads
//! Yoti's web share client, the way Yoti documents for production use.
//!
//! `GET /callback` fetches the receipt, decrypts it into a [`VerifiedVisitor`] and shows it; a
//! failure receipt shows its error code and every requirement not met; a missing, invalid or
//! unknown receipt id is a 4xx page that says so.

mod pages;

use std::collections::HashMap;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;

use axum::Router;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;
use yoti_client::config::DEFAULT_BASE_URL;
use yoti_client::{ClientError, DigitalIdentityClient};
use yoti_policy::ShareSessionConfiguration;
use yoti_protocol::receipt::ReceiptError;

use crate::backend::Connection;
use crate::policy::VerifiedVisitor;
use crate::qr;

/// The web application: a client and the URI Yoti sends the person back to. [`start`] serves
/// it; [`router`](Self::router) gives its routes to mount in another axum application.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use yoti_examples::backend::Connection;
/// use yoti_examples::web::WebApp;
///
/// let connection = Connection::start_emulator().await?;
/// let app = WebApp::new(connection.client.clone(), "http://127.0.0.1:3000/verify/callback");
/// assert!(!app.uses_yoti_api()); // an emulator: no Yoti web share script on the page
/// let site: axum::Router = axum::Router::new().nest("/verify", app.router());
/// # drop(site);
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone)]
pub struct WebApp {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    client: DigitalIdentityClient,
    redirect_uri: String,
}

impl WebApp {
    /// The application for `client`; shares end at `redirect_uri` (absolute, or relative to the
    /// domain set for the application in Yoti Hub), which must route to
    /// [`router`](Self::router)'s `/callback`.
    pub fn new(client: DigitalIdentityClient, redirect_uri: impl Into<String>) -> Self {
        WebApp {
            inner: Arc::new(Inner {
                client,
                redirect_uri: redirect_uri.into(),
            }),
        }
    }

    /// Whether the client talks to Yoti's production API (and so the page loads Yoti's web share
    /// client), rather than to an emulator.
    pub fn uses_yoti_api(&self) -> bool {
        self.inner.client.base_url() == DEFAULT_BASE_URL
    }

    /// The routes: `GET /` and `GET /callback`.
    pub fn router(&self) -> Router {
        Router::new()
            .route("/", get(start_share))
            .route("/callback", get(callback))
            .with_state(self.clone())
    }
}

/// The web application serving on 127.0.0.1 in the background; it stops when dropped.
#[derive(Debug)]
pub struct RunningApp {
    address: SocketAddr,
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
}

impl Drop for RunningApp {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Serves the web application for `connection` on `127.0.0.1:port` (`0` for any free port) in
/// the background.
///
/// The redirect URI is this server's `/callback` when `connection` has an embedded emulator;
/// otherwise `YOTI_REDIRECT_URI`, or `/callback` on the domain set in Yoti Hub.
///
/// # Errors
///
/// The I/O error when the port cannot be bound.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use yoti_examples::backend::Connection;
///
/// let connection = Connection::start_emulator().await?;
/// let app = yoti_examples::web::start(&connection, 0).await?;
/// assert!(app.url().starts_with("http://127.0.0.1:"));
/// # Ok(())
/// # }
/// ```
pub async fn start(connection: &Connection, port: u16) -> std::io::Result<RunningApp> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, port)).await?;
    let address = listener.local_addr()?;
    let redirect_uri = match connection.emulator() {
        // The emulator's Share button sends the browser straight here.
        Some(_) => format!("http://{address}/callback"),
        None => std::env::var("YOTI_REDIRECT_URI").unwrap_or_else(|_| "/callback".into()),
    };
    let router = WebApp::new(connection.client.clone(), redirect_uri).router();
    let task = tokio::spawn(async move {
        if let Err(error) = axum::serve(listener, router).await {
            eprintln!("the web application stopped: {error}");
        }
    });
    Ok(RunningApp { address, task })
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
}

/// `GET /`: a new share session and QR code on every load.
async fn start_share(State(app): State<WebApp>) -> Response {
    match share_page(&app).await {
        Ok(html) => page(StatusCode::OK, html),
        Err(error) => {
            eprintln!("GET /: {error}");
            page(
                StatusCode::BAD_GATEWAY,
                pages::error(
                    "The share could not be started",
                    &format!("Creating the share session failed: {error}"),
                ),
            )
        }
    }
}

async fn share_page(app: &WebApp) -> Result<String, StartShareError> {
    let client = &app.inner.client;
    // The policy is `VerifiedVisitor::POLICY_JSON`, written at compile time.
    let config = ShareSessionConfiguration::new::<VerifiedVisitor>(app.inner.redirect_uri.clone())?;
    let session = client.create_share_session(&config).await?;
    let qr_code = client.create_share_qr_code(&session.id).await?;
    let uri = qr_code.uri.ok_or(StartShareError::NoQrUri)?;
    let svg = qr::svg(&uri)?;
    let web_share = app.uses_yoti_api().then(|| pages::WebShare {
        sdk_id: client.sdk_id(),
        session_id: &session.id,
        redirect_uri: &app.inner.redirect_uri,
    });
    Ok(pages::share(&pages::Share {
        qr_svg: &svg,
        qr_uri: &uri,
        session_id: &session.id,
        web_share,
    }))
}

/// `GET /callback?receiptId=...`: the receipt, decrypted into [`VerifiedVisitor`].
async fn callback(
    State(app): State<WebApp>,
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
    match app
        .inner
        .client
        .get_share_receipt::<VerifiedVisitor>(receipt_id)
        .await
    {
        Ok(receipt) => verified_page(pages::verified(&receipt)),
        Err(ClientError::Receipt(ReceiptError::Failure(failure))) => {
            verified_page(pages::failure(&failure))
        }
        Err(error) => {
            let (status, title, message) = describe(&error);
            if status.is_server_error() {
                eprintln!("GET /callback: {error}");
            }
            page(status, pages::error(title, &message))
        }
    }
}

/// The status, title and message of the page for a receipt that could not be read.
fn describe(error: &ClientError) -> (StatusCode, &'static str, String) {
    match error {
        ClientError::InvalidReceiptId | ClientError::InvalidId(_) => (
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

/// A page showing personal data: nothing loads from elsewhere, and the address (with the
/// receipt id) is not sent as a referrer.
fn verified_page(html: String) -> Response {
    let mut response = page(StatusCode::OK, html);
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; img-src data:; style-src 'unsafe-inline'"),
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
            describe(&ClientError::InvalidReceiptId).0,
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
