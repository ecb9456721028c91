//! What a test does to a running emulator from Rust, without HTTP: the control API's shares,
//! fault rules, request counters, application states and token expiry on the handle.

use std::collections::BTreeMap;
use std::time::Instant;

use yoti_protocol::api::{ReceiptId, SessionId};

use crate::application::ApplicationState;
use crate::error::ApiError;
use crate::faults::{ActiveFault, FaultError, FaultRule};
use crate::server::EmulatorHandle;
use crate::share_input::Share;
use crate::{ids, share};

/// A completed share: the receipt the application fetches next.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CompletedShare {
    /// The receipt id, as Yoti gives it on the redirect (its `Display` is the standard base64
    /// Yoti sends).
    pub receipt_id: ReceiptId,
    /// The share session that was shared.
    pub session_id: SessionId,
}

/// Why a share could not be completed. Names the problem, never a shared value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ShareError {
    /// No share session with that id (or it was evicted after its retention).
    #[error("no share session with that id")]
    SessionNotFound,
    /// The session was shared already.
    #[error("the share session has already been shared")]
    SessionCompleted,
    /// The session expired before the share.
    #[error("the share session has expired")]
    SessionExpired,
    /// An attribute or requirement of the share is not valid.
    #[error("the share is invalid: {0}")]
    Invalid(String),
    /// The emulator holds as many receipts as its limit allows.
    #[error("{0}")]
    LimitReached(String),
    /// The emulator failed (random generator, encryption).
    #[error("the emulator failed: {0}")]
    Internal(String),
}

impl From<ApiError> for ShareError {
    fn from(error: ApiError) -> Self {
        match error.code.as_str() {
            "NOT_FOUND" => ShareError::SessionNotFound,
            "SESSION_COMPLETED" => ShareError::SessionCompleted,
            "SESSION_EXPIRED" => ShareError::SessionExpired,
            "INVALID_PAYLOAD" => ShareError::Invalid(error.message),
            "EMULATOR_LIMIT_REACHED" => ShareError::LimitReached(error.message),
            _ => ShareError::Internal(error.message),
        }
    }
}

impl EmulatorHandle {
    /// Completes a share of the session as the built-in persona, as the QR code page's Share
    /// button does.
    ///
    /// # Errors
    ///
    /// [`ShareError`] when there is no such session, it was shared or has expired, or the
    /// receipt limit is reached.
    pub fn share_persona(&self, session_id: &SessionId) -> Result<CompletedShare, ShareError> {
        self.share(session_id, &Share::persona())
    }

    /// Completes a share of the session with what `share` says (given attributes, the
    /// persona, or a failure), as `POST /emulator/v1/sessions/{id}/share` does.
    ///
    /// # Errors
    ///
    /// [`ShareError`] as for [`share_persona`](Self::share_persona), and
    /// [`ShareError::Invalid`] for an attribute with an empty name or anchor, or a failure with
    /// no requirement.
    pub fn share(
        &self,
        session_id: &SessionId,
        share: &Share,
    ) -> Result<CompletedShare, ShareError> {
        let request = share.to_request()?;
        let outcome = share::share(&self.shared, session_id.as_str(), &request)?;
        // Ids the emulator made: a refusal would be its own fault.
        let internal = |e: yoti_protocol::api::IdError| ShareError::Internal(e.to_string());
        Ok(CompletedShare {
            receipt_id: ReceiptId::parse(&outcome.receipt_id).map_err(internal)?,
            session_id: SessionId::parse(&outcome.session_id).map_err(internal)?,
        })
    }

    /// Adds a fault rule, as `POST /emulator/v1/faults` does; the rule as held, with its id.
    ///
    /// # Errors
    ///
    /// [`FaultError`] for a rule the control API would refuse, or when 1000 are held.
    pub fn add_fault(&self, rule: FaultRule) -> Result<ActiveFault, FaultError> {
        let id = ids::fault_id().map_err(|_| FaultError::Random)?;
        self.shared.faults().add(id, rule, Instant::now())
    }

    /// Every fault rule, in the order they were added.
    pub fn faults(&self) -> Vec<ActiveFault> {
        self.shared.faults().list()
    }

    /// Removes one fault rule; `false` when there is none with that id.
    pub fn remove_fault(&self, id: &str) -> bool {
        self.shared.faults().remove(id)
    }

    /// Removes every fault rule.
    pub fn clear_faults(&self) {
        self.shared.faults().clear();
    }

    /// How many requests each share API route received, by `METHOD /route` (see
    /// [`request_count`](Self::request_count)); routes without requests are absent.
    pub fn request_counts(&self) -> BTreeMap<String, u64> {
        self.shared.counters().clone()
    }

    /// Sets every request counter back to zero.
    pub fn reset_request_counts(&self) {
        self.shared.counters().clear();
    }

    /// The state of a registered application, `None` when there is no such application.
    pub fn application_state(&self, sdk_id: &str) -> Option<ApplicationState> {
        self.shared
            .apps_read()
            .get(sdk_id)
            .map(|entry| entry.app.state)
    }
}
