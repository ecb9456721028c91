//! The client: one method per endpoint of the share API, every request signed.

use std::future::Future;
use std::sync::Arc;

use serde::de::DeserializeOwned;
use yoti_policy::ShareSessionConfiguration;
use yoti_protocol::api::{QrCodeId, ReceiptId, SessionId, ShareQrCodeRequest};
use yoti_protocol::receipt::{FromUserProfile, PrivateKey, ReceiptResponse, WrappedItemKey};

use crate::config::{ClientBuilder, validate_base_url};
use crate::error::{ClientError, ConfigError};
use crate::model::{ShareQrCode, ShareQrCodeDetails, ShareSession, ShareSessionDetails};
use crate::outcome::ShareOutcome;
use crate::transport::{Request, Transport};

/// A client of the Digital ID share API for one application.
///
/// Cheap to clone and safe to share between tasks: clones share one connection pool, key and
/// bound on requests in flight.
///
/// ```no_run
/// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
/// use yoti_client::{
///     DigitalIdentityClient, ReceiptId, ShareOutcome, SharePolicy, ShareSessionConfiguration,
/// };
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
/// # let receipt_from_query = "";
/// let receipt_id = ReceiptId::parse(receipt_from_query)?;
/// match client.get_share_receipt::<Wanted>(&receipt_id).await? {
///     ShareOutcome::Shared(receipt) => println!("verified name: {}", receipt.user().name),
///     ShareOutcome::NotShared(failure) => println!("not shared: {}", failure.error),
/// }
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct DigitalIdentityClient {
    inner: Arc<Transport>,
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

impl DigitalIdentityClient {
    /// A client for the production API with the default timeout, retries and limits.
    ///
    /// # Errors
    ///
    /// [`ConfigError`] for an empty SDK id.
    pub fn new(sdk_id: impl Into<String>, key: PrivateKey) -> Result<Self, ConfigError> {
        ClientBuilder::new(sdk_id, key).build()
    }

    /// A builder to set the base URL, timeout, retries and limits.
    pub fn builder(sdk_id: impl Into<String>, key: PrivateKey) -> ClientBuilder {
        ClientBuilder::new(sdk_id, key)
    }

    /// A client configured from `YOTI_CLIENT_SDK_ID`, `YOTI_KEY_FILE_PATH` and (optional)
    /// `YOTI_DIGITAL_IDENTITY_API_URL`, `YOTI_AUTH_SCOPES` and `YOTI_AUTH_URL` (see
    /// [`ClientBuilder::from_env`]).
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
        builder.check_limits()?;
        Ok(DigitalIdentityClient {
            inner: Arc::new(Transport::new(sdk_id, base_url, builder)?),
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
        const ENDPOINT: &str = "create share session";
        let body = serde_json::to_vec(config).map_err(|e| ClientError::InvalidResponse {
            endpoint: ENDPOINT,
            reason: format!("the configuration could not be serialised: {e}"),
        })?;
        self.call(Request::post(ENDPOINT, "/v2/sessions".into(), body))
            .await
    }

    /// Reads a share session (`GET /v2/sessions/{id}`).
    ///
    /// # Errors
    ///
    /// [`ClientError::NotFound`] for an unknown session, and the errors of every call.
    pub async fn get_share_session(
        &self,
        session_id: &SessionId,
    ) -> Result<ShareSessionDetails, ClientError> {
        let path = format!("/v2/sessions/{session_id}");
        self.call(Request::get("get share session", path)).await
    }

    /// Creates a QR code for a share session (`POST /v2/sessions/{id}/qr-codes`). Never retried.
    ///
    /// # Errors
    ///
    /// [`ClientError::NotFound`] for an unknown session, and the errors of every call.
    pub async fn create_share_qr_code(
        &self,
        session_id: &SessionId,
    ) -> Result<ShareQrCode, ClientError> {
        let path = format!("/v2/sessions/{session_id}/qr-codes");
        const ENDPOINT: &str = "create QR code";
        let body = serde_json::to_vec(&ShareQrCodeRequest::default()).map_err(|e| {
            ClientError::InvalidResponse {
                endpoint: ENDPOINT,
                reason: format!("the request could not be serialised: {e}"),
            }
        })?;
        self.call(Request::post(ENDPOINT, path, body)).await
    }

    /// Reads a QR code (`GET /v2/qr-codes/{id}`).
    ///
    /// # Errors
    ///
    /// [`ClientError::NotFound`] for an unknown QR code, and the errors of every call.
    pub async fn get_share_qr_code(
        &self,
        qr_code_id: &QrCodeId,
    ) -> Result<ShareQrCodeDetails, ClientError> {
        let path = format!("/v2/qr-codes/{qr_code_id}");
        self.call(Request::get("get QR code", path)).await
    }

    /// Fetches a receipt and its wrapped item key, decrypts it and decodes the user's profile into
    /// `T`: a `#[derive(SharePolicy)]` struct, or [`Profile`](yoti_policy::Profile) for every
    /// attribute untyped.
    ///
    /// `receipt_id` is parsed from the redirect (`?receiptId=...`) with [`ReceiptId::parse`],
    /// which takes it as it arrives. The receipt must carry that id; the wrapped item key is
    /// not requested for a failure receipt. The timeout bounds both requests and the decryption
    /// together.
    ///
    /// A share that did not complete (the person declined, or did not meet the policy) is no
    /// error: it is [`ShareOutcome::NotShared`], with Yoti's failure receipt.
    ///
    /// # Errors
    ///
    /// [`ClientError::NotFound`] for an unknown receipt,
    /// [`ClientError::ReceiptIdMismatch`] when the API answers with another receipt,
    /// [`ClientError::Receipt`] when the receipt cannot be read or decrypted, or when the profile
    /// does not fill `T`; and the errors of every call.
    ///
    /// Anyone holding a receipt id can call this: ids end up in browser history, logs and
    /// screenshots. To show a receipt only to the browser that started its share, use
    /// [`get_share_receipt_for_session`](Self::get_share_receipt_for_session) with the session
    /// id remembered for that browser.
    pub async fn get_share_receipt<T: FromUserProfile>(
        &self,
        receipt_id: &ReceiptId,
    ) -> Result<ShareOutcome<T>, ClientError> {
        self.share_receipt(receipt_id, None).await
    }

    /// [`get_share_receipt`](Self::get_share_receipt), refusing a receipt of another share
    /// session than `expected_session` when one is given.
    pub(crate) async fn share_receipt<T: FromUserProfile>(
        &self,
        id: &ReceiptId,
        expected_session: Option<&SessionId>,
    ) -> Result<ShareOutcome<T>, ClientError> {
        const ENDPOINT: &str = "get receipt";
        self.within_timeout(ENDPOINT, async {
            let path = format!("/v2/receipts/{}", id.to_path_segment());
            let request = Request::get(ENDPOINT, path).private("/v2/receipts/{receipt_id}");
            let body = self.inner.send(&request).await?;
            let response = ReceiptResponse::from_json(&body)?;
            // Before any other request or any crypto: an answer for another receipt is not
            // this person's share, whatever it holds.
            if !id.is_returned_as(returned_id(&response)) {
                return Err(ClientError::ReceiptIdMismatch);
            }
            crate::session_check::check_session(&response, expected_session)?;
            let receipt = match response {
                ReceiptResponse::Success(receipt) => receipt,
                ReceiptResponse::Failure(failure) => return Ok(ShareOutcome::NotShared(failure)),
            };
            let item_key_id = Some(receipt.wrapped_item_key_id())
                .filter(|id| yoti_protocol::api::is_path_safe(id))
                .ok_or_else(|| ClientError::InvalidResponse {
                    endpoint: ENDPOINT,
                    reason: "its wrappedItemKeyId cannot be placed in a request path".to_owned(),
                })?;
            let request = Request::get(
                "get wrapped item key",
                format!("/v2/wrapped-item-keys/{item_key_id}"),
            )
            .private("/v2/wrapped-item-keys/{item_key_id}");
            let body = self.inner.send(&request).await?;
            let item_key = WrappedItemKey::from_json(&body)?;
            // In place: the content blobs are decrypted where they are and the metadata moves.
            Ok(ShareOutcome::Shared(
                receipt.decrypt(&item_key, &self.inner.key)?,
            ))
        })
        .await
    }

    /// Sends one signed request and parses its JSON answer, within the timeout.
    async fn call<T: DeserializeOwned>(&self, request: Request) -> Result<T, ClientError> {
        let endpoint = request.endpoint();
        self.within_timeout(endpoint, async {
            let bytes = self.inner.send(&request).await?;
            serde_json::from_slice(&bytes).map_err(|error| ClientError::InvalidResponse {
                endpoint,
                reason: json_error_reason(&error),
            })
        })
        .await
    }

    /// Runs one call of a method, waiting for a permit, connecting, retrying, reading and
    /// parsing included, for at most the configured timeout.
    async fn within_timeout<T>(
        &self,
        endpoint: &'static str,
        call: impl Future<Output = Result<T, ClientError>>,
    ) -> Result<T, ClientError> {
        let timeout = self.inner.timeout;
        match tokio::time::timeout(timeout, call).await {
            Ok(result) => result,
            Err(_) => {
                tracing::debug!(endpoint, ?timeout, "timed out");
                Err(ClientError::Timeout(timeout))
            }
        }
    }
}

/// The `id` a receipt answer carries, success or failure.
fn returned_id(response: &ReceiptResponse) -> &str {
    match response {
        ReceiptResponse::Success(receipt) => &receipt.metadata().id,
        ReceiptResponse::Failure(failure) => failure.id(),
    }
}

/// Why a body did not parse, naming at most a field: serde_json's own text can quote a value of
/// the body, e.g. `invalid type: string "...", expected u64`.
fn json_error_reason(error: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let (line, column) = (error.line(), error.column());
    match error.classify() {
        Category::Eof => format!("the JSON ends early (line {line}, column {column})"),
        Category::Syntax | Category::Io => {
            format!("the body is not JSON (line {line}, column {column})")
        }
        Category::Data => {
            let text = error.to_string();
            // These name a field of the documented body, never a value.
            if ["missing field `", "duplicate field `", "unknown field `"]
                .iter()
                .any(|prefix| text.starts_with(prefix))
            {
                text
            } else {
                format!(
                    "a field has the wrong type or an unexpected value (line {line}, column {column})"
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_errors_name_fields_but_never_quote_values() {
        #[derive(Debug, serde::Deserialize)]
        struct Body {
            #[allow(dead_code)]
            n: u64,
        }
        let reason = |body: &[u8]| {
            let error = serde_json::from_slice::<Body>(body).unwrap_err();
            (error.to_string(), json_error_reason(&error))
        };
        let (serde_text, ours) = reason(br#"{"n":"Jane Doe"}"#);
        assert!(serde_text.contains("Jane Doe"), "{serde_text}");
        assert!(!ours.contains("Jane"), "{ours}");
        assert!(ours.contains("wrong type"), "{ours}");
        assert!(reason(b"{}").1.starts_with("missing field `n`"));
        let (_, ours) = reason(b"<html>Jane Doe</html>");
        assert!(
            ours.contains("not JSON") && !ours.contains("Jane"),
            "{ours}"
        );
        assert!(reason(br#"{"n":"#).1.contains("ends early"));
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
