"""The load test of `bench`: the app under gunicorn on loopback, driven by locust in headless mode.

Only 127.0.0.1 is ever addressed, and locust stops by itself after the given duration.
"""

import csv
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from .measure import summary

LOCUSTFILE = Path(__file__).with_name("locustfile.py")
# Gunicorn's configuration for the run: each worker reads the journeys' pages once before it serves.
WARM = Path(__file__).with_name("warm.py")
START_TIMEOUT = 60
WARM_TIMEOUT = 120
# Seconds the users may take to log in beyond their start, before the run is cut short.
LOGIN_ALLOWANCE = 120


def workers_for(cores: int) -> int:
    """Gunicorn's rule for synchronous workers: two per core and one more, so a core never waits on I/O."""
    return 2 * cores + 1


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _tail(log: Path) -> str:
    """The end of a log, for an error message: `bench` deletes its working folder when it stops."""
    return log.read_text()[-2000:] if log.exists() else f"({log.name} was not written)"


def wait_until_serving(url: str, process: subprocess.Popen, log: Path) -> None:
    """Return once `url` answers; raise with the server's log if it stops or stays silent."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url} stopped at start:\n{_tail(log)}")
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {START_TIMEOUT} s:\n{_tail(log)}")


def wait_until_warm(ready: Path, workers: int, process: subprocess.Popen, log: Path) -> None:
    """Until each worker has read the journeys' pages once (`warm.py`)."""
    deadline = time.monotonic() + WARM_TIMEOUT
    while len(list(ready.iterdir())) < workers:
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"the workers did not all start within {WARM_TIMEOUT} s:\n{_tail(log)}")
        time.sleep(0.2)


def run(
    *,
    base_dir: Path,
    workdir: Path,
    environment: dict,
    plan: Path,
    users: int,
    spawn_rate: int,
    duration: int,
    workers: int,
) -> dict:
    """Serve the app with `workers` gunicorn workers, run locust against it, and return its aggregated figures."""
    port = free_port()
    host = f"http://127.0.0.1:{port}"
    server_log = workdir / "gunicorn.log"
    command = [
        *(sys.executable, "-m", "gunicorn", "jobdesc.wsgi", "--config", str(WARM)),
        *("--workers", str(workers), "--bind", f"127.0.0.1:{port}", "--timeout", "60"),
    ]
    ready = workdir / "warm"
    ready.mkdir(exist_ok=True)
    served = {**environment, "JOBDESC_BENCH_PLAN": str(plan), "JOBDESC_BENCH_WARM": str(ready)}
    with server_log.open("w") as output:
        server = subprocess.Popen(command, cwd=base_dir, env=served, stdout=output, stderr=subprocess.STDOUT)
    try:
        wait_until_serving(f"{host}/accounts/login/", server, server_log)
        wait_until_warm(ready, workers, server, server_log)
        prefix, logins = workdir / "locust", workdir / "logins.json"
        # The locustfile restarts the statistics once every user has logged in and stops `duration` seconds
        # later; --run-time only bounds a run whose logins never finish.
        ramp = -(-users // spawn_rate)
        limit = ramp + duration + LOGIN_ALLOWANCE
        locust = [
            *(sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless", "--host", host),
            *("--users", str(users), "--spawn-rate", str(spawn_rate), "--run-time", f"{limit}s"),
            *("--csv", str(prefix), "--only-summary", "--loglevel", "WARNING"),
            *("--stop-timeout", "5"),
        ]
        with (workdir / "locust.log").open("w") as output:
            # Locust exits with 1 when a request failed; the figures say which, so the code is not an error here.
            subprocess.run(
                locust,
                cwd=base_dir,
                env={
                    **environment,
                    "JOBDESC_BENCH_PLAN": str(plan),
                    "JOBDESC_BENCH_LOGINS": str(logins),
                    "JOBDESC_BENCH_USERS": str(users),
                    "JOBDESC_BENCH_DURATION": str(duration),
                },
                stdout=output,
                stderr=subprocess.STDOUT,
                timeout=limit + 60,
                check=False,
            )
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    login_record = json.loads(logins.read_text()) if logins.exists() else {}
    ramp_s = login_record.get("ramp_s")
    if ramp_s is None:
        raise RuntimeError(f"not every user logged in within {limit} s:\n{_tail(workdir / 'locust.log')}")
    times, during = login_record.get("times", []), login_record.get("during_logins", [])
    return {
        **read_stats(Path(f"{prefix}_stats.csv"), workers=workers, users=users, duration=duration, ramp_s=ramp_s),
        "logins": summary(times) if times else {},
        "during_logins": summary(during) if during else {},
    }


def read_stats(path: Path, **facts) -> dict:
    """Locust's CSV summary: the aggregated row, and each request name's p95 and failures."""
    if not path.exists():
        raise RuntimeError(f"locust wrote no statistics:\n{_tail(path.parent / 'locust.log')}")
    with path.open(newline="") as stats:
        rows = list(csv.DictReader(stats))
    total = next(row for row in rows if row["Name"] == "Aggregated")
    return {
        **facts,
        "requests": int(total["Request Count"]),
        "failures": int(total["Failure Count"]),
        "rps": round(float(total["Requests/s"]), 1),
        "p50_ms": float(total["50%"]),
        "p95_ms": float(total["95%"]),
        "p99_ms": float(total["99%"]),
        "by_request": {
            f"{row['Type']} {row['Name']}": {
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "p50_ms": float(row["50%"]),
                "p95_ms": float(row["95%"]),
            }
            for row in rows
            # The logins' rows stay, empty, after the statistics restart.
            if row["Name"] != "Aggregated" and int(row["Request Count"])
        },
    }


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
