//! Code generation: the policy JSON literal, the same policy as a value, and the decoder.

use crate::ast::{Field, Input};
use crate::ctxt::Ctxt;
use crate::{check, fallback, runtime};
use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::DeriveInput;
use syn::spanned::Spanned;
use yoti_policy_core::catalogue::ValueKind;
use yoti_policy_core::json::{Number, Value};
use yoti_policy_core::spec::{PolicySpec, SourceSpec, WantedSpec};

/// The whole output of `#[derive(SharePolicy)]` for `input`: the impl, or every error plus a stub
/// impl.
pub(crate) fn derive(input: &DeriveInput) -> TokenStream {
    let cx = Ctxt::new();
    let parsed = Input::from_syn(input, &cx);
    check::check(&parsed, &cx);
    let private = runtime::private_path(parsed.attrs.crate_path.as_ref());
    match cx.finish() {
        Ok(()) => expand(&parsed, &private),
        Err(error) => {
            let mut out = error.into_compile_error();
            out.extend(fallback::stub(input, &private));
            out
        }
    }
}

/// The policy the input declares: wanted attributes in field order.
pub(crate) fn policy_spec(input: &Input) -> PolicySpec {
    let attrs = &input.attrs;
    PolicySpec {
        wanted: input.fields.iter().filter_map(Field::wanted).collect(),
        auth_types: attrs.auth_types.iter().map(|a| a.number).collect(),
        remember_me: attrs.remember_me.is_some(),
        remember_me_optional: attrs.remember_me_optional.is_some(),
        identity_profile: attrs
            .identity_profile
            .as_ref()
            .map(|(json, _)| json.clone()),
        advanced_identity_profile: attrs
            .advanced_identity_profile
            .as_ref()
            .map(|(json, _)| json.clone()),
    }
}

fn expand(input: &Input, private: &TokenStream) -> TokenStream {
    let ident = input.ident;
    let spec = policy_spec(input);
    let json = Literal::string(&spec.to_json());
    let spec_expr = policy_spec_tokens(&spec, private);
    let from_profile = from_profile_body(input, private);
    quote! {
        const _: () = {
            #[automatically_derived]
            impl #private::SharePolicy for #ident {
                const POLICY_JSON: &'static str = #json;

                fn policy() -> #private::Policy {
                    ::core::convert::From::from(#spec_expr)
                }

                fn from_profile(
                    profile: &#private::Profile,
                ) -> ::core::result::Result<Self, #private::DecodeError> {
                    #from_profile
                }
            }
        };
    }
}

