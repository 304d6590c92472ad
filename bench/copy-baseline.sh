#!/usr/bin/env bash
# The baseline of bench/import.sh and bench/shapes.sh: psql `\copy` of a benchmark CSV (the README's
# format, as bench/payments.py writes it) into a fresh PostgreSQL database DB holding a table of the
# product's `payment` shape (PK, FK to a batch table, both unique constraints, its secondary index,
# uuid defaults). The file's batch_external_id goes into batch_id and its two batch-level columns
# are cut away; the batches the FK points at are loaded before the timed copy. The copy runs RUNS
# times (default 3) into the emptied table (TRUNCATE: a new, empty file and indexes); prints the
# median of the seconds they took (psql's start included, a few ms) on stdout, and every run with
# the median on stderr, so that one copy slowed or sped up by the rest of the machine cannot sink
# or flatter the ratios set against it. No field of the generated files holds a comma, so `cut`
# can project the file.
#   bench/copy-baseline.sh DB FILE
set -euo pipefail
cd "$(dirname "$0")/.."
DB=$1; FILE=$(realpath "$2")
PSQL=(env PGOPTIONS='-c client_min_messages=warning' psql -h 127.0.0.1 -U postgres -X -q -v ON_ERROR_STOP=1)
BATCHES=$(mktemp); trap 'rm -f "$BATCHES"' EXIT
"${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
"${PSQL[@]}" -d "$DB" <<'SQL'
-- The batches the FK points at, loaded before the timed copy (the import writes them too, one per batch).
CREATE TABLE payment_batch (
    id          VARCHAR(36)  NOT NULL PRIMARY KEY,
    name        VARCHAR(200) NOT NULL,
    merchant_id VARCHAR(64)  NOT NULL
);
-- src/main/resources/db/migration/common/V2__settlement_schema.sql's payment, with defaults for
-- what the file does not carry; batch_id holds the file's batch_external_id.
CREATE SEQUENCE payment_seq;
CREATE TABLE payment (
    id             VARCHAR(36)    DEFAULT gen_random_uuid()::text NOT NULL PRIMARY KEY,
    batch_id       VARCHAR(36)    NOT NULL REFERENCES payment_batch (id),
    seq            INTEGER        DEFAULT nextval('payment_seq') NOT NULL,
    reference_id   VARCHAR(255)   NOT NULL,
    type           VARCHAR(16)    NOT NULL,
    amount         NUMERIC(18, 3) NOT NULL,
    currency       CHAR(3)        NOT NULL,
    account_id     VARCHAR(64)    NOT NULL,
    depends_on     VARCHAR(255),
    custom_data    VARCHAR(10240),
    unique_key     VARCHAR(64)    DEFAULT gen_random_uuid()::text NOT NULL,
    status         VARCHAR(16)    DEFAULT 'PENDING' NOT NULL,
    attempts       INTEGER        DEFAULT 0 NOT NULL,
    gateway_id     VARCHAR(64),
    http_status    INTEGER,
    error_code     VARCHAR(64),
    error_message  VARCHAR(500),
    correlation_id VARCHAR(100),
    first_sent_at  TIMESTAMP WITH TIME ZONE,
    settled_at     TIMESTAMP WITH TIME ZONE,
    updated_at     TIMESTAMP WITH TIME ZONE,
    source_line    BIGINT,
    CONSTRAINT payment_reference_uk UNIQUE (batch_id, reference_id),
    CONSTRAINT payment_unique_key_uk UNIQUE (unique_key)
);
-- The product's secondary index (V2's (status, batch_id); V10 dropped (batch_id, status)).
CREATE INDEX payment_by_status_ix ON payment (status, batch_id);
SQL
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
