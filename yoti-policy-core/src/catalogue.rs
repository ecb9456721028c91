//! The attribute catalogue: the one place that lists which user attributes can be asked for, what
//! kind of value each returns, which anchors a `SOURCE` constraint can name and which
//! authentication types have a name.
//!
//! ```
//! use yoti_policy_core::catalogue::{attribute, did_you_mean, ValueKind, ATTRIBUTE_WORDS};
//!
//! let selfie = attribute("selfie").unwrap();
//! assert_eq!(selfie.name, "selfie");
//! assert_eq!(selfie.kind, ValueKind::Image);
//! assert!(attribute("full_nme").is_none());
//! assert_eq!(did_you_mean("full_nme", ATTRIBUTE_WORDS), Some("full_name"));
//! ```

/// What kind of value a requested attribute comes back as, which decides the Rust types that can
/// hold it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ValueKind {
    /// A UTF-8 string (`full_name`, `email_address`, ...).
    Text,
    /// A calendar date (`date_of_birth`).
    Date,
    /// The result of an age check (`age_over:18`, `age_under:30`, estimated age).
    AgeCheck,
    /// A JPEG or PNG image (`selfie`).
    Image,
    /// The `document_details` string grammar.
    DocumentDetails,
    /// A multi-value of images (`document_images`).
    DocumentImages,
    /// The `structured_postal_address` JSON object.
    StructuredPostalAddress,
    /// An attribute outside the catalogue: any type that can decode an attribute.
    Any,
}

impl ValueKind {
    /// Name of the trait in `yoti_policy::__private::kind` through which the derive decodes a
    /// field of this kind (`<FieldType as HoldsText>::required`), so that a field type that
    /// cannot hold the value is one compile error under the field's type. Keeping the name here
    /// makes any drift a compile error.
    pub const fn holds_trait(self) -> &'static str {
        match self {
            ValueKind::Text => "HoldsText",
            ValueKind::Date => "HoldsDate",
            ValueKind::AgeCheck => "HoldsAgeCheck",
            ValueKind::Image => "HoldsImage",
            ValueKind::DocumentDetails => "HoldsDocumentDetails",
            ValueKind::DocumentImages => "HoldsDocumentImages",
            ValueKind::StructuredPostalAddress => "HoldsStructuredPostalAddress",
            ValueKind::Any => "HoldsAny",
        }
    }
}

/// One user attribute that a policy can ask for by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AttributeSpec {
    /// The attribute name on the wire, also the selector word in `#[yoti(...)]`.
    pub name: &'static str,
    /// What the attribute's value decodes to.
    pub kind: ValueKind,
}

/// Every attribute a policy can ask for by name, in the order Yoti's documentation lists them.
pub const ATTRIBUTES: &[AttributeSpec] = &[
    AttributeSpec {
        name: FAMILY_NAME,
        kind: ValueKind::Text,
    },
    AttributeSpec {
        name: GIVEN_NAMES,
        kind: ValueKind::Text,
    },
    AttributeSpec {
        name: FULL_NAME,
        kind: ValueKind::Text,
    },
    AttributeSpec {
        name: DATE_OF_BIRTH,
        kind: ValueKind::Date,
    },
    AttributeSpec {
        name: GENDER,
        kind: ValueKind::Text,
    },
    AttributeSpec {
        name: POSTAL_ADDRESS,
        kind: ValueKind::Text,
    },
    AttributeSpec {
        name: STRUCTURED_POSTAL_ADDRESS,
        kind: ValueKind::StructuredPostalAddress,
    },
    AttributeSpec {
        name: NATIONALITY,
        kind: ValueKind::Text,
    },
    AttributeSpec {
        name: PHONE_NUMBER,
        kind: ValueKind::Text,
    },
    AttributeSpec {
        name: SELFIE,
        kind: ValueKind::Image,
    },
    AttributeSpec {
        name: EMAIL_ADDRESS,
        kind: ValueKind::Text,
    },
    AttributeSpec {
        name: DOCUMENT_DETAILS,
        kind: ValueKind::DocumentDetails,
    },
    AttributeSpec {
        name: DOCUMENT_IMAGES,
        kind: ValueKind::DocumentImages,
    },
];

/// The selector words of [`ATTRIBUTES`], for "did you mean" suggestions.
pub const ATTRIBUTE_WORDS: &[&str] = &[
    FAMILY_NAME,
    GIVEN_NAMES,
    FULL_NAME,
    DATE_OF_BIRTH,
    GENDER,
    POSTAL_ADDRESS,
    STRUCTURED_POSTAL_ADDRESS,
    NATIONALITY,
    PHONE_NUMBER,
    SELFIE,
    EMAIL_ADDRESS,
    DOCUMENT_DETAILS,
    DOCUMENT_IMAGES,
];

