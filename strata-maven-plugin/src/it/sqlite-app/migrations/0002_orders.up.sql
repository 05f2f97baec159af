-- Orders of an account.
CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users (id), total INTEGER NOT NULL);
CREATE INDEX orders_user_id ON orders (user_id);
