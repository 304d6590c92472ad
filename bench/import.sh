#!/usr/bin/env bash
# Import throughput and memory: `settle import` of a CSV of ROWS valid payments (500 per batch,
# 5 merchants, USD) into a fresh PostgreSQL database, timed as a whole command (JVM start-up
# included) with the JVM's peak RSS. Printed beside two baselines of psql `\copy` of the same file:
# into a table of the product's `payment` shape (PK, FK to a batch table, both unique constraints,
# its secondary index, uuid defaults; the file's batch_external_id goes into batch_id, its two
# batch-level columns are cut away), and into a bare table of the file's columns. Then the import
# again at 100,000 rows: memory must stay flat in file size. Exits 0 whatever the bars say.
#   bench/import.sh [ROWS]          default 1,000,000; FLAT=0 skips the 100,000-row run; KEEP=1 keeps the logs
#   SHAPE=interleaved bench/import.sh   another shape of bench/payments.py (interleaved: 2,000 batches in payment order)
# The product runs as a user runs it, through bin/settle (its JVM options; SETTLE_JAVA_OPTS adds to them).
# Needs PostgreSQL on 127.0.0.1:5432 (trust auth), python3, GNU time (`apt-get install time`).
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-1000000}; FLAT=${FLAT:-1}; FLAT_ROWS=100000
DB=settle_bench_import; COPY_DB=settle_bench_copy
PSQL=(env PGOPTIONS='-c client_min_messages=warning' psql -h 127.0.0.1 -U postgres -X -q -v ON_ERROR_STOP=1)
/usr/bin/time -f %M true >/dev/null 2>&1 || { echo "needs GNU time: apt-get install time" >&2; exit 1; }
[ -f target/settle.jar ] || make build
WORK=$(mktemp -d)
trap 'if [ "${KEEP:-0}" = 1 ]; then echo "logs kept in $WORK"; else rm -rf "$WORK"; fi' EXIT
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.3f", b - a }'; }

# ROWS valid payments in the README's CSV format (optional columns included), of bench/payments.py's
# SHAPE (default grouped: 500 per batch).
generate() { python3 bench/payments.py "$1" "$2" --shape "${SHAPE:-grouped}"; }

