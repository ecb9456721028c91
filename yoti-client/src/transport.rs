//! Sending one signed (or bearer-authenticated) request to the configured origin and nowhere
//! else: retries, the bound on concurrent requests, the bounded body read, and errors that name
//! the endpoint without leaking the request's nonce, token or a receipt's id.

use std::time::{Duration, Instant};

use tokio::sync::Semaphore;
use tracing::Instrument;
use yoti_protocol::receipt::PrivateKey;

use crate::auth::{AccessToken, Auth, Authentication, AuthenticationTokenGenerator, TokenSource};
use crate::body::{BodyError, read_limited};
use crate::config::{ClientBuilder, validate_auth_url};
use crate::error::{ApiError, ClientError, ConfigError};
use crate::http::{http_client, redirect_target, root_cause};
use crate::request_id::request_id;
use crate::retry::RetryPolicy;
use crate::signing::{new_nonce, now_ms, sign_request};

/// What the client's SDK headers say about it.
const SDK_NAME: &str = "Rust";
const SDK_VERSION: &str = concat!("Rust-", env!("CARGO_PKG_VERSION"));

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Method {
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

/// One request of an endpoint, before signing.
pub(crate) struct Request {
    /// The endpoint's name in errors and traces, e.g. `get receipt`.
    endpoint: &'static str,
    method: Method,
    /// The path as sent, e.g. `/v2/sessions/ss.v2.abc`.
    path: String,
    /// The route errors show instead of `path` when the path holds an id that must stay out of
    /// logs, e.g. `/v2/receipts/{receipt_id}`.
    private_route: Option<&'static str>,
    body: Option<Vec<u8>>,
}

impl Request {
    pub(crate) fn get(endpoint: &'static str, path: String) -> Self {
        Request {
            endpoint,
            method: Method::Get,
            path,
            private_route: None,
            body: None,
        }
    }

    pub(crate) fn post(endpoint: &'static str, path: String, body: Vec<u8>) -> Self {
        Request {
            body: Some(body),
            method: Method::Post,
            ..Request::get(endpoint, path)
        }
    }

    /// Shows `route` instead of the path in errors.
    pub(crate) fn private(mut self, route: &'static str) -> Self {
        self.private_route = Some(route);
        self
    }

    pub(crate) fn endpoint(&self) -> &'static str {
        self.endpoint
    }

    fn shown_path(&self) -> &str {
        self.private_route.unwrap_or(&self.path)
    }
}

/// The connection to the API shared by every clone of a client.
pub(crate) struct Transport {
    pub(crate) sdk_id: String,
    pub(crate) key: PrivateKey,
    pub(crate) base_url: String,
    pub(crate) timeout: Duration,
    retry: RetryPolicy,
    max_response_size: usize,
    max_error_response_size: usize,
    /// One permit per request in flight; waiting for one counts against the call's timeout.
    permits: Semaphore,
    http: reqwest::Client,
    auth: Auth,
}

impl Transport {
    pub(crate) fn new(
        sdk_id: String,
        base_url: String,
        builder: ClientBuilder,
    ) -> Result<Self, ConfigError> {
        let http = http_client(builder.http_setup.as_ref())?;
        let auth = match builder.authentication {
            Authentication::SignedRequests => Auth::Signed,
            Authentication::BearerToken(token) if token.is_blank() => {
                return Err(ConfigError::EmptyBearerToken);
            }
            Authentication::BearerToken(token) => Auth::Fixed(token),
            Authentication::CentralAuth(scopes) => {
                let scopes: Vec<String> = scopes
                    .iter()
                    .map(|scope| scope.trim().to_owned())
                    .filter(|scope| !scope.is_empty())
                    .collect();
                if scopes.is_empty() {
                    return Err(ConfigError::NoScopes);
                }
                let generator = AuthenticationTokenGenerator::with_http(
                    sdk_id.clone(),
                    builder.key.clone(),
                    validate_auth_url(&builder.auth_url)?,
                    http.clone(),
                    builder.timeout,
                );
                Auth::Source(Box::new(TokenSource::new(generator, scopes)))
            }
        };
        Ok(Transport {
            sdk_id,
            key: builder.key,
            base_url,
            timeout: builder.timeout,
            retry: builder.retry,
            max_response_size: builder.max_response_size,
            max_error_response_size: builder.max_error_response_size,
            permits: Semaphore::new(builder.max_concurrent_requests.min(Semaphore::MAX_PERMITS)),
            http,
            auth,
        })
    }

