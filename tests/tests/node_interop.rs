//! The official Node SDK (npm `yoti`, pinned by `tests/node/package-lock.json`) against the
//! emulator: `tests/node/interop.mjs` builds a policy and a session configuration with the SDK's
//! own builders, creates the session and a QR code, reads both back, has the emulator share its
//! persona, then fetches and decrypts the receipt with the SDK's own code and prints what it saw.
//! The same receipt is decoded here with `yoti-client` into a derived struct, and the two
//! decoders must agree on every value, source and verifier.
//!
//! Needs `node` and the SDK: `npm ci --prefix tests/node` (`.ci/run` does it).

use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::Value;
use tokio::io::AsyncReadExt;
use tokio::process::Command;
use yoti_client::DigitalIdentityClient;
use yoti_emulator::{Application, Emulator, EmulatorHandle};
use yoti_policy::{Date, Image, SharePolicy};
use yoti_protocol::receipt::{PrivateKey, Receipt};

const NODE_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/node");
const SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/node/interop.mjs");
const KEY: &str = "keys/node-2048.pem";
const OTHER_KEY: &str = "keys/go-4096.pem";
/// The persona's selfie, as the emulator embeds it.
const PERSONA_SELFIE: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../yoti-emulator/assets/persona-selfie.jpg"
));

const SDK_ID: &str = "node-interop-sdk-id";
const APPLICATION_NAME: &str = "Node Interop Shop";
const REDIRECT_URI: &str = "https://shop.example/yoti/done";
/// The SDK version `package.json` pins.
const PINNED_SDK_VERSION: &str = "4.13.2";
/// How long one run of the Node program may take before it is killed.
const NODE_TIMEOUT: Duration = Duration::from_secs(60);

/// The policy `interop.mjs` builds with the SDK's `PolicyBuilder`, declared the Rust way.
#[derive(SharePolicy)]
#[yoti(remember_me)]
struct Customer {
    #[yoti(full_name)]
    full_name: String,
    #[yoti(date_of_birth)]
    date_of_birth: Date,
    #[yoti(age_over = 18)]
    over_18: bool,
    #[yoti(email_address)]
    email_address: String,
    #[yoti(selfie)]
    selfie: Image,
}

fn key(vector: &str) -> PrivateKey {
    PrivateKey::from_pem_file(yoti_test_support::vector_path(vector)).unwrap()
}

async fn start_emulator() -> EmulatorHandle {
    Emulator::builder()
        .application(Application::new(SDK_ID, key(KEY).public_key()).with_name(APPLICATION_NAME))
        .start()
        .await
        .unwrap()
}

fn rust_client(emulator: &EmulatorHandle) -> DigitalIdentityClient {
    DigitalIdentityClient::builder(SDK_ID, key(KEY))
        .base_url(emulator.base_url())
        .build()
        .unwrap()
}

/// Fails (never skips) when the Node SDK is not installed, saying how to install it.
fn require_node_sdk() {
    let package = Path::new(NODE_DIR).join("node_modules/yoti/package.json");
    let Ok(text) = std::fs::read_to_string(&package) else {
        panic!(
            "the official Node SDK is not installed ({} is missing): run `npm ci --prefix tests/node`",
            package.display()
        );
    };
    let version = serde_json::from_str::<Value>(&text).unwrap()["version"].clone();
    assert_eq!(
        version, PINNED_SDK_VERSION,
        "tests/node/node_modules holds another version of `yoti`: run `npm ci --prefix tests/node`"
    );
}

/// What one run of `interop.mjs` printed.
struct NodeRun {
    success: bool,
    output: Value,
    stderr: String,
}

