DROP TABLE IF EXISTS catalog_branches_export;
