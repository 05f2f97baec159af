-- Make zetachain_cctx_log.amount a number (REAL) instead of TEXT, so totals
-- and comparisons work in SQL.
--
-- SQLite, and so D1, cannot change a column's type in place, so the table is
-- rebuilt: create the new shape, copy every row across, drop the old table,
-- and give the new one the old name.
--
-- Dropping a table drops its indexes with it. The index on status from 0001
-- would silently disappear here, and queries by status would go back to full
-- table scans with nothing failing to tell anyone, so it is created again at
-- the end.
--
-- No BEGIN/COMMIT: strata runs each migration in its own transaction, so if
-- any step fails the table is left exactly as it was.

CREATE TABLE zetachain_cctx_log_new (
    cctx_hash TEXT PRIMARY KEY NOT NULL,
    source_chain TEXT NOT NULL,
    destination_chain TEXT NOT NULL,
    asset TEXT,
    amount REAL,
    status TEXT DEFAULT 'pending',
    created_at DATETIME DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME DEFAULT CURRENT_TIMESTAMP
);

-- Columns are named on both sides, so the copy does not depend on the order
-- they happen to have in either table. CAST keeps NULL as NULL, but turns
-- text that is not a number at all into 0.0: look for such rows first with
--   SELECT * FROM zetachain_cctx_log WHERE amount NOT GLOB '*[0-9]*';
INSERT INTO zetachain_cctx_log_new
    (cctx_hash, source_chain, destination_chain, asset, amount, status, created_at, updated_at)
SELECT cctx_hash, source_chain, destination_chain, asset, CAST(amount AS REAL), status, created_at, updated_at
FROM zetachain_cctx_log;

DROP TABLE zetachain_cctx_log;

ALTER TABLE zetachain_cctx_log_new RENAME TO zetachain_cctx_log;

CREATE INDEX IF NOT EXISTS idx_cctx_status ON zetachain_cctx_log(status);
