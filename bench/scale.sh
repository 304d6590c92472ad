#!/usr/bin/env bash
# Scale-out throughput (issue 8): the same file of PAYMENTS valid payments (bench/payments.py: 500
# per batch, 5 merchants) settled against the sandbox gateway (a separate JVM, given latency, no
# throttle) by
#   a. one `settle settle` process with 1, 2 and 4 local partition threads (transport local);
#   b. 1, 2 and 3 `settle worker` processes of one thread each (RabbitMQ, a queue of the bench's
#      own) and a manager-only `settle settle` (role manager: it settles nothing itself);
#   c. the 3-worker cluster against the sandbox enforcing its three throttles (app, endpoint,
#      account) at 30 requests / 10 s, each worker's client throttle set to 30 too: one budget for
#      the cluster only when the client's windows are shared by the processes (in PostgreSQL, the
#      default there); with windows per process three workers exceed the gateway's 30.
# Each configuration gets a fresh PostgreSQL database (DROP/CREATE, then `settle import`, no ANALYZE),
# a fresh sandbox (its ledger counts from zero), and its workers started and ready before the
# manager. Each pass is cut into PARTITIONS partitions (min-payments = PAYMENTS / PARTITIONS,
# max-partitions = PARTITIONS), enough for every thread or worker to have several.
# Prints per configuration: payments/s from the first to the last gateway request (the ledger's
# firstCallAt / lastCallAt), the ceiling (concurrency x 50 calls per LATENCY, one /batch/create of
# 50 at a time per thread or worker; under the throttle THROTTLE x 50 calls / 10 s), the ratio to
# it and to the 1-thread / 1-worker figure, the machine's CPU over the same interval (busy share of
# both cores from /proc/stat, and the share of the settle JVMs, the sandbox, the database's
# backends and the broker; bench/cpu_sampler.py), THROTTLE_EXCEEDED and charges. Then a summary
# table and the issue's bars. Exits 0 whatever the bars say (1 if the bench itself broke).
#   bench/scale.sh [PAYMENTS] [LATENCY]        default 20000 25ms
#   PARTITIONS (24), THREADS ("1 2 4"), WORKERS ("1 2 3"), THROTTLED=0 skips part c, ONLY=local|cluster|throttled,
#   PORT (18097), QUIET (busy share of both cores above which a run waits for the machine to calm down,
#   0.3, QUIET_WAIT s at most, 600),
#   RUN_TIMEOUT (s, per settle command, 1200), KEEP=1 keeps the logs and prints where.
# PostgreSQL on 127.0.0.1:5432 (trust auth), RabbitMQ on 127.0.0.1:5672 (guest/guest).
set -euo pipefail
cd "$(dirname "$0")/.."
PAYMENTS=${1:-20000}; LATENCY=${2:-25ms}; PORT=${PORT:-18097}
PARTITIONS=${PARTITIONS:-24}; THREADS_LIST=${THREADS:-1 2 4}; WORKERS_LIST=${WORKERS:-1 2 3}
THROTTLED=${THROTTLED:-1}; ONLY=${ONLY:-}; QUIET=${QUIET:-0.3}; QUIET_WAIT=${QUIET_WAIT:-600}; RUN_TIMEOUT=${RUN_TIMEOUT:-1200}
THROTTLE=30
DATE=2026-11-21; PG_DB=settle_bench_scale; QUEUE=settle.bench.scale.$$
MIN_PAYMENTS=$(( (PAYMENTS + PARTITIONS - 1) / PARTITIONS ))
PSQL=(env PGOPTIONS='-c client_min_messages=warning' psql -h 127.0.0.1 -U postgres -X -q -v ON_ERROR_STOP=1)
[ -f target/settle.jar ] || make build
if curl -s -o /dev/null "localhost:$PORT/"; then echo "port $PORT is in use; set PORT" >&2; exit 1; fi

