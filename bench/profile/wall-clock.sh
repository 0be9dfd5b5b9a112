#!/usr/bin/env bash
# Wall-clock samples of one thread of a running JVM: JFR's execution samples see only a thread that runs on a CPU,
# so a stream thread waiting on a commit, a fetch or a RocksDB write stall is invisible there. This takes a thread
# dump every INTERVAL seconds (default 0.2; each dump costs a jcmd start, so the rate is what the machine allows)
# and keeps the stacks of the threads whose name matches PATTERN, until the JVM exits.
# Usage: bench/profile/wall-clock.sh PID PATTERN OUT [INTERVAL]; then bench/profile/wall-top.py OUT
set -euo pipefail
pid=$1; pattern=$2; out=$3; interval=${4:-0.2}
: > "$out"
while kill -0 "$pid" 2>/dev/null; do
  jcmd "$pid" Thread.print 2>/dev/null | awk -v p="$pattern" '/^"/{keep=index($0, p) > 0} keep' >> "$out" || true
  echo "=====" >> "$out"
  sleep "$interval"
done
