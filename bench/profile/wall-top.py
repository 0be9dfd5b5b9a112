#!/usr/bin/env python3
"""Summarises bench/profile/wall-clock.sh samples: the top frame of each sample (where the thread was, running or
waiting) and the Streams, client and project methods seen anywhere on the stack (inclusive), as shares of samples.

Usage: bench/profile/wall-top.py SAMPLES [N]
"""
import collections
import sys

KEEP = ("org.tipmonitor", "StreamThread.", "TaskExecutor", "TaskManager", "KafkaConsumer", "KafkaProducer",
        "StreamsProducer", "RecordCollector", "ProcessorStateManager", "RocksDB", "punctuate", "commit", "flush")
top_n = int(sys.argv[2]) if len(sys.argv) > 2 else 40
top = collections.Counter()
inclusive = collections.Counter()
samples = 0
for block in open(sys.argv[1]).read().split("====="):
    frames = [line.strip()[3:].split("(")[0] for line in block.splitlines() if line.strip().startswith("at ")]
    if not frames:
        continue
    samples += 1
    top[frames[0]] += 1
    for name in set(f for f in frames if any(k in f for k in KEEP)):
        inclusive[name] += 1
print(f"{samples} samples")
print("--- top frames")
for name, count in top.most_common(15):
    print(f"{100 * count / samples:5.1f}% {name}")
print("--- inclusive")
for name, count in inclusive.most_common(top_n):
    print(f"{100 * count / samples:5.1f}% {name}")
