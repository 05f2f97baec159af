CREATE INDEX index_keywords_crates_cnt
                           ON keywords (crates_cnt);