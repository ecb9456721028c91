//! The ids of share sessions and QR codes, each its own type: parsed once, so that one cannot be
//! passed where the other (or a receipt id) is expected, and so that every id placed in a request
//! path is one that goes there unchanged (docs/protocol.md, "Ids in paths").

use std::fmt;

use serde::{Deserialize, Serialize};

/// Why a text is not an id of its kind. Names the kind of id, never quotes the text: a receipt id
/// fetches the receipt, and a mistyped id may be anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum IdError {
    /// Not base64 of a non-empty id, as Yoti sends receipt ids on the redirect.
    #[error("the receipt id is not a base64 receipt id as Yoti sends it on the redirect")]
    Receipt,
    /// Empty, or with a character that a request path would re-encode.
    #[error(
        "the share session id is empty or holds a character other than letters, digits and \
         `-._~=+`, so it cannot be placed in a request path"
    )]
    Session,
    /// Empty, or with a character that a request path would re-encode.
    #[error(
        "the QR code id is empty or holds a character other than letters, digits and `-._~=+`, \
         so it cannot be placed in a request path"
    )]
    QrCode,
}

/// Whether an id goes into a path as it is, with nothing a URL parser would re-encode.
pub fn is_path_safe(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~=+".contains(&b))
}

/// An id sent in paths as it is: text checked once by [`is_path_safe`].
macro_rules! path_id {
    ($(#[$doc:meta])* $name:ident, $error:expr) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// Checks an id: non-empty, and only letters, digits and `-._~=+`.
            ///
            /// # Errors
            ///
            #[doc = concat!("[`", stringify!($error), "`] otherwise; the text is not quoted.")]
            pub fn parse(id: &str) -> Result<Self, IdError> {
                Self::try_from(id.to_owned())
            }

            /// The id, as it goes into a request path.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = IdError;

            fn try_from(id: String) -> Result<Self, IdError> {
                if is_path_safe(&id) { Ok($name(id)) } else { Err($error) }
            }
        }

        impl TryFrom<&str> for $name {
            type Error = IdError;

            fn try_from(id: &str) -> Result<Self, IdError> {
                Self::parse(id)
            }
        }

        impl std::str::FromStr for $name {
            type Err = IdError;

            fn from_str(id: &str) -> Result<Self, IdError> {
                Self::parse(id)
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        // Shown as it is: it identifies a share session or QR code, not a person, and is no
        // credential (the requests that name it are signed).
        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({:?})", stringify!($name), self.0)
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl PartialEq<$name> for str {
            fn eq(&self, other: &$name) -> bool {
                self == other.0
            }
        }

        impl PartialEq<String> for $name {
            fn eq(&self, other: &String) -> bool {
                self.0 == *other
            }
        }

        impl PartialEq<$name> for String {
            fn eq(&self, other: &$name) -> bool {
                *self == other.0
            }
        }

        impl PartialEq<$name> for &str {
            fn eq(&self, other: &$name) -> bool {
                *self == other.0
            }
        }
    };
}

path_id!(
    /// A share session id, e.g. `ss.v2.ChZ...=`: what [`ShareSession`](super::ShareSession) gives
    /// and what reading a session, creating its QR code and binding a receipt to it take.
    ///
    /// ```
    /// use yoti_protocol::api::{IdError, SessionId};
    ///
    /// let id: SessionId = "ss.v2.ChZQOUhTWlFCZFNaVzQ5VnFkYVJXVlFnEgkzLmxkNS5nYnI=".parse()?;
    /// assert_eq!(id, "ss.v2.ChZQOUhTWlFCZFNaVzQ5VnFkYVJXVlFnEgkzLmxkNS5nYnI=");
    /// assert_eq!(SessionId::parse("ss.v2/../x"), Err(IdError::Session));
    /// # Ok::<(), IdError>(())
    /// ```
    SessionId,
    IdError::Session
);

path_id!(
    /// A QR code id: what [`ShareQrCode`](super::ShareQrCode) gives and reading a QR code takes.
    ///
    /// ```
    /// use yoti_protocol::api::{IdError, QrCodeId};
    ///
    /// let id = QrCodeId::parse("Xx2A1bq0")?;
    /// assert_eq!(id.as_str(), "Xx2A1bq0");
    /// assert_eq!(QrCodeId::parse(""), Err(IdError::QrCode));
    /// # Ok::<(), IdError>(())
    /// ```
    QrCodeId,
    IdError::QrCode
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_go_into_paths_verbatim_or_not_at_all() {
        let id = "ss.v2.ChZQOUhTWlFCZFNaVzQ5VnFkYVJXVlFnEgkzLmxkNS5nYnI=";
        assert_eq!(SessionId::parse(id).unwrap().as_str(), id);
        for bad in ["", "a/b", "a?b", "a#b", "a b", "../x", "é", "a%2Fb"] {
            assert_eq!(SessionId::parse(bad), Err(IdError::Session), "{bad}");
            assert_eq!(QrCodeId::parse(bad), Err(IdError::QrCode), "{bad}");
        }
    }

    #[test]
    fn errors_name_the_kind_of_id_and_never_quote_it() {
        for (error, kind) in [
            (
                SessionId::parse("secret/one").unwrap_err(),
                "share session id",
            ),
            (QrCodeId::parse("secret/one").unwrap_err(), "QR code id"),
        ] {
            let text = error.to_string();
            assert!(text.contains(kind) && !text.contains("secret"), "{text}");
        }
    }

    #[test]
    fn serde_checks_the_id_like_parse() {
        let id: SessionId = serde_json::from_str(r#""ss.v2.a""#).unwrap();
        assert_eq!(serde_json::to_string(&id).unwrap(), r#""ss.v2.a""#);
        let error = serde_json::from_str::<SessionId>(r#""ss v2""#).unwrap_err();
        assert!(error.to_string().contains("share session id"), "{error}");
        assert!(!error.to_string().contains("ss v2"), "{error}");
    }
}
