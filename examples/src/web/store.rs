//! Where the web application keeps what it knows: which share session each browser started, and
//! the outcome of each share, in one SQLite file.
//!
//! The schema is in `examples/migrations/*.sql`, applied in order and counted in SQLite's
//! `user_version`, so that a file made by an older build is brought up to date on open. Calls run
//! on tokio's blocking pool: SQLite is synchronous.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rusqlite::{Connection, OptionalExtension, Row, params};

/// The migrations, in order: each runs once, inside a transaction, in the file it upgrades.
const MIGRATIONS: &[(&str, &str)] = &[
    (
        "0001_verifications.sql",
        include_str!("../../migrations/0001_verifications.sql"),
    ),
    (
        "0002_browser_session_expiry.sql",
        include_str!("../../migrations/0002_browser_session_expiry.sql"),
    ),
];

/// How long a call waits for another connection's write (another process on the same file).
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);
/// The most rows the verifications page lists.
const LIST_LIMIT: u32 = 200;
/// The most expired bindings one new binding removes: bounded work per page load, and more
/// than one, so that the table shrinks back after a burst.
const SWEEP_BATCH: u32 = 100;

/// The variable naming the database file: `sqlite://path`, `sqlite:path` or a plain path.
pub const ENV_DATABASE_URL: &str = "DATABASE_URL";
/// The database file when [`ENV_DATABASE_URL`] is not set, relative to the working directory.
pub const DEFAULT_DATABASE: &str = "target/yoti-web-example.sqlite3";

/// Why the database could not be used. Names the operation, never a stored value.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The folder of the database file could not be made.
    #[error("cannot create the folder of the database {path}: {source}")]
    Folder {
        /// The database file.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// SQLite failed.
    #[error("the database failed to {operation}: {source}")]
    Sqlite {
        /// What was being done, e.g. `apply 0001_verifications.sql`.
        operation: String,
        /// SQLite's error.
        #[source]
        source: rusqlite::Error,
    },
    /// The blocking task running the call ended without an answer.
    #[error("the database call did not finish")]
    Task,
}

/// The outcome of a share as the application keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Outcome {
    /// The receipt was read and filled the policy.
    Verified {
        /// The verified full name.
        full_name: String,
        /// The age check asked, e.g. `18 or over`.
        age_question: String,
        /// Whether the person passes it.
        age_result: bool,
    },
    /// The share failed: Yoti sent a failure receipt.
    Failed {
        /// Its error code, e.g. `MANDATORY_DOCUMENT_NOT_PROVIDED`.
        error_code: String,
    },
    /// Only the webhook was heard: the receipt has not been read yet.
    Pending,
}

/// One share, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Verification {
    /// The share session.
    pub session_id: String,
    /// The receipt, standard base64, once known.
    pub receipt_id: Option<String>,
    /// What the receipt said.
    pub outcome: Outcome,
    /// The receipt's timestamp, once read.
    pub shared_at: Option<String>,
    /// The session status the API reported after the webhook, if it was heard.
    pub session_status: Option<String>,
    /// When the application first recorded the share (UTC, RFC 3339).
    pub recorded_at: String,
}

/// The database, shared by the routes; cheap to clone.
#[derive(Debug, Clone)]
pub struct Store {
    connection: Arc<Mutex<Connection>>,
    path: PathBuf,
}

