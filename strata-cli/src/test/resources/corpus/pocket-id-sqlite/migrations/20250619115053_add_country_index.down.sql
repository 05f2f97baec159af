PRAGMA foreign_keys=OFF;
BEGIN;
DROP INDEX idx_audit_logs_country;
COMMIT;
PRAGMA foreign_keys=ON;
