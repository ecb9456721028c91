//! The protobuf messages of a receipt (docs/protocol.md, "Protobuf messages"), written by hand as
//! `prost` derives so that no `protoc` is needed. Unknown fields are skipped by prost, as the
//! protocol requires.
//!
//! They are public so that a server that produces receipts (such as `yoti-emulator`) builds exactly
//! the bytes this crate decodes.
//!
//! The messages that carry a person's values, ids or certificates print the sizes of those
//! fields in their `Debug`, never the bytes.
//!
//! ```
//! use prost::Message;
//! use yoti_protocol::proto::{Attribute, AttributeList, ContentType};
//!
//! let list = AttributeList {
//!     attributes: vec![Attribute {
//!         name: "full_name".into(),
//!         value: "Jane Doe".into(),
//!         content_type: ContentType::String as i32,
//!         ..Attribute::default()
//!     }],
//! };
//! let bytes = list.encode_to_vec();
//! assert_eq!(AttributeList::decode(bytes.as_slice()).unwrap(), list);
//! ```

use std::fmt;
use std::marker::PhantomData;

use bytes::Bytes;

use yoti_policy::__private::Len;

/// `compubapi_v1.EncryptedData`: one AES-256-CBC encrypted content blob.
#[derive(Clone, PartialEq, prost::Message)]
#[prost(skip_debug)]
pub struct EncryptedData {
    /// The 16-byte CBC initialisation vector.
    #[prost(bytes = "bytes", tag = "1")]
    pub iv: Bytes,
    /// The PKCS#7-padded ciphertext.
    #[prost(bytes = "bytes", tag = "2")]
    pub cipher_text: Bytes,
}

/// `attrpubapi_v1.AttributeList`: the decrypted form of a receipt's `profile` content.
#[derive(Clone, PartialEq, prost::Message)]
pub struct AttributeList {
    /// The attributes, in receipt order.
    #[prost(message, repeated, tag = "1")]
    pub attributes: Vec<Attribute>,
}

/// `attrpubapi_v1.Attribute`.
#[derive(Clone, PartialEq, prost::Message)]
#[prost(skip_debug)]
pub struct Attribute {
    /// The attribute name, e.g. `full_name` or `age_over:18`.
    #[prost(string, tag = "1")]
    pub name: String,
    /// The raw value, interpreted by `content_type`.
    #[prost(bytes = "bytes", tag = "2")]
    pub value: Bytes,
    /// A [`ContentType`] number.
    #[prost(enumeration = "ContentType", tag = "3")]
    pub content_type: i32,
    /// Where the value comes from and who checked it.
    #[prost(message, repeated, tag = "4")]
    pub anchors: Vec<Anchor>,
    /// Free key/value metadata.
    #[prost(message, repeated, tag = "5")]
    pub user_metadata: Vec<UserMetadata>,
    /// Attribute metadata.
    #[prost(message, optional, tag = "6")]
    pub metadata: Option<Metadata>,
    /// Identifies this attribute instance within the share.
    #[prost(string, tag = "7")]
    pub ephemeral_id: String,
}

/// `attrpubapi_v1.ContentType`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, prost::Enumeration)]
#[repr(i32)]
pub enum ContentType {
    /// Treated as UTF-8 text.
    Undefined = 0,
    /// UTF-8 text.
    String = 1,
    /// JPEG image bytes.
    Jpeg = 2,
    /// UTF-8 `YYYY-MM-DD`.
    Date = 3,
    /// PNG image bytes.
    Png = 4,
    /// UTF-8 JSON.
    Json = 5,
    /// A serialised [`MultiValue`].
    MultiValue = 6,
    /// A UTF-8 decimal integer.
    Int = 7,
}

