#!/usr/bin/env bash
# Start-up of a read-only command (issue 10 item 5): the wall time of `settle status` against an H2
# database holding the samples settled once (as `make run` leaves it), the median of RUNS runs,
# beside two baselines measured in the same run of this script: `java -version` (the JVM's own
# start, the floor) and the same command of the base commit BASE (built from a `git worktree` of it
# under /tmp and run through its own bin/settle). The product runs as a user runs it, through
# bin/settle: its class data sharing archive (recorded by one untimed run first, as the first
# command after a build records it) and without it (SETTLE_CDS=0), to show what each cut is worth.
# The outputs of the base and the current command are compared too. Exits 0 whatever the figures.
#   bench/cli.sh [RUNS] [BASE]       default 7 46e3f7c; KEEP=1 keeps the work directory
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-7}; BASE=${2:-46e3f7c}
make -s build
WORK=$(mktemp -d /tmp/settle-bench-cli.XXXXXX)
cleanup() {
  git worktree remove --force "$WORK/base" >/dev/null 2>&1 || true
  if [ "${KEEP:-0}" = 1 ]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
now() { date +%s.%N; }

echo "building the base commit $BASE in $WORK/base..."
git worktree add -q --detach "$WORK/base" "$BASE"
(cd "$WORK/base" && mvn -B -ntp -q -DskipTests package) >"$WORK/base-build.log" 2>&1 \
  || { echo "the base commit did not build:"; tail -20 "$WORK/base-build.log"; exit 1; }

echo "settling the samples once into $WORK/home (H2)..."
home="$WORK/home"
mkdir -p "$home/input"; cp -r jobs "$home/"; cp input/samples/* "$home/input/"
SETTLE_HOME="$home" SETTLE_SANDBOX_EMBEDDED=true SETTLE_INPUT_SETTLE_TIME=0s bin/settle run \
  >"$WORK/run.out" 2>"$WORK/run.log" || { echo "make-run-like run failed:"; tail -20 "$WORK/run.log"; exit 1; }

# The median wall time in seconds of RUNS runs of the command; its last stdout in $WORK/$1.out.
median() {
  local name=$1; shift
  local times=()
  for _ in $(seq "$RUNS"); do
    local t0; t0=$(now)
    "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" || { echo "$name failed:"; tail -5 "$WORK/$name.err"; exit 1; }
    times+=("$(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.3f", b - a }')")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)] }'
}

export SETTLE_HOME="$home"
SETTLE_HOME="$home" bin/settle status >/dev/null 2>&1 # records the CDS archive, untimed
floor=$(median java-version java -XX:+UseSerialGC -version)
base=$(median base "$WORK/base/bin/settle" status)
lean=$(median lean env SETTLE_CDS=0 bin/settle status)
now_s=$(median current bin/settle status)
same=no; cmp -s "$WORK/base.out" "$WORK/current.out" && same=yes

echo
echo "settle status, wall time, median of $RUNS runs ($(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)):"
printf '  %-52s %6s s\n' "java -version (the JVM floor)" "$floor"
printf '  %-52s %6s s\n' "base commit $BASE (full application context)" "$base"
printf '  %-52s %6s s\n' "this build, lean context, no CDS (SETTLE_CDS=0)" "$lean"
printf '  %-52s %6s s   (bar: <= 1.5 s on an idle machine)\n' "this build through bin/settle (lean context + CDS + C1)" "$now_s"
echo "  same output as the base commit: $same"
