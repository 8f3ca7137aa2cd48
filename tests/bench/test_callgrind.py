"""Instruction counts: each measured call is one callgrind part, read back in order."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from jobdesc.bench import callgrind


def test_the_parts_are_read_in_the_order_they_ran(tmp_path):
    output = tmp_path / "out"
    output.write_text("totals: 0\n")
    for number, total in enumerate([300, 100, 200], start=1):
        (tmp_path / f"out.{number}").write_text(f"# callgrind format\nevents: Ir\nsummary: {total}\n")
    assert callgrind.parts(output) == [300, 100, 200]


@pytest.mark.skipif(not shutil.which("valgrind"), reason="valgrind is optional for the benchmarks")
def test_only_the_measured_calls_are_counted_and_twice_the_work_counts_about_twice(tmp_path):
    output = tmp_path / "out"
    program = (
        "from jobdesc.bench import callgrind\n"
        "def work(n):\n    total = 0\n    for i in range(n): total += i\n"
        "sum(range(10**6))\n"  # neither instrumented nor counted
        "callgrind.start_instrumentation()\n"
        "work(100_000)\n"  # instrumented, not counted
        "callgrind.measure(lambda: work(100_000))\n"
        "callgrind.measure(lambda: work(200_000))\n"
    )
    command = [*callgrind.command(output), sys.executable, "-c", program]
    subprocess.run(command, check=True, capture_output=True, cwd=Path(__file__).resolve().parents[2])
    once, twice = callgrind.parts(output)
    assert once > 1_000_000
    assert 1.8 < twice / once < 2.2
