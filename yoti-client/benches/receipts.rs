//! Receipts per second through the client (two signed GETs to the in-process emulator, the
//! decryption in place and the decoding into a struct), beside the floor in the same run: two
//! plain loopback GETs of the same two bodies (a bare reqwest client, no signing, from a tiny
//! keep-alive server on 127.0.0.1) and the bare `Receipt::decrypt` of those bodies.
//! `cargo bench -p yoti-client --bench receipts -- --measurement-time 5 --warm-up-time 2`.

use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use yoti_client::signing::{new_nonce, now_ms, sign_request};
use yoti_client::{DigitalIdentityClient, ReceiptId};
use yoti_emulator::{Emulator, EmulatorHandle};
use yoti_policy::{SharePolicy, ShareSessionConfiguration};
use yoti_protocol::receipt::{PrivateKey, Receipt, ReceiptResponse};
use yoti_test_support::EmulatorControl;

const SDK_ID: &str = "bench";

#[allow(dead_code)] // decoded, never read
#[derive(SharePolicy)]
struct Checkout {
    #[yoti(full_name)]
    name: String,
    #[yoti(date_of_birth)]
    born: yoti_policy::Date,
    #[yoti(selfie)]
    selfie: yoti_policy::Image,
}

fn key() -> PrivateKey {
    PrivateKey::from_pem_file(yoti_test_support::vector_path("keys/node-2048.pem"))
        .expect("fixture key")
}

/// A share as the persona; its receipt id.
async fn share(emulator: &EmulatorHandle, client: &DigitalIdentityClient) -> ReceiptId {
    let config = ShareSessionConfiguration::new::<Checkout>("https://example.com/callback")
        .expect("configuration");
    let session = client.create_share_session(&config).await.expect("session");
    EmulatorControl::new(emulator)
        .share_as_persona(&session.id)
        .await
        .expect("share")
        .receipt_id
}

/// The body of a signed GET, as the emulator sends it.
async fn fetch(emulator: &EmulatorHandle, key: &PrivateKey, path: &str) -> Vec<u8> {
    let signed = sign_request(key, "GET", path, &new_nonce(), now_ms(), None).expect("signed");
    let response = reqwest::Client::new()
        .get(format!("{}{}", emulator.base_url(), signed.path_and_query))
        .header("X-Yoti-Auth-Id", SDK_ID)
        .header("X-Yoti-Auth-Digest", &signed.digest)
        .send()
        .await
        .expect("signed GET");
    assert!(response.status().is_success(), "{}", response.status());
    response.bytes().await.expect("body").to_vec()
}

/// Serves `receipt` at `/receipt` and `item_key` at any other path, over keep-alive HTTP/1.1
/// (as the client's connection pool uses the emulator); the origin.
async fn body_server(receipt: Vec<u8>, item_key: Vec<u8>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let origin = format!("http://{}", listener.local_addr().expect("address"));
    let bodies = Arc::new((receipt, item_key));
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            tokio::spawn(serve(stream, Arc::clone(&bodies)));
        }
    });
    origin
}

async fn serve(mut stream: TcpStream, bodies: Arc<(Vec<u8>, Vec<u8>)>) {
    // As hyper does: without it, Nagle's algorithm holds the body back for the client's
    // delayed ACK (40 ms a request).
    if stream.set_nodelay(true).is_err() {
        return;
    }
    let mut buffer = Vec::with_capacity(4096);
    let mut chunk = [0u8; 4096];
    loop {
        // GETs without bodies: a request ends at its blank line.
        let end = loop {
            if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
                break at + 4;
            }
            match stream.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => buffer.extend_from_slice(&chunk[..n]),
            }
        };
        let body = if buffer.starts_with(b"GET /receipt ") {
            &bodies.0
        } else {
            &bodies.1
        };
        buffer.drain(..end);
        let head = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
            body.len()
        );
        if stream.write_all(head.as_bytes()).await.is_err() || stream.write_all(body).await.is_err()
        {
            return;
        }
    }
}

fn receipts(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("runtime");
    let key = key();
    let emulator = runtime
        .block_on(Emulator::builder().app(SDK_ID, key.public_key()).start())
        .expect("emulator");
    let client = DigitalIdentityClient::builder(SDK_ID, key.clone())
        .base_url(emulator.base_url())
        .build()
        .expect("client");
    let receipt_id = runtime.block_on(share(&emulator, &client));
    // The same client with a bearer token instead of a signature on each request.
    let bearer_client = DigitalIdentityClient::builder(SDK_ID, key.clone())
        .base_url(emulator.base_url())
        .central_auth(["digital-identity"])
        .auth_url(emulator.token_url())
        .build()
        .expect("bearer client");

    // The two bodies, captured once with signed GETs.
    let url_safe = receipt_id.to_path_segment();
    let receipt_body =
        runtime.block_on(fetch(&emulator, &key, &format!("/v2/receipts/{url_safe}")));
    let item_key_id = ReceiptResponse::from_json(&receipt_body)
        .expect("receipt")
        .wrapped_item_key_id()
        .expect("a success receipt")
        .to_owned();
    let item_key_body = runtime.block_on(fetch(
        &emulator,
        &key,
        &format!("/v2/wrapped-item-keys/{item_key_id}"),
    ));
    let origin = runtime.block_on(body_server(receipt_body.clone(), item_key_body.clone()));
    let bare = reqwest::Client::new();

    let mut group = c.benchmark_group("receipt");
    group.bench_function("through the client (local emulator)", |b| {
        b.iter(|| {
            runtime
                .block_on(client.get_share_receipt::<Checkout>(&receipt_id))
                .expect("receipt")
                .into_receipt()
                .expect("shared")
        })
    });
    group.bench_function("through the client, bearer token (local emulator)", |b| {
        b.iter(|| {
            runtime
                .block_on(bearer_client.get_share_receipt::<Checkout>(&receipt_id))
                .expect("receipt")
                .into_receipt()
                .expect("shared")
        })
    });
    group.bench_function("baseline: two bare GETs + Receipt::decrypt", |b| {
        b.iter(|| {
            runtime.block_on(async {
                let get = |path: &'static str| {
                    let request = bare.get(format!("{origin}{path}"));
                    async move { request.send().await?.bytes().await }
                };
                let receipt = get("/receipt").await.expect("receipt body");
                let item_key = get("/item-key").await.expect("item key body");
                Receipt::<Checkout>::decrypt(&receipt, &item_key, &key).expect("decrypted")
            })
        })
    });
    group.bench_function("baseline: Receipt::decrypt alone", |b| {
        b.iter(|| {
            Receipt::<Checkout>::decrypt(&receipt_body, &item_key_body, &key).expect("decrypted")
        })
    });
    group.bench_function("signing one GET (the client signs two)", |b| {
        b.iter(|| {
            sign_request(&key, "GET", "/v2/receipts/x", &new_nonce(), now_ms(), None)
                .expect("signed")
        })
    });
    group.finish();
}

criterion_group!(benches, receipts);
criterion_main!(benches);
