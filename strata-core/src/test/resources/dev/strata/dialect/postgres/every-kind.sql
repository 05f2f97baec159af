-- One of every object kind strata reads from PostgreSQL, for the reader and writer tests.
CREATE SCHEMA billing;
CREATE EXTENSION citext;
CREATE EXTENSION hstore WITH SCHEMA billing;
CREATE EXTENSION pg_trgm WITH SCHEMA billing;

CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE DOMAIN positive_int AS integer NOT NULL DEFAULT 1 CONSTRAINT positive CHECK (VALUE > 0);
CREATE TYPE billing.money_pair AS (amount numeric(12,2), "Currency" text COLLATE "C");
CREATE TYPE float_range AS RANGE (subtype = float8, subtype_diff = float8mi);
COMMENT ON TYPE mood IS 'How a user feels';
COMMENT ON DOMAIN positive_int IS 'Counts from one';

CREATE SEQUENCE billing.invoice_numbers AS bigint START WITH 1000 INCREMENT BY 10 MINVALUE 1000 MAXVALUE 99999999 CYCLE;

CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at = now();
    RETURN NEW;
END;
$$;
CREATE FUNCTION billing.stamp() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
    RETURN NEW;
END;
$body$;
CREATE FUNCTION add(a integer, b integer DEFAULT 1) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT a + b';
CREATE FUNCTION add(a numeric, b numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS 'SELECT a + b';
CREATE PROCEDURE billing.close_month(INOUT closed integer) LANGUAGE plpgsql AS $$ BEGIN closed := 0; END $$;
COMMENT ON FUNCTION add(integer, integer) IS 'Adds, one by default';

CREATE TABLE users (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email citext COLLATE "C" NOT NULL UNIQUE,
    "Display Name" varchar(80),
    mood mood NOT NULL DEFAULT 'ok',
    visits positive_int,
    score numeric(12,2) NOT NULL DEFAULT 0 CHECK (score >= 0),
    doubled numeric(12,2) GENERATED ALWAYS AS (score * 2) STORED,
    updated_at timestamptz NOT NULL DEFAULT now(),
    attributes billing.hstore,
    status varchar(16) NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'active', 'gone'))
);
COMMENT ON TABLE users IS 'People who sign in';
COMMENT ON COLUMN users.email IS 'Unique, case-insensitive';

CREATE TABLE billing.accounts (
    id serial PRIMARY KEY,
    owner_id integer NOT NULL,
    parent_id integer,
    number bigint NOT NULL DEFAULT nextval('billing.invoice_numbers'),
    price float_range,
    pair billing.money_pair,
    CONSTRAINT accounts_owner_fk FOREIGN KEY (owner_id) REFERENCES users (id)
        ON DELETE CASCADE ON UPDATE RESTRICT DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT accounts_number_owner UNIQUE (number, owner_id)
);
-- A self reference and a constraint left NOT VALID.
ALTER TABLE billing.accounts ADD CONSTRAINT accounts_parent_fk FOREIGN KEY (parent_id)
    REFERENCES billing.accounts (id) ON DELETE SET NULL NOT VALID;
ALTER TABLE billing.accounts ADD CONSTRAINT accounts_number_positive CHECK (number > 0) NOT VALID;

-- Two tables that point at each other: only loadable with the keys added afterwards.
CREATE TABLE chickens (id integer PRIMARY KEY, egg_id integer);
CREATE TABLE eggs (id integer PRIMARY KEY, chicken_id integer REFERENCES chickens (id));
ALTER TABLE chickens ADD CONSTRAINT chickens_egg_fk FOREIGN KEY (egg_id) REFERENCES eggs (id);

CREATE TABLE events (
    id bigint NOT NULL,
    happened_on date NOT NULL DEFAULT CURRENT_DATE,
    payload jsonb NOT NULL DEFAULT '{}'::jsonb,
    PRIMARY KEY (id, happened_on)
) PARTITION BY RANGE (happened_on);
CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE events_rest PARTITION OF events DEFAULT;
CREATE INDEX events_payload ON events USING gin (payload);

CREATE INDEX users_lower_email ON users (lower(email::text) COLLATE "C" DESC, id) WHERE visits > 1;
CREATE UNIQUE INDEX users_name ON users ("Display Name") WHERE status NOT IN ('gone');
COMMENT ON INDEX users_name IS 'Names are unique';
CREATE INDEX accounts_owner ON billing.accounts USING hash (owner_id);
-- Operator classes that aren't the default (one from an extension in another schema), null
-- ordering that isn't the default, and INCLUDE columns.
CREATE INDEX users_name_trigrams ON users USING gin ("Display Name" billing.gin_trgm_ops);
CREATE INDEX users_recent ON users (updated_at DESC NULLS LAST, status text_pattern_ops NULLS FIRST) INCLUDE (mood, score);

CREATE VIEW active_users AS SELECT id, email FROM users WHERE visits > 1 AND status IN ('new', 'active');
CREATE VIEW busy_users AS SELECT id FROM active_users WHERE id > 10;
CREATE MATERIALIZED VIEW billing.account_totals AS SELECT owner_id, count(*) AS accounts FROM billing.accounts GROUP BY owner_id;
CREATE UNIQUE INDEX account_totals_owner ON billing.account_totals (owner_id);
-- Functions the server can only create once the tables and views they name exist.
CREATE FUNCTION active_user_ids() RETURNS SETOF active_users LANGUAGE sql STABLE AS 'SELECT * FROM active_users';
CREATE FUNCTION user_count() RETURNS bigint LANGUAGE sql STABLE BEGIN ATOMIC SELECT count(*) FROM users; END;
CREATE VIEW recent_active AS SELECT id FROM active_user_ids() WHERE id > user_count() - 10;
COMMENT ON VIEW active_users IS 'Came back at least twice';
COMMENT ON CONSTRAINT chickens_egg_fk ON chickens IS 'Which came first';
COMMENT ON MATERIALIZED VIEW billing.account_totals IS 'Refreshed nightly';

CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch();
CREATE TRIGGER events_touch BEFORE INSERT ON events FOR EACH ROW WHEN (NEW.id > 0) EXECUTE FUNCTION billing.stamp();