WORK=$(mktemp -d); mkdir -p "$WORK/home/input"; cp -r jobs "$WORK/home/"
SANDBOX=""; SAMPLER=""; WORKER_PIDS=()
stop_workers() {
  local pid
  for pid in "${WORKER_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${WORKER_PIDS[@]}"; do
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  done
  WORKER_PIDS=()
}
stop_sandbox() {
  if [ -n "$SANDBOX" ]; then kill "$SANDBOX" 2>/dev/null || true; wait "$SANDBOX" 2>/dev/null || true; SANDBOX=""; fi
}
stop_sampler() {
  if [ -n "$SAMPLER" ]; then kill "$SAMPLER" 2>/dev/null || true; wait "$SAMPLER" 2>/dev/null || true; SAMPLER=""; fi
}
cleanup() {
  set +e
  stop_workers; stop_sandbox; stop_sampler
  rabbitmqctl -q delete_queue "$QUEUE" >/dev/null 2>&1
  if [ "${KEEP:-0}" = 1 ]; then echo "logs kept in $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
export SETTLE_HOME="$WORK/home" SETTLE_GATEWAY_APP_TOKEN="bench-token" SETTLE_GATEWAY_CLIENT_SECRET="bench-secret"
export SPRING_PROFILES_ACTIVE=postgres SETTLE_DB_URL="jdbc:postgresql://127.0.0.1:5432/$PG_DB"
export SETTLE_GATEWAY_BASE_URL="http://127.0.0.1:$PORT" SETTLE_CLUSTER_QUEUE="$QUEUE"
PART_OPTS="-Dsettle.jobs.settlement.partitioning.min-payments=$MIN_PAYMENTS -Dsettle.jobs.settlement.partitioning.max-partitions=$PARTITIONS"
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.3f", b - a }'; }
# The machine's busy share (both cores) over 2 s.
busy_share() {
  local a b
  a=$(awk '/^cpu /{print $2+$3+$4+$5+$6+$7+$8+$9, $5+$6}' /proc/stat); sleep 2
  b=$(awk '/^cpu /{print $2+$3+$4+$5+$6+$7+$8+$9, $5+$6}' /proc/stat)
  awk -v a="$a" -v b="$b" 'BEGIN { split(a, x, " "); split(b, y, " "); t = y[1] - x[1]; printf "%.2f", (t > 0 ? 1 - (y[2] - x[2]) / t : 0) }'
}

python3 bench/payments.py "$WORK/bench.csv" "$PAYMENTS"
echo "scale: $PAYMENTS payments, gateway latency $LATENCY, $PARTITIONS partitions per pass (min-payments $MIN_PAYMENTS)," \
  "$(nproc) cores, queue $QUEUE"

# run_config LABEL KIND CONCURRENCY THROTTLE: one configuration, its figures appended to results.jsonl.
# KIND local: one settle process with CONCURRENCY threads; cluster: CONCURRENCY workers of one thread.
run_config() {
  local label=$1 kind=$2 conc=$3 throttle=$4 dir="$WORK/$1" i rc=0 t0 wall quiet waited=0 ready
  mkdir -p "$dir"; : > "$dir/pids"
  echo "== $label: $kind, concurrency $conc, throttle $throttle"

  java -jar target/settle.jar sandbox --port "$PORT" --throttle "$throttle" --latency "$LATENCY" > "$dir/sandbox.log" 2>&1 &
  SANDBOX=$!; echo "sandbox $SANDBOX" >> "$dir/pids"
  "${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" -c "CREATE DATABASE $PG_DB"
  bin/settle import "$WORK/bench.csv" > "$dir/import.out" 2> "$dir/import.log" \
    || { echo "import failed:"; tail -20 "$dir/import.log"; return 1; }
  for _ in $(seq 1 150); do curl -sf "localhost:$PORT/sandbox/ledger" >/dev/null && break; sleep 0.2; done
  if ! kill -0 "$SANDBOX" 2>/dev/null || ! curl -sf "localhost:$PORT/sandbox/ledger" >/dev/null; then
    echo "the sandbox did not start:"; tail -20 "$dir/sandbox.log"; return 1
  fi

  local -a env_run=(env SETTLE_GATEWAY_THROTTLE_LIMIT="$throttle")
  if [ "$kind" = cluster ]; then
    rabbitmqctl -q purge_queue "$QUEUE" >/dev/null 2>&1 || true
    for i in $(seq 1 "$conc"); do
      "${env_run[@]}" SETTLE_JOBS_SETTLEMENT_PARTITIONING_THREADS=1 SETTLE_JAVA_OPTS="${SETTLE_JAVA_OPTS:-} $PART_OPTS" \
        bin/settle worker > "$dir/worker-$i.log" 2>&1 &
      WORKER_PIDS+=($!); echo "settle $!" >> "$dir/pids"
    done
    for i in $(seq 1 "$conc"); do
      ready=0
      for _ in $(seq 1 900); do
        grep -q "settle worker: taking partitions" "$dir/worker-$i.log" && { ready=1; break; }
        kill -0 "${WORKER_PIDS[$((i - 1))]}" 2>/dev/null || break
        sleep 0.2
      done
      [ $ready = 1 ] || { echo "worker $i did not start:"; tail -20 "$dir/worker-$i.log"; return 1; }
    done
    env_run+=(SETTLE_CLUSTER_TRANSPORT=rabbitmq SETTLE_CLUSTER_ROLE=manager)
  else
    env_run+=(SETTLE_JOBS_SETTLEMENT_PARTITIONING_THREADS="$conc")
  fi

  # Another process's load (a test suite) would be measured as ours: wait for a quiet machine
  # (the workers started are idle). The figures still show the other processes' share of the run.
  quiet=$(busy_share)
  while awk -v q="$quiet" -v m="$QUIET" 'BEGIN { exit !(q > m) }' && [ $waited -lt "$QUIET_WAIT" ]; do
    if [ $((waited % 60)) = 0 ]; then echo "   machine busy ($quiet of both cores) before the run; waiting"; fi; sleep 10; waited=$((waited + 12)); quiet=$(busy_share)
  done

  python3 bench/cpu_sampler.py sample "$dir/cpu.tsv" "$dir/pids" "$PG_DB" 0.25 &
  SAMPLER=$!
  t0=$(now)
  "${env_run[@]}" SETTLE_JAVA_OPTS="${SETTLE_JAVA_OPTS:-} $PART_OPTS" \
    bin/settle settle --date $DATE > "$dir/settle.out" 2> "$dir/settle.log" &
  local manager=$!
  echo "settle $manager" >> "$dir/pids"
  while kill -0 $manager 2>/dev/null; do
    if awk -v a="$t0" -v b="$(now)" -v t="$RUN_TIMEOUT" 'BEGIN { exit !(b - a > t) }'; then
      echo "   settle still running after $RUN_TIMEOUT s: stopped"; kill $manager; break
    fi
    sleep 0.2
  done
  wait $manager || rc=$?
  wall=$(since "$t0"); ended=$(date +%T.%3N)
  sleep 0.5; stop_sampler
  curl -sf "localhost:$PORT/sandbox/ledger" > "$dir/ledger.json" || echo '{}' > "$dir/ledger.json"
  "${PSQL[@]}" -d $PG_DB -tA -F ' ' -c "SELECT status, count(*) FROM payment GROUP BY status ORDER BY status" \
    -c "SELECT 'batches', count(*) FILTER (WHERE status = 'CLOSED'), count(*) FROM payment_batch" \
    -c "SELECT 'partitions', count(*), count(*) FILTER (WHERE status = 'COMPLETED') FROM batch_step_execution WHERE step_name LIKE 'settlePaymentsWorker:%'" \
    > "$dir/statuses" 2>&1 || true
  stop_workers; stop_sandbox
  [ $rc -eq 0 ] || { echo "   settle exited $rc:"; tail -15 "$dir/settle.log" | sed 's/^/   /'; }
  # Warnings and errors of every settle process, the first few.
  grep -h -E ' (WARN|ERROR) ' "$dir/settle.log" "$dir"/worker-*.log 2>/dev/null | cut -c1-300 > "$dir/warnings" || true
  if [ -s "$dir/warnings" ]; then
    echo "   $(wc -l < "$dir/warnings") warning/error lines in the settle logs, e.g.:"; head -4 "$dir/warnings" | sed 's/^/     /'
  fi
  python3 - "$label" "$kind" "$conc" "$throttle" "$PAYMENTS" "$LATENCY" "$dir" "$rc" "$wall" "$quiet" "$WORK/results.jsonl" "$ended" <<'PY'
import json, os, re, subprocess, sys
label, kind, conc, throttle, payments, latency, d, rc, wall, quiet, results, ended = sys.argv[1:]
conc, throttle, payments, rc, wall, quiet = int(conc), int(throttle), int(payments), int(rc), float(wall), float(quiet)
ledger = json.load(open(f"{d}/ledger.json"))
statuses, closed, partitions = {}, "n/a", "n/a"
for line in open(f"{d}/statuses"):
    w = line.split()
    if len(w) == 3 and w[0] == "batches":
        closed = f"{w[1]}/{w[2]}"
    elif len(w) == 3 and w[0] == "partitions":
        partitions = f"{w[2]}/{w[1]} completed"
    elif len(w) == 2 and w[1].isdigit():
        statuses[w[0]] = int(w[1])
m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(ms|s)?", latency.strip())
latency_s = float(m.group(1)) * {"ms": 0.001, "s": 1, None: 0.001}[m.group(2)]
ceilings = [conc * 50 / latency_s] if latency_s else []
if throttle:
    ceilings.append(throttle * 50 / 10)
ceiling = min(ceilings) if ceilings else None
first, last = ledger.get("firstCallAt"), ledger.get("lastCallAt")
window = (last - first) / 1000 if first is not None and last is not None and last > first else None
settled = statuses.get("SETTLED", 0)
rate = settled / window if window else None
cpu = None
if window:
    out = subprocess.run([sys.executable, "bench/cpu_sampler.py", "window", f"{d}/cpu.tsv", str(first), str(last)],
                         capture_output=True, text=True).stdout
    cpu = json.loads(out) if out.strip() else None
warnings = sum(1 for _ in open(f"{d}/warnings")) if os.path.exists(f"{d}/warnings") else 0
# From the settle command's last log line to its exit (the JVM's shutdown).
seconds = lambda t: int(t[0:2]) * 3600 + int(t[3:5]) * 60 + float(t[6:12])
stamps = [l[:12] for l in open(f"{d}/settle.log", errors="replace") if re.match(r"\d\d:\d\d:\d\d\.\d{3} ", l)]
exit_lag = (seconds(ended) - seconds(stamps[-1])) % 86400 if stamps else None
r = {"label": label, "kind": kind, "conc": conc, "throttle": throttle, "payments": payments,
     "settled": settled, "window": window, "rate": rate, "ceiling": ceiling,
     "to_ceiling": rate / ceiling if rate and ceiling else None, "wall": wall, "rc": rc, "quiet": quiet,
     "cpu": cpu, "charges": ledger.get("charges", 0), "throttled": ledger.get("throttled"),
     "throttled_by": ledger.get("throttledBy"),
     "closed": closed, "statuses": ", ".join(f"{k} {v:,}" for k, v in sorted(statuses.items())),
     "partitions": partitions, "warnings": warnings, "exit_lag": exit_lag}
with open(results, "a") as out:
    out.write(json.dumps(r) + "\n")
f = lambda x, s=",.0f": "n/a" if x is None else format(x, s)
print(f"   {f(rate)} payments/s first to last request ({settled:,} settled in {f(window, '.2f')} s; "
      f"settle command {wall:.1f} s, exit {rc}, {f(exit_lag, '.1f')} s from its last log line); ceiling {f(ceiling)}/s, ratio {f(r['to_ceiling'], '.2f')}")
if cpu:
    print(f"   CPU busy {cpu['busy']:.0%} of both cores (settle JVMs {cpu['settle']:.0%}, sandbox {cpu['sandbox']:.0%}, "
          f"postgres {cpu['postgres']:.0%}, rabbitmq {cpu['rabbitmq']:.0%}, other {cpu['other']:.0%}); "
          f"busy just before the run {quiet:.0%}")
print(f"   charges {r['charges']:,}, THROTTLE_EXCEEDED {r['throttled']} {r['throttled_by'] or ''}, batches closed {closed}, "
      f"payments {r['statuses']}, partitions {partitions}, warning/error log lines {warnings}")
PY
}

broken=0
if [ -z "$ONLY" ] || [ "$ONLY" = local ]; then
  for t in $THREADS_LIST; do run_config "local-$t" local "$t" 0 || broken=1; stop_workers; stop_sandbox; stop_sampler; done
fi
if [ -z "$ONLY" ] || [ "$ONLY" = cluster ]; then
  for w in $WORKERS_LIST; do run_config "workers-$w" cluster "$w" 0 || broken=1; stop_workers; stop_sandbox; stop_sampler; done
fi
if { [ -z "$ONLY" ] && [ "$THROTTLED" = 1 ]; } || [ "$ONLY" = throttled ]; then
  w=$(echo $WORKERS_LIST | awk '{print $NF}')
  run_config "workers-$w-throttled" cluster "$w" $THROTTLE || broken=1; stop_workers; stop_sandbox; stop_sampler
fi

[ -s "$WORK/results.jsonl" ] || { echo "no configuration ran"; exit 1; }
python3 - "$WORK/results.jsonl" "$PAYMENTS" "$LATENCY" <<'PY'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
payments, latency = int(sys.argv[2]), sys.argv[3]
f = lambda x, s=",.0f": "n/a" if x is None else format(x, s)
contended = lambda r: bool(r["cpu"]) and r["cpu"]["other"] > 0.15
base = {}
for r in rows:
    if r["conc"] == 1 and not r["throttle"]:
        base[r["kind"]] = r["rate"]
print()
print(f"summary: {payments:,} payments, gateway latency {latency}; CPU = share of both cores between the first and the last request:")
print(f"the machine busy (settle JVMs, sandbox, postgres), and other processes than the bench's (> 15%: the figure is contended)")
print(f"| configuration | payments/s | ceiling | / ceiling | / 1 thread or worker | CPU busy (settle, sandbox, pg) | other | THROTTLE_EXCEEDED | charges |")
print(f"|---|---|---|---|---|---|---|---|---|")
for r in rows:
    name = (f"{r['conc']} local thread{'s' if r['conc'] > 1 else ''}" if r["kind"] == "local"
            else f"{r['conc']} worker{'s' if r['conc'] > 1 else ''}") + (f", throttle {r['throttle']}/10s" if r["throttle"] else "")
    b = base.get(r["kind"])
    vs = f(r["rate"] / b, ".2f") if r["rate"] and b and not r["throttle"] else "-"
    cpu = r["cpu"]
    c = f"{cpu['busy']:.0%} ({cpu['settle']:.0%}, {cpu['sandbox']:.0%}, {cpu['postgres']:.0%})" if cpu else "n/a"
    o = (f"{cpu['other']:.0%}" + (" (!)" if contended(r) else "")) if cpu else "n/a"
    print(f"| {name} | {f(r['rate'])} | {f(r['ceiling'])} | {f(r['to_ceiling'], '.2f')} | {vs} | {c} | {o} | {r['throttled']} | "
          f"{r['charges']:,}{'' if r['charges'] == payments else ' (!)'} |")

bar = lambda ok: "PASS" if ok else "FAIL"
cpu_bound = lambda r: bool(r["cpu"]) and r["cpu"]["busy"] >= 0.9 and not contended(r)
by = {(r["kind"], r["conc"], r["throttle"]): r for r in rows}
print("bars (issue 8; CPU bound = the machine >= 90% busy between the first and the last request, other processes <= 15%;")
print("a bar on a contended figure says so):")
note = lambda *rs: "   (contended: other processes " + ", ".join(f"{r['cpu']['other']:.0%}" for r in rs if contended(r)) + ")" if any(contended(r) for r in rs) else ""
l4, l1 = by.get(("local", 4, 0)), by.get(("local", 1, 0))
if l4 and l1 and l4["rate"] and l1["rate"]:
    ok = l4["rate"] >= 3 * l1["rate"]
    print(f"  4 local threads >= 3 x 1 thread: {l4['rate'] / l1['rate']:.2f} x   "
          + (bar(True) if ok else ("PASS (CPU bound: " + f"{l4['cpu']['busy']:.0%})" if cpu_bound(l4) else bar(False))) + note(l1, l4))
w3 = by.get(("cluster", 3, 0))
if w3 and w3["rate"]:
    ok = w3["to_ceiling"] >= 0.8
    print(f"  3 workers >= 0.8 x ceiling: {w3['to_ceiling']:.2f}   "
          + (bar(True) if ok else ("PASS (CPU bound: " + f"{w3['cpu']['busy']:.0%})" if cpu_bound(w3) else bar(False))) + note(w3))
wt = by.get(("cluster", 3, 30))
if wt:
    print(f"  3 workers under 30/10s: >= 0.95 x 150/s: {f(wt['rate'] and wt['rate'] / 150, '.2f')}   {bar(bool(wt['rate']) and wt['rate'] >= 142.5)}")
    print(f"  3 workers under 30/10s: THROTTLE_EXCEEDED == 0: {wt['throttled']}   {bar(wt['throttled'] == 0)}")
print(f"  charges == payments in every configuration: {bar(all(r['charges'] == payments for r in rows))}")
PY
exit $broken
