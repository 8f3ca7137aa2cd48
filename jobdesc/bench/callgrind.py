"""Instruction counts of the benchmarks' measurements, by valgrind's callgrind: the same whatever the machine is doing.

A stage runs under callgrind with instrumentation off while it starts (Django, the database, the
first renders run at a fraction of callgrind's cost), then turns it on (`start_instrumentation`).
Each measured call runs inside CPython's `sys.call_tracing()`, which nothing else in the app calls:
callgrind counts only while that function is on the stack (`--toggle-collect`) and writes one part
file each time it returns (`--dump-after`), so the parts are the measured calls in order. The count
is that of this Python process only: a database server's work on a page's queries is not in it.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

# A C function of CPython's (Python/sysmodule.c) that runs the callable it is given and nothing else.
MARKER = "sys_call_tracing"
TOTALS = re.compile(rb"^(?:summary|totals):\s*(\d+)", re.M)


def valgrind() -> str | None:
    return shutil.which("valgrind")


def command(output: Path) -> list[str]:
    """The valgrind command line a stage's Python runs under."""
    return [
        valgrind() or "valgrind",
        "--tool=callgrind",
        "--instr-atstart=no",
        "--collect-atstart=no",
        f"--toggle-collect={MARKER}",
        f"--dump-after={MARKER}",
        f"--callgrind-out-file={output}",
    ]


def start_instrumentation() -> None:
    """Have callgrind instrument this process from now on; it answers before this returns."""
    subprocess.run(["callgrind_control", "--instr=on", str(os.getpid())], check=True, capture_output=True, timeout=120)


def measure(call) -> None:
    """Run `call()` as one counted part (under callgrind; plainly otherwise)."""
    sys.call_tracing(call, ())


def parts(output: Path) -> list[int]:
    """Instructions of each counted part, in the order they ran."""
    counts = []
    number = 1
    while (part := output.with_name(f"{output.name}.{number}")).exists():
        match = TOTALS.search(part.read_bytes())
        counts.append(int(match[1]) if match else 0)
        number += 1
    return counts
