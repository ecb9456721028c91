//! Share sessions with their QR codes, receipts and wrapped item keys, kept in memory for a
//! bounded time and in bounded numbers.
//!
//! Everything that belongs to a session is evicted together, `retention` after the session's
//! expiry (a share happens before expiry, so its receipt stays readable at least that long).
//! Evictions happen as the store is used, a few at a time on average. A session keeps only its
//! most recent QR codes. When as many sessions (or receipts) are held as allowed, new ones are
//! refused until evictions make room.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, VecDeque};
use std::time::{Duration, SystemTime};

use yoti_policy::ShareSessionConfiguration;
use yoti_protocol::api::ShareSessionStatus;

use crate::times;

/// How many QR codes a session keeps; creating another drops its oldest.
pub(crate) const MAX_QR_CODES_PER_SESSION: usize = 8;

/// How much the store may hold and for how long.
#[derive(Debug, Clone, Copy)]
pub(crate) struct StoreLimits {
    pub(crate) max_sessions: usize,
    pub(crate) max_receipts: usize,
    /// How long a session and what belongs to it are kept after the session expires.
    pub(crate) retention: Duration,
}

/// A limit of the store was reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LimitReached {
    pub(crate) what: Limited,
    pub(crate) max: usize,
    /// When the next eviction makes room.
    pub(crate) retry_after: Duration,
}

/// What a [`LimitReached`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Limited {
    Sessions,
    Receipts,
}

/// The lifecycle of a share session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SessionStatus {
    Created,
    QrCodeCreated,
    Completed,
    Expired,
}

impl SessionStatus {
    /// The status as the API sends it.
    pub(crate) fn as_api(self) -> ShareSessionStatus {
        match self {
            SessionStatus::Created => ShareSessionStatus::Created,
            SessionStatus::QrCodeCreated => ShareSessionStatus::QrCodeCreated,
            SessionStatus::Completed => ShareSessionStatus::Completed,
            SessionStatus::Expired => ShareSessionStatus::Expired,
        }
    }
}

pub(crate) struct Session {
    pub(crate) id: String,
    pub(crate) sdk_id: String,
    pub(crate) config: ShareSessionConfiguration,
    pub(crate) created: SystemTime,
    pub(crate) updated: SystemTime,
    pub(crate) expiry: SystemTime,
    /// Its QR code ids, oldest first.
    qr_codes: VecDeque<String>,
    receipt: Option<SessionReceipt>,
}

/// What a completed session points at.
struct SessionReceipt {
    id: String,
    /// The key of the receipt in the store.
    bytes: Vec<u8>,
    item_key_id: Option<String>,
}

impl Session {
    /// A new session, open for `lifetime` from `now`.
    pub(crate) fn new(
        id: String,
        sdk_id: String,
        config: ShareSessionConfiguration,
        now: SystemTime,
        lifetime: Duration,
    ) -> Self {
        Session {
            id,
            sdk_id,
            config,
            created: now,
            updated: now,
            expiry: times::later(now, lifetime),
            qr_codes: VecDeque::new(),
            receipt: None,
        }
    }

    pub(crate) fn status(&self, now: SystemTime) -> SessionStatus {
        if self.receipt.is_some() {
            SessionStatus::Completed
        } else if now >= self.expiry {
            SessionStatus::Expired
        } else if !self.qr_codes.is_empty() {
            SessionStatus::QrCodeCreated
        } else {
            SessionStatus::Created
        }
    }

    /// The id of its most recent QR code.
    pub(crate) fn qr_code_id(&self) -> Option<&str> {
        self.qr_codes.back().map(String::as_str)
    }

    /// The id of its receipt, once shared.
    pub(crate) fn receipt_id(&self) -> Option<&str> {
        self.receipt.as_ref().map(|r| r.id.as_str())
    }
}

pub(crate) struct QrCode {
    pub(crate) session_id: String,
    pub(crate) sdk_id: String,
    pub(crate) expiry: SystemTime,
}

/// A response body kept for the application that owns it.
pub(crate) struct Owned {
    pub(crate) sdk_id: String,
    pub(crate) json: String,
}

/// A receipt about to be stored: its id, the id's bytes, the receipt body, and the wrapped item
/// key (id and body) of a success receipt.
pub(crate) struct NewReceipt {
    pub(crate) id: String,
    pub(crate) bytes: Vec<u8>,
    pub(crate) receipt: Owned,
    pub(crate) item_key: Option<(String, Owned)>,
}

pub(crate) struct Store {
    limits: StoreLimits,
    sessions: HashMap<String, Session>,
    qr_codes: HashMap<String, QrCode>,
    /// By the receipt id's bytes, so that every encoding of the id finds it.
    receipts: HashMap<Vec<u8>, Owned>,
    item_keys: HashMap<String, Owned>,
    /// (eviction time, session id), the first to go on top.
    evictions: BinaryHeap<Reverse<(SystemTime, String)>>,
}

