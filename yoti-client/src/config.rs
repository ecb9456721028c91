//! Client configuration: SDK id, application key, base URL, authentication, the application's
//! HTTP set-up, timeout, retries and the limits that protect the application from a broken or
//! hostile server, from code or from the environment.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use yoti_protocol::receipt::{KeyError, PrivateKey};

use crate::ConfigError;
use crate::auth::{AccessToken, Authentication, DEFAULT_AUTH_URL};
use crate::retry::RetryPolicy;

/// The share API of Yoti's production service.
pub const DEFAULT_BASE_URL: &str = "https://api.yoti.com/share";
/// How long one call of a client method may take, from waiting for a connection to the parsed
/// answer and across retries, before it fails with a timeout.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);
/// The largest body of a successful answer the client reads, in bytes: 16 MiB. A receipt carries
/// the shared attributes encrypted and base64-encoded, so a selfie and several high-resolution
/// document images come to a few MB; this leaves room for that and stops a server that sends
/// without end.
pub const DEFAULT_MAX_RESPONSE_SIZE: usize = 16 * 1024 * 1024;
/// The largest body of an error answer the client reads, in bytes: 64 KiB. Yoti's error bodies
/// are a few hundred bytes of JSON; a gateway's HTML error page fits too.
pub const DEFAULT_MAX_ERROR_RESPONSE_SIZE: usize = 64 * 1024;
/// How many requests one client (with all its clones) has in flight at once: 32.
///
/// Enough to keep a share API with some tens of milliseconds of latency busy from one
/// application server, while bounding the sockets the client opens and the response bodies it
/// holds (32 times the body limit at most) when traffic peaks. Calls beyond it wait in order for
/// a request to finish, and the wait counts against their timeout.
pub const DEFAULT_MAX_CONCURRENT_REQUESTS: usize = 32;

/// Environment variable holding the Client SDK ID.
pub const ENV_SDK_ID: &str = "YOTI_CLIENT_SDK_ID";
/// Environment variable holding the path of the application's PEM key.
pub const ENV_KEY_FILE_PATH: &str = "YOTI_KEY_FILE_PATH";
/// Environment variable overriding the base URL of the share API.
pub const ENV_API_URL: &str = "YOTI_DIGITAL_IDENTITY_API_URL";
/// The name the official Go and .NET SDKs read for the base URL: read when [`ENV_API_URL`] is not
/// set, so that one environment serves them all.
pub const ENV_API_URL_ALIAS: &str = "YOTI_API_URL";
/// Environment variable that turns on bearer tokens ([`ClientBuilder::central_auth`]): the
/// scopes to request, separated by spaces or commas.
pub const ENV_AUTH_SCOPES: &str = "YOTI_AUTH_SCOPES";
/// Environment variable overriding the token endpoint (as the official PHP and Go SDKs read it).
pub const ENV_AUTH_URL: &str = "YOTI_AUTH_URL";

/// The application's own settings of the HTTP client, applied before the client's guarantees.
#[derive(Clone)]
pub(crate) struct HttpSetup(
    pub(crate) Arc<dyn Fn(reqwest::ClientBuilder) -> reqwest::ClientBuilder + Send + Sync>,
);

impl std::fmt::Debug for HttpSetup {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("HttpSetup(..)")
    }
}

/// How a [`DigitalIdentityClient`](crate::DigitalIdentityClient) is set up.
#[derive(Debug, Clone)]
pub struct ClientBuilder {
    pub(crate) sdk_id: String,
    pub(crate) key: PrivateKey,
    pub(crate) base_url: String,
    pub(crate) timeout: Duration,
    pub(crate) retry: RetryPolicy,
    pub(crate) max_response_size: usize,
    pub(crate) max_error_response_size: usize,
    pub(crate) max_concurrent_requests: usize,
    pub(crate) authentication: Authentication,
    pub(crate) auth_url: String,
    pub(crate) http_setup: Option<HttpSetup>,
}

impl ClientBuilder {
    /// Starts from the SDK id and key, with the default base URL, timeout, retries and limits.
    pub fn new(sdk_id: impl Into<String>, key: PrivateKey) -> Self {
        ClientBuilder {
            sdk_id: sdk_id.into(),
            key,
            base_url: DEFAULT_BASE_URL.to_owned(),
            timeout: DEFAULT_TIMEOUT,
            retry: RetryPolicy::default(),
            max_response_size: DEFAULT_MAX_RESPONSE_SIZE,
            max_error_response_size: DEFAULT_MAX_ERROR_RESPONSE_SIZE,
            max_concurrent_requests: DEFAULT_MAX_CONCURRENT_REQUESTS,
            authentication: Authentication::SignedRequests,
            auth_url: DEFAULT_AUTH_URL.to_owned(),
            http_setup: None,
        }
    }

