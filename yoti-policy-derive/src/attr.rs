//! Parsing of every `#[yoti(...)]` attribute, on the struct and on its fields.
//!
//! Mistakes in values (an age of 0, an unknown anchor) are recorded in the [`Ctxt`] and parsing
//! goes on, so that all of them are reported together; only tokens that cannot be parsed at all
//! stop the attribute they are in.

use crate::ctxt::{Ctxt, SpanRange};
use proc_macro2::{Delimiter, Span, TokenTree};
use syn::meta::ParseNestedMeta;
use syn::parse::ParseStream;
use syn::{Attribute, Lit, LitStr, Token};
use yoti_policy_core::catalogue::{self, AttributeSpec};
use yoti_policy_core::json::{self, Map, Value};

/// Words of `#[yoti(...)]` on the struct.
const CONTAINER_WORDS: &[&str] = &[
    "selfie_authentication",
    "pin_authentication",
    "auth_type",
    "remember_me",
    "remember_me_optional",
    "identity_profile",
    "advanced_identity_profile",
    "crate",
];

/// Selector words of `#[yoti(...)]` on a field, besides the catalogue's attribute words.
const SELECTOR_WORDS: &[&str] = &[
    "age_over",
    "age_under",
    "estimated_age_over",
    "attribute",
    "identity_profile_report",
];

/// Modifier words of `#[yoti(...)]` on a field.
const MODIFIER_WORDS: &[&str] = &[
    "accept_self_asserted",
    "source",
    "soft_preference",
    "buffer",
];

/// Keys of `identity_profile(...)`.
const IDENTITY_PROFILE_WORDS: &[&str] = &["trust_framework", "scheme", "objective"];

/// The name of the attribute on structs and fields.
const YOTI: &str = "yoti";

/// A wanted authentication type and where it was asked for.
pub(crate) struct AuthType {
    pub number: u32,
    pub range: SpanRange,
}

/// Everything `#[yoti(...)]` on the struct says.
#[derive(Default)]
pub(crate) struct ContainerAttrs {
    pub auth_types: Vec<AuthType>,
    pub remember_me: Option<SpanRange>,
    pub remember_me_optional: Option<SpanRange>,
    pub identity_profile: Option<(Value, SpanRange)>,
    pub advanced_identity_profile: Option<(Value, SpanRange)>,
    pub crate_path: Option<syn::Path>,
}

