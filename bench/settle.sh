#!/usr/bin/env bash
# Settlement throughput: import PAYMENTS valid payments (500 per batch, 5 merchants, USD) into a
# fresh database, then `settle settle` them against the sandbox gateway running as a separate
# process (given latency and throttle; the client's throttle set to the same limit, 0 = off). No
# ANALYZE or other help between the import and the run: the run is measured as the product leaves
# the database. Prints payments/s from the first to the last gateway request (the sandbox ledger's
# firstCallAt / lastCallAt) and over the settle command's wall time (JVM start-up included), beside
# the ceiling the gateway allows (THROTTLE x 50 calls per 10 s window; 50 calls per latency period,
# one request at a time), the sandbox's THROTTLE_EXCEEDED count and charges, and the settlement
# reader's page read times (PendingPaymentReader at DEBUG), late pages against early ones, and the
# CPU per payment: the settle process's user + system CPU (GNU time) net of the CPU of a start-up
# measured in the same run, divided by the payments. The start-up is that of `settle status` as
# bin/settle runs it (the lean read-only context), and, as a second figure, that of a settle run for
# a date with no work (the full context and an empty job). Beside it the
# CPU the sandbox gateway's JVM and (PostgreSQL) the run's database sessions spent in the same time.
# Exits 0 whatever the bars say.
#   bench/settle.sh [PAYMENTS] [LATENCY] [THROTTLE] [DB]    default 20000 0ms 0 postgresql; DB h2 or postgresql
#   KEEP=1 keeps the logs (import, settle, sandbox) and prints where
#   JFR=FILE records the settle run (only it) with Java Flight Recorder's profile settings into FILE
#     (without the class data sharing archive: JDK 17's JFR crashes on a dynamic archive's classes)
#   RUN_JAVA_OPTS adds JVM options to the settle run only (e.g. a profiler's -agentpath)
#   SANDBOX_OPTS adds options to the sandbox gateway (e.g. --decline-rate 0.035)
# PostgreSQL on 127.0.0.1:5432 (trust auth) for DB=postgresql, database PG_DB (default
# settle_bench_settle, dropped and created); PORT (default 18098) for the sandbox;
# The product runs through bin/settle (its JVM options; SETTLE_JAVA_OPTS adds to them), the sandbox as a plain JVM.
set -euo pipefail
cd "$(dirname "$0")/.."
PAYMENTS=${1:-20000}; LATENCY=${2:-0ms}; THROTTLE=${3:-0}; DB=${4:-postgresql}; PORT=${PORT:-18098}
DATE=2026-11-21; EMPTY_DATE=2026-11-22; PG_DB=${PG_DB:-settle_bench_settle}
PSQL=(env PGOPTIONS='-c client_min_messages=warning' psql -h 127.0.0.1 -U postgres -X -q -v ON_ERROR_STOP=1)
case "$DB" in h2|postgresql) ;; *) echo "DB must be h2 or postgresql, not $DB" >&2; exit 2 ;; esac
[ -f target/settle.jar ] || make build
if curl -s -o /dev/null "localhost:$PORT/"; then echo "port $PORT is in use; set PORT" >&2; exit 1; fi