    /// Reads `YOTI_CLIENT_SDK_ID`, `YOTI_KEY_FILE_PATH` and (optional)
    /// `YOTI_DIGITAL_IDENTITY_API_URL`, or `YOTI_API_URL` (the Go and .NET SDKs' name) when that
    /// is not set. A URL variable that is set but empty is an error, never production: an empty
    /// variable in a test environment must not send signed requests to Yoti.
    ///
    /// Bearer tokens are used when `YOTI_AUTH_SCOPES` is set (the scopes, separated by spaces
    /// or commas), from the token endpoint `YOTI_AUTH_URL` when that is set; otherwise requests
    /// are signed. Either variable set but empty is an error: it is a mistake, not a choice.
    ///
    /// # Errors
    ///
    /// [`ConfigError`] naming the variable that is missing or wrong, or why the key is unusable.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// [`from_env`](Self::from_env) with another source of variables (for tests and for
    /// configuration systems that are not the process environment).
    ///
    /// # Errors
    ///
    /// As [`from_env`](Self::from_env).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let required = |name: &'static str| match lookup(name) {
            None => Err(ConfigError::MissingVariable(name)),
            Some(value) if value.trim().is_empty() => Err(ConfigError::EmptyRequiredVariable(name)),
            Some(value) => Ok(value),
        };
        let sdk_id = required(ENV_SDK_ID)?;
        let key_path = required(ENV_KEY_FILE_PATH)?;
        let key = load_key_file(Path::new(&key_path))?;
        let mut builder = ClientBuilder::new(sdk_id.trim(), key);
        let set = |name: &'static str| match lookup(name) {
            Some(value) if value.trim().is_empty() => Err(ConfigError::EmptyVariable(name)),
            other => Ok(other.map(|value| (name, value))),
        };
        let api_url = match set(ENV_API_URL)? {
            None => set(ENV_API_URL_ALIAS)?,
            named => named,
        };
        if let Some((name, url)) = api_url {
            builder.base_url = url.trim().to_owned();
            validate_base_url(&builder.base_url).map_err(|e| match e {
                ConfigError::InvalidBaseUrl { reason, .. } => {
                    ConfigError::InvalidVariable { name, reason }
                }
                other => other,
            })?;
        }
        if let Some((_, url)) = set(ENV_AUTH_URL)? {
            validate_auth_url(url.trim()).map_err(|e| match e {
                ConfigError::InvalidAuthUrl { reason, .. } => ConfigError::InvalidVariable {
                    name: ENV_AUTH_URL,
                    reason,
                },
                other => other,
            })?;
            builder.auth_url = url.trim().to_owned();
        }
        if let Some((_, scopes)) = set(ENV_AUTH_SCOPES)? {
            let scopes = scopes.split([' ', ',']).filter(|s| !s.is_empty());
            builder = builder.central_auth(scopes);
        }
        Ok(builder)
    }

    /// Sets the base URL of the share API (`https://api.yoti.com/share` by default; a trailing
    /// `/` is ignored). Point it at a local emulator for tests.
    #[must_use]
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = url.into();
        self
    }

    /// Sets the timeout of one call of a client method (10 s by default).
    ///
    /// It bounds the whole call: waiting for a free request slot (see
    /// [`max_concurrent_requests`](Self::max_concurrent_requests)), connecting, sending, reading
    /// and parsing the answer, and every retry with its backoff; for
    /// [`get_share_receipt`](crate::DigitalIdentityClient::get_share_receipt) both of its requests
    /// and the decryption. When it passes the call ends with
    /// [`ClientError::Timeout`](crate::ClientError::Timeout).
    #[must_use]
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Sets how GET requests are retried.
    #[must_use]
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Sets the largest body of a 2xx answer that is read, in bytes (16 MiB by default, see
    /// [`DEFAULT_MAX_RESPONSE_SIZE`]). A larger body, by its `Content-Length` or as it arrives,
    /// ends the call with [`ClientError::ResponseTooLarge`](crate::ClientError::ResponseTooLarge)
    /// and is not retried.
    #[must_use]
    pub fn max_response_size(mut self, bytes: usize) -> Self {
        self.max_response_size = bytes;
        self
    }

    /// Sets the largest body of a non-2xx answer that is read, in bytes (64 KiB by default, see
    /// [`DEFAULT_MAX_ERROR_RESPONSE_SIZE`]); larger is
    /// [`ClientError::ResponseTooLarge`](crate::ClientError::ResponseTooLarge), not retried.
    #[must_use]
    pub fn max_error_response_size(mut self, bytes: usize) -> Self {
        self.max_error_response_size = bytes;
        self
    }

    /// Sets how many requests the client and its clones have in flight at once (32 by default,
    /// see [`DEFAULT_MAX_CONCURRENT_REQUESTS`] for why). Further calls wait in order; the wait
    /// counts against their timeout.
    #[must_use]
    pub fn max_concurrent_requests(mut self, requests: usize) -> Self {
        self.max_concurrent_requests = requests;
        self
    }

    /// Sends `Authorization: Bearer <token>` with this token instead of signing requests.
    ///
    /// The client cannot renew a token it was given: once it expires, calls fail with
    /// [`ClientError::Unauthorized`](crate::ClientError::Unauthorized). Prefer
    /// [`central_auth`](Self::central_auth) unless another service hands out the tokens.
    #[must_use]
    pub fn bearer_token(mut self, token: AccessToken) -> Self {
        self.authentication = Authentication::BearerToken(token);
        self
    }

    /// Sends bearer tokens instead of signing requests, obtaining them from the token endpoint
    /// (see [`auth_url`](Self::auth_url)) for these scopes with a client assertion signed by the
    /// application key (docs/protocol.md, "Bearer tokens").
    ///
    /// The token is cached and renewed before it expires (a minute before, or a tenth of its
    /// lifetime when shorter); however many calls need a new token at once, one token request
    /// is made and they all wait for it. When the API refuses a token (401) on a GET, the token
    /// is renewed and the request sent once more; a POST is never sent twice (its body may have
    /// been acted on), so a 401 on creating a share session or QR code is returned as is.
    #[must_use]
    pub fn central_auth<S: Into<String>>(mut self, scopes: impl IntoIterator<Item = S>) -> Self {
        self.authentication =
            Authentication::CentralAuth(scopes.into_iter().map(Into::into).collect());
        self
    }

    /// Sets the token endpoint of [`central_auth`](Self::central_auth) (default
    /// `https://auth.api.yoti.com/v1/oauth/token`), e.g. a local emulator's for tests. It is
    /// also the audience of the client assertion, so it is used exactly as given.
    #[must_use]
    pub fn auth_url(mut self, url: impl Into<String>) -> Self {
        self.auth_url = url.into();
        self
    }

    /// Lets the application set up the HTTP client the way it needs: proxies, extra root
    /// certificates, client certificates, DNS resolution, connection pool settings.
    ///
    /// `setup` gets a `reqwest::ClientBuilder` with the client's defaults and returns it
    /// configured; the client then sets what its guarantees depend on, after and over the
    /// application's settings: redirects are never followed. Body size limits and the timeout
    /// are the client's own and hold whatever the builder says.
    ///
    /// Proxies: like reqwest, the client uses `HTTP_PROXY`, `HTTPS_PROXY`, `ALL_PROXY` and
    /// `NO_PROXY` from the environment unless a proxy is set here; call `no_proxy()` on the
    /// builder to ignore them. Through an HTTPS proxy the API's TLS still ends at Yoti.
    ///
    /// ```
    /// # fn run(key: yoti_protocol::PrivateKey) -> Result<(), Box<dyn std::error::Error>> {
    /// let client = yoti_client::DigitalIdentityClient::builder("my-sdk-id", key)
    ///     .http_client(|http| {
    ///         http.proxy(reqwest::Proxy::https("http://proxy.internal:3128").unwrap())
    ///             .pool_max_idle_per_host(4)
    ///     })
    ///     .build()?;
    /// # Ok(())
    /// # }
    /// ```
    #[must_use]
    pub fn http_client(
        mut self,
        setup: impl Fn(reqwest::ClientBuilder) -> reqwest::ClientBuilder + Send + Sync + 'static,
    ) -> Self {
        self.http_setup = Some(HttpSetup(Arc::new(setup)));
        self
    }

    /// Builds the client.
    ///
    /// # Errors
    ///
    /// [`ConfigError`] for an empty SDK id, a base URL or auth URL that is not absolute
    /// http(s), a limit of zero, central auth without a scope, or an empty bearer token.
    pub fn build(self) -> Result<crate::DigitalIdentityClient, ConfigError> {
        crate::DigitalIdentityClient::from_builder(self)
    }

    /// Refuses limits that would fail every call.
    pub(crate) fn check_limits(&self) -> Result<(), ConfigError> {
        for (name, value) in [
            ("max_response_size", self.max_response_size),
            ("max_concurrent_requests", self.max_concurrent_requests),
        ] {
            if value == 0 {
                return Err(ConfigError::ZeroLimit(name));
            }
        }
        Ok(())
    }
}

