"""Timing helpers of the benchmarks: percentiles of repeated calls and the SQL queries of one request."""

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


def time_calls(call, runs: int) -> list[float]:
    """Milliseconds of each of `runs` calls of `call()`."""
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def _fetch(client, url):
    response = client.get(url)
    # A streamed file is only served once its content has been read.
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if response.status_code != 200:
        raise RuntimeError(f"GET {url} answered {response.status_code}")
    return body


def page(client, url: str, runs: int, warmup: int = 2) -> dict:
    """Server time of GET `url` (the whole Django stack, in process) and the number of SQL queries it makes."""
    for _ in range(warmup):
        _fetch(client, url)
    result = summary(time_calls(lambda: _fetch(client, url), runs))
    result["queries"] = count_queries(lambda: _fetch(client, url))
    return result


def count_queries(call) -> int:
    """SQL statements run by `call()`; a wrapper sees each one, whatever DEBUG and the query log do."""
    statements = []

    def record(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        call()
    return len(statements)
