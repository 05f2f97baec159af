PRAGMA foreign_keys=OFF;
BEGIN;

DROP TABLE signup_tokens_user_groups;

COMMIT;
PRAGMA foreign_keys=ON;