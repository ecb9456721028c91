//! The `derive_input` fuzz target as a property test: the macro's pipeline (attribute parsing,
//! checks, code generation) compiled here as ordinary code on proc-macro2's fallback
//! implementation, fed generated struct definitions. It never panics (which would be an internal
//! compiler error in a user's build); a struct that is valid by construction gets exactly the
//! policy it declares, and any other gets compile errors plus the stub impl. (The modules' own
//! unit tests come along and run here a second time.)
#![allow(dead_code)]

#[path = "../src/ast.rs"]
mod ast;
#[path = "../src/attr.rs"]
mod attr;
#[path = "../src/check.rs"]
mod check;
#[path = "../src/ctxt.rs"]
mod ctxt;
#[path = "../src/expand.rs"]
mod expand;
#[path = "../src/fallback.rs"]
mod fallback;
#[path = "../src/runtime.rs"]
mod runtime;

use proptest::collection::vec;
use proptest::prelude::*;
use yoti_policy_core::json::{self, Value};

/// The `POLICY_JSON` string of the generated code, unescaped.
fn policy_json(out: &str) -> String {
    const PREFIX: &str = "const POLICY_JSON : & 'static str = ";
    let start = out.find(PREFIX).expect("POLICY_JSON in every output") + PREFIX.len();
    let rest = &out[start..];
    let end = rest.find(" ;").expect("end of the constant");
    syn::parse_str::<syn::LitStr>(&rest[..end])
        .expect("a string literal")
        .value()
}

fn derive(source: &str) -> Option<String> {
    let input = syn::parse_str::<syn::DeriveInput>(source).ok()?;
    Some(expand::derive(&input).to_string())
}

fn container_word() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("selfie_authentication".to_owned()),
        Just("pin_authentication".to_owned()),
        Just("remember_me".to_owned()),
        Just("remember_me_optional".to_owned()),
        (-2i64..5).prop_map(|n| format!("auth_type = {n}")),
        Just(r#"identity_profile(trust_framework = "UK_TFIDA", scheme = "DBS", objective = "STANDARD")"#.to_owned()),
        Just(r#"identity_profile(trust_framework = "UK_TFIDA")"#.to_owned()),
        r#"[\[\]{}":,a-z0-9 ]{0,16}"#.prop_map(|json| format!("advanced_identity_profile = {json:?}")),
        Just(r#"crate = "::yoti_policy""#.to_owned()),
        Just(r#"crate = "not a path""#.to_owned()),
        "[a-z_]{1,12}",
        "[a-z_]{1,8} = [0-9]{1,3}",
    ]
}

fn field_word() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "full_name",
            "given_names",
            "family_name",
            "gender",
            "nationality",
            "phone_number",
            "email_address",
            "postal_address",
            "date_of_birth",
            "selfie",
            "document_details",
            "document_images",
            "structured_postal_address",
            "accept_self_asserted",
            "soft_preference",
            "remember_me",
        ])
        .prop_map(str::to_owned),
        (
            prop::sample::select(vec![
                "age_over",
                "age_under",
                "estimated_age_over",
                "buffer"
            ]),
            -2i64..1002
        )
            .prop_map(|(word, n)| format!("{word} = {n}")),
        any::<bool>().prop_map(|b| format!("accept_self_asserted = {b}")),
        Just(r#"source(passport, driving_licence = "NFC")"#.to_owned()),
        Just("source()".to_owned()),
        Just("source(passport, passport)".to_owned()),
        "[a-z.]{0,12}".prop_map(|name| format!("attribute = {name:?}")),
        "[a-z_]{1,12}",
        "[a-z_]{1,8}\\([a-z_, ]{0,12}\\)",
    ]
}

fn field_type() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "String",
        "Option<String>",
        "bool",
        "Date",
        "Image",
        "Vec<Image>",
        "Attribute<String>",
        "AgeVerification",
        "u8",
        "Option<Option<String>>",
        "Vec<String>",
        "serde_json::Value",
    ])
}

