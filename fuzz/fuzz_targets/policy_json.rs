//! The JSON reader of yoti-policy-core, which the derive macro uses for
//! `advanced_identity_profile = "..."`: serde_json with repeated keys refused. It accepts what
//! serde_json accepts less repeated keys, reads the same value, and that value's writing reads
//! back to it.

#![no_main]

use libfuzzer_sys::fuzz_target;
use yoti_policy_core::json;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let ours = json::parse(text);
    let theirs = serde_json::from_str::<serde_json::Value>(text);
    match (&ours, &theirs) {
        (Ok(value), Ok(theirs)) => {
            assert_eq!(value, theirs, "{text:?}");
            let written = value.to_string();
            assert_eq!(json::parse(&written).ok().as_ref(), Some(value), "{written}");
        }
        (Err(error), Ok(_)) => assert!(error.to_string().contains("duplicate key"), "{error}"),
        (Err(error), Err(_)) => assert!(error.line() >= 1, "{error}"),
        (Ok(_), Err(_)) => panic!("{text:?}: accepted, serde_json refuses it"),
    }
});
