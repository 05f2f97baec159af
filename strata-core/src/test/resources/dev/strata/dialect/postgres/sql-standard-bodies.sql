-- Functions with SQL-standard bodies are checked when they are created, so each needs what it
-- reads; tables, views, defaults and checks that need functions. Names are chosen so that name
-- order is the wrong order for every pair.
CREATE TABLE z_counters (name text PRIMARY KEY, value integer NOT NULL DEFAULT 0);
CREATE FUNCTION y_counter_value(n text) RETURNS integer LANGUAGE sql STABLE
    RETURN (SELECT value FROM z_counters WHERE name = n);
CREATE FUNCTION a_double_counter(n text) RETURNS integer LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT 2 * y_counter_value(n);
END;
CREATE FUNCTION x_positive(v integer) RETURNS boolean LANGUAGE sql IMMUTABLE RETURN v > 0;
CREATE FUNCTION w_twice(v integer) RETURNS integer LANGUAGE sql IMMUTABLE RETURN v * 2;
-- A table whose default, check and generated column call functions, one of which reads a table.
CREATE TABLE b_orders (
    id integer PRIMARY KEY,
    seq integer DEFAULT a_double_counter('orders') CHECK (x_positive(seq)),
    doubled integer GENERATED ALWAYS AS (w_twice(id)) STORED
);
CREATE VIEW c_order_stats AS SELECT a_double_counter('orders') AS next, count(*) AS orders FROM b_orders;
-- A function over a view, and a view over that function.
CREATE FUNCTION a_order_count() RETURNS bigint LANGUAGE sql STABLE RETURN (SELECT orders FROM c_order_stats);
CREATE VIEW a_summary AS SELECT a_order_count() AS orders;
