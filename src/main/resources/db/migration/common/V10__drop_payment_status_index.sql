-- Every query on payment.status also names the batch (payment_by_batch_ix serves them), and the
-- settlement reader pages settlement_work instead. The (status, batch_id) index only cost: one
-- more B-tree to fill for each imported payment, and one more new entry (and dead one) for each
-- status change of a settled payment.
DROP INDEX payment_by_status_ix;
