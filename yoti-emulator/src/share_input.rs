//! A share written in Rust, for [`EmulatorHandle::share`](crate::EmulatorHandle::share): what the
//! control API's share body says, typed, without JSON or base64.

use prost::Message;
use yoti_protocol::proto::{ContentType, MultiValue, MultiValueItem};

use crate::anchors::{AnchorKind, AnchorSpec};
use crate::error::ApiError;
use crate::persona;
use crate::requirement::UnmetRequirement;
use crate::share_request::{ShareRequest, SharedAttribute};

/// What the person shares: given attributes (age derivations the policy asks for are computed
/// from a shared `date_of_birth`), the built-in persona, or a failure with given unmet
/// requirements. Whatever is shared is checked against the session's policy, as with Yoti: a
/// required attribute missing gives a failure receipt.
///
/// ```
/// use yoti_emulator::{FailureType, Share, ShareAttribute, UnmetRequirement};
///
/// let share = Share::new()
///     .text("full_name", "Ada Lovelace")
///     .date("date_of_birth", "1815-12-10")
///     .attribute(
///         ShareAttribute::text("nationality", "GBR")
///             .with_source("PASSPORT", "NFC")
///             .with_verifier("YOTI_ADMIN"),
///     );
/// let persona = Share::persona().remember_me_id("customer-7");
/// let failure = Share::failure([
///     UnmetRequirement::new(FailureType::SourceConstraintNotMet, "nationality")
///         .with_document("PASSPORT"),
/// ]);
/// # let _ = (share, persona, failure);
/// ```
#[derive(Clone, Default)]
pub struct Share {
    /// `None`: the persona.
    attributes: Option<Vec<ShareAttribute>>,
    remember_me_id: Option<String>,
    parent_remember_me_id: Option<String>,
    unmet: Option<Vec<UnmetRequirement>>,
}

impl Share {
    /// Nothing shared yet: add attributes with [`attribute`](Self::attribute) or the shorthands.
    pub fn new() -> Self {
        Share {
            attributes: Some(Vec::new()),
            ..Share::default()
        }
    }

    /// The built-in persona's answer to the policy (as an empty control API body).
    pub fn persona() -> Self {
        Share::default()
    }

    /// A failure receipt listing these requirements, in this order, whatever the policy.
    pub fn failure(unmet: impl IntoIterator<Item = UnmetRequirement>) -> Self {
        Share {
            unmet: Some(unmet.into_iter().collect()),
            ..Share::default()
        }
    }

    /// Shares `attribute` (after the persona's attributes are replaced, if this was
    /// [`persona`](Self::persona)).
    #[must_use]
    pub fn attribute(mut self, attribute: ShareAttribute) -> Self {
        self.attributes.get_or_insert_with(Vec::new).push(attribute);
        self
    }

    /// Shares a text (`STRING`) attribute with the persona's anchors for that name.
    #[must_use]
    pub fn text(self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.attribute(ShareAttribute::text(name, value))
    }

    /// Shares a `DATE` attribute, `YYYY-MM-DD`.
    #[must_use]
    pub fn date(self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.attribute(ShareAttribute::date(name, value))
    }

    /// Shares a `JPEG` image.
    #[must_use]
    pub fn jpeg(self, name: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        self.attribute(ShareAttribute::jpeg(name, bytes))
    }

    /// Shares a `JSON` attribute (e.g. `structured_postal_address`).
    #[must_use]
    pub fn json(self, name: impl Into<String>, value: &serde_json::Value) -> Self {
        self.attribute(ShareAttribute::json(name, value))
    }

    /// Shares the result of an age derivation such as `age_over:18` or `age_over:18:5`,
    /// instead of the one computed from the date of birth.
    #[must_use]
    pub fn age_check(self, derivation: impl Into<String>, passed: bool) -> Self {
        self.attribute(ShareAttribute::age_check(derivation, passed))
    }

