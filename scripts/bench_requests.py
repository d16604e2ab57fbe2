"""The Python side of scripts/bench-transport.sh: sequential GETs with requests.Session.

Usage: bench_requests.py URL COUNT   -- prints one JSON object (rate, RSS before/after).
"""
import json
import sys
import time

import requests


def resident_mb():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * 4096 / 1048576


def main():
    url, count = sys.argv[1], int(sys.argv[2])
    session = requests.Session()
    headers = {"Authorization": "Bearer sk-bench"}
    for _ in range(10):
        session.get(url, headers=headers).json()
    before = resident_mb()
    started = time.perf_counter()
    for _ in range(count):
        response = session.get(url, headers=headers)
        assert response.status_code == 200 and response.content
    elapsed = time.perf_counter() - started
    print(json.dumps({
        "rate": count / elapsed,
        "rss_before_mb": before,
        "rss_after_mb": resident_mb(),
        "requests_version": requests.__version__,
    }))


if __name__ == "__main__":
    main()
