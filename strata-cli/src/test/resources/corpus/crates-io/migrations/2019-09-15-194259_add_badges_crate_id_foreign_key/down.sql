ALTER TABLE badges DROP CONSTRAINT fk_badges_crate_id;
