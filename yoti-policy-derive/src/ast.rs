//! The derive input as this macro's own model: the struct, its `#[yoti(...)]` attributes, and
//! for each field what it asks for and which Rust type holds it.

use crate::attr::{self, ContainerAttrs, FieldAttrs, Selector};
use crate::ctxt::{Ctxt, SpanRange};
use syn::{Data, DeriveInput, Fields, GenericArgument, Ident, PathArguments, Type};
use yoti_policy_core::catalogue::{self, ValueKind};
use yoti_policy_core::spec::{SourceSpec, WantedSpec};

/// A struct deriving `SharePolicy`.
pub(crate) struct Input<'a> {
    pub ident: &'a Ident,
    pub attrs: ContainerAttrs,
    pub fields: Vec<Field<'a>>,
}

/// One named field.
pub(crate) struct Field<'a> {
    pub ident: &'a Ident,
    /// The type that holds the value: `T` of an `Option<T>` field, else the field's type.
    pub value_ty: &'a Type,
    /// Whether the field is an `Option<T>`, which makes the wanted attribute optional.
    pub optional: bool,
    pub attrs: FieldAttrs,
}

impl<'a> Input<'a> {
    /// Reads the input, recording in `cx` every shape this derive does not support.
    pub fn from_syn(input: &'a DeriveInput, cx: &Ctxt) -> Input<'a> {
        let attrs = attr::container_attrs(&input.attrs, cx);
        if !input.generics.params.is_empty() || input.generics.where_clause.is_some() {
            cx.error_spanned_by(
                &input.generics,
                "`SharePolicy` cannot be derived for a generic struct: a share policy is fixed at compile time, so give every field a concrete type",
            );
        }
        let fields = match &input.data {
            Data::Struct(data) => match &data.fields {
                Fields::Named(named) => named
                    .named
                    .iter()
                    .filter_map(|field| Field::from_syn(field, cx))
                    .collect(),
                Fields::Unit => Vec::new(),
                Fields::Unnamed(unnamed) => {
                    cx.error_spanned_by(
                        unnamed,
                        "`SharePolicy` needs named fields: a tuple struct cannot say which attribute each field holds; write `struct Name { #[yoti(full_name)] name: String }`",
                    );
                    Vec::new()
                }
            },
            Data::Enum(data) => {
                cx.error(
                    SpanRange::single(data.enum_token.span),
                    "`SharePolicy` can only be derived for a struct with named fields, not for an enum",
                );
                Vec::new()
            }
            Data::Union(data) => {
                cx.error(
                    SpanRange::single(data.union_token.span),
                    "`SharePolicy` can only be derived for a struct with named fields, not for a union",
                );
                Vec::new()
            }
        };
        Input {
            ident: &input.ident,
            attrs,
            fields,
        }
    }
}

impl<'a> Field<'a> {
    fn from_syn(field: &'a syn::Field, cx: &Ctxt) -> Option<Field<'a>> {
        let ident = field.ident.as_ref()?;
        let attrs = attr::field_attrs(&field.attrs, cx);
        let (value_ty, optional) = match option_inner(&field.ty) {
            Some(inner) => (inner, true),
            None => (&field.ty, false),
        };
        Some(Field {
            ident,
            value_ty,
            optional,
            attrs,
        })
    }

    /// The field name as written, without `r#`.
    pub fn name(&self) -> String {
        let name = self.ident.to_string();
        match name.strip_prefix("r#") {
            Some(stripped) => stripped.to_owned(),
            None => name,
        }
    }

    /// The kind of value the field's attribute has.
    pub fn kind(&self) -> Option<ValueKind> {
        Some(match &self.attrs.selector.as_ref()?.0 {
            Selector::Catalogue(spec) => spec.kind,
            Selector::AgeOver(_) | Selector::AgeUnder(_) | Selector::EstimatedAgeOver(_) => {
                ValueKind::AgeCheck
            }
            Selector::Custom(_) | Selector::IdentityProfileReport => ValueKind::Any,
        })
    }

    /// The name the attribute comes back under in a receipt, and the names tried when it is
    /// missing.
    pub fn receipt_names(&self) -> Option<(String, Vec<String>)> {
        Some(match &self.attrs.selector.as_ref()?.0 {
            Selector::Catalogue(spec) => (spec.name.to_owned(), Vec::new()),
            Selector::AgeOver(n) => (format!("{}:{n}", catalogue::AGE_OVER), Vec::new()),
            Selector::AgeUnder(n) => (format!("{}:{n}", catalogue::AGE_UNDER), Vec::new()),
            Selector::EstimatedAgeOver(n) => {
                let buffer = self.attrs.buffer.as_ref().map_or(0, |(b, _)| *b);
                (
                    format!("{}:{n}:{buffer}", catalogue::AGE_OVER),
                    vec![format!("{}:{n}", catalogue::AGE_OVER)],
                )
            }
            Selector::Custom(name) => (name.clone(), Vec::new()),
            Selector::IdentityProfileReport => {
                (catalogue::IDENTITY_PROFILE_REPORT.to_owned(), Vec::new())
            }
        })
    }

    /// The wanted attribute this field puts into the policy; `None` for the identity profile
    /// report, which the identity profile requirements ask for.
    pub fn wanted(&self) -> Option<WantedSpec> {
        let mut wanted = match &self.attrs.selector.as_ref()?.0 {
            Selector::IdentityProfileReport => return None,
            Selector::Catalogue(spec) => WantedSpec::new(spec.name),
            Selector::AgeOver(n) => WantedSpec::new(catalogue::DATE_OF_BIRTH)
                .derivation(format!("{}:{n}", catalogue::AGE_OVER)),
            Selector::AgeUnder(n) => WantedSpec::new(catalogue::DATE_OF_BIRTH)
                .derivation(format!("{}:{n}", catalogue::AGE_UNDER)),
            Selector::EstimatedAgeOver(n) => {
                let buffer = self.attrs.buffer.as_ref().map_or(0, |(b, _)| *b);
                let mut wanted = WantedSpec::new(catalogue::ESTIMATED_AGE)
                    .derivation(format!("{}:{n}:{buffer}", catalogue::AGE_OVER));
                wanted.alternative_names = vec![catalogue::DATE_OF_BIRTH.to_owned()];
                wanted
            }
            Selector::Custom(name) => WantedSpec::new(name.clone()),
        };
        wanted.optional = self.optional;
        wanted.constraints = self
            .attrs
            .source
            .iter()
            .map(|source| SourceSpec {
                anchors: source
                    .anchors
                    .iter()
                    .map(|(anchor, sub_type)| ((*anchor).to_owned(), sub_type.clone()))
                    .collect(),
                soft_preference: self.attrs.soft_preference.is_some(),
            })
            .collect();
        wanted.accept_self_asserted = self.attrs.accept_self_asserted.as_ref().map(|(a, _)| *a);
        Some(wanted)
    }
}

/// `T` when `ty` is `Option<T>` (also written `std::option::Option<T>` or
/// `core::option::Option<T>`).
fn option_inner(ty: &Type) -> Option<&Type> {
    let path = match ty {
        Type::Path(path) if path.qself.is_none() => &path.path,
        Type::Group(group) => return option_inner(&group.elem),
        _ => return None,
    };
    let idents: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
    let is_option = match idents
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["Option"] => path.leading_colon.is_none(),
        ["std" | "core", "option", "Option"] => true,
        _ => false,
    };
    if !is_option {
        return None;
    }
    let PathArguments::AngleBracketed(arguments) = &path.segments.last()?.arguments else {
        return None;
    };
    let mut arguments = arguments.args.iter();
    match (arguments.next(), arguments.next()) {
        (Some(GenericArgument::Type(inner)), None) => Some(inner),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::ToTokens;

    fn inner(ty: &str) -> Option<String> {
        let ty: Type = syn::parse_str(ty).unwrap();
        option_inner(&ty).map(|inner| inner.to_token_stream().to_string())
    }

    #[test]
    fn finds_the_value_type_of_every_spelling_of_option() {
        assert_eq!(inner("Option<String>").as_deref(), Some("String"));
        assert_eq!(
            inner("std::option::Option<Vec<Image>>").as_deref(),
            Some("Vec < Image >")
        );
        assert_eq!(
            inner("::core::option::Option<bool>").as_deref(),
            Some("bool")
        );
        assert_eq!(inner("String"), None);
        assert_eq!(inner("Vec<String>"), None);
        assert_eq!(inner("my::Option<String>"), None);
        assert_eq!(inner("::Option<String>"), None);
        assert_eq!(inner("Option"), None);
    }

    #[test]
    fn estimated_age_asks_for_estimated_age_and_decodes_either_name() {
        let input: DeriveInput = syn::parse_str(
            "struct W { #[yoti(estimated_age_over = 21, buffer = 3)] over: Option<bool> }",
        )
        .unwrap();
        let cx = Ctxt::new();
        let parsed = Input::from_syn(&input, &cx);
        assert!(cx.finish().is_ok());
        let field = &parsed.fields[0];
        assert!(field.optional);
        assert_eq!(field.kind(), Some(ValueKind::AgeCheck));
        assert_eq!(
            field.receipt_names(),
            Some(("age_over:21:3".to_owned(), vec!["age_over:21".to_owned()]))
        );
        let wanted = field.wanted().unwrap();
        assert_eq!(wanted.name, "estimated_age");
        assert_eq!(wanted.derivation.as_deref(), Some("age_over:21:3"));
        assert_eq!(wanted.alternative_names, ["date_of_birth"]);
        assert!(wanted.optional);
    }
}
