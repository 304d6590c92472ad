-- The closeBatches step pages the date's PROCESSING batches in id order (ORDER BY id LIMIT 100,
-- then id > the last one). With (status, business_date) alone, each page fetched every batch still
-- PROCESSING and sorted them (the plan without fresh statistics: those of the import say no batch
-- is PROCESSING), so a run of many batches closed them at a cost that grew with their square. With
-- id in the index the page is read in order and stops at its hundredth closable batch. The index
-- serves everything (status, business_date) served.
CREATE INDEX payment_batch_status_date_id_ix ON payment_batch (status, business_date, id);
DROP INDEX payment_batch_status_ix;
