//! Receipts per second with this crate and with the official Node SDK on the same receipts, and
//! the decode overhead over the bare crypto, all measured in one run:
//! `cargo bench -p yoti-policy --bench runtime` (the Node SDK comes from
//! `npm ci --prefix tests/node`; without it, or without `node`, only the Rust side runs).
//!
//! Receipts: the synthetic v2 fixture (216 KB) and a larger one (a 200 KB selfie and twelve
//! anchored attributes) made with `produce_receipt`. Each is decoded single-threaded, as the
//! untyped `Profile` and as a struct; the bare crypto is one RSA-2048 decryption, the GCM unwrap
//! and the CBC decryption of every content blob with aws-lc-rs.
//!
//! Environment: `RUNTIME_SECONDS` (default 3) per receipt and side.

mod common;

use std::hint::black_box;
use std::process::Command;
use std::time::Duration;

use common::{Bodies, Checkout, Onboarding, bare_crypto, bare_inputs, compare, per_second};
use yoti_policy::Profile;
use yoti_protocol::receipt::{PrivateKey, Receipt};

fn seconds() -> f64 {
    std::env::var("RUNTIME_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3.0)
}

/// Receipts per second of the Node SDK for each receipt, or why there are none.
fn node(receipts: &[Bodies]) -> Result<Vec<f64>, String> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let sdk = format!("{root}/tests/node/node_modules/yoti/package.json");
    if !std::path::Path::new(&sdk).exists() {
        return Err("the Node SDK is not installed: run `npm ci --prefix tests/node`".into());
    }
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("runtime-receipts");
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let mut args = vec![
        format!("{root}/benches/node/decode.mjs"),
        yoti_test_support::vector_path("keys/node-2048.pem")
            .display()
            .to_string(),
        seconds().to_string(),
    ];
    for bodies in receipts {
        let receipt = dir.join(format!("{}.json", bodies.name));
        let item_key = dir.join(format!("{}-item-key.json", bodies.name));
        std::fs::write(&receipt, &bodies.receipt).map_err(|e| e.to_string())?;
        std::fs::write(&item_key, &bodies.item_key).map_err(|e| e.to_string())?;
        args.push(format!(
            "{}={},{}",
            bodies.name,
            receipt.display(),
            item_key.display()
        ));
    }
    let output = Command::new("node")
        .args(&args)
        .output()
        .map_err(|e| format!("node did not start: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "node failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let results: serde_json::Value =
        serde_json::from_slice(&output.stdout).map_err(|e| e.to_string())?;
    receipts
        .iter()
        .map(|bodies| {
            results[bodies.name]["receipts_per_second"]
                .as_f64()
                .ok_or_else(|| format!("no result for {}", bodies.name))
        })
        .collect()
}

struct Rust {
    profile: Duration,
    typed: Duration,
    bare: Duration,
}

fn rust(key: &PrivateKey, bodies: &Bodies, typed: fn(&Bodies, &PrivateKey)) -> Rust {
    let inputs = bare_inputs(bodies);
    let mut bare = || {
        black_box(bare_crypto(key, &inputs));
    };
    let mut profile = || {
        black_box(
            Receipt::<Profile>::decrypt(&bodies.receipt, &bodies.item_key, key).expect("decode"),
        );
    };
    let mut typed = || typed(bodies, key);
    let times = compare(
        Duration::from_secs_f64(seconds()),
        &mut [&mut bare, &mut profile, &mut typed],
    );
    Rust {
        bare: times[0],
        profile: times[1],
        typed: times[2],
    }
}

fn main() {
    // `cargo bench` passes `--bench`; a filter or `--list` from other tools is ignored.
    if std::env::args().any(|arg| arg == "--list") {
        return;
    }
    let key = common::key();
    let receipts = [common::synthetic(), common::large(&key)];
    let typed: [fn(&Bodies, &PrivateKey); 2] = [
        |bodies, key| {
            Receipt::<Checkout>::decrypt(&bodies.receipt, &bodies.item_key, key).expect("decode");
        },
        |bodies, key| {
            Receipt::<Onboarding>::decrypt(&bodies.receipt, &bodies.item_key, key).expect("decode");
        },
    ];
    let node = node(&receipts);
    let rust: Vec<Rust> = receipts
        .iter()
        .zip(typed)
        .map(|(bodies, typed)| rust(&key, bodies, typed))
        .collect();

    println!();
    println!(
        "{:<18} {:>9} {:>10} {:>12} {:>12} {:>10} {:>12} {:>12}",
        "receipt",
        "bytes",
        "node r/s",
        "rust r/s",
        "struct r/s",
        "rust/node",
        "bare r/s",
        "decode/bare"
    );
    for (i, (bodies, rust)) in receipts.iter().zip(&rust).enumerate() {
        let node_rate = node.as_ref().ok().map(|rates| rates[i]);
        let rust_rate = per_second(rust.profile);
        println!(
            "{:<18} {:>9} {:>10} {:>12.0} {:>12.0} {:>10} {:>12.0} {:>12.3}",
            bodies.name,
            bodies.receipt.len() + bodies.item_key.len(),
            node_rate.map_or("-".into(), |r| format!("{r:.1}")),
            rust_rate,
            per_second(rust.typed),
            node_rate.map_or("-".into(), |r| format!("{:.0}x", rust_rate / r)),
            per_second(rust.bare),
            rust.profile.as_secs_f64() / rust.bare.as_secs_f64(),
        );
        println!(
            "{:<18} struct decode / bare crypto: {:.3}",
            "",
            rust.typed.as_secs_f64() / rust.bare.as_secs_f64()
        );
    }
    if let Err(why) = node {
        println!("Node SDK not measured: {why}");
    }
    println!(
        "(one core each; medians of alternating {}-second runs; `r/s` = receipts per second)",
        seconds()
    );
}
