ALTER TABLE outputs DROP COLUMN last_validation_timestamp;
