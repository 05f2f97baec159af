-- Test users for dev and staging. ON CONFLICT DO NOTHING makes the file
-- idempotent: 'strata seed' can run any number of times.
INSERT INTO users (id, email, name) VALUES
    ('u-alice', 'alice@example.com', 'Alice'),
    ('u-bob', 'bob@example.com', 'Bob')
ON CONFLICT DO NOTHING;

INSERT INTO files (id, user_id, name, size_bytes) VALUES
    ('f-1', 'u-alice', 'report.pdf', 52311)
ON CONFLICT DO NOTHING;
