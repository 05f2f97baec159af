ALTER TABLE account DROP COLUMN config;
