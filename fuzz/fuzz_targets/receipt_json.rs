//! Receipt and wrapped item key response bodies: any bytes are a checked value or a typed error.

#![no_main]

use libfuzzer_sys::fuzz_target;
use yoti_protocol::receipt::{ReceiptError, ReceiptResponse, WrappedItemKey};

/// Everything an error holds, with serde_json's own message (which the error does not show).
fn error_text(error: &ReceiptError) -> String {
    match error {
        ReceiptError::Json { source, .. } => format!("{error:?}: {}", source.parser_message()),
        _ => format!("{error:?}"),
    }
}

fuzz_target!(|data: &[u8]| {
    // The fast reader of common bodies answers exactly as serde_json alone: same value, same error.
    let read = ReceiptResponse::from_json(data);
    match (&read, &ReceiptResponse::from_json_general(data)) {
        (Ok(fast), Ok(general)) => assert_eq!(fast, general),
        (Err(fast), Err(general)) => assert_eq!(error_text(fast), error_text(general)),
        (fast, general) => panic!("{fast:?} / {general:?}"),
    }
    if let Ok(response) = read {
        let id = response.wrapped_item_key_id().map(str::to_owned);
        match response.into_success() {
            // A success always names the wrapped item key to fetch; a failure never does.
            Ok(receipt) => assert_eq!(id.as_deref(), Some(receipt.wrapped_item_key_id())),
            Err(error) => {
                assert!(id.is_none());
                assert!(error.as_failure().is_some());
                let _ = error.to_string();
            }
        }
    }
    if let Ok(item_key) = WrappedItemKey::from_json(data) {
        assert!(!item_key.id().is_empty());
        let _ = format!("{item_key:?}");
    }
});
