//! What the benchmarks share: the fixtures, a larger receipt made with the crate's own encryptor,
//! the bare crypto a decode needs, and a timer that measures several cases in alternation.
#![allow(dead_code)] // each benchmark uses its own part

use std::time::{Duration, Instant};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use prost::Message;
use yoti_policy::{Attribute, Date, DocumentDetails, Image, SharePolicy};
use yoti_protocol::proto::{self, ContentType, EncryptedData};
use yoti_protocol::receipt::ReceiptContent;
use yoti_protocol::receipt::encrypt::produce_receipt;
use yoti_protocol::receipt::{PrivateKey, ReceiptMetadata, crypto};

/// The struct the synthetic receipt is decoded into.
#[allow(dead_code)]
#[derive(SharePolicy)]
pub struct Checkout {
    #[yoti(selfie)]
    pub selfie: Image,
    #[yoti(phone_number)]
    pub phone: String,
}

/// The struct the larger receipt is decoded into: every attribute it carries.
#[allow(dead_code)]
#[derive(SharePolicy)]
pub struct Onboarding {
    #[yoti(selfie)]
    pub selfie: Image,
    #[yoti(full_name)]
    pub name: Attribute<String>,
    #[yoti(given_names)]
    pub given_names: String,
    #[yoti(family_name)]
    pub family_name: String,
    #[yoti(date_of_birth)]
    pub date_of_birth: Attribute<Date>,
    #[yoti(age_over = 18)]
    pub adult: bool,
    #[yoti(gender)]
    pub gender: String,
    #[yoti(nationality)]
    pub nationality: String,
    #[yoti(document_details)]
    pub document: Attribute<DocumentDetails>,
    #[yoti(phone_number)]
    pub phone: String,
    #[yoti(email_address)]
    pub email: Option<String>,
    #[yoti(postal_address)]
    pub address: String,
}

/// The size of the larger receipt's selfie.
pub const LARGE_SELFIE_LEN: usize = 200 * 1024;

use yoti_test_support::vector as fixture;

pub fn key() -> PrivateKey {
    PrivateKey::from_pem(fixture("keys/node-2048.pem")).expect("key")
}

/// A receipt's two response bodies.
pub struct Bodies {
    pub name: &'static str,
    pub receipt: Vec<u8>,
    pub item_key: Vec<u8>,
}

pub fn synthetic() -> Bodies {
    Bodies {
        name: "synthetic-v2",
        receipt: fixture("receipts/v2-synthetic-receipt.json"),
        item_key: fixture("receipts/v2-synthetic-wrapped-item-key.json"),
    }
}

fn fixture_anchor(name: &str) -> proto::Anchor {
    let text: String = String::from_utf8(fixture(&format!("protobuf/{name}.b64")))
        .expect("utf-8")
        .split_whitespace()
        .collect();
    proto::Anchor::decode(STANDARD.decode(text).expect("base64").as_slice()).expect("anchor")
}

fn attribute(name: &str, content_type: ContentType, value: Vec<u8>) -> proto::Attribute {
    proto::Attribute {
        name: name.into(),
        value: value.into(),
        content_type: content_type as i32,
        anchors: vec![
            fixture_anchor("anchor-passport"),
            fixture_anchor("anchor-yoti-admin"),
        ],
        ephemeral_id: format!("{name}-ephemeral-id"),
        ..proto::Attribute::default()
    }
}

/// Bytes that look like a JPEG to anything that checks the first bytes, and do not compress.
fn jpeg(len: usize) -> Vec<u8> {
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut data: Vec<u8> = (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as u8
        })
        .collect();
    data[..4].copy_from_slice(&[0xff, 0xd8, 0xff, 0xe0]);
    let end = len - 2;
    data[end..].copy_from_slice(&[0xff, 0xd9]);
    data
}

