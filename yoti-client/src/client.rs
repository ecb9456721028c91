//! The client: one method per endpoint of the share API, every request signed.

use std::sync::Arc;
use std::time::{Duration, Instant};

use serde::de::DeserializeOwned;
use tracing::Instrument;
use yoti_policy::ShareSessionConfiguration;
use yoti_policy::receipt::{FromUserProfile, PrivateKey, Receipt, ReceiptResponse, WrappedItemKey};

use crate::config::{ClientBuilder, validate_base_url};
use crate::error::{ApiError, ClientError, ConfigError};
use crate::model::{ShareQrCode, ShareQrCodeDetails, ShareSession, ShareSessionDetails};
use crate::receipt_id::ReceiptId;
use crate::retry::RetryPolicy;
use crate::signing::{new_nonce, now_ms, sign_request};

/// A client of the Digital ID share API for one application.
///
/// Cheap to clone and safe to share between tasks: clones share one connection pool and key.
///
/// ```no_run
/// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
/// use yoti_client::DigitalIdentityClient;
/// use yoti_policy::{SharePolicy, ShareSessionConfiguration};
///
/// #[derive(SharePolicy)]
/// struct Wanted {
///     #[yoti(full_name)]
///     name: String,
/// }
///
/// let client = DigitalIdentityClient::from_env()?;
/// let session = client
///     .create_share_session(&ShareSessionConfiguration::new::<Wanted>("https://example.com/callback")?)
///     .await?;
/// let qr_code = client.create_share_qr_code(&session.id).await?;
/// println!("show this as a QR code: {:?}", qr_code.uri);
///
/// // Later, on the redirect `https://example.com/callback?receiptId=...`:
/// # let receipt_id = "";
/// let receipt = client.get_share_receipt::<Wanted>(receipt_id).await?;
/// println!("verified name: {}", receipt.user().name);
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct DigitalIdentityClient {
    inner: Arc<Inner>,
}

struct Inner {
    sdk_id: String,
    key: PrivateKey,
    base_url: String,
    timeout: Duration,
    retry: RetryPolicy,
    http: reqwest::Client,
}

impl std::fmt::Debug for DigitalIdentityClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DigitalIdentityClient")
            .field("sdk_id", &self.inner.sdk_id)
            .field("base_url", &self.inner.base_url)
            .field("timeout", &self.inner.timeout)
            .finish_non_exhaustive()
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Method {
    Get,
    Post,
}

impl Method {
    fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }
}

/// What the client's SDK headers say about it.
const SDK_NAME: &str = "Rust";
const SDK_VERSION: &str = concat!("Rust-", env!("CARGO_PKG_VERSION"));

impl DigitalIdentityClient {
    /// A client for the production API with the default timeout and retries.
    ///
    /// # Errors
    ///
    /// [`ConfigError`] for an empty SDK id.
    pub fn new(sdk_id: impl Into<String>, key: PrivateKey) -> Result<Self, ConfigError> {
        ClientBuilder::new(sdk_id, key).build()
    }

    /// A builder to set the base URL, timeout and retries.
    pub fn builder(sdk_id: impl Into<String>, key: PrivateKey) -> ClientBuilder {
        ClientBuilder::new(sdk_id, key)
    }

    /// A client configured from `YOTI_CLIENT_SDK_ID`, `YOTI_KEY_FILE_PATH` and (optional)
    /// `YOTI_DIGITAL_IDENTITY_API_URL`.
    ///
    /// # Errors
    ///
    /// [`ConfigError`] naming the variable that is missing or wrong.
    pub fn from_env() -> Result<Self, ConfigError> {
        ClientBuilder::from_env()?.build()
    }

    pub(crate) fn from_builder(builder: ClientBuilder) -> Result<Self, ConfigError> {
        let sdk_id = builder.sdk_id.trim().to_owned();
        if sdk_id.is_empty() {
            return Err(ConfigError::EmptySdkId);
        }
        let base_url = validate_base_url(&builder.base_url)?;
        let http = reqwest::Client::builder()
            .timeout(builder.timeout)
            .build()
            .map_err(ConfigError::Http)?;
        Ok(DigitalIdentityClient {
            inner: Arc::new(Inner {
                sdk_id,
                key: builder.key,
                base_url,
                timeout: builder.timeout,
                retry: builder.retry,
                http,
            }),
        })
    }

    /// The base URL requests go to, without a trailing `/`.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// The application's Client SDK ID.
    pub fn sdk_id(&self) -> &str {
        &self.inner.sdk_id
    }

    /// The application key, for decrypting receipts fetched some other way.
    pub fn key(&self) -> &PrivateKey {
        &self.inner.key
    }

