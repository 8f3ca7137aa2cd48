"""The figures of `bench` against the issue's goals: one row each, printed as a table and kept in var/bench.json."""

import json
import os
import platform
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from django.utils import timezone

NOT_RUN = "not run"

# Page, the size that grows, and what it counts.
PAGES = {
    "editor": ("Editor", "editor_items", "clauses"),
    "library_search": ("Library search", "clauses", "clauses"),
    "journal": ("Registry journal", "journal_versions", "versions"),
    "ack_dashboard": ("HR signatures dashboard", "employees", "employees"),
}
PAGE_GOAL_MS = 100
PDF_GOAL_MS = 150
STORED_PDF_GOAL_MS = 10
LOAD_P95_GOAL_MS = 300
IMPORT_GOAL_S = 60


@dataclass
class Figure:
    figure: str
    measured: str
    goal: str
    ok: str  # "yes", "NO", "—" (reported without a goal) or "not run"


def _verdict(passed: bool) -> str:
    return "yes" if passed else "NO"


def pdf_figures(pdf: dict) -> list[Figure]:
    warm, stored = pdf["warm"], pdf["stored"]
    return [
        Figure(
            f"PDF «{pdf['position']}», {pdf['pages']} pages: first render in a process",
            f"{pdf['first_ms']:.0f} ms ({pdf['first_ms'] / max(pdf['pages'], 1):.0f} ms a page)",
            "—",
            "—",
        ),
        Figure(
            "PDF: warm render of the whole document, p50",
            f"{warm['p50_ms']:.0f} ms (p95 {warm['p95_ms']:.0f})",
            f"≤ {PDF_GOAL_MS} ms",
            _verdict(warm["p50_ms"] <= PDF_GOAL_MS),
        ),
        Figure("PDF: warm render per page, p50", f"{pdf['warm_p50_per_page_ms']:.0f} ms", "—", "—"),
        Figure(
            "PDF: the same words unstyled, no page furniture (WeasyPrint's floor here), p50",
            f"{pdf['bare']['p50_ms']:.0f} ms (p95 {pdf['bare']['p95_ms']:.0f})",
            "—",
            "—",
        ),
        Figure(
            "Stored approved PDF served (server time), p50",
            f"{stored['p50_ms']:.1f} ms (p95 {stored['p95_ms']:.1f})",
            f"≤ {STORED_PDF_GOAL_MS} ms",
            _verdict(stored["p50_ms"] <= STORED_PDF_GOAL_MS),
        ),
    ]


def _count(number: int) -> str:
    return f"{number:,}".replace(",", " ")


def page_figures(pages: dict, sizes: dict, small_sizes: dict) -> list[Figure]:
    figures = []
    for name, (title, size, noun) in PAGES.items():
        large, small = pages[name]["large"], pages[name]["small"]
        label = f"{title}, {_count(sizes[size])} {noun}"
        figures.append(
            Figure(
                f"{label}: server time, p50",
                f"{large['p50_ms']:.0f} ms (p95 {large['p95_ms']:.0f})",
                f"≤ {PAGE_GOAL_MS} ms",
                _verdict(large["p50_ms"] <= PAGE_GOAL_MS),
            )
        )
        figures.append(
            Figure(
                f"{label}: SQL queries (with {_count(small_sizes[size])} {noun})",
                f"{large['queries']} ({small['queries']})",
                "does not grow",
                _verdict(large["queries"] <= small["queries"]),
            )
        )
    return figures


APPROVAL_GOAL_MS = 1000


def mail_figures(mail: dict) -> list[Figure]:
    employees = _count(mail["employees"])
    one, second = mail["one_worker"], mail["second_run"]
    return [
        Figure(
            f"Approval for a position of {employees} employees: request time (e-mails queued)",
            f"{mail['approval_ms']:.0f} ms ({_count(mail['queued_on_approval'])}; the password check alone "
            f"{mail['password_check_ms']:.0f} ms)",
            f"≤ {APPROVAL_GOAL_MS} ms",
            _verdict(mail["approval_ms"] <= APPROVAL_GOAL_MS),
        ),
        Figure(
            f"Reminder to {employees} employees: request time (e-mails queued)",
            f"{mail['reminder_ms']:.0f} ms ({_count(mail['reminders_queued'])})",
            "—",
            "—",
        ),
        Figure(
            "Worker: e-mails delivered to an SMTP server on loopback, 1 worker",
            f"{one['per_s']:.0f} a second ({_count(one['messages'])} in {one['seconds']:.1f} s)",
            "—",
            "—",
        ),
        Figure(
            f"Worker: the same, {second['workers']} workers",
            f"{second['per_s']:.0f} a second ({_count(second['messages'])} in {second['seconds']:.1f} s)",
            "—",
            "—",
        ),
    ]


