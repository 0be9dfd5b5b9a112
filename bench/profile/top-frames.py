#!/usr/bin/env python3
"""Aggregates JFR execution samples: top frames (self), and the project's methods seen anywhere on the stack
(inclusive), optionally only for threads whose name contains a filter.

Usage: jfr print --events jdk.ExecutionSample --stack-depth 64 rec.jfr | bench/profile/top-frames.py [THREAD_FILTER]
"""
import collections
import re
import sys

thread_filter = sys.argv[1] if len(sys.argv) > 1 else ""
self_counts = collections.Counter()
inclusive = collections.Counter()
threads = collections.Counter()
total = 0


def flush(thread, frames):
    global total
    if not frames or thread_filter not in thread:
        return
    total += 1
    threads[re.sub(r"-\d+$", "-N", thread)] += 1
    self_counts[frames[0]] += 1
    for frame in set(f for f in frames if f.startswith("org.tipmonitor")):
        inclusive[frame] += 1


thread, frames, in_stack = "", [], False
for line in sys.stdin:
    line = line.strip()
    if line.startswith("jdk.ExecutionSample"):
        flush(thread, frames)
        thread, frames, in_stack = "", [], False
    elif line.startswith("sampledThread"):
        m = re.search(r'"(.*)"', line)
        thread = m.group(1) if m else line
    elif line.startswith("stackTrace"):
        in_stack = True
    elif in_stack and line and not line.startswith("]") and not line.startswith("..."):
        frames.append(re.sub(r"\s+line:.*$", "", line))
flush(thread, frames)

print(f"{total} samples" + (f" on threads matching '{thread_filter}'" if thread_filter else ""))
print("\nthreads:")
for name, n in threads.most_common(12):
    print(f"  {100.0 * n / total:5.1f}%  {name}")
print("\ntop frames (self):")
for name, n in self_counts.most_common(25):
    print(f"  {100.0 * n / total:5.1f}%  {name}")
print("\nproject methods on the stack (inclusive):")
for name, n in inclusive.most_common(30):
    print(f"  {100.0 * n / total:5.1f}%  {name}")
