//! Client configuration: SDK id, application key, base URL, timeout and retries, from code or
//! from the environment.

use std::path::Path;
use std::time::Duration;

use yoti_policy::receipt::PrivateKey;
use zeroize::Zeroizing;

use crate::ConfigError;
use crate::retry::RetryPolicy;

/// The share API of Yoti's production service.
pub const DEFAULT_BASE_URL: &str = "https://api.yoti.com/share";
/// How long one request may take before it fails with a timeout.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

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
}

impl ClientBuilder {
    /// Starts from the SDK id and key, with the default base URL, timeout and retries.
    pub fn new(sdk_id: impl Into<String>, key: PrivateKey) -> Self {
        ClientBuilder {
            sdk_id: sdk_id.into(),
            key,
            base_url: DEFAULT_BASE_URL.to_owned(),
            timeout: DEFAULT_TIMEOUT,
            retry: RetryPolicy::default(),
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

    /// Sets the timeout of one request (10 s by default).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Sets how GET requests are retried.
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Builds the client.
    ///
    /// # Errors
    ///
    /// [`ConfigError`] for an empty SDK id or a base URL that is not absolute http(s).
    pub fn build(self) -> Result<crate::DigitalIdentityClient, ConfigError> {
        crate::DigitalIdentityClient::from_builder(self)
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

/// Checks a base URL and returns it without a trailing `/`.
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
    Ok(url.trim_end_matches('/').to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn key_path() -> String {
        format!(
            "{}/../../shared/fixtures/keys/node-2048.pem",
            env!("CARGO_MANIFEST_DIR")
        )
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
    }
}