    /// Sends one signed request, retrying GETs on connection errors and 5xx answers, and returns
    /// the body of the 2xx answer. The caller bounds the whole of it with the timeout.
    pub(crate) async fn send(&self, request: &Request) -> Result<Vec<u8>, ClientError> {
        let span = tracing::info_span!(
            "yoti.request",
            endpoint = request.endpoint,
            method = request.method.as_str(),
            status = tracing::field::Empty,
            attempts = tracing::field::Empty,
            duration_ms = tracing::field::Empty,
        );
        async {
            let started = Instant::now();
            let retries = if request.method == Method::Get {
                self.retry.max_retries
            } else {
                0
            };
            let mut attempt = 0;
            let mut token = self.auth.token().await?;
            let mut renewed = false;
            let result = loop {
                let outcome = self.attempt(request, token.as_ref()).await;
                // A refused token is renewed once and the request sent once more, if it is a
                // GET: a POST may have been acted on before the token was checked.
                if let (Err(ClientError::Unauthorized(_)), Some(rejected)) = (&outcome, &token)
                    && request.method == Method::Get
                    && !renewed
                    && let Some(fresh) = self.auth.renew(rejected).await
                {
                    tracing::debug!("bearer token refused; renewed");
                    token = Some(fresh?);
                    renewed = true;
                    continue;
                }
                // Only what may go better next time: not a redirect, a body over the limit or
                // an answer that does not parse.
                let retryable = matches!(
                    outcome,
                    Err(ClientError::Transport { .. } | ClientError::Server(_))
                );
                if !retryable || attempt >= retries {
                    break outcome;
                }
                let random = fastrand::u64(..);
                tokio::time::sleep(self.retry.delay(attempt, random)).await;
                attempt += 1;
                // The cached token, renewed if it has expired during the backoff.
                token = self.auth.token().await?;
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

    /// Sends the request once: signed, or with `token` as a bearer token.
    async fn attempt(
        &self,
        request: &Request,
        token: Option<&AccessToken>,
    ) -> Result<Vec<u8>, ClientError> {
        // The semaphore is never closed, so a permit always comes; it is held until the body
        // has been read.
        let _permit = self.permits.acquire().await.ok();
        let nonce = new_nonce();
        let mut signed = match token {
            None => Some(sign_request(
                &self.key,
                request.method.as_str(),
                &request.path,
                &nonce,
                now_ms(),
                request.body.clone(),
            )?),
            Some(_) => None,
        };
        let url_text = match &signed {
            Some(signed) => format!("{}{}", self.base_url, signed.path_and_query),
            None => format!("{}{}", self.base_url, request.path),
        };
        // The caller's ids are typed and path-safe; only an id read from an answer (a wrapped
        // item key's) could get here, and it was checked: refuse rather than sign another path.
        let invalid_path = || ClientError::InvalidResponse {
            endpoint: request.endpoint(),
            reason: format!(
                "an id it gave cannot be placed in the request path {} unchanged",
                request.shown_path()
            ),
        };
        let url = reqwest::Url::parse(&url_text).map_err(|_| invalid_path())?;
        // Sign exactly what is sent: refuse any path the URL parser would re-encode.
        if url.as_str() != url_text {
            return Err(invalid_path());
        }
        let mut http = match request.method {
            Method::Get => self.http.get(url),
            Method::Post => self.http.post(url),
        }
        .header("X-Yoti-SDK", SDK_NAME)
        .header("X-Yoti-SDK-Version", SDK_VERSION)
        .header("Accept", "application/json");
        http = match (&signed, token) {
            (Some(signed), _) => http
                .header("X-Yoti-Auth-Id", &self.sdk_id)
                .header("X-Yoti-Auth-Digest", &signed.digest),
            (None, Some(token)) => {
                let mut value =
                    reqwest::header::HeaderValue::try_from(format!("Bearer {}", token.secret()))
                        .map_err(|_| {
                            ClientError::Authentication(crate::auth::TokenError::InvalidResponse {
                                reason: "the access_token cannot be sent in a header".to_owned(),
                                request_id: None,
                            })
                        })?;
                value.set_sensitive(true);
                http.header(reqwest::header::AUTHORIZATION, value)
            }
            (None, None) => http,
        };
        let body = match &mut signed {
            Some(signed) => signed.body.take(),
            None => request.body.clone(),
        };
        if let Some(body) = body {
            http = http.header("Content-Type", "application/json").body(body);
        }
        let response = http
            .send()
            .await
            .map_err(|source| self.transport_error(request, source))?;
        let status = response.status().as_u16();
        tracing::Span::current().record("status", status);
        let request_id = request_id(response.headers());
        if (300..400).contains(&status) {
            return Err(ClientError::Redirect {
                endpoint: request.endpoint,
                status,
                location: redirect_target(&response, request.private_route.is_some()),
                request_id,
            });
        }
        let success = (200..300).contains(&status);
        let limit = if success {
            self.max_response_size
        } else {
            self.max_error_response_size
        };
        let body = read_limited(response, limit)
            .await
            .map_err(|error| match error {
                BodyError::TooLarge => ClientError::ResponseTooLarge {
                    endpoint: request.endpoint,
                    status,
                    limit,
                    request_id: request_id.clone(),
                },
                BodyError::Read(source) => self.transport_error(request, source),
            })?;
        if success {
            Ok(body)
        } else {
            // What the request carried that an error answer must not quote back into a log.
            let mut sent = match (&signed, token) {
                (_, Some(token)) => vec![token.secret()],
                (Some(signed), None) => vec![signed.digest.as_str(), nonce.as_str()],
                (None, None) => Vec::new(),
            };
            if request.private_route.is_some() {
                sent.push(&request.path);
            }
            let error = ApiError::from_answer(status, &body, &sent).with_request_id(request_id);
            if status == 404 && error.code.is_none() && !self.base_url.ends_with("/share") {
                return Err(ClientError::NoRoute {
                    endpoint: request.endpoint,
                    base_url: self.base_url.clone(),
                    error: Box::new(error),
                });
            }
            Err(error.into_error())
        }
    }

    fn transport_error(&self, request: &Request, source: reqwest::Error) -> ClientError {
        if source.is_timeout() {
            return ClientError::Timeout(self.timeout);
        }
        ClientError::Transport {
            endpoint: request.endpoint,
            url: format!("{}{}", self.base_url, request.shown_path()),
            reason: root_cause(source),
        }
    }
}
