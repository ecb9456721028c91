//! The `#[derive(SharePolicy)]` macro of `yoti-policy`. Use it through `yoti-client` (or
//! `yoti-policy`), which re-exports it: `use yoti_client::SharePolicy;` then
//! `#[derive(SharePolicy)]`. The grammar is documented on [`SharePolicy`](macro@SharePolicy).
//!
//! Crates: [**`yoti-client`**](https://docs.rs/yoti-client) (the one an application depends on: it re-exports what you name),
//! [`yoti-policy`](https://docs.rs/yoti-policy) (policies, profile types),
//! [`yoti-protocol`](https://docs.rs/yoti-protocol) (keys, signing, receipt decryption),
//! [`yoti-emulator`](https://docs.rs/yoti-emulator) (the share API on your machine, for tests),
//! `yoti-policy-derive` (the derive),
//! [`yoti-policy-core`](https://docs.rs/yoti-policy-core) (the attribute catalogue).
//!
//! The macro reads `#[yoti(...)]` (`attr.rs`) into its own model of the struct (`ast.rs`), checks
//! the rules across words and fields (`check.rs`), collecting every mistake (`ctxt.rs`) so all are
//! reported in one build, then writes the impl (`expand.rs`), or the errors and a stub impl
//! (`fallback.rs`). Names, derivations, anchors and authentication numbers come from
//! `yoti_policy_core::catalogue`, and the JSON from `yoti_policy_core::spec`, which the runtime
//! uses too. The policy JSON is described in the [protocol reference].
//!
//! [protocol reference]: https://github.com/yoti-rs/yoti-rs/blob/main/docs/protocol.md
#![deny(missing_docs)]
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod ast;
mod attr;
mod check;
mod ctxt;
mod expand;
mod fallback;
mod runtime;

use proc_macro::TokenStream;

