CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE);
INSERT INTO users (id, email) VALUES (1, 'admin@example.com'), (2, 'ops@example.com');