    /// Creates a share session (`POST /v2/sessions`). Never retried.
    ///
    /// # Errors
    ///
    /// [`ClientError::BadRequest`] when Yoti rejects the configuration (e.g. an unknown
    /// attribute), [`ClientError::Forbidden`] when the application may not share, and the
    /// transport and response errors of every call.
    pub async fn create_share_session(
        &self,
        config: &ShareSessionConfiguration,
    ) -> Result<ShareSession, ClientError> {
        let body = serde_json::to_vec(config).map_err(|e| ClientError::InvalidResponse {
            endpoint: "create share session",
            reason: format!("the configuration could not be serialised: {e}"),
        })?;
        self.call(
            "create share session",
            Method::Post,
            "/v2/sessions".into(),
            Some(body),
        )
        .await
    }

    /// Reads a share session (`GET /v2/sessions/{id}`).
    ///
    /// # Errors
    ///
    /// [`ClientError::NotFound`] for an unknown session, and the errors of every call.
    pub async fn get_share_session(
        &self,
        session_id: &str,
    ) -> Result<ShareSessionDetails, ClientError> {
        let path = format!("/v2/sessions/{}", path_segment(session_id)?);
        self.call("get share session", Method::Get, path, None)
            .await
    }

    /// Creates a QR code for a share session (`POST /v2/sessions/{id}/qr-codes`). Never retried.
    ///
    /// # Errors
    ///
    /// [`ClientError::NotFound`] for an unknown session, and the errors of every call.
    pub async fn create_share_qr_code(&self, session_id: &str) -> Result<ShareQrCode, ClientError> {
        let path = format!("/v2/sessions/{}/qr-codes", path_segment(session_id)?);
        self.call("create QR code", Method::Post, path, Some(b"{}".to_vec()))
            .await
    }

    /// Reads a QR code (`GET /v2/qr-codes/{id}`).
    ///
    /// # Errors
    ///
    /// [`ClientError::NotFound`] for an unknown QR code, and the errors of every call.
    pub async fn get_share_qr_code(
        &self,
        qr_code_id: &str,
    ) -> Result<ShareQrCodeDetails, ClientError> {
        let path = format!("/v2/qr-codes/{}", path_segment(qr_code_id)?);
        self.call("get QR code", Method::Get, path, None).await
    }

    /// Fetches a receipt and its wrapped item key, decrypts it and decodes the user's profile into
    /// `T`: a `#[derive(SharePolicy)]` struct, or [`Profile`](yoti_policy::Profile) for every
    /// attribute untyped.
    ///
    /// `receipt_id` is accepted as it arrives on the redirect (`?receiptId=...`): URL-encoded or
    /// not, standard or URL-safe base64. The wrapped item key is not requested for a failure
    /// receipt.
    ///
    /// # Errors
    ///
    /// [`ClientError::InvalidReceiptId`], [`ClientError::NotFound`] for an unknown receipt,
    /// [`ClientError::Receipt`] when the share failed (see
    /// [`ReceiptError::as_failure`](yoti_policy::receipt::ReceiptError::as_failure)), when the
    /// receipt cannot be decrypted, or when the profile does not fill `T`; and the errors of
    /// every call.
    pub async fn get_share_receipt<T: FromUserProfile>(
        &self,
        receipt_id: &str,
    ) -> Result<Receipt<T>, ClientError> {
        let id = ReceiptId::parse(receipt_id)?;
        let path = format!("/v2/receipts/{}", id.to_path_segment());
        let body = self.send("get receipt", Method::Get, &path, None).await?;
        let receipt = ReceiptResponse::from_json(&body)?.into_success()?;
        let path = format!(
            "/v2/wrapped-item-keys/{}",
            path_segment(receipt.wrapped_item_key_id())?
        );
        let body = self
            .send("get wrapped item key", Method::Get, &path, None)
            .await?;
        let item_key = WrappedItemKey::from_json(&body)?;
        let content = receipt.decrypt_with(&item_key, &self.inner.key)?;
        Ok(Receipt::from_content(receipt.metadata().clone(), content)?)
    }

    /// Sends one signed request and parses its JSON answer.
    async fn call<T: DeserializeOwned>(
        &self,
        endpoint: &'static str,
        method: Method,
        path: String,
        body: Option<Vec<u8>>,
    ) -> Result<T, ClientError> {
        let bytes = self.send(endpoint, method, &path, body).await?;
        serde_json::from_slice(&bytes).map_err(|e| ClientError::InvalidResponse {
            endpoint,
            reason: e.to_string(),
        })
    }

