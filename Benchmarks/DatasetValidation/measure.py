#!/usr/bin/env python3
"""Runs a command and prints its wall time, CPU time (user + system) and peak resident memory (the
child's VmHWM, via getrusage). CPU time is the fairer comparison on a machine shared with other work.

Usage: measure.py LABEL COMMAND...
Prints `LABEL seconds=<s> cpu_seconds=<s> peak_rss_mb=<MB> exit=<code>` on the last line.
"""
import resource
import subprocess
import sys
import time

label, command = sys.argv[1], sys.argv[2:]
start = time.perf_counter()
completed = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
elapsed = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
peak_kb = usage.ru_maxrss
cpu = usage.ru_utime + usage.ru_stime
tail = completed.stdout.strip().splitlines()[-1:] if completed.stdout.strip() else []
for line in tail:
    print(f"  {label} output: {line}")
print(f"{label} seconds={elapsed:.3f} cpu_seconds={cpu:.3f} peak_rss_mb={peak_kb / 1024:.1f} exit={completed.returncode}")
