#!/usr/bin/env bash
# A year of nights on PostgreSQL (issue 21): does night NIGHTS cost what night 1 did, with retention
# on and with it off? Three databases, one after the other, each dropped at the end:
#   night 1:            an empty database; one real night through the product (bin/settle import of
#                       SCALE payments, 500 per batch, 5 merchants; bin/settle settle of the date)
#   night N, off:       NIGHTS - 1 settled nights loaded set-wise into the product's own tables
#                       (generate_series into import_file, payment_batch, payment,
#                       batch_currency_total, merchant_batch_counter, and BATCH_* rows of one import
#                       and one settlement execution per night with their steps and contexts), then
#                       the real night N
#   night N, on:        the same history, then `settle retention run` (the first run archives the
#                       dates older than 90 days and prunes the metadata older than 30: timed), then
#                       the real night N and the nightly `settle retention run` after it (timed)
# The nights end today, so that retention's ages (settle.retention.*, from now) apply to them.
# For each real night: import rows/s and settle payments/s (wall time of the command, JVM start
# included, the same in every column), closeBatches (its step's time in BATCH_STEP_EXECUTION),
# `settle status` and `settle batches --limit 20` (wall time, best of 3), the dashboard's payment
# queries (its attention list and count: psql, best of 3), the size of every table (allocated:
# rows removed leave space that later nights reuse, not returned to the system) and its live rows.
#   bench/year.sh [NIGHTS] [SCALE]      default 365 20000 (payments a night; a multiple of 500)
# Needs PostgreSQL on 127.0.0.1:5432 (trust auth) and about (NIGHTS x SCALE x 0.6 KB) of disk
# twice over; the sandbox gateway runs as its own process at 0 ms with no throttle, on PORT
# (default 18099). Databases bench_year_1, bench_year_off, bench_year_on (PG_DB prefix).
set -euo pipefail
cd "$(dirname "$0")/.."
NIGHTS=${1:-365}; SCALE=${2:-20000}; PORT=${PORT:-18099}; PG_DB=${PG_DB:-bench_year}
PER=$(( (SCALE + 499) / 500 )); SIZE=$(( SCALE < 500 ? SCALE : 500 ))
TODAY=$(date +%F); START=$(date -d "$TODAY - $((NIGHTS - 1)) days" +%F)
PSQL=(env PGOPTIONS='-c client_min_messages=warning' psql -h 127.0.0.1 -U postgres -X -q -v ON_ERROR_STOP=1)
[ -f target/settle.jar ] || make build
if curl -s -o /dev/null "localhost:$PORT/"; then echo "port $PORT is in use; set PORT" >&2; exit 1; fi