/// `attrpubapi_v1.Anchor`: a source or verifier of an attribute, carried as X.509 certificates.
#[derive(Clone, PartialEq, prost::Message)]
#[prost(skip_debug)]
pub struct Anchor {
    /// `artifact_link`.
    #[prost(bytes = "bytes", tag = "1")]
    pub artifact_link: Bytes,
    /// DER X.509 certificates; the Yoti extension in one of them says what the anchor is.
    #[prost(bytes = "bytes", repeated, tag = "2")]
    pub origin_server_certs: Vec<Bytes>,
    /// `artifact_signature`.
    #[prost(bytes = "bytes", tag = "3")]
    pub artifact_signature: Bytes,
    /// e.g. `OCR`, `NFC`.
    #[prost(string, tag = "4")]
    pub sub_type: String,
    /// `signature`.
    #[prost(bytes = "bytes", tag = "5")]
    pub signature: Bytes,
    /// A serialised [`SignedTimestamp`].
    #[prost(bytes = "bytes", tag = "6")]
    pub signed_time_stamp: Bytes,
    /// e.g. `DRIVING_LICENCE` on a `YOTI_ADMIN` verifier.
    #[prost(string, tag = "7")]
    pub associated_source: String,
}

/// `compubapi_v1.SignedTimestamp`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct SignedTimestamp {
    /// `version`.
    #[prost(int32, tag = "1")]
    pub version: i32,
    /// Microseconds since the Unix epoch, UTC.
    #[prost(uint64, tag = "2")]
    pub timestamp: u64,
    /// `message_digest`.
    #[prost(bytes = "bytes", tag = "3")]
    pub message_digest: Bytes,
    /// `chain_digest`.
    #[prost(bytes = "bytes", tag = "4")]
    pub chain_digest: Bytes,
    /// `chain_digest_skip1`.
    #[prost(bytes = "bytes", tag = "5")]
    pub chain_digest_skip1: Bytes,
    /// `chain_digest_skip2`.
    #[prost(bytes = "bytes", tag = "6")]
    pub chain_digest_skip2: Bytes,
}

/// `attrpubapi_v1.Metadata`.
#[derive(Clone, PartialEq, prost::Message)]
#[prost(skip_debug)]
pub struct Metadata {
    /// `superseded_time_stamp`.
    #[prost(string, tag = "1")]
    pub superseded_time_stamp: String,
    /// `deletable`.
    #[prost(bool, tag = "2")]
    pub deletable: bool,
    /// `receipt_id`.
    #[prost(bytes = "bytes", tag = "3")]
    pub receipt_id: Bytes,
    /// `revoked`.
    #[prost(bool, tag = "4")]
    pub revoked: bool,
    /// `locked`.
    #[prost(bool, tag = "5")]
    pub locked: bool,
}

/// `attrpubapi_v1.UserMetadata`.
#[derive(Clone, PartialEq, prost::Message)]
#[prost(skip_debug)]
pub struct UserMetadata {
    /// `key`.
    #[prost(string, tag = "1")]
    pub key: String,
    /// `value`.
    #[prost(string, tag = "2")]
    pub value: String,
}

/// `attrpubapi_v1.MultiValue`: the value of a `MULTI_VALUE` attribute such as `document_images`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct MultiValue {
    /// The items, in order.
    #[prost(message, repeated, tag = "1")]
    pub values: Vec<MultiValueItem>,
}

/// `attrpubapi_v1.MultiValue.Value`: one item of a [`MultiValue`].
#[derive(Clone, PartialEq, prost::Message)]
#[prost(skip_debug)]
pub struct MultiValueItem {
    /// A [`ContentType`] number.
    #[prost(enumeration = "ContentType", tag = "1")]
    pub content_type: i32,
    /// The raw item, interpreted by `content_type`.
    #[prost(bytes = "bytes", tag = "2")]
    pub data: Bytes,
}

/// `sharepubapi_v1.ExtraData`: the decrypted form of a receipt's `extraData` content.
#[derive(Clone, PartialEq, prost::Message)]
pub struct ExtraData {
    /// The entries, in order.
    #[prost(message, repeated, tag = "1")]
    pub list: Vec<DataEntry>,
}

