#!/usr/bin/env bash
# Reliability soak (README, "Measuring it"): settle a file of payments while killing the settlement process with
# kill -9 at random moments; after each kill `settle recover` + `settle restart` it, until a run
# completes. Then prove against the sandbox's ledger (a separate process, so it survives the kills)
# that no payment was charged twice and none was lost, and that batchnums are gap-free.
#   bench/kill9.sh [PAYMENTS] [KILLS] [SEED]        default 2000 payments, 6 kills, seed 1
set -euo pipefail
cd "$(dirname "$0")/.."
PAYMENTS=${1:-2000}; KILLS=${2:-6}; SEED=${3:-1}; PORT=${PORT:-18099}
RANDOM=$SEED
[ -f target/settle.jar ] || make build
HOME_DIR=$(mktemp -d); mkdir -p "$HOME_DIR/input"; cp -r jobs "$HOME_DIR/"
export SETTLE_HOME="$HOME_DIR" SETTLE_GATEWAY_APP_TOKEN="soak-token" SETTLE_GATEWAY_CLIENT_SECRET="soak-secret"
export SETTLE_GATEWAY_BASE_URL="http://127.0.0.1:$PORT"
settle() { java -jar target/settle.jar "$@"; }

# A gateway slow enough (latency per request) that a kill lands mid-run; the client's throttle
# (30 requests / 10 s) spreads the run further.
java -jar target/settle.jar sandbox --port "$PORT" --throttle 30 --latency 150ms > "$HOME_DIR/sandbox.log" 2>&1 &
SANDBOX=$!
trap 'kill $SANDBOX 2>/dev/null; rm -rf "$HOME_DIR"' EXIT
for _ in $(seq 1 50); do curl -sf "localhost:$PORT/sandbox/ledger" >/dev/null && break; sleep 0.3; done

python3 - "$HOME_DIR/input/soak.csv" "$PAYMENTS" <<'PY'
import sys
path, n = sys.argv[1], int(sys.argv[2])
with open(path, "w") as f:
    f.write("batch_external_id,batch_name,merchant_id,reference_id,type,amount,currency,account_id\n")
    for i in range(n):
        merchant = i % 5
        batch = i % 20
        f.write(f"soak-{batch},Soak {batch},merchant-{merchant},p-{i},payment,{1 + i % 97}.{i % 100:02d},USD,acct-{i}\n")
PY
settle import "$HOME_DIR/input/soak.csv" > /dev/null 2>"$HOME_DIR/import.log"

DATE=2026-11-21
kills=0; runs=0
# Background runs start java itself, so that $! is the JVM that kill -9 must hit (not a subshell).
java -jar target/settle.jar settle --date $DATE > /dev/null 2>>"$HOME_DIR/settle.log" & PID=$!
while true; do
  runs=$((runs + 1))
  if [ $kills -lt "$KILLS" ]; then
    sleep "$(python3 -c "import random; random.seed($SEED * 100 + $runs); print(round(random.uniform(2.5, 9.0), 2))")"
    if kill -0 $PID 2>/dev/null; then
      kill -9 $PID; wait $PID 2>/dev/null || true; kills=$((kills + 1))
      echo "kill -9 #$kills during run $runs"
    fi
  fi
  wait $PID 2>/dev/null || true
  read -r id last < <(settle status --job settlement --limit 1 --json 2>/dev/null \
    | python3 -c 'import json,sys; d=json.load(sys.stdin); print(*(d[0]["id"], d[0]["status"]) if d else ("none", "none"))')
  [ "$last" = "COMPLETED" ] && break
  [ $runs -gt $((KILLS + 5)) ] && { echo "no completed run after $runs runs"; exit 1; }
  if [ "$id" = "none" ]; then
    # Killed before the job execution was even created: start the date's run again.
    java -jar target/settle.jar settle --date $DATE > /dev/null 2>>"$HOME_DIR/settle.log" & PID=$!
  else
    settle recover "$id" > /dev/null 2>&1 || true
    java -jar target/settle.jar restart "$id" > /dev/null 2>>"$HOME_DIR/settle.log" & PID=$!
  fi
done

settle batches --json --limit 1000 2>/dev/null > "$HOME_DIR/batches.json"
curl -s "localhost:$PORT/sandbox/ledger" > "$HOME_DIR/ledger.json"
python3 - "$HOME_DIR/batches.json" "$HOME_DIR/ledger.json" "$PAYMENTS" "$kills" "$runs" <<'PY'
import json, sys
batches = json.load(open(sys.argv[1]))["data"]
ledger = json.load(open(sys.argv[2]))
payments, kills, runs = int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
settled = sum(b["settledCount"] for b in batches)
closed = [b for b in batches if b["status"] == "CLOSED"]
nums = {}
for b in closed:
    nums.setdefault(b["merchantId"], []).append(b["batchnum"])
gap_free = all(sorted(v) == list(range(1, len(v) + 1)) for v in nums.values())
print(f"payments {payments}, kill -9 {kills}, runs {runs}")
print(f"settled {settled}, charged at the gateway {ledger['charges']}, batches closed {len(closed)}/{len(batches)}, batchnums gap-free {gap_free}")
ok = settled == payments and ledger["charges"] == payments and len(closed) == len(batches) and gap_free
print("double charges 0, payments lost 0" if ok else "FAILED: see the figures above")
sys.exit(0 if ok else 1)
PY
