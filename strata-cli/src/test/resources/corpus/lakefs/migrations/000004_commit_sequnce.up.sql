ALTER SEQUENCE catalog_commit_id_seq CACHE 1;
