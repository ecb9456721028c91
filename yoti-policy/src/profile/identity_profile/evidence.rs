//! `evidence` of a verification report, whose images link to attributes of the same profile by
//! ephemeral id.

use super::view::{object_at, objects_at, str_at, strs_at, view};
use crate::profile::{Attribute, Profile};

view! {
    /// `evidence`: the documents and the face capture.
    Evidence
}

impl<'a> Evidence<'a> {
    /// `documents`.
    pub fn documents(&self) -> impl Iterator<Item = EvidenceDocument<'a>> + 'a {
        objects_at(self.json, "documents").map(EvidenceDocument::new)
    }

    /// `face_capture`.
    pub fn face_capture(&self) -> Option<FaceCapture<'a>> {
        object_at(self.json, "face_capture").map(FaceCapture::new)
    }
}

view! {
    /// One document of the evidence.
    EvidenceDocument
}

impl<'a> EvidenceDocument<'a> {
    /// `evidence_id`, which `evidence_links` of the assurance process name.
    pub fn evidence_id(&self) -> Option<&'a str> {
        str_at(self.json, "evidence_id")
    }

    /// `timestamp`, RFC 3339 text as sent.
    pub fn timestamp(&self) -> Option<&'a str> {
        str_at(self.json, "timestamp")
    }

    /// `document_fields`: what was read from the document (`document_type`, `full_name`, ...).
    pub fn document_fields(&self) -> Option<&'a serde_json::Map<String, serde_json::Value>> {
        object_at(self.json, "document_fields")
    }

    /// The `check` of each of `passed_checks`, e.g. `CHIP_DIGITAL_SIGNATURE`.
    pub fn passed_checks(&self) -> impl Iterator<Item = &'a str> + 'a {
        objects_at(self.json, "passed_checks").filter_map(|check| str_at(check, "check"))
    }

    /// `verifying_org`.
    pub fn verifying_org(&self) -> Option<&'a str> {
        str_at(self.json, "verifying_org")
    }

    /// `user_activity_ids`.
    pub fn user_activity_ids(&self) -> impl Iterator<Item = &'a str> + 'a {
        strs_at(self.json, "user_activity_ids")
    }

    /// `document_images_attribute_id`: the ephemeral id of the document's images in the
    /// profile.
    pub fn document_images_attribute_id(&self) -> Option<&'a str> {
        str_at(self.json, "document_images_attribute_id")
    }

    /// The attribute holding the document's images: the one of `profile` whose ephemeral id is
    /// [`document_images_attribute_id`](Self::document_images_attribute_id).
    pub fn images<'p>(&self, profile: &'p Profile) -> Option<&'p Attribute> {
        profile.attribute_by_ephemeral_id(self.document_images_attribute_id()?)
    }
}

view! {
    /// `face_capture`: the selfie and how liveness was checked.
    FaceCapture
}

impl<'a> FaceCapture<'a> {
    /// `evidence_id`, which `evidence_links` of the assurance process name.
    pub fn evidence_id(&self) -> Option<&'a str> {
        str_at(self.json, "evidence_id")
    }

    /// `initial_liveness`.
    pub fn initial_liveness(&self) -> Option<Liveness<'a>> {
        object_at(self.json, "initial_liveness").map(Liveness::new)
    }

    /// `verifying_org`.
    pub fn verifying_org(&self) -> Option<&'a str> {
        str_at(self.json, "verifying_org")
    }

    /// `user_activity_ids`.
    pub fn user_activity_ids(&self) -> impl Iterator<Item = &'a str> + 'a {
        strs_at(self.json, "user_activity_ids")
    }

    /// `selfie_attribute_id`: the ephemeral id of the selfie in the profile.
    pub fn selfie_attribute_id(&self) -> Option<&'a str> {
        str_at(self.json, "selfie_attribute_id")
    }

    /// The attribute holding the selfie: the one of `profile` whose ephemeral id is
    /// [`selfie_attribute_id`](Self::selfie_attribute_id).
    pub fn selfie<'p>(&self, profile: &'p Profile) -> Option<&'p Attribute> {
        profile.attribute_by_ephemeral_id(self.selfie_attribute_id()?)
    }
}

view! {
    /// `initial_liveness` of a face capture.
    Liveness
}

impl<'a> Liveness<'a> {
    /// `type`, e.g. `ACTIVE`.
    pub fn liveness_type(&self) -> Option<&'a str> {
        str_at(self.json, "type")
    }

    /// `timestamp`, RFC 3339 text as sent.
    pub fn timestamp(&self) -> Option<&'a str> {
        str_at(self.json, "timestamp")
    }
}
