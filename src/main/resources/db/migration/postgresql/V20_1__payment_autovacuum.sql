-- Autovacuum waits by default until a fifth of a table's rows are dead. With a year of payments
-- (millions of rows) each night's dead versions (a payment is PENDING before it is SETTLED) would
-- stay for weeks, and the next probes of the PENDING entries of payment_by_status_ix (closeBatches,
-- the settlement's claims) would visit them. A threshold of about a night's churn, plus a hundredth
-- of the table, keeps that cost a night's whatever the history holds; retention's deletes and the
-- import's inserts are vacuumed and analyzed on the same terms.
ALTER TABLE payment SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_threshold = 10000,
                         autovacuum_vacuum_insert_scale_factor = 0.01, autovacuum_vacuum_insert_threshold = 10000,
                         autovacuum_analyze_scale_factor = 0.01, autovacuum_analyze_threshold = 10000);
ALTER TABLE payment_batch SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_threshold = 1000,
                               autovacuum_analyze_scale_factor = 0.01, autovacuum_analyze_threshold = 1000);
