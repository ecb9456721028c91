//! Receipt ids as they arrive on the redirect (`?receiptId=...`), normalised for the receipt path.
//!
//! The id is standard base64, URL-encoded on the redirect; the path wants base64url without
//! padding (docs/protocol.md, "Receipt ids"). Accept either alphabet, padded or not,
//! percent-encoded or not, and compare ids by the bytes they encode.

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};

use super::ids::IdError;

/// A receipt id, validated and held as its bytes: what the redirect to the callback carries
/// (`?receiptId=...`) and reading a receipt takes.
///
/// Parsed once, as it arrives; two ids are equal when they encode the same bytes, whatever
/// alphabet or padding each arrived in. `Debug` shows its length only: a receipt id fetches the
/// receipt.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct ReceiptId(Vec<u8>);

const LENIENT: GeneralPurposeConfig =
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent);
const STANDARD_LENIENT: GeneralPurpose = GeneralPurpose::new(&base64::alphabet::STANDARD, LENIENT);
const URL_SAFE_LENIENT: GeneralPurpose = GeneralPurpose::new(&base64::alphabet::URL_SAFE, LENIENT);

impl ReceiptId {
    /// Parses a receipt id as received: URL-encoded or not, standard or URL-safe base64, padded or
    /// not.
    ///
    /// ```
    /// use yoti_protocol::api::ReceiptId;
    ///
    /// let id = ReceiptId::parse("9HNJDX5bEIN5TqBm0OGzVIc1LaAmbzfx6eIrwNdwpHvKeQmgPujyogC%2Br7hJCVPl").unwrap();
    /// assert_eq!(id.to_path_segment(), "9HNJDX5bEIN5TqBm0OGzVIc1LaAmbzfx6eIrwNdwpHvKeQmgPujyogC-r7hJCVPl");
    /// assert_eq!(id.to_string(), "9HNJDX5bEIN5TqBm0OGzVIc1LaAmbzfx6eIrwNdwpHvKeQmgPujyogC+r7hJCVPl");
    /// ```
    ///
    /// # Errors
    ///
    /// [`IdError::Receipt`] when the text is not base64 of a non-empty id; the text is not
    /// quoted.
    pub fn parse(received: &str) -> Result<Self, IdError> {
        // Not `trim()`: an id that starts or ends with `+` reaches us with a space there when a
        // form decoder has already read the query.
        let received = received.trim_matches(|c: char| c.is_whitespace() && c != ' ');
        let decoded = percent_encoding::percent_decode_str(received)
            .decode_utf8()
            .map_err(|_| IdError::Receipt)?;
        // A form decoder may already have turned `+` into a space; put it back.
        let text = decoded.replace(' ', "+");
        decode(&text).map(ReceiptId).ok_or(IdError::Receipt)
    }

    /// Whether a receipt's `id` field, as the API returned it (base64 of either alphabet), is
    /// this id.
    ///
    /// ```
    /// use yoti_protocol::api::ReceiptId;
    ///
    /// let requested = ReceiptId::parse("9HNJDX5bEIN5TqBm0OGzVIc1LaAmbzfx6eIrwNdwpHvKeQmgPujyogC%2Br7hJCVPl").unwrap();
    /// assert!(requested.is_returned_as("9HNJDX5bEIN5TqBm0OGzVIc1LaAmbzfx6eIrwNdwpHvKeQmgPujyogC+r7hJCVPl"));
    /// assert!(!requested.is_returned_as("AAAA"));
    /// ```
    pub fn is_returned_as(&self, returned: &str) -> bool {
        decode(returned).is_some_and(|bytes| bytes == self.0)
    }

    /// The form used in `GET /v2/receipts/{id}`: base64url without padding.
    pub fn to_path_segment(&self) -> String {
        URL_SAFE_NO_PAD.encode(&self.0)
    }
}

/// The bytes of a non-empty base64 id, in the URL-safe alphabet if it uses `-` or `_`.
fn decode(text: &str) -> Option<Vec<u8>> {
    let engine = if text.contains(['-', '_']) {
        &URL_SAFE_LENIENT
    } else {
        &STANDARD_LENIENT
    };
    engine.decode(text).ok().filter(|bytes| !bytes.is_empty())
}

impl std::fmt::Display for ReceiptId {
    /// The canonical form: standard base64 with padding, as receipts carry it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&STANDARD.encode(&self.0))
    }
}

impl std::fmt::Debug for ReceiptId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ReceiptId(<{} bytes>)", self.0.len())
    }
}

/// Equal to the text of a receipt id that encodes the same bytes, in either alphabet, padded or
/// not: what [`is_returned_as`](ReceiptId::is_returned_as) checks.
impl PartialEq<&str> for ReceiptId {
    fn eq(&self, other: &&str) -> bool {
        self.is_returned_as(other)
    }
}