/// Derives `SharePolicy` for a struct whose fields are the attributes a share asks for: the
/// policy JSON is written at compile time, every mistake Yoti would reject is a compile error,
/// and `from_profile` fills the struct from a receipt's profile.
///
/// ```
/// use yoti_policy::{Date, Image, SharePolicy};
///
/// #[derive(SharePolicy)]
/// #[yoti(selfie_authentication, remember_me)]
/// struct Wanted {
///     #[yoti(full_name)]
///     name: String,
///     #[yoti(date_of_birth, source(passport, driving_licence = "NFC"), soft_preference)]
///     dob: Date,
///     #[yoti(age_over = 18)]
///     adult: bool,
///     #[yoti(selfie)]
///     photo: Image,
///     #[yoti(email_address, accept_self_asserted)]
///     email: Option<String>,
/// }
///
/// const JSON: &str = Wanted::POLICY_JSON;
/// assert_eq!(
///     JSON,
///     concat!(
///         r#"{"wanted":[{"name":"full_name","optional":false},"#,
///         r#"{"name":"date_of_birth","optional":false,"constraints":[{"type":"SOURCE","preferred_sources":{"anchors":[{"name":"PASSPORT","sub_type":""},{"name":"DRIVING_LICENCE","sub_type":"NFC"}],"soft_preference":true}}]},"#,
///         r#"{"name":"date_of_birth","optional":false,"derivation":"age_over:18"},"#,
///         r#"{"name":"selfie","optional":false},"#,
///         r#"{"name":"email_address","optional":true,"accept_self_asserted":true}],"#,
///         r#""wanted_auth_types":[1],"wanted_remember_me":true,"wanted_remember_me_optional":false}"#,
///     )
/// );
/// ```
///
/// # On the struct: `#[yoti(...)]`
///
/// | word | policy |
/// |---|---|
/// | `selfie_authentication` | authentication type `1` in `wanted_auth_types` |
/// | `pin_authentication` | authentication type `2` |
/// | `auth_type = N` | authentication type `N` (any `u32`); repeatable |
/// | `remember_me` | `"wanted_remember_me": true` |
/// | `remember_me_optional` | `"wanted_remember_me_optional": true` |
/// | `identity_profile(trust_framework = "UK_TFIDA", scheme = "DBS", objective = "STANDARD")` | `"identity_profile_requirements": {"trust_framework":"UK_TFIDA","scheme":{"type":"DBS","objective":"STANDARD"}}`; `objective` is optional |
/// | `advanced_identity_profile = r#"{...}"#` | `"advanced_identity_profile_requirements"`: the JSON object as written, compacted |
/// | `crate = "path"` | the generated code names the runtime as `path` instead of `::yoti_policy` |
///
/// Authentication types are written in the order given. Words can be spread over several
/// `#[yoti(...)]` attributes.
///
/// # On each field: `#[yoti(selector, modifiers...)]`
///
/// Every field has exactly one selector, which names the wanted attribute; wanted attributes are
/// written in field order.
///
/// | selector | wanted attribute | field type holds |
/// |---|---|---|
/// | `full_name`, `given_names`, `family_name`, `gender`, `postal_address`, `nationality`, `phone_number`, `email_address` | that name | text: `String` |
/// | `date_of_birth` | `date_of_birth` | `Date` or `String` |
/// | `selfie` | `selfie` | `Image` |
/// | `document_details` | `document_details` | `DocumentDetails` or `String` |
/// | `document_images` | `document_images` | `Vec<Image>` |
/// | `structured_postal_address` | `structured_postal_address` | `StructuredPostalAddress` or `serde_json::Value` |
/// | `age_over = N` | `date_of_birth`, derivation `age_over:N` | an age check: `bool` or `AgeVerification` |
/// | `age_under = N` | `date_of_birth`, derivation `age_under:N` | an age check |
/// | `estimated_age_over = N, buffer = M` | `estimated_age`, derivation `age_over:N:M`, alternative name `date_of_birth` | an age check (the receipt's `age_over:N:M`, or `age_over:N` when only that came back) |
/// | `attribute = "com.example.name"` | that name, for an attribute outside the catalogue | any type that decodes an attribute |
/// | `identity_profile_report` | none: the identity profile requirements on the struct make Yoti return it | `IdentityProfileReport` |
///
/// Each type may also be wrapped in `Attribute<_>` to keep the attribute's anchors. A field of
/// type `Option<T>` makes the wanted attribute `"optional": true`; every other field is
/// required.
///
/// | modifier | policy |
/// |---|---|
/// | `accept_self_asserted`, `accept_self_asserted = true` or `= false` | `"accept_self_asserted"` as given (omitted when not written) |
/// | `source(passport, driving_licence = "NFC", national_id, pass_card)` | a `SOURCE` constraint listing those documents, each with its sub type (`""` when none) |
/// | `soft_preference` | the `source` documents are a preference rather than a requirement |
/// | `buffer = M` | the buffer of `estimated_age_over` |
///
/// # Compile errors
///
/// All mistakes of one struct are reported together, each under the token that is wrong:
///
/// - an unknown word (with "did you mean" for a near miss), on the struct or on a field, or a
///   struct word on a field and the other way round;
/// - a field with no selector, or with two;
/// - the same wanted attribute twice with the same constraints (the second is marked, and the
///   first one noted); the same attribute with different `source(...)` is allowed and makes two
///   entries;
/// - ages that are not whole numbers from 1 to 999 (`0`, negative, fractions, strings, `1000`);
///   a `buffer` that is not a whole number from 0 to 999;
/// - `estimated_age_over` without `buffer`, or `buffer` with any other selector;
/// - `soft_preference` without `source`, an empty `source()`, an unknown document in `source`,
///   a document listed twice, or two `source(...)` on one field;
/// - `attribute = ""`, or `attribute = "full_name"` for a name of the catalogue (use the word,
///   which also checks the field type);
/// - the same authentication type twice (e.g. `selfie_authentication` and `auth_type = 1`),
///   a repeated `remember_me`, `remember_me_optional` or modifier;
/// - `identity_profile` without `trust_framework` or `scheme`; `advanced_identity_profile` that
///   is not valid JSON (strict RFC 8259, no duplicate keys) or not an object; both
///   `identity_profile` and `advanced_identity_profile`;
/// - a `crate` value that is not a path;
/// - tuple structs, enums, unions, and generic structs (a policy is fixed at compile time);
/// - a field type that cannot hold the attribute, reported under the type with the types that
///   can.
///
/// When there are errors, the macro also emits an empty impl, so that code using the struct as a
/// `SharePolicy` adds no follow-on errors.
///
/// ```compile_fail
/// #[derive(yoti_policy::SharePolicy)]
/// struct Wanted {
///     #[yoti(full_nme)] // error: unknown attribute `full_nme`; did you mean `full_name`?
///     name: String,
/// }
/// ```
#[proc_macro_derive(SharePolicy, attributes(yoti))]
pub fn derive_share_policy(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    expand::derive(&input).into()
}
