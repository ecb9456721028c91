//! A share: the policy check, the receipt (success or failure) encrypted for the application,
//! the session update and the webhook.

use std::sync::Arc;
use std::time::SystemTime;

use axum::http::StatusCode;
use prost::Message;
use yoti_policy::Policy;
use yoti_policy::catalogue::{self, application};
use yoti_policy::policy::{Constraint, WantedAttribute};
use yoti_policy::session::Extension;
use yoti_protocol::proto::{
    self, AttributeList, ContentType, DataEntry, DataEntryType, Definition, ExtraData,
    IssuingAttributes,
};
use yoti_protocol::receipt::ReceiptContent;
use yoti_protocol::receipt::encrypt::{produce_failure_receipt, produce_receipt};
use yoti_protocol::receipt::{ReceiptMetadata, RequirementNotMet};

use crate::anchors::AnchorKind;
use crate::application::Application;
use crate::error::ApiError;
use crate::share_request::{ShareRequest, SharedAttribute, identity_requirements};
use crate::state::Shared;
use crate::store::{NewReceipt, Owned, SessionStatus};
use crate::{ids, persona, times, webhook};

/// The error code of a receipt whose shared attributes do not satisfy the policy.
pub(crate) const REQUIREMENTS_NOT_MET: &str = "MANDATORY_DOCUMENT_NOT_PROVIDED";

/// What a completed share gives back.
#[derive(Debug, Clone)]
pub(crate) struct ShareOutcome {
    pub(crate) receipt_id: String,
    pub(crate) session_id: String,
}

/// Completes a share session with what `request` shares.
pub(crate) fn share(
    shared: &Arc<Shared>,
    session_id: &str,
    request: &ShareRequest,
) -> Result<ShareOutcome, ApiError> {
    let now = SystemTime::now();
    let (sdk_id, config) = {
        let store = shared.store();
        let session = store
            .session(session_id)
            .ok_or_else(|| ApiError::not_found("Share session not found"))?;
        check_open(session.status(now))?;
        // Refused before the receipt is made, not after.
        store.check_receipt_room(now)?;
        (session.sdk_id.clone(), session.config.clone())
    };
    let (app, remember_me_id, parent_remember_me_id) = {
        let apps = shared.apps_read();
        let entry = apps
            .get(&sdk_id)
            .ok_or_else(|| ApiError::internal("the session's application is gone"))?;
        (
            entry.app.clone(),
            entry.remember_me_id.clone(),
            entry.parent_remember_me_id.clone(),
        )
    };
    let policy = config.policy();
    let attributes = request.attributes(policy);
    let unmet = match &request.requirements_not_met {
        Some(given) if given.is_empty() => {
            return Err(ApiError::invalid_payload(
                "`requirements_not_met` must list at least one requirement",
            ));
        }
        Some(given) => given
            .iter()
            .map(|unmet| {
                let mut requirement = requirement(
                    unmet.failure_type().as_str(),
                    unmet.document_type().map(str::to_owned),
                    unmet.details(),
                )?;
                if let Some(country) = unmet.document_country_iso_code() {
                    requirement.document_country_iso_code = Some(country.to_owned());
                }
                Ok(requirement)
            })
            .collect::<Result<Vec<_>, ApiError>>()?,
        None => requirements_not_met(policy, &attributes)?,
    };

    let (receipt_id, receipt_bytes) = ids::receipt_id()?;
    let mut metadata = ReceiptMetadata {
        id: receipt_id.clone(),
        session_id: session_id.to_owned(),
        timestamp: times::rfc3339_seconds(now),
        ..ReceiptMetadata::default()
    };
    let (receipt_json, item_key) = if unmet.is_empty() {
        if policy.wanted_remember_me() {
            metadata.remember_me_id =
                Some(request.remember_me_id.clone().unwrap_or(remember_me_id));
            metadata.parent_remember_me_id = Some(
                request
                    .parent_remember_me_id
                    .clone()
                    .unwrap_or(parent_remember_me_id),
            );
        }
        let content = ReceiptContent {
            application_profile: Some(application_profile(&app).encode_to_vec().into()),
            application_extra_data: third_party_issuance(config.extensions())?
                .map(|extra| extra.encode_to_vec().into()),
            user_profile: Some(
                user_profile(shared, &attributes, now)?
                    .encode_to_vec()
                    .into(),
            ),
            user_extra_data: None,
        };
        let item_key_id = ids::item_key_id()?;
        let produced = produce_receipt(&app.public_key, &metadata, &item_key_id, &content)
            .map_err(|e| ApiError::internal(format!("the receipt could not be encrypted: {e}")))?;
        (
            produced.receipt_json,
            Some((item_key_id, produced.wrapped_item_key_json)),
        )
    } else {
        let json = produce_failure_receipt(&metadata, REQUIREMENTS_NOT_MET, &unmet)
            .map_err(|e| ApiError::internal(format!("the receipt could not be written: {e}")))?;
        (json, None)
    };

    {
        let mut store = shared.store();
        let now = SystemTime::now();
        let session = store
            .session(session_id)
            .ok_or_else(|| ApiError::not_found("Share session not found"))?;
        check_open(session.status(now))?;
        let receipt = NewReceipt {
            id: receipt_id.clone(),
            bytes: receipt_bytes,
            receipt: Owned {
                sdk_id: sdk_id.clone(),
                json: receipt_json,
            },
            item_key: item_key.map(|(id, json)| (id, Owned { sdk_id, json })),
        };
        if !store.add_receipt(session_id, receipt, now)? {
            return Err(ApiError::not_found("Share session not found"));
        }
    }
    if let Some(notification) = config.notification() {
        webhook::notify(
            shared,
            notification,
            &shared.app_domain(&app),
            session_id,
            &receipt_id,
        );
    }
    Ok(ShareOutcome {
        receipt_id,
        session_id: session_id.to_owned(),
    })
}

