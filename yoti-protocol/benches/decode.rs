//! Decoding the synthetic v2 receipt, and a larger one with a 200 KB selfie and twelve anchored
//! attributes, next to the bare crypto that decoding needs (one RSA-2048 decryption, the GCM
//! unwrap, the CBC decryption of each blob), so that the decode overhead can be read as a ratio
//! from one run: `cargo bench -p yoti-policy --bench decode`.
//!
//! The `hostile` group measures what refusing bodies an attacker shaped costs: a 16 MB
//! `wrappedKey` and a 16-byte nonce, which are refused by their size before any decoding or
//! decryption.

mod common;

use std::hint::black_box;

use common::{Bodies, Checkout, Onboarding, bare_crypto, bare_inputs};
use criterion::{Criterion, criterion_group, criterion_main};
use yoti_policy::Profile;
use yoti_protocol::receipt::{FromUserProfile, PrivateKey, Receipt};

fn group<T: FromUserProfile>(c: &mut Criterion, key: &PrivateKey, bodies: &Bodies, name: &str) {
    let inputs = bare_inputs(bodies);
    let mut group = c.benchmark_group(bodies.name);
    group.bench_function("bare_crypto", |b| {
        b.iter(|| bare_crypto(key, black_box(&inputs)))
    });
    group.bench_function(name, |b| {
        b.iter(|| {
            Receipt::<T>::decrypt(black_box(&bodies.receipt), black_box(&bodies.item_key), key)
                .expect("decode")
        })
    });
    group.bench_function("decode_profile", |b| {
        b.iter(|| {
            Receipt::<Profile>::decrypt(
                black_box(&bodies.receipt),
                black_box(&bodies.item_key),
                key,
            )
            .expect("decode")
        })
    });
    group.finish();
}

fn hostile(c: &mut Criterion) {
    let key = common::key();
    let bodies = common::synthetic();
    let mut receipt: serde_json::Value = serde_json::from_slice(&bodies.receipt).expect("json");
    receipt["wrappedKey"] = "A".repeat(16 << 20).into();
    let oversized = serde_json::to_vec(&receipt).expect("json");
    let mut item_key: serde_json::Value = serde_json::from_slice(&bodies.item_key).expect("json");
    item_key["iv"] = "AAAAAAAAAAAAAAAAAAAAAA==".into();
    let long_nonce = serde_json::to_vec(&item_key).expect("json");
    let mut group = c.benchmark_group("hostile");
    for (name, receipt, item_key) in [
        ("wrapped_key_16_mb", &oversized, &bodies.item_key),
        ("nonce_16_bytes", &bodies.receipt, &long_nonce),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| {
                Receipt::<Profile>::decrypt(black_box(receipt), black_box(item_key), &key)
                    .expect_err("refused by its size")
            })
        });
    }
    group.finish();
}

fn receipts(c: &mut Criterion) {
    let key = common::key();
    group::<Checkout>(c, &key, &common::synthetic(), "decode_struct");
    group::<Onboarding>(c, &key, &common::large(&key), "decode_struct");
}

criterion_group!(benches, receipts, hostile);
criterion_main!(benches);