/// `sharepubapi_v1.DataEntry`.
#[derive(Clone, PartialEq, prost::Message)]
#[prost(skip_debug)]
pub struct DataEntry {
    /// A [`DataEntryType`] number.
    #[prost(enumeration = "DataEntryType", tag = "1")]
    pub r#type: i32,
    /// The entry, interpreted by its type.
    #[prost(bytes = "bytes", tag = "2")]
    pub value: Bytes,
}

/// `sharepubapi_v1.DataEntry.Type`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, prost::Enumeration)]
#[repr(i32)]
pub enum DataEntryType {
    /// `UNDEFINED`
    Undefined = 0,
    /// `INVOICE`
    Invoice = 1,
    /// `PAYMENT_TRANSACTION`
    PaymentTransaction = 2,
    /// `LOCATION`
    Location = 3,
    /// `TRANSACTION`
    Transaction = 4,
    /// `AGE_VERIFICATION_SECRET`
    AgeVerificationSecret = 5,
    /// `THIRD_PARTY_ATTRIBUTE`: the value is a [`ThirdPartyAttribute`].
    ThirdPartyAttribute = 6,
}

/// `sharepubapi_v1.ThirdPartyAttribute`: details for issuing third-party attributes.
#[derive(Clone, PartialEq, prost::Message)]
#[prost(skip_debug)]
pub struct ThirdPartyAttribute {
    /// The issuance token (exposed as standard base64).
    #[prost(bytes = "bytes", tag = "1")]
    pub issuance_token: Bytes,
    /// What may be issued and until when.
    #[prost(message, optional, tag = "2")]
    pub issuing_attributes: Option<IssuingAttributes>,
}

/// `sharepubapi_v1.IssuingAttributes`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct IssuingAttributes {
    /// RFC 3339 date-time; empty when there is no expiry.
    #[prost(string, tag = "1")]
    pub expiry_date: String,
    /// The attribute definitions.
    #[prost(message, repeated, tag = "2")]
    pub definitions: Vec<Definition>,
}

/// `sharepubapi_v1.Definition`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct Definition {
    /// The attribute name, e.g. `com.thirdparty.id`.
    #[prost(string, tag = "1")]
    pub name: String,
}

impl fmt::Debug for EncryptedData {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EncryptedData")
            .field("iv", &Len(self.iv.len()))
            .field("cipher_text", &Len(self.cipher_text.len()))
            .finish()
    }
}

impl fmt::Debug for Attribute {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Attribute")
            .field("name", &self.name)
            .field("content_type", &named::<ContentType>(self.content_type))
            .field("value", &Len(self.value.len()))
            .field("anchors", &self.anchors)
            .finish_non_exhaustive()
    }
}

impl fmt::Debug for Anchor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Anchor")
            .field("origin_server_certs", &self.origin_server_certs.len())
            .finish_non_exhaustive()
    }
}

impl fmt::Debug for Metadata {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Metadata")
            .field("receipt_id", &Len(self.receipt_id.len()))
            .finish_non_exhaustive()
    }
}

impl fmt::Debug for UserMetadata {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UserMetadata")
            .field("key", &self.key)
            .field("value", &Len(self.value.len()))
            .finish()
    }
}

impl fmt::Debug for MultiValueItem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MultiValueItem")
            .field("content_type", &named::<ContentType>(self.content_type))
            .field("data", &Len(self.data.len()))
            .finish()
    }
}

impl fmt::Debug for DataEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DataEntry")
            .field("type", &named::<DataEntryType>(self.r#type))
            .field("value", &Len(self.value.len()))
            .finish()
    }
}

impl fmt::Debug for ThirdPartyAttribute {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ThirdPartyAttribute")
            .field("issuance_token", &Len(self.issuance_token.len()))
            .field("issuing_attributes", &self.issuing_attributes)
            .finish()
    }
}