fn check_open(status: SessionStatus) -> Result<(), ApiError> {
    match status {
        SessionStatus::Completed => Err(ApiError::new(
            StatusCode::CONFLICT,
            "SESSION_COMPLETED",
            "The share session has already been shared",
        )),
        SessionStatus::Expired => Err(ApiError::new(
            StatusCode::CONFLICT,
            "SESSION_EXPIRED",
            "The share session has expired",
        )),
        SessionStatus::Created | SessionStatus::QrCodeCreated => Ok(()),
    }
}

/// Every required wanted attribute missing from what was shared, or shared only from sources
/// the policy does not accept; and the identity profile, when asked for and not shared.
fn requirements_not_met(
    policy: &Policy,
    attributes: &[SharedAttribute],
) -> Result<Vec<RequirementNotMet>, ApiError> {
    let mut unmet = Vec::new();
    for wanted in policy.wanted().iter().filter(|w| !w.is_optional()) {
        let candidates = answer_names(wanted);
        let found: Vec<_> = attributes
            .iter()
            .filter(|a| candidates.contains(&a.name))
            .collect();
        let key = wanted.derivation().unwrap_or(wanted.name());
        if found.is_empty() {
            unmet.push(requirement("ATTRIBUTE_NOT_PROVIDED", None, key)?);
            continue;
        }
        if let Some(documents) = hard_sources(wanted)
            && !found.iter().any(|a| from_sources(a, &documents))
        {
            let first = documents.first().map(|(name, _)| name.clone());
            unmet.push(requirement("SOURCE_CONSTRAINT_NOT_MET", first, key)?);
            continue;
        }
        if wanted.accept_self_asserted() == Some(false)
            && found.iter().all(|a| a.is_self_asserted())
        {
            unmet.push(requirement("SELF_ASSERTED_NOT_ACCEPTED", None, key)?);
        }
    }
    if identity_requirements(policy).is_some()
        && !attributes
            .iter()
            .any(|a| a.name == catalogue::IDENTITY_PROFILE_REPORT)
    {
        unmet.push(requirement(
            "IDENTITY_PROFILE_NOT_MET",
            None,
            catalogue::IDENTITY_PROFILE_REPORT,
        )?);
    }
    Ok(unmet)
}

fn requirement(
    failure_type: &str,
    document_type: Option<String>,
    details: &str,
) -> Result<RequirementNotMet, ApiError> {
    let mut requirement = RequirementNotMet::new();
    requirement.failure_type = Some(failure_type.to_owned());
    // The person is the persona: when the document is one of its own, its country is known.
    requirement.document_country_iso_code = document_type
        .as_deref()
        .and_then(persona::document_country)
        .map(str::to_owned);
    requirement.document_type = document_type;
    requirement.details = Some(details.to_owned());
    requirement.audit_id = Some(ids::uuid()?);
    Ok(requirement)
}

