CREATE INDEX index_crates_categories_crate_id
                           ON crates_categories (crate_id);