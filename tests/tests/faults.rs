//! The client against the emulator's fault injection, for every endpoint: latency beyond the
//! timeout, 5xx bursts, dropped connections, truncated bodies and non-JSON answers. Every call
//! ends with its documented typed error within its timeout budget, GETs succeed once the fault
//! clears, and no POST is ever sent twice. (The session GET cases are in `e2e_client.rs`.)

use std::time::{Duration, Instant};

use yoti_client::{
    ClientError, DigitalIdentityClient, QrCodeId, ReceiptId, RetryPolicy, SessionId,
};
use yoti_emulator::{Emulator, EmulatorHandle};
use yoti_policy::{SharePolicy, ShareSessionConfiguration};
use yoti_protocol::receipt::{Body, ReceiptError};
use yoti_test_support::{EmulatorControl, Fault, FaultRule, test_key};

const SDK_ID: &str = "faults-sdk-id";
const REDIRECT: &str = "https://example.com/callback";
const TIMEOUT: Duration = Duration::from_millis(400);
const RETRIES: u32 = 3;

#[derive(Debug, SharePolicy)]
struct Named {
    #[yoti(full_name)]
    name: String,
}

async fn emulator() -> EmulatorHandle {
    Emulator::builder()
        .app(SDK_ID, test_key("node-2048.pem").public_key())
        .start()
        .await
        .unwrap()
}

fn client(emulator: &EmulatorHandle, retries: u32) -> DigitalIdentityClient {
    DigitalIdentityClient::builder(SDK_ID, test_key("node-2048.pem"))
        .base_url(emulator.base_url())
        .timeout(TIMEOUT)
        .retry(RetryPolicy {
            max_retries: retries,
            base_delay: Duration::from_millis(5),
            max_delay: Duration::from_millis(20),
        })
        .build()
        .unwrap()
}

/// The longest a call may take: every attempt up to its timeout, the backoffs, and slack for a
/// loaded machine.
fn budget(retries: u32) -> Duration {
    TIMEOUT * (retries + 1) + Duration::from_millis(20) * retries + Duration::from_secs(1)
}

async fn fault(emulator: &EmulatorHandle, route: &str, fault: Fault, times: u64) {
    let rule = FaultRule::new(fault).route(route).times(times);
    EmulatorControl::new(emulator)
        .add_fault(&rule)
        .await
        .unwrap();
}

/// A session with a QR code and a completed share: the ids of every endpoint.
struct Ids {
    session: SessionId,
    qr_code: QrCodeId,
    receipt: ReceiptId,
}

async fn shared_session(emulator: &EmulatorHandle, client: &DigitalIdentityClient) -> Ids {
    let config = ShareSessionConfiguration::new::<Named>(REDIRECT).unwrap();
    let session = client.create_share_session(&config).await.unwrap().id;
    let qr_code = client.create_share_qr_code(&session).await.unwrap().id;
    let receipt = EmulatorControl::new(emulator)
        .share_as_persona(&session)
        .await
        .unwrap()
        .receipt_id;
    Ids {
        session,
        qr_code,
        receipt,
    }
}

/// Which endpoint to call.
#[derive(Debug, Clone, Copy)]
enum Call {
    CreateSession,
    CreateQrCode,
    GetQrCode,
    /// The receipt fetch; its `route` says which of its two requests the fault hits.
    GetReceipt(&'static str),
}

const RECEIPT: &str = "GET /v2/receipts/*";
const ITEM_KEY: &str = "GET /v2/wrapped-item-keys/*";

impl Call {
    fn route(self) -> &'static str {
        match self {
            Call::CreateSession => "POST /v2/sessions",
            Call::CreateQrCode => "POST /v2/sessions/*/qr-codes",
            Call::GetQrCode => "GET /v2/qr-codes/*",
            Call::GetReceipt(route) => route,
        }
    }

