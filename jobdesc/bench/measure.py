"""Timing helpers of the benchmarks: percentiles, interleaved runs and ratios, and the SQL queries of one request.

A machine of this kind runs two to three times faster or slower from one day to the next and is
shared; two things measured one after the other are not comparable, two measured in turns are. So
every comparison here takes its samples interleaved (a, b, a, b, …) and reports the ratio of medians.
"""

import math
import statistics
import time

from django.db import connection


def percentile(samples: list[float], share: float) -> float:
    """The `share` (0–1) percentile by the nearest-rank rule: with few samples, a real observed value."""
    ordered = sorted(samples)
    return ordered[max(1, math.ceil(share * len(ordered))) - 1]


def summary(samples_ms: list[float]) -> dict:
    return {
        "runs": len(samples_ms),
        "p50_ms": round(statistics.median(samples_ms), 1),
        "p95_ms": round(percentile(samples_ms, 0.95), 1),
        "min_ms": round(min(samples_ms), 1),
        "max_ms": round(max(samples_ms), 1),
    }


def ratio(samples: list[float], reference: list[float]) -> float:
    """The median of `samples` over the median of `reference`."""
    return statistics.median(samples) / statistics.median(reference)


def timed(call) -> tuple[float, float]:
    """Wall and CPU milliseconds of one call of `call()` (the CPU of this process, every thread)."""
    wall, cpu = time.perf_counter(), time.process_time()
    call()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def in_process(call):
    """`call` as a measurement for `interleaved`: it returns its own wall and CPU milliseconds."""
    return lambda: timed(call)


def interleaved(measurements: dict, runs: int) -> dict[str, dict[str, list[float]]]:
    """Take turns `runs` times over named measurements, each returning (wall ms, CPU ms) of one run.

    Returns {name: {"wall": [...], "cpu": [...]}}. A measurement is `in_process(call)` or one of its
    own, such as a child process timed with its descendants.
    """
    samples = {name: {"wall": [], "cpu": []} for name in measurements}
    for _ in range(runs):
        for name, measurement in measurements.items():
            wall, cpu = measurement()
            samples[name]["wall"].append(wall)
            samples[name]["cpu"].append(cpu)
    return samples


def fetch(client, url):
    """GET `url` with the test client and read the whole body; anything but 200 stops the benchmark."""
    response = client.get(url)
    # A streamed file is only served once its content has been read.
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if response.status_code != 200:
        raise RuntimeError(f"GET {url} answered {response.status_code}")
    return body


def count_queries(call) -> int:
    """SQL statements run by `call()`; a wrapper sees each one, whatever DEBUG and the query log do."""
    statements = []

    def record(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        call()
    return len(statements)
