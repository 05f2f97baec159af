ALTER TABLE outputs RENAME COLUMN metadata TO coinbase_extra;
