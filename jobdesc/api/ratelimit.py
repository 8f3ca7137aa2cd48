"""A per-token request limit: a sliding window counted in the cache, so every app server shares it."""

import math
import time

from django.conf import settings
from django.core.cache import cache


def _window() -> tuple[int, int]:
    requests, seconds = settings.API_RATE_LIMIT
    return int(requests), int(seconds)


def hit(key: str, now: float | None = None) -> int:
    """Count one request for `key`; returns 0 if it is allowed, else the seconds to wait.

    The estimate weighs the previous fixed window by how much of it still overlaps the sliding one
    (the «sliding window counter»): exact enough, two cache keys per token, no list of timestamps.
    """
    limit, seconds = _window()
    now = time.time() if now is None else now
    current = int(now // seconds)
    elapsed = (now % seconds) / seconds
    current_key, previous_key = f"api-rate:{key}:{current}", f"api-rate:{key}:{current - 1}"
    previous = cache.get(previous_key, 0)
    count = cache.get(current_key, 0)
    if previous * (1 - elapsed) + count >= limit:
        # The earliest moment the weighted count falls under the limit again.
        return max(1, math.ceil((1 - elapsed) * seconds))
    if cache.add(current_key, 1, timeout=seconds * 2):
        return 0
    try:
        cache.incr(current_key)
    except ValueError:  # expired between the two calls
        cache.add(current_key, 1, timeout=seconds * 2)
    return 0
