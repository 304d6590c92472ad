#!/usr/bin/env bash
# EXPLAIN (ANALYZE, BUFFERS) of every query the import and settlement run per chunk (or per page,
# per batch, per row), on PostgreSQL at ROWS payments, each with the parameter values of a real chunk.
#   bench/explain.sh [ROWS]    default 1,000,000; REUSE=1 keeps the database of an earlier run
# The database (dupcheck_explain) is built through the product's own import of an interleaved file
# (bench/payments.py FILE ROWS --shape interleaved: 2,000 batches of 500 merchants, rows in payment
# order, so that every chunk names every batch). Then, to give every query its table at ROWS rows:
# the batches are claimed for a business date and the run's work set is written as SettlementWork
# writes it; payment_inbox gets one row per payment (the last chunk's TAKEN by the import's job
# execution, which is half-way: the first half IMPORTED); import_reject gets one row per payment;
# every payment is then
# SETTLED but the 100 of the pass's middle page, which the settlement queries work on. Each query
# is explained without statistics (deleted in a transaction that rolls back, with reltuples = -1: what
# the planner sees of a table never analyzed, as during a first bulk import), then after ANALYZE,
# custom and generic plan (the JDBC driver prepares a statement on the server at its fifth use,
# and PostgreSQL may then keep one plan for every value), beside the query it replaced where this
# change replaced one ("before:"). Every write is rolled back. Printed
# plans are cut at 150 columns, array literals shortened. Needs PostgreSQL on 127.0.0.1:5432.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-1000000}; DB=dupcheck_explain
PSQL=(env PGOPTIONS='-c client_min_messages=warning' psql -h 127.0.0.1 -U postgres -X -q)
[ -f target/settle.jar ] || make build
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