WORK=$(mktemp -d); SANDBOX=""
cleanup() {
  set +e
  if [ -n "$SANDBOX" ]; then kill "$SANDBOX" 2>/dev/null; wait "$SANDBOX" 2>/dev/null; fi
  for db in 1 off on; do "${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS ${PG_DB}_$db" 2>/dev/null; done
  if [ "${KEEP:-0}" = 1 ]; then echo "logs kept in $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
export SETTLE_GATEWAY_APP_TOKEN=bench-token SETTLE_GATEWAY_CLIENT_SECRET=bench-secret
export SETTLE_GATEWAY_BASE_URL="http://127.0.0.1:$PORT" SETTLE_GATEWAY_THROTTLE_LIMIT=0
export SPRING_PROFILES_ACTIVE=postgres SETTLE_RETENTION_AFTER_SETTLEMENT=false
java -jar target/settle.jar sandbox --port "$PORT" --throttle 0 --latency 0ms > "$WORK/sandbox.log" 2>&1 &
SANDBOX=$!
for _ in $(seq 1 150); do curl -sf "localhost:$PORT/sandbox/ledger" >/dev/null && break; sleep 0.2; done
python3 bench/payments.py "$WORK/night.csv" "$SCALE"

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.3f", b - a }'; }
# The best of 3 wall times of a command, in seconds.
best3() { local best=""; for _ in 1 2 3; do local t0; t0=$(now); "$@" > /dev/null 2>&1; local s; s=$(since "$t0")
  best=$(awk -v a="${best:-$s}" -v b="$s" 'BEGIN { print (b < a ? b : a) }'); done; echo "$best"; }
# The best of 3 psql times of a query, in ms.
sql_ms() { local db=$1 sql=$2
  for _ in 1 2 3; do "${PSQL[@]}" -d "$db" -c '\timing on' -c "$sql" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p'; done |
    sort -n | head -1; }

fresh() {
  "${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1"
  mkdir -p "$WORK/$1/input"; cp -r jobs "$WORK/$1/"
  SETTLE_HOME="$WORK/$1" SETTLE_DB_URL="jdbc:postgresql://127.0.0.1:5432/$1" bin/settle status --limit 1 > /dev/null
}

# Loads nights 1..NIGHTS-1 as settled history into database $1.
history() {
  "${PSQL[@]}" -d "$1" -v start="$START" -v nights="$NIGHTS" -v per="$PER" -v size="$SIZE" -f - > /dev/null <<'SQL'
CREATE TEMP TABLE night AS
SELECT n, (:'start'::date + n - 1) AS d, ((:'start'::date + n - 1) + time '22:00') AT TIME ZONE 'UTC' AS at
FROM generate_series(1, :nights - 1) n;
INSERT INTO import_file (id, sha256, file_name, status, job_execution_id, created_at, finished_at)
SELECT n, md5('f' || n) || md5('g' || n), 'history-' || n || '.csv', 'IMPORTED', 2 * n - 1, at, at + interval '5 minutes'
FROM night;
SELECT setval(pg_get_serial_sequence('import_file', 'id'), :nights);
INSERT INTO payment_batch (id, external_id, name, merchant_id, status, batchnum, opened, submitted, closed,
                           business_date, import_file_id, payment_count, settled_count)
SELECT md5('b' || n || '-' || k)::uuid::text, 'history-' || n || '-' || k, 'History batch ' || k,
       'merchant-' || (k % 5), 'CLOSED', (n - 1) * ceil(:per / 5.0)::int + k / 5 + 1,
       at, at + interval '5 minutes', at + interval '100 minutes', d, n, :size, :size
FROM night, generate_series(0, :per - 1) k;
INSERT INTO payment (id, batch_id, seq, reference_id, type, amount, currency, account_id, custom_data, unique_key,
                     status, attempts, gateway_id, http_status, first_sent_at, settled_at, updated_at, source_line)
SELECT md5('p' || n || '-' || k || '-' || s)::uuid::text, md5('b' || n || '-' || k)::uuid::text, s + 1,
       'ref-' || lpad((k * :size + s)::text, 7, '0'), 'payment', 1 + (k * :size + s) % 997 + ((k * :size + s) % 100) / 100.0,
       'USD', 'acct-' || lpad(((k * :size + s) % 10007)::text, 5, '0'),
       CASE WHEN s % 10 = 0 THEN '{"invoice":"INV-' || lpad((k * :size + s)::text, 7, '0') || '"}' END,
       md5('u' || n || '-' || k || '-' || s), 'SETTLED', 1, 'gw-' || md5('g' || n || '-' || k || '-' || s),
       200, at + interval '30 minutes', at + interval '31 minutes', at + interval '31 minutes', k * :size + s + 2
FROM night, generate_series(0, :per - 1) k, generate_series(0, :size - 1) s;
INSERT INTO batch_currency_total (batch_id, currency, settled_count, settled_amount)
SELECT batch_id, currency, COUNT(*), SUM(amount) FROM payment GROUP BY batch_id, currency;
INSERT INTO merchant_batch_counter (merchant_id, last_batchnum)
SELECT merchant_id, MAX(batchnum) FROM payment_batch GROUP BY merchant_id;
-- Spring Batch: per night an import (instance and execution 2n - 1) and a settlement (2n).
INSERT INTO BATCH_JOB_INSTANCE (JOB_INSTANCE_ID, VERSION, JOB_NAME, JOB_KEY)
SELECT 2 * n - j, 0, CASE j WHEN 1 THEN 'import' ELSE 'settlement' END, md5('i' || n || '-' || j)
FROM night, generate_series(0, 1) j;
INSERT INTO BATCH_JOB_EXECUTION (JOB_EXECUTION_ID, VERSION, JOB_INSTANCE_ID, CREATE_TIME, START_TIME, END_TIME,
                                 STATUS, EXIT_CODE, EXIT_MESSAGE, LAST_UPDATED)
SELECT 2 * n - j, 2, 2 * n - j, at AT TIME ZONE 'UTC', at AT TIME ZONE 'UTC',
       (at + interval '100 minutes') AT TIME ZONE 'UTC', 'COMPLETED', 'COMPLETED', '', (at + interval '100 minutes') AT TIME ZONE 'UTC'
FROM night, generate_series(0, 1) j;
INSERT INTO BATCH_JOB_EXECUTION_PARAMS (JOB_EXECUTION_ID, PARAMETER_NAME, PARAMETER_TYPE, PARAMETER_VALUE, IDENTIFYING)
SELECT 2 * n, 'businessDate', 'java.time.LocalDate', d::text, 'Y' FROM night
UNION ALL
SELECT 2 * n - 1, 'input.file', 'java.lang.String', 'history-' || n || '.csv', 'Y' FROM night;
INSERT INTO BATCH_JOB_EXECUTION_CONTEXT (JOB_EXECUTION_ID, SHORT_CONTEXT, SERIALIZED_CONTEXT)
SELECT 2 * n - j, '{}', NULL FROM night, generate_series(0, 1) j;
INSERT INTO BATCH_STEP_EXECUTION (STEP_EXECUTION_ID, VERSION, STEP_NAME, JOB_EXECUTION_ID, CREATE_TIME, START_TIME,
       END_TIME, STATUS, COMMIT_COUNT, READ_COUNT, FILTER_COUNT, WRITE_COUNT, READ_SKIP_COUNT, WRITE_SKIP_COUNT,
       PROCESS_SKIP_COUNT, ROLLBACK_COUNT, EXIT_CODE, EXIT_MESSAGE, LAST_UPDATED)
SELECT 10 * n + s, 3, (ARRAY['checkFile', 'importPayments', 'checkDependencies', 'submitBatches', 'claimBatches',
       'settlePayments', 'settlePayments:partition0', 'settlePayments:partition1', 'closeBatches'])[s],
       CASE WHEN s <= 4 THEN 2 * n - 1 ELSE 2 * n END, at AT TIME ZONE 'UTC', at AT TIME ZONE 'UTC',
       (at + interval '90 minutes') AT TIME ZONE 'UTC', 'COMPLETED', 10, :per * :size, 0, :per * :size, 0, 0, 0, 0,
       'COMPLETED', '', (at + interval '90 minutes') AT TIME ZONE 'UTC'
FROM night, generate_series(1, 9) s;
INSERT INTO BATCH_STEP_EXECUTION_CONTEXT (STEP_EXECUTION_ID, SHORT_CONTEXT, SERIALIZED_CONTEXT)
SELECT STEP_EXECUTION_ID, '{"batch.taskletType":"x"}', NULL FROM BATCH_STEP_EXECUTION;
SELECT setval('BATCH_JOB_INSTANCE_SEQ', 2 * :nights), setval('BATCH_JOB_EXECUTION_SEQ', 2 * :nights),
       setval('BATCH_STEP_EXECUTION_SEQ', 10 * :nights + 10);
ANALYZE;
SQL
}

# One real night on database $1 for date $2: prints "name value" lines into $WORK/$1.figures.
night() {
  local db=$1 date=$2 home="$WORK/$1" out="$WORK/$1.figures"
  export SETTLE_HOME="$home" SETTLE_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db"
  cp "$WORK/night.csv" "$home/night-$date.csv"
  local t0; t0=$(now)
  bin/settle import "$home/night-$date.csv" > "$WORK/$db.import.log" 2>&1 || { tail "$WORK/$db.import.log"; exit 1; }
  local import_s; import_s=$(since "$t0")
  t0=$(now)
  bin/settle settle --date "$date" > "$WORK/$db.settle.log" 2>&1 || { tail "$WORK/$db.settle.log"; exit 1; }
  local settle_s; settle_s=$(since "$t0")
  {
    echo "import_rows_per_s $(awk -v n="$SCALE" -v s="$import_s" 'BEGIN { printf "%.0f", n / s }')"
    echo "settle_payments_per_s $(awk -v n="$SCALE" -v s="$settle_s" 'BEGIN { printf "%.0f", n / s }')"
    echo "closeBatches_ms $("${PSQL[@]}" -d "$db" -tA -c "SELECT (EXTRACT(EPOCH FROM END_TIME - START_TIME) * 1000)::int
        FROM BATCH_STEP_EXECUTION WHERE STEP_NAME = 'closeBatches' ORDER BY STEP_EXECUTION_ID DESC LIMIT 1")"
    echo "status_s $(best3 bin/settle status)"
    echo "batches_limit_20_s $(best3 bin/settle batches --limit 20)"
    echo "dashboard_attention_ms $(sql_ms "$db" "SELECT p.id, p.batch_id, b.merchant_id, b.name, b.batchnum,
        b.business_date, p.reference_id, p.amount, p.currency, p.account_id, p.attempts, p.http_status, p.error_code,
        p.error_message, p.correlation_id, p.updated_at FROM payment p JOIN payment_batch b ON b.id = p.batch_id
        WHERE p.status = 'FAILED' ORDER BY p.updated_at DESC, p.id LIMIT 50")"
    echo "dashboard_attention_count_ms $(sql_ms "$db" "SELECT COUNT(*) FROM payment WHERE status = 'FAILED'")"
  } >> "$out"
}

sizes() {
  "${PSQL[@]}" -d "$1" -tA -F ' ' -c "SELECT 'size_' || lower(relname), pg_total_relation_size(c.oid)
      FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
      WHERE s.nspname = 'public' AND c.relkind = 'r' ORDER BY relname" >> "$WORK/$1.figures"
  "${PSQL[@]}" -d "$1" -c "ANALYZE"
  "${PSQL[@]}" -d "$1" -tA -F ' ' -c "SELECT 'rows_' || lower(relname), n_live_tup FROM pg_stat_user_tables
      WHERE relname IN ('payment', 'payment_batch', 'import_reject', 'batch_job_execution', 'batch_step_execution')
      ORDER BY relname" >> "$WORK/$1.figures"
  echo "size_database $("${PSQL[@]}" -d "$1" -tA -c "SELECT pg_database_size('$1')")" >> "$WORK/$1.figures"
}

timed() { local db=$1 name=$2; shift 2; local t0; t0=$(now); "$@"; echo "$name $(since "$t0")" >> "$WORK/$db.figures"; }

echo "year: $NIGHTS nights of $SCALE payments ($PER batches of $SIZE), $START .. $TODAY"
DB1=${PG_DB}_1; OFF=${PG_DB}_off; ON=${PG_DB}_on
fresh "$DB1"; : > "$WORK/$DB1.figures"; night "$DB1" "$TODAY"; sizes "$DB1"
echo "night 1 done"
fresh "$OFF"; : > "$WORK/$OFF.figures"; timed "$OFF" history_load_s history "$OFF"; night "$OFF" "$TODAY"; sizes "$OFF"
echo "night $NIGHTS, retention off, done"
fresh "$ON"; : > "$WORK/$ON.figures"; timed "$ON" history_load_s history "$ON"
# The removal's two statements as BatchRepository sends them (prepared, the batch ids an array
# parameter) on the oldest date, inside a transaction that is rolled back.
"${PSQL[@]}" -d "$ON" -v d="$START" -v rows=5000 > "$WORK/explain.txt" <<'SQL'
BEGIN;
INSERT INTO archived_date VALUES (:'d', repeat('0', 64), 0, 0, 0, now(), NULL);
PREPARE payments(varchar[]) AS DELETE FROM payment WHERE id IN (
    SELECT id FROM payment WHERE batch_id IN (
        SELECT b.id FROM payment_batch b
        WHERE b.id = ANY($1) AND b.status = 'CLOSED'
          AND b.business_date IN (SELECT a.business_date FROM archived_date a)) FETCH FIRST 5000 ROWS ONLY);
PREPARE batches(varchar[]) AS DELETE FROM payment_batch WHERE id IN (
    SELECT b.id FROM payment_batch b
    WHERE b.id = ANY($1) AND b.status = 'CLOSED'
      AND b.business_date IN (SELECT a.business_date FROM archived_date a)
      AND NOT EXISTS (SELECT 1 FROM payment p WHERE p.batch_id = b.id));
SELECT ARRAY(SELECT id FROM payment_batch WHERE status = 'CLOSED' AND business_date = :'d'
    ORDER BY id FETCH FIRST 1000 ROWS ONLY)::text AS ids \gset
SELECT 'payments: one slice of 5000 rows' AS statement;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE payments(:'ids');
DELETE FROM payment WHERE batch_id = ANY((:'ids')::varchar[]);
DELETE FROM batch_currency_total WHERE batch_id = ANY((:'ids')::varchar[]);
SELECT 'batches: the slice''s batches, their payments gone' AS statement;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE batches(:'ids');
ROLLBACK;
SQL
export SETTLE_HOME="$WORK/$ON" SETTLE_DB_URL="jdbc:postgresql://127.0.0.1:5432/$ON"
timed "$ON" first_retention_s bin/settle retention run > "$WORK/$ON.retention1.log" 2>&1
night "$ON" "$TODAY"
timed "$ON" nightly_retention_s bin/settle retention run > "$WORK/$ON.retention2.log" 2>&1
sizes "$ON"
echo "night $NIGHTS, retention on, done"; echo
grep -E 'archiveDates|removeArchived|pruneBatchMetadata' "$WORK/$ON.retention1.log" | sed 's/^/first retention run: /' || true

echo; echo "EXPLAIN (ANALYZE, BUFFERS) of the removal on $NIGHTS nights of history:"; cat "$WORK/explain.txt"; echo
python3 - "$WORK/$DB1.figures" "$WORK/$OFF.figures" "$WORK/$ON.figures" "$NIGHTS" <<'PY'
import sys
cols = [dict(l.split()[:2] for l in open(f) if l.strip()) for f in sys.argv[1:4]]
nights = sys.argv[4]
keys = []
for c in cols:
    keys += [k for k in c if k not in keys]
print(f"{'figure':34} {'night 1':>14} {'night ' + nights + ' off':>16} {'x':>6} {'night ' + nights + ' on':>16} {'x':>6}")
for k in keys:
    v = [c.get(k, "-") for c in cols]
    def ratio(x):
        try:
            return f"{float(x) / float(v[0]):.2f}"
        except (ValueError, ZeroDivisionError):
            return "-"
    print(f"{k:34} {v[0]:>14} {v[1]:>16} {ratio(v[1]):>6} {v[2]:>16} {ratio(v[2]):>6}")
PY
