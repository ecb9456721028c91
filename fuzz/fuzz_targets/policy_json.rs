//! The strict JSON parser of yoti-policy-core, which the derive macro uses for
//! `advanced_identity_profile = "..."`: it accepts what serde_json accepts (less duplicate keys),
//! its compact writing is serde_json's, and that writing parses back to the same value.

#![no_main]

use libfuzzer_sys::fuzz_target;
use yoti_policy_core::json::{self, JsonErrorKind};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let ours = json::parse(text);
    let theirs = serde_json::from_str::<serde_json::Value>(text);
    match (&ours, &theirs) {
        (Ok(value), Ok(theirs)) => {
            let compact = value.to_compact();
            assert_eq!(json::parse(&compact).as_ref(), Ok(value), "{compact}");
            // Numbers are kept as written, serde_json rewrites them: compare the rest.
            if !text.bytes().any(|b| b.is_ascii_digit()) {
                assert_eq!(compact, serde_json::to_string(theirs).unwrap_or_default());
            }
        }
        (Err(error), _) if matches!(error.kind(), JsonErrorKind::DuplicateKey(_)) => {}
        (Err(error), Err(_)) => {
            assert!(error.position() <= text.len());
            let _ = error.message();
        }
        (ours, theirs) => panic!("{text:?}: ours {ours:?}, serde_json {theirs:?}"),
    }
});