impl Store {
    /// Opens (creating it if needed) the database file at `path` and applies the migrations it
    /// has not had.
    ///
    /// # Errors
    ///
    /// [`StoreError`] when the file cannot be created or opened, or a migration fails.
    pub fn open(path: impl AsRef<Path>) -> Result<Self, StoreError> {
        let path = path.as_ref().to_path_buf();
        if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(folder).map_err(|source| StoreError::Folder {
                path: path.clone(),
                source,
            })?;
        }
        let mut connection = Connection::open(&path).map_err(sqlite("open the file"))?;
        connection
            .busy_timeout(BUSY_TIMEOUT)
            .map_err(sqlite("set the busy timeout"))?;
        migrate(&mut connection)?;
        remove_expired(&connection, unix_seconds(SystemTime::now()), None)
            .map_err(sqlite("remove expired bindings"))?;
        Ok(Store {
            connection: Arc::new(Mutex::new(connection)),
            path,
        })
    }

    /// The file named by `DATABASE_URL` (`sqlite://path`, `sqlite:path` or a path), else
    /// [`DEFAULT_DATABASE`].
    pub fn path_from_env() -> PathBuf {
        match std::env::var(ENV_DATABASE_URL) {
            Ok(url) if !url.trim().is_empty() => database_path(url.trim()),
            _ => PathBuf::from(DEFAULT_DATABASE),
        }
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Reserves a binding for the browser holding the cookie token whose SHA-256 is
    /// `token_sha256`, before its share session exists, so that a database that fails does so
    /// before a session is asked for. Until [`bind_browser`](Self::bind_browser) names the
    /// session it names none; it is removed after `expires_at` either way. Also removes up to
    /// 100 bindings that have expired.
    ///
    /// # Errors
    ///
    /// [`StoreError`] when SQLite fails.
    pub async fn reserve_browser(
        &self,
        token_sha256: String,
        expires_at: SystemTime,
    ) -> Result<(), StoreError> {
        let now = unix_seconds(SystemTime::now());
        self.call("reserve a browser's binding", move |db| {
            remove_expired(db, now, Some(SWEEP_BATCH))?;
            db.execute(
                "INSERT INTO browser_sessions (token_sha256, session_id, expires_at)
                 VALUES (?1, NULL, ?2)",
                params![token_sha256, unix_seconds(expires_at)],
            )
            .map(drop)
        })
        .await
    }

    /// Remembers that the browser of `token_sha256` started `session_id`, until `expires_at`.
    ///
    /// # Errors
    ///
    /// [`StoreError`] when SQLite fails.
    pub async fn bind_browser(
        &self,
        token_sha256: String,
        session_id: String,
        expires_at: SystemTime,
    ) -> Result<(), StoreError> {
        self.call("bind a browser to its session", move |db| {
            db.execute(
                "INSERT INTO browser_sessions (token_sha256, session_id, expires_at)
                 VALUES (?1, ?2, ?3)
                 ON CONFLICT (token_sha256) DO UPDATE SET
                     session_id = excluded.session_id, expires_at = excluded.expires_at",
                params![token_sha256, session_id, unix_seconds(expires_at)],
            )
            .map(drop)
        })
        .await
    }

    /// Forgets the binding of `token_sha256`: its session could not be started.
    ///
    /// # Errors
    ///
    /// [`StoreError`] when SQLite fails.
    pub async fn release_browser(&self, token_sha256: String) -> Result<(), StoreError> {
        self.call("release a browser's binding", move |db| {
            db.execute(
                "DELETE FROM browser_sessions WHERE token_sha256 = ?1",
                params![token_sha256],
            )
            .map(drop)
        })
        .await
    }

    /// The session the browser with this token started, if it is known and has not expired.
    ///
    /// # Errors
    ///
    /// [`StoreError`] when SQLite fails.
    pub async fn browser_session(
        &self,
        token_sha256: String,
    ) -> Result<Option<String>, StoreError> {
        let now = unix_seconds(SystemTime::now());
        self.call("look up a browser's session", move |db| {
            db.query_row(
                "SELECT session_id FROM browser_sessions
                 WHERE token_sha256 = ?1 AND session_id IS NOT NULL AND expires_at > ?2",
                params![token_sha256, now],
                |row| row.get(0),
            )
            .optional()
        })
        .await
    }

    /// Removes every binding that has expired; returns how many.
    ///
    /// # Errors
    ///
    /// [`StoreError`] when SQLite fails.
    pub async fn remove_expired_bindings(&self) -> Result<usize, StoreError> {
        let now = unix_seconds(SystemTime::now());
        self.call("remove expired bindings", move |db| {
            remove_expired(db, now, None)
        })
        .await
    }

    /// The stored share of `session_id`, if any.
    ///
    /// # Errors
    ///
    /// [`StoreError`] when SQLite fails.
    pub async fn verification(
        &self,
        session_id: String,
    ) -> Result<Option<Verification>, StoreError> {
        self.call("read a verification", move |db| {
            db.query_row(
                &format!("{SELECT_VERIFICATION} WHERE session_id = ?1"),
                params![session_id],
                verification_from_row,
            )
            .optional()
        })
        .await
    }

    /// Records what a receipt said, once: a share whose receipt was already read keeps its first
    /// outcome. Returns the stored share.
    ///
    /// # Errors
    ///
    /// [`StoreError`] when SQLite fails.
    pub async fn record_receipt(
        &self,
        session_id: String,
        receipt_id: String,
        outcome: Outcome,
        shared_at: String,
    ) -> Result<Verification, StoreError> {
        self.call("record a receipt", move |db| {
            let (kind, full_name, age_question, age_result, error_code) = match outcome {
                Outcome::Verified {
                    full_name,
                    age_question,
                    age_result,
                } => (
                    Some("VERIFIED"),
                    Some(full_name),
                    Some(age_question),
                    Some(age_result),
                    None,
                ),
                Outcome::Failed { error_code } => {
                    (Some("FAILED"), None, None, None, Some(error_code))
                }
                Outcome::Pending => (None, None, None, None, None),
            };
            db.execute(
                "INSERT INTO verifications
                     (session_id, receipt_id, outcome, full_name, age_question, age_result,
                      error_code, shared_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT (session_id) DO UPDATE SET
                     receipt_id = excluded.receipt_id, outcome = excluded.outcome,
                     full_name = excluded.full_name, age_question = excluded.age_question,
                     age_result = excluded.age_result, error_code = excluded.error_code,
                     shared_at = excluded.shared_at,
                     updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
                 WHERE verifications.outcome IS NULL",
                params![
                    session_id,
                    receipt_id,
                    kind,
                    full_name,
                    age_question,
                    age_result,
                    error_code,
                    shared_at
                ],
            )?;
            db.query_row(
                &format!("{SELECT_VERIFICATION} WHERE session_id = ?1"),
                params![session_id],
                verification_from_row,
            )
        })
        .await
    }

    /// Records the session's status and receipt as the API reported them after a webhook call;
    /// an outcome already read is kept.
    ///
    /// # Errors
    ///
    /// [`StoreError`] when SQLite fails.
    pub async fn record_session_status(
        &self,
        session_id: String,
        status: String,
        receipt_id: Option<String>,
    ) -> Result<(), StoreError> {
        self.call("record a session's status", move |db| {
            db.execute(
                "INSERT INTO verifications (session_id, receipt_id, session_status)
                 VALUES (?1, ?2, ?3)
                 ON CONFLICT (session_id) DO UPDATE SET
                     session_status = excluded.session_status,
                     receipt_id = coalesce(verifications.receipt_id, excluded.receipt_id),
                     updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
                params![session_id, receipt_id, status],
            )
            .map(drop)
        })
        .await
    }

    /// The stored shares, newest first (at most 200).
    ///
    /// # Errors
    ///
    /// [`StoreError`] when SQLite fails.
    pub async fn verifications(&self) -> Result<Vec<Verification>, StoreError> {
        self.call("list the verifications", |db| {
            let mut statement = db.prepare(&format!(
                "{SELECT_VERIFICATION} ORDER BY recorded_at DESC, rowid DESC LIMIT {LIST_LIMIT}"
            ))?;
            let rows = statement.query_map([], verification_from_row)?;
            rows.collect()
        })
        .await
    }

    /// Runs `work` on the connection in tokio's blocking pool.
    async fn call<T: Send + 'static>(
        &self,
        operation: &'static str,
        work: impl FnOnce(&Connection) -> rusqlite::Result<T> + Send + 'static,
    ) -> Result<T, StoreError> {
        let connection = self.connection.clone();
        tokio::task::spawn_blocking(move || {
            let connection = connection.lock().unwrap_or_else(PoisonError::into_inner);
            work(&connection).map_err(sqlite(operation))
        })
        .await
        .map_err(|_| StoreError::Task)?
    }
}

