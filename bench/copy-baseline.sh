#!/usr/bin/env bash
# The baseline of bench/import.sh and bench/shapes.sh: psql `\copy` of a benchmark CSV (the README's
# format, as bench/payments.py writes it) into a fresh PostgreSQL database DB holding a table of the
# product's `payment` shape (bench/payment-baseline.sql: PK, FK to a batch table, both unique
# constraints, its secondary index, uuid defaults). The file's batch_external_id goes into batch_id
# and its two batch-level columns are cut away; the batches the FK points at are loaded before the
# timed copy. The copy runs RUNS times (default 3) into the emptied table (TRUNCATE: a new, empty
# file and indexes); prints the median of the seconds they took (psql's start included, a few ms)
# on stdout, and every run with the median on stderr, so that one copy slowed or sped up by the rest
# of the machine cannot sink or flatter the ratios set against it. No field of the generated files
# holds a comma, so `cut` can project the file.
#   bench/copy-baseline.sh DB FILE
set -euo pipefail
cd "$(dirname "$0")/.."
DB=$1; FILE=$(realpath "$2")
PSQL=(env PGOPTIONS='-c client_min_messages=warning' psql -h 127.0.0.1 -U postgres -X -q -v ON_ERROR_STOP=1)
BATCHES=$(mktemp); trap 'rm -f "$BATCHES"' EXIT
"${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
"${PSQL[@]}" -d "$DB" -f bench/payment-baseline.sql
python3 - "$FILE" "$BATCHES" <<'PY'
import csv, sys
seen = {}
with open(sys.argv[1], newline="") as f:
    for row in csv.DictReader(f):
        seen.setdefault(row["batch_external_id"], (row["batch_name"], row["merchant_id"]))
with open(sys.argv[2], "w", newline="") as out:
    w = csv.writer(out)
    for ext, (name, merchant) in seen.items():
        w.writerow([ext, name, merchant])
PY
"${PSQL[@]}" -d "$DB" -c "\\copy payment_batch (id, name, merchant_id) FROM '$BATCHES' CSV"
TIMES=()
for _ in $(seq 1 "${RUNS:-3}"); do
  "${PSQL[@]}" -d "$DB" -c "TRUNCATE payment"
  t0=$(date +%s.%N)
  "${PSQL[@]}" -d "$DB" -c "\\copy payment (batch_id, reference_id, type, amount, currency, account_id, depends_on, custom_data) FROM PROGRAM 'cut -d, -f1,4-10 $FILE' CSV HEADER"
  TIMES+=("$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.3f", b - a }')")
done
MEDIAN=$(printf '%s\n' "${TIMES[@]}" | sort -n | awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)] }')
echo "copy-baseline: \\copy of $(basename "$FILE") ${#TIMES[@]} times: ${TIMES[*]} s; median $MEDIAN s" >&2
echo "$MEDIAN"
