#!/usr/bin/env python3
"""Samples the machine's CPU for the benches of a cluster (bench/scale.sh, bench/kill9-workers.sh):
every INTERVAL seconds one line of cumulative clock ticks since boot,

    epoch_ms total idle settle sandbox postgres rabbitmq

total and idle from /proc/stat (idle includes iowait), the others the user + system ticks of the
bench's own processes: settle (the `category pid` lines of PIDFILE, re-read each sample, the
manager and the workers), sandbox (idem), postgres (the backends serving DB, found by their
command line) and rabbitmq (the broker's beam.smp). A process's ticks are kept after it exits, so
the columns only grow. `window FILE FIRST_MS LAST_MS` prints the shares of the machine between
two instants (JSON): busy and each category, as fractions of all cores.

    bench/cpu_sampler.py sample OUT PIDFILE DB [INTERVAL]
    bench/cpu_sampler.py window OUT FIRST_MS LAST_MS
"""
import json
import os
import sys
import time

CATEGORIES = ("settle", "sandbox", "postgres", "rabbitmq")


def machine():
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    # user nice system idle iowait irq softirq steal (guest is inside user already)
    total = sum(fields[:8])
    return total, fields[3] + fields[4]


def ticks(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            stat = f.read()
    except OSError:
        return None
    rest = stat[stat.rindex(")") + 2:].split()
    return int(rest[11]) + int(rest[12])  # utime stime (fields 14 and 15)


def sample(out, pidfile, db, interval):
    last = {}  # pid -> (category, latest ticks seen)
    discovered = {}  # pid -> category or None, for processes found by command line
    with open(out, "w", buffering=1) as f:
        while True:
            mine = {}
            try:
                with open(pidfile) as p:
                    for line in p:
                        words = line.split()
                        if len(words) == 2 and words[0] in CATEGORIES:
                            mine[int(words[1])] = words[0]
            except OSError:
                pass
            for entry in os.listdir("/proc"):
                if not entry.isdigit():
                    continue
                pid = int(entry)
                if pid not in discovered:
                    try:
                        with open(f"/proc/{pid}/cmdline", "rb") as c:
                            cmd = c.read().replace(b"\0", b" ").decode(errors="replace")
                    except OSError:
                        continue
                    if cmd.startswith("postgres: ") and f" {db} " in cmd:
                        discovered[pid] = "postgres"
                    elif "beam.smp" in cmd and "rabbit" in cmd:
                        discovered[pid] = "rabbitmq"
                    else:
                        discovered[pid] = None
                if discovered[pid]:
                    mine.setdefault(pid, discovered[pid])
            for pid, category in mine.items():
                t = ticks(pid)
                if t is not None:
                    last[pid] = (category, t)
            total, idle = machine()
            sums = dict.fromkeys(CATEGORIES, 0)
            for category, t in last.values():
                sums[category] += t
            f.write(f"{int(time.time() * 1000)} {total} {idle} " + " ".join(str(sums[c]) for c in CATEGORIES) + "\n")
            time.sleep(interval)


def window(out, first_ms, last_ms):
    rows = []
    with open(out) as f:
        for line in f:
            words = line.split()
            if len(words) == 3 + len(CATEGORIES):
                rows.append([int(w) for w in words])
    before = [r for r in rows if r[0] <= first_ms]
    after = [r for r in rows if r[0] >= last_ms]
    if not before or not after or after[0][1] <= before[-1][1]:
        print(json.dumps(None))
        return
    a, b = before[-1], after[0]
    total = b[1] - a[1]
    shares = {"busy": (total - (b[2] - a[2])) / total, "seconds": (b[0] - a[0]) / 1000}
    for i, category in enumerate(CATEGORIES):
        shares[category] = (b[3 + i] - a[3 + i]) / total
    shares["other"] = shares["busy"] - sum(shares[c] for c in CATEGORIES)
    print(json.dumps(shares))


if __name__ == "__main__":
    if sys.argv[1] == "sample":
        sample(sys.argv[2], sys.argv[3], sys.argv[4], float(sys.argv[5]) if len(sys.argv) > 5 else 0.25)
    elif sys.argv[1] == "window":
        window(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    else:
        sys.exit(__doc__)