/// Checks the token endpoint's URL and returns it as the URL parser writes it: the client
/// assertion's `aud` is this text, so it is sent exactly as the endpoint will see it.
pub(crate) fn validate_auth_url(url: &str) -> Result<String, ConfigError> {
    let invalid = |reason: &str| ConfigError::InvalidAuthUrl {
        url: url.to_owned(),
        reason: reason.to_owned(),
    };
    let parsed = reqwest::Url::parse(url).map_err(|e| invalid(&e.to_string()))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(invalid("the scheme must be http or https"));
    }
    if parsed.query().is_some() || parsed.fragment().is_some() {
        return Err(invalid("it must not have a query or fragment"));
    }
    Ok(parsed.as_str().to_owned())
}

/// Reads and parses a PEM key file with [`PrivateKey::from_pem_file`]: only a regular file of at
/// most [`MAX_KEY_FILE_SIZE`](yoti_protocol::receipt::MAX_KEY_FILE_SIZE) bytes is read, and the
/// text read is zeroized whether or not it holds a usable key.
///
/// # Errors
///
/// [`ConfigError::KeyFile`] when it cannot be read, [`ConfigError::Key`] when it is not a
/// regular file, is too large or holds no usable key.
pub fn load_key_file(path: &Path) -> Result<PrivateKey, ConfigError> {
    PrivateKey::from_pem_file(path).map_err(|error| match error {
        KeyError::Io { path, source } => ConfigError::KeyFile { path, source },
        other => ConfigError::Key(other),
    })
}