/// A receipt as a verified identity document share produces it: a 200 KB selfie and twelve
/// attributes, each with a passport SOURCE and a YOTI_ADMIN VERIFIER anchor, the application's
/// profile with a logo, and the application's extra data; encrypted by `produce_receipt`, the
/// encryptor the emulator uses.
pub fn large(key: &PrivateKey) -> Bodies {
    let text = |name: &str, value: &str| attribute(name, ContentType::String, value.into());
    let user = proto::AttributeList {
        attributes: vec![
            attribute("selfie", ContentType::Jpeg, jpeg(LARGE_SELFIE_LEN)),
            text("full_name", "Jane Alexandra Doe"),
            text("given_names", "Jane Alexandra"),
            text("family_name", "Doe"),
            attribute("date_of_birth", ContentType::Date, b"1980-02-28".to_vec()),
            text("age_over:18", "true"),
            text("gender", "FEMALE"),
            text("nationality", "GBR"),
            text("document_details", "PASSPORT GBR 01234567 2030-01-01"),
            text("phone_number", "+447474747474"),
            text("email_address", "jane.doe@example.com"),
            attribute(
                "structured_postal_address",
                ContentType::Json,
                br#"{"address_format":1,"building_number":"15","address_line1":"15 Test Street","town_city":"London","postal_code":"SW1A 1AA","country_iso":"GBR","country":"United Kingdom","formatted_address":"15 Test Street\nLondon\nSW1A 1AA\nUnited Kingdom"}"#.to_vec(),
            ),
        ],
    };
    let application = proto::AttributeList {
        attributes: vec![
            text("application_name", "Benchmark Shop"),
            text("application_url", "https://shop.example.com"),
            text("application_receipt_bgcolor", "#ffffff"),
            attribute("application_logo", ContentType::Png, {
                let mut logo = jpeg(2048);
                logo[..4].copy_from_slice(b"\x89PNG");
                logo
            }),
        ],
    };
    let extra_data = STANDARD
        .decode(
            String::from_utf8(fixture("protobuf/extra-data.b64"))
                .expect("utf-8")
                .trim(),
        )
        .expect("base64");
    let metadata = ReceiptMetadata {
        id: STANDARD.encode([7u8; 48]),
        session_id: "ss.v2.benchmark-session".into(),
        timestamp: "2025-05-21T11:01:07Z".into(),
        remember_me_id: Some(STANDARD.encode([9u8; 48])),
        parent_remember_me_id: None,
    };
    let content = ReceiptContent {
        application_profile: Some(application.encode_to_vec().into()),
        application_extra_data: Some(extra_data.into()),
        user_profile: Some(user.encode_to_vec().into()),
        user_extra_data: None,
    };
    let produced = produce_receipt(
        &key.public_key(),
        &metadata,
        "benchmark-wrapped-item-key-id",
        &content,
    )
    .expect("produce");
    Bodies {
        name: "large-200k-selfie",
        receipt: produced.receipt_json.into_bytes(),
        item_key: produced.wrapped_item_key_json.into_bytes(),
    }
}

/// The decoded inputs of the bare crypto: item key ciphertext, nonce, wrapped key, CBC blobs.
pub struct BareInputs {
    value: Vec<u8>,
    iv: Vec<u8>,
    wrapped_key: Vec<u8>,
    blobs: Vec<EncryptedData>,
}

pub fn bare_inputs(bodies: &Bodies) -> BareInputs {
    let receipt: serde_json::Value = serde_json::from_slice(&bodies.receipt).expect("receipt");
    let item_key: serde_json::Value = serde_json::from_slice(&bodies.item_key).expect("item key");
    let b64 = |value: &serde_json::Value| {
        STANDARD
            .decode(value.as_str().expect("string"))
            .expect("base64")
    };
    let blobs = ["content", "otherPartyContent"]
        .into_iter()
        .flat_map(|section| ["profile", "extraData"].map(|field| &receipt[section][field]))
        .filter(|value| value.is_string())
        .map(|value| EncryptedData::decode(b64(value).as_slice()).expect("EncryptedData"))
        .collect();
    BareInputs {
        value: b64(&item_key["value"]),
        iv: b64(&item_key["iv"]),
        wrapped_key: b64(&receipt["wrappedKey"]),
        blobs,
    }
}

/// One RSA-2048 decryption, the GCM unwrap and the CBC decryption of every blob, with aws-lc-rs
/// and nothing else.
pub fn bare_crypto(key: &PrivateKey, inputs: &BareInputs) -> usize {
    let item_key = crypto::rsa_decrypt_pkcs1(key, &inputs.value).expect("rsa");
    let item_key: [u8; 32] = item_key[..].try_into().expect("32 bytes");
    let receipt_key =
        crypto::aes_gcm_decrypt(&item_key, &inputs.iv, &inputs.wrapped_key).expect("gcm");
    let receipt_key: [u8; 32] = receipt_key[..].try_into().expect("32 bytes");
    inputs
        .blobs
        .iter()
        .map(|blob| {
            crypto::aes_cbc_decrypt(&receipt_key, &blob.iv, &blob.cipher_text)
                .expect("cbc")
                .len()
        })
        .sum()
}

/// Measures several cases in alternation (each passes its result through `black_box`), one
/// short batch each per round, so that load from other processes falls on all of them alike.
/// Returns the median time per iteration of each.
pub fn compare(total: Duration, cases: &mut [&mut dyn FnMut()]) -> Vec<Duration> {
    const BATCH: Duration = Duration::from_millis(40);
    // Warm up and size the batches.
    let sizes: Vec<u32> = cases
        .iter_mut()
        .map(|case| {
            let start = Instant::now();
            let mut n = 0u32;
            while start.elapsed() < BATCH * 5 {
                case();
                n += 1;
            }
            (n / 5).max(1)
        })
        .collect();
    let mut samples = vec![Vec::new(); cases.len()];
    let start = Instant::now();
    while start.elapsed() < total {
        for ((case, &n), samples) in cases.iter_mut().zip(&sizes).zip(&mut samples) {
            let batch = Instant::now();
            for _ in 0..n {
                case();
            }
            samples.push(batch.elapsed() / n);
        }
    }
    samples
        .into_iter()
        .map(|mut times| {
            times.sort();
            times[times.len() / 2]
        })
        .collect()
}

pub fn per_second(time: Duration) -> f64 {
    1.0 / time.as_secs_f64()
}
