//! The `document_details` value grammar (docs/protocol.md, "Document details").

use std::fmt;
use std::str::FromStr;

use super::Date;
use crate::redact::len_of;

/// The parsed `document_details` attribute:
/// `DOCUMENT_TYPE ISSUING_COUNTRY DOCUMENT_NUMBER [EXPIRATION_DATE [ISSUING_AUTHORITY]]`.
///
/// `Debug` shows only which optional parts are there, so that a struct holding document details
/// can be logged; the accessors give the values.
///
/// ```
/// use yoti_policy::DocumentDetails;
///
/// let details: DocumentDetails = "DRIVING_LICENCE GBR 1234abc 2016-05-01 DVLA".parse()?;
/// assert_eq!(details.document_type(), "DRIVING_LICENCE");
/// assert_eq!(details.issuing_country(), "GBR");
/// assert_eq!(details.document_number(), "1234abc");
/// assert_eq!(details.expiration_date().map(|d| d.to_string()).as_deref(), Some("2016-05-01"));
/// assert_eq!(details.issuing_authority(), Some("DVLA"));
/// assert_eq!(
///     format!("{details:?}"),
///     "DocumentDetails { expiration_date: Some(Date(YYYY-MM-DD)), issuing_authority: Some(<4 bytes>), .. }"
/// );
/// # Ok::<(), yoti_policy::profile::DocumentDetailsError>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct DocumentDetails {
    document_type: String,
    issuing_country: String,
    document_number: String,
    expiration_date: Option<Date>,
    issuing_authority: Option<String>,
}

/// Why a text is not `document_details`. Tokens are counted from 1; the messages never quote
/// the text, which holds a document number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DocumentDetailsError {
    /// Fewer than three tokens (type, country, number).
    #[error(
        "document details need at least three tokens (type, issuing country and number) \
         separated by single spaces, found {found}"
    )]
    TooFewTokens {
        /// How many tokens the text has (0 for an empty text).
        found: usize,
    },
    /// Two spaces in a row, or a leading or trailing space.
    #[error(
        "token {position} of the document details is empty (a double, leading or trailing space)"
    )]
    EmptyToken {
        /// The first empty token, counting from 1.
        position: usize,
    },
    /// The expiration date (token 4) is neither `YYYY-MM-DD` nor `-`.
    #[error(
        "token 4 (expiration date) of the document details is not a date (YYYY-MM-DD, or `-` \
         for none)"
    )]
    ExpirationDate,
}

impl FromStr for DocumentDetails {
    type Err = DocumentDetailsError;

    fn from_str(text: &str) -> Result<Self, DocumentDetailsError> {
        let tokens: Vec<&str> = text.split(' ').collect();
        // Tokens after the fifth are ignored, but must still not be empty.
        if text.is_empty() || tokens.len() < 3 {
            return Err(DocumentDetailsError::TooFewTokens {
                found: if text.is_empty() { 0 } else { tokens.len() },
            });
        }
        if let Some(empty) = tokens.iter().position(|token| token.is_empty()) {
            return Err(DocumentDetailsError::EmptyToken {
                position: empty + 1,
            });
        }
        let token = |i: usize| tokens.get(i).map(|token| (*token).to_owned());
        let expiration_date = match tokens.get(3) {
            None | Some(&"-") => None,
            Some(date) => Some(
                Date::from_str(date)
                    .ok()
                    .filter(Date::is_full)
                    .ok_or(DocumentDetailsError::ExpirationDate)?,
            ),
        };
        Ok(DocumentDetails {
            document_type: token(0).unwrap_or_default(),
            issuing_country: token(1).unwrap_or_default(),
            document_number: token(2).unwrap_or_default(),
            expiration_date,
            issuing_authority: token(4),
        })
    }
}

impl fmt::Debug for DocumentDetails {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DocumentDetails")
            .field("expiration_date", &self.expiration_date)
            .field("issuing_authority", &len_of(&self.issuing_authority))
            .finish_non_exhaustive()
    }
}

impl DocumentDetails {
    /// `PASSPORT`, `DRIVING_LICENCE`, `PASS_CARD`, ...
    pub fn document_type(&self) -> &str {
        &self.document_type
    }

    /// The issuing country, e.g. `GBR`.
    pub fn issuing_country(&self) -> &str {
        &self.issuing_country
    }

    /// The document number, possibly masked (`****`).
    pub fn document_number(&self) -> &str {
        &self.document_number
    }

    /// The expiration date; `None` when absent or `-`.
    pub fn expiration_date(&self) -> Option<Date> {
        self.expiration_date
    }

    /// The issuing authority, e.g. `DVLA`.
    pub fn issuing_authority(&self) -> Option<&str> {
        self.issuing_authority.as_deref()
    }
}
