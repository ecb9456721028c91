//! Which field types can hold which attribute: one trait per
//! [`ValueKind`](crate::catalogue::ValueKind), each with a compiler message that names the types
//! that can.
//!
//! The derive decodes each field through the trait named by `ValueKind::holds_trait`, as
//! `<FieldType as HoldsText>::required(...)`: that call is the only place the field type meets a
//! bound, so a wrong type is one compile error under that type, with no note pointing in here.
//!
//! ```compile_fail
//! #[derive(yoti_policy::SharePolicy)]
//! struct Wanted {
//!     #[yoti(selfie)]
//!     photo: String, // error: `#[yoti(selfie)]` is an image
//! }
//! ```

use super::FromAttribute;
use super::field::{Decoder, FieldSpec};
use crate::profile::{
    AgeVerification, Attribute, Date, DocumentDetails, Image, StructuredPostalAddress,
};

/// The two decoding calls every `Holds*` trait offers the derive. A macro, since a method of a
/// supertrait cannot be named through the subtrait (`<T as HoldsText>::required`).
macro_rules! decode_calls {
    () => {
        /// Decodes a required field of this type; see [`Decoder::required`].
        fn required(decoder: &mut Decoder<'_>, spec: &FieldSpec) -> Option<Self> {
            decoder.required(spec)
        }

        /// Decodes an optional field of this type; see [`Decoder::optional`].
        fn optional(decoder: &mut Decoder<'_>, spec: &FieldSpec) -> Option<Option<Self>> {
            decoder.optional(spec)
        }
    };
}

// The traits are written out rather than generated, so each message reads as it is.
// `do_not_recommend` keeps rustc from listing every impl; the note already names the types.

/// Field types that can hold a text attribute.
#[diagnostic::on_unimplemented(
    message = "a field of type `{Self}` cannot hold a text attribute",
    label = "this field type",
    note = "a text attribute fits `String` or `Attribute<String>`, in an `Option<_>` when optional"
)]
pub trait HoldsText: FromAttribute {
    decode_calls!();
}
#[diagnostic::do_not_recommend]
impl HoldsText for String {}
#[diagnostic::do_not_recommend]
impl<T: HoldsText> HoldsText for Attribute<T> {}

/// Field types that can hold a date attribute.
#[diagnostic::on_unimplemented(
    message = "a field of type `{Self}` cannot hold a date attribute",
    label = "this field type",
    note = "a date attribute fits `Date`, `String` or `Attribute<_>` of either, in an `Option<_>` when optional"
)]
pub trait HoldsDate: FromAttribute {
    decode_calls!();
}
#[diagnostic::do_not_recommend]
impl HoldsDate for Date {}
#[diagnostic::do_not_recommend]
impl HoldsDate for String {}
#[diagnostic::do_not_recommend]
impl<T: HoldsDate> HoldsDate for Attribute<T> {}

/// Field types that can hold an age check.
#[diagnostic::on_unimplemented(
    message = "a field of type `{Self}` cannot hold an age check",
    label = "this field type",
    note = "an age check fits `bool`, `AgeVerification` or `Attribute<_>` of either, in an `Option<_>` when optional"
)]
pub trait HoldsAgeCheck: FromAttribute {
    decode_calls!();
}
#[diagnostic::do_not_recommend]
impl HoldsAgeCheck for bool {}
#[diagnostic::do_not_recommend]
impl HoldsAgeCheck for AgeVerification {}
#[diagnostic::do_not_recommend]
impl<T: HoldsAgeCheck> HoldsAgeCheck for Attribute<T> {}

/// Field types that can hold an image.
#[diagnostic::on_unimplemented(
    message = "a field of type `{Self}` cannot hold an image",
    label = "this field type",
    note = "an image fits `Image` or `Attribute<Image>`, in an `Option<_>` when optional"
)]
pub trait HoldsImage: FromAttribute {
    decode_calls!();
}
#[diagnostic::do_not_recommend]
impl HoldsImage for Image {}
#[diagnostic::do_not_recommend]
impl<T: HoldsImage> HoldsImage for Attribute<T> {}

/// Field types that can hold document details.
#[diagnostic::on_unimplemented(
    message = "a field of type `{Self}` cannot hold document details",
    label = "this field type",
    note = "document details fit `DocumentDetails`, `String` or `Attribute<_>` of either, in an `Option<_>` when optional"
)]
pub trait HoldsDocumentDetails: FromAttribute {
    decode_calls!();
}
#[diagnostic::do_not_recommend]
impl HoldsDocumentDetails for DocumentDetails {}
#[diagnostic::do_not_recommend]
impl HoldsDocumentDetails for String {}
#[diagnostic::do_not_recommend]
impl<T: HoldsDocumentDetails> HoldsDocumentDetails for Attribute<T> {}

/// Field types that can hold document images.
#[diagnostic::on_unimplemented(
    message = "a field of type `{Self}` cannot hold document images",
    label = "this field type",
    note = "document images fit `Vec<Image>` or `Attribute<Vec<Image>>`, in an `Option<_>` when optional"
)]
pub trait HoldsDocumentImages: FromAttribute {
    decode_calls!();
}
#[diagnostic::do_not_recommend]
impl HoldsDocumentImages for Vec<Image> {}
#[diagnostic::do_not_recommend]
impl<T: HoldsDocumentImages> HoldsDocumentImages for Attribute<T> {}

/// Field types that can hold a structured postal address.
#[diagnostic::on_unimplemented(
    message = "a field of type `{Self}` cannot hold a structured postal address",
    label = "this field type",
    note = "a structured postal address fits `StructuredPostalAddress`, `serde_json::Value` or `Attribute<_>` of either, in an `Option<_>` when optional"
)]
pub trait HoldsStructuredPostalAddress: FromAttribute {
    decode_calls!();
}
#[diagnostic::do_not_recommend]
impl HoldsStructuredPostalAddress for StructuredPostalAddress {}
#[diagnostic::do_not_recommend]
impl HoldsStructuredPostalAddress for serde_json::Value {}
#[diagnostic::do_not_recommend]
impl<T: HoldsStructuredPostalAddress> HoldsStructuredPostalAddress for Attribute<T> {}

/// Field types that can hold an attribute outside the catalogue: any type that decodes one.
pub trait HoldsAny: FromAttribute {
    decode_calls!();
}
impl<T: FromAttribute> HoldsAny for T {}
