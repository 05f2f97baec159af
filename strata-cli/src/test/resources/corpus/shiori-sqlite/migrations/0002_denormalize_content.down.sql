ALTER TABLE bookmark DROP COLUMN has_content;
