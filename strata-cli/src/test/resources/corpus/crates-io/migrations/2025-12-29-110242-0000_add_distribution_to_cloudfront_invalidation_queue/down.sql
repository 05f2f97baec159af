ALTER TABLE cloudfront_invalidation_queue
    DROP COLUMN distribution;
