-- A browser's binding expires with its share session (and a short grace after it), and is
-- created before the session exists, so that a database that fails leaves no session at the
-- API: `session_id` is NULL until the API has answered. SQLite cannot drop a NOT NULL
-- constraint, hence the new table. Rows of an older build expire a day after they were made.
CREATE TABLE browser_sessions_new (
    token_sha256 TEXT PRIMARY KEY NOT NULL,
    session_id TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    -- Seconds since 1970-01-01T00:00:00Z.
    expires_at INTEGER NOT NULL
);
INSERT INTO browser_sessions_new (token_sha256, session_id, created_at, expires_at)
    SELECT token_sha256, session_id, created_at,
           coalesce(CAST(strftime('%s', created_at) AS INTEGER), 0) + 86400
    FROM browser_sessions;
DROP TABLE browser_sessions;
ALTER TABLE browser_sessions_new RENAME TO browser_sessions;
CREATE INDEX browser_sessions_by_expiry ON browser_sessions (expires_at);