/// What a field asks for.
pub(crate) enum Selector {
    /// A catalogue attribute asked for by its name.
    Catalogue(&'static AttributeSpec),
    /// `age_over = N`.
    AgeOver(u32),
    /// `age_under = N`.
    AgeUnder(u32),
    /// `estimated_age_over = N` (with `buffer = M`).
    EstimatedAgeOver(u32),
    /// `attribute = "name"`.
    Custom(String),
    /// `identity_profile_report`: read from the receipt, never asked for by name.
    IdentityProfileReport,
}

/// A `SOURCE` constraint as written: `(anchor wire name, sub type)` pairs.
pub(crate) struct Source {
    pub anchors: Vec<(&'static str, String)>,
    pub range: SpanRange,
}

/// Everything `#[yoti(...)]` on one field says.
#[derive(Default)]
pub(crate) struct FieldAttrs {
    pub selector: Option<(Selector, SpanRange)>,
    pub buffer: Option<(u32, SpanRange)>,
    pub accept_self_asserted: Option<(bool, SpanRange)>,
    pub source: Option<Source>,
    pub soft_preference: Option<SpanRange>,
    /// Whether a selector (or an unknown word, probably a misspelt one) was written, even if its
    /// value was wrong: then "no selector" would only repeat another error.
    pub saw_selector: bool,
    /// Whether `buffer` was written, even with a wrong value.
    pub saw_buffer: bool,
}

fn is_yoti(attr: &Attribute) -> bool {
    attr.path().is_ident(YOTI)
}

/// The word of `meta` as a string with its span, or an error for a path like `a::b`.
fn word(meta: &ParseNestedMeta) -> syn::Result<(String, Span)> {
    match meta.path.get_ident() {
        Some(ident) => Ok((ident.to_string(), ident.span())),
        None => Err(meta.error("expected a single word, not a path")),
    }
}

/// The range from the word of `meta` to the last token parsed so far.
fn range(meta: &ParseNestedMeta, start: Span) -> SpanRange {
    SpanRange::new(start, meta.input.cursor().prev_span())
}

/// Skips whatever value follows a word (`= ...` or `(...)`), up to the next comma.
fn skip_value(input: ParseStream) -> syn::Result<()> {
    while !input.is_empty() && !input.peek(Token![,]) {
        input.parse::<TokenTree>()?;
    }
    Ok(())
}

/// A word that takes no value: records an error and skips the value if one is written.
fn flag(meta: &ParseNestedMeta, word: &str, cx: &Ctxt) -> syn::Result<()> {
    if !meta.input.is_empty() && !meta.input.peek(Token![,]) {
        let start = meta.input.span();
        skip_value(meta.input)?;
        cx.error(
            SpanRange::new(start, meta.input.cursor().prev_span()),
            format_args!("`{word}` takes no value: write just `{word}`"),
        );
    }
    Ok(())
}

/// `= "text"`: the literal, or `None` after recording an error.
fn string_value(
    meta: &ParseNestedMeta,
    word: &str,
    example: &str,
    cx: &Ctxt,
) -> syn::Result<Option<LitStr>> {
    if !meta.input.peek(Token![=]) {
        let start = meta.path.span_start();
        skip_value(meta.input)?;
        cx.error(
            range(meta, start),
            format_args!("`{word}` needs a string: `{word} = {example}`"),
        );
        return Ok(None);
    }
    let input = meta.value()?;
    if input.peek(LitStr) {
        return input.parse().map(Some);
    }
    let start = input.span();
    skip_value(input)?;
    cx.error(
        SpanRange::new(start, input.cursor().prev_span()),
        format_args!("expected a string literal: `{word} = {example}`"),
    );
    Ok(None)
}

/// Span of the first segment of a path, for ranges that start at a word.
trait SpanStart {
    fn span_start(&self) -> Span;
}

impl SpanStart for syn::Path {
    fn span_start(&self) -> Span {
        self.segments
            .first()
            .map_or_else(Span::call_site, |segment| segment.ident.span())
    }
}

/// `= N` with `min <= N <= max`: the number, or `None` after recording an error under the value.
fn number_value(
    meta: &ParseNestedMeta,
    word: &str,
    what: &str,
    (min, max): (u32, u32),
    cx: &Ctxt,
) -> syn::Result<Option<u32>> {
    let bounds = format!("a whole number from {min} to {max}");
    if !meta.input.peek(Token![=]) {
        let start = meta.path.span_start();
        skip_value(meta.input)?;
        cx.error(
            range(meta, start),
            format_args!("`{word}` needs a number: `{word} = N` where N is {bounds}"),
        );
        return Ok(None);
    }
    let input = meta.value()?;
    let start = input.span();
    let negative = input.peek(Token![-]);
    if negative {
        input.parse::<Token![-]>()?;
    }
    let lit = if input.peek(Lit) {
        Some(input.parse::<Lit>()?)
    } else {
        skip_value(input)?;
        None
    };
    let value_range = SpanRange::new(start, input.cursor().prev_span());
    let message = match &lit {
        _ if negative => format!("the {what} must be {bounds}, not negative"),
        Some(Lit::Int(int)) => match int.base10_parse::<u64>() {
            Ok(n) if n >= u64::from(min) && n <= u64::from(max) => {
                return Ok(u32::try_from(n).ok());
            }
            _ => format!("the {what} must be {bounds}, not {}", int.base10_digits()),
        },
        Some(Lit::Float(_)) => format!("the {what} must be {bounds}, not a fraction"),
        Some(Lit::Str(text)) => match text.value().trim().parse::<u64>() {
            Ok(n) => format!("the {what} must be a number, not a string: write `{word} = {n}`"),
            Err(_) => format!("the {what} must be {bounds}, not a string"),
        },
        _ => format!("the {what} must be {bounds}"),
    };
    cx.error(value_range, message);
    Ok(None)
}

/// The candidate a misspelt word was probably meant to be, as a sentence to append.
fn suggestion(word: &str, candidates: &[&str]) -> String {
    match catalogue::did_you_mean(word, candidates) {
        Some(candidate) => format!("; did you mean `{candidate}`?"),
        None => String::new(),
    }
}

/// Parses every `#[yoti(...)]` on the struct.
pub(crate) fn container_attrs(attrs: &[Attribute], cx: &Ctxt) -> ContainerAttrs {
    let mut out = ContainerAttrs::default();
    for attr in attrs.iter().filter(|attr| is_yoti(attr)) {
        if let Err(error) = attr.parse_nested_meta(|meta| container_word(&mut out, &meta, cx)) {
            cx.push(error);
        }
    }
    out
}

fn container_word(out: &mut ContainerAttrs, meta: &ParseNestedMeta, cx: &Ctxt) -> syn::Result<()> {
    let (word, start) = word(meta)?;
    match word.as_str() {
        "selfie_authentication" | "pin_authentication" => {
            flag(meta, &word, cx)?;
            let number = if word == "selfie_authentication" {
                catalogue::SELFIE_AUTHENTICATION
            } else {
                catalogue::PIN_AUTHENTICATION
            };
            out.auth_types.push(AuthType {
                number,
                range: SpanRange::single(start),
            });
        }
        "auth_type" => {
            let limits = (0, u32::MAX);
            if let Some(number) = number_value(meta, &word, "authentication type", limits, cx)? {
                out.auth_types.push(AuthType {
                    number,
                    range: range(meta, start),
                });
            }
        }
        "remember_me" | "remember_me_optional" => {
            flag(meta, &word, cx)?;
            let slot = if word == "remember_me" {
                &mut out.remember_me
            } else {
                &mut out.remember_me_optional
            };
            if slot.is_some() {
                cx.error(SpanRange::single(start), format_args!("duplicate `{word}`"));
            }
            *slot = Some(SpanRange::single(start));
        }
        "identity_profile" => {
            let profile = identity_profile(meta, start, cx)?;
            let range = range(meta, start);
            if out.identity_profile.is_some() {
                cx.error(range, "duplicate `identity_profile`: a policy has one");
            }
            if let Some(profile) = profile {
                out.identity_profile = Some((profile, range));
            }
        }
        "advanced_identity_profile" => {
            let example = r####"r#"{"profiles":[...]}"#"####;
            if let Some(lit) = string_value(meta, &word, example, cx)? {
                let range = range(meta, start);
                if out.advanced_identity_profile.is_some() {
                    cx.error(
                        range,
                        "duplicate `advanced_identity_profile`: a policy has one",
                    );
                }
                match json::parse(&lit.value()) {
                    Ok(value @ Value::Object(_)) => {
                        out.advanced_identity_profile = Some((value, range));
                    }
                    Ok(other) => cx.error_spanned_by(
                        &lit,
                        format_args!(
                            "`advanced_identity_profile` must be a JSON object like `{{\"profiles\":[...]}}`, not {}",
                            json_kind(&other)
                        ),
                    ),
                    Err(error) => cx.error_spanned_by(
                        &lit,
                        format_args!("`advanced_identity_profile` is not valid JSON: {error}"),
                    ),
                }
            }
        }
        "crate" => {
            if let Some(lit) = string_value(meta, &word, "\"::yoti_policy\"", cx)? {
                match lit.parse::<syn::Path>() {
                    Ok(path) => out.crate_path = Some(path),
                    Err(_) => cx.error_spanned_by(
                        &lit,
                        format_args!(
                            "`crate` must be the path of the yoti_policy crate, like \"::yoti_policy\" or \"my_crate::yoti_policy\"; {:?} is not a path",
                            lit.value()
                        ),
                    ),
                }
            }
        }
        _ => {
            skip_value(meta.input)?;
            let message = if is_field_word(&word) {
                format!(
                    "`{word}` goes on a field, not on the struct: `#[yoti({word})] field: Type`"
                )
            } else {
                format!(
                    "unknown struct attribute `{word}`{}",
                    suggestion(&word, CONTAINER_WORDS)
                )
            };
            cx.error(range(meta, start), message);
        }
    }
    Ok(())
}

fn is_field_word(word: &str) -> bool {
    catalogue::attribute(word).is_some()
        || SELECTOR_WORDS.contains(&word)
        || MODIFIER_WORDS.contains(&word)
}

fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// `identity_profile(trust_framework = "..", scheme = "..", objective = "..")` as the JSON object
/// `{"trust_framework":..,"scheme":{"type":..,"objective":..}}`.
fn identity_profile(meta: &ParseNestedMeta, start: Span, cx: &Ctxt) -> syn::Result<Option<Value>> {
    let example = "identity_profile(trust_framework = \"UK_TFIDA\", scheme = \"DBS\", objective = \"STANDARD\")";
    if !meta.input.peek(syn::token::Paren) {
        skip_value(meta.input)?;
        cx.error(
            range(meta, start),
            format_args!("`identity_profile` lists its parts: `{example}`"),
        );
        return Ok(None);
    }
    let errors_before = cx.count();
    let mut parts: [Option<String>; 3] = [None, None, None];
    meta.parse_nested_meta(|meta| {
        let (word, part_start) = word(&meta)?;
        let Some(index) = IDENTITY_PROFILE_WORDS.iter().position(|w| *w == word) else {
            skip_value(meta.input)?;
            cx.error(
                range(&meta, part_start),
                format_args!(
                    "unknown part `{word}` of `identity_profile`{} (the parts are `trust_framework`, `scheme` and `objective`)",
                    suggestion(&word, IDENTITY_PROFILE_WORDS)
                ),
            );
            return Ok(());
        };
        if let Some(lit) = string_value(&meta, &word, "\"...\"", cx)? {
            let value = lit.value();
            if value.is_empty() {
                cx.error_spanned_by(&lit, format_args!("`{word}` cannot be empty"));
            } else if parts.get(index).is_some_and(Option::is_some) {
                cx.error(range(&meta, part_start), format_args!("duplicate `{word}`"));
            } else if let Some(slot) = parts.get_mut(index) {
                *slot = Some(value);
            }
        }
        Ok(())
    })?;
    if cx.count() > errors_before {
        // A misspelt or empty part is already reported; "missing" would only repeat it.
        return Ok(None);
    }
    let [trust_framework, scheme, objective] = parts;
    let (Some(trust_framework), Some(scheme)) = (trust_framework, scheme) else {
        cx.error(
            range(meta, start),
            format_args!("`identity_profile` needs `trust_framework` and `scheme`: `{example}`"),
        );
        return Ok(None);
    };
    let mut scheme_members = Map::new();
    scheme_members.insert("type".to_owned(), Value::String(scheme));
    if let Some(objective) = objective {
        scheme_members.insert("objective".to_owned(), Value::String(objective));
    }
    let mut members = Map::new();
    members.insert("trust_framework".to_owned(), Value::String(trust_framework));
    members.insert("scheme".to_owned(), Value::Object(scheme_members));
    Ok(Some(Value::Object(members)))
}

/// Parses every `#[yoti(...)]` on one field.
pub(crate) fn field_attrs(attrs: &[Attribute], cx: &Ctxt) -> FieldAttrs {
    let mut out = FieldAttrs::default();
    for attr in attrs.iter().filter(|attr| is_yoti(attr)) {
        if let Err(error) = attr.parse_nested_meta(|meta| field_word(&mut out, &meta, cx)) {
            cx.push(error);
            // What could not be parsed may well have been the selector.
            out.saw_selector = true;
            out.saw_buffer = true;
        }
    }
    out
}

fn field_word(out: &mut FieldAttrs, meta: &ParseNestedMeta, cx: &Ctxt) -> syn::Result<()> {
    let (word, start) = word(meta)?;
    let ages = (1, catalogue::MAX_AGE);
    let selector = match word.as_str() {
        _ if catalogue::attribute(&word).is_some() => {
            flag(meta, &word, cx)?;
            catalogue::attribute(&word).map(Selector::Catalogue)
        }
        "age_over" => number_value(meta, &word, "age", ages, cx)?.map(Selector::AgeOver),
        "age_under" => number_value(meta, &word, "age", ages, cx)?.map(Selector::AgeUnder),
        "estimated_age_over" => {
            number_value(meta, &word, "age", ages, cx)?.map(Selector::EstimatedAgeOver)
        }
        "attribute" => custom_attribute(meta, cx)?,
        "identity_profile_report" => {
            flag(meta, &word, cx)?;
            Some(Selector::IdentityProfileReport)
        }
        "buffer" => {
            out.saw_buffer = true;
            let limits = (0, catalogue::MAX_AGE);
            if let Some(buffer) = number_value(meta, &word, "buffer", limits, cx)? {
                let range = range(meta, start);
                if out.buffer.is_some() {
                    cx.error(range, "duplicate `buffer`");
                }
                out.buffer = Some((buffer, range));
            }
            return Ok(());
        }
        "accept_self_asserted" => {
            let accept = if meta.input.peek(Token![=]) {
                let input = meta.value()?;
                if input.peek(syn::LitBool) {
                    input.parse::<syn::LitBool>()?.value
                } else {
                    let value_start = input.span();
                    skip_value(input)?;
                    cx.error(
                        SpanRange::new(value_start, input.cursor().prev_span()),
                        "expected `true` or `false`: `accept_self_asserted = false`",
                    );
                    return Ok(());
                }
            } else {
                flag(meta, &word, cx)?;
                true
            };
            let range = range(meta, start);
            if out.accept_self_asserted.is_some() {
                cx.error(range, "duplicate `accept_self_asserted`");
            }
            out.accept_self_asserted = Some((accept, range));
            return Ok(());
        }
        "source" => {
            if let Some(source) = source(meta, start, cx)? {
                if out.source.is_some() {
                    cx.error(
                        source.range,
                        "a field has one `source(...)`: list every document in it",
                    );
                }
                out.source = Some(source);
            }
            return Ok(());
        }
        "soft_preference" => {
            flag(meta, &word, cx)?;
            if out.soft_preference.is_some() {
                cx.error(SpanRange::single(start), "duplicate `soft_preference`");
            }
            out.soft_preference = Some(SpanRange::single(start));
            return Ok(());
        }
        _ => {
            skip_value(meta.input)?;
            out.saw_selector = true;
            let message = if CONTAINER_WORDS.contains(&word.as_str()) {
                format!("`{word}` goes on the struct, not on a field: `#[yoti({word})] struct ...`")
            } else {
                let candidates: Vec<&str> = catalogue::ATTRIBUTE_WORDS
                    .iter()
                    .chain(SELECTOR_WORDS)
                    .chain(MODIFIER_WORDS)
                    .copied()
                    .collect();
                format!(
                    "unknown attribute `{word}`{}",
                    suggestion(&word, &candidates)
                )
            };
            cx.error(range(meta, start), message);
            return Ok(());
        }
    };
    out.saw_selector = true;
    let range = range(meta, start);
    if let Some((first, _)) = &out.selector {
        cx.error(
            range,
            format_args!(
                "a field has exactly one selector, and this one already asks for {}: move `{word}` to a field of its own",
                describe(first)
            ),
        );
    } else if let Some(selector) = selector {
        out.selector = Some((selector, range));
    }
    Ok(())
}

/// How a selector reads in a message.
pub(crate) fn describe(selector: &Selector) -> String {
    match selector {
        Selector::Catalogue(spec) => format!("`{}`", spec.name),
        Selector::AgeOver(n) => format!("`age_over = {n}`"),
        Selector::AgeUnder(n) => format!("`age_under = {n}`"),
        Selector::EstimatedAgeOver(n) => format!("`estimated_age_over = {n}`"),
        Selector::Custom(name) => format!("`attribute = {name:?}`"),
        Selector::IdentityProfileReport => "`identity_profile_report`".to_owned(),
    }
}

/// `attribute = "name"`.
fn custom_attribute(meta: &ParseNestedMeta, cx: &Ctxt) -> syn::Result<Option<Selector>> {
    let Some(lit) = string_value(meta, "attribute", "\"com.example.name\"", cx)? else {
        return Ok(None);
    };
    let name = lit.value();
    if name.trim().is_empty() {
        cx.error_spanned_by(
            &lit,
            "`attribute` needs the name of the attribute, like `attribute = \"com.thirdparty.id\"`",
        );
        return Ok(None);
    }
    if catalogue::attribute(&name).is_some() {
        cx.error_spanned_by(
            &lit,
            format_args!("`{name}` is in the catalogue: write `#[yoti({name})]`, which also checks the field type"),
        );
        return Ok(None);
    }
    Ok(Some(Selector::Custom(name)))
}

/// `source(passport, driving_licence = "NFC")`.
fn source(meta: &ParseNestedMeta, start: Span, cx: &Ctxt) -> syn::Result<Option<Source>> {
    let anchor_words: Vec<&str> = catalogue::SOURCE_ANCHORS.iter().map(|(w, _)| *w).collect();
    let listing = anchor_words
        .iter()
        .map(|w| format!("`{w}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let empty = match meta.input.cursor().group(Delimiter::Parenthesis) {
        None => {
            skip_value(meta.input)?;
            cx.error(
                range(meta, start),
                format_args!("`source` lists the documents the attribute may come from, like `source(passport, driving_licence = \"NFC\")`; documents: {listing}"),
            );
            return Ok(None);
        }
        Some((inside, _, _)) => inside.eof(),
    };
    if empty {
        meta.input.parse::<TokenTree>()?;
        cx.error(
            range(meta, start),
            format_args!("`source()` names no document: list at least one of {listing}"),
        );
        return Ok(None);
    }
    let mut anchors: Vec<(&'static str, String)> = Vec::new();
    meta.parse_nested_meta(|meta| {
        let (word, anchor_start) = word(&meta)?;
        let Some(anchor) = catalogue::source_anchor(&word) else {
            skip_value(meta.input)?;
            cx.error(
                range(&meta, anchor_start),
                match catalogue::did_you_mean(&word, &anchor_words) {
                    Some(near) => {
                        format!("unknown document `{word}` in `source`; did you mean `{near}`?")
                    }
                    None => format!("unknown document `{word}` in `source`; documents: {listing}"),
                },
            );
            return Ok(());
        };
        let sub_type = if meta.input.peek(Token![=]) {
            match string_value(&meta, &word, "\"NFC\"", cx)? {
                Some(lit) => lit.value(),
                None => return Ok(()),
            }
        } else {
            flag(&meta, &word, cx)?;
            String::new()
        };
        if anchors.iter().any(|(a, _)| *a == anchor) {
            cx.error(
                range(&meta, anchor_start),
                format_args!("`{word}` is listed twice in this `source`"),
            );
        } else {
            anchors.push((anchor, sub_type));
        }
        Ok(())
    })?;
    Ok(Some(Source {
        anchors,
        range: range(meta, start),
    }))
}
