CREATE TABLE audit_logs (
    id         INTEGER PRIMARY KEY,
    user_id    TEXT REFERENCES users (id) ON DELETE SET NULL,
    action     TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
