//! Rules that span several words or fields: one selector per field, modifiers that need another
//! word, and nothing asked for twice.

use crate::ast::{Field, Input};
use crate::attr::Selector;
use crate::ctxt::Ctxt;

/// Records every rule `input` breaks.
pub(crate) fn check(input: &Input, cx: &Ctxt) {
    check_auth_types(input, cx);
    check_identity_profiles(input, cx);
    for field in &input.fields {
        check_field(field, cx);
        check_report_field(input, field, cx);
    }
    check_duplicates(input, cx);
}

fn check_auth_types(input: &Input, cx: &Ctxt) {
    let auth_types = &input.attrs.auth_types;
    for (i, auth_type) in auth_types.iter().enumerate() {
        let first = auth_types
            .iter()
            .take(i)
            .find(|earlier| earlier.number == auth_type.number);
        if let Some(first) = first {
            cx.error(
                auth_type.range,
                format_args!(
                    "authentication type {} is asked for twice: remove one",
                    auth_type.number
                ),
            );
            cx.error(first.range, "first one here");
        }
    }
}

fn check_identity_profiles(input: &Input, cx: &Ctxt) {
    if let (Some((_, plain)), Some(_)) = (
        &input.attrs.identity_profile,
        &input.attrs.advanced_identity_profile,
    ) {
        cx.error(
            *plain,
            "a policy has either `identity_profile` or `advanced_identity_profile`, not both: Yoti would use only the advanced one",
        );
    }
}

fn check_field(field: &Field, cx: &Ctxt) {
    let attrs = &field.attrs;
    if attrs.selector.is_none() && !attrs.saw_selector {
        cx.error_spanned_by(
            field.ident,
            "every field needs a selector: add `#[yoti(full_name)]` (or another attribute of the catalogue), `#[yoti(age_over = 18)]` or `#[yoti(attribute = \"name\")]`",
        );
    }
    let estimated = matches!(&attrs.selector, Some((Selector::EstimatedAgeOver(_), _)));
    match (&attrs.selector, &attrs.buffer) {
        (Some((Selector::EstimatedAgeOver(_), range)), None) if !attrs.saw_buffer => cx.error(
            *range,
            "`estimated_age_over` needs a buffer in years: `estimated_age_over = 18, buffer = 5`",
        ),
        (_, Some((_, range))) if !estimated && attrs.selector.is_some() => {
            cx.error(*range, "`buffer` only goes with `estimated_age_over = N`")
        }
        _ => {}
    }
    if let (Some(range), None) = (&attrs.soft_preference, &attrs.source) {
        cx.error(
            *range,
            "`soft_preference` only goes with `source(...)`: it makes the listed documents a preference instead of a requirement",
        );
    }
}

/// The report comes back only for identity profile requirements, and is not asked for by name,
/// so no modifier applies to it.
fn check_report_field(input: &Input, field: &Field, cx: &Ctxt) {
    let attrs = &field.attrs;
    let Some((Selector::IdentityProfileReport, range)) = &attrs.selector else {
        return;
    };
    if input.attrs.identity_profile.is_none() && input.attrs.advanced_identity_profile.is_none() {
        cx.error(
            *range,
            "Yoti returns `identity_profile_report` only for identity profile requirements: add `identity_profile(...)` or `advanced_identity_profile = \"...\"` on the struct",
        );
    }
    let modifiers = [
        attrs.accept_self_asserted.as_ref().map(|(_, range)| *range),
        attrs.source.as_ref().map(|source| source.range),
        attrs.soft_preference,
    ];
    for modifier in modifiers.into_iter().flatten() {
        cx.error(
            modifier,
            "`identity_profile_report` is not asked for by name, so it takes no modifier: remove this",
        );
    }
}

fn check_duplicates(input: &Input, cx: &Ctxt) {
    let wanted: Vec<_> = input
        .fields
        .iter()
        .filter_map(|field| Some((field, field.wanted()?)))
        .collect();
    for (i, (field, spec)) in wanted.iter().enumerate() {
        let first = wanted
            .iter()
            .take(i)
            .find(|(_, earlier)| earlier.dedup_key() == spec.dedup_key());
        let Some((first, _)) = first else { continue };
        if let (Some((_, range)), Some((_, first_range))) =
            (&field.attrs.selector, &first.attrs.selector)
        {
            cx.error(
                *range,
                format_args!(
                    "duplicate wanted attribute: field `{}` already asks for this with the same constraints; Yoti returns it once, so remove this field or give one of them a different `source(...)`",
                    first.name()
                ),
            );
            cx.error(*first_range, "first one here");
        }
    }
}
