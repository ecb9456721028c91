//! What a person shares: the control API body of `POST /emulator/v1/sessions/{id}/share` (or a
//! [`Share`](crate::Share) from Rust) read into attributes, or the built-in persona's answer to a
//! policy.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use prost::Message;
use serde::Deserialize;
use serde_json::Value;
use yoti_policy::Policy;
use yoti_policy::catalogue::{self, ValueKind};
use yoti_policy::policy::{Constraint, WantedAttribute};
use yoti_protocol::proto::{ContentType, MultiValue, MultiValueItem};

use crate::anchors::{AnchorKind, AnchorSpec};
use crate::error::ApiError;
use crate::requirement::UnmetRequirement;
use crate::{persona, times};

/// What a person shares: the persona's answer to the policy, or given attributes; or a failure
/// with given unmet requirements.
#[derive(Debug, Clone, Default)]
pub(crate) struct ShareRequest {
    /// `None`: the persona.
    pub(crate) attributes: Option<Vec<SharedAttribute>>,
    pub(crate) remember_me_id: Option<String>,
    pub(crate) parent_remember_me_id: Option<String>,
    /// A failure receipt with these requirements, whatever is shared.
    pub(crate) requirements_not_met: Option<Vec<UnmetRequirement>>,
}

/// The control API body. Without `attributes` the persona shares.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ShareRequestBody {
    #[serde(default)]
    attributes: Option<Vec<AttributeInput>>,
    #[serde(default)]
    remember_me_id: Option<String>,
    #[serde(default)]
    parent_remember_me_id: Option<String>,
    #[serde(default)]
    requirements_not_met: Option<Vec<UnmetRequirement>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AttributeInput {
    name: String,
    #[serde(default)]
    value: Value,
    #[serde(default)]
    content_type: Option<String>,
    #[serde(default)]
    anchors: Option<Vec<AnchorInput>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AnchorInput {
    #[serde(rename = "type")]
    kind: String,
    value: String,
    #[serde(default)]
    sub_type: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MultiValueInput {
    content_type: String,
    value: Value,
}

/// One attribute as shared, before it is encrypted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SharedAttribute {
    pub(crate) name: String,
    pub(crate) content_type: ContentType,
    pub(crate) value: Vec<u8>,
    pub(crate) anchors: Vec<AnchorSpec>,
}

impl SharedAttribute {
    /// Exactly one SOURCE `USER_PROVIDED` anchor and no VERIFIER (docs/protocol.md, "Anchors").
    pub(crate) fn is_self_asserted(&self) -> bool {
        let sources: Vec<_> = self
            .anchors
            .iter()
            .filter(|a| a.kind == AnchorKind::Source)
            .collect();
        sources.len() == 1
            && sources.iter().all(|a| a.value == "USER_PROVIDED")
            && !self.anchors.iter().any(|a| a.kind == AnchorKind::Verifier)
    }
}

impl ShareRequest {
    /// Reads the body; empty means the persona.
    pub(crate) fn parse(body: &[u8]) -> Result<Self, ApiError> {
        if body.iter().all(u8::is_ascii_whitespace) {
            return Ok(ShareRequest::default());
        }
        let value = crate::json_body::parse(body)?;
        let body: ShareRequestBody = serde_json::from_value(value)
            .map_err(|e| ApiError::invalid_payload(format!("The share request is invalid: {e}")))?;
        let attributes = body
            .attributes
            .map(|inputs| {
                inputs
                    .iter()
                    .enumerate()
                    .map(|(i, input)| input.to_shared(i))
                    .collect::<Result<Vec<_>, _>>()
            })
            .transpose()?;
        Ok(ShareRequest {
            attributes,
            remember_me_id: body.remember_me_id,
            parent_remember_me_id: body.parent_remember_me_id,
            requirements_not_met: body.requirements_not_met,
        })
    }

    /// The attributes shared for `policy`.
    pub(crate) fn attributes(&self, policy: &Policy) -> Vec<SharedAttribute> {
        match &self.attributes {
            None => persona_share(policy),
            Some(given) => {
                let mut shared = given.clone();
                add_derivations(policy, &mut shared);
                shared
            }
        }
    }
}

impl AttributeInput {
    fn to_shared(&self, index: usize) -> Result<SharedAttribute, ApiError> {
        let invalid = |reason: String| {
            ApiError::invalid_payload(format!("attributes[{index}] (`{}`): {reason}", self.name))
        };
        if self.name.is_empty() {
            return Err(invalid("the name is empty".to_owned()));
        }
        let content_type = match &self.content_type {
            Some(name) => parse_content_type(name).ok_or_else(|| {
                invalid(format!(
                    "unknown content_type `{name}`; use STRING, JPEG, DATE, PNG, JSON, \
                     MULTI_VALUE, INT or UNDEFINED"
                ))
            })?,
            None => default_content_type(&self.name),
        };
        let value = encode_value(content_type, &self.value).map_err(invalid)?;
        let anchors = match &self.anchors {
            None => persona::default_anchors(&self.name),
            Some(anchors) => anchors
                .iter()
                .map(|a| {
                    let kind = match a.kind.to_ascii_uppercase().as_str() {
                        "SOURCE" => AnchorKind::Source,
                        "VERIFIER" => AnchorKind::Verifier,
                        other => {
                            return Err(invalid(format!(
                                "unknown anchor type `{other}`; use SOURCE or VERIFIER"
                            )));
                        }
                    };
                    if a.value.is_empty() {
                        return Err(invalid("an anchor has an empty value".to_owned()));
                    }
                    Ok(AnchorSpec {
                        kind,
                        value: a.value.clone(),
                        sub_type: a.sub_type.clone(),
                    })
                })
                .collect::<Result<_, _>>()?,
        };
        Ok(SharedAttribute {
            name: self.name.clone(),
            content_type,
            value,
            anchors,
        })
    }
}

fn parse_content_type(name: &str) -> Option<ContentType> {
    Some(match name.to_ascii_uppercase().as_str() {
        "UNDEFINED" => ContentType::Undefined,
        "STRING" => ContentType::String,
        "JPEG" => ContentType::Jpeg,
        "DATE" => ContentType::Date,
        "PNG" => ContentType::Png,
        "JSON" => ContentType::Json,
        "MULTI_VALUE" => ContentType::MultiValue,
        "INT" => ContentType::Int,
        _ => return None,
    })
}

/// The content type Yoti sends an attribute with, from the catalogue.
fn default_content_type(name: &str) -> ContentType {
    if name == catalogue::IDENTITY_PROFILE_REPORT {
        return ContentType::Json;
    }
    match catalogue::attribute(name).map(|spec| spec.kind) {
        Some(ValueKind::Date) => ContentType::Date,
        Some(ValueKind::Image) => ContentType::Jpeg,
        Some(ValueKind::DocumentImages) => ContentType::MultiValue,
        Some(ValueKind::StructuredPostalAddress) => ContentType::Json,
        _ => ContentType::String,
    }
}

/// The bytes of a value given in JSON: text as is, images as base64, JSON as JSON text,
/// multi-values as a list of `{content_type, value}`.
fn encode_value(content_type: ContentType, value: &Value) -> Result<Vec<u8>, String> {
    match (content_type, value) {
        (ContentType::Int, Value::Number(n)) => Ok(n.to_string().into_bytes()),
        (
            ContentType::String | ContentType::Date | ContentType::Int | ContentType::Undefined,
            Value::String(s),
        ) => Ok(s.as_bytes().to_vec()),
        (ContentType::Jpeg | ContentType::Png, Value::String(s)) => STANDARD
            .decode(s.trim())
            .map_err(|e| format!("the image is not standard base64: {e}")),
        (ContentType::Json, Value::String(s)) => serde_json::from_str::<Value>(s)
            .map(|_| s.as_bytes().to_vec())
            .map_err(|e| format!("the JSON text does not parse: {e}")),
        (ContentType::Json, Value::Null) => Err("the value is missing".to_owned()),
        (ContentType::Json, other) => serde_json::to_vec(other).map_err(|e| e.to_string()),
        (ContentType::MultiValue, Value::Array(items)) => {
            let values = items
                .iter()
                .map(|item| {
                    let item: MultiValueInput = serde_json::from_value(item.clone())
                        .map_err(|e| format!("a multi-value item is invalid: {e}"))?;
                    let content_type = parse_content_type(&item.content_type).ok_or_else(|| {
                        format!("unknown multi-value content_type `{}`", item.content_type)
                    })?;
                    Ok(MultiValueItem {
                        content_type: content_type as i32,
                        data: encode_value(content_type, &item.value)?.into(),
                    })
                })
                .collect::<Result<Vec<_>, String>>()?;
            Ok(MultiValue { values }.encode_to_vec())
        }
        (ContentType::MultiValue, _) => {
            Err("a MULTI_VALUE value is a list of {content_type, value} items".to_owned())
        }
        (ContentType::Jpeg | ContentType::Png, _) => {
            Err("an image value is a base64 string".to_owned())
        }
        (_, Value::Null) => Err("the value is missing".to_owned()),
        _ => Err("the value must be a string".to_owned()),
    }
}

/// The result of an age derivation (`age_over:N`, `age_under:N`, `age_over:N:BUFFER`) for a
/// date of birth, on today's date; `None` when either does not parse.
pub(crate) fn derive_age(derivation: &str, date_of_birth: &str) -> Option<bool> {
    let age = times::age_on(date_of_birth, times::today())?;
    let mut parts = derivation.split(':');
    let kind = parts.next()?;
    let limit: u32 = parts.next()?.parse().ok()?;
    let buffer: u32 = match parts.next() {
        Some(b) => b.parse().ok()?,
        None => 0,
    };
    match kind {
        catalogue::AGE_OVER => Some(age >= limit.saturating_add(buffer)),
        catalogue::AGE_UNDER => Some(age < limit),
        _ => None,
    }
}

/// The anchors of the first `SOURCE` constraint's first document, with a verifier.
fn constraint_anchors(wanted: &WantedAttribute) -> Option<Vec<AnchorSpec>> {
    wanted
        .constraints()
        .iter()
        .find_map(|constraint| match constraint {
            Constraint::Source(source) => source.anchors().first().map(|anchor| {
                vec![
                    AnchorSpec::source(anchor.name(), anchor.sub_type()),
                    AnchorSpec::verifier("YOTI_ADMIN"),
                ]
            }),
            _ => None,
        })
}

/// What the persona shares for a policy: each wanted attribute (the first name it has among
/// the name and alternative names), age derivations computed from its date of birth, anchors
/// that satisfy the first source constraint, and an identity profile report when asked.
pub(crate) fn persona_share(policy: &Policy) -> Vec<SharedAttribute> {
    let mut shared: Vec<SharedAttribute> = Vec::new();
    for wanted in policy.wanted() {
        let attribute = if let Some(derivation) = wanted.derivation() {
            derive_age(derivation, persona::DATE_OF_BIRTH).map(|result| SharedAttribute {
                name: derivation.to_owned(),
                content_type: ContentType::String,
                value: result.to_string().into_bytes(),
                anchors: constraint_anchors(wanted)
                    .unwrap_or_else(|| persona::default_anchors(catalogue::DATE_OF_BIRTH)),
            })
        } else {
            std::iter::once(wanted.name())
                .chain(wanted.alternative_names().iter().map(String::as_str))
                .find_map(|name| {
                    persona::value(name).map(|value| SharedAttribute {
                        name: name.to_owned(),
                        content_type: value.content_type,
                        value: value.value,
                        anchors: constraint_anchors(wanted)
                            .unwrap_or_else(|| persona::default_anchors(name)),
                    })
                })
        };
        if let Some(attribute) = attribute
            && !shared.contains(&attribute)
        {
            shared.push(attribute);
        }
    }
    if let Some(requirements) = identity_requirements(policy) {
        shared.push(SharedAttribute {
            name: catalogue::IDENTITY_PROFILE_REPORT.to_owned(),
            content_type: ContentType::Json,
            value: persona::identity_profile_report(Some(requirements)),
            anchors: Vec::new(),
        });
    }
    shared
}

/// The identity profile requirements of a policy, either kind.
pub(crate) fn identity_requirements(policy: &Policy) -> Option<&Value> {
    policy
        .identity_profile_requirements()
        .or(policy.advanced_identity_profile_requirements())
}

/// Adds the age derivations the policy asks for and the shared attributes lack, computed from a
/// shared `date_of_birth`, as Yoti derives them.
fn add_derivations(policy: &Policy, shared: &mut Vec<SharedAttribute>) {
    let Some(date_of_birth) = shared
        .iter()
        .find(|a| a.name == catalogue::DATE_OF_BIRTH)
        .cloned()
    else {
        return;
    };
    let text = String::from_utf8_lossy(&date_of_birth.value).into_owned();
    for derivation in policy.wanted().iter().filter_map(|w| w.derivation()) {
        if shared.iter().any(|a| a.name == derivation) {
            continue;
        }
        if let Some(result) = derive_age(derivation, &text) {
            shared.push(SharedAttribute {
                name: derivation.to_owned(),
                content_type: ContentType::String,
                value: result.to_string().into_bytes(),
                anchors: date_of_birth.anchors.clone(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn values_encode_by_content_type() {
        assert_eq!(encode_value(ContentType::Int, &json!(42)).unwrap(), b"42");
        assert_eq!(
            encode_value(ContentType::Jpeg, &json!("AAE=")).unwrap(),
            [0, 1]
        );
        assert!(encode_value(ContentType::Jpeg, &json!("!")).is_err());
        assert_eq!(
            encode_value(ContentType::Json, &json!({"a": 1})).unwrap(),
            br#"{"a":1}"#
        );
        assert!(encode_value(ContentType::Json, &json!("{")).is_err());
        let multi = encode_value(
            ContentType::MultiValue,
            &json!([{"content_type": "PNG", "value": "AAE="}]),
        )
        .unwrap();
        let decoded = MultiValue::decode(multi.as_slice()).unwrap();
        assert_eq!(decoded.values[0].content_type, ContentType::Png as i32);
        assert!(encode_value(ContentType::String, &json!(1)).is_err());
    }

    #[test]
    fn the_persona_answers_every_catalogue_attribute_and_derivation() {
        let policy = Policy::builder()
            .full_name()
            .age_over(18)
            .age_under(21)
            .build()
            .unwrap();
        let shared = persona_share(&policy);
        let names: Vec<_> = shared.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["full_name", "age_over:18", "age_under:21"]);
        assert_eq!(shared[1].value, b"true");
        assert_eq!(shared[2].value, b"false");
        assert!(!shared[0].is_self_asserted());

        let policy = Policy::builder()
            .estimated_age_over(18, 5)
            .identity_profile_requirements(serde_json::json!({"trust_framework": "YOTI_GLOBAL"}))
            .build()
            .unwrap();
        let shared = persona_share(&policy);
        assert_eq!(shared[0].name, "age_over:18:5");
        assert_eq!(shared[0].value, b"true");
        assert_eq!(shared[1].name, "identity_profile_report");
        let report: Value = serde_json::from_slice(&shared[1].value).unwrap();
        assert_eq!(
            report["verification_report"]["trust_framework"],
            "YOTI_GLOBAL"
        );
    }

    #[test]
    fn derivations_follow_the_date_of_birth() {
        assert_eq!(derive_age("age_over:18", "2000-01-01"), Some(true));
        assert_eq!(derive_age("age_under:18", "2000-01-01"), Some(false));
        assert_eq!(derive_age("age_over:18:200", "2000-01-01"), Some(false));
        assert_eq!(derive_age("age_between:18", "2000-01-01"), None);
    }
}
