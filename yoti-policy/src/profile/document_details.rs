//! The `document_details` value grammar (docs/protocol.md, "Document details").

use std::str::FromStr;

use super::Date;

/// The parsed `document_details` attribute:
/// `DOCUMENT_TYPE ISSUING_COUNTRY DOCUMENT_NUMBER [EXPIRATION_DATE [ISSUING_AUTHORITY]]`.
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
/// # Ok::<(), yoti_policy::profile::DocumentDetailsError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentDetails {
    document_type: String,
    issuing_country: String,
    document_number: String,
    expiration_date: Option<Date>,
    issuing_authority: Option<String>,
}

/// Why a text is not `document_details`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DocumentDetailsError {
    /// Fewer than three tokens (type, country, number).
    #[error(
        "document details need at least a type, an issuing country and a number separated by single spaces, found `{0}`"
    )]
    TooFewTokens(String),
    /// Two spaces in a row, or a leading or trailing space.
    #[error("document details `{0}` contain an empty token (a double, leading or trailing space)")]
    EmptyToken(String),
    /// The expiration date is neither `YYYY-MM-DD` nor `-`.
    #[error("`{0}` is not an expiration date (YYYY-MM-DD, or `-` for none)")]
    ExpirationDate(String),
}

impl FromStr for DocumentDetails {
    type Err = DocumentDetailsError;

    fn from_str(text: &str) -> Result<Self, DocumentDetailsError> {
        let tokens: Vec<&str> = text.split(' ').collect();
        // Tokens after the fifth are ignored, but must still not be empty.
        if text.is_empty() || tokens.len() < 3 {
            return Err(DocumentDetailsError::TooFewTokens(text.to_owned()));
        }
        if tokens.iter().any(|token| token.is_empty()) {
            return Err(DocumentDetailsError::EmptyToken(text.to_owned()));
        }
        let token = |i: usize| tokens.get(i).map(|token| (*token).to_owned());
        let expiration_date = match tokens.get(3) {
            None | Some(&"-") => None,
            Some(date) => Some(
                Date::from_str(date)
                    .ok()
                    .filter(Date::is_full)
                    .ok_or_else(|| DocumentDetailsError::ExpirationDate((*date).to_owned()))?,
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
