//! Signing one request, and one full create-session round trip against a local emulator (signing,
//! HTTP, the emulator's signature check and validation), in one run:
//! `cargo bench -p yoti-client --bench client`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use yoti_client::DigitalIdentityClient;
use yoti_client::signing::{new_nonce, now_ms, sign_request};
use yoti_emulator::Emulator;
use yoti_policy::{SharePolicy, ShareSessionConfiguration};
use yoti_protocol::receipt::PrivateKey;

#[allow(dead_code)]
#[derive(SharePolicy)]
#[yoti(selfie_authentication)]
struct Checkout {
    #[yoti(full_name)]
    name: String,
    #[yoti(age_over = 18)]
    adult: bool,
}

fn key() -> PrivateKey {
    PrivateKey::from_pem_file(yoti_test_support::vector_path("keys/node-2048.pem"))
        .expect("fixture key")
}

fn signing(c: &mut Criterion) {
    let key = key();
    let body = serde_json::to_vec(
        &ShareSessionConfiguration::new::<Checkout>("https://example.com/callback")
            .expect("configuration"),
    )
    .expect("body");
    c.bench_function("sign create-session request", |b| {
        b.iter(|| {
            sign_request(
                &key,
                "POST",
                "/v2/sessions",
                &new_nonce(),
                now_ms(),
                Some(black_box(body.clone())),
            )
            .expect("signed")
        })
    });
}

fn round_trip(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("runtime");
    let key = key();
    let emulator = runtime
        .block_on(Emulator::builder().app("bench", key.public_key()).start())
        .expect("emulator");
    let client = DigitalIdentityClient::builder("bench", key)
        .base_url(emulator.base_url())
        .build()
        .expect("client");
    let config = ShareSessionConfiguration::new::<Checkout>("https://example.com/callback")
        .expect("configuration");
    c.bench_function("create share session round trip (local emulator)", |b| {
        b.iter(|| {
            runtime
                .block_on(client.create_share_session(&config))
                .expect("session")
        })
    });
}

criterion_group!(benches, signing, round_trip);
criterion_main!(benches);