    /// The receipt's remember-me id, when the policy asks for one (default: the persona's
    /// stable id for the application).
    #[must_use]
    pub fn remember_me_id(mut self, id: impl Into<String>) -> Self {
        self.remember_me_id = Some(id.into());
        self
    }

    /// The receipt's parent remember-me id, when the policy asks for a remember-me id.
    #[must_use]
    pub fn parent_remember_me_id(mut self, id: impl Into<String>) -> Self {
        self.parent_remember_me_id = Some(id.into());
        self
    }

    /// The share as the control API would have read it.
    pub(crate) fn to_request(&self) -> Result<ShareRequest, ApiError> {
        let attributes = self
            .attributes
            .as_ref()
            .map(|attributes| {
                attributes
                    .iter()
                    .enumerate()
                    .map(|(index, a)| a.to_shared(index))
                    .collect::<Result<Vec<_>, _>>()
            })
            .transpose()?;
        Ok(ShareRequest {
            attributes,
            remember_me_id: self.remember_me_id.clone(),
            parent_remember_me_id: self.parent_remember_me_id.clone(),
            requirements_not_met: self.unmet.clone(),
        })
    }
}

/// One shared attribute: its name, value and content type, and its anchors (by default the
/// persona's for that name: a passport, or for phone and email an OTP check).
#[derive(Clone, PartialEq, Eq)]
pub struct ShareAttribute {
    name: String,
    content_type: ContentType,
    value: Vec<u8>,
    /// `None`: the persona's anchors for the name.
    anchors: Option<Vec<AnchorSpec>>,
}

impl ShareAttribute {
    fn new(name: impl Into<String>, content_type: ContentType, value: Vec<u8>) -> Self {
        ShareAttribute {
            name: name.into(),
            content_type,
            value,
            anchors: None,
        }
    }

    /// A `STRING` value.
    pub fn text(name: impl Into<String>, value: impl Into<String>) -> Self {
        Self::new(name, ContentType::String, value.into().into_bytes())
    }

    /// A `DATE` value, `YYYY-MM-DD`.
    pub fn date(name: impl Into<String>, value: impl Into<String>) -> Self {
        Self::new(name, ContentType::Date, value.into().into_bytes())
    }

    /// A `JPEG` image.
    pub fn jpeg(name: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        Self::new(name, ContentType::Jpeg, bytes.into())
    }

    /// A `PNG` image.
    pub fn png(name: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        Self::new(name, ContentType::Png, bytes.into())
    }

    /// A `JSON` value.
    pub fn json(name: impl Into<String>, value: &serde_json::Value) -> Self {
        Self::new(name, ContentType::Json, value.to_string().into_bytes())
    }

    /// An `INT` value.
    pub fn int(name: impl Into<String>, value: i64) -> Self {
        Self::new(name, ContentType::Int, value.to_string().into_bytes())
    }

    /// A `MULTI_VALUE` of JPEG images, as `document_images` is sent.
    pub fn jpegs(name: impl Into<String>, images: impl IntoIterator<Item = Vec<u8>>) -> Self {
        let values = images
            .into_iter()
            .map(|data| MultiValueItem {
                content_type: ContentType::Jpeg as i32,
                data: data.into(),
            })
            .collect();
        Self::new(
            name,
            ContentType::MultiValue,
            MultiValue { values }.encode_to_vec(),
        )
    }

    /// The result of an age derivation such as `age_over:18`, with the persona's date of birth
    /// anchors.
    pub fn age_check(derivation: impl Into<String>, passed: bool) -> Self {
        let mut check = Self::text(derivation, if passed { "true" } else { "false" });
        check.anchors = Some(persona::default_anchors(
            yoti_policy::catalogue::DATE_OF_BIRTH,
        ));
        check
    }

    /// Adds a SOURCE anchor: the document it comes from (`PASSPORT`, `DRIVING_LICENCE`,
    /// `NATIONAL_ID`, `PASS_CARD`, `USER_PROVIDED`, ...) and its sub type (`NFC`, `OCR` or `""`).
    /// The first anchor given replaces the persona's.
    #[must_use]
    pub fn with_source(self, document: impl Into<String>, sub_type: impl Into<String>) -> Self {
        self.with_anchor(AnchorSpec {
            kind: AnchorKind::Source,
            value: document.into(),
            sub_type: sub_type.into(),
        })
    }