/// Checks a base URL and returns it as the URL parser writes it (so that request URLs built on
/// it are sent exactly as signed), without a trailing `/`.
/// The form of a base URL, as the errors quote it.
const EXPECTED_BASE_URL: &str = "https://api.yoti.com/share (or the emulator's base_url())";

pub(crate) fn validate_base_url(url: &str) -> Result<String, ConfigError> {
    let invalid = |why: &str| ConfigError::InvalidBaseUrl {
        url: url.to_owned(),
        reason: format!("{why}; expected an absolute URL like {EXPECTED_BASE_URL}"),
    };
    if !url.contains("://") {
        return Err(invalid("it has no scheme (`https://`)"));
    }
    let parsed = reqwest::Url::parse(url).map_err(|e| invalid(&e.to_string()))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(invalid("the scheme must be http or https"));
    }
    if parsed.query().is_some() || parsed.fragment().is_some() {
        return Err(invalid("it must not have a query or fragment"));
    }
    Ok(parsed.as_str().trim_end_matches('/').to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn key_path() -> String {
        yoti_test_support::vector_path("keys/node-2048.pem")
            .display()
            .to_string()
    }

    fn lookup(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        move |name| map.get(name).cloned()
    }

    #[test]
    fn environment_names_the_missing_variable() {
        let err = ClientBuilder::from_lookup(lookup(&[])).unwrap_err();
        assert!(matches!(err, ConfigError::MissingVariable(ENV_SDK_ID)));
        let err = ClientBuilder::from_lookup(lookup(&[(ENV_SDK_ID, "sdk")])).unwrap_err();
        assert!(matches!(
            err,
            ConfigError::MissingVariable(ENV_KEY_FILE_PATH)
        ));
        assert!(err.to_string().contains("YOTI_KEY_FILE_PATH"));
    }

    /// `YOTI_KEY_FILE_PATH` set to `path`, read on a thread that must answer within a second.
    fn from_key_path(path: std::path::PathBuf) -> Result<ClientBuilder, ConfigError> {
        yoti_test_support::within_a_second(move || {
            let path = path.display().to_string();
            ClientBuilder::from_lookup(lookup(&[(ENV_SDK_ID, "sdk"), (ENV_KEY_FILE_PATH, &path)]))
        })
    }

    #[cfg(unix)]
    #[test]
    fn a_key_path_to_a_device_or_a_fifo_fails_at_once() {
        let dir = yoti_test_support::temp_dir("client-key-fifo");
        let fifo = dir.join("key.pem");
        yoti_test_support::make_fifo(&fifo);
        for path in [std::path::PathBuf::from("/dev/zero"), fifo] {
            let error = from_key_path(path.clone()).unwrap_err();
            assert!(
                matches!(&error, ConfigError::Key(KeyError::NotAFile { path: p }) if *p == path),
                "{error:?}"
            );
            assert!(error.to_string().contains("not a regular file"), "{error}");
            let error = yoti_test_support::within_a_second(move || load_key_file(&path));
            assert!(matches!(
                error,
                Err(ConfigError::Key(KeyError::NotAFile { .. }))
            ));
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_key_file_of_100_kib_is_too_large() {
        let dir = yoti_test_support::temp_dir("client-key-large");
        let file = dir.join("key.pem");
        let mut text = yoti_test_support::vector_text("keys/node-2048.pem");
        text.push_str(&"#".repeat(100 * 1024));
        std::fs::write(&file, text).unwrap();
        let error = from_key_path(file).unwrap_err();
        assert!(
            matches!(
                error,
                ConfigError::Key(KeyError::FileTooLarge { limit: 65536, .. })
            ),
            "{error:?}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn an_empty_required_variable_is_called_empty() {
        let err = ClientBuilder::from_lookup(lookup(&[(ENV_SDK_ID, " ")])).unwrap_err();
        assert!(matches!(
            err,
            ConfigError::EmptyRequiredVariable(ENV_SDK_ID)
        ));
        assert_eq!(
            err.to_string(),
            "the environment variable YOTI_CLIENT_SDK_ID is empty; set it to a value"
        );
    }

    #[test]
    fn a_base_url_without_a_scheme_says_the_expected_form() {
        let err = validate_base_url("api.yoti.com/share").unwrap_err();
        assert_eq!(
            err.to_string(),
            "the base URL `api.yoti.com/share` is not usable: it has no scheme (`https://`); \
             expected an absolute URL like https://api.yoti.com/share (or the emulator's base_url())"
        );
        let path = key_path();
        let err = ClientBuilder::from_lookup(lookup(&[
            (ENV_SDK_ID, "sdk"),
            (ENV_KEY_FILE_PATH, &path),
            (ENV_API_URL, "localhost:8080/share"),
        ]))
        .unwrap_err();
        assert!(
            err.to_string()
                .contains("expected an absolute URL like https://api.yoti.com/share"),
            "{err}"
        );
    }

    #[test]
    fn environment_reports_an_unreadable_key_file_and_a_bad_url() {
        let err = ClientBuilder::from_lookup(lookup(&[
            (ENV_SDK_ID, "sdk"),
            (ENV_KEY_FILE_PATH, "/nonexistent/key.pem"),
        ]))
        .unwrap_err();
        assert!(matches!(err, ConfigError::KeyFile { .. }));

        let path = key_path();
        let err = ClientBuilder::from_lookup(lookup(&[
            (ENV_SDK_ID, "sdk"),
            (ENV_KEY_FILE_PATH, &path),
            (ENV_API_URL, "ftp://example.com"),
        ]))
        .unwrap_err();
        assert!(matches!(
            err,
            ConfigError::InvalidVariable {
                name: ENV_API_URL,
                ..
            }
        ));
    }

    #[test]
    fn environment_configures_sdk_id_key_and_url() {
        let path = key_path();
        let builder = ClientBuilder::from_lookup(lookup(&[
            (ENV_SDK_ID, "sdk-id"),
            (ENV_KEY_FILE_PATH, &path),
            (ENV_API_URL, "http://127.0.0.1:8080/share/"),
        ]))
        .unwrap();
        assert_eq!(builder.sdk_id, "sdk-id");
        assert_eq!(builder.base_url, "http://127.0.0.1:8080/share/");
        let client = builder.build().unwrap();
        assert_eq!(client.base_url(), "http://127.0.0.1:8080/share");
    }

    #[test]
    fn an_empty_api_url_is_an_error_and_the_go_sdk_name_is_read_as_an_alias() {
        let path = key_path();
        let with = |extra: &[(&'static str, &'static str)]| {
            let mut vars = vec![(ENV_SDK_ID, "sdk"), (ENV_KEY_FILE_PATH, path.as_str())];
            vars.extend_from_slice(extra);
            ClientBuilder::from_lookup(lookup(&vars))
        };
        for name in [ENV_API_URL, ENV_API_URL_ALIAS] {
            for empty in ["", "  "] {
                let error = with(&[(name, empty)]).unwrap_err();
                assert!(
                    matches!(error, ConfigError::EmptyVariable(n) if n == name),
                    "{error}"
                );
                assert!(error.to_string().contains(name), "{error}");
            }
        }
        let alias = with(&[(ENV_API_URL_ALIAS, "http://127.0.0.1:8765/share")]).unwrap();
        assert_eq!(alias.base_url, "http://127.0.0.1:8765/share");
        let both = with(&[
            (ENV_API_URL, "http://127.0.0.1:1/share"),
            (ENV_API_URL_ALIAS, "http://127.0.0.1:2/share"),
        ])
        .unwrap();
        assert_eq!(both.base_url, "http://127.0.0.1:1/share");
        let error = with(&[(ENV_API_URL_ALIAS, "ftp://example.com")]).unwrap_err();
        assert!(matches!(
            error,
            ConfigError::InvalidVariable {
                name: ENV_API_URL_ALIAS,
                ..
            }
        ));
        assert_eq!(with(&[]).unwrap().base_url, DEFAULT_BASE_URL);
    }

    #[test]
    fn environment_turns_on_bearer_tokens_and_empty_variables_are_errors() {
        let path = key_path();
        let base = [(ENV_SDK_ID, "sdk"), (ENV_KEY_FILE_PATH, path.as_str())];
        let with = |extra: &[(&'static str, &'static str)]| {
            let mut vars = base.to_vec();
            vars.extend_from_slice(extra);
            ClientBuilder::from_lookup(lookup(&vars))
        };
        let signed = with(&[]).unwrap();
        assert!(matches!(
            signed.authentication,
            Authentication::SignedRequests
        ));
        assert_eq!(signed.auth_url, DEFAULT_AUTH_URL);

        let bearer = with(&[
            (ENV_AUTH_SCOPES, "digital-identity, share"),
            (ENV_AUTH_URL, "http://127.0.0.1:9/v1/oauth/token"),
        ])
        .unwrap();
        let Authentication::CentralAuth(scopes) = &bearer.authentication else {
            panic!("{:?}", bearer.authentication);
        };
        assert_eq!(scopes, &["digital-identity", "share"]);
        assert_eq!(bearer.auth_url, "http://127.0.0.1:9/v1/oauth/token");

        for name in [ENV_AUTH_SCOPES, ENV_AUTH_URL] {
            let error = with(&[(name, " ")]).unwrap_err();
            assert!(matches!(error, ConfigError::EmptyVariable(n) if n == name));
            assert!(error.to_string().contains("empty"), "{error}");
        }
        let error = with(&[(ENV_AUTH_URL, "auth.example/token")]).unwrap_err();
        assert!(matches!(
            error,
            ConfigError::InvalidVariable {
                name: ENV_AUTH_URL,
                ..
            }
        ));
    }

    #[test]
    fn base_urls_are_checked_and_trimmed() {
        assert_eq!(
            validate_base_url("https://api.yoti.com/share/").unwrap(),
            "https://api.yoti.com/share"
        );
        assert!(validate_base_url("api.yoti.com/share").is_err());
        assert!(validate_base_url("https://api.yoti.com/share?x=1").is_err());
        // As the URL parser writes it, so that a request URL is sent exactly as signed.
        assert_eq!(
            validate_base_url("https://API.Yoti.com:443/share").unwrap(),
            "https://api.yoti.com/share"
        );
        assert_eq!(
            validate_base_url("http://127.0.0.1:8080").unwrap(),
            "http://127.0.0.1:8080"
        );
    }

    #[test]
    fn limits_default_to_their_documented_values_and_zero_is_refused() {
        let builder = ClientBuilder::from_lookup(lookup(&[
            (ENV_SDK_ID, "sdk"),
            (ENV_KEY_FILE_PATH, &key_path()),
        ]))
        .unwrap();
        assert_eq!(builder.max_response_size, 16 * 1024 * 1024);
        assert_eq!(builder.max_error_response_size, 64 * 1024);
        assert_eq!(builder.max_concurrent_requests, 32);
        for zero in [
            builder.clone().max_response_size(0),
            builder.clone().max_concurrent_requests(0),
        ] {
            assert!(matches!(zero.build(), Err(ConfigError::ZeroLimit(_))));
        }
        // An empty error body is still an answer: a zero error limit is allowed.
        assert!(builder.max_error_response_size(0).build().is_ok());
    }
}
