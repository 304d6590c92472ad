#!/usr/bin/env bash
# Status queries at scale (issue 4 item 6): the SQL behind `settle status` and `settle batches`
# (GET /batches) against PostgreSQL holding 100,000 job executions (300,000 step executions) and
# 1,000,000 batches. Each query runs 7 times; the median execution time is printed beside the
# baseline: the same queries after dropping the indexes this product adds to the schema.
#   bench/status-queries.sh            # needs PostgreSQL on 127.0.0.1:5432 (trust auth) and a built jar
set -euo pipefail
cd "$(dirname "$0")/.."
DB=settle_bench
PSQL=(psql -h 127.0.0.1 -U postgres -X -q -v ON_ERROR_STOP=1)
[ -f target/settle.jar ] || make build

"${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
echo "migrating $DB through the application (Flyway)..."
SETTLE_HOME="$PWD" SPRING_PROFILES_ACTIVE=postgres SETTLE_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" \
  java -jar target/settle.jar status --limit 1 >/dev/null

echo "loading 100,000 executions and 1,000,000 batches..."
"${PSQL[@]}" -d $DB <<'SQL'
INSERT INTO BATCH_JOB_INSTANCE (JOB_INSTANCE_ID, VERSION, JOB_NAME, JOB_KEY)
SELECT g, 0, CASE WHEN g % 2 = 0 THEN 'settlement' ELSE 'import' END, md5(g::text) FROM generate_series(1, 100000) g;
INSERT INTO BATCH_JOB_EXECUTION (JOB_EXECUTION_ID, VERSION, JOB_INSTANCE_ID, CREATE_TIME, START_TIME, END_TIME, STATUS, EXIT_CODE, EXIT_MESSAGE, LAST_UPDATED)
SELECT g, 1, g, now() - g * interval '5 minutes', now() - g * interval '5 minutes', now() - g * interval '5 minutes' + interval '1 minute',
       CASE WHEN g % 50 = 0 THEN 'FAILED' ELSE 'COMPLETED' END, 'COMPLETED', '', now() FROM generate_series(1, 100000) g;
INSERT INTO BATCH_JOB_EXECUTION_PARAMS (JOB_EXECUTION_ID, PARAMETER_NAME, PARAMETER_TYPE, PARAMETER_VALUE, IDENTIFYING)
SELECT g, 'businessDate', 'java.time.LocalDate', (date '2026-11-21' - g)::text, 'Y' FROM generate_series(1, 100000) g;
INSERT INTO BATCH_STEP_EXECUTION (STEP_EXECUTION_ID, VERSION, STEP_NAME, JOB_EXECUTION_ID, CREATE_TIME, START_TIME, END_TIME, STATUS,
       COMMIT_COUNT, READ_COUNT, FILTER_COUNT, WRITE_COUNT, READ_SKIP_COUNT, WRITE_SKIP_COUNT, PROCESS_SKIP_COUNT, ROLLBACK_COUNT, EXIT_CODE, EXIT_MESSAGE, LAST_UPDATED)
SELECT (g - 1) * 3 + s, 1, 'step' || s, g, now(), now(), now(), 'COMPLETED', 1, 100, 0, 95, 0, 5, 0, 0, 'COMPLETED', '', now()
FROM generate_series(1, 100000) g, generate_series(1, 3) s;
INSERT INTO payment_batch (id, external_id, name, merchant_id, status, process_in_sequence, batchnum, opened, closed, business_date,
       payment_count, settled_count)
SELECT md5(g::text)::uuid::text, 'ext-' || g, 'Batch ' || g, 'merchant-' || (g % 1000),
       CASE WHEN g % 10 = 0 THEN 'SUBMITTED' ELSE 'CLOSED' END, false,
       CASE WHEN g % 10 = 0 THEN NULL ELSE g / 1000 + 1 END,
       timestamptz '2026-11-21 00:00:00+00' - g * interval '30 seconds',
       CASE WHEN g % 10 = 0 THEN NULL ELSE timestamptz '2026-11-21 00:00:00+00' - g * interval '30 seconds' + interval '2 hours' END,
       NULL, 10, 9
FROM generate_series(1, 1000000) g;
ANALYZE;
SQL

