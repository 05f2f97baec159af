-- Contract: drops name, once every running instance uses display_name.
-- strata:contract-of 0003
ALTER TABLE users DROP COLUMN name;