const SELECT_VERIFICATION: &str = "SELECT session_id, receipt_id, outcome, full_name, \
    age_question, age_result, error_code, shared_at, session_status, recorded_at \
    FROM verifications";

/// Deletes the bindings expired at `now`, at most `limit` of them (the oldest first).
fn remove_expired(db: &Connection, now: i64, limit: Option<u32>) -> rusqlite::Result<usize> {
    db.execute(
        "DELETE FROM browser_sessions WHERE rowid IN (
             SELECT rowid FROM browser_sessions WHERE expires_at <= ?1
             ORDER BY expires_at LIMIT ?2)",
        // A negative LIMIT is no limit in SQLite.
        params![now, limit.map_or(-1, i64::from)],
    )
}

/// Seconds since 1970-01-01T00:00:00Z, 0 before it.
fn unix_seconds(time: SystemTime) -> i64 {
    time.duration_since(UNIX_EPOCH).map_or(0, |since| {
        i64::try_from(since.as_secs()).unwrap_or(i64::MAX)
    })
}

fn verification_from_row(row: &Row<'_>) -> rusqlite::Result<Verification> {
    let outcome = match row.get::<_, Option<String>>(2)?.as_deref() {
        Some("VERIFIED") => Outcome::Verified {
            full_name: row.get::<_, Option<String>>(3)?.unwrap_or_default(),
            age_question: row.get::<_, Option<String>>(4)?.unwrap_or_default(),
            age_result: row.get::<_, Option<bool>>(5)?.unwrap_or(false),
        },
        Some(_) => Outcome::Failed {
            error_code: row.get::<_, Option<String>>(6)?.unwrap_or_default(),
        },
        None => Outcome::Pending,
    };
    Ok(Verification {
        session_id: row.get(0)?,
        receipt_id: row.get(1)?,
        outcome,
        shared_at: row.get(7)?,
        session_status: row.get(8)?,
        recorded_at: row.get(9)?,
    })
}

