-- Make zetachain_cctx_log.amount a number (REAL) instead of TEXT, so totals
-- and comparisons work in SQL.
--
-- SQLite, and so D1, cannot change a column's type in place, so the table is
-- rebuilt: create the new shape, copy every row across, drop the old table,
-- and give the new one the old name. This is the file
--   strata alter zetachain_cctx_log --type amount=REAL
-- writes for a project whose strata.toml says [migrations] target = "d1".
--
-- Dropping a table drops its indexes with it. The index on status from 0001
-- would silently disappear here, and queries by status would go back to full
-- table scans with nothing failing to tell anyone, so it is created again at
-- the end.
--
-- A CAST would turn text that is not a number at all into 0.0 without a word.
-- So the values are copied as they are (the REAL column converts each number),
-- and the checks at the end roll the whole migration back, listing the rows,
-- if a row went missing, a value was not a number, or a number moved.
--
-- No BEGIN/COMMIT and no PRAGMA foreign_keys: strata runs each migration in
-- its own transaction, as D1 does, so if any step fails the table is left
-- exactly as it was.

PRAGMA defer_foreign_keys = ON;

-- Row counts before, for the checks at the end.
CREATE TEMP TABLE strata_0002_row_counts AS
SELECT 'zetachain_cctx_log' AS table_name, COUNT(*) AS rows_before FROM zetachain_cctx_log;

-- Values of amount that are not numbers: a CAST would make them 0, so the check lists them instead.
CREATE TEMP TABLE strata_0002_amount_not_numbers AS
SELECT rowid, amount AS not_a_number
FROM zetachain_cctx_log
WHERE amount IS NOT NULL AND NOT (CAST(amount AS NUMERIC) = amount);

CREATE TEMP TABLE strata_0002_amount_before AS
SELECT rowid, amount AS before
FROM zetachain_cctx_log
WHERE CAST(amount AS NUMERIC) = amount;

-- strata:allow lossy-type-change values are copied without CAST, and the checks at the end list any that is not a number or moved
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
-- they happen to have in either table.
INSERT INTO zetachain_cctx_log_new (rowid, cctx_hash, source_chain, destination_chain, asset, amount, status, created_at, updated_at)
SELECT rowid, cctx_hash, source_chain, destination_chain, asset, amount, status, created_at, updated_at
FROM zetachain_cctx_log;

DROP TABLE zetachain_cctx_log;

ALTER TABLE zetachain_cctx_log_new RENAME TO zetachain_cctx_log;

CREATE INDEX IF NOT EXISTS idx_cctx_status ON zetachain_cctx_log (status);

-- Checks strata runs after the statements, inside the same transaction. If one returns a row,
-- the whole migration is rolled back and the rows are shown.
-- strata:verify SELECT table_name, rows_before, (SELECT COUNT(*) FROM zetachain_cctx_log) AS rows_after FROM temp.strata_0002_row_counts WHERE table_name = 'zetachain_cctx_log' AND rows_before <> (SELECT COUNT(*) FROM zetachain_cctx_log)
-- strata:verify SELECT * FROM temp.strata_0002_amount_not_numbers
-- strata:verify SELECT b.rowid, b.before, t.amount AS after FROM temp.strata_0002_amount_before b LEFT JOIN zetachain_cctx_log t ON t.rowid = b.rowid WHERE t.amount IS NULL OR NOT (abs(t.amount - b.before) <= 0.0001)
-- strata:verify PRAGMA foreign_key_check(zetachain_cctx_log)
