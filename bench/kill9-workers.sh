#!/usr/bin/env bash
# Reliability soak of a cluster (issue 8, item 4): a manager-only `settle settle` and WORKERS
# `settle worker` processes over RabbitMQ (a queue of the bench's own) settle a file of PAYMENTS,
# while, at random moments, a random worker that is settling (one holding a partition's lease in
# job_lease) is killed with kill -9 and a replacement worker started, KILLS times. The manager must
# see its lost partitions (the watchdog fails them WORKER_LOST) and restart the run by itself; when
# its `settle settle` still ends non-zero (it gives up after settle.cluster.restarts-after-worker-loss
# restarts), the bench runs `settle restart ID`, as a person would, and counts it. Then it proves,
# against the sandbox's ledger (a separate process) and the database: every payment charged exactly
# once (ledger charges = PAYMENTS = SETTLED, distinct gateway ids), nothing PENDING or FAILED, every
# batch CLOSED, batchnums gap-free per merchant, no partition ABANDONED. Prints the checks, the
# warnings and errors of every settle process by kind, and PASS/FAIL (exit 0 / 1).
#   bench/kill9-workers.sh [PAYMENTS] [KILLS] [SEED]        default 3000 payments, 6 kills, seed 1
#   LATENCY (gateway latency, 150ms), CHUNK (payments per chunk, 10), PARTITIONS (per pass, 12),
#   WORKERS (3, one thread each), PORT (18096), RUN_TIMEOUT (s the run may take after the last
#   kill, 600), KEEP=1 keeps the logs and prints where.
# The gateway is slow (LATENCY per request, CHUNK payments per request) so that a run lasts tens
# of seconds and a kill lands mid-partition, between a request and its chunk's commit.
# PostgreSQL on 127.0.0.1:5432 (trust auth), RabbitMQ on 127.0.0.1:5672 (guest/guest).
set -euo pipefail
cd "$(dirname "$0")/.."
PAYMENTS=${1:-3000}; KILLS=${2:-6}; SEED=${3:-1}; PORT=${PORT:-18096}
LATENCY=${LATENCY:-150ms}; CHUNK=${CHUNK:-10}; PARTITIONS=${PARTITIONS:-12}; WORKERS=${WORKERS:-3}
RUN_TIMEOUT=${RUN_TIMEOUT:-600}
DATE=2026-11-21; PG_DB=settle_bench_kill9w; QUEUE=settle.bench.kill9w.$$
PSQL=(env PGOPTIONS='-c client_min_messages=warning' psql -h 127.0.0.1 -U postgres -X -q -v ON_ERROR_STOP=1)
[ -f target/settle.jar ] || make build
if curl -s -o /dev/null "localhost:$PORT/"; then echo "port $PORT is in use; set PORT" >&2; exit 1; fi