/// Runs `node interop.mjs` against the emulator with `key_path` as the application key, killing
/// it after [`NODE_TIMEOUT`].
async fn run_node(emulator: &EmulatorHandle, key_vector: &str) -> NodeRun {
    require_node_sdk();
    let mut child = Command::new("node")
        .arg(SCRIPT)
        .current_dir(NODE_DIR)
        .env("YOTI_DIGITAL_IDENTITY_API_URL", emulator.base_url())
        .env("YOTI_CLIENT_SDK_ID", SDK_ID)
        .env("YOTI_KEY_FILE_PATH", yoti_test_support::vector_path(key_vector))
        .env("YOTI_EMULATOR_CONTROL_URL", emulator.control_url())
        .env("YOTI_REDIRECT_URI", REDIRECT_URI)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap_or_else(|e| {
            panic!(
                "`node` could not be started ({e}): install Node.js, then run `npm ci --prefix tests/node`"
            )
        });
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let run = async {
        let (mut out, mut err) = (String::new(), String::new());
        let (read_out, read_err, status) = tokio::join!(
            stdout.read_to_string(&mut out),
            stderr.read_to_string(&mut err),
            child.wait()
        );
        read_out.unwrap();
        read_err.unwrap();
        (status.unwrap(), out, err)
    };
    let Ok((status, stdout, stderr)) = tokio::time::timeout(NODE_TIMEOUT, run).await else {
        // `child` is dropped as this panic unwinds, and `kill_on_drop` kills the process.
        panic!("`node interop.mjs` did not finish within {NODE_TIMEOUT:?} and was killed");
    };
    let line = stdout.lines().rev().find(|l| !l.trim().is_empty());
    let output = line
        .and_then(|l| serde_json::from_str(l).ok())
        .unwrap_or_else(|| {
            panic!("`node interop.mjs` printed no JSON ({status}).\nstdout:\n{stdout}\nstderr:\n{stderr}")
        });
    NodeRun {
        success: status.success(),
        output,
        stderr,
    }
}

/// Today's date in UTC as (year, month, day), from the days since the epoch (Hinnant's
/// civil-from-days).
fn today_utc() -> (i64, u32, u32) {
    let days = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
        / 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Completed years between a full date of birth and today.
fn age_today(date_of_birth: &Date) -> i64 {
    let (year, month, day) = today_utc();
    let birthday = (date_of_birth.month().unwrap(), date_of_birth.day().unwrap());
    let years = year - i64::from(date_of_birth.year());
    if (month, day) < (birthday.0.into(), birthday.1.into()) {
        years - 1
    } else {
        years
    }
}

fn anchor_values<'a>(anchors: impl Iterator<Item = &'a yoti_policy::Anchor>) -> Value {
    anchors.map(|a| Value::from(a.value())).collect()
}

/// Asserts that the Node SDK saw the attribute's value (as JSON) and its sources and verifiers
/// exactly as the Rust decoder did.
fn assert_attribute(node: &Value, rust: &Receipt<Customer>, name: &str, value: Value) {
    let seen = &node["receipt"]["attributes"][name];
    assert_eq!(seen["value"], value, "{name}: {seen}");
    let attribute = rust.user_profile().get(name).unwrap();
    assert_eq!(
        seen["sources"],
        anchor_values(attribute.sources()),
        "{name}"
    );
    assert_eq!(
        seen["verifiers"],
        anchor_values(attribute.verifiers()),
        "{name}"
    );
}

