#!/usr/bin/env bash
# Reconciliation at ROWS payments on PostgreSQL, beside a baseline measured in the same run.
#   bench/reconcile.sh [ROWS]    default 1,000,000; needs PostgreSQL on 127.0.0.1:5432
# The product's tables are loaded set-wise (generate_series): 1,000 batches of one business date,
# ROWS payments, 99% SETTLED with a gateway id, 1% DECLINED. The gateway's side is its report file
# (the columns of the list API), written by psql from the same rows: every settled payment charged
# once, 0.1% for another amount, 100 charged twice, 1,000 charges no payment explains. Then:
#   baseline: \copy of that file into a table of the same shape, and one COUNT(*) join of the two
#             sides by unique key (the least any reconciliation must do: read the file, join);
#   measured: `settle reconcile --date D --report FILE` (the whole command: JVM start, the chunk
#             step staging every charge with COPY, the set-wise compare), and each step's time
#             from BATCH_STEP_EXECUTION.
# The database bench_recon is dropped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-1000000}; DB=bench_recon; DAY=2026-03-02
PSQL=(env PGOPTIONS='-c client_min_messages=warning' psql -h 127.0.0.1 -U postgres -X -q -v ON_ERROR_STOP=1)
[ -f target/settle.jar ] || make build
WORK=$(mktemp -d)
trap '"${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", n / s }'; }

"${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
mkdir -p "$WORK/home/input"; cp -r jobs "$WORK/home/"
env=(SETTLE_HOME="$WORK/home" SPRING_PROFILES_ACTIVE=postgres SETTLE_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB"
     SETTLE_SANDBOX_EMBEDDED=true)
env "${env[@]}" bin/settle status --limit 1 >/dev/null 2>"$WORK/migrate.log"

echo "loading $ROWS payments of $DAY set-wise..."
"${PSQL[@]}" -d $DB -v rows="$ROWS" -v day="$DAY" <<'SQL'
INSERT INTO payment_batch (id, external_id, name, merchant_id, status, opened, closed, business_date, batchnum)
SELECT 'b-' || b, 'ext-' || b, 'bench batch ' || b, 'm-' || (b % 100), 'CLOSED', now(), now(), :'day', b
FROM generate_series(1, 1000) b;
INSERT INTO payment (id, batch_id, seq, reference_id, type, amount, currency, account_id, unique_key, status,
                     attempts, gateway_id, http_status, correlation_id, settled_at, updated_at)
SELECT 'p-' || i, 'b-' || (i % 1000 + 1), i, 'r-' || i, 'payment', (i % 9000 + 100) / 100.0, 'USD', 'acct-' || (i % 5000),
       'k-' || i, CASE WHEN i % 100 = 0 THEN 'DECLINED' ELSE 'SETTLED' END, 1,
       CASE WHEN i % 100 = 0 THEN NULL ELSE 'g-' || i END, CASE WHEN i % 100 = 0 THEN 402 ELSE 201 END,
       'c-' || i, now(), now()
FROM generate_series(1, :rows) i;
VACUUM ANALYZE payment_batch;
VACUUM ANALYZE payment;
SQL

REPORT="$WORK/$DAY.csv"
"${PSQL[@]}" -d $DB <<'SQL'
CREATE VIEW gateway_side AS
SELECT p.gateway_id AS id, p.unique_key, 'completed' AS status, p.reference_id, 'payment' AS type,
       (p.amount * 100)::bigint + CASE WHEN right(p.id, 3) = '501' THEN 1 ELSE 0 END AS amount,
       'USD' AS currency, p.account_id, '2026-03-02T23:31:02Z' AS created_time
FROM payment p WHERE p.status = 'SETTLED'
UNION ALL
SELECT 'dup-' || p.id, 'k2-' || p.id, 'completed', p.reference_id, 'payment', (p.amount * 100)::bigint, 'USD',
       p.account_id, '2026-03-02T23:40:00Z'
