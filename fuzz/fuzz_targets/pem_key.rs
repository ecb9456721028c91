//! Loading the application's private key from PEM (and the DER forms under it, and the public
//! key DER an emulator reads): any bytes are a key or a typed error.

#![no_main]

use libfuzzer_sys::fuzz_target;
use yoti_protocol::receipt::{PrivateKey, PublicKey};

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let key = match selector % 4 {
        0 => PrivateKey::from_pkcs1_der(rest),
        1 => PrivateKey::from_pkcs8_der(rest),
        2 => {
            if let Ok(public) = PublicKey::from_spki_der(rest) {
                assert!((2048..=4096).contains(&public.bits()));
            }
            return;
        }
        _ => PrivateKey::from_pem(rest),
    };
    match key {
        Ok(key) => {
            assert!((2048..=4096).contains(&key.bits()));
            let signature = key.sign(b"message").unwrap_or_default();
            assert!(key.public_key().verify(b"message", &signature));
        }
        Err(error) => {
            let _ = error.to_string();
        }
    }
});
