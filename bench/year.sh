#!/usr/bin/env bash
# A year of nights on PostgreSQL (issue 21): does night NIGHTS cost what night 1 did, with retention
# on and with it off? Three databases, one after the other, each dropped at the end:
#   night 1:      an empty database; REAL real nights through the product (bin/settle import of
#                 SCALE payments, 500 per batch, 5 merchants; bin/settle settle of the date), on the
#                 REAL dates ending today
#   night N, off: NIGHTS - REAL settled nights before them, loaded set-wise into the product's own
#                 tables (import_file, payment_batch, payment, batch_currency_total,
#                 merchant_batch_counter, and BATCH_* rows of one import and one settlement per
#                 night with their steps and contexts), then the same REAL real nights
#   night N, on:  ON_HISTORY=steady (default): the same history as a nightly retention leaves it:
#                 payments of the dates younger than archive-after (90 days) and one date more,
#                 BATCH_* rows of the last 30 days and one more, import files of every date, the
#                 older dates in settled_date and archived_date (removed); each real night is
#                 followed by the nightly `settle retention run` (timed), which archives and
#                 removes the date and the metadata that came due. ON_HISTORY=full: the full year of
#                 `off` (a copy of its database), then one `settle retention run` over it (timed),
#                 then the real nights, each followed by the nightly run
# The nights end today, so that retention's ages (settle.retention.*, from now) apply to them.
# Figures, each the median of its repeats: per real night (REAL of them) import rows/s and settle
# payments/s (wall time of the command, JVM start included, the same in every column), the
# importPayments and settlePayments steps' own rates and closeBatches' time (BATCH_STEP_EXECUTION);
# after the last night, READS times each: `settle status`, `settle batches --limit 20` (wall), and
# every request the dashboard page makes (GET through `settle serve`, its API token: the list of
# executions, the latest run, its throughput, the batches page, the payments needing a person,
# reconciliations, alerts, the audit trail, /me), after one request each to warm the server. Then
# the size of every table (allocated: removed rows leave space that later nights reuse) and live
# rows; and EXPLAIN (ANALYZE, BUFFERS) of closeBatches' two queries on the last date, whose shared
# buffers do not depend on the machine's load.
#   bench/year.sh [NIGHTS] [SCALE]      default 365 20000 (payments a night; a multiple of 500)
#   REAL=3 READS=25 ON_HISTORY=steady|full PORT=18099 API_PORT=18098 PG_DB=bench_year KEEP=0
#   ONLY="1 on" runs only those columns (of 1 off on); with retention on and the steady history the
#   database holds the same 91 days whatever NIGHTS is beyond about 95, so NIGHTS=100 reaches it sooner
#   STATS=1: per real night's import and settlement, what PostgreSQL did (bench/year-stats.sh): the
#   statements by time with their buffers (pg_stat_statements, which must be preloaded), payment's
#   and payment_batch's heap and index blocks read and hit, HOT updates, autovacuum runs, WAL
# Needs PostgreSQL on 127.0.0.1:5432 (trust auth) and about NIGHTS x SCALE x 0.6 KB of disk (twice
# with ON_HISTORY=full); the sandbox gateway runs as its own process at 0 ms with no throttle.
set -euo pipefail
cd "$(dirname "$0")/.."
NIGHTS=${1:-365}; SCALE=${2:-20000}; PORT=${PORT:-18099}; API_PORT=${API_PORT:-18098}; PG_DB=${PG_DB:-bench_year}
REAL=${REAL:-3}; READS=${READS:-25}; ON_HISTORY=${ON_HISTORY:-steady}; ONLY=${ONLY:-1 off on}; STATS=${STATS:-0}
PER=$(( (SCALE + 499) / 500 )); SIZE=$(( SCALE < 500 ? SCALE : 500 ))
TODAY=$(date +%F); START=$(date -d "$TODAY - $((NIGHTS - 1)) days" +%F)
LAST=$(date -d "$TODAY - $REAL days" +%F)                 # the last night of loaded history
KEPT=$(date -d "$TODAY - 91 days" +%F)                    # steady: the oldest date still held (one due)
META=$(date -d "$TODAY - 31 days" +%F)                    # steady: the oldest metadata still held
PSQL=(env PGOPTIONS='-c client_min_messages=warning' psql -h 127.0.0.1 -U postgres -X -q -v ON_ERROR_STOP=1)
[ -f target/settle.jar ] || make build
for p in "$PORT" "$API_PORT"; do
  if curl -s -o /dev/null "localhost:$p/"; then echo "port $p is in use; set PORT / API_PORT" >&2; exit 1; fi
