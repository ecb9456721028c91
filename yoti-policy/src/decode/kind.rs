//! Which field types can hold which attribute: one marker trait per
//! [`ValueKind`](crate::catalogue::ValueKind), each with a compiler message that names the types
//! that can.
//!
//! The derive calls the check function named by `ValueKind::check_fn` with the field's type (the
//! `T` of an `Option<T>`), so that a wrong type is a compile error under that type:
//!
//! ```compile_fail
//! #[derive(yoti_policy::SharePolicy)]
//! struct Wanted {
//!     #[yoti(selfie)]
//!     photo: String, // error: `#[yoti(selfie)]` is an image
//! }
//! ```

use crate::profile::{
    AgeVerification, Attribute, Date, DocumentDetails, Image, StructuredPostalAddress,
};

macro_rules! kinds {
    ($(
        $(#[$doc:meta])*
        $check:ident: $trait:ident, $message:literal, $note:literal => [$($ty:ty),* $(,)?];
    )*) => {$(
        $(#[$doc])*
        #[diagnostic::on_unimplemented(message = $message, label = "this field type", note = $note)]
        pub trait $trait {}
        $(impl $trait for $ty {})*
        impl<T: $trait> $trait for Attribute<T> {}

        /// Compiles only when `T` can hold this kind of attribute.
        pub const fn $check<T: $trait>() {}
    )*};
}

kinds! {
    /// Field types that can hold a text attribute.
    text: HoldsText,
        "a field of type `{Self}` cannot hold a text attribute",
        "a text attribute fits `String` or `Attribute<String>`, in an `Option<_>` when optional"
        => [String];
    /// Field types that can hold `date_of_birth`.
    date: HoldsDate,
        "a field of type `{Self}` cannot hold a date attribute",
        "a date attribute fits `Date`, `String` or `Attribute<_>` of either, in an `Option<_>` when optional"
        => [Date, String];
    /// Field types that can hold the result of an age check.
    age_check: HoldsAgeCheck,
        "a field of type `{Self}` cannot hold an age check",
        "an age check fits `bool`, `AgeVerification` or `Attribute<_>` of either, in an `Option<_>` when optional"
        => [bool, AgeVerification];
    /// Field types that can hold an image.
    image: HoldsImage,
        "a field of type `{Self}` cannot hold an image",
        "an image fits `Image` or `Attribute<Image>`, in an `Option<_>` when optional"
        => [Image];
    /// Field types that can hold `document_details`.
    document_details: HoldsDocumentDetails,
        "a field of type `{Self}` cannot hold document details",
        "document details fit `DocumentDetails`, `String` or `Attribute<_>` of either, in an `Option<_>` when optional"
        => [DocumentDetails, String];
    /// Field types that can hold `document_images`.
    document_images: HoldsDocumentImages,
        "a field of type `{Self}` cannot hold document images",
        "document images fit `Vec<Image>` or `Attribute<Vec<Image>>`, in an `Option<_>` when optional"
        => [Vec<Image>];
    /// Field types that can hold `structured_postal_address`.
    structured_postal_address: HoldsStructuredPostalAddress,
        "a field of type `{Self}` cannot hold a structured postal address",
        "a structured postal address fits `StructuredPostalAddress`, `serde_json::Value` or `Attribute<_>` of either, in an `Option<_>` when optional"
        => [StructuredPostalAddress, serde_json::Value];
}

/// Field types that can hold an attribute outside the catalogue: any type that decodes one.
pub trait HoldsAny {}
impl<T: crate::FromAttribute> HoldsAny for T {}

/// Compiles only when `T` can decode an attribute.
pub const fn any<T: HoldsAny>() {}
