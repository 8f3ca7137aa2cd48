"""The yardstick of the PDF render: headless Chromium printing the same HTML to PDF, timed as a whole process.

Chromium is started as the browser tests start it (the flags of tests/browser/conftest.py), with a
fresh profile each time, and prints one file: what a server that shelled out to a browser would pay
for each document. Its CPU time is that of every process it starts: Chromium leaves its helper
processes to exit on their own after the main one, so this process becomes their subreaper and
waits for them too; otherwise most of Chromium's CPU time would go uncounted.
"""

import ctypes
import os
import resource
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PR_SET_CHILD_SUBREAPER = 36
TIMEOUT = 120
# How long the helper processes may take to exit after the main one.
REAP_TIMEOUT = 20


def available() -> bool:
    return Path(CHROMIUM).exists()


def print_html(document_html: str, base_url: str) -> str:
    """The printed HTML as a browser needs it: the print stylesheet linked and relative URLs resolved as for WeasyPrint.

    WeasyPrint is handed the stylesheet apart from the HTML; a browser reads it from a link.
    """
    head = f'<head><base href="{base_url}"><link rel="stylesheet" href="print.css">'
    return document_html.replace("<head>", head, 1)


def _become_subreaper() -> bool:
    try:
        return ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _reap_descendants() -> None:
    """Wait for every process left to this one (Chromium's helpers), so their CPU time is counted."""
    deadline = time.monotonic() + REAP_TIMEOUT
    while True:
        try:
            pid, _status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            if time.monotonic() > deadline:
                raise RuntimeError(f"Chromium's helper processes were still running {REAP_TIMEOUT} s after it exited")
            time.sleep(0.005)


class Printer:
    """One measurement per call: Chromium prints `html` to PDF; returns (wall ms, CPU ms of all its processes)."""

    def __init__(self, html: str, workdir: Path):
        self.workdir = Path(tempfile.mkdtemp(prefix="chromium-", dir=workdir))
        self.source = self.workdir / "document.html"
        self.source.write_text(html)
        self.output = self.workdir / "document.pdf"
        self.counts_helpers = _become_subreaper()

    def command(self, profile: Path) -> list[str]:
        return [
            CHROMIUM,
            "--headless",
            *FLAGS,
            f"--user-data-dir={profile}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={self.output}",
            self.source.as_uri(),
        ]

    def __call__(self) -> tuple[float, float]:
        self.output.unlink(missing_ok=True)
        profile = Path(tempfile.mkdtemp(prefix="profile-", dir=self.workdir))
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(self.command(profile), check=True, capture_output=True, timeout=TIMEOUT)
        wall = (time.perf_counter() - started) * 1000
        if self.counts_helpers:
            _reap_descendants()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        shutil.rmtree(profile, ignore_errors=True)
        if not self.output.exists() or not self.output.stat().st_size:
            raise RuntimeError("Chromium printed no PDF")
        cpu = (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) * 1000
        return wall, cpu

    def pages(self) -> int:
        """Pages of the last PDF printed."""
        # pypdf is a development tool (requirements-dev.txt), imported only when pages are counted.
        from pypdf import PdfReader

        return len(PdfReader(self.output).pages)
