//! One complete share flow from one client against one emulator, with attributes unique to the
//! flow: used by the load test and by the flows-per-second benchmark.

use std::time::Duration;

use serde_json::json;
use yoti_client::{DigitalIdentityClient, RetryPolicy};
use yoti_emulator::{Emulator, EmulatorHandle};
use yoti_policy::{Date, SharePolicy, ShareSessionConfiguration};
use yoti_protocol::receipt::Receipt;
use yoti_test_support::{EmulatorControl, test_key};

pub const SDK_ID: &str = "load-sdk-id";
const REDIRECT: &str = "https://example.com/callback";

/// What each flow asks for.
#[derive(Debug, SharePolicy)]
pub struct Member {
    #[yoti(full_name)]
    pub name: String,
    #[yoti(email_address)]
    pub email: String,
    #[yoti(date_of_birth)]
    pub dob: Date,
}

/// The attributes flow `n` shares, all different from every other flow's.
pub fn shared_by(n: usize) -> (String, String, String) {
    let (year, month, day) = (1900 + n % 100, 1 + n % 12, 1 + n % 28);
    (
        format!("Flow {n} Member"),
        format!("flow-{n}@example.com"),
        format!("{year:04}-{month:02}-{day:02}"),
    )
}

/// One emulator, and one client for it that callers clone.
pub async fn start() -> (EmulatorHandle, DigitalIdentityClient) {
    let key = test_key("node-2048.pem");
    let emulator = Emulator::builder()
        .app(SDK_ID, key.public_key())
        .start()
        .await
        .expect("emulator");
    let client = DigitalIdentityClient::builder(SDK_ID, key)
        .base_url(emulator.base_url())
        .timeout(Duration::from_secs(60))
        .retry(RetryPolicy::none())
        .build()
        .expect("client");
    (emulator, client)
}

/// A finished flow: the session it created and the receipt it got back.
pub struct Flow {
    pub session_id: String,
    pub receipt: Receipt<Member>,
}

/// Session, QR code, share (through the control API, with flow `n`'s attributes), receipt.
pub async fn run(
    client: &DigitalIdentityClient,
    control: &EmulatorControl,
    n: usize,
) -> Result<Flow, String> {
    let config = ShareSessionConfiguration::new::<Member>(REDIRECT).map_err(|e| e.to_string())?;
    let session = client
        .create_share_session(&config)
        .await
        .map_err(|e| format!("flow {n}: create session: {e}"))?;
    let qr_code = client
        .create_share_qr_code(&session.id)
        .await
        .map_err(|e| format!("flow {n}: QR code: {e}"))?;
    let details = client
        .get_share_qr_code(&qr_code.id)
        .await
        .map_err(|e| format!("flow {n}: get QR code: {e}"))?;
    if details.session.id != session.id {
        return Err(format!("flow {n}: the QR code belongs to another session"));
    }

    let (name, email, dob) = shared_by(n);
    let body = json!({"attributes": [
        {"name": "full_name", "value": name},
        {"name": "email_address", "value": email},
        {"name": "date_of_birth", "value": dob},
    ]});
    let shared = control
        .share(&session.id, &body)
        .await
        .map_err(|e| format!("flow {n}: share: {e}"))?;

    let receipt = client
        .get_share_receipt::<Member>(&shared.receipt_id)
        .await
        .map_err(|e| format!("flow {n}: receipt: {e}"))?
        .into_receipt()
        .ok_or_else(|| format!("flow {n}: the share did not complete"))?;
    Ok(Flow {
        session_id: session.id.to_string(),
        receipt,
    })
}