/// Applies the migrations past the file's `user_version` (the count applied), each with its
/// new version in one transaction.
fn migrate(connection: &mut Connection) -> Result<(), StoreError> {
    let applied: i64 = connection
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .map_err(sqlite("read the schema version"))?;
    for (version, (name, sql)) in (1i64..).zip(MIGRATIONS).skip_while(|(v, _)| *v <= applied) {
        let operation = || format!("apply {name}");
        let run = |connection: &mut Connection| -> rusqlite::Result<()> {
            let transaction = connection.transaction()?;
            transaction.execute_batch(sql)?;
            transaction.pragma_update(None, "user_version", version)?;
            transaction.commit()
        };
        run(connection).map_err(|source| StoreError::Sqlite {
            operation: operation(),
            source,
        })?;
    }
    Ok(())
}

/// The file of a `DATABASE_URL`: `sqlite://path`, `sqlite:path` or a plain path.
///
/// ```
/// use std::path::Path;
/// use yoti_examples::web::store::database_path;
///
/// assert_eq!(database_path("sqlite://data/app.db"), Path::new("data/app.db"));
/// assert_eq!(database_path("sqlite:///var/lib/app.db"), Path::new("/var/lib/app.db"));
/// assert_eq!(database_path("sqlite:app.db"), Path::new("app.db"));
/// assert_eq!(database_path("app.db"), Path::new("app.db"));
/// ```
pub fn database_path(url: &str) -> PathBuf {
    let path = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or(url);
    PathBuf::from(path)
}