impl PartialEq<String> for ReceiptId {
    fn eq(&self, other: &String) -> bool {
        self.is_returned_as(other)
    }
}

impl PartialEq<ReceiptId> for &str {
    fn eq(&self, other: &ReceiptId) -> bool {
        other.is_returned_as(self)
    }
}

impl PartialEq<ReceiptId> for String {
    fn eq(&self, other: &ReceiptId) -> bool {
        other.is_returned_as(self)
    }
}

impl TryFrom<&str> for ReceiptId {
    type Error = IdError;

    fn try_from(received: &str) -> Result<Self, IdError> {
        ReceiptId::parse(received)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for ReceiptId {
    /// The canonical form of [`Display`](std::fmt::Display).
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for ReceiptId {
    /// Any form [`parse`](ReceiptId::parse) accepts.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        ReceiptId::parse(&text).map_err(serde::de::Error::custom)
    }
}

impl std::str::FromStr for ReceiptId {
    type Err = IdError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ReceiptId::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STANDARD_ID: &str = "9HNJDX5bEIN5TqBm0OGzVIc1LaAmbzfx6eIrwNdwpHvKeQmgPujyogC+r7hJCVPl";
    const PATH_ID: &str = "9HNJDX5bEIN5TqBm0OGzVIc1LaAmbzfx6eIrwNdwpHvKeQmgPujyogC-r7hJCVPl";

    #[test]
    fn a_plus_at_either_end_survives_a_form_decoder() {
        // `+AAA+` as a form decoder hands it over: a space at each end.
        let id =
            ReceiptId::parse(" 9HNJDX5bEIN5TqBm0OGzVIc1LaAmbzfx6eIrwNdwpHvKeQmgPujyogCr7hJCVP ")
                .unwrap();
        assert_eq!(
            id.to_string(),
            "+9HNJDX5bEIN5TqBm0OGzVIc1LaAmbzfx6eIrwNdwpHvKeQmgPujyogCr7hJCVP+"
        );
        // Line breaks around the id (a pasted value) are still trimmed.
        let pasted = ReceiptId::parse(&format!("\n{STANDARD_ID}\r\n")).unwrap();
        assert_eq!(pasted.to_path_segment(), PATH_ID);
    }

    #[test]
    fn every_received_form_normalises_to_the_same_path() {
        for received in [
            STANDARD_ID,
            PATH_ID,
            "9HNJDX5bEIN5TqBm0OGzVIc1LaAmbzfx6eIrwNdwpHvKeQmgPujyogC%2Br7hJCVPl",
            "9HNJDX5bEIN5TqBm0OGzVIc1LaAmbzfx6eIrwNdwpHvKeQmgPujyogC r7hJCVPl",
        ] {
            let id = ReceiptId::parse(received).unwrap();
            assert_eq!(id.to_path_segment(), PATH_ID, "{received}");
            assert_eq!(id.to_string(), STANDARD_ID);
        }
    }

    #[test]
    fn padding_is_optional_and_dropped_in_the_path() {
        let padded = ReceiptId::parse("YWJjZA==").unwrap();
        let unpadded = ReceiptId::parse("YWJjZA").unwrap();
        assert_eq!(padded, unpadded);
        assert_eq!(padded.to_path_segment(), "YWJjZA");
        assert_eq!(ReceiptId::parse("YWJjZA%3D%3D").unwrap(), padded);
    }

    #[test]
    fn a_returned_id_matches_only_the_same_bytes() {
        let requested = ReceiptId::parse(PATH_ID).unwrap();
        assert!(requested.is_returned_as(STANDARD_ID));
        assert!(requested.is_returned_as(PATH_ID));
        assert!(
            ReceiptId::parse("YWJjZA")
                .unwrap()
                .is_returned_as("YWJjZA==")
        );
        // One bit apart, truncated, extended, empty or not base64: another receipt.
        let other = STANDARD_ID.replacen('9', "8", 1);
        let truncated = &STANDARD_ID[..STANDARD_ID.len() - 4];
        let extended = format!("{STANDARD_ID}AAAA");
        for returned in [&*other, truncated, &extended, "", "not base64!"] {
            assert!(!requested.is_returned_as(returned), "{returned:?}");
        }
    }

    #[test]
    fn neither_debug_nor_the_error_shows_the_id() {
        let id = ReceiptId::parse(STANDARD_ID).unwrap();
        assert_eq!(format!("{id:?}"), "ReceiptId(<48 bytes>)");
        let text = ReceiptId::parse("9HNJDX5bEIN5!").unwrap_err().to_string();
        assert!(
            text.contains("receipt id") && !text.contains("9HNJ"),
            "{text}"
        );
    }

    #[test]
    fn garbage_is_a_typed_error() {
        for bad in ["", "   ", "not base64!", "%FF%FE", "a"] {
            assert!(
                matches!(ReceiptId::parse(bad), Err(IdError::Receipt)),
                "{bad:?}"
            );
        }
    }
}