fn from_profile_body(input: &Input, private: &TokenStream) -> TokenStream {
    if input.fields.is_empty() {
        return quote! {
            let _ = profile;
            ::core::result::Result::Ok(Self {})
        };
    }
    let mut lets = Vec::new();
    let mut vars: Vec<Ident> = Vec::new();
    let mut members = Vec::new();
    for (i, field) in input.fields.iter().enumerate() {
        let (Some(kind), Some((name, fallback_names))) = (field.kind(), field.receipt_names())
        else {
            continue;
        };
        let ty = field.value_ty;
        let span = ty.span();
        let var = format_ident!("f{i}");
        let method = Ident::new(
            if field.optional {
                "optional"
            } else {
                "required"
            },
            span,
        );
        // The field type meets exactly one bound: the kind's `Holds*` trait, whose message names
        // the types that can hold the attribute. `Any` asks only for `FromAttribute`, whose
        // message names the types that can decode one.
        let call = if kind == ValueKind::Any {
            quote_spanned!(span=> decoder.#method::<#ty>)
        } else {
            let holds = Ident::new(kind.holds_trait(), span);
            quote_spanned!(span=> <#ty as #private::kind::#holds>::#method)
        };
        let field_name = field.name();
        let sources = field.attrs.source.iter().flat_map(|source| {
            source
                .anchors
                .iter()
                .map(|(anchor, sub_type)| quote!((#anchor, #sub_type)))
        });
        let soft_preference = field.attrs.soft_preference.is_some();
        let decoder = if kind == ValueKind::Any {
            quote!()
        } else {
            quote!(&mut decoder,)
        };
        lets.push(quote_spanned! {span=>
            let #var = #call(#decoder &#private::FieldSpec {
                field: #field_name,
                name: #name,
                fallback_names: &[#(#fallback_names),*],
                sources: &[#(#sources),*],
                soft_preference: #soft_preference,
            });
        });
        members.push(field.ident);
        vars.push(var);
    }
    quote! {
        let mut decoder = #private::Decoder::new(profile);
        #(#lets)*
        match (#(#vars,)*) {
            (#(::core::option::Option::Some(#vars),)*) => {
                ::core::result::Result::Ok(Self { #(#members: #vars),* })
            }
            _ => ::core::result::Result::Err(decoder.into_error()),
        }
    }
}

fn string(s: &str) -> TokenStream {
    quote!(::std::string::String::from(#s))
}

fn option<T>(value: Option<&T>, tokens: impl FnOnce(&T) -> TokenStream) -> TokenStream {
    match value {
        Some(value) => {
            let inner = tokens(value);
            quote!(::core::option::Option::Some(#inner))
        }
        None => quote!(::core::option::Option::None),
    }
}

/// An expression that rebuilds `spec` with the runtime's re-exported types.
fn policy_spec_tokens(spec: &PolicySpec, private: &TokenStream) -> TokenStream {
    let wanted = spec.wanted.iter().map(|w| wanted_tokens(w, private));
    let auth_types = &spec.auth_types;
    let remember_me = spec.remember_me;
    let remember_me_optional = spec.remember_me_optional;
    let identity_profile = option(spec.identity_profile.as_ref(), |j| json_tokens(j, private));
    let advanced = option(spec.advanced_identity_profile.as_ref(), |j| {
        json_tokens(j, private)
    });
    quote! {
        #private::PolicySpec {
            wanted: ::std::vec![#(#wanted),*],
            auth_types: ::std::vec![#(#auth_types),*],
            remember_me: #remember_me,
            remember_me_optional: #remember_me_optional,
            identity_profile: #identity_profile,
            advanced_identity_profile: #advanced,
        }
    }
}

fn wanted_tokens(wanted: &WantedSpec, private: &TokenStream) -> TokenStream {
    let name = string(&wanted.name);
    let optional = wanted.optional;
    let derivation = option(wanted.derivation.as_ref(), |d| string(d));
    let constraints = wanted.constraints.iter().map(|s| source_tokens(s, private));
    let accept = option(wanted.accept_self_asserted.as_ref(), |a| quote!(#a));
    let alternative_names = wanted.alternative_names.iter().map(|n| string(n));
    quote! {
        #private::WantedSpec {
            name: #name,
            optional: #optional,
            derivation: #derivation,
            constraints: ::std::vec![#(#constraints),*],
            accept_self_asserted: #accept,
            alternative_names: ::std::vec![#(#alternative_names),*],
        }
    }
}

fn source_tokens(source: &SourceSpec, private: &TokenStream) -> TokenStream {
    let anchors = source.anchors.iter().map(|(name, sub_type)| {
        let (name, sub_type) = (string(name), string(sub_type));
        quote!((#name, #sub_type))
    });
    let soft_preference = source.soft_preference;
    quote! {
        #private::SourceSpec {
            anchors: ::std::vec![#(#anchors),*],
            soft_preference: #soft_preference,
        }
    }
}

/// An expression that rebuilds `json`, keys in order and every number the same `f64`, `i64` or
/// `u64`, so that the runtime policy writes what `POLICY_JSON` holds.
fn json_tokens(json: &Value, private: &TokenStream) -> TokenStream {
    match json {
        Value::Null => quote!(#private::JsonValue::Null),
        Value::Bool(b) => quote!(#private::JsonValue::Bool(#b)),
        Value::Number(n) => match number_literal(n) {
            Some(n) => quote!(#private::JsonValue::from(#n)),
            // serde_json holds finite numbers only; `Value::from(f64)` would make any other null.
            None => quote!(#private::JsonValue::Null),
        },
        Value::String(s) => {
            let s = string(s);
            quote!(#private::JsonValue::String(#s))
        }
        Value::Array(items) => {
            let items = items.iter().map(|item| json_tokens(item, private));
            quote!(#private::JsonValue::Array(::std::vec![#(#items),*]))
        }
        Value::Object(members) if members.is_empty() => {
            quote!(#private::JsonValue::Object(#private::JsonMap::new()))
        }
        Value::Object(members) => {
            let members = members.iter().map(|(key, value)| {
                let key = string(key);
                let value = json_tokens(value, private);
                quote!(members.insert(#key, #value);)
            });
            quote!({
                let mut members = #private::JsonMap::new();
                #(#members)*
                #private::JsonValue::Object(members)
            })
        }
    }
}

/// A suffixed literal of the number's own type (`7u64`, `-7i64`, `0.5f64`), or `None` for a
/// float that is not finite, which a literal cannot spell.
fn number_literal(n: &Number) -> Option<TokenStream> {
    if let Some(n) = n.as_u64() {
        Some(quote!(#n))
    } else if let Some(n) = n.as_i64() {
        Some(quote!(#n))
    } else {
        n.as_f64().filter(|f| f.is_finite()).map(|f| quote!(#f))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn output(source: &str) -> String {
        derive(&syn::parse_str(source).unwrap()).to_string()
    }

    #[test]
    fn writes_the_policy_json_literal_and_the_decoder() {
        let out = output(
            "#[yoti(pin_authentication)] struct W { #[yoti(full_name)] name: String, #[yoti(email_address)] email: Option<String> }",
        );
        let json = r#"{"wanted":[{"name":"full_name","optional":false},{"name":"email_address","optional":true}],"wanted_auth_types":[2],"wanted_remember_me":false,"wanted_remember_me_optional":false}"#;
        assert!(out.contains(&Literal::string(json).to_string()), "{out}");
        assert!(
            out.contains("< String as :: yoti_policy :: __private :: kind :: HoldsText > :: required (& mut decoder ,"),
            "{out}"
        );
        assert!(
            out.contains("< String as :: yoti_policy :: __private :: kind :: HoldsText > :: optional (& mut decoder ,"),
            "{out}"
        );
        assert!(!out.contains("compile_error"), "{out}");
    }

    #[test]
    fn reports_every_mistake_with_a_stub_impl() {
        let out = output(
            "#[yoti(remember_mee)] struct W { #[yoti(full_nme)] name: String, #[yoti(age_over = 0)] adult: bool, other: String }",
        );
        assert_eq!(out.matches("compile_error").count(), 4, "{out}");
        assert!(out.contains("did you mean `remember_me`?"), "{out}");
        assert!(out.contains("did you mean `full_name`?"), "{out}");
        assert!(out.contains("every field needs a selector"), "{out}");
        assert!(
            out.contains("const POLICY_JSON : & 'static str = \"\""),
            "{out}"
        );
    }

    #[test]
    fn the_identity_profile_report_is_decoded_but_not_wanted() {
        let out = output(
            r#"#[yoti(identity_profile(trust_framework = "UK_TFIDA", scheme = "RTW"))] struct W { #[yoti(full_name)] name: String, #[yoti(identity_profile_report)] report: IdentityProfileReport }"#,
        );
        let json = r#"{"wanted":[{"name":"full_name","optional":false}],"wanted_auth_types":[],"wanted_remember_me":false,"wanted_remember_me_optional":false,"identity_profile_requirements":{"trust_framework":"UK_TFIDA","scheme":{"type":"RTW"}}}"#;
        assert!(out.contains(&Literal::string(json).to_string()), "{out}");
        assert!(
            out.contains("decoder . required :: < IdentityProfileReport >"),
            "{out}"
        );
        assert!(out.contains("name : \"identity_profile_report\""), "{out}");
        assert!(!out.contains("compile_error"), "{out}");
    }

    #[test]
    fn the_identity_profile_report_needs_requirements_and_takes_no_modifier() {
        let out = output(
            "struct W { #[yoti(identity_profile_report, accept_self_asserted, source(passport))] report: IdentityProfileReport }",
        );
        assert_eq!(out.matches("compile_error").count(), 3, "{out}");
        assert!(
            out.contains("only for identity profile requirements"),
            "{out}"
        );
        assert!(out.contains("takes no modifier"), "{out}");
    }

    #[test]
    fn the_crate_path_replaces_yoti_policy_even_in_the_stub() {
        let out =
            output(r#"#[yoti(crate = "::my::yoti")] struct W { #[yoti(selfie)] photo: String }"#);
        assert!(
            out.contains(":: my :: yoti :: __private :: SharePolicy"),
            "{out}"
        );
        assert!(!out.contains("yoti_policy"), "{out}");
        let out = output(r#"#[yoti(crate = "::my::yoti")] enum W {}"#);
        assert!(
            out.contains(":: my :: yoti :: __private :: SharePolicy"),
            "{out}"
        );
    }
}
