PRAGMA foreign_keys=OFF;
BEGIN;
DROP TABLE oidc_clients_allowed_user_groups;
COMMIT;
PRAGMA foreign_keys=ON;