/// A struct made of generated words: mostly nonsense, sometimes valid.
fn any_struct() -> impl Strategy<Value = String> {
    let field = (vec(field_word(), 0..4), field_type());
    (vec(container_word(), 0..4), vec(field, 0..5), 0usize..4).prop_map(|(words, fields, kind)| {
        let mut source = String::new();
        if !words.is_empty() {
            source.push_str(&format!("#[yoti({})]\n", words.join(", ")));
        }
        let fields: Vec<String> = fields
            .into_iter()
            .enumerate()
            .map(|(i, (words, ty))| format!("#[yoti({})] f{i}: {ty}", words.join(", ")))
            .collect();
        match kind {
            0 => source.push_str("enum W { A, B }"),
            1 => source.push_str(&format!("struct W<T> {{ {} }}", fields.join(", "))),
            _ => source.push_str(&format!("struct W {{ {} }}", fields.join(", "))),
        }
        source
    })
}

/// Text attributes that a `String` holds.
const TEXT: [&str; 8] = [
    "full_name",
    "given_names",
    "family_name",
    "gender",
    "nationality",
    "phone_number",
    "email_address",
    "postal_address",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_struct_is_generated_code_or_compile_errors(source in any_struct()) {
        let out = derive(&source).expect("generated sources parse");
        let json = policy_json(&out);
        if out.contains("compile_error") {
            // The stub impl, so that uses of the struct add no follow-on errors.
            prop_assert_eq!(json, "");
        } else {
            let Ok(Value::Object(members)) = json::parse(&json) else {
                return Err(TestCaseError::fail(format!("not a JSON object: {json}")));
            };
            prop_assert_eq!(members.keys().next().map(String::as_str), Some("wanted"));
        }
    }

    /// Distinct text attributes in `String` or `Option<String>` fields: no error, and the wanted
    /// list is the fields in order with their optionality.
    #[test]
    fn valid_structs_declare_exactly_their_fields(
        picks in proptest::sample::subsequence(TEXT.to_vec(), 0..=TEXT.len()).prop_shuffle(),
        optional in vec(any::<bool>(), TEXT.len()),
        auth in proptest::option::of(prop::sample::select(vec!["selfie_authentication", "pin_authentication"])),
    ) {
        let fields: Vec<String> = picks
            .iter()
            .zip(&optional)
            .enumerate()
            .map(|(i, (name, optional))| {
                let ty = if *optional { "Option<String>" } else { "String" };
                format!("#[yoti({name})] f{i}: {ty}")
            })
            .collect();
        let container = auth.map(|word| format!("#[yoti({word})] ")).unwrap_or_default();
        let source = format!("{container}struct W {{ {} }}", fields.join(", "));
        let out = derive(&source).unwrap();
        prop_assert!(!out.contains("compile_error"), "{}", out);
        let wanted: Vec<String> = picks
            .iter()
            .zip(&optional)
            .map(|(name, optional)| format!(r#"{{"name":"{name}","optional":{optional}}}"#))
            .collect();
        let auth_types = match auth {
            Some("selfie_authentication") => "1",
            Some(_) => "2",
            None => "",
        };
        prop_assert_eq!(
            policy_json(&out),
            format!(
                r#"{{"wanted":[{}],"wanted_auth_types":[{auth_types}],"wanted_remember_me":false,"wanted_remember_me_optional":false}}"#,
                wanted.join(",")
            )
        );
    }

    /// Text that is not a struct at all, placed where the words go: never a panic.
    #[test]
    fn any_words_in_the_attributes(container in "\\PC{0,30}", field in "\\PC{0,30}") {
        let source = format!("#[yoti({container})] struct W {{ #[yoti({field})] f: String }}");
        if let Some(out) = derive(&source) {
            let _ = policy_json(&out);
        }
    }
}
