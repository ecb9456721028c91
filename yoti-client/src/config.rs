//! Client configuration: SDK id, application key, base URL, timeout, retries and the limits that
//! protect the application from a broken or hostile server, from code or from the environment.

use std::path::Path;
use std::time::Duration;

use yoti_protocol::receipt::PrivateKey;
use zeroize::Zeroizing;

use crate::ConfigError;
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
        }
    }

    /// Reads `YOTI_CLIENT_SDK_ID`, `YOTI_KEY_FILE_PATH` and (optional)
    /// `YOTI_DIGITAL_IDENTITY_API_URL`.
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
        let required = |name: &'static str| {
            lookup(name)
                .filter(|v| !v.trim().is_empty())
                .ok_or(ConfigError::MissingVariable(name))
        };
        let sdk_id = required(ENV_SDK_ID)?;
        let key_path = required(ENV_KEY_FILE_PATH)?;
        let key = load_key_file(Path::new(&key_path))?;
        let mut builder = ClientBuilder::new(sdk_id.trim(), key);
        if let Some(url) = lookup(ENV_API_URL).filter(|v| !v.trim().is_empty()) {
            builder.base_url = url.trim().to_owned();
            validate_base_url(&builder.base_url).map_err(|e| match e {
                ConfigError::InvalidBaseUrl { reason, .. } => ConfigError::InvalidVariable {
                    name: ENV_API_URL,
                    reason,
                },
                other => other,
            })?;
        }
        Ok(builder)
    }

    /// Sets the base URL of the share API (`https://api.yoti.com/share` by default; a trailing
    /// `/` is ignored). Point it at a local emulator for tests.
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
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Sets how GET requests are retried.
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Sets the largest body of a 2xx answer that is read, in bytes (16 MiB by default, see
    /// [`DEFAULT_MAX_RESPONSE_SIZE`]). A larger body, by its `Content-Length` or as it arrives,
    /// ends the call with [`ClientError::ResponseTooLarge`](crate::ClientError::ResponseTooLarge)
    /// and is not retried.
    pub fn max_response_size(mut self, bytes: usize) -> Self {
        self.max_response_size = bytes;
        self
    }

    /// Sets the largest body of a non-2xx answer that is read, in bytes (64 KiB by default, see
    /// [`DEFAULT_MAX_ERROR_RESPONSE_SIZE`]); larger is
    /// [`ClientError::ResponseTooLarge`](crate::ClientError::ResponseTooLarge), not retried.
    pub fn max_error_response_size(mut self, bytes: usize) -> Self {
        self.max_error_response_size = bytes;
        self
    }

    /// Sets how many requests the client and its clones have in flight at once (32 by default,
    /// see [`DEFAULT_MAX_CONCURRENT_REQUESTS`] for why). Further calls wait in order; the wait
    /// counts against their timeout.
    pub fn max_concurrent_requests(mut self, requests: usize) -> Self {
        self.max_concurrent_requests = requests;
        self
    }

    /// Builds the client.
    ///
    /// # Errors
    ///
    /// [`ConfigError`] for an empty SDK id, a base URL that is not absolute http(s), or a limit
    /// of zero.
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

/// Reads and parses a PEM key file. The text read is zeroized whether or not it holds a usable
/// key.
///
/// # Errors
///
/// [`ConfigError::KeyFile`] when it cannot be read, [`ConfigError::Key`] when it is no usable key.
pub fn load_key_file(path: &Path) -> Result<PrivateKey, ConfigError> {
    let pem = Zeroizing::new(std::fs::read(path).map_err(|source| ConfigError::KeyFile {
        path: path.to_owned(),
        source,
    })?);
    Ok(PrivateKey::from_pem(&*pem)?)
}

/// Checks a base URL and returns it as the URL parser writes it (so that request URLs built on
/// it are sent exactly as signed), without a trailing `/`.
pub(crate) fn validate_base_url(url: &str) -> Result<String, ConfigError> {
    let invalid = |reason: &str| ConfigError::InvalidBaseUrl {
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