done

WORK=$(mktemp -d); SANDBOX=""; SERVE=""
cleanup() {
  set +e
  for pid in "$SERVE" "$SANDBOX"; do if [ -n "$pid" ]; then kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; fi; done
  for db in 1 off on; do "${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS ${PG_DB}_$db" 2>/dev/null; done
  if [ "${KEEP:-0}" = 1 ]; then echo "logs kept in $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
export SETTLE_GATEWAY_APP_TOKEN=bench-token SETTLE_GATEWAY_CLIENT_SECRET=bench-secret
export SETTLE_GATEWAY_BASE_URL="http://127.0.0.1:$PORT" SETTLE_GATEWAY_THROTTLE_LIMIT=0
export SPRING_PROFILES_ACTIVE=postgres SETTLE_RETENTION_AFTER_SETTLEMENT=false
# settle serve, for the dashboard's requests only: no nightly run fires or catches up meanwhile.
export SETTLE_JOBS_SETTLEMENT_SCHEDULE_CRON='0 0 3 1 1 *' SETTLE_JOBS_SETTLEMENT_SCHEDULE_CATCH_UP_DAYS=0
java -jar target/settle.jar sandbox --port "$PORT" --throttle 0 --latency 0ms > "$WORK/sandbox.log" 2>&1 &
SANDBOX=$!
for _ in $(seq 1 150); do curl -sf "localhost:$PORT/sandbox/ledger" >/dev/null && break; sleep 0.2; done
python3 bench/payments.py "$WORK/night.csv" "$SCALE"

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.3f", b - a }'; }
ms() { psql_value "$1" "SELECT (EXTRACT(EPOCH FROM END_TIME - START_TIME) * 1000)::int FROM BATCH_STEP_EXECUTION
    WHERE STEP_NAME = '$2' ORDER BY STEP_EXECUTION_ID DESC LIMIT 1"; }
psql_value() { "${PSQL[@]}" -d "$1" -tA -c "$2"; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", n / s }'; }
figure() { echo "$2 $3" >> "$WORK/$1.figures"; }

fresh() {
  "${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1"
  home "$1"
  SETTLE_HOME="$WORK/$1" SETTLE_DB_URL="jdbc:postgresql://127.0.0.1:5432/$1" bin/settle status --limit 1 > /dev/null
}
home() { mkdir -p "$WORK/$1/input"; cp -r jobs "$WORK/$1/"; : > "$WORK/$1.figures"; }
stats() { if [ "$STATS" = 1 ]; then WORK=$WORK bench/year-stats.sh "$@"; fi; }
use() { export SETTLE_HOME="$WORK/$1" SETTLE_DB_URL="jdbc:postgresql://127.0.0.1:5432/$1"; }

# Loads the settled nights START..LAST into database $1: payments of the dates from :full_from on,
# BATCH_* rows of those from :meta_from on; the older ones as retention leaves them (settled_date,
# archived_date). Every key is generated in its index's order (night, batch, payment), so each
# index grows at its right edge: the load costs the rows it writes, not random probes of an index
# larger than shared_buffers.
history() {
  "${PSQL[@]}" -d "$1" -v start="$START" -v last="$LAST" -v per="$PER" -v size="$SIZE" \
      -v full_from="$2" -v meta_from="$3" -f - > /dev/null <<'SQL'
SET synchronous_commit = off;
CREATE TEMP TABLE night AS
SELECT n, d, lpad(n::text, 5, '0') AS nn, (d + time '22:00') AT TIME ZONE 'UTC' AS at
FROM (SELECT n, :'start'::date + n - 1 AS d FROM generate_series(1, :'last'::date - :'start'::date + 1) n) x;
CREATE TEMP TABLE slot AS
SELECT k, s, i, lpad(k::text, 5, '0') AS kk, lpad(s::text, 6, '0') AS ss, 'ref-' || lpad(i::text, 7, '0') AS ref,
       1 + i % 997 + (i % 100) / 100.0 AS amount, 'acct-' || lpad((i % 10007)::text, 5, '0') AS account,
       CASE WHEN s % 10 = 0 THEN '{"invoice":"INV-' || lpad(i::text, 7, '0') || '"}' END AS custom
FROM (SELECT k, s, k * :size + s AS i FROM generate_series(0, :per - 1) k, generate_series(0, :size - 1) s) x;
INSERT INTO import_file (id, sha256, file_name, status, job_execution_id, created_at, finished_at)
SELECT n, md5('f' || n) || md5('g' || n), 'history-' || n || '.csv', 'IMPORTED', 2 * n - 1, at, at + interval '5 minutes'
FROM night ORDER BY n;
SELECT setval(pg_get_serial_sequence('import_file', 'id'), (SELECT MAX(n) FROM night));
INSERT INTO payment_batch (id, external_id, name, merchant_id, status, batchnum, opened, submitted, closed,
                           business_date, import_file_id, payment_count, settled_count)
SELECT 'hb-' || nn || '-' || lpad(k::text, 5, '0'), 'history-' || nn || '-' || lpad(k::text, 5, '0'), 'History batch ' || k,
       'merchant-' || (k % 5), 'CLOSED', (n - 1) * ceil(:per / 5.0)::int + k / 5 + 1,
       at, at + interval '5 minutes', at + interval '100 minutes', d, n, :size, :size
FROM night, generate_series(0, :per - 1) k WHERE d >= :'full_from' ORDER BY n, k;
-- One statement (and commit) per night, each sorting its own payments only.
SELECT format($f$
INSERT INTO payment (id, batch_id, seq, reference_id, type, amount, currency, account_id, custom_data, unique_key,
                     status, attempts, gateway_id, http_status, first_sent_at, settled_at, updated_at, source_line)
SELECT 'hp-' || nn || '-' || kk || '-' || ss, 'hb-' || nn || '-' || kk, s + 1, ref, 'payment', amount, 'USD',
       account, custom, 'hu-' || nn || '-' || kk || '-' || ss, 'SETTLED', 1, 'gw-' || nn || '-' || kk || '-' || ss,
       200, at + interval '30 minutes', at + interval '31 minutes', at + interval '31 minutes', i + 2
FROM night, slot WHERE n = %s ORDER BY k, s$f$, n)
FROM night WHERE d >= :'full_from' ORDER BY n \gexec
INSERT INTO batch_currency_total (batch_id, currency, settled_count, settled_amount)
SELECT 'hb-' || nn || '-' || t.kk, 'USD', t.c, t.total
FROM night, (SELECT kk, COUNT(*) AS c, SUM(amount) AS total FROM slot GROUP BY kk) t
WHERE d >= :'full_from' ORDER BY n, t.kk;
INSERT INTO merchant_batch_counter (merchant_id, last_batchnum)
SELECT 'merchant-' || (k % 5), MAX((n - 1) * ceil(:per / 5.0)::int + k / 5 + 1)
FROM (SELECT MAX(n) AS n FROM night) l, generate_series(0, :per - 1) k GROUP BY k % 5;
-- What retention leaves of the dates it archived and of the metadata it pruned.
INSERT INTO archived_date (business_date, manifest_sha256, batches, payments, job_execution_id, archived_at, removed_at)
SELECT d, repeat('0', 64), :per, :per * :size, 0, at + interval '91 days', at + interval '91 days'
FROM night WHERE d < :'full_from';
INSERT INTO settled_date (business_date, job_execution_id, recorded_at)
SELECT d, 2 * n, at + interval '1 day' FROM night WHERE d < :'meta_from';
-- Spring Batch: per night an import (instance and execution 2n - 1) and a settlement (2n).
CREATE TEMP TABLE meta AS SELECT * FROM night WHERE d >= :'meta_from';
INSERT INTO BATCH_JOB_INSTANCE (JOB_INSTANCE_ID, VERSION, JOB_NAME, JOB_KEY)
SELECT 2 * n - j, 0, CASE j WHEN 1 THEN 'import' ELSE 'settlement' END, md5('i' || n || '-' || j)
FROM meta, generate_series(0, 1) j;
INSERT INTO BATCH_JOB_EXECUTION (JOB_EXECUTION_ID, VERSION, JOB_INSTANCE_ID, CREATE_TIME, START_TIME, END_TIME,
                                 STATUS, EXIT_CODE, EXIT_MESSAGE, LAST_UPDATED)
SELECT 2 * n - j, 2, 2 * n - j, at AT TIME ZONE 'UTC', at AT TIME ZONE 'UTC',
       (at + interval '100 minutes') AT TIME ZONE 'UTC', 'COMPLETED', 'COMPLETED', '', (at + interval '100 minutes') AT TIME ZONE 'UTC'
FROM meta, generate_series(0, 1) j;
INSERT INTO BATCH_JOB_EXECUTION_PARAMS (JOB_EXECUTION_ID, PARAMETER_NAME, PARAMETER_TYPE, PARAMETER_VALUE, IDENTIFYING)
SELECT 2 * n, 'businessDate', 'java.time.LocalDate', d::text, 'Y' FROM meta
UNION ALL
SELECT 2 * n - 1, 'input.file', 'java.lang.String', 'history-' || n || '.csv', 'Y' FROM meta;
INSERT INTO BATCH_JOB_EXECUTION_CONTEXT (JOB_EXECUTION_ID, SHORT_CONTEXT, SERIALIZED_CONTEXT)
SELECT 2 * n - j, '{}', NULL FROM meta, generate_series(0, 1) j;
INSERT INTO BATCH_STEP_EXECUTION (STEP_EXECUTION_ID, VERSION, STEP_NAME, JOB_EXECUTION_ID, CREATE_TIME, START_TIME,
       END_TIME, STATUS, COMMIT_COUNT, READ_COUNT, FILTER_COUNT, WRITE_COUNT, READ_SKIP_COUNT, WRITE_SKIP_COUNT,
       PROCESS_SKIP_COUNT, ROLLBACK_COUNT, EXIT_CODE, EXIT_MESSAGE, LAST_UPDATED)
SELECT 10 * n + s, 3, (ARRAY['checkFile', 'importPayments', 'checkDependencies', 'submitBatches', 'claimBatches',
       'settlePayments', 'settlePayments:partition0', 'settlePayments:partition1', 'closeBatches'])[s],
       CASE WHEN s <= 4 THEN 2 * n - 1 ELSE 2 * n END, at AT TIME ZONE 'UTC', at AT TIME ZONE 'UTC',
       (at + interval '90 minutes') AT TIME ZONE 'UTC', 'COMPLETED', 10, :per * :size, 0, :per * :size, 0, 0, 0, 0,
       'COMPLETED', '', (at + interval '90 minutes') AT TIME ZONE 'UTC'
FROM meta, generate_series(1, 9) s;
INSERT INTO BATCH_STEP_EXECUTION_CONTEXT (STEP_EXECUTION_ID, SHORT_CONTEXT, SERIALIZED_CONTEXT)
SELECT STEP_EXECUTION_ID, '{"batch.taskletType":"x"}', NULL FROM BATCH_STEP_EXECUTION;
SELECT setval('BATCH_JOB_INSTANCE_SEQ', 2 * MAX(n)), setval('BATCH_JOB_EXECUTION_SEQ', 2 * MAX(n)),
       setval('BATCH_STEP_EXECUTION_SEQ', 10 * MAX(n) + 10) FROM night;
SQL
  # A year-old database has been vacuumed: the first real night does not pay for the load's hint bits.
  "${PSQL[@]}" -d "$1" -c "VACUUM (ANALYZE)"
}

# Real night $2 (1..REAL) on database $1; with retention on ($3 = on), the nightly retention run after it.
night() {
  local db=$1 date; date=$(date -d "$TODAY - $((REAL - $2)) days" +%F); use "$db"
  # The same payments under the date's own batch ids (36 characters still), so each night is a new file.
  sed "s/^bench-batch-00000000/bench-${date//-/}-0/" "$WORK/night.csv" > "$SETTLE_HOME/night-$date.csv"
  stats begin "$db"
  local t0; t0=$(now)
  bin/settle import "$SETTLE_HOME/night-$date.csv" > "$WORK/$db.import.log" 2>&1 || { tail "$WORK/$db.import.log"; exit 1; }
  figure "$db" import_rows_per_s "$(rate "$SCALE" "$(since "$t0")")"
  figure "$db" importPayments_step_rows_per_s "$(rate "$SCALE" "$(awk -v m="$(ms "$db" importPayments)" 'BEGIN { print m / 1000 }')")"
  stats end "$db" "night $2 import"; stats begin "$db"
  t0=$(now)
  bin/settle settle --date "$date" > "$WORK/$db.settle.log" 2>&1 || { tail "$WORK/$db.settle.log"; exit 1; }
  figure "$db" settle_payments_per_s "$(rate "$SCALE" "$(since "$t0")")"
  figure "$db" settlePayments_step_per_s "$(rate "$SCALE" "$(awk -v m="$(ms "$db" settlePayments)" 'BEGIN { print m / 1000 }')")"
  figure "$db" closeBatches_ms "$(ms "$db" closeBatches)"
  stats end "$db" "night $2 settle"
  if [ "${3:-}" = on ]; then
    t0=$(now)
    bin/settle retention run > "$WORK/$db.retention.log" 2>&1 || { tail "$WORK/$db.retention.log"; exit 1; }
    figure "$db" nightly_retention_s "$(since "$t0")"
  fi
}

# The read-only figures after the last night, READS times each.
reads() {
  local db=$1; use "$db"
  for _ in $(seq 1 "$READS"); do
    local t0; t0=$(now); bin/settle status > /dev/null 2>&1; figure "$db" status_s "$(since "$t0")"
    t0=$(now); bin/settle batches --limit 20 > /dev/null 2>&1; figure "$db" batches_limit_20_s "$(since "$t0")"
  done
  dashboard "$db"
}

# Every GET the dashboard page makes, through settle serve with a person's token.
dashboard() {
  local db=$1 token run
  token=$(bin/settle token create --user bench --role admin --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
  bin/settle serve --port "$API_PORT" > "$WORK/$db.serve.log" 2>&1 &
  SERVE=$!
  for _ in $(seq 1 300); do curl -sf "localhost:$API_PORT/actuator/health" > /dev/null && break; sleep 0.2; done
  run=$(psql_value "$db" "SELECT MAX(e.JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION e
      JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID WHERE i.JOB_NAME = 'settlement'")
  local paths=("executions?limit=20" "executions/$run" "dashboard/executions/$run/throughput"
    "batches?limit=20&offset=0" "dashboard/payments/attention?limit=50" "reconciliations/recent?limit=14"
    "alerts?limit=20" "audit?limit=50" "me")
  for path in "${paths[@]}"; do
    curl -sf -o /dev/null -H "Authorization: Bearer $token" "localhost:$API_PORT/$path" || { echo "GET /$path failed" >&2; exit 1; }
    for _ in $(seq 1 "$READS"); do
      local name=${path%%\?*}; name=${name//$run/ID}
      figure "$db" "GET_/${name}_ms" "$(curl -s -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $token" \
          "localhost:$API_PORT/$path" | awk '{ printf "%.1f", $1 * 1000 }')"
    done
  done
  kill "$SERVE"; wait "$SERVE" 2>/dev/null || true; SERVE=""
}

sizes() {
  "${PSQL[@]}" -d "$1" -c "ANALYZE"
  "${PSQL[@]}" -d "$1" -tA -F ' ' -c "SELECT 'size_' || lower(relname), pg_total_relation_size(c.oid)
      FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
      WHERE s.nspname = 'public' AND c.relkind = 'r' ORDER BY relname" >> "$WORK/$1.figures"
  "${PSQL[@]}" -d "$1" -tA -F ' ' -c "SELECT 'rows_' || lower(relname), n_live_tup FROM pg_stat_user_tables
      WHERE relname IN ('payment', 'payment_batch', 'import_reject', 'batch_job_execution', 'batch_step_execution')
      ORDER BY relname" >> "$WORK/$1.figures"
  figure "$1" size_database "$(psql_value "$1" "SELECT pg_database_size('$1')")"
}

# closeBatches' reader and tallies on the last date's batches, made PROCESSING again in a
# transaction that is rolled back: their buffers against the table's size. Vacuumed first, so
# that every column is in the same state: otherwise a small table's autovacuum has already
# cleared tonight's dead row versions (PENDING before SETTLED) that a big table's has not yet.
explain_close() {
  "${PSQL[@]}" -d "$1" -c "VACUUM (ANALYZE) payment, payment_batch"
  "${PSQL[@]}" -d "$1" -v d="$TODAY" <<'SQL' | grep -vE '^ *-+$|QUERY PLAN|^\([0-9]+ rows\)|^$|Planning' | sed 's/^/    /' > "$WORK/$1.explain"
BEGIN;
UPDATE payment_batch SET status = 'PROCESSING' WHERE business_date = :'d';
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT b.id FROM payment_batch b
WHERE b.status = 'PROCESSING' AND b.business_date = :'d'
  AND NOT EXISTS (SELECT 1 FROM payment p WHERE p.batch_id = b.id AND p.status = 'PENDING' OFFSET 0 ROWS)
ORDER BY b.opened, b.external_id NULLS FIRST, b.id;
SELECT ARRAY(SELECT id FROM payment_batch WHERE business_date = :'d' ORDER BY id LIMIT 100)::text AS ids \gset
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT k.batch_id, t.status, t.currency, t.n, t.total
FROM unnest((:'ids')::varchar[]) AS k(batch_id)
CROSS JOIN LATERAL (SELECT status, currency, COUNT(*) AS n, SUM(amount) AS total FROM payment
                    WHERE payment.batch_id = k.batch_id GROUP BY status, currency) t
ORDER BY k.batch_id, t.currency;
ROLLBACK;
SQL
}

column() {
  local db=$1 mode=${2:-}
  for i in $(seq 1 "$REAL"); do night "$db" "$i" "$mode"; done
  reads "$db"; explain_close "$db"; sizes "$db"
}

echo "year: $NIGHTS nights of $SCALE payments ($PER batches of $SIZE), $START .. $TODAY; $REAL real nights, reads x $READS;" \
  "retention on: $ON_HISTORY history; load average $(cut -d' ' -f1-3 /proc/loadavg);" \
  "server: autovacuum $(psql_value postgres 'SHOW autovacuum'), shared_buffers $(psql_value postgres 'SHOW shared_buffers')"
DB1=${PG_DB}_1; OFF=${PG_DB}_off; ON=${PG_DB}_on
want() { [[ " $ONLY " == *" $1 "* ]]; }
for db in "$DB1" "$OFF" "$ON"; do : > "$WORK/$db.figures"; : > "$WORK/$db.explain"; done
if want 1; then fresh "$DB1"; column "$DB1"; echo "night 1 done ($(date +%T))"; fi
if want off || { want on && [ "$ON_HISTORY" = full ]; }; then
  fresh "$OFF"; t0=$(now); history "$OFF" "$START" "$START"; figure "$OFF" history_load_s "$(since "$t0")"
  if [ "$ON_HISTORY" = full ] && want on; then
    "${PSQL[@]}" -d postgres -c "CREATE DATABASE $ON TEMPLATE $OFF"; home "$ON"
  fi
  echo "history loaded in $(awk '/history_load_s/ { print $2 }' "$WORK/$OFF.figures") s ($(date +%T))"
fi
if want off; then column "$OFF"; echo "night $NIGHTS, retention off, done ($(date +%T))"; fi
if want on; then
  if [ "$ON_HISTORY" = full ]; then
    use "$ON"; t0=$(now)
    bin/settle retention run > "$WORK/$ON.retention1.log" 2>&1 || { tail "$WORK/$ON.retention1.log"; exit 1; }
    figure "$ON" first_retention_s "$(since "$t0")"
    grep -E 'archiveDates|removeArchived|pruneBatchMetadata' "$WORK/$ON.retention1.log" | sed 's/^/first retention run: /' || true
  else
    fresh "$ON"; t0=$(now); history "$ON" "$KEPT" "$META"; figure "$ON" history_load_s "$(since "$t0")"
  fi
  column "$ON" on
  echo "night $NIGHTS, retention on, done ($(date +%T))"
fi
echo "load average $(cut -d' ' -f1-3 /proc/loadavg)"; echo

for db in "$DB1" "$OFF" "$ON"; do
  if [ -s "$WORK/$db.explain" ]; then echo "EXPLAIN (ANALYZE, BUFFERS) of closeBatches' queries, $db:"; cat "$WORK/$db.explain"; fi
done
for db in "$DB1" "$OFF" "$ON"; do if [ -s "$WORK/$db.stats" ]; then echo "What PostgreSQL did, $db:"; cat "$WORK/$db.stats"; fi; done
echo
python3 - "$WORK/$DB1.figures" "$WORK/$OFF.figures" "$WORK/$ON.figures" "$NIGHTS" <<'PY'
import statistics, sys
cols = []
for f in sys.argv[1:4]:
    c = {}
    for line in open(f):
        if line.strip():
            k, v = line.split()[:2]
            c.setdefault(k, []).append(float(v))
    cols.append({k: statistics.median(v) for k, v in c.items()})
nights = sys.argv[4]
keys = []
for c in cols:
    keys += [k for k in c if k not in keys]
def show(v):
    return "-" if v is None else (f"{v:,.0f}" if v >= 100 else f"{v:.3g}")
# Rates: night N costs more when the rate is lower. Sizes and rows: said, not judged.
print(f"{'figure (median)':40} {'night 1':>12} {'night ' + nights + ' off':>14} {'cost x':>7}"
      f" {'night ' + nights + ' on':>14} {'cost x':>7}  goal 1.1 x")
for k in keys:
    v = [c.get(k) for c in cols]
    def ratio(x):
        if x is None or not v[0] or not x:
            return None
        return v[0] / x if "per_s" in k else x / v[0]
    r = [ratio(v[1]), ratio(v[2])]
    judged = not (k.startswith(("size_", "rows_")) or k in ("history_load_s", "nightly_retention_s", "first_retention_s"))
    verdict = ("PASS" if r[1] <= 1.1 else "MISS") if judged and r[1] is not None else ""
    rs = ["-" if x is None else f"{x:.2f}" for x in r]
    print(f"{k:40} {show(v[0]):>12} {show(v[1]):>14} {rs[0]:>7} {show(v[2]):>14} {rs[1]:>7}  {verdict}")
PY