impl Store {
    pub(crate) fn new(limits: StoreLimits) -> Self {
        Store {
            limits,
            sessions: HashMap::new(),
            qr_codes: HashMap::new(),
            receipts: HashMap::new(),
            item_keys: HashMap::new(),
            evictions: BinaryHeap::new(),
        }
    }

    /// Evicts every session whose time has come, with its QR codes, receipt and item key.
    pub(crate) fn evict_expired(&mut self, now: SystemTime) {
        while let Some(Reverse((at, _))) = self.evictions.peek() {
            if *at > now {
                break;
            }
            let Some(Reverse((_, id))) = self.evictions.pop() else {
                break;
            };
            let Some(session) = self.sessions.remove(&id) else {
                continue;
            };
            for qr_code in &session.qr_codes {
                self.qr_codes.remove(qr_code);
            }
            if let Some(receipt) = session.receipt {
                self.receipts.remove(&receipt.bytes);
                if let Some(item_key) = &receipt.item_key_id {
                    self.item_keys.remove(item_key);
                }
            }
        }
    }

    /// Adds a session, unless as many as allowed are held.
    pub(crate) fn add_session(
        &mut self,
        session: Session,
        now: SystemTime,
    ) -> Result<(), LimitReached> {
        if self.sessions.len() >= self.limits.max_sessions {
            return Err(self.limit_reached(Limited::Sessions, now));
        }
        let evict_at = times::later(session.expiry, self.limits.retention);
        self.evictions.push(Reverse((evict_at, session.id.clone())));
        self.sessions.insert(session.id.clone(), session);
        Ok(())
    }

    pub(crate) fn session(&self, id: &str) -> Option<&Session> {
        self.sessions.get(id)
    }

    /// Adds a QR code to an existing session (dropping the session's oldest beyond
    /// [`MAX_QR_CODES_PER_SESSION`]); `false` when there is no such session.
    pub(crate) fn add_qr_code(
        &mut self,
        session_id: &str,
        qr_code_id: String,
        now: SystemTime,
    ) -> bool {
        let Some(session) = self.sessions.get_mut(session_id) else {
            return false;
        };
        self.qr_codes.insert(
            qr_code_id.clone(),
            QrCode {
                session_id: session.id.clone(),
                sdk_id: session.sdk_id.clone(),
                expiry: session.expiry,
            },
        );
        session.qr_codes.push_back(qr_code_id);
        session.updated = now;
        while session.qr_codes.len() > MAX_QR_CODES_PER_SESSION {
            if let Some(oldest) = session.qr_codes.pop_front() {
                self.qr_codes.remove(&oldest);
            }
        }
        true
    }

    pub(crate) fn qr_code(&self, id: &str) -> Option<&QrCode> {
        self.qr_codes.get(id)
    }

    /// Refuses early, before a receipt is made, when no more receipts can be held.
    pub(crate) fn check_receipt_room(&self, now: SystemTime) -> Result<(), LimitReached> {
        if self.receipts.len() >= self.limits.max_receipts {
            return Err(self.limit_reached(Limited::Receipts, now));
        }
        Ok(())
    }

    /// Stores the receipt of a share and marks the session completed; `Ok(false)` when there is
    /// no such session.
    pub(crate) fn add_receipt(
        &mut self,
        session_id: &str,
        receipt: NewReceipt,
        now: SystemTime,
    ) -> Result<bool, LimitReached> {
        if !self.sessions.contains_key(session_id) {
            return Ok(false);
        }
        self.check_receipt_room(now)?;
        let Some(session) = self.sessions.get_mut(session_id) else {
            return Ok(false);
        };
        let item_key_id = receipt.item_key.as_ref().map(|(id, _)| id.clone());
        session.receipt = Some(SessionReceipt {
            id: receipt.id,
            bytes: receipt.bytes.clone(),
            item_key_id,
        });
        session.updated = now;
        self.receipts.insert(receipt.bytes, receipt.receipt);
        if let Some((id, item_key)) = receipt.item_key {
            self.item_keys.insert(id, item_key);
        }
        Ok(true)
    }

    pub(crate) fn receipt(&self, bytes: &[u8]) -> Option<&Owned> {
        self.receipts.get(bytes)
    }

    pub(crate) fn item_key(&self, id: &str) -> Option<&Owned> {
        self.item_keys.get(id)
    }

    fn limit_reached(&self, what: Limited, now: SystemTime) -> LimitReached {
        let max = match what {
            Limited::Sessions => self.limits.max_sessions,
            Limited::Receipts => self.limits.max_receipts,
        };
        let retry_after = self
            .evictions
            .peek()
            .and_then(|Reverse((at, _))| at.duration_since(now).ok())
            .unwrap_or_default();
        LimitReached {
            what,
            max,
            retry_after,
        }
    }