/// The attribute names that answer a wanted attribute: its derivation (also without an
/// estimated-age buffer), or its name and alternative names.
fn answer_names(wanted: &WantedAttribute) -> Vec<String> {
    match wanted.derivation() {
        Some(derivation) => {
            let mut names = vec![derivation.to_owned()];
            let parts: Vec<_> = derivation.split(':').collect();
            if let [kind, age, _buffer] = parts.as_slice() {
                names.push(format!("{kind}:{age}"));
            }
            names
        }
        None => std::iter::once(wanted.name().to_owned())
            .chain(wanted.alternative_names().iter().cloned())
            .collect(),
    }
}

/// The documents (name, sub type) of the hard `SOURCE` constraints, `None` when there are none.
fn hard_sources(wanted: &WantedAttribute) -> Option<Vec<(String, String)>> {
    let documents: Vec<_> = wanted
        .constraints()
        .iter()
        .filter_map(|constraint| match constraint {
            Constraint::Source(source) if !source.soft_preference() => Some(source.anchors()),
            _ => None,
        })
        .flatten()
        .map(|a| (a.name().to_owned(), a.sub_type().to_owned()))
        .collect();
    (!documents.is_empty()).then_some(documents)
}

/// Whether one of the attribute's SOURCE anchors is one of the documents (an empty sub type in
/// the policy accepts any).
fn from_sources(attribute: &SharedAttribute, documents: &[(String, String)]) -> bool {
    attribute
        .anchors
        .iter()
        .filter(|a| a.kind == AnchorKind::Source)
        .any(|a| {
            documents
                .iter()
                .any(|(name, sub)| *name == a.value && (sub.is_empty() || *sub == a.sub_type))
        })
}

