#!/usr/bin/env bash
# What PostgreSQL did during one phase of bench/year.sh (STATS=1): called with `begin DB` before the
# phase and `end DB LABEL` after it, appends to $WORK/DB.stats
#   - the statements of the phase by total time (pg_stat_statements of that database, reset at
#     begin): calls, total and mean ms, shared blocks hit / read / dirtied / written, rows;
#   - per table and per index of payment, payment_batch and settlement_work, the blocks read from
#     outside shared_buffers and hit in it, rows inserted / updated / HOT-updated / deleted, scans,
#     and the autovacuum and autoanalyze runs that finished during the phase;
#   - the autovacuum workers seen during it (pg_stat_progress_vacuum, sampled every 0.5 s: table and
#     phase), and the cluster's WAL bytes, full-page images and checkpoints (whole cluster: other
#     databases' work counts too).
# pg_stat_statements must be in shared_preload_libraries; the extension is created in DB if missing.
# Counters are differences of snapshots, never resets of pg_stat_user_tables: resetting those would
# also zero the dead-row counts that autovacuum decides by.
set -euo pipefail
PSQL=(env PGOPTIONS='-c client_min_messages=warning' psql -h 127.0.0.1 -U postgres -X -q -v ON_ERROR_STOP=1)
what=$1 db=$2 label=${3:-}
snap() {
  "${PSQL[@]}" -d "$db" -tA -F ' ' -c "
    SELECT 'table:' || relname, n_tup_ins, n_tup_upd, n_tup_hot_upd, n_tup_del, seq_scan, COALESCE(idx_scan, 0),
           autovacuum_count, autoanalyze_count
    FROM pg_stat_user_tables WHERE relname IN ('payment', 'payment_batch', 'settlement_work')
    UNION ALL
    SELECT 'heap:' || relname, heap_blks_read, heap_blks_hit, 0, 0, 0, 0, 0, 0
    FROM pg_statio_user_tables WHERE relname IN ('payment', 'payment_batch', 'settlement_work')
    UNION ALL
    SELECT 'index:' || indexrelname, idx_blks_read, idx_blks_hit, 0, 0, 0, 0, 0, 0
    FROM pg_statio_user_indexes WHERE relname IN ('payment', 'payment_batch', 'settlement_work')
    UNION ALL
    SELECT 'cluster:wal', wal_bytes::bigint, wal_fpi, 0, 0, 0, 0, 0, 0 FROM pg_stat_wal
    UNION ALL
    SELECT 'cluster:checkpoints', checkpoints_timed + checkpoints_req, buffers_checkpoint, buffers_backend, 0, 0, 0, 0, 0
    FROM pg_stat_bgwriter"
}
case $what in
  begin)
    "${PSQL[@]}" -d "$db" -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" \
      -c "SELECT pg_stat_statements_reset(0, (SELECT oid FROM pg_database WHERE datname = current_database()), 0)" > /dev/null
    # Counters reach the views when a backend's transaction ends (at most a second late).
    sleep 1
    snap > "$WORK/$db.snap"
    : > "$WORK/$db.vacuum"
    ( while :; do
        "${PSQL[@]}" -d "$db" -tA -c "SELECT relid::regclass || ' ' || phase FROM pg_stat_progress_vacuum
            WHERE datname = current_database()" >> "$WORK/$db.vacuum" 2>/dev/null || true
        sleep 0.5
      done ) &
    echo $! > "$WORK/$db.sampler"
    ;;
  end)
    kill "$(cat "$WORK/$db.sampler")" 2>/dev/null || true
    sleep 1
    snap > "$WORK/$db.snap2"
    {
      echo "== $label"
      python3 - "$WORK/$db.snap" "$WORK/$db.snap2" <<'PY'
import sys
def load(f):
    return {l.split()[0]: [int(float(x)) for x in l.split()[1:]] for l in open(f) if l.strip()}
a, b = load(sys.argv[1]), load(sys.argv[2])
heads = {"table": "ins upd hot_upd del seq_scan idx_scan autovacuum autoanalyze",
         "heap": "blks_read blks_hit", "index": "blks_read blks_hit",
         "cluster:wal": "bytes full_page_images", "cluster:checkpoints": "checkpoints buffers_checkpoint buffers_backend"}
for k, v in b.items():
    d = [x - y for x, y in zip(v, a.get(k, [0] * len(v)))]
    kind = k if k.startswith("cluster") else k.split(":")[0]
    names = heads[kind].split()
    print(f"  {k:42} " + "  ".join(f"{n}={x:,}" for n, x in zip(names, d)))
PY
      if [ -s "$WORK/$db.vacuum" ]; then
        echo "  autovacuum seen (table phase: samples of 0.5 s):"
        sort "$WORK/$db.vacuum" | uniq -c | sed 's/^/   /'
      fi
      echo "  statements by total time (calls, total ms, mean ms, shared hit / read / dirtied / written, rows):"
      "${PSQL[@]}" -d "$db" -tA -F ' | ' -c "
        SELECT calls, round(total_exec_time::numeric, 1), round(mean_exec_time::numeric, 3), shared_blks_hit,
               shared_blks_read, shared_blks_dirtied, shared_blks_written, rows,
               left(regexp_replace(query, '\s+', ' ', 'g'), 150)
        FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
        ORDER BY total_exec_time DESC LIMIT 14" | sed 's/^/    /'
    } >> "$WORK/$db.stats"
    ;;
esac
