//! Receipt and wrapped item key response bodies: any bytes are a checked value or a typed error.

#![no_main]

use libfuzzer_sys::fuzz_target;
use yoti_protocol::receipt::{ReceiptResponse, WrappedItemKey};

fuzz_target!(|data: &[u8]| {
    let read = ReceiptResponse::from_json(data);
    if let Err(error) = &read {
        let _ = error.to_string();
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
