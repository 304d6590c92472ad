-- How many partitions a pass is cut into (contiguous ord ranges of equal size), fixed when the
-- pass is built and committed with it: a restart cuts the pass exactly as the failed run did,
-- whatever the configuration says by then, so that Spring Batch finds every partition it must
-- resume under the same name (a partition name it is no longer given is silently never re-run).
ALTER TABLE settlement_pass ADD COLUMN partitions INTEGER DEFAULT 1 NOT NULL;
