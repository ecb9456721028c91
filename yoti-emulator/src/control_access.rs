//! What the control API's guard compares a request with: the emulator's own origins and the
//! optional control token. Plain values, held in the emulator's settings; the middleware that
//! applies them is `control_guard`.

use std::fmt;

use zeroize::Zeroizing;

/// Names the emulator is reached by on this machine. It listens on 127.0.0.1 only; `localhost`
/// and `[::1]` are what a browser or proxy may write in `Host` for it.
const LOOPBACK_HOSTS: [&str; 3] = ["127.0.0.1", "localhost", "[::1]"];

/// The secret the control API asks for, when configured. Never printed.
#[derive(Clone)]
pub(crate) struct ControlToken(Zeroizing<String>);

impl ControlToken {
    pub(crate) fn new(token: String) -> Self {
        ControlToken(Zeroizing::new(token))
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether `given` is the token, in time that does not depend on where they differ.
    pub(crate) fn matches(&self, given: &[u8]) -> bool {
        aws_lc_rs::constant_time::verify_slices_are_equal(self.0.as_bytes(), given).is_ok()
    }
}

impl fmt::Debug for ControlToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ControlToken(..)")
    }
}

/// A `host` and port, the host in lower case.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Authority {
    host: String,
    port: u16,
}

impl Authority {
    /// `host[:port]` (an IPv6 host in brackets); the port defaults to `default_port`. User
    /// information (`user@host`) is refused: a `Host` header never has any.
    fn parse(text: &str, default_port: u16) -> Option<Self> {
        let authority: axum::http::uri::Authority = text.trim().parse().ok()?;
        if authority.as_str().contains('@') || authority.host().is_empty() {
            return None;
        }
        Some(Authority {
            host: authority.host().to_ascii_lowercase(),
            port: authority.port_u16().unwrap_or(default_port),
        })
    }
}

/// A `scheme://host[:port]` origin.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Origin {
    https: bool,
    authority: Authority,
}

impl Origin {
    fn parse(text: &str) -> Option<Self> {
        let text = text.trim().trim_end_matches('/');
        let (https, rest) = if let Some(rest) = strip_prefix_ignore_case(text, "https://") {
            (true, rest)
        } else {
            (false, strip_prefix_ignore_case(text, "http://")?)
        };
        let default_port = if https { 443 } else { 80 };
        let authority = Authority::parse(rest, default_port)?;
        Some(Origin { https, authority })
    }

    fn default_port(&self) -> u16 {
        if self.https { 443 } else { 80 }
    }
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    if text.get(..prefix.len())?.eq_ignore_ascii_case(prefix) {
        text.get(prefix.len()..)
    } else {
        None
    }
}

/// The emulator's own origins and the optional control token.
#[derive(Debug, Clone)]
pub(crate) struct ControlAccess {
    port: u16,
    /// The configured public origin, when it parses as one.
    public: Option<Origin>,
    pub(crate) token: Option<ControlToken>,
}

impl ControlAccess {
    pub(crate) fn new(port: u16, public_origin: &str, token: Option<ControlToken>) -> Self {
        ControlAccess {
            port,
            public: Origin::parse(public_origin),
            token,
        }
    }

    fn is_loopback(&self, authority: &Authority) -> bool {
        authority.port == self.port && LOOPBACK_HOSTS.contains(&authority.host.as_str())
    }

    /// Whether a `Host` header names the emulator. Without a port, a `Host` means the default
    /// port of the scheme: HTTP for the emulator itself, the public origin's scheme for a proxy
    /// in front of it.
    pub(crate) fn host_allowed(&self, host: &str) -> bool {
        Authority::parse(host, 80).is_some_and(|a| self.is_loopback(&a))
            || self.public.as_ref().is_some_and(|public| {
                Authority::parse(host, public.default_port()) == Some(public.authority.clone())
            })
    }

    /// Whether an `Origin` header is one of the emulator's own.
    pub(crate) fn origin_allowed(&self, origin: &str) -> bool {
        Origin::parse(origin).is_some_and(|origin| {
            (!origin.https && self.is_loopback(&origin.authority))
                || self.public.as_ref() == Some(&origin)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn access(public: &str) -> ControlAccess {
        ControlAccess::new(8765, public, None)
    }

    #[test]
    fn loopback_hosts_with_the_port_are_the_emulator() {
        let access = access("http://127.0.0.1:8765");
        for host in [
            "127.0.0.1:8765",
            "localhost:8765",
            "LOCALHOST:8765",
            "[::1]:8765",
        ] {
            assert!(access.host_allowed(host), "{host}");
        }
        for host in [
            "127.0.0.1:8766",
            "127.0.0.1",
            "evil.example:8765",
            "localhost.evil.example:8765",
            "127.0.0.1:8765@evil",
            "[::1]",
            "",
            "127.0.0.1:x",
        ] {
            assert!(!access.host_allowed(host), "{host}");
        }
    }

    #[test]
    fn the_public_origin_is_the_emulator_too() {
        let access = access("https://emulator.test");
        assert!(access.host_allowed("emulator.test"));
        assert!(access.host_allowed("emulator.test:443"));
        assert!(!access.host_allowed("emulator.test:80"));
        assert!(access.origin_allowed("https://emulator.test"));
        assert!(access.origin_allowed("https://emulator.test:443"));
        assert!(!access.origin_allowed("http://emulator.test"));
        // A bare loopback name means port 80, which is not the emulator's.
        assert!(!access.host_allowed("localhost"));
        let on_80 = ControlAccess::new(80, "http://127.0.0.1", None);
        assert!(on_80.host_allowed("localhost"));
    }

    #[test]
    fn only_the_emulators_own_origins_are_allowed() {
        let access = access("http://localhost:9999");
        for origin in [
            "http://127.0.0.1:8765",
            "http://localhost:8765",
            "http://[::1]:8765",
            "http://localhost:9999",
        ] {
            assert!(access.origin_allowed(origin), "{origin}");
        }
        for origin in [
            "null",
            "https://127.0.0.1:8765",
            "http://127.0.0.1:3000",
            "http://evil.example",
            "http://evil.example:8765",
            "file://",
            "",
        ] {
            assert!(!access.origin_allowed(origin), "{origin}");
        }
    }

    #[test]
    fn tokens_compare_whole_and_never_print() {
        let token = ControlToken::new("s3cret".into());
        assert!(token.matches(b"s3cret"));
        assert!(!token.matches(b"s3cre"));
        assert!(!token.matches(b"s3cret!"));
        assert!(!token.matches(b""));
        assert_eq!(format!("{token:?}"), "ControlToken(..)");
    }
}
