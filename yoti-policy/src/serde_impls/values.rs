//! The plain values: dates as `"1980-01-02"`, images as `{"mime_type", "base64"}`, document
//! details and age verifications as objects of their parts, addresses and identity profile
//! reports as the JSON objects they are.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

use crate::profile::{
    AgeCheck, AgeVerification, Date, DocumentDetails, IdentityProfileReport, Image, ImageFormat,
    StructuredPostalAddress,
};

/// ISO 8601 text: `YYYY-MM-DD`, or `YYYY-MM` / `YYYY` for a partial date.
impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(D::Error::custom)
    }
}

#[derive(Serialize)]
struct ImageForm<'a> {
    mime_type: &'a str,
    base64: String,
}

impl Serialize for Image {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        ImageForm {
            mime_type: self.mime_type(),
            base64: STANDARD.encode(self.data()),
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Image {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Owned {
            mime_type: String,
            base64: String,
        }
        let form = Owned::deserialize(deserializer)?;
        let format = match form.mime_type.as_str() {
            "image/jpeg" => ImageFormat::Jpeg,
            "image/png" => ImageFormat::Png,
            _ => {
                return Err(D::Error::custom(
                    "`mime_type` of an image is neither `image/jpeg` nor `image/png`",
                ));
            }
        };
        let data = STANDARD
            .decode(form.base64.as_bytes())
            .map_err(|_| D::Error::custom("`base64` of an image is not standard base64"))?;
        Ok(Image::new(format, data.into()))
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct DocumentDetailsForm {
    document_type: String,
    issuing_country: String,
    document_number: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    expiration_date: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    issuing_authority: Option<String>,
}

impl Serialize for DocumentDetails {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        DocumentDetailsForm {
            document_type: self.document_type().to_owned(),
            issuing_country: self.issuing_country().to_owned(),
            document_number: self.document_number().to_owned(),
            expiration_date: self.expiration_date(),
            issuing_authority: self.issuing_authority().map(str::to_owned),
        }
        .serialize(serializer)
    }
}

/// Rebuilt as the attribute's text and read by its parser, so that the same rules apply: no
/// empty part, no space inside one, a full expiration date.
impl<'de> Deserialize<'de> for DocumentDetails {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let form = DocumentDetailsForm::deserialize(deserializer)?;
        let mut parts = vec![
            form.document_type,
            form.issuing_country,
            form.document_number,
        ];
        if form.expiration_date.is_some() || form.issuing_authority.is_some() {
            parts.push(
                form.expiration_date
                    .map_or("-".to_owned(), |d| d.to_string()),
            );
        }
        parts.extend(form.issuing_authority);
        if parts.iter().any(|part| part.contains(' ')) {
            return Err(D::Error::custom(
                "a part of document details contains a space",
            ));
        }
        parts.join(" ").parse().map_err(D::Error::custom)
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct AgeVerificationForm {
    check: String,
    age: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    buffer: Option<u32>,
    result: bool,
}

/// `{"check": "age_over", "age": 18, "buffer": 5, "result": true}` (`buffer` only for an
/// estimated age check).
impl Serialize for AgeVerification {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        AgeVerificationForm {
            check: self.check().as_str().to_owned(),
            age: self.age(),
            buffer: self.buffer(),
            result: self.result(),
        }
        .serialize(serializer)
    }
}

/// Rebuilt as the attribute's name and value (`age_over:18:5`, `true`) and read by their parser.
impl<'de> Deserialize<'de> for AgeVerification {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let form = AgeVerificationForm::deserialize(deserializer)?;
        let check = [AgeCheck::Over, AgeCheck::Under]
            .into_iter()
            .find(|check| check.as_str() == form.check)
            .ok_or_else(|| D::Error::custom("`check` is neither `age_over` nor `age_under`"))?;
        let name = match form.buffer {
            Some(buffer) => format!("{check}:{}:{buffer}", form.age),
            None => format!("{check}:{}", form.age),
        };
        AgeVerification::parse(&name, if form.result { "true" } else { "false" })
            .map_err(D::Error::custom)
    }
}

/// The address's JSON object as Yoti sent it.
impl Serialize for StructuredPostalAddress {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.json().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for StructuredPostalAddress {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let json = Map::<String, Value>::deserialize(deserializer)?;
        StructuredPostalAddress::from_json(Value::Object(json))
            .ok_or_else(|| D::Error::custom("a structured postal address is a JSON object"))
    }
}

/// The report's JSON object as Yoti sent it.
impl Serialize for IdentityProfileReport {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.json().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for IdentityProfileReport {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let json = Map::<String, Value>::deserialize(deserializer)?;
        IdentityProfileReport::from_json(Value::Object(json))
            .ok_or_else(|| D::Error::custom("an identity profile report is a JSON object"))
    }
}