# The statements as ExecutionQueries and BatchQueries issue them (a page of 20).
declare -A QUERIES=(
  ["status (20 newest executions)"]="SELECT e.JOB_EXECUTION_ID, i.JOB_NAME, e.STATUS, e.EXIT_CODE, e.START_TIME, e.END_TIME FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID ORDER BY e.JOB_EXECUTION_ID DESC LIMIT 20"
  ["status: their steps' counts"]="SELECT JOB_EXECUTION_ID, STEP_NAME, STATUS, READ_COUNT, WRITE_COUNT, READ_SKIP_COUNT + PROCESS_SKIP_COUNT + WRITE_SKIP_COUNT, ROLLBACK_COUNT FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID IN (SELECT JOB_EXECUTION_ID FROM BATCH_JOB_EXECUTION ORDER BY JOB_EXECUTION_ID DESC LIMIT 20) AND STEP_NAME NOT LIKE '%:%' ORDER BY STEP_EXECUTION_ID"
  ["status --job settlement"]="SELECT e.JOB_EXECUTION_ID, e.STATUS FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID WHERE i.JOB_NAME = 'settlement' ORDER BY e.JOB_EXECUTION_ID DESC LIMIT 20"
  ["execution parameters (one execution)"]="SELECT PARAMETER_NAME, PARAMETER_VALUE FROM BATCH_JOB_EXECUTION_PARAMS WHERE JOB_EXECUTION_ID = 4242 AND IDENTIFYING = 'Y'"
  ["execution steps (one execution)"]="SELECT * FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = 4242 ORDER BY STEP_EXECUTION_ID"
  ["batches: page 1"]="SELECT id, batchnum, opened, closed FROM payment_batch ORDER BY opened DESC, id DESC LIMIT 20 OFFSET 0"
  ["batches: page 1 --openedge 20261101 --openedlt 20261102"]="SELECT id, batchnum, opened, closed FROM payment_batch WHERE opened >= '2026-11-01' AND opened < '2026-11-02' ORDER BY opened DESC, id DESC LIMIT 20"
  ["batches: count --openedge 20261101 --openedlt 20261102"]="SELECT COUNT(*) FROM payment_batch WHERE opened >= '2026-11-01' AND opened < '2026-11-02'"
  ["batches: page 1 --status SUBMITTED"]="SELECT id, batchnum, opened FROM payment_batch WHERE status = 'SUBMITTED' ORDER BY opened DESC, id DESC LIMIT 20"
  ["batches: page 1 --merchant merchant-7"]="SELECT id, batchnum, opened FROM payment_batch WHERE merchant_id = 'merchant-7' ORDER BY opened DESC, id DESC LIMIT 20"
  ["batches: count --merchant merchant-7"]="SELECT COUNT(*) FROM payment_batch WHERE merchant_id = 'merchant-7'"
  ["batches: total, no filter"]="SELECT COUNT(*) FROM payment_batch"
)
ORDER=("status (20 newest executions)" "status: their steps' counts" "status --job settlement" "execution parameters (one execution)"
  "execution steps (one execution)" "batches: page 1" "batches: page 1 --openedge 20261101 --openedlt 20261102"
  "batches: count --openedge 20261101 --openedlt 20261102" "batches: page 1 --status SUBMITTED"
  "batches: page 1 --merchant merchant-7" "batches: count --merchant merchant-7" "batches: total, no filter")

median_ms() { # the median "Execution Time" of 7 EXPLAIN ANALYZE runs, after one warm-up
  local sql="$1" times=()
  "${PSQL[@]}" -d $DB -Atc "EXPLAIN (ANALYZE, FORMAT JSON) $sql" >/dev/null
  for _ in 1 2 3 4 5 6 7; do
    times+=("$("${PSQL[@]}" -d $DB -Atc "EXPLAIN (ANALYZE, FORMAT JSON) $sql" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["Execution Time"])')")
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n 4p
}

declare -A WITH
for name in "${ORDER[@]}"; do WITH[$name]=$(median_ms "${QUERIES[$name]}"); done

cli_median_s() { # the median wall time of 3 runs of a real command (JVM start and Flyway check included)
  local times=()
  for _ in 1 2 3; do
    local start=$(date +%s.%N)
    SETTLE_HOME="$PWD" SPRING_PROFILES_ACTIVE=postgres SETTLE_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" \
      java -jar target/settle.jar "$@" >/dev/null
    times+=("$(python3 -c "print($(date +%s.%N) - $start)")")
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n 2p
}
CLI_STATUS=$(cli_median_s status --limit 20)
CLI_BATCHES=$(cli_median_s batches --openedge 20261101 --openedlt 20261102)

echo "baseline: dropping the indexes the product adds (V3, V7)..."
"${PSQL[@]}" -d $DB <<'SQL'
DROP INDEX batch_job_exec_instance_ix; DROP INDEX batch_job_exec_params_ix; DROP INDEX batch_step_exec_job_ix;
DROP INDEX payment_batch_opened_id_ix; DROP INDEX payment_batch_status_opened_ix; DROP INDEX payment_batch_merchant_ix;
DROP INDEX payment_batch_status_ix; DROP INDEX payment_batch_closed_ix;
ANALYZE;
SQL
declare -A WITHOUT
for name in "${ORDER[@]}"; do WITHOUT[$name]=$(median_ms "${QUERIES[$name]}"); done

printf '\n%-58s %14s %14s\n' "query (PostgreSQL, 100k executions, 1M batches)" "indexed (ms)" "baseline (ms)"
for name in "${ORDER[@]}"; do printf '%-58s %14.2f %14.2f\n' "$name" "${WITH[$name]}" "${WITHOUT[$name]}"; done

printf '\nend to end with the indexes (median of 3, JVM start included):\n'
printf '  settle status --limit 20                                 %6.2f s\n' "$CLI_STATUS"
printf '  settle batches --openedge 20261101 --openedlt 20261102   %6.2f s\n' "$CLI_BATCHES"
"${PSQL[@]}" -d postgres -c "DROP DATABASE $DB" >/dev/null
