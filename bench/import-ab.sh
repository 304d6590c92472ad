#!/usr/bin/env bash
# The import of one file by two builds of the product, alternated ROUNDS times in one run, so that a
# change can be judged on a machine shared with other work: wall times move with the machine's load
# by tens of per cent from one import to the next (bench/shapes.sh's ratio of one cell cannot tell a
# change from the load), while alternating A and B spreads the load over both, and CPU moves less.
# Per import, into a fresh PostgreSQL database: the import job's own duration (BATCH_JOB_EXECUTION
# START_TIME to END_TIME) and each step's, the settle process's CPU (GNU time), and the CPU of the
# PostgreSQL server processes serving it (their /proc stat, polled every 0.2 s until they end; the
# few milliseconds of a last poll interval may be lost), then the medians per build. psql `\copy` of
# the same file (bench/copy-baseline.sh) runs between the rounds, and import/copy is printed per
# build against the median of all copies.
#   bench/import-ab.sh DIR_A DIR_B [SHAPE] [ROWS] [ROUNDS]
#     DIR_A, DIR_B  checkouts whose target/settle.jar is built (a `git worktree` or `git archive` of a
#                   commit, then `make build` in it); their bin/settle runs the import
#     SHAPE         bench/payments.py's shape, default tiny (batches of 5); ROWS default 500,000
#     ROUNDS        default 3
#   DB (default ab_import), COPY_DB (default ab_copy) name the databases (dropped at the end).
# PostgreSQL on 127.0.0.1:5432 (trust auth), python3, GNU time. Exits 0 whatever the figures.
set -euo pipefail
cd "$(dirname "$0")/.."
A=$(realpath "$1"); B=$(realpath "$2"); SHAPE=${3:-tiny}; ROWS=${4:-500000}; ROUNDS=${5:-3}
DB=${DB:-ab_import}; COPY_DB=${COPY_DB:-ab_copy}
PSQL=(env PGOPTIONS='-c client_min_messages=warning' psql -h 127.0.0.1 -U postgres -X -q -v ON_ERROR_STOP=1)
for dir in "$A" "$B"; do [ -f "$dir/target/settle.jar" ] || { echo "$dir/target/settle.jar: build it first" >&2; exit 1; }; done
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
FILE="$WORK/$SHAPE.csv"
python3 bench/payments.py "$FILE" "$ROWS" --shape "$SHAPE"
TICK=$(getconf CLK_TCK)

# Sums, every 0.2 s, the CPU ticks of the server processes of database DB into FILE (the last
# reading of each process), until STOP exists.
watch_backends() {
  local out=$1 stop=$2
  declare -A ticks=()
  while [ ! -e "$stop" ]; do
    for pid in $("${PSQL[@]}" -d postgres -tAc "SELECT pid FROM pg_stat_activity WHERE datname = '$DB' AND backend_type = 'client backend'" 2>/dev/null); do
      if [ -r "/proc/$pid/stat" ]; then
        ticks[$pid]=$(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo "${ticks[$pid]:-0}")
      fi
    done
    sleep 0.2
  done
  local sum=0
  for t in "${ticks[@]}"; do sum=$((sum + t)); done
  echo "$sum" > "$out"
}

# One import of FILE by the build in DIR; appends "label job cpu server steps" to RESULTS.
import_once() {
  local label=$1 dir=$2 home="$WORK/home-$1"
  rm -rf "$home"; mkdir -p "$home/input"; cp -r "$dir/jobs" "$home/"
  "${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
  local -a env=(SETTLE_HOME="$home" SPRING_PROFILES_ACTIVE=postgres SETTLE_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB")
  env "${env[@]}" "$dir/bin/settle" status --limit 1 >/dev/null 2>"$home/migrate.log"
  rm -f "$WORK/stop"; watch_backends "$WORK/server" "$WORK/stop" & local watcher=$!
  local load; load=$(cut -d' ' -f1 /proc/loadavg)
  env "${env[@]}" /usr/bin/time -f '%U %S' -o "$home/time" "$dir/bin/settle" import "$FILE" \
    >"$home/import.out" 2>"$home/import.log" || { echo "$label: import failed"; tail -5 "$home/import.log"; }
  touch "$WORK/stop"; wait "$watcher"
  local job steps cpu server
  job=$("${PSQL[@]}" -d $DB -tAc "SELECT EXTRACT(EPOCH FROM end_time - start_time) FROM batch_job_execution")
  steps=$("${PSQL[@]}" -d $DB -tA -F= -c "SELECT step_name, ROUND(EXTRACT(EPOCH FROM end_time - start_time), 2)
    FROM batch_step_execution ORDER BY step_execution_id" | tr '\n' ' ')
  cpu=$(awk '{ printf "%.2f", $1 + $2 }' "$home/time")
  server=$(awk -v t="$(cat "$WORK/server")" -v hz="$TICK" 'BEGIN { printf "%.2f", t / hz }')
  echo "$label $job $cpu $server $steps" >> "$WORK/results"
  printf '%s: job %.2f s, settle CPU %s s, server CPU %s s, load %s; %s\n' "$label" "$job" "$cpu" "$server" "$load" "$steps"
}

: > "$WORK/results"; : > "$WORK/copies"
for round in $(seq 1 "$ROUNDS"); do
  if [ $((round % 2)) = 1 ]; then import_once A "$A"; import_once B "$B"; else import_once B "$B"; import_once A "$A"; fi
  bench/copy-baseline.sh "$COPY_DB" "$FILE" 2>/dev/null >> "$WORK/copies"
done
"${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "DROP DATABASE IF EXISTS $COPY_DB"

python3 - "$WORK/results" "$WORK/copies" "$ROWS" "$A" "$B" <<'PY'
import statistics, sys
results, copies, rows, a, b = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
copy = statistics.median(float(x) for x in open(copies).read().split())
runs = {"A": [], "B": []}
for line in open(results):
    label, job, cpu, server, *steps = line.split()
    runs[label].append((float(job), float(cpu), float(server), dict(s.split("=") for s in steps)))
print(f"\n{rows:,} rows; psql \\copy median {copy:.2f} s ({rows / copy:,.0f} rows/s); medians of {len(runs['A'])} imports each:")
for label, path in (("A", a), ("B", b)):
    r = runs[label]
    job = statistics.median(x[0] for x in r)
    steps = {name: statistics.median(float(x[3].get(name, 0)) for x in r) for name in r[0][3]}
    print(f"{label} ({path}): job {job:.2f} s = {rows / job:,.0f} rows/s, import/copy {copy / job:.2f}; "
          f"settle CPU {statistics.median(x[1] for x in r):.2f} s, server CPU {statistics.median(x[2] for x in r):.2f} s")
    print("   steps: " + ", ".join(f"{name} {sec:.2f} s" for name, sec in steps.items()))
PY
