-- strata:no-transaction
CREATE INDEX CONCURRENTLY i ON t (a);
\connect x
