//! The text grammars of attribute values: dates, `document_details` and age checks.

#![no_main]

use libfuzzer_sys::fuzz_target;
use yoti_policy::{AgeVerification, Date, DocumentDetails};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(date) = text.parse::<Date>() {
        // What parses is written back exactly as read.
        assert_eq!(date.to_string(), text);
        assert_eq!(date.to_string().parse::<Date>(), Ok(date));
    }
    if let Ok(details) = text.parse::<DocumentDetails>() {
        assert!(text.starts_with(details.document_type()));
        assert!(!details.document_number().is_empty());
    }
    let (name, value) = text.split_once('=').unwrap_or((text, "true"));
    if let Ok(check) = AgeVerification::parse(name, value) {
        let _ = (check.age(), check.buffer(), check.result());
    }
});
