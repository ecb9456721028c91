-- Which share session each browser started: the cookie's random token is kept only as its
-- SHA-256, so the table cannot be turned back into cookies.
CREATE TABLE browser_sessions (
    token_sha256 TEXT PRIMARY KEY NOT NULL,
    session_id TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- What the application keeps of each share: the outcome of its receipt (read once), and what the
-- webhook learnt from the API. Never the selfie.
CREATE TABLE verifications (
    session_id TEXT PRIMARY KEY NOT NULL,
    -- Standard base64 with padding, as receipts carry it.
    receipt_id TEXT UNIQUE,
    -- VERIFIED or FAILED once the receipt was read; NULL while only the webhook was heard.
    outcome TEXT CHECK (outcome IN ('VERIFIED', 'FAILED')),
    full_name TEXT,
    -- e.g. `18 or over`, and whether the person is.
    age_question TEXT,
    age_result INTEGER,
    -- The failure receipt's error code.
    error_code TEXT,
    -- The receipt's timestamp.
    shared_at TEXT,
    -- The session's status as the API reported it after the webhook.
    session_status TEXT,
    recorded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
