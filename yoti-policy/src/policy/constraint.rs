//! Constraints on a wanted attribute: which sources Yoti may take it from.

use serde::Deserialize;
use yoti_policy_core::catalogue::{SOURCE_CONSTRAINT, source_anchor};

/// A constraint on a wanted attribute. Yoti's only constraint type today is `SOURCE`; the enum is
/// `#[non_exhaustive]` so that others can be added.
///
/// ```
/// use yoti_policy::policy::{Constraint, SourceAnchor, SourceConstraint};
///
/// let passport_only = Constraint::Source(
///     SourceConstraint::new().with_anchor(SourceAnchor::new("PASSPORT", "")),
/// );
/// assert_eq!(
///     serde_json::to_string(&passport_only).unwrap(),
///     r#"{"type":"SOURCE","preferred_sources":{"anchors":[{"name":"PASSPORT","sub_type":""}],"soft_preference":false}}"#
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize)]
#[serde(try_from = "ConstraintRepr")]
#[non_exhaustive]
pub enum Constraint {
    /// `SOURCE`: the documents the attribute may (or must) come from.
    Source(SourceConstraint),
}

impl Constraint {
    /// The constraint type on the wire, e.g. `SOURCE`.
    pub fn constraint_type(&self) -> &'static str {
        match self {
            Constraint::Source(_) => SOURCE_CONSTRAINT,
        }
    }
}

impl From<SourceConstraint> for Constraint {
    fn from(source: SourceConstraint) -> Self {
        Constraint::Source(source)
    }
}

/// The wire form, tagged by `type`.
#[derive(Deserialize)]
struct ConstraintRepr {
    #[serde(rename = "type")]
    constraint_type: String,
    preferred_sources: Option<SourceConstraint>,
}

impl TryFrom<ConstraintRepr> for Constraint {
    type Error = String;

    fn try_from(repr: ConstraintRepr) -> Result<Self, Self::Error> {
        match (repr.constraint_type.as_str(), repr.preferred_sources) {
            (SOURCE_CONSTRAINT, Some(source)) => Ok(Constraint::Source(source)),
            (SOURCE_CONSTRAINT, None) => {
                Err("a SOURCE constraint needs `preferred_sources`".to_owned())
            }
            (other, _) => Err(format!(
                "unknown constraint type `{other}`; the known type is `{SOURCE_CONSTRAINT}`"
            )),
        }
    }
}

/// The `preferred_sources` of a `SOURCE` constraint: the documents an attribute may come from.
///
/// ```
/// use yoti_policy::policy::{SourceAnchor, SourceConstraint};
///
/// let source = SourceConstraint::new()
///     .with_anchor(SourceAnchor::new("PASSPORT", ""))
///     .with_anchor(SourceAnchor::new("DRIVING_LICENCE", "NFC"))
///     .with_soft_preference(true);
/// assert_eq!(source.anchors().len(), 2);
/// assert!(source.soft_preference());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Deserialize)]
pub struct SourceConstraint {
    #[serde(default, deserialize_with = "crate::null::null_as_default")]
    anchors: Vec<SourceAnchor>,
    #[serde(default, deserialize_with = "crate::null::null_as_default")]
    soft_preference: bool,
}

impl SourceConstraint {
    /// A hard requirement with no anchors yet; add them with [`with_anchor`](Self::with_anchor).
    pub fn new() -> Self {
        SourceConstraint::default()
    }

    /// Adds an acceptable source.
    #[must_use]
    pub fn with_anchor(mut self, anchor: SourceAnchor) -> Self {
        self.anchors.push(anchor);
        self
    }

    /// `true`: the sources are a preference; `false` (the default): only these sources are
    /// acceptable.
    #[must_use]
    pub fn with_soft_preference(mut self, soft_preference: bool) -> Self {
        self.soft_preference = soft_preference;
        self
    }

    /// The acceptable sources, in order.
    pub fn anchors(&self) -> &[SourceAnchor] {
        &self.anchors
    }

    /// Whether the sources are only a preference.
    pub fn soft_preference(&self) -> bool {
        self.soft_preference
    }
}

/// One acceptable source of a `SOURCE` constraint: a document type (`PASSPORT`,
/// `DRIVING_LICENCE`, `NATIONAL_ID`, `PASS_CARD`) and an optional sub type (e.g. `NFC`).
///
/// ```
/// use yoti_policy::policy::SourceAnchor;
///
/// let anchor = SourceAnchor::from_word("driving_licence", "NFC").unwrap();
/// assert_eq!(anchor.name(), "DRIVING_LICENCE");
/// assert_eq!(anchor.sub_type(), "NFC");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize)]
pub struct SourceAnchor {
    name: String,
    #[serde(default, deserialize_with = "crate::null::null_as_default")]
    sub_type: String,
}

impl SourceAnchor {
    /// An anchor by its wire name (`PASSPORT`) and sub type (`""` for none).
    pub fn new(name: impl Into<String>, sub_type: impl Into<String>) -> Self {
        SourceAnchor {
            name: name.into(),
            sub_type: sub_type.into(),
        }
    }

    /// An anchor by the catalogue word of its document type (`passport`, `driving_licence`,
    /// `national_id`, `pass_card`); `None` for any other word.
    pub fn from_word(word: &str, sub_type: impl Into<String>) -> Option<Self> {
        source_anchor(word).map(|name| SourceAnchor::new(name, sub_type))
    }

    /// The document type on the wire, e.g. `PASSPORT`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The sub type, `""` when none.
    pub fn sub_type(&self) -> &str {
        &self.sub_type
    }
}
