#!/usr/bin/env bash
# One gateway budget for several processes: NODES `settle settle` processes (one business date each,
# so that each has its own batches) run at the same time on one PostgreSQL database against one
# sandbox gateway (a separate process) enforcing the three throttles at THROTTLE per 10 s, the
# clients set to the same. WINDOWS=database (the default: the client's windows shared in
# gateway_throttle_slot) or memory (each process counts alone: the nodes together exceed the
# budget, for contrast). The files are imported first, then all the runs start at once. Prints payments/s from
# the first to the last gateway request beside the ceiling (THROTTLE x 50 calls per 10 s), the
# sandbox's THROTTLE_EXCEEDED count by reason, and the charges. Exits 0 whatever the bars say.
#   bench/shared-throttle.sh [NODES] [PAYMENTS_PER_NODE] [THROTTLE] [WINDOWS]   default 3 3000 30 database
#   KEEP=1 keeps the logs and prints where
# PostgreSQL on 127.0.0.1:5432 (trust auth); PORT (default 18099) for the sandbox.
set -euo pipefail
cd "$(dirname "$0")/.."
NODES=${1:-3}; PER_NODE=${2:-3000}; THROTTLE=${3:-30}; WINDOWS=${4:-database}; PORT=${PORT:-18099}
PG_DB=settle_bench_throttle
PSQL=(env PGOPTIONS='-c client_min_messages=warning' psql -h 127.0.0.1 -U postgres -X -q -v ON_ERROR_STOP=1)
case "$WINDOWS" in database|memory) ;; *) echo "WINDOWS must be database or memory, not $WINDOWS" >&2; exit 2 ;; esac
if [ $((PER_NODE % 500)) -ne 0 ]; then echo "PAYMENTS_PER_NODE must be a multiple of 500 (one batch)" >&2; exit 2; fi
[ -f target/settle.jar ] || make build
if curl -s -o /dev/null "localhost:$PORT/"; then echo "port $PORT is in use; set PORT" >&2; exit 1; fi

WORK=$(mktemp -d); mkdir -p "$WORK/home/input"; cp -r jobs "$WORK/home/"
PIDS=()
cleanup() {
  set +e
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; done
  if [ "${KEEP:-0}" = 1 ]; then echo "logs kept in $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
export SETTLE_HOME="$WORK/home" SETTLE_GATEWAY_APP_TOKEN="bench-token" SETTLE_GATEWAY_CLIENT_SECRET="bench-secret"
export SPRING_PROFILES_ACTIVE=postgres SETTLE_DB_URL="jdbc:postgresql://127.0.0.1:5432/$PG_DB"

java -jar target/settle.jar sandbox --port "$PORT" --throttle "$THROTTLE" > "$WORK/sandbox.log" 2>&1 &
PIDS+=($!)

# One file per node, whole batches of 500 each (the generator of bench/import.sh).
python3 bench/payments.py "$WORK/all.csv" $((NODES * PER_NODE))
for node in $(seq 1 "$NODES"); do
  { head -1 "$WORK/all.csv"; tail -n +2 "$WORK/all.csv" | sed -n "$(((node - 1) * PER_NODE + 1)),$((node * PER_NODE))p"; } \
    > "$WORK/node$node.csv"
done
"${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $PG_DB" -c "CREATE DATABASE $PG_DB"
for _ in $(seq 1 150); do curl -sf "localhost:$PORT/sandbox/ledger" >/dev/null && break; sleep 0.2; done

# Each node's file is imported and its batches claimed for the node's date, with the product's own
# claim statement (BatchRepository.claim), run here ahead so that all the runs can start at once:
# each run's claim then finds its batches already its own and builds its work from them.
for node in $(seq 1 "$NODES"); do
  bin/settle import "$WORK/node$node.csv" > "$WORK/import$node.log" 2>&1 \
    || { echo "import $node failed:"; tail -20 "$WORK/import$node.log"; exit 1; }
  "${PSQL[@]}" -d $PG_DB -c "UPDATE payment_batch SET status = 'PROCESSING', business_date = '2026-11-$((10 + node))' WHERE status = 'SUBMITTED'"
done
for node in $(seq 1 "$NODES"); do
  SETTLE_GATEWAY_BASE_URL="http://127.0.0.1:$PORT" SETTLE_GATEWAY_THROTTLE_LIMIT="$THROTTLE" \
    SETTLE_GATEWAY_THROTTLE_WINDOWS="$WINDOWS" bin/settle settle --date "2026-11-$((10 + node))" > "$WORK/settle$node.log" 2>&1 &
  PIDS+=($!)
done
rc=0
for pid in "${PIDS[@]:1}"; do wait "$pid" || rc=$?; done
curl -sf "localhost:$PORT/sandbox/ledger" > "$WORK/ledger.json"
"${PSQL[@]}" -d $PG_DB -tA -F ' ' -c "SELECT status, count(*) FROM payment GROUP BY status ORDER BY status" > "$WORK/statuses"
"${PSQL[@]}" -d $PG_DB -tA -c "SELECT count(*) FROM gateway_throttle_slot" > "$WORK/slots"
for node in $(seq 1 "$NODES"); do
  if grep -q -E ' (WARN|ERROR) ' "$WORK/settle$node.log"; then
    echo "settle $node logged warnings or errors:"; grep -E ' (WARN|ERROR) ' "$WORK/settle$node.log" | head -3
  fi
done

python3 - "$NODES" "$PER_NODE" "$THROTTLE" "$WINDOWS" "$WORK/ledger.json" "$WORK/statuses" "$(cat "$WORK/slots")" "$rc" <<'PY'
import json, sys
nodes, per_node, throttle, windows = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
ledger = json.load(open(sys.argv[5]))
statuses = dict((w[0], int(w[1])) for w in (l.split() for l in open(sys.argv[6])) if w)
slots, rc = int(sys.argv[7]), int(sys.argv[8])
payments = nodes * per_node
first, last = ledger.get("firstCallAt"), ledger.get("lastCallAt")
span = (last - first) / 1000 if first is not None and last is not None else None
rate = ledger["charges"] / span if span else None
ceiling = throttle * 50 / 10
row = lambda label, value: print(f"  {label:48} {value}")
bar = lambda ok: "PASS" if ok else "FAIL"
print()
print(f"{nodes} processes x {per_node:,} payments, one gateway at {throttle} per 10 s (app, endpoint, account), "
      f"client windows: {windows}")
row("payments/s, first to last gateway request", f"{rate:,.1f}   ({ledger['charges']:,} charged in {span:.1f} s)" if rate else "n/a")
row("ceiling", f"{ceiling:,.0f}/s ({throttle} requests x 50 calls / 10 s); ratio {rate / ceiling:.2f}" if rate else f"{ceiling:,.0f}/s")
row("THROTTLE_EXCEEDED answers (sandbox)", f"{ledger['throttled']}  {ledger.get('throttledBy', {})}")
row("charges at the gateway", f"{ledger['charges']:,} (expected {payments:,})")
row("payments in the database", ", ".join(f"{s} {n:,}" for s, n in sorted(statuses.items())))
row("rows left in gateway_throttle_slot", f"{slots}")
print("bars:")
row(f"all settled, charged once", bar(ledger["charges"] == payments and statuses.get("SETTLED") == payments))
row(f">= 0.95 x {ceiling:,.0f}/s", bar(rate is not None and rate >= 0.95 * ceiling))
row("THROTTLE_EXCEEDED == 0", bar(ledger["throttled"] == 0))
sys.exit(0 if rc == 0 else 1)
PY