FROM payment p WHERE p.status = 'SETTLED' AND right(p.id, 4) = '7777'
UNION ALL
SELECT 'x-' || i, 'kx-' || i, 'completed', 'stranger-' || i, 'payment', 500, 'EUR', 'acct-x', '2026-03-02T12:00:00Z'
FROM generate_series(1, 1000) i;
SQL
"${PSQL[@]}" -d $DB -c "\\copy (SELECT * FROM gateway_side) TO '$REPORT' WITH (FORMAT csv, HEADER true)"
CHARGES=$(($(wc -l < "$REPORT") - 1))
echo "gateway report: $CHARGES charges, $(du -h "$REPORT" | cut -f1)"

echo "baseline: \\copy of the report into a table of its shape, then one COUNT(*) join of both sides..."
"${PSQL[@]}" -d $DB -c "CREATE UNLOGGED TABLE copy_baseline (id VARCHAR(64), unique_key VARCHAR(64),
  status VARCHAR(16), reference_id VARCHAR(255), type VARCHAR(16), amount BIGINT, currency CHAR(3),
  account_id VARCHAR(64), created_time TIMESTAMPTZ)"
t0=$(now)
"${PSQL[@]}" -d $DB -c "\\copy copy_baseline FROM '$REPORT' WITH (FORMAT csv, HEADER true)"
copy_s=$(since "$t0")
t0=$(now)
joined=$("${PSQL[@]}" -d $DB -tAc "SELECT count(*) FROM payment p JOIN copy_baseline g ON g.unique_key = p.unique_key")
join_s=$(since "$t0")
baseline_s=$(awk -v a="$copy_s" -v b="$join_s" 'BEGIN { printf "%.2f", a + b }')
"${PSQL[@]}" -d $DB -c "DROP TABLE copy_baseline"

echo "settle reconcile --date $DAY --report $DAY.csv..."
t0=$(now)
set +e
env "${env[@]}" bin/settle reconcile --date "$DAY" --report "$REPORT" >"$WORK/reconcile.out" 2>"$WORK/reconcile.log"
exit_code=$?
set -e
whole_s=$(since "$t0")
[ "$exit_code" = 4 ] || { echo "reconcile exited $exit_code (expected 4: exceptions found):"; tail -20 "$WORK/reconcile.log"; exit 1; }
read -r load_s compare_s < <("${PSQL[@]}" -d $DB -tA -F ' ' -c "
  SELECT MAX(EXTRACT(EPOCH FROM END_TIME - START_TIME)) FILTER (WHERE STEP_NAME = 'loadCharges'),
         MAX(EXTRACT(EPOCH FROM END_TIME - START_TIME)) FILTER (WHERE STEP_NAME = 'compareCharges')
  FROM BATCH_STEP_EXECUTION")
sed -n '1,10p' "$WORK/reconcile.out"

echo
echo "reconciliation of $ROWS payments against $CHARGES gateway charges (PostgreSQL, $(nproc) cores)"
printf '  %-44s %8.2f s  %10s rows/s\n' "baseline: \\copy of the report" "$copy_s" "$(rate "$CHARGES" "$copy_s")"
printf '  %-44s %8.2f s  %10s rows/s   (%s pairs)\n' "baseline: COUNT(*) join by unique key" "$join_s" \
  "$(rate "$ROWS" "$join_s")" "$joined"
printf '  %-44s %8.2f s  %10s rows/s\n' "baseline: both" "$baseline_s" "$(rate "$ROWS" "$baseline_s")"
printf '  %-44s %8.2f s  %10s rows/s\n' "loadCharges (stage the report, COPY a chunk)" "$load_s" "$(rate "$CHARGES" "$load_s")"
printf '  %-44s %8.2f s  %10s rows/s\n' "compareCharges (link, categorise, store)" "$compare_s" "$(rate "$ROWS" "$compare_s")"
printf '  %-44s %8.2f s  %10s rows/s   (%.1f x the baseline)\n' "settle reconcile (whole command)" "$whole_s" \
  "$(rate "$ROWS" "$whole_s")" "$(awk -v a="$whole_s" -v b="$baseline_s" 'BEGIN { print a / b }')"