/// An enumeration field's number, by name when it is a known one.
struct Named<E>(i32, PhantomData<E>);

fn named<E>(number: i32) -> Named<E> {
    Named(number, PhantomData)
}

impl<E: TryFrom<i32> + fmt::Debug> fmt::Debug for Named<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match E::try_from(self.0) {
            Ok(known) => known.fmt(f),
            Err(_) => self.0.fmt(f),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;
    use prost::Message;

    fn fixture(name: &str) -> Vec<u8> {
        let text = yoti_test_support::vector_text(&format!("protobuf/{name}"));
        let text: String = text.chars().filter(|c| !c.is_ascii_whitespace()).collect();
        base64::engine::general_purpose::STANDARD
            .decode(text)
            .unwrap()
    }

    #[test]
    fn extra_data_fixture_decodes_to_one_third_party_entry() {
        let extra = ExtraData::decode(fixture("extra-data.b64").as_slice()).unwrap();
        assert_eq!(extra.list.len(), 1);
        assert_eq!(
            extra.list[0].r#type,
            DataEntryType::ThirdPartyAttribute as i32
        );
        let third = ThirdPartyAttribute::decode(extra.list[0].value.clone()).unwrap();
        assert_eq!(&third.issuance_token[..], b"someIssuanceToken");
        let issuing = third.issuing_attributes.unwrap();
        assert_eq!(issuing.expiry_date, "2019-10-15T22:04:05.123Z");
        let names: Vec<_> = issuing
            .definitions
            .iter()
            .map(|d| d.name.as_str())
            .collect();
        assert_eq!(names, ["com.thirdparty.id", "com.thirdparty.other_id"]);
    }

    #[test]
    fn date_of_birth_fixture_keeps_explicit_zero_fields() {
        let attribute =
            Attribute::decode(fixture("attribute-date-of-birth.b64").as_slice()).unwrap();
        assert_eq!(attribute.name, "date_of_birth");
        assert_eq!(attribute.content_type, ContentType::Date as i32);
        assert_eq!(&attribute.value[..], b"1970-12-01");
        assert_eq!(attribute.anchors.len(), 2);
        assert_eq!(attribute.anchors[1].associated_source, "PASSPORT");
        let metadata = attribute.metadata.unwrap();
        assert!(!metadata.deletable);
        let stamp =
            SignedTimestamp::decode(attribute.anchors[0].signed_time_stamp.clone()).unwrap();
        assert_eq!(stamp.timestamp, 1_551_713_411_315_255);
    }

    #[test]
    fn debug_shows_the_sizes_of_values_not_the_values() {
        let attribute =
            Attribute::decode(fixture("attribute-date-of-birth.b64").as_slice()).unwrap();
        let debug = format!("{attribute:?}");
        assert_eq!(
            debug,
            "Attribute { name: \"date_of_birth\", content_type: Date, value: <10 bytes>, \
             anchors: [Anchor { origin_server_certs: 1, .. }, Anchor { origin_server_certs: 1, .. }], .. }"
        );
        let item = MultiValueItem {
            content_type: 99,
            data: Bytes::from_static(b"secret"),
        };
        assert_eq!(
            format!("{item:?}"),
            "MultiValueItem { content_type: 99, data: <6 bytes> }"
        );
        let extra = ExtraData::decode(fixture("extra-data.b64").as_slice()).unwrap();
        let third = ThirdPartyAttribute::decode(extra.list[0].value.clone()).unwrap();
        for debug in [format!("{extra:?}"), format!("{third:?}")] {
            assert!(!debug.contains("someIssuanceToken"), "{debug}");
            assert!(!debug.contains("115, 111, 109, 101"), "{debug}");
        }
        assert!(format!("{extra:?}").contains("type: ThirdPartyAttribute"));
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(AttributeList::decode(&[0x0a, 0xff, 0xff][..]).is_err());
        assert!(Anchor::decode(&[0x12][..]).is_err());
    }
}
