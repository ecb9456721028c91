//! One receipt read per share session at a time. Concurrent callbacks for one session (a
//! double click, a browser retrying, a script) queue behind the first; each then finds the
//! first one's outcome in the database instead of fetching and decrypting the receipt again.
//!
//! In memory: the example is one process on one SQLite file.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError, Weak};

use tokio::sync::{Mutex as AsyncMutex, OwnedMutexGuard};

type Locks = Arc<Mutex<HashMap<String, Weak<AsyncMutex<()>>>>>;

/// A lock per share session, kept only while someone holds or waits for it.
#[derive(Debug, Clone, Default)]
pub(super) struct SessionLocks {
    locks: Locks,
}

/// Held while one callback reads the receipt of its session.
pub(super) struct SessionGuard {
    guard: Option<OwnedMutexGuard<()>>,
    session_id: String,
    locks: Locks,
}

impl SessionLocks {
    /// Waits until no other caller holds `session_id`'s lock, and takes it.
    pub(super) async fn lock(&self, session_id: &str) -> SessionGuard {
        let lock = {
            let mut locks = self.locks.lock().unwrap_or_else(PoisonError::into_inner);
            match locks.get(session_id).and_then(Weak::upgrade) {
                Some(lock) => lock,
                None => {
                    // Entries of cancelled waiters can be left dead: drop them on the way.
                    locks.retain(|_, lock| lock.strong_count() > 0);
                    let lock = Arc::new(AsyncMutex::new(()));
                    locks.insert(session_id.to_owned(), Arc::downgrade(&lock));
                    lock
                }
            }
        };
        SessionGuard {
            guard: Some(lock.lock_owned().await),
            session_id: session_id.to_owned(),
            locks: self.locks.clone(),
        }
    }

    /// How many sessions have a lock held or waited for.
    #[cfg(test)]
    fn len(&self) -> usize {
        let locks = self.locks.lock().unwrap_or_else(PoisonError::into_inner);
        locks
            .values()
            .filter(|lock| lock.strong_count() > 0)
            .count()
    }
}

impl Drop for SessionGuard {
    fn drop(&mut self) {
        let mut locks = self.locks.lock().unwrap_or_else(PoisonError::into_inner);
        // Released under the map's lock, so that no caller upgrades the entry in between.
        drop(self.guard.take());
        if locks
            .get(&self.session_id)
            .is_some_and(|lock| lock.strong_count() == 0)
        {
            locks.remove(&self.session_id);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[tokio::test]
    async fn a_second_caller_waits_for_the_first_and_the_lock_is_then_forgotten() {
        let locks = SessionLocks::default();
        let first = locks.lock("ss.1").await;
        // Another session is not held up.
        drop(locks.lock("ss.2").await);
        let waiting = tokio::spawn({
            let locks = locks.clone();
            async move { drop(locks.lock("ss.1").await) }
        });
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert!(!waiting.is_finished(), "the second caller did not wait");
        drop(first);
        tokio::time::timeout(Duration::from_secs(5), waiting)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(locks.len(), 0);
        assert!(locks.locks.lock().unwrap().is_empty());
    }

    #[tokio::test]
    async fn a_cancelled_waiter_leaves_nothing_behind() {
        let locks = SessionLocks::default();
        let first = locks.lock("ss.1").await;
        let waiting = tokio::spawn({
            let locks = locks.clone();
            async move { drop(locks.lock("ss.1").await) }
        });
        tokio::time::sleep(Duration::from_millis(20)).await;
        waiting.abort();
        let _ = waiting.await;
        drop(first);
        assert_eq!(locks.len(), 0);
        // A later caller gets the lock at once.
        tokio::time::timeout(Duration::from_secs(5), locks.lock("ss.1"))
            .await
            .unwrap();
    }
}
