BEGIN;

DROP TABLE IF EXISTS catalog_branches_export_state;
DROP TYPE IF EXISTS catalog_branch_export_status;

END;
