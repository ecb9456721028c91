//! Starting and stopping the server.

mod common;

use std::time::Duration;

use yoti_emulator::{Emulator, StartError};

#[tokio::test]
async fn dropping_the_handle_stops_the_server() {
    let emulator = common::start().await;
    let url = format!("{}/emulator/v1/requests", emulator.origin());
    assert_eq!(reqwest::get(&url).await.unwrap().status(), 200);
    drop(emulator);
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert!(reqwest::get(&url).await.is_err());
}

#[tokio::test]
async fn shutdown_waits_and_the_port_can_be_reused() {
    let emulator = common::start().await;
    let port = emulator.local_addr().port();
    assert_eq!(
        emulator.base_url(),
        format!("http://127.0.0.1:{port}/share")
    );
    emulator.shutdown().await;
    let again = common::builder().port(port).start().await.unwrap();
    assert_eq!(again.local_addr().port(), port);
    let taken = common::builder().port(port).start().await;
    assert!(matches!(taken, Err(StartError::Bind { .. })));
}

#[tokio::test]
async fn bad_configurations_do_not_start() {
    let key = common::key_a().public_key();
    let duplicate = Emulator::builder()
        .app("same", key.clone())
        .app("same", key.clone())
        .start()
        .await;
    assert!(matches!(
        duplicate,
        Err(StartError::DuplicateApplication { sdk_id }) if sdk_id == "same"
    ));
    let bad_url = Emulator::builder()
        .app("a", key)
        .public_base_url("localhost:8080")
        .start()
        .await;
    assert!(matches!(bad_url, Err(StartError::InvalidBaseUrl { .. })));
}
