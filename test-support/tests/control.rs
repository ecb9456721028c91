//! The control client against a running emulator: what it sends is accepted, what it reads is
//! what the emulator holds, and refusals are typed errors.

use yoti_emulator::{Emulator, EmulatorHandle};
use yoti_test_support::{ControlError, EmulatorControl, Fault, FaultRule, test_key};

async fn start() -> EmulatorHandle {
    Emulator::builder()
        .app("sdk", test_key("node-2048.pem").public_key())
        .start()
        .await
        .unwrap()
}

#[tokio::test]
async fn fault_rules_round_trip_and_are_removed() {
    let emulator = start().await;
    let control = EmulatorControl::new(&emulator);
    let rule = FaultRule::new(Fault::Error {
        status: 429,
        error: Some("SLOW_DOWN".into()),
        message: Some("Too many".into()),
    })
    .route("GET /v2/receipts/*")
    .application("sdk")
    .times(2);
    let added = control.add_fault(&rule).await.unwrap();
    assert_eq!(added.route.as_deref(), Some("GET /v2/receipts/*"));
    assert_eq!(added.application.as_deref(), Some("sdk"));
    assert_eq!(added.remaining, Some(2));
    let latency = control
        .add_fault(&FaultRule::new(Fault::latency(5)))
        .await
        .unwrap();
    assert_eq!(latency.remaining, None);
    assert_eq!(
        control.faults().await.unwrap(),
        vec![added.clone(), latency]
    );

    assert!(control.remove_fault(&added.id).await.unwrap());
    assert!(!control.remove_fault(&added.id).await.unwrap());
    assert_eq!(control.faults().await.unwrap().len(), 1);
    control.clear_faults().await.unwrap();
    assert!(control.faults().await.unwrap().is_empty());
}

#[tokio::test]
async fn refusals_are_typed_errors_naming_the_route() {
    let emulator = start().await;
    let control = EmulatorControl::new(&emulator);
    let error = control.share_as_persona("ss.v2.unknown").await.unwrap_err();
    let ControlError::Status {
        route,
        status,
        reason,
    } = &error
    else {
        panic!("expected a refusal, got {error:?}");
    };
    assert_eq!(route, "POST /sessions/ss.v2.unknown/share");
    assert_eq!(*status, 404);
    assert!(reason.starts_with("NOT_FOUND: "), "{reason}");

    let error = control
        .add_fault(&FaultRule::new(Fault::Drop).times(0))
        .await
        .unwrap_err();
    assert!(
        matches!(error, ControlError::Status { status: 400, .. }),
        "{error:?}"
    );
}

#[tokio::test]
async fn counters_are_read_and_reset() {
    let emulator = start().await;
    let control = EmulatorControl::new(&emulator);
    assert!(control.request_counts().await.unwrap().is_empty());
    // An unsigned request is still counted by its route.
    reqwest::get(format!("{}/v2/qr-codes/x", emulator.base_url()))
        .await
        .unwrap();
    let counts = control.request_counts().await.unwrap();
    assert_eq!(counts.get("GET /v2/qr-codes/{qr_code_id}"), Some(&1));
    control.reset_request_counts().await.unwrap();
    assert!(control.request_counts().await.unwrap().is_empty());
    control.expire_tokens().await.unwrap();
}
