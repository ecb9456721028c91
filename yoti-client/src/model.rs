//! The bodies of the share endpoints (docs/protocol.md, "Endpoints"): the types of
//! [`yoti_protocol::api`], which the emulator writes too. Date-times are kept as the RFC 3339
//! text the API sends ([`Timestamp`]; see the crate's `time` and `chrono` features), statuses as
//! [`ShareSessionStatus`].

pub use yoti_protocol::api::{
    IdRef, QrCodeSession, ShareQrCode, ShareQrCodeDetails, ShareSession, ShareSessionDetails,
    ShareSessionStatus, Timestamp, TimestampError,
};