# The product's import of FILE into a fresh, migrated database; sets IMPORT_S, RSS_KB, STARTUP_S, COUNT.
run_import() {
  local file=$1 rows=$2 home="$WORK/home-$2"
  mkdir -p "$home/input"; cp -r jobs "$home/"
  "${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
  local -a env=(SETTLE_HOME="$home" SPRING_PROFILES_ACTIVE=postgres SETTLE_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB")
  # Flyway migrates the fresh database first, so the import command runs against a ready schema.
  env "${env[@]}" bin/settle status --limit 1 >/dev/null 2>"$home/migrate.log"
  local t0; t0=$(now)
  env "${env[@]}" /usr/bin/time -f %M -o "$home/rss" bin/settle import "$file" \
    >"$home/import.out" 2>"$home/import.log" || { echo "import failed:"; tail -20 "$home/import.log"; exit 1; }
  IMPORT_S=$(since "$t0")
  RSS_KB=$(tail -1 "$home/rss")
  t0=$(now)
  env "${env[@]}" bin/settle status --limit 1 >/dev/null 2>&1
  STARTUP_S=$(since "$t0")
  COUNT=$("${PSQL[@]}" -d $DB -tAc "SELECT count(*) FROM payment")
  REJECTS=$("${PSQL[@]}" -d $DB -tAc "SELECT count(*) FROM import_reject")
  if grep -q -E ' (WARN|ERROR) ' "$home/import.log"; then
    echo "import of $rows rows logged warnings or errors:"; grep -E ' (WARN|ERROR) ' "$home/import.log" | head -5
  fi
}

echo "generating $ROWS rows..."
generate "$WORK/bench.csv" "$ROWS"
echo "settle import of $ROWS rows into a fresh database $DB..."
run_import "$WORK/bench.csv" "$ROWS"
BIG_S=$IMPORT_S; BIG_RSS=$RSS_KB; BIG_COUNT=$COUNT; BIG_REJECTS=$REJECTS; BIG_STARTUP=$STARTUP_S

echo "psql \\copy of the same file into $COPY_DB..."
COPY_S=$(bench/copy-baseline.sh $COPY_DB "$WORK/bench.csv")
"${PSQL[@]}" -d $COPY_DB <<'SQL'
-- The file as it is, no key, constraint or index.
CREATE TABLE bare (
    batch_external_id TEXT, batch_name TEXT, merchant_id TEXT, reference_id TEXT, type TEXT,
    amount TEXT, currency TEXT, account_id TEXT, depends_on TEXT, custom_data TEXT
);
SQL
t0=$(now)
"${PSQL[@]}" -d $COPY_DB -c "\\copy bare FROM '$WORK/bench.csv' CSV HEADER"
BARE_S=$(since "$t0")
COPY_COUNT=$("${PSQL[@]}" -d $COPY_DB -tAc "SELECT count(*) FROM payment")

if [ "$FLAT" != 0 ]; then
  echo "settle import of $FLAT_ROWS rows (memory baseline)..."
  generate "$WORK/flat.csv" $FLAT_ROWS
  run_import "$WORK/flat.csv" $FLAT_ROWS
  FLAT_RSS=$RSS_KB; FLAT_S=$IMPORT_S; FLAT_COUNT=$COUNT
else
  FLAT_RSS=""; FLAT_S=""; FLAT_COUNT=""
fi

python3 - "$ROWS" "$BIG_S" "$BIG_RSS" "$BIG_COUNT" "$BIG_REJECTS" "$BIG_STARTUP" "$COPY_S" "$BARE_S" "$COPY_COUNT" \
  "$FLAT_ROWS" "$FLAT_S" "$FLAT_RSS" "$FLAT_COUNT" "${SHAPE:-}" <<'PY'
import sys
rows, big_s, big_rss, count, rejects, startup, copy_s, bare_s, copy_count = sys.argv[1:10]
flat_rows, flat_s, flat_rss, flat_count = sys.argv[10:14]
shape = sys.argv[14]
rows, big_s, copy_s, bare_s, startup = int(rows), float(big_s), float(copy_s), float(bare_s), float(startup)
mb = lambda kb: int(kb) / 1024
bar = lambda ok: "PASS" if ok else "FAIL"
imp, cp, bare = rows / big_s, rows / copy_s, rows / bare_s
print()
print(f"import of {rows:,} rows ({-(-rows // 500):,} batches of 500{', ' + shape if shape else ''}), PostgreSQL")
print(f"{'':34} {'rows/s':>10} {'wall s':>9} {'peak RSS':>10}")
row = lambda label, rest: print(f"{label:34} {rest}")
row("settle import (whole command)", f"{imp:>10,.0f} {big_s:>9.2f} {mb(big_rss):>7.0f} MB")
row("\\copy, payment-shaped table", f"{cp:>10,.0f} {copy_s:>9.2f}")
row("\\copy, bare table", f"{bare:>10,.0f} {bare_s:>9.2f}")
row("import / payment-shaped \\copy", f"{imp / cp:>10.2f}   bar >= 0.50  {bar(imp / cp >= 0.5)}")
row("import / bare \\copy", f"{imp / bare:>10.2f}")
print(f"JVM and Spring start-up (settle status on the same database): {startup:.2f} s; "
      f"import net of it: {rows / max(big_s - startup, 1e-9):,.0f} rows/s")
ok = int(count) == rows and int(copy_count) == rows
print(f"payment rows after the import: {int(count):,} (expected {rows:,}, rejects {rejects}); "
      f"after the \\copy: {int(copy_count):,}  {'OK' if ok else 'MISMATCH'}")
if flat_rss:
    ratio = int(big_rss) / int(flat_rss)
    ok = ok and int(flat_count) == int(flat_rows)
    print(f"memory flat in file size: peak RSS {int(flat_rows):,} rows {mb(flat_rss):.0f} MB ({int(flat_rows) / float(flat_s):,.0f} rows/s), "
          f"{rows:,} rows {mb(big_rss):.0f} MB, ratio {ratio:.2f}   bar <= 1.25  {bar(ratio <= 1.25)}")
sys.exit(0 if ok else 1)
PY