    /// Adds a VERIFIER anchor: who checked it (`YOTI_ADMIN`, `YOTI_IDENTITY`, `YOTI_OTP`,
    /// `PASSPORT_NFC_SIGNATURE`, ...). The first anchor given replaces the persona's.
    #[must_use]
    pub fn with_verifier(self, verifier: impl Into<String>) -> Self {
        self.with_anchor(AnchorSpec {
            kind: AnchorKind::Verifier,
            value: verifier.into(),
            sub_type: String::new(),
        })
    }

    /// Typed in by the person: one SOURCE `USER_PROVIDED` anchor and no verifier.
    #[must_use]
    pub fn self_asserted(mut self) -> Self {
        self.anchors = Some(vec![AnchorSpec::source("USER_PROVIDED", "")]);
        self
    }

    /// No anchors at all.
    #[must_use]
    pub fn without_anchors(mut self) -> Self {
        self.anchors = Some(Vec::new());
        self
    }

    fn with_anchor(mut self, anchor: AnchorSpec) -> Self {
        self.anchors.get_or_insert_with(Vec::new).push(anchor);
        self
    }

    /// The attribute as the control API would have read it; the index names it in errors.
    fn to_shared(&self, index: usize) -> Result<SharedAttribute, ApiError> {
        let invalid = |problem: &str| {
            ApiError::invalid_payload(format!("attribute {index} (`{}`): {problem}", self.name))
        };
        if self.name.is_empty() {
            return Err(invalid("the name is empty"));
        }
        let anchors = match &self.anchors {
            Some(anchors) => {
                if anchors.iter().any(|a| a.value.is_empty()) {
                    return Err(invalid("an anchor has an empty value"));
                }
                anchors.clone()
            }
            None => persona::default_anchors(&self.name),
        };
        Ok(SharedAttribute {
            name: self.name.clone(),
            content_type: self.content_type,
            value: self.value.clone(),
            anchors,
        })
    }
}

/// Names and sizes only: values and remember-me ids are personal data.
impl std::fmt::Debug for Share {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Share")
            .field("attributes", &self.attributes)
            .field(
                "remember_me_id",
                &self.remember_me_id.as_ref().map(|_| "<set>"),
            )
            .field(
                "parent_remember_me_id",
                &self.parent_remember_me_id.as_ref().map(|_| "<set>"),
            )
            .field("unmet", &self.unmet)
            .finish()
    }
}

impl std::fmt::Debug for ShareAttribute {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ShareAttribute")
            .field("name", &self.name)
            .field("content_type", &self.content_type)
            .field("value", &format_args!("<{} bytes>", self.value.len()))
            .field("anchors", &self.anchors)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_shows_names_not_values() {
        let share = Share::new()
            .text("full_name", "Ada Lovelace")
            .remember_me_id("secret-id");
        let shown = format!("{share:?}");
        assert!(shown.contains("full_name"), "{shown}");
        assert!(
            !shown.contains("Ada") && !shown.contains("secret-id"),
            "{shown}"
        );
    }

    #[test]
    fn anchors_given_replace_the_persona_s() {
        let shared = ShareAttribute::text("full_name", "Ada")
            .with_source("DRIVING_LICENCE", "")
            .to_shared(0)
            .unwrap();
        assert_eq!(shared.anchors, [AnchorSpec::source("DRIVING_LICENCE", "")]);
        let persona = ShareAttribute::text("full_name", "Ada")
            .to_shared(0)
            .unwrap();
        assert_eq!(persona.anchors, persona::default_anchors("full_name"));
        assert!(ShareAttribute::text("", "x").to_shared(0).is_err());
        assert!(
            ShareAttribute::text("x", "y")
                .with_verifier("")
                .to_shared(0)
                .is_err()
        );
    }
}