/// `family_name`
pub const FAMILY_NAME: &str = "family_name";
/// `given_names`
pub const GIVEN_NAMES: &str = "given_names";
/// `full_name`
pub const FULL_NAME: &str = "full_name";
/// `date_of_birth`; also the attribute that age derivations are asked on.
pub const DATE_OF_BIRTH: &str = "date_of_birth";
/// `gender`
pub const GENDER: &str = "gender";
/// `postal_address`
pub const POSTAL_ADDRESS: &str = "postal_address";
/// `structured_postal_address`
pub const STRUCTURED_POSTAL_ADDRESS: &str = "structured_postal_address";
/// `nationality`
pub const NATIONALITY: &str = "nationality";
/// `phone_number`
pub const PHONE_NUMBER: &str = "phone_number";
/// `selfie`
pub const SELFIE: &str = "selfie";
/// `email_address`
pub const EMAIL_ADDRESS: &str = "email_address";
/// `document_details`
pub const DOCUMENT_DETAILS: &str = "document_details";
/// `document_images`
pub const DOCUMENT_IMAGES: &str = "document_images";
/// `estimated_age`: asked for with derivation `age_over:N:BUFFER` and alternative name
/// `date_of_birth`.
pub const ESTIMATED_AGE: &str = "estimated_age";
/// `identity_profile_report`: returned when identity profile requirements are used; never asked
/// for by name.
pub const IDENTITY_PROFILE_REPORT: &str = "identity_profile_report";

/// Derivation prefix of an "age over" check.
pub const AGE_OVER: &str = "age_over";
/// Derivation prefix of an "age under" check.
pub const AGE_UNDER: &str = "age_under";
/// Largest age an age derivation may name.
pub const MAX_AGE: u32 = 999;

/// Attribute names of the application profile, found in a receipt's application content.
pub mod application {
    /// `application_name`
    pub const NAME: &str = "application_name";
    /// `application_url`
    pub const URL: &str = "application_url";
    /// `application_logo`
    pub const LOGO: &str = "application_logo";
    /// `application_receipt_bgcolor`
    pub const RECEIPT_BGCOLOR: &str = "application_receipt_bgcolor";
}

/// A document type a `SOURCE` constraint can name: `(selector word, anchor name on the wire)`.
pub const SOURCE_ANCHORS: &[(&str, &str)] = &[
    ("passport", "PASSPORT"),
    ("driving_licence", "DRIVING_LICENCE"),
    ("national_id", "NATIONAL_ID"),
    ("pass_card", "PASS_CARD"),
];

/// The constraint type of a source constraint.
pub const SOURCE_CONSTRAINT: &str = "SOURCE";

/// Authentication type number of selfie authentication.
pub const SELFIE_AUTHENTICATION: u32 = 1;
/// Authentication type number of PIN authentication.
pub const PIN_AUTHENTICATION: u32 = 2;

/// Looks up an attribute by its name.
pub fn attribute(name: &str) -> Option<&'static AttributeSpec> {
    ATTRIBUTES.iter().find(|spec| spec.name == name)
}

/// Looks up the wire name of a source anchor by its selector word (`passport` → `PASSPORT`).
pub fn source_anchor(word: &str) -> Option<&'static str> {
    SOURCE_ANCHORS
        .iter()
        .find(|(w, _)| *w == word)
        .map(|(_, name)| *name)
}

/// Whether `name` is an attribute name Yoti accepts in a wanted attribute: one of
/// [`ATTRIBUTES`] or [`ESTIMATED_AGE`].
pub fn is_requestable(name: &str) -> bool {
    name == ESTIMATED_AGE || attribute(name).is_some()
}

/// The candidate closest to `word`, if it is close enough to be a likely typo (at most a third of
/// the word's length in edits, and at least two so that short words like `selfy` find theirs).
pub fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let limit = (word.len() / 3).max(2);
    candidates
        .iter()
        .map(|c| (edit_distance(word, c), *c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance over bytes, bounded to short words (selector words are ASCII and short).
fn edit_distance(a: &str, b: &str) -> usize {
    const MAX: usize = 64;
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() >= MAX || b.len() >= MAX {
        return usize::MAX;
    }
    let mut prev = [0usize; MAX];
    let mut cur = [0usize; MAX];
    for (j, slot) in prev.iter_mut().enumerate().take(b.len() + 1) {
        *slot = j;
    }
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_attribute_word_is_in_the_catalogue_once() {
        assert_eq!(ATTRIBUTES.len(), ATTRIBUTE_WORDS.len());
        for (spec, word) in ATTRIBUTES.iter().zip(ATTRIBUTE_WORDS) {
            assert_eq!(spec.name, *word);
            assert_eq!(ATTRIBUTES.iter().filter(|s| s.name == *word).count(), 1);
        }
    }

    #[test]
    fn suggestions_find_near_misses_only() {
        assert_eq!(did_you_mean("full_nme", ATTRIBUTE_WORDS), Some("full_name"));
        assert_eq!(did_you_mean("selfy", ATTRIBUTE_WORDS), Some("selfie"));
        assert_eq!(did_you_mean("email", ATTRIBUTE_WORDS), None);
        assert_eq!(did_you_mean("xyz", ATTRIBUTE_WORDS), None);
    }

    #[test]
    fn edit_distance_counts_edits() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("same", "same"), 0);
    }

    #[test]
    fn source_anchor_words_map_to_wire_names() {
        assert_eq!(source_anchor("driving_licence"), Some("DRIVING_LICENCE"));
        assert_eq!(source_anchor("passport"), Some("PASSPORT"));
        assert_eq!(source_anchor("PASSPORT"), None);
        assert!(is_requestable("estimated_age"));
        assert!(!is_requestable("identity_profile_report"));
    }
}
