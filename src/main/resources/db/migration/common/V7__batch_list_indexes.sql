-- The USAePay list is newest first (ORDER BY opened DESC, id DESC) with optional filters; these
-- let a page be read from an index whatever the table size, with or without a status filter.
CREATE INDEX payment_batch_opened_id_ix ON payment_batch (opened, id);
CREATE INDEX payment_batch_status_opened_ix ON payment_batch (status, opened);
DROP INDEX payment_batch_opened_ix;