    /// The counter name of the request the fault hits.
    fn counter(self) -> &'static str {
        match self {
            Call::CreateSession => "POST /v2/sessions",
            Call::CreateQrCode => "POST /v2/sessions/{session_id}/qr-codes",
            Call::GetQrCode => "GET /v2/qr-codes/{qr_code_id}",
            Call::GetReceipt(RECEIPT) => "GET /v2/receipts/{receipt_id}",
            Call::GetReceipt(_) => "GET /v2/wrapped-item-keys/{item_key_id}",
        }
    }

    fn is_post(self) -> bool {
        matches!(self, Call::CreateSession | Call::CreateQrCode)
    }

    /// Calls the endpoint; `Ok` carries nothing, the answer is checked by the caller's
    /// counters and by the typed value having been decoded.
    async fn run(self, client: &DigitalIdentityClient, ids: &Ids) -> Result<(), ClientError> {
        match self {
            Call::CreateSession => {
                let config = ShareSessionConfiguration::new::<Named>(REDIRECT).unwrap();
                let session = client.create_share_session(&config).await?;
                assert!(session.id.as_str().starts_with("ss.v2."));
            }
            Call::CreateQrCode => {
                // A fresh session each time: a completed one takes no QR code.
                let config = ShareSessionConfiguration::new::<Named>(REDIRECT).unwrap();
                let session = client.create_share_session(&config).await.unwrap();
                let qr_code = client.create_share_qr_code(&session.id).await?;
                assert!(!qr_code.id.as_str().is_empty());
            }
            Call::GetQrCode => {
                let details = client.get_share_qr_code(&ids.qr_code).await?;
                assert_eq!(details.session.id, ids.session);
            }
            Call::GetReceipt(_) => {
                let outcome = client.get_share_receipt::<Named>(&ids.receipt).await?;
                let receipt = outcome.into_receipt().expect("the persona shares");
                assert_eq!(receipt.user().name, "Jane Alexandra Doe");
            }
        }
        Ok(())
    }
}

const CALLS: [Call; 5] = [
    Call::CreateSession,
    Call::CreateQrCode,
    Call::GetQrCode,
    Call::GetReceipt(RECEIPT),
    Call::GetReceipt(ITEM_KEY),
];

/// Runs `call` with `fault` injected `times` times; returns the outcome, how many requests of
/// the faulted kind the call sent, and checks the time budget.
async fn run_with_fault(
    emulator: &EmulatorHandle,
    client: &DigitalIdentityClient,
    ids: &Ids,
    call: Call,
    fault_body: Fault,
    times: u64,
    retries: u32,
) -> (Result<(), ClientError>, u64) {
    fault(emulator, call.route(), fault_body, times).await;
    let before = emulator.request_count(call.counter());
    let started = Instant::now();
    let outcome = call.run(client, ids).await;
    let elapsed = started.elapsed();
    assert!(
        elapsed < budget(retries),
        "{call:?} took {elapsed:?}, over its budget"
    );
    EmulatorControl::new(emulator).clear_faults().await.unwrap();
    (outcome, emulator.request_count(call.counter()) - before)
}

#[tokio::test]
async fn latency_beyond_the_timeout_is_a_timeout_on_every_endpoint() {
    let emulator = emulator().await;
    let client = client(&emulator, RETRIES);
    let ids = shared_session(&emulator, &client).await;
    for call in CALLS {
        let latency = Fault::latency(3000);
        let (outcome, sent) =
            run_with_fault(&emulator, &client, &ids, call, latency, 10, RETRIES).await;
        let error = outcome.unwrap_err();
        assert!(
            matches!(error, ClientError::Timeout(timeout) if timeout == TIMEOUT),
            "{call:?}: {error:?}"
        );
        // A timed-out request may have been handled: it is never sent again.
        assert_eq!(sent, 1, "{call:?}");
    }
    // Latency within the timeout is only slower.
    for call in CALLS {
        let latency = Fault::latency(100);
        let (outcome, sent) =
            run_with_fault(&emulator, &client, &ids, call, latency, 1, RETRIES).await;
        outcome.unwrap_or_else(|error| panic!("{call:?}: {error:?}"));
        assert_eq!(sent, 1, "{call:?}");
    }
}