fn user_profile(
    shared: &Shared,
    attributes: &[SharedAttribute],
    now: SystemTime,
) -> Result<AttributeList, ApiError> {
    let attributes = attributes
        .iter()
        .map(|a| {
            let anchors = a
                .anchors
                .iter()
                .map(|spec| shared.anchors.anchor(spec, now))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| ApiError::internal(e.to_string()))?;
            Ok(proto::Attribute {
                name: a.name.clone(),
                value: a.value.clone().into(),
                content_type: a.content_type as i32,
                anchors,
                ephemeral_id: ids::uuid()?,
                ..proto::Attribute::default()
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    Ok(AttributeList { attributes })
}

fn application_profile(app: &Application) -> AttributeList {
    let text = |name: &str, value: &str| proto::Attribute {
        name: name.to_owned(),
        value: value.as_bytes().to_vec().into(),
        content_type: ContentType::String as i32,
        ..proto::Attribute::default()
    };
    let mut attributes = vec![
        text(application::NAME, &app.name),
        text(application::URL, &app.url),
    ];
    if let Some(logo) = &app.logo {
        attributes.push(proto::Attribute {
            name: application::LOGO.to_owned(),
            value: logo.bytes.clone().into(),
            content_type: if logo.png {
                ContentType::Png
            } else {
                ContentType::Jpeg
            } as i32,
            ..proto::Attribute::default()
        });
    }
    attributes.push(text(application::RECEIPT_BGCOLOR, &app.receipt_bgcolor));
    AttributeList { attributes }
}

/// The application extra data for a session that asks Yoti to issue third-party attributes:
/// one `THIRD_PARTY_ATTRIBUTE` entry with a fresh issuance token.
fn third_party_issuance(extensions: &[Extension]) -> Result<Option<ExtraData>, ApiError> {
    let Some(issue) = extensions.iter().find_map(|e| match e {
        Extension::ThirdPartyAttribute(issue) => Some(issue),
        _ => None,
    }) else {
        return Ok(None);
    };
    let attribute = proto::ThirdPartyAttribute {
        issuance_token: ids::random::<24>()?.to_vec().into(),
        issuing_attributes: Some(IssuingAttributes {
            expiry_date: times::rfc3339_millis(issue.expiry_date()),
            definitions: issue
                .definitions()
                .iter()
                .map(|name| Definition { name: name.clone() })
                .collect(),
        }),
    };
    Ok(Some(ExtraData {
        list: vec![DataEntry {
            r#type: DataEntryType::ThirdPartyAttribute as i32,
            value: attribute.encode_to_vec().into(),
        }],
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anchors::AnchorSpec;
    use yoti_policy::policy::{SourceAnchor, SourceConstraint};

    fn attribute(name: &str, anchors: Vec<AnchorSpec>) -> SharedAttribute {
        SharedAttribute {
            name: name.to_owned(),
            content_type: ContentType::String,
            value: b"x".to_vec(),
            anchors,
        }
    }

    #[test]
    fn missing_and_wrongly_sourced_attributes_are_reported() {
        let passport_only = WantedAttribute::new("family_name").with_constraint(
            SourceConstraint::new().with_anchor(SourceAnchor::new("PASSPORT", "")),
        );
        let policy = Policy::builder()
            .full_name()
            .wanted(passport_only)
            .wanted(WantedAttribute::new("email_address").with_optional(true))
            .build()
            .unwrap();
        let licence = vec![AnchorSpec::source("DRIVING_LICENCE", "")];
        let unmet = requirements_not_met(&policy, &[attribute("family_name", licence)]).unwrap();
        assert_eq!(unmet.len(), 2);
        assert_eq!(
            unmet[0].failure_type.as_deref(),
            Some("ATTRIBUTE_NOT_PROVIDED")
        );
        assert_eq!(unmet[0].details.as_deref(), Some("full_name"));
        assert_eq!(
            unmet[1].failure_type.as_deref(),
            Some("SOURCE_CONSTRAINT_NOT_MET")
        );
        assert_eq!(unmet[1].document_type.as_deref(), Some("PASSPORT"));
        // The persona's passport is British; nothing is known of a document it does not have.
        assert_eq!(unmet[1].document_country_iso_code.as_deref(), Some("GBR"));
        assert_eq!(unmet[0].document_country_iso_code, None);

        let passport = vec![AnchorSpec::source("PASSPORT", "OCR")];
        let ok = [
            attribute("full_name", vec![]),
            attribute("family_name", passport),
        ];
        assert!(requirements_not_met(&policy, &ok).unwrap().is_empty());
    }

    #[test]
    fn the_persona_satisfies_any_policy_made_from_the_catalogue() {
        let mut builder = Policy::builder()
            .age_over(18)
            .age_under(65)
            .estimated_age_over(21, 3)
            .remember_me(true)
            .identity_profile_requirements(serde_json::json!({"trust_framework": "UK_TFIDA"}));
        for (i, spec) in catalogue::ATTRIBUTES.iter().enumerate() {
            let (_, document) = catalogue::SOURCE_ANCHORS[i % catalogue::SOURCE_ANCHORS.len()];
            builder = builder.wanted(
                WantedAttribute::new(spec.name)
                    .with_accept_self_asserted(false)
                    .with_constraint(
                        SourceConstraint::new().with_anchor(SourceAnchor::new(document, "")),
                    ),
            );
        }
        let policy = builder.build().unwrap();
        let shared = crate::share_request::persona_share(&policy);
        assert!(shared.len() > catalogue::ATTRIBUTES.len());
        assert!(requirements_not_met(&policy, &shared).unwrap().is_empty());
    }

    #[test]
    fn self_asserted_values_are_refused_when_the_policy_says_so() {
        let policy = Policy::builder()
            .wanted(WantedAttribute::new("phone_number").with_accept_self_asserted(false))
            .build()
            .unwrap();
        let typed_in = attribute(
            "phone_number",
            vec![AnchorSpec::source("USER_PROVIDED", "")],
        );
        let unmet = requirements_not_met(&policy, &[typed_in]).unwrap();
        assert_eq!(
            unmet[0].failure_type.as_deref(),
            Some("SELF_ASSERTED_NOT_ACCEPTED")
        );
    }

    #[test]
    fn identity_profiles_need_a_report() {
        let policy = Policy::builder()
            .identity_profile_requirements(serde_json::json!({"trust_framework": "UK_TFIDA"}))
            .build()
            .unwrap();
        let unmet = requirements_not_met(&policy, &[]).unwrap();
        assert_eq!(
            unmet[0].failure_type.as_deref(),
            Some("IDENTITY_PROFILE_NOT_MET")
        );
        let report = attribute("identity_profile_report", vec![]);
        assert!(requirements_not_met(&policy, &[report]).unwrap().is_empty());
    }
}
