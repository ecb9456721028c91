//! Peak heap per decode, against the receipt's size, and proof that the selfie is not copied:
//! `cargo bench -p yoti-policy --bench memory`.
//!
//! A counting global allocator records the bytes in use; each decode starts from a reset peak,
//! with the two response bodies already in memory (they are the input, not the decode's cost).
//! The selfie check decodes step by step and asserts that the image the user gets points into
//! the decrypted `AttributeList` plaintext, so the only copy of the selfie's bytes is that buffer.

mod common;

use common::{Bodies, Checkout, Onboarding};
use peak_alloc::PeakAlloc;
use yoti_policy::Profile;
use yoti_protocol::receipt::{PrivateKey, Receipt, ReceiptResponse, WrappedItemKey};

#[global_allocator]
static HEAP: PeakAlloc = PeakAlloc;

/// Runs `decode`, returns its value and the peak and retained heap bytes it added.
fn measure<T>(decode: impl FnOnce() -> T) -> (T, usize, usize) {
    let before = HEAP.current_usage();
    HEAP.reset_peak_usage();
    let value = decode();
    let peak = HEAP.peak_usage().saturating_sub(before);
    let retained = HEAP.current_usage().saturating_sub(before);
    (value, peak, retained)
}

/// The image bytes of the selfie point into the decrypted plaintext of the user profile.
fn assert_selfie_shares_the_plaintext(bodies: &Bodies, key: &PrivateKey) -> usize {
    let receipt = ReceiptResponse::from_json(&bodies.receipt)
        .and_then(ReceiptResponse::into_success)
        .expect("receipt");
    let item_key = WrappedItemKey::from_json(&bodies.item_key).expect("item key");
    let content = receipt.decrypt_with(&item_key, key).expect("decrypt");
    let plaintext = content.user_profile.clone().expect("user profile");
    let decoded =
        Receipt::<Profile>::from_content(receipt.metadata().clone(), content).expect("decode");
    let selfie = decoded.user().selfie().expect("selfie").into_value();
    let range = plaintext.as_ptr_range();
    let image = selfie.data().as_ptr_range();
    assert!(
        range.start <= image.start && image.end <= range.end,
        "the selfie was copied out of the decrypted buffer"
    );
    selfie.data().len()
}

fn report(name: &str, size: usize, what: &str, peak: usize, retained: usize) {
    println!(
        "{name:<18} {what:<22} peak {:>8} B = {:.2}x the receipt; kept by the result {:>8} B",
        peak,
        peak as f64 / size as f64,
        retained
    );
}

fn main() {
    if std::env::args().any(|arg| arg == "--list") {
        return;
    }
    let key = common::key();
    let receipts = [common::synthetic(), common::large(&key)];
    println!();
    for bodies in &receipts {
        let size = bodies.receipt.len() + bodies.item_key.len();
        println!("{:<18} receipt + wrapped item key: {size} B", bodies.name);
        // Once untimed, so that lazily initialised state is not counted.
        Receipt::<Profile>::decrypt(&bodies.receipt, &bodies.item_key, &key).expect("decode");

        let (decoded, peak, retained) =
            measure(|| Receipt::<Profile>::decrypt(&bodies.receipt, &bodies.item_key, &key));
        decoded.expect("decode");
        report(bodies.name, size, "Receipt<Profile>", peak, retained);

        if bodies.name == "synthetic-v2" {
            let (decoded, peak, retained) =
                measure(|| Receipt::<Checkout>::decrypt(&bodies.receipt, &bodies.item_key, &key));
            decoded.expect("decode");
            report(bodies.name, size, "Receipt<Checkout>", peak, retained);
        } else {
            let (decoded, peak, retained) =
                measure(|| Receipt::<Onboarding>::decrypt(&bodies.receipt, &bodies.item_key, &key));
            decoded.expect("decode");
            report(bodies.name, size, "Receipt<Onboarding>", peak, retained);
        }

        // Only the selfie kept: what stays alive is the buffer it points into.
        let (selfie, peak, retained) = measure(|| {
            Receipt::<Checkout>::decrypt(&bodies.receipt, &bodies.item_key, &key)
                .expect("decode")
                .into_user()
                .selfie
        });
        report(bodies.name, size, "selfie only", peak, retained);
        println!(
            "{:<18} selfie {} B, kept alive through the decrypted buffer it points into",
            "",
            selfie.data().len()
        );
        let len = assert_selfie_shares_the_plaintext(bodies, &key);
        println!(
            "{:<18} checked: the {len}-byte selfie points into the decrypted plaintext (no copy)",
            ""
        );
    }
}