fn sqlite(operation: impl Into<String>) -> impl FnOnce(rusqlite::Error) -> StoreError {
    let operation = operation.into();
    move |source| StoreError::Sqlite { operation, source }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_file(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("yoti-web-store-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir.join("nested").join("db.sqlite3")
    }

    #[tokio::test]
    async fn a_receipt_is_recorded_once_and_kept_across_opens() {
        let path = temp_file("once");
        let store = Store::open(&path).unwrap();
        let verified = Outcome::Verified {
            full_name: "Jane Doe".into(),
            age_question: "18 or over".into(),
            age_result: true,
        };
        let first = store
            .record_receipt("ss.1".into(), "cg==".into(), verified.clone(), "t1".into())
            .await
            .unwrap();
        assert_eq!(first.outcome, verified);
        // A second outcome for the same session does not replace the first.
        let again = store
            .record_receipt(
                "ss.1".into(),
                "cg==".into(),
                Outcome::Failed {
                    error_code: "X".into(),
                },
                "t2".into(),
            )
            .await
            .unwrap();
        assert_eq!(again.outcome, verified);
        assert_eq!(again.shared_at.as_deref(), Some("t1"));
        drop(store);

        // Opened again (migrations already applied): the same rows.
        let reopened = Store::open(&path).unwrap();
        let stored = reopened.verification("ss.1".into()).await.unwrap().unwrap();
        assert_eq!(stored, first);
        assert_eq!(reopened.verifications().await.unwrap(), vec![first]);
    }

    #[tokio::test]
    async fn the_webhook_status_and_the_receipt_outcome_meet_in_one_row() {
        let store = Store::open(temp_file("webhook")).unwrap();
        store
            .record_session_status("ss.2".into(), "COMPLETED".into(), Some("cg==".into()))
            .await
            .unwrap();
        let pending = store.verification("ss.2".into()).await.unwrap().unwrap();
        assert_eq!(pending.outcome, Outcome::Pending);
        assert_eq!(pending.receipt_id.as_deref(), Some("cg=="));
        let failed = Outcome::Failed {
            error_code: "FRAUD_DETECTED".into(),
        };
        let read = store
            .record_receipt("ss.2".into(), "cg==".into(), failed.clone(), "t".into())
            .await
            .unwrap();
        assert_eq!(read.outcome, failed);
        assert_eq!(read.session_status.as_deref(), Some("COMPLETED"));
        // A later webhook keeps the outcome.
        store
            .record_session_status("ss.2".into(), "COMPLETED".into(), None)
            .await
            .unwrap();
        let stored = store.verification("ss.2".into()).await.unwrap().unwrap();
        assert_eq!(stored.outcome, failed);
    }

    #[tokio::test]
    async fn a_browser_token_maps_to_its_latest_session() {
        let store = Store::open(temp_file("browser")).unwrap();
        let later = SystemTime::now() + Duration::from_secs(600);
        assert_eq!(store.browser_session("h".into()).await.unwrap(), None);
        // Reserved, before the session exists: no session yet.
        store.reserve_browser("h".into(), later).await.unwrap();
        assert_eq!(store.browser_session("h".into()).await.unwrap(), None);
        store
            .bind_browser("h".into(), "ss.a".into(), later)
            .await
            .unwrap();
        store
            .bind_browser("h".into(), "ss.b".into(), later)
            .await
            .unwrap();
        assert_eq!(
            store.browser_session("h".into()).await.unwrap().as_deref(),
            Some("ss.b")
        );
        store.release_browser("h".into()).await.unwrap();
        assert_eq!(store.browser_session("h".into()).await.unwrap(), None);
    }

    fn binding_count(path: &Path) -> i64 {
        Connection::open(path)
            .unwrap()
            .query_row("SELECT count(*) FROM browser_sessions", [], |row| {
                row.get(0)
            })
            .unwrap()
    }

    #[tokio::test]
    async fn expired_bindings_name_no_session_and_are_removed() {
        let path = temp_file("expiry");
        let store = Store::open(&path).unwrap();
        let past = SystemTime::now() - Duration::from_secs(1);
        let later = SystemTime::now() + Duration::from_secs(600);
        for i in 0..150 {
            store
                .bind_browser(format!("old{i}"), format!("ss.old{i}"), past)
                .await
                .unwrap();
        }
        store
            .bind_browser("live".into(), "ss.live".into(), later)
            .await
            .unwrap();
        assert_eq!(store.browser_session("old0".into()).await.unwrap(), None);
        assert_eq!(binding_count(&path), 151);

        // A new binding removes a bounded batch of the expired ones...
        store.reserve_browser("new".into(), later).await.unwrap();
        assert_eq!(binding_count(&path), 152 - 100);
        // ...the sweep removes the rest, and keeps what has not expired.
        assert_eq!(store.remove_expired_bindings().await.unwrap(), 50);
        assert_eq!(binding_count(&path), 2);
        assert_eq!(
            store
                .browser_session("live".into())
                .await
                .unwrap()
                .as_deref(),
            Some("ss.live")
        );

        // Opening the file removes what expired while the application was stopped.
        store
            .bind_browser("old".into(), "ss.old".into(), past)
            .await
            .unwrap();
        drop(store);
        Store::open(&path).unwrap();
        assert_eq!(binding_count(&path), 2);
    }

    #[test]
    fn a_file_of_the_first_schema_is_migrated_with_its_bindings() {
        let path = temp_file("migrate");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let old = Connection::open(&path).unwrap();
        old.execute_batch(MIGRATIONS[0].1).unwrap();
        old.pragma_update(None, "user_version", 1).unwrap();
        old.execute(
            "INSERT INTO browser_sessions (token_sha256, session_id) VALUES ('h', 'ss.1')",
            [],
        )
        .unwrap();
        drop(old);
        let store = Store::open(&path).unwrap();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        // Made just now: it expires in a day.
        assert_eq!(
            runtime
                .block_on(store.browser_session("h".into()))
                .unwrap()
                .as_deref(),
            Some("ss.1")
        );
    }

    #[test]
    fn a_file_that_is_no_database_is_a_typed_error() {
        let path = temp_file("garbage");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, b"not a database, just text that is long enough").unwrap();
        let error = Store::open(&path).unwrap_err();
        assert!(matches!(error, StoreError::Sqlite { .. }), "{error:?}");
    }
}