    /// Sends one signed request, retrying GETs on connection errors and 5xx answers, and returns
    /// the body of the 2xx answer.
    async fn send(
        &self,
        endpoint: &'static str,
        method: Method,
        path: &str,
        body: Option<Vec<u8>>,
    ) -> Result<Vec<u8>, ClientError> {
        let span = tracing::info_span!(
            "yoti.request",
            endpoint,
            method = method.as_str(),
            status = tracing::field::Empty,
            attempts = tracing::field::Empty,
            duration_ms = tracing::field::Empty,
        );
        async {
            let started = Instant::now();
            let retries = if method == Method::Get {
                self.inner.retry.max_retries
            } else {
                0
            };
            let mut attempt = 0;
            let result = loop {
                let outcome = self.attempt(method, path, body.clone()).await;
                let retryable = matches!(
                    outcome,
                    Err(ClientError::Transport { .. } | ClientError::Server(_))
                );
                if !retryable || attempt >= retries {
                    break outcome;
                }
                // Fresh randomness for the jitter; a new nonce and signature follow anyway.
                let random = uuid::Uuid::new_v4().as_u64_pair().0;
                tokio::time::sleep(self.inner.retry.delay(attempt, random)).await;
                attempt += 1;
            };
            let span = tracing::Span::current();
            span.record("attempts", attempt + 1);
            span.record("duration_ms", started.elapsed().as_millis());
            match &result {
                Ok(_) => tracing::debug!("answered"),
                Err(error) => tracing::debug!(%error, "failed"),
            }
            result
        }
        .instrument(span)
        .await
    }

    async fn attempt(
        &self,
        method: Method,
        path: &str,
        body: Option<Vec<u8>>,
    ) -> Result<Vec<u8>, ClientError> {
        let inner = &self.inner;
        let signed = sign_request(
            &inner.key,
            method.as_str(),
            path,
            &new_nonce(),
            now_ms(),
            body,
        )?;
        let url_text = format!("{}{}", inner.base_url, signed.path_and_query);
        let url =
            reqwest::Url::parse(&url_text).map_err(|_| ClientError::InvalidId(path.to_owned()))?;
        // Sign exactly what is sent: refuse any path the URL parser would re-encode.
        if url.as_str() != url_text {
            return Err(ClientError::InvalidId(path.to_owned()));
        }
        let url_for_errors = format!("{}{}", inner.base_url, path);
        let mut request = match method {
            Method::Get => inner.http.get(url),
            Method::Post => inner.http.post(url),
        }
        .header("X-Yoti-Auth-Id", &inner.sdk_id)
        .header("X-Yoti-Auth-Digest", &signed.digest)
        .header("X-Yoti-SDK", SDK_NAME)
        .header("X-Yoti-SDK-Version", SDK_VERSION)
        .header("Accept", "application/json");
        if let Some(body) = signed.body {
            request = request
                .header("Content-Type", "application/json")
                .body(body);
        }
        let response = request
            .send()
            .await
            .map_err(|source| transport_error(source, &url_for_errors, inner.timeout))?;
        let status = response.status().as_u16();
        tracing::Span::current().record("status", status);
        let bytes = response
            .bytes()
            .await
            .map_err(|source| transport_error(source, &url_for_errors, inner.timeout))?;
        if (200..300).contains(&status) {
            Ok(bytes.to_vec())
        } else {
            Err(ApiError::from_response(status, &bytes).into_error())
        }
    }
}

fn transport_error(source: reqwest::Error, url: &str, timeout: Duration) -> ClientError {
    if source.is_timeout() {
        ClientError::Timeout(timeout)
    } else {
        ClientError::Transport {
            url: url.to_owned(),
            source,
        }
    }
}

/// An id placed in a path unchanged (docs/protocol.md, "Ids in paths"), refused if it would need
/// encoding.
fn path_segment(id: &str) -> Result<&str, ClientError> {
    let safe = !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~=+".contains(&b));
    if safe {
        Ok(id)
    } else {
        Err(ClientError::InvalidId(id.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_go_into_paths_verbatim_or_not_at_all() {
        assert_eq!(
            path_segment("ss.v2.ChZQOUhTWlFCZFNaVzQ5VnFkYVJXVlFnEgkzLmxkNS5nYnI=").unwrap(),
            "ss.v2.ChZQOUhTWlFCZFNaVzQ5VnFkYVJXVlFnEgkzLmxkNS5nYnI="
        );
        for bad in ["", "a/b", "a?b", "a#b", "a b", "../x", "é"] {
            assert!(
                matches!(path_segment(bad), Err(ClientError::InvalidId(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn the_client_is_cheap_to_share_between_tasks() {
        fn shareable<T: Clone + Send + Sync + 'static>() {}
        shareable::<DigitalIdentityClient>();
        // A clone shares the connection pool and key rather than copying them.
        assert_eq!(
            std::mem::size_of::<DigitalIdentityClient>(),
            std::mem::size_of::<usize>()
        );
    }

    #[test]
    fn debug_shows_no_key() {
        let pem = yoti_test_support::vector("keys/node-2048.pem");
        let client = DigitalIdentityClient::new("sdk", PrivateKey::from_pem(pem).unwrap()).unwrap();
        let debug = format!("{client:?}");
        assert!(debug.contains("sdk"));
        assert!(!debug.contains("PRIVATE"));
        assert!(DigitalIdentityClient::new(" ", client.key().clone()).is_err());
    }
}