    /// How many sessions, QR codes, receipts and item keys are held.
    #[cfg(test)]
    fn counts(&self) -> [usize; 4] {
        [
            self.sessions.len(),
            self.qr_codes.len(),
            self.receipts.len(),
            self.item_keys.len(),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::UNIX_EPOCH;

    const LIFETIME: Duration = Duration::from_secs(600);
    const RETENTION: Duration = Duration::from_secs(60);

    fn store(max_sessions: usize, max_receipts: usize) -> Store {
        Store::new(StoreLimits {
            max_sessions,
            max_receipts,
            retention: RETENTION,
        })
    }

    fn at(secs: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(secs)
    }

    fn session(id: &str, created: SystemTime) -> Session {
        let config = ShareSessionConfiguration::from_policy(
            yoti_policy::Policy::builder().full_name().build().unwrap(),
            "/done",
        )
        .unwrap();
        Session::new(id.into(), "app".into(), config, created, LIFETIME)
    }

    fn receipt(n: u8) -> NewReceipt {
        let owned = || Owned {
            sdk_id: "app".into(),
            json: "{}".into(),
        };
        NewReceipt {
            id: format!("r{n}"),
            bytes: vec![n],
            receipt: owned(),
            item_key: Some((format!("k{n}"), owned())),
        }
    }

    #[test]
    fn sessions_and_all_they_hold_are_evicted_after_expiry_plus_retention() {
        let mut store = store(10, 10);
        store.add_session(session("s1", at(0)), at(0)).unwrap();
        store.add_session(session("s2", at(100)), at(100)).unwrap();
        assert!(store.add_qr_code("s1", "q1".into(), at(1)));
        assert!(store.add_receipt("s1", receipt(1), at(2)).unwrap());
        assert_eq!(store.counts(), [2, 1, 1, 1]);

        // Expired, but within the retention: still there, and still says so.
        store.evict_expired(at(600 + 59));
        let s1 = store.session("s1").unwrap();
        assert_eq!(s1.status(at(659)), SessionStatus::Completed);
        assert_eq!(s1.receipt_id(), Some("r1"));
        assert!(store.receipt(&[1]).is_some() && store.item_key("k1").is_some());

        store.evict_expired(at(600 + 60));
        assert!(store.session("s1").is_none());
        assert!(store.qr_code("q1").is_none());
        assert!(store.receipt(&[1]).is_none() && store.item_key("k1").is_none());
        assert_eq!(store.counts(), [1, 0, 0, 0]);
        store.evict_expired(at(100 + 660));
        assert_eq!(store.counts(), [0, 0, 0, 0]);
    }

    #[test]
    fn counts_are_capped_until_evictions_make_room() {
        let mut store = store(2, 1);
        store.add_session(session("s1", at(0)), at(0)).unwrap();
        store.add_session(session("s2", at(10)), at(10)).unwrap();
        let full = store
            .add_session(session("s3", at(20)), at(20))
            .unwrap_err();
        assert_eq!(full.what, Limited::Sessions);
        assert_eq!(full.max, 2);
        assert_eq!(full.retry_after, Duration::from_secs(660 - 20));

        assert!(store.add_receipt("s1", receipt(1), at(30)).unwrap());
        assert_eq!(
            store.check_receipt_room(at(30)).unwrap_err().what,
            Limited::Receipts
        );
        let refused = store.add_receipt("s2", receipt(2), at(30)).unwrap_err();
        assert_eq!(refused.what, Limited::Receipts);
        assert_eq!(store.session("s2").unwrap().receipt_id(), None);

        store.evict_expired(at(660));
        store.add_session(session("s3", at(660)), at(660)).unwrap();
        assert!(store.add_receipt("s2", receipt(2), at(661)).unwrap());
        store.evict_expired(at(760));
        assert_eq!(store.add_receipt("s2", receipt(3), at(761)), Ok(false));
    }

    #[test]
    fn a_session_keeps_only_its_latest_qr_codes() {
        let mut store = store(10, 10);
        store.add_session(session("s", at(0)), at(0)).unwrap();
        for n in 0..MAX_QR_CODES_PER_SESSION + 3 {
            assert!(store.add_qr_code("s", format!("q{n}"), at(1)));
        }
        assert!(!store.add_qr_code("missing", "x".into(), at(1)));
        assert_eq!(store.counts()[1], MAX_QR_CODES_PER_SESSION);
        assert!(store.qr_code("q0").is_none() && store.qr_code("q2").is_none());
        assert!(store.qr_code("q3").is_some());
        let latest = format!("q{}", MAX_QR_CODES_PER_SESSION + 2);
        assert_eq!(
            store.session("s").unwrap().qr_code_id(),
            Some(latest.as_str())
        );
    }
}
