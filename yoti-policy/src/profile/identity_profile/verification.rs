//! `verification_report`: how the identity was verified and against which schemes.

use super::evidence::Evidence;
use super::view::{bool_at, object_at, objects_at, str_at, strs_at, view};

view! {
    /// `verification_report` (one of `verification_reports` in an advanced report): trust
    /// framework, scheme compliance, assurance process and evidence.
    VerificationReport
}

impl<'a> VerificationReport<'a> {
    /// `report_id`.
    pub fn report_id(&self) -> Option<&'a str> {
        str_at(self.json, "report_id")
    }

    /// `timestamp`, RFC 3339 text as sent.
    pub fn timestamp(&self) -> Option<&'a str> {
        str_at(self.json, "timestamp")
    }

    /// `subject_id`: identifies the person to this application.
    pub fn subject_id(&self) -> Option<&'a str> {
        str_at(self.json, "subject_id")
    }

    /// `trust_framework`, e.g. `UK_TFIDA`.
    pub fn trust_framework(&self) -> Option<&'a str> {
        str_at(self.json, "trust_framework")
    }

    /// `schemes_compliance`: each requested scheme and whether its requirements were met.
    pub fn schemes(&self) -> impl Iterator<Item = SchemeCompliance<'a>> + 'a {
        objects_at(self.json, "schemes_compliance").map(SchemeCompliance::new)
    }

    /// `assurance_process`.
    pub fn assurance_process(&self) -> Option<AssuranceProcess<'a>> {
        object_at(self.json, "assurance_process").map(AssuranceProcess::new)
    }

    /// `evidence`: the documents and the face capture the verification used.
    pub fn evidence(&self) -> Option<Evidence<'a>> {
        object_at(self.json, "evidence").map(Evidence::new)
    }
}

view! {
    /// One entry of `schemes_compliance`.
    SchemeCompliance
}

impl<'a> SchemeCompliance<'a> {
    /// `scheme`.
    pub fn scheme(&self) -> Option<Scheme<'a>> {
        object_at(self.json, "scheme").map(Scheme::new)
    }

    /// `requirements_met`.
    pub fn requirements_met(&self) -> Option<bool> {
        bool_at(self.json, "requirements_met")
    }

    /// `requirements_not_met_info`: what was not met, when the requirements were not.
    pub fn requirements_not_met_info(&self) -> Option<&'a str> {
        str_at(self.json, "requirements_not_met_info")
    }
}

view! {
    /// A scheme as the report names it.
    Scheme
}

impl<'a> Scheme<'a> {
    /// `type`, e.g. `RTW`, `DBS`.
    pub fn scheme_type(&self) -> Option<&'a str> {
        str_at(self.json, "type")
    }

    /// `objective`, e.g. `STANDARD`.
    pub fn objective(&self) -> Option<&'a str> {
        str_at(self.json, "objective")
    }

    /// `label`: the label given to the scheme in advanced requirements.
    pub fn label(&self) -> Option<&'a str> {
        str_at(self.json, "label")
    }
}

view! {
    /// `assurance_process`: the level reached and how.
    AssuranceProcess
}

impl<'a> AssuranceProcess<'a> {
    /// `level_of_assurance`, e.g. `MEDIUM`.
    pub fn level_of_assurance(&self) -> Option<&'a str> {
        str_at(self.json, "level_of_assurance")
    }

    /// `policy`, e.g. `GPG45`.
    pub fn policy(&self) -> Option<&'a str> {
        str_at(self.json, "policy")
    }

    /// `procedure`, e.g. `M1C`.
    pub fn procedure(&self) -> Option<&'a str> {
        str_at(self.json, "procedure")
    }

    /// `assurance`: each score and the evidence behind it.
    pub fn assurance(&self) -> impl Iterator<Item = Assurance<'a>> + 'a {
        objects_at(self.json, "assurance").map(Assurance::new)
    }
}

view! {
    /// One entry of `assurance`.
    Assurance
}

impl<'a> Assurance<'a> {
    /// `type`, e.g. `EVIDENCE_STRENGTH`.
    pub fn assurance_type(&self) -> Option<&'a str> {
        str_at(self.json, "type")
    }

    /// `classification`, e.g. `4`.
    pub fn classification(&self) -> Option<&'a str> {
        str_at(self.json, "classification")
    }

    /// `evidence_links`: the `evidence_id`s of the evidence behind this score.
    pub fn evidence_links(&self) -> impl Iterator<Item = &'a str> + 'a {
        strs_at(self.json, "evidence_links")
    }
}
