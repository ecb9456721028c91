//! The notification webhook: called after a share with the session's URL, method, headers and
//! TLS setting; failures are not fatal.

mod common;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, Method};
use axum::routing::any;
use common::{APP_A, Signer, config, key_a, share_ok};
use serde_json::{Value, json};
use tokio::sync::mpsc;
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::{self, pki_types::PrivateKeyDer};
use yoti_emulator::{Application, Emulator};

/// A listener that reports every request it gets.
async fn webhook_listener() -> (String, mpsc::UnboundedReceiver<(Method, HeaderMap, Value)>) {
    let (tx, rx) = mpsc::unbounded_channel();
    let app = Router::new().route(
        "/hook",
        any(move |method: Method, headers: HeaderMap, body: Bytes| {
            let tx = tx.clone();
            async move {
                let body = serde_json::from_slice(&body).unwrap_or(Value::Null);
                let _ = tx.send((method, headers, body));
                "ok"
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let origin = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (origin, rx)
}

#[tokio::test]
async fn the_webhook_is_called_with_its_method_headers_and_ids() {
    let (origin, mut calls) = webhook_listener().await;
    let emulator = common::start().await;
    let signer = Signer::a(&emulator);
    let mut body = config(json!([{"name": "full_name"}]));
    body["notification"] = json!({
        "url": format!("{origin}/hook"),
        "method": "PUT",
        "headers": {"X-Token": "secret-123"},
        "verifyTls": true
    });
    let id = signer.create_session(&body).await;
    let receipt_id = share_ok(&emulator, &id, "").await;
    let (method, headers, body) = tokio::time::timeout(Duration::from_secs(5), calls.recv())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(method, Method::PUT);
    assert_eq!(headers["x-token"], "secret-123");
    assert_eq!(body["sessionId"], json!(id));
    assert_eq!(body["receiptId"], json!(receipt_id));
    assert_eq!(body["status"], "COMPLETED");
}

#[tokio::test]
async fn relative_webhooks_use_the_domain_and_failures_are_not_fatal() {
    let (origin, mut calls) = webhook_listener().await;
    let emulator = Emulator::builder()
        .application(Application::new(APP_A, key_a().public_key()).with_domain(&origin))
        .start()
        .await
        .unwrap();
    let signer = Signer::a(&emulator);
    let mut body = config(json!([]));
    body["notification"] = json!({"url": "/hook", "headers": {}});
    let id = signer.create_session(&body).await;
    share_ok(&emulator, &id, "").await;
    let (method, _, _) = tokio::time::timeout(Duration::from_secs(5), calls.recv())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(method, Method::POST);

    // Nobody listens on port 9 of 127.0.0.1: the share still completes.
    let mut body = config(json!([]));
    body["notification"] = json!({"url": "http://127.0.0.1:9/hook", "verifyTls": false});
    let id = signer.create_session(&body).await;
    let receipt_id = share_ok(&emulator, &id, "").await;
    assert_eq!(signer.get_receipt(&receipt_id).await.status, 200);
}

/// An HTTPS listener with a self-signed certificate that reports every body it gets.
async fn self_signed_listener() -> (String, mpsc::UnboundedReceiver<Value>) {
    let certified = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_owned()]).unwrap();
    let key = PrivateKeyDer::Pkcs8(certified.signing_key.serialize_der().into());
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![certified.cert.der().clone()], key)
        .unwrap();
    let acceptor = TlsAcceptor::from(Arc::new(config));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let origin = format!("https://{}", listener.local_addr().unwrap());
    let (tx, rx) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        loop {
            let (stream, _) = listener.accept().await.unwrap();
            let (acceptor, tx) = (acceptor.clone(), tx.clone());
            tokio::spawn(async move {
                // A client that verifies the certificate gives up during the handshake.
                let Ok(tls) = acceptor.accept(stream).await else {
                    return;
                };
                let service = hyper::service::service_fn(
                    move |request: hyper::Request<hyper::body::Incoming>| {
                        let tx = tx.clone();
                        async move {
                            let body =
                                axum::body::to_bytes(Body::new(request.into_body()), 1 << 20)
                                    .await
                                    .unwrap();
                            let _ = tx.send(serde_json::from_slice(&body).unwrap_or(Value::Null));
                            Ok::<_, std::convert::Infallible>(hyper::Response::new(Body::from(
                                "ok",
                            )))
                        }
                    },
                );
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(hyper_util::rt::TokioIo::new(tls), service)
                    .await;
            });
        }
    });
    (origin, rx)
}

#[tokio::test]
async fn verify_tls_false_accepts_a_self_signed_certificate_and_true_does_not() {
    let (origin, mut calls) = self_signed_listener().await;
    let emulator = common::start().await;
    let signer = Signer::a(&emulator);
    let session = |verify_tls: bool| {
        let mut body = config(json!([]));
        body["notification"] = json!({"url": format!("{origin}/hook"), "verifyTls": verify_tls});
        body
    };

    let id = signer.create_session(&session(false)).await;
    let receipt_id = share_ok(&emulator, &id, "").await;
    let body = tokio::time::timeout(Duration::from_secs(5), calls.recv())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(body["receiptId"], json!(receipt_id));

    let id = signer.create_session(&session(true)).await;
    share_ok(&emulator, &id, "").await;
    let nothing = tokio::time::timeout(Duration::from_secs(1), calls.recv()).await;
    assert!(nothing.is_err(), "the certificate should have been refused");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_share_from_the_handle_on_a_thread_without_a_runtime_calls_the_webhook() {
    let (origin, mut calls) = webhook_listener().await;
    let emulator = Arc::new(common::start().await);
    let mut body = config(json!([{"name": "full_name"}]));
    body["notification"] = json!({"url": format!("{origin}/hook")});
    let id = Signer::a(&emulator).create_session(&body).await;
    let (handle, session) = (emulator.clone(), id.clone());
    // A plain thread, as a synchronous test helper might use: no Tokio runtime there.
    let shared = std::thread::spawn(move || handle.share_persona(&session.parse().unwrap()))
        .join()
        .unwrap()
        .unwrap();
    let (_, _, body) = tokio::time::timeout(Duration::from_secs(5), calls.recv())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(body["receiptId"], json!(shared.receipt_id.to_string()));
}