#[tokio::test]
async fn the_node_sdk_completes_a_share_and_decrypts_the_receipt() {
    let emulator = start_emulator().await;
    let run = run_node(&emulator, KEY).await;
    assert!(
        run.success,
        "the Node SDK failed: {}\nstderr:\n{}",
        run.output, run.stderr
    );
    let node = &run.output["ok"];

    // The SDK's PolicyBuilder writes what the derive writes.
    assert_eq!(node["policy"], Customer::POLICY_JSON);

    // Every call the SDK made reached its route once, and nothing else was called.
    for route in [
        "POST /v2/sessions",
        "POST /v2/sessions/{session_id}/qr-codes",
        "GET /v2/qr-codes/{qr_code_id}",
        "GET /v2/sessions/{session_id}",
        "GET /v2/receipts/{receipt_id}",
        "GET /v2/wrapped-item-keys/{item_key_id}",
    ] {
        assert_eq!(emulator.request_count(route), 1, "{route}");
    }

    let session_id = node["session"]["id"].as_str().unwrap();
    let qr_code_id = node["qr_code"]["id"].as_str().unwrap();
    let receipt_id = node["receipt"]["id"].as_str().unwrap();
    assert!(session_id.starts_with("ss.v2."), "{session_id}");
    assert_eq!(node["session"]["status"], "CREATED");
    assert_eq!(
        node["qr_code"]["uri"],
        format!("{}/qr/{qr_code_id}", emulator.control_url())
    );
    assert_eq!(node["qr_code"]["session_id"], session_id);
    assert_eq!(node["qr_code"]["redirect_uri"], REDIRECT_URI);
    assert_eq!(node["session_before_share"]["status"], "QR_CODE_CREATED");
    assert_eq!(node["session_before_share"]["qr_code_id"], qr_code_id);
    assert_eq!(node["session_before_share"]["receipt_id"], Value::Null);

    // The emulator holds the same session, QR code and receipt.
    let client = rust_client(&emulator);
    let session = client
        .get_share_session(&session_id.parse().unwrap())
        .await
        .unwrap();
    assert_eq!(session.status, "COMPLETED");
    assert_eq!(session.qr_code.unwrap().id, qr_code_id);
    assert_eq!(session.receipt.unwrap().id, receipt_id);
    let qr_code = client
        .get_share_qr_code(&qr_code_id.parse().unwrap())
        .await
        .unwrap();
    assert_eq!(qr_code.session.id, session_id);
    let stored_policy: Value = match qr_code.policy.unwrap() {
        Value::String(text) => serde_json::from_str(&text).unwrap(),
        other => other,
    };
    assert_eq!(
        stored_policy,
        serde_json::from_str::<Value>(Customer::POLICY_JSON).unwrap()
    );

    // The Rust decoder reads the same receipt; both must agree.
    let receipt = client
        .get_share_receipt::<Customer>(&receipt_id.parse().unwrap())
        .await
        .unwrap()
        .into_receipt()
        .expect("shared");
    assert_eq!(node["receipt"]["receipt_id"], receipt_id);
    assert_eq!(node["receipt"]["session_id"], session_id);
    assert_eq!(node["receipt"]["error"], Value::Null);
    assert_eq!(node["receipt"]["application_name"], APPLICATION_NAME);
    assert_eq!(receipt.application_profile().name(), Some(APPLICATION_NAME));
    let remember_me_id = receipt.remember_me_id().unwrap();
    assert!(!remember_me_id.is_empty());
    assert_eq!(node["receipt"]["remember_me_id"], remember_me_id);
    assert_eq!(
        node["receipt"]["parent_remember_me_id"],
        receipt
            .parent_remember_me_id()
            .map_or(Value::Null, Value::from)
    );

    let user = receipt.user();
    let attributes = node["receipt"]["attributes"].as_object().unwrap();
    let mut names: Vec<&str> = attributes.keys().map(String::as_str).collect();
    names.sort_unstable();
    assert_eq!(
        names,
        [
            "age_over:18",
            "date_of_birth",
            "email_address",
            "full_name",
            "selfie"
        ]
    );
    assert!(!user.full_name.is_empty());
    assert_attribute(node, &receipt, "full_name", user.full_name.as_str().into());
    assert_attribute(
        node,
        &receipt,
        "date_of_birth",
        user.date_of_birth.to_string().into(),
    );
    assert_attribute(
        node,
        &receipt,
        "email_address",
        user.email_address.as_str().into(),
    );
    // The age check is computed from the shared date of birth on the day of the share.
    let expected_over_18 = age_today(&user.date_of_birth) >= 18;
    assert_eq!(user.over_18, expected_over_18);
    assert_attribute(node, &receipt, "age_over:18", expected_over_18.into());
    // The selfie is the persona's JPEG, byte for byte.
    assert_eq!(user.selfie.data().as_ref(), PERSONA_SELFIE);
    assert_eq!(&PERSONA_SELFIE[..2], &[0xff, 0xd8], "a JPEG");
    let head: String = PERSONA_SELFIE[..4]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_attribute(
        node,
        &receipt,
        "selfie",
        serde_json::json!({
            "mime_type": "image/jpeg",
            "length": PERSONA_SELFIE.len(),
            "head": head,
        }),
    );
    emulator.shutdown().await;
}

#[tokio::test]
async fn the_node_sdk_reports_the_emulators_401_for_a_wrong_key() {
    let emulator = start_emulator().await;
    let run = run_node(&emulator, OTHER_KEY).await;
    assert!(!run.success, "a wrong key was accepted: {}", run.output);
    let error = &run.output["error"];
    assert_eq!(error["step"], "create share session", "{error}");
    assert_eq!(error["name"], "DigitalIdentityServiceError", "{error}");
    assert_eq!(error["status"], 401, "{error}");
    assert_eq!(error["code"], "INVALID_REQUEST_SIGNATURE", "{error}");
    // The request reached the emulator and was refused there; nothing was created.
    assert_eq!(emulator.request_count("POST /v2/sessions"), 1);
    assert_eq!(
        emulator.request_count("POST /v2/sessions/{session_id}/qr-codes"),
        0
    );
    emulator.shutdown().await;
}