WORK=$(mktemp -d); mkdir -p "$WORK/home/input" "$WORK/logs"; cp -r jobs "$WORK/home/"
SANDBOX=""; MANAGER=""; WORKER_PIDS=(); ALL_WORKERS=()
cleanup() {
  set +e
  [ -n "$MANAGER" ] && kill "$MANAGER" 2>/dev/null
  for pid in "${WORKER_PIDS[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${WORKER_PIDS[@]}" $MANAGER; do
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  done
  [ -n "$SANDBOX" ] && { kill "$SANDBOX" 2>/dev/null; wait "$SANDBOX" 2>/dev/null; }
  rabbitmqctl -q delete_queue "$QUEUE" >/dev/null 2>&1
  if [ "${KEEP:-0}" = 1 ]; then echo "logs kept in $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
export SETTLE_HOME="$WORK/home" SETTLE_GATEWAY_APP_TOKEN="soak-token" SETTLE_GATEWAY_CLIENT_SECRET="soak-secret"
export SPRING_PROFILES_ACTIVE=postgres SETTLE_DB_URL="jdbc:postgresql://127.0.0.1:5432/$PG_DB"
export SETTLE_GATEWAY_BASE_URL="http://127.0.0.1:$PORT" SETTLE_GATEWAY_THROTTLE_LIMIT=0 SETTLE_CLUSTER_QUEUE="$QUEUE"
MIN_PAYMENTS=$(( (PAYMENTS + PARTITIONS - 1) / PARTITIONS ))
export SETTLE_JAVA_OPTS="${SETTLE_JAVA_OPTS:-} -Dsettle.jobs.settlement.chunk-size=$CHUNK \
 -Dsettle.jobs.settlement.partitioning.min-payments=$MIN_PAYMENTS -Dsettle.jobs.settlement.partitioning.max-partitions=$PARTITIONS"
MANAGER_ENV=(env SETTLE_CLUSTER_TRANSPORT=rabbitmq SETTLE_CLUSTER_ROLE=manager)
T0=$(date +%s.%N)
at() { awk -v a="$T0" -v b="$(date +%s.%N)" 'BEGIN { printf "%6.1f s", b - a }'; }
rnd() { python3 -c "import random; random.seed('$SEED/$1'); print(round(random.uniform($2, $3), 2))"; }

java -jar target/settle.jar sandbox --port "$PORT" --throttle 0 --latency "$LATENCY" > "$WORK/logs/sandbox.log" 2>&1 &
SANDBOX=$!

# kill9.sh's file: 20 batches over 5 merchants (4 batchnums each), no dependencies.
python3 - "$WORK/home/input/soak.csv" "$PAYMENTS" <<'PY'
import sys
path, n = sys.argv[1], int(sys.argv[2])
with open(path, "w") as f:
    f.write("batch_external_id,batch_name,merchant_id,reference_id,type,amount,currency,account_id\n")
    for i in range(n):
        merchant = i % 5
        batch = i % 20
        f.write(f"soak-{batch},Soak {batch},merchant-{merchant},p-{i},payment,{1 + i % 97}.{i % 100:02d},USD,acct-{i}\n")
PY
"${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" -c "CREATE DATABASE $PG_DB"
bin/settle import "$WORK/home/input/soak.csv" > /dev/null 2> "$WORK/logs/import.log" \
  || { echo "import failed:"; tail -20 "$WORK/logs/import.log"; exit 1; }
for _ in $(seq 1 150); do curl -sf "localhost:$PORT/sandbox/ledger" >/dev/null && break; sleep 0.2; done
curl -sf "localhost:$PORT/sandbox/ledger" >/dev/null || { echo "the sandbox did not start:"; tail -20 "$WORK/logs/sandbox.log"; exit 1; }
rabbitmqctl -q purge_queue "$QUEUE" >/dev/null 2>&1 || true

# A worker runs as the JVM itself (bin/settle execs java): $! is what kill -9 must hit.
start_worker() {
  SETTLE_JOBS_SETTLEMENT_PARTITIONING_THREADS=1 bin/settle worker > "$WORK/logs/worker-${#ALL_WORKERS[@]}.log" 2>&1 &
  WORKER_PIDS+=($!); ALL_WORKERS+=($!)
}
await_ready() { # LOG PID
  for _ in $(seq 1 900); do
    grep -q "settle worker: taking partitions" "$1" && return 0
    kill -0 "$2" 2>/dev/null || break
    sleep 0.2
  done
  echo "worker $2 did not start:"; tail -20 "$1"; return 1
}
for _ in $(seq 1 "$WORKERS"); do start_worker; done
for i in $(seq 0 $((WORKERS - 1))); do await_ready "$WORK/logs/worker-$i.log" "${ALL_WORKERS[$i]}"; done
echo "soak: $PAYMENTS payments, $WORKERS workers, $KILLS kills, seed $SEED; latency $LATENCY, chunk $CHUNK," \
  "$PARTITIONS partitions per pass, queue $QUEUE"

# The pids of our live workers that hold a partition's lease now (the owner is pid@host/...).
holders() {
  "${PSQL[@]}" -d $PG_DB -tA -c "SELECT split_part(owner, '@', 1) FROM job_lease WHERE lease_key LIKE 'partition:%'
    AND owner NOT LIKE 'released:%' AND locked_until > now()" 2>/dev/null \
    | while read -r pid; do
        for w in "${WORKER_PIDS[@]}"; do if [ "$pid" = "$w" ]; then echo "$pid"; fi; done
      done | sort -u
}

kills=0; runs=0; manual=0; T0=$(date +%s.%N)
"${MANAGER_ENV[@]}" bin/settle settle --date $DATE > "$WORK/logs/manager-$runs.out" 2> "$WORK/logs/manager-$runs.log" &
MANAGER=$!
deadline=""
while :; do
  if [ $kills -lt "$KILLS" ] && kill -0 "$MANAGER" 2>/dev/null; then
    sleep "$(rnd "pause-$kills" 1.0 5.0)"
    victim=""
    for _ in $(seq 1 600); do
      kill -0 "$MANAGER" 2>/dev/null || break
      mapfile -t held < <(holders)
      if [ ${#held[@]} -gt 0 ]; then
        sleep "$(rnd "mid-$kills" 0.0 1.0)"
        mapfile -t held < <(holders)
        if [ ${#held[@]} -gt 0 ]; then
          victim=${held[$(python3 -c "import random; random.seed('$SEED/who-$kills'); print(random.randrange(${#held[@]}))")]}
          break
        fi
      fi
      sleep 0.2
    done
    if [ -n "$victim" ] && kill -0 "$MANAGER" 2>/dev/null; then
      partitions=$("${PSQL[@]}" -d $PG_DB -tA -c "SELECT string_agg(l.lease_key || ' ' || COALESCE(s.step_name, '?'), ', ')
        FROM job_lease l LEFT JOIN batch_step_execution s ON s.step_execution_id = split_part(l.lease_key, ':', 2)::bigint
        WHERE l.lease_key LIKE 'partition:%' AND l.owner LIKE '$victim@%'" 2>/dev/null || true)
      charged=$(curl -sf "localhost:$PORT/sandbox/ledger" | python3 -c 'import json,sys; print(json.load(sys.stdin)["charges"])' || echo '?')
      kill -9 "$victim"; wait "$victim" 2>/dev/null || true
      kills=$((kills + 1))
      alive=(); for w in "${WORKER_PIDS[@]}"; do [ "$w" = "$victim" ] || alive+=("$w"); done; WORKER_PIDS=("${alive[@]}")
      start_worker
      echo "$(at)  kill -9 #$kills: worker $victim holding $partitions ($charged charged so far); started worker ${WORKER_PIDS[-1]}"
    fi
    continue
  fi
  # No more kills (or the manager ended): wait for the manager, RUN_TIMEOUT at most.
  [ -n "$deadline" ] || deadline=$(( $(date +%s) + RUN_TIMEOUT ))
  while kill -0 "$MANAGER" 2>/dev/null && [ "$(date +%s)" -lt "$deadline" ]; do sleep 0.5; done
  if kill -0 "$MANAGER" 2>/dev/null; then
    echo "$(at)  STUCK: the manager still runs $RUN_TIMEOUT s after the last kill. Its log's tail, the partitions, the queue:"
    tail -15 "$WORK/logs/manager-$runs.log" | cut -c1-300 | sed 's/^/    /'
    "${PSQL[@]}" -d $PG_DB -c "SELECT job_execution_id, step_execution_id, step_name, status, exit_code, start_time, end_time
      FROM batch_step_execution WHERE status NOT IN ('COMPLETED') ORDER BY step_execution_id" | sed 's/^/    /'
    "${PSQL[@]}" -d $PG_DB -c "SELECT * FROM job_lease ORDER BY lease_key" | sed 's/^/    /'
    rabbitmqctl -q list_queues name messages_ready messages_unacknowledged consumers 2>/dev/null | grep -F "$QUEUE" | sed 's/^/    /'
    KEEP=1; echo "FAIL"; exit 1
  fi
  rc=0; wait "$MANAGER" || rc=$?; ended=$(date +%T.%3N)
  read -r id status < <(bin/settle status --job settlement --limit 1 --json 2>/dev/null \
    | python3 -c 'import json,sys; d=json.load(sys.stdin); print(*(d[0]["id"], d[0]["status"]) if d else ("none", "none"))')
  echo "$(at)  manager run $runs ended at $ended: exit $rc, latest execution $id $status (its last log line at" \
    "$(grep -E '^[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3} ' "$WORK/logs/manager-$runs.log" | tail -1 | cut -c1-12))"
  [ "$status" = COMPLETED ] && break
  if [ $rc -ne 0 ]; then tail -5 "$WORK/logs/manager-$runs.log" | cut -c1-300 | sed 's/^/    /'; fi
  runs=$((runs + 1))
  [ $runs -gt $((KILLS + 3)) ] && { echo "no completed run after $runs manager runs"; KEEP=1; echo "FAIL"; exit 1; }
  if [ "$id" = none ]; then
    "${MANAGER_ENV[@]}" bin/settle settle --date $DATE > "$WORK/logs/manager-$runs.out" 2> "$WORK/logs/manager-$runs.log" &
  else
    manual=$((manual + 1))
    echo "$(at)  settle restart $id (by hand #$manual)"
    "${MANAGER_ENV[@]}" bin/settle restart "$id" > "$WORK/logs/manager-$runs.out" 2> "$WORK/logs/manager-$runs.log" &
  fi
  MANAGER=$!; deadline=""
done
MANAGER=""
END_S=$(at)

curl -sf "localhost:$PORT/sandbox/ledger" > "$WORK/ledger.json"
"${PSQL[@]}" -d $PG_DB -tA -F '|' > "$WORK/db.txt" <<'SQL'
SELECT 'status', status, count(*) FROM payment GROUP BY status;
SELECT 'gateway_ids', count(DISTINCT gateway_id), count(gateway_id) FROM payment WHERE status = 'SETTLED';
SELECT 'resent', count(*) FILTER (WHERE settled_at - first_sent_at > interval '2 s'), max(settled_at - first_sent_at) FROM payment;
SELECT 'batch', merchant_id, status, COALESCE(batchnum::text, '') FROM payment_batch;
SELECT 'partition', status, exit_code, count(*) FROM batch_step_execution WHERE step_name LIKE 'settlePaymentsWorker:%' GROUP BY status, exit_code;
SELECT 'execution', e.job_execution_id, e.status, e.exit_code FROM batch_job_execution e JOIN batch_job_instance i USING (job_instance_id) WHERE i.job_name = 'settlement' ORDER BY 2;
SQL
cat "$WORK"/logs/manager-*.log > "$WORK/manager.log"
cat "$WORK"/logs/worker-*.log > "$WORK/workers.log"
python3 - "$WORK" "$PAYMENTS" "$kills" "$runs" "$manual" "$END_S" <<'PY'
import collections, json, re, sys
work, payments, kills, runs, manual, end_s = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
ledger = json.load(open(f"{work}/ledger.json"))
statuses, batches, partitions, executions = {}, [], [], []
gateway_ids = resent = None
for line in open(f"{work}/db.txt"):
    w = line.rstrip("\n").split("|")
    if w[0] == "status":
        statuses[w[1]] = int(w[2])
    elif w[0] == "gateway_ids":
        gateway_ids = (int(w[1]), int(w[2]))
    elif w[0] == "resent":
        resent = (int(w[1]), w[2].split(".")[0])
    elif w[0] == "batch":
        batches.append((w[1], w[2], int(w[3]) if w[3] else None))
    elif w[0] == "partition":
        partitions.append(f"{w[1]}/{w[2]} {w[3]}")
    elif w[0] == "execution":
        executions.append(f"{w[1]} {w[2]}")
manager_log = open(f"{work}/manager.log", errors="replace").read()
auto_restarts = len(re.findall(r"lost a worker; restarting it", manager_log))
settled = statuses.get("SETTLED", 0)
nums = collections.defaultdict(list)
for merchant, status, num in batches:
    if status == "CLOSED" and num is not None:
        nums[merchant].append(num)
gap_free = bool(nums) and all(sorted(v) == list(range(1, len(v) + 1)) for v in nums.values())
closed = sum(1 for b in batches if b[1] == "CLOSED")
abandoned = sum(int(p.split()[-1]) for p in partitions if p.startswith("ABANDONED"))
bar = lambda ok: "PASS" if ok else "FAIL"
row = lambda label, value, ok=None: print(f"  {label:44} {value}" + ("" if ok is None else f"   {bar(ok)}"))
print()
print(f"payments {payments:,}, kill -9 of a settling worker {kills}, the run took {end_s.strip()} from the manager's start")
row("manager restarts after a lost worker", f"{auto_restarts} by itself, {manual} by `settle restart`")
row("settlement executions", ", ".join(executions))
row("worker partitions (status/exit count)", ", ".join(sorted(partitions)))
checks = [
    ("charges at the gateway == payments", f"{ledger['charges']:,} of {payments:,}", ledger["charges"] == payments),
    ("SETTLED == payments", f"{settled:,}; " + ", ".join(f"{k} {v:,}" for k, v in sorted(statuses.items())), settled == payments),
    ("nothing PENDING", f"{statuses.get('PENDING', 0):,}", statuses.get("PENDING", 0) == 0),
    ("distinct gateway ids == SETTLED", f"{gateway_ids[0]:,} distinct of {gateway_ids[1]:,}" if gateway_ids else "n/a",
     bool(gateway_ids) and gateway_ids[0] == gateway_ids[1] == settled),
    ("every batch CLOSED", f"{closed} of {len(batches)}", bool(batches) and closed == len(batches)),
    ("batchnums gap-free per merchant", ", ".join(f"{m}: {sorted(v)}" for m, v in sorted(nums.items())), gap_free),
    ("no partition ABANDONED", f"{abandoned}", abandoned == 0),
    ("last execution COMPLETED", executions[-1] if executions else "none", bool(executions) and executions[-1].endswith("COMPLETED")),
]
for label, value, ok in checks:
    row(label, value, ok)
# A payment first sent by a worker that was then killed is settled by a later one (sent again with its
# Unique-Key or looked up): first sent to settled far longer than one request (LATENCY).
row("payments in flight at a kill, settled later", f"{resent[0]:,} (first sent to settled > 2 s; longest {resent[1]})" if resent else "n/a")
row("THROTTLE_EXCEEDED (sandbox)", f"{ledger.get('throttled')}")

# Warnings and errors of every settle process, by kind (numbers, ids and owners blanked).
kinds = collections.Counter()
examples = {}
for name in ("manager.log", "workers.log"):
    for line in open(f"{work}/{name}", errors="replace"):
        m = re.match(r"\S+ (WARN|ERROR) +\[[^\]]*\] (\S+) - (.*)", line)
        if not m:
            continue
        key = (name.split(".")[0], m.group(1), m.group(2), re.sub(r"[0-9a-f-]{8,}|\d+(@\S+)?", "#", m.group(3))[:110])
        kinds[key] += 1
        examples.setdefault(key, line.strip()[:300])
exceptions = collections.Counter(re.findall(r"^(?:Caused by: )?([\w.]+(?:Exception|Error))\b", open(f"{work}/workers.log", errors="replace").read()
                                            + open(f"{work}/manager.log", errors="replace").read(), re.M))
print(f"warnings and errors in the settle logs: {sum(kinds.values())} lines, {len(kinds)} kinds")
for key, n in kinds.most_common(12):
    print(f"  {n:4} x {key[0]} {key[1]} {key[2]}: {examples[key][:240]}")
if exceptions:
    print("  stack traces: " + ", ".join(f"{e} {n}" for e, n in exceptions.most_common(6)))
ok = all(c[2] for c in checks)
print("PASS: double charges 0, payments lost 0, batchnums gap-free" if ok else "FAIL: see the checks above")
sys.exit(0 if ok else 1)
PY
