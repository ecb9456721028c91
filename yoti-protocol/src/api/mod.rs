//! The JSON bodies of the share API's sessions, QR codes and errors (docs/protocol.md,
//! "Endpoints" and "Errors"), one type per body: `yoti-client` reads them and `yoti-emulator`
//! writes them, so both speak the same contract.
//!
//! Reading is lenient, as the official SDKs are: unknown keys are ignored, optional keys may be
//! missing, an unknown status is kept ([`ShareSessionStatus::Other`]) and a date-time is kept as
//! its text ([`Timestamp`]), checked only when converted. Writing leaves out the optional keys
//! that are `None`.
//!
//! The receipt bodies have their own reader, in [`receipt`](crate::receipt).

mod error;
mod ids;
mod qr_code;
mod receipt_id;
mod session;
mod status;

pub use error::ErrorBody;
pub use ids::{IdError, QrCodeId, SessionId};
// The rule the id types check, for the ids the client places in paths that have no type of their
// own (a receipt's wrapped item key id): one rule, not a copy in each crate.
#[doc(hidden)]
pub use ids::is_path_safe;
pub use qr_code::{QrCodeSession, ShareQrCode, ShareQrCodeDetails, ShareQrCodeRequest};
pub use receipt_id::ReceiptId;
pub use session::{IdRef, ShareSession, ShareSessionDetails};
pub use status::ShareSessionStatus;
pub use yoti_policy::{Timestamp, TimestampError};