def import_figures(staff: dict) -> list[Figure]:
    """The staff import: checking (the preview) and applying a 10 000-row file must take under a minute together."""
    rows = f"{staff['rows']:,}".replace(",", " ")
    total_s = (staff["check_ms"] + staff["apply_ms"]) / 1000
    return [
        Figure(
            f"Staff import, {rows} employees (XLSX, {staff['file_kb']} KB): check and preview",
            f"{staff['check_ms'] / 1000:.1f} s",
            "—",
            "—",
        ),
        Figure(
            "Staff import: apply the confirmed file, one transaction",
            f"{staff['apply_ms'] / 1000:.1f} s ({staff['created']} created)",
            "—",
            "—",
        ),
        Figure(
            "Staff import: check and apply together",
            f"{total_s:.1f} s",
            f"< {IMPORT_GOAL_S} s",
            _verdict(total_s < IMPORT_GOAL_S),
        ),
        Figure(
            "Staff import: the same file again (a no-op)",
            f"{staff['recheck_ms'] / 1000:.1f} s, {staff['reimport_changes']} changes",
            "0 changes",
            _verdict(staff["reimport_changes"] == 0),
        ),
        Figure(
            f"Staff import: a newer file with {staff['transfers']} transfers, check + apply",
            f"{(staff['transfer_check_ms'] + staff['transfer_apply_ms']) / 1000:.1f} s",
            "—",
            "—",
        ),
    ]


def load_figures(load: dict) -> list[Figure]:
    if not load.get("run"):
        reason = f"{NOT_RUN}: {load.get('reason', '')}".strip()
        return [Figure("Load test (gunicorn + locust)", reason, "no errors, p95 ≤ 300 ms", NOT_RUN)]
    label = f"Load, {load['users']} users for {load['duration']} s, gunicorn {load['workers']} workers"
    logins = load.get("logins") or {}
    login_figure = Figure(
        f"Load: logins while the {load['users']} users start ({load['ramp_s']} s), p50",
        f"{logins['p50_ms']:.0f} ms (p95 {logins['p95_ms']:.0f})" if logins else "none recorded",
        "—",
        "—",
    )
    return [
        Figure(
            f"{label}: failed requests",
            f"{load['failures']} of {load['requests']}",
            "0",
            _verdict(not load["failures"]),
        ),
        Figure(
            f"{label}: response time, p95",
            f"{load['p95_ms']:.0f} ms (p50 {load['p50_ms']:.0f}, p99 {load['p99_ms']:.0f})",
            f"≤ {LOAD_P95_GOAL_MS} ms",
            _verdict(load["p95_ms"] <= LOAD_P95_GOAL_MS),
        ),
        Figure(f"{label}: throughput", f"{load['rps']:.1f} requests/s", "—", "—"),
        login_figure,
    ]


def table(figures: list[Figure]) -> str:
    rows = [("figure", "measured", "goal", "ok"), *((f.figure, f.measured, f.goal, f.ok) for f in figures)]
    widths = [max(len(row[column]) for row in rows) for column in range(4)]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


REFERENCE_LOOP = 2_000_000


def reference_loop_ms() -> float:
    """The best of three runs of a fixed pure-Python loop: how fast this machine runs Python today.

    Machines of one kind (same CPU name, same core count) differ by two or three times from day to
    day; this figure lets two runs of `bench` be compared.
    """
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        total = 0
        for number in range(REFERENCE_LOOP):
            total += number
        best = min(best, (time.perf_counter() - started) * 1000)
    return round(best)


def machine(database: str) -> dict:
    cpu = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        cpu = next(
            (line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines() if "model name" in line), ""
        )
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kilobytes = int(meminfo.read_text().split()[1])
        memory = f"{kilobytes / 1024 / 1024:.0f} GiB"
    return {
        "cpu": cpu or platform.processor(),
        "cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "memory": memory,
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "database": database,
        "reference_loop_ms": reference_loop_ms(),
    }


def write(path: Path, figures: list[Figure], machine_facts: dict, details: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    document = {
        "measured_at": timezone.now().isoformat(timespec="seconds"),
        "machine": machine_facts,
        "figures": [asdict(figure) for figure in figures],
        "details": details,
    }
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