stored=$("${PSQL[@]}" -d $DB -tAc "SELECT count(*) FROM payment" 2>/dev/null || echo 0)
if [ "${REUSE:-0}" != 1 ] || [ "$stored" != "$ROWS" ]; then
  echo "generating $ROWS interleaved rows..."
  python3 bench/payments.py "$WORK/interleaved.csv" "$ROWS" --shape interleaved
  "${PSQL[@]}" -v ON_ERROR_STOP=1 -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
  mkdir -p "$WORK/home/input"; cp -r jobs "$WORK/home/"
  env=(SETTLE_HOME="$WORK/home" SPRING_PROFILES_ACTIVE=postgres SETTLE_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB")
  env "${env[@]}" bin/settle status --limit 1 >/dev/null 2>"$WORK/migrate.log"
  echo "settle import of $ROWS interleaved rows into $DB..."
  t0=$(now)
  env "${env[@]}" bin/settle import "$WORK/interleaved.csv" >"$WORK/import.out" 2>"$WORK/import.log" \
    || { echo "import failed:"; tail -20 "$WORK/import.log"; exit 1; }
  took=$(since "$t0")
  echo "imported $("${PSQL[@]}" -d $DB -tAc "SELECT count(*) FROM payment") payments in $took s (whole command)"
  echo "setting up the settlement, inbox and reject tables..."
  "${PSQL[@]}" -v ON_ERROR_STOP=1 -d $DB <<'SQL'
-- The run's claim, then its work set as SettlementWork.build writes it (every payment eligible).
UPDATE payment_batch SET status = 'PROCESSING', business_date = DATE '2026-01-02';
INSERT INTO settlement_work (business_date, pass_no, ord, payment_id)
SELECT DATE '2026-01-02', 1, ROW_NUMBER() OVER (ORDER BY p.batch_id, p.seq, p.id), p.id
FROM payment p JOIN payment_batch b ON b.id = p.batch_id
WHERE b.status = 'PROCESSING' AND b.business_date = DATE '2026-01-02' AND p.status = 'PENDING';
INSERT INTO settlement_pass (business_date, pass_no, payments, partitions)
SELECT DATE '2026-01-02', 1, count(*), 1 FROM settlement_work;
-- One inbox row per payment, as an upstream system would have inserted them, all taken by one run
-- (the import's job execution stands for it) which is half-way through: the first half IMPORTED.
INSERT INTO payment_inbox (batch_external_id, batch_name, merchant_id, reference_id, type, amount, currency,
                           account_id, status, job_execution_id)
SELECT b.external_id, b.name, b.merchant_id, p.reference_id, p.type, p.amount::text, p.currency, p.account_id,
       CASE WHEN p.source_line > (SELECT max(source_line) / 2 FROM payment) THEN 'TAKEN' ELSE 'IMPORTED' END,
       (SELECT max(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION)
FROM payment p JOIN payment_batch b ON b.id = p.batch_id ORDER BY p.source_line;
-- One reject per payment line, on the file's import.
INSERT INTO import_reject (import_file_id, source, line, batch_external_id, reference_id, field, reason,
                           raw_value, created_at)
SELECT (SELECT max(id) FROM import_file), 'interleaved.csv', p.source_line + 1000000, NULL, p.reference_id,
       'amount', 'bench', p.amount::text, now()
FROM payment p;
-- The run is over but for one page: every payment is SETTLED (so that nearly every batch can be
-- closed) except those of the pass's middle page, which the settlement queries below work on.
UPDATE payment SET status = 'SETTLED', attempts = 1, settled_at = now(), first_sent_at = now()
WHERE id NOT IN (SELECT payment_id FROM settlement_work
                 WHERE ord > (SELECT max(ord) / 2 FROM settlement_work) AND ord <= (SELECT max(ord) / 2 + 100 FROM settlement_work));
-- Compacted again, as the import left it (one version of each row).
VACUUM FULL payment;
VACUUM ANALYZE;
SQL
fi

# The parameter values: the file's last chunk (every pair stored: each probe finds its row, the
# dearest case), the inbox run's next page, the settlement page in the middle of the pass, one of
# its payments, one batch.
cat > "$WORK/queries.sql" <<'SQL'
\echo '## import: duplicate check (ImportWriter -> BatchRepository.storedReferences), 2000 pairs'
:explain EXECUTE stored_references(:'chunk_batches', :'chunk_references');
\echo '## before: batch_id IN (2000 parameters) AND reference_id IN (2000 parameters), the same chunk'
SET LOCAL statement_timeout = '300s';
SELECT format('%s EXECUTE old_stored_references(%s, %s)', :'explain', :'in_batches', :'in_references') \gexec
SET LOCAL statement_timeout = 0;
\echo '## import: batches of the chunk (ImportWriter -> BatchRepository.findByExternalIds), 2000 external ids'
:explain EXECUTE find_by_external_ids(:'chunk_external_ids');
\echo '## inbox import: page of taken rows (InboxRowReader), 2000 ids'
:explain EXECUTE inbox_page(ARRAY[:execution]::bigint[], :inbox_after, :inbox_after + 2000);
\echo '## before: JdbcPagingItemReader (id > last ORDER BY id LIMIT 2000)'
:explain EXECUTE old_inbox_page(:execution, :inbox_after);
\echo '## inbox import: rows imported (InboxRows.imported), 2000 ids'
SAVEPOINT imported;
:explain EXECUTE inbox_imported(:'inbox_ids');
ROLLBACK TO SAVEPOINT imported;
\echo '## before: WHERE status = ''TAKEN'' AND id IN (2000 ids)'
:explain EXECUTE old_inbox_imported(:'inbox_ids');
ROLLBACK TO SAVEPOINT imported;
\echo '## import: a reject replaced (RejectRecorder), one row'
:explain EXECUTE reject_replace(:import_file, :last_line + 1000000);
\echo '## import: a batch read by checkDependencies (DependencyCheckTasklet), 500 payments'
:explain EXECUTE dependency_batch(:'one_batch');
\echo '## settlement: page of the pass (PendingPaymentReader), 100 payments'
:explain EXECUTE settlement_page(DATE '2026-01-02', 1, :page_after, :page_after + 100);
\echo '## settlement: first-send stamps (BatchRepository.stampFirstSent), 100 ids'
:explain EXECUTE stamp_first_sent(:'page_ids', now());
\echo '## settlement: one outcome of the JDBC batch (BatchRepository.recordOutcomes)'
:explain EXECUTE record_outcome(:'one_payment');
\echo '## settlement: the closable batches of the date, in batchnum order (closableBatchReader), once per step'
:explain EXECUTE closable_batches(DATE '2026-01-02');
\echo '## settlement: a chunk of 100 batches closed (BatchCloser.closeAll): their merchants, their payments counted'
:explain EXECUTE closing_merchants(:'close_ids');
:explain EXECUTE closing_tallies(:'close_ids');
\echo '## before: their payments counted by batch_id = ANY(:ids)'
:explain EXECUTE old_closing_tallies(:'close_ids');
SQL
"${PSQL[@]}" -d $DB -v queries="$WORK/queries.sql" -f - <<'SQL' > "$WORK/explain.txt" 2>&1
\set ON_ERROR_ROLLBACK on
SELECT array_agg(batch_id ORDER BY source_line)::text AS chunk_batches,
       array_agg(reference_id ORDER BY source_line)::text AS chunk_references,
       string_agg(quote_literal(batch_id), ',' ORDER BY source_line) AS in_batches,
       string_agg(quote_literal(reference_id), ',' ORDER BY source_line) AS in_references,
       max(source_line) AS last_line
FROM payment WHERE source_line > (SELECT max(source_line) - 2000 FROM payment) \gset
SELECT array_agg(external_id)::text AS chunk_external_ids FROM payment_batch \gset
SELECT (SELECT max(ord) / 2 FROM settlement_work) AS page_after \gset
SELECT array_agg(payment_id ORDER BY ord)::text AS page_ids, min(payment_id) AS one_payment
FROM settlement_work WHERE ord > :page_after AND ord <= :page_after + 100 \gset
SELECT batch_id AS one_batch FROM payment WHERE id = :'one_payment' \gset
SELECT array_agg(id)::text AS close_ids FROM (SELECT id FROM payment_batch ORDER BY opened, external_id LIMIT 100) c \gset
SELECT min(id) - 1 AS inbox_after, max(JOB_EXECUTION_ID) AS execution FROM payment_inbox WHERE status = 'TAKEN' \gset
SELECT array_agg(id ORDER BY id)::text AS inbox_ids FROM payment_inbox
WHERE status = 'TAKEN' AND id > :inbox_after AND id <= :inbox_after + 2000 \gset
SELECT max(id) AS import_file FROM import_file \gset

-- The queries, as the product sends them (named parameters become $n; a list in IN (:list) becomes
-- one parameter per element).
PREPARE stored_references(varchar[], varchar[]) AS
SELECT k.batch_id, k.reference_id, p.source_line
FROM unnest($1, $2) AS k(batch_id, reference_id)
CROSS JOIN LATERAL (SELECT payment.source_line FROM payment
                    WHERE payment.batch_id = k.batch_id AND payment.reference_id = k.reference_id
                    OFFSET 0) p;
SELECT format('PREPARE old_stored_references(%s) AS SELECT batch_id, reference_id, source_line FROM payment '
              'WHERE batch_id IN (%s) AND reference_id IN (%s)',
              (SELECT string_agg('varchar', ',') FROM generate_series(1, 4000)),
              (SELECT string_agg('$' || i, ',') FROM generate_series(1, 2000) i),
              (SELECT string_agg('$' || i, ',') FROM generate_series(2001, 4000) i)) \gexec
PREPARE find_by_external_ids(varchar[]) AS
SELECT id, external_id, merchant_id, name, import_file_id FROM payment_batch WHERE external_id = ANY($1);
PREPARE inbox_page(bigint[], bigint, bigint) AS
SELECT id, batch_external_id, batch_name, merchant_id, process_in_sequence, reference_id, type, amount, currency,
       account_id, depends_on, custom_data FROM payment_inbox
WHERE status = 'TAKEN' AND id > $2 AND id <= $3 AND job_execution_id = ANY($1)
ORDER BY id;
PREPARE old_inbox_page(bigint, bigint) AS
SELECT id, batch_external_id, batch_name, merchant_id, process_in_sequence, reference_id,
       type, amount, currency, account_id, depends_on, custom_data
FROM payment_inbox
WHERE (status = 'TAKEN' AND job_execution_id IN (SELECT mine.JOB_EXECUTION_ID FROM BATCH_JOB_EXECUTION mine
       JOIN BATCH_JOB_EXECUTION current_run ON current_run.JOB_INSTANCE_ID = mine.JOB_INSTANCE_ID
       WHERE current_run.JOB_EXECUTION_ID = $1)) AND ((id > $2))
ORDER BY id ASC LIMIT 2000;
PREPARE inbox_imported(bigint[]) AS
UPDATE payment_inbox SET status = CASE WHEN status = 'TAKEN' THEN 'IMPORTED' ELSE status END WHERE id = ANY($1);
PREPARE old_inbox_imported(bigint[]) AS
UPDATE payment_inbox SET status = 'IMPORTED' WHERE status = 'TAKEN' AND id = ANY($1);
PREPARE reject_replace(bigint, bigint) AS
DELETE FROM import_reject WHERE import_file_id = $1 AND line = $2 AND json_path IS NULL;
PREPARE dependency_batch(varchar) AS
SELECT id, reference_id, depends_on, source_line, seq FROM payment WHERE batch_id = $1;
PREPARE settlement_page(date, int, bigint, bigint) AS
SELECT w.ord, p.id, p.batch_id, p.unique_key, p.reference_id, p.type, p.amount, p.currency, p.account_id,
       p.custom_data, p.status,
       (SELECT parent.gateway_id FROM payment parent
        WHERE parent.batch_id = p.batch_id AND parent.reference_id = p.depends_on) AS parent_gateway_id
FROM settlement_work w JOIN payment p ON p.id = w.payment_id
WHERE w.business_date = $1 AND w.pass_no = $2 AND w.ord > $3 AND w.ord <= $4
ORDER BY w.ord;
PREPARE stamp_first_sent(varchar[], timestamptz) AS
UPDATE payment SET first_sent_at = COALESCE(first_sent_at, $2) WHERE id = ANY($1) RETURNING id, first_sent_at;
PREPARE record_outcome(varchar) AS
UPDATE payment SET status = 'SETTLED', attempts = attempts + 1, gateway_id = 'gw', http_status = 201,
       error_code = NULL, error_message = NULL, correlation_id = 'c', settled_at = now(),
       first_sent_at = COALESCE(first_sent_at, now()), updated_at = now()
WHERE id = $1 AND status = 'PENDING';
PREPARE closable_batches(date) AS
SELECT b.id FROM payment_batch b
WHERE b.status = 'PROCESSING' AND b.business_date = $1
AND NOT EXISTS (SELECT 1 FROM payment p WHERE p.batch_id = b.id AND p.status = 'PENDING')
ORDER BY b.opened, b.external_id NULLS FIRST, b.id;
PREPARE closing_merchants(varchar[]) AS
SELECT id, merchant_id FROM payment_batch WHERE id = ANY($1) AND status = 'PROCESSING';
PREPARE closing_tallies(varchar[]) AS
SELECT k.batch_id, t.status, t.currency, t.n, t.total
FROM unnest($1) AS k(batch_id)
CROSS JOIN LATERAL (SELECT status, currency, COUNT(*) AS n, SUM(amount) AS total FROM payment
                    WHERE payment.batch_id = k.batch_id GROUP BY status, currency) t
ORDER BY k.batch_id, t.currency;
PREPARE old_closing_tallies(varchar[]) AS
SELECT batch_id, status, currency, COUNT(*) AS n, SUM(amount) AS total FROM payment
WHERE batch_id = ANY($1) GROUP BY batch_id, status, currency ORDER BY batch_id, currency;

\set explain 'EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)'
\set nostats true
\echo '# WITHOUT STATISTICS (as never analyzed), custom plans'
BEGIN;
DELETE FROM pg_statistic WHERE starelid IN ('payment'::regclass, 'payment_batch'::regclass,
    'payment_inbox'::regclass, 'import_reject'::regclass, 'settlement_work'::regclass);
UPDATE pg_class SET reltuples = -1 WHERE oid IN ('payment'::regclass, 'payment_batch'::regclass,
    'payment_inbox'::regclass, 'import_reject'::regclass, 'settlement_work'::regclass);
SET LOCAL plan_cache_mode = force_custom_plan;
\i :queries
ROLLBACK;

\set nostats false
\echo '# ANALYZED, custom plans'
BEGIN;
SET LOCAL plan_cache_mode = force_custom_plan;
\i :queries
ROLLBACK;

\echo '# ANALYZED, generic plans'
BEGIN;
SET LOCAL plan_cache_mode = force_generic_plan;
\i :queries
ROLLBACK;
SQL
# Long literals (the IN lists, the arrays) shortened; lines cut.
sed -E "s/'\{[^}]{60,}\}'/'{...}'/g; s/ARRAY\[[^]]{60,}\]/ARRAY[...]/g; s/ANY \('\{[^}]*\}'/ANY ('{...}'/g" "$WORK/explain.txt" \
  | sed -E "s/(= ANY \()'[^)]{60,}\)/\1'...')/g" \
  | grep -v -E '^-+$|^ *QUERY PLAN *$|^$|^\([0-9]+ rows?\)$' | cut -c1-150
