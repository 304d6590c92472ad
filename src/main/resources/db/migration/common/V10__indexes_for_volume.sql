-- (batch_id, status) goes, for the import of a million payments: the (batch_id, reference_id)
-- unique key serves every by-batch query as well, and is the one index the import's duplicate
-- check must use. With both present, a planner without fresh statistics (the night of a bulk
-- import) checked a chunk's reference ids by scanning every stored payment of their batch, a cost
-- that grows with the batch. (status, batch_id) stays: it answers "is anything of this batch still
-- PENDING" (closing, passes) with a probe instead of a walk through the batch, and the duplicate
-- check, which names no status, cannot take it.
DROP INDEX payment_by_batch_ix;

-- A reject recorded again (a chunk read again after a failure) replaces the row's earlier ones,
-- found by file, line and JSON path: every row of a minified JSON file is on line 1, so the line
-- alone would make each replacement scan the file's rejects so far.
CREATE INDEX import_reject_row_ix ON import_reject (import_file_id, line, json_path);
DROP INDEX import_reject_file_ix;