WORK=$(mktemp -d); mkdir -p "$WORK/home/input"; cp -r jobs "$WORK/home/"
SANDBOX=""; SAMPLER=""
cleanup() {
  set +e
  if [ -n "$SAMPLER" ]; then kill "$SAMPLER" 2>/dev/null; wait "$SAMPLER" 2>/dev/null; fi
  if [ -n "$SANDBOX" ]; then kill "$SANDBOX" 2>/dev/null; wait "$SANDBOX" 2>/dev/null; fi
  if [ "${KEEP:-0}" = 1 ]; then echo "logs kept in $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
export SETTLE_HOME="$WORK/home" SETTLE_GATEWAY_APP_TOKEN="bench-token" SETTLE_GATEWAY_CLIENT_SECRET="bench-secret"
if [ "$DB" = postgresql ]; then
  export SPRING_PROFILES_ACTIVE=postgres SETTLE_DB_URL="jdbc:postgresql://127.0.0.1:5432/$PG_DB"
fi
now() { date +%s.%N; }
# User + system CPU seconds of a process (fields 14 and 15 of /proc/PID/stat), while it lives.
cpu_of() { awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%.2f", ($12 + $13) / hz }' "/proc/$1/stat"; }
# GNU time's user and system seconds of a command, added: cputime FILE COMMAND...
cputime() { local out=$1; shift; /usr/bin/time -f '%U %S' -o "$out.time" "$@"; }
cpu_sum() { awk '{ s = $1 + $2 } END { printf "%.2f", s }' "$1.time"; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.3f", b - a }'; }

java -jar target/settle.jar sandbox --port "$PORT" --throttle "$THROTTLE" --latency "$LATENCY" ${SANDBOX_OPTS:-} \
  > "$WORK/sandbox.log" 2>&1 &
SANDBOX=$!

# The generator of bench/import.sh: 500 payments per batch, unique reference ids, no dependencies.
python3 bench/payments.py "$WORK/bench.csv" "$PAYMENTS"

if [ "$DB" = postgresql ]; then
  "${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $PG_DB" -c "CREATE DATABASE $PG_DB"
fi
t0=$(now)
bin/settle import "$WORK/bench.csv" > "$WORK/import.out" 2> "$WORK/import.log" \
  || { echo "import failed:"; tail -20 "$WORK/import.log"; exit 1; }
IMPORT_S=$(since "$t0")

for _ in $(seq 1 150); do curl -sf "localhost:$PORT/sandbox/ledger" >/dev/null && break; sleep 0.2; done
if ! kill -0 $SANDBOX 2>/dev/null || ! curl -sf "localhost:$PORT/sandbox/ledger" >/dev/null; then
  echo "the sandbox did not start:"; tail -20 "$WORK/sandbox.log"; exit 1
fi

# A class's log level cannot come from an environment variable (Spring Boot lower-cases the logger
# name) and the CLI does not hand its arguments to Spring, so it is a system property.
# The client's throttle is the sandbox's (0 = off on both sides).
export SETTLE_GATEWAY_BASE_URL="http://127.0.0.1:$PORT" SETTLE_GATEWAY_THROTTLE_LIMIT="$THROTTLE"
RUN_OPTS="${SETTLE_JAVA_OPTS:-} -Dlogging.level.com.settlebatch.settlement.PendingPaymentReader=DEBUG"
if [ "$DB" = postgresql ]; then # the run's database sessions, sampled while it runs
  : > "$WORK/pids"; python3 bench/cpu_sampler.py sample "$WORK/cpu.samples" "$WORK/pids" "$PG_DB" 0.2 &
  SAMPLER=$!; sleep 0.5
fi
SANDBOX_CPU0=$(cpu_of $SANDBOX)
t0=$(now); rc=0
JFR_OPTS=""; [ -z "${JFR:-}" ] || JFR_OPTS="-XX:StartFlightRecording=settings=profile,filename=$JFR -Xshare:auto"
SETTLE_JAVA_OPTS="$RUN_OPTS $JFR_OPTS ${RUN_JAVA_OPTS:-}" cputime "$WORK/settle" bin/settle settle --date $DATE > "$WORK/settle.log" 2>&1 || rc=$?
SETTLE_S=$(since "$t0")
SANDBOX_CPU=$(awk -v a="$SANDBOX_CPU0" -v b="$(cpu_of $SANDBOX)" 'BEGIN { printf "%.2f", b - a }')
PG_CPU=n/a
if [ -n "$SAMPLER" ]; then
  sleep 0.5; kill "$SAMPLER"; wait "$SAMPLER" 2>/dev/null || true; SAMPLER=""
  PG_CPU=$(awk -v hz="$(getconf CLK_TCK)" 'NR == 1 { a = $6 } { b = $6 } END { printf "%.2f", (b - a) / hz }' "$WORK/cpu.samples")
fi
# The start-ups, after the run so they do not compete with it: `settle status`, and a settle run of
# a date with no batches left to claim (every batch of the run is closed by now).
cputime "$WORK/status" env SETTLE_JAVA_OPTS="$RUN_OPTS" bin/settle status \
  > "$WORK/status.out" 2> "$WORK/status.log" || { echo "settle status failed:"; tail -5 "$WORK/status.log"; }
if [ $rc -eq 0 ]; then # after a failed run it would claim and settle what is left
  cputime "$WORK/empty" env SETTLE_JAVA_OPTS="$RUN_OPTS" bin/settle settle --date $EMPTY_DATE \
    > "$WORK/empty.log" 2>&1 || { echo "the empty settle run failed:"; tail -5 "$WORK/empty.log"; }
else
  echo "0 0" > "$WORK/empty.time"
fi
curl -sf "localhost:$PORT/sandbox/ledger" > "$WORK/ledger.json"
if [ $rc -ne 0 ]; then echo "settle exited $rc:"; tail -30 "$WORK/settle.log"; fi
if grep -q -E ' (WARN|ERROR) ' "$WORK/settle.log"; then
  echo "settle logged warnings or errors:"; grep -E ' (WARN|ERROR) ' "$WORK/settle.log" | head -5
fi

# Payments by status and closed batches, as the database holds them after the run.
if [ "$DB" = postgresql ]; then
  { "${PSQL[@]}" -d $PG_DB -tA -F ' ' -c "SELECT status, count(*) FROM payment GROUP BY status ORDER BY status"
    "${PSQL[@]}" -d $PG_DB -tA -F ' ' -c "SELECT 'batches', count(*) FILTER (WHERE status = 'CLOSED'), count(*) FROM payment_batch"
  } > "$WORK/statuses"
else
  # No psql for H2: the product's batch listing (its counts per status), 1000 batches a page;
  # a JVM that starts quicker (C1 only), as it only reads.
  offset=0
  while :; do
    java -XX:TieredStopAtLevel=1 ${SETTLE_JAVA_OPTS:-} -jar target/settle.jar batches --json --limit 1000 --offset $offset 2>/dev/null > "$WORK/batches-$offset.json"
    more=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(1 if int(sys.argv[2]) + len(d["data"]) < d["total"] and d["data"] else 0)' \
      "$WORK/batches-$offset.json" $offset)
    [ "$more" = 1 ] || break
    offset=$((offset + 1000))
  done
  python3 - "$WORK" > "$WORK/statuses" <<'PY'
import glob, json, sys
fields = {"SETTLED": "settledCount", "DECLINED": "declinedCount", "FAILED": "failedCount", "SKIPPED": "skippedCount"}
totals, closed, batches = dict.fromkeys(fields, 0), 0, 0
for page in glob.glob(sys.argv[1] + "/batches-*.json"):
    for b in json.load(open(page))["data"]:
        batches += 1
        closed += b["status"] == "CLOSED"
        for status, field in fields.items():
            totals[status] += b[field]
for status, n in totals.items():
    print(status, n)
print("batches", closed, batches)
PY
fi

python3 - "$PAYMENTS" "$LATENCY" "$THROTTLE" "$DB" "$WORK/ledger.json" "$WORK/settle.log" "$WORK/statuses" \
  "$SETTLE_S" "$IMPORT_S" "$rc" "$(cpu_sum "$WORK/settle")" "$(cpu_sum "$WORK/status")" "$(cpu_sum "$WORK/empty")" \
  "$SANDBOX_CPU" "$PG_CPU" <<'PY'
import json, re, statistics, sys
payments, latency, throttle, db = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]
ledger = json.load(open(sys.argv[5]))
log = open(sys.argv[6], errors="replace").read()
statuses, closed = {}, (0, 0)
for line in open(sys.argv[7]):
    words = line.split()
    if words and words[0] == "batches":
        closed = (int(words[1]), int(words[2]))
    elif words:
        statuses[words[0]] = int(words[1])
settle_s, import_s, rc = float(sys.argv[8]), float(sys.argv[9]), int(sys.argv[10])
settle_cpu, status_cpu, empty_cpu, sandbox_cpu = (float(x) for x in sys.argv[11:15])
pg_cpu = None if sys.argv[15] == "n/a" else float(sys.argv[15])
bar = lambda ok: "PASS" if ok else "FAIL"

m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(ms|s|m)?", latency.strip())
latency_s = float(m.group(1)) * {"ms": 0.001, "s": 1, "m": 60, None: 0.001}[m.group(2)] if m else None
settled = statuses.get("SETTLED", 0)
first, last = ledger.get("firstCallAt"), ledger.get("lastCallAt")
window = (last - first) / 1000 if first is not None and last is not None else None
rate = settled / window if window else None

ceilings = []
if throttle > 0:
    ceilings.append((throttle * 50 / 10, f"{throttle} requests x 50 calls / 10 s window"))
if latency_s:
    ceilings.append((1 * 50 / latency_s, f"1 request at a time x 50 calls / {latency}"))
ceiling = min(ceilings) if ceilings else None

def fmt(x, spec=",.0f"):
    return "n/a" if x is None else format(x, spec)

row = lambda label, value: print(f"  {label:50} {value}")
print()
print(f"settlement of {payments:,} payments ({-(-payments // 500):,} batches), {db}, gateway latency {latency}, "
      f"throttle {throttle} (client {throttle})")
row("payments/s, first to last gateway request", f"{fmt(rate)}   ({settled:,} settled in {fmt(window, '.2f')} s)")
row("payments/s, settle command wall time", f"{payments / settle_s:,.0f}   ({settle_s:.2f} s incl. JVM start; import took {import_s:.2f} s)")
if ceiling:
    row("ceiling", f"{ceiling[0]:,.0f}/s   ({ceiling[1]})")
    row("ratio to the ceiling", fmt(rate / ceiling[0] if rate else None, ".2f"))
    if throttle > 0 and -(-payments // 50) < 5 * throttle:
        row("", "(under 5 windows of requests: the first window's burst lifts the rate)")
else:
    row("ceiling", "none (gateway at 0 ms)")
row("THROTTLE_EXCEEDED answers (sandbox)", f"{ledger.get('throttled')}")
row("charges at the gateway", f"{ledger['charges']:,} (expected {payments:,})   {bar(ledger['charges'] == payments)}")
row("payments in the database" if db == "postgresql" else "payments (the batches' counts)", ", ".join(f"{s} {n:,}" for s, n in sorted(statuses.items())) or "none")
row("batches closed", f"{closed[0]:,} of {closed[1]:,}")
row("progress lines in the settle log", f"{len(re.findall(r' progress: ', log)):,}")
cpu_ms = lambda startup: (settle_cpu - startup) * 1000 / payments
row("CPU per payment (settle process)", f"{cpu_ms(status_cpu):.3f} ms   (net of start-up {status_cpu:.2f} s: `settle status`; "
    f"process {settle_cpu:.2f} s)")
row("CPU per payment, net of an empty settle run", f"{cpu_ms(empty_cpu):.3f} ms   (net of {empty_cpu:.2f} s)")
row("CPU of the sandbox gateway during the run", f"{sandbox_cpu:.2f} s   ({sandbox_cpu * 1000 / payments:.3f} ms per payment)")
if pg_cpu is not None:
    row("CPU of the run's PostgreSQL sessions", f"{pg_cpu:.2f} s   ({pg_cpu * 1000 / payments:.3f} ms per payment)")

pages = [float(ms) for ms in re.findall(r"page read pass=\d+ page=\d+ rows=\d+ ms=(\d+(?:\.\d+)?)", log)]
late_early = None
if pages:
    k = max(1, len(pages) // 10)
    early, late = statistics.median(pages[:k]), statistics.median(pages[-k:])
    late_early = late / early if early > 0 else None
    row("page reads", f"{len(pages):,} pages; median ms, first 10% {early:.2f}, last 10% {late:.2f}")
    row("late / early page read", f"{fmt(late_early, '.2f')}   bar <= 2  {bar(late_early is not None and late_early <= 2)}")
else:
    row("page reads", "n/a (no 'page read' lines from PendingPaymentReader)")
    row("late / early page read", "n/a")

print("bars:")
if throttle == 0 and latency_s == 0:
    row("unthrottled, 0 ms: >= 1850 payments/s", bar(rate is not None and rate >= 1850))
if throttle > 0:
    need = 0.95 * throttle * 50 / 10
    row(f"throttled {throttle}: >= {need:,.1f} payments/s (0.95 x {throttle * 5}/s)", bar(rate is not None and rate >= need))
    row(f"throttled {throttle}: THROTTLE_EXCEEDED == 0", bar(ledger.get("throttled") == 0))
row("charges == payments", bar(ledger["charges"] == payments))
row("late / early page read <= 2", "n/a" if late_early is None else bar(late_early <= 2))
sys.exit(0 if rc == 0 else 1)
PY
