-- H2 only. The import's submit moves its DRAFT batches to SUBMITTED a slice at a time on H2
-- (BatchRepository.submitImported), each slice found as "this file's batches still DRAFT": with
-- the file and the status in one index, each slice reads exactly its own batches, where an index
-- on the file alone walked past every batch the earlier slices had already submitted (a cost
-- quadratic in the file's batches). The dependency check's "this file's DRAFT batches" uses it
-- too. Still led by import_file_id, so it serves every by-file look-up as before. PostgreSQL
-- submits an import in one statement and keeps its index as it was.
DROP INDEX payment_batch_import_file_ix;
CREATE INDEX payment_batch_import_file_ix ON payment_batch (import_file_id, status);