#[tokio::test]
async fn server_error_bursts_are_retried_for_gets_only() {
    let emulator = emulator().await;
    let client = client(&emulator, RETRIES);
    let ids = shared_session(&emulator, &client).await;
    for call in CALLS {
        for status in [500, 502, 503, 504] {
            // A burst shorter than the retries: GETs get through, POSTs fail at once.
            let error = Fault::status(status);
            let (outcome, sent) =
                run_with_fault(&emulator, &client, &ids, call, error, 2, RETRIES).await;
            if call.is_post() {
                let error = outcome.unwrap_err();
                let ClientError::Server(api) = &error else {
                    panic!("{call:?}: {error:?}");
                };
                assert_eq!(api.status, status);
                assert_eq!(api.code.as_deref().map(str::is_empty), Some(false));
                assert_eq!(sent, 1, "{call:?}");
            } else {
                outcome.unwrap_or_else(|error| panic!("{call:?} {status}: {error:?}"));
                assert_eq!(sent, 3, "{call:?}");
            }
        }
        // A burst longer than the retries: the last answer is the error.
        let error = Fault::status(503);
        let (outcome, sent) =
            run_with_fault(&emulator, &client, &ids, call, error, 20, RETRIES).await;
        let error = outcome.unwrap_err();
        assert!(
            matches!(&error, ClientError::Server(api) if api.status == 503),
            "{call:?}: {error:?}"
        );
        let expected = if call.is_post() { 1 } else { 1 + RETRIES };
        assert_eq!(sent, u64::from(expected), "{call:?}");
    }
}

#[tokio::test]
async fn dropped_connections_are_transport_errors_and_gets_recover() {
    let emulator = emulator().await;
    let client = client(&emulator, RETRIES);
    let ids = shared_session(&emulator, &client).await;
    for call in CALLS {
        for kind in [Fault::Drop, Fault::DropMidBody] {
            let drop = kind.clone();
            let (outcome, sent) =
                run_with_fault(&emulator, &client, &ids, call, drop, 1, RETRIES).await;
            if call.is_post() {
                let error = outcome.unwrap_err();
                assert!(
                    matches!(error, ClientError::Transport { .. }),
                    "{call:?} {kind:?}: {error:?}"
                );
                assert_eq!(sent, 1, "{call:?} {kind:?}");
            } else {
                outcome.unwrap_or_else(|error| panic!("{call:?} {kind:?}: {error:?}"));
                assert_eq!(sent, 2, "{call:?} {kind:?}");
            }
        }
    }
    // Without retries a dropped GET is the transport error too.
    let no_retries = self::client(&emulator, 0);
    for call in CALLS.into_iter().filter(|call| !call.is_post()) {
        let drop = Fault::Drop;
        let (outcome, sent) = run_with_fault(&emulator, &no_retries, &ids, call, drop, 1, 0).await;
        let error = outcome.unwrap_err();
        assert!(
            matches!(error, ClientError::Transport { .. }),
            "{call:?}: {error:?}"
        );
        assert_eq!(sent, 1);
    }
}

#[tokio::test]
async fn truncated_and_non_json_answers_are_typed_errors() {
    let emulator = emulator().await;
    let client = client(&emulator, RETRIES);
    let ids = shared_session(&emulator, &client).await;
    for call in CALLS {
        for kind in [Fault::TruncatedBody, Fault::not_json()] {
            let broken = kind.clone();
            let (outcome, sent) =
                run_with_fault(&emulator, &client, &ids, call, broken, 1, RETRIES).await;
            let error = outcome.unwrap_err();
            // A 2xx answer that does not parse is not retried: it would parse no better.
            assert_eq!(sent, 1, "{call:?} {kind:?}");
            match call {
                Call::GetReceipt(route) => {
                    let body = if route == RECEIPT {
                        Body::Receipt
                    } else {
                        Body::WrappedItemKey
                    };
                    assert!(
                        matches!(
                            &error,
                            ClientError::Receipt(ReceiptError::Json { body: found, .. }) if *found == body
                        ),
                        "{call:?} {kind:?}: {error:?}"
                    );
                }
                _ => assert!(
                    matches!(error, ClientError::InvalidResponse { .. }),
                    "{call:?} {kind:?}: {error:?}"
                ),
            }
        }
        // A gateway's HTML error page is a server error, kept by its size only; GETs retry past
        // it.
        let page = Fault::NotJson { status: Some(502) };
        let (outcome, sent) =
            run_with_fault(&emulator, &client, &ids, call, page, 1, RETRIES).await;
        if call.is_post() {
            let error = outcome.unwrap_err();
            let ClientError::Server(api) = &error else {
                panic!("{call:?}: {error:?}");
            };
            assert_eq!(api.status, 502);
            assert!(api.code.is_none());
            assert!(api.body_len.is_some_and(|length| length > 0));
            assert!(!error.to_string().contains("<html>"), "{error}");
            assert_eq!(sent, 1);
        } else {
            outcome.unwrap_or_else(|error| panic!("{call:?}: {error:?}"));
            assert_eq!(sent, 2);
        }
    }
}
