"""The figures of `bench` against the issue's goals: one row each, printed as a table and kept in var/bench.json."""

import json
import os
import platform
import statistics
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
# The performance goals, as ratios measured in one run (README, «Performance»).
PAGE_GOAL = 3.0  # each heavy page ≤ 3 × the reference page
PDF_WALL_GOAL = 0.2  # the warm render ≤ 0.2 × Chromium printing the same HTML, by wall time
PDF_CPU_GOAL = 0.35  # … and ≤ 0.35 × by CPU time
FLOOR_GOAL = 2.0  # the real render ≤ 2 × the clause text alone
LOAD_P95_GOAL_MS = 300
IMPORT_GOAL_S = 60
BURST_GOAL = 2.0  # other requests' p95 while the logins run ≤ 2 × their p95 afterwards


@dataclass
class Figure:
    figure: str
    measured: str
    instructions: str
    goal: str
    ok: str  # "yes", "NO", "—" (reported without a goal) or "not run"


def _verdict(passed: bool) -> str:
    return "yes" if passed else "NO"


def _median(samples: list[float]) -> float:
    return statistics.median(samples)


def _ms(value: float) -> str:
    return f"{value:.1f} ms" if value < 20 else f"{value:,.0f} ms".replace(",", " ")


def _count(number: int) -> str:
    return f"{number:,}".replace(",", " ")


def _instructions(number: float) -> str:
    return f"{number / 1e9:.2f} G" if number >= 1e9 else f"{number / 1e6:.1f} M"


def _compared(value: float, reference: float) -> str:
    """«0.18 × (143 ms vs 790 ms)»."""
    return f"{value / reference:.2f} × ({_ms(value)} vs {_ms(reference)})"


def _counted(counts: dict, name: str, reference: str) -> str:
    """The instructions ratio of two counted measurements, or «—» when callgrind did not run."""
    if not counts.get("run"):
        return "—"
    value, base = counts["counts"][name], counts["counts"][reference]
    return f"{value / base:.2f} × ({_instructions(value)} vs {_instructions(base)})"


def pdf_figures(pdf: dict, counts: dict) -> list[Figure]:
    samples = pdf["samples"]
    render, text = samples["render"], samples["clause_text"]
    first = pdf["first"]
    figures = [
        Figure(
            f"PDF «{pdf['position']}», {pdf['pages']} pages: first render in a new worker",
            f"{_ms(first['wall_ms'])} ({_ms(first['wall_ms'] / max(pdf['pages'], 1))} a page)",
            "—",
            "—",
            "—",
        )
    ]
    if "chromium" in samples:
        chromium = samples["chromium"]
        wall = _median(render["wall"]) / _median(chromium["wall"])
        cpu = _median(render["cpu"]) / _median(chromium["cpu"])
        figures += [
            Figure(
                "PDF: warm render vs Chromium printing the same HTML (a process), wall time",
                _compared(_median(render["wall"]), _median(chromium["wall"])),
                "—",
                f"≤ {PDF_WALL_GOAL} ×",
                _verdict(wall <= PDF_WALL_GOAL),
            ),
            Figure(
                "PDF: warm render vs Chromium, CPU time (all of Chromium's processes)",
                _compared(_median(render["cpu"]), _median(chromium["cpu"])),
                "—",
                f"≤ {PDF_CPU_GOAL} ×",
                _verdict(cpu <= PDF_CPU_GOAL),
            ),
        ]
    else:
        figures.append(Figure("PDF: warm render vs Chromium", f"{NOT_RUN}: no Chromium", "—", "—", NOT_RUN))
    floor = _median(render["cpu"]) / _median(text["cpu"])
    served = pdf["served"]
    figures += [
        Figure(
            "PDF: warm render vs the clause text alone (same font, page, margins), CPU time",
            _compared(_median(render["cpu"]), _median(text["cpu"])),
            _counted(counts, "pdf:render", "pdf:clause_text"),
            f"≤ {FLOOR_GOAL:.0f} ×",
            _verdict(floor <= FLOOR_GOAL),
        ),
        Figure(
            "Stored approved PDF served vs the reference page, server time",
            _compared(_median(served["stored"]["wall"]), _median(served["reference"]["wall"])),
            "—",
            "—",
            "—",
        ),
    ]
    return figures


def page_figures(pages: dict, counts: dict, sizes: dict, small_sizes: dict) -> list[Figure]:
    large, small = pages["large"], pages["small"]
    reference = large["samples"]["reference"]["wall"]
    figures = [
        Figure(
            "Reference page (the base template, logged in): server time, SQL queries",
            f"{_ms(_median(reference))}, {large['queries']['reference']} queries",
            _instructions(counts["counts"]["large:reference"]) if counts.get("run") else "—",
            "—",
            "—",
        )
    ]
    for name, (title, size, noun) in PAGES.items():
        label = f"{title}, {_count(sizes[size])} {noun}"
        page = large["samples"][name]["wall"]
        times = _median(page) / _median(reference)
        figures.append(
            Figure(
                f"{label} vs the reference page, server time",
                _compared(_median(page), _median(reference)),
                _counted(counts, f"large:{name}", "large:reference"),
                f"≤ {PAGE_GOAL:.0f} ×",
                _verdict(times <= PAGE_GOAL),
            )
        )
        grown = sizes[size] - small_sizes[size]
        each = (_median(page) - _median(small["samples"][name]["wall"])) / grown
        each_counted = "—"
        if counts.get("run"):
            each_counted = _instructions(
                (counts["counts"][f"large:{name}"] - counts["counts"][f"small:{name}"]) / grown
            )
        figures.append(
            Figure(
                f"{title}: each {noun[:-1]} more (from {_count(small_sizes[size])} to {_count(sizes[size])})",
                f"{each:.3f} ms ({each / _median(reference):.3f} × the reference page)",
                each_counted,
                "—",
                "—",
            )
        )
        figures.append(
            Figure(
                f"{label}: SQL queries (with {_count(small_sizes[size])} {noun})",
                f"{large['queries'][name]} ({small['queries'][name]})",
                "—",
                "does not grow",
                _verdict(large["queries"][name] <= small["queries"][name]),
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
            "—",
            f"≤ {APPROVAL_GOAL_MS} ms",
            _verdict(mail["approval_ms"] <= APPROVAL_GOAL_MS),
        ),
        Figure(
            f"Reminder to {employees} employees: request time (e-mails queued)",
            f"{mail['reminder_ms']:.0f} ms ({_count(mail['reminders_queued'])})",
            "—",
            "—",
            "—",
        ),
        Figure(
            "Worker: e-mails delivered to an SMTP server on loopback, 1 worker",
            f"{one['per_s']:.0f} a second ({_count(one['messages'])} in {one['seconds']:.1f} s)",
            "—",
            "—",
            "—",
        ),
        Figure(
            f"Worker: the same, {second['workers']} workers",
            f"{second['per_s']:.0f} a second ({_count(second['messages'])} in {second['seconds']:.1f} s)",
            "—",
            "—",
            "—",
        ),
    ]


def propagation_figures(change: dict) -> list[Figure]:
    """A clause used by 200 instructions: the preview and the confirmation, absolute and against the trivial page."""
    count, reference = change["instructions"], change["reference_ms"]
    return [
        Figure(
            f"Library change to {count} instructions in force: preview of every diff",
            f"{change['preview_ms'] / 1000:.2f} s ({change['preview_ms'] / reference:.0f} × the trivial page)",
            "—",
            "—",
            "—",
        ),
        Figure(
            f"Library change: one confirmation, {change['editions']} new editions (on the worker), one transaction",
            f"{change['apply_ms'] / 1000:.2f} s ({change['apply_ms'] / reference:.0f} × the trivial page, "
            f"{change['apply_ms'] / count:.0f} ms an instruction of {change['items_per_instruction']} clauses)",
            "—",
            "—",
            "—",
        ),
    ]


CAMPAIGN_GOAL_MS = 1000  # the issue: an approval for 1 000 employees answers in under a second


def campaign_figures(campaign: dict) -> list[Figure]:
    """Approval opening a campaign for 1 000 employees: its request time, and the ratio to the reference page."""
    samples = campaign["samples"]
    approval, reference = _median(samples["approval"]["wall"]), _median(samples["reference"]["wall"])
    employees = _count(campaign["employees"])
    return [
        Figure(
            f"Campaign: approval for {employees} employees vs the reference page (wall, "
            f"{len(samples['approval']['wall'])} runs)",
            f"{_compared(approval, reference)}; the password check alone {campaign['password_check_ms']:.0f} ms",
            "—",
            f"< {CAMPAIGN_GOAL_MS} ms",
            _verdict(approval < CAMPAIGN_GOAL_MS),
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
            "—",
        ),
        Figure(
            "Staff import: apply the confirmed file, one transaction",
            f"{staff['apply_ms'] / 1000:.1f} s ({staff['created']} created)",
            "—",
            "—",
            "—",
        ),
        Figure(
            "Staff import: check and apply together",
            f"{total_s:.1f} s",
            "—",
            f"< {IMPORT_GOAL_S} s",
            _verdict(total_s < IMPORT_GOAL_S),
        ),
        Figure(
            "Staff import: the same file again (a no-op)",
            f"{staff['recheck_ms'] / 1000:.1f} s, {staff['reimport_changes']} changes",
            "—",
            "0 changes",
            _verdict(staff["reimport_changes"] == 0),
        ),
        Figure(
            f"Staff import: a newer file with {staff['transfers']} transfers, check + apply",
            f"{(staff['transfer_check_ms'] + staff['transfer_apply_ms']) / 1000:.1f} s",
            "—",
            "—",
            "—",
        ),
    ]


def hasher_figures(hashers: dict) -> list[Figure]:
    samples = hashers["samples"]
    configured, pbkdf2 = _median(samples["configured"]["cpu"]), _median(samples["pbkdf2"]["cpu"])
    return [
        Figure(
            f"Password check of a login: {hashers['description']} vs PBKDF2 "
            f"({_count(hashers['pbkdf2_iterations'])} iterations), CPU time",
            _compared(configured, pbkdf2),
            "—",
            "—",
            "—",
        )
    ]


def load_figures(load: dict) -> list[Figure]:
    if not load.get("run"):
        reason = f"{NOT_RUN}: {load.get('reason', '')}".strip()
        return [Figure("Load test (gunicorn + locust)", reason, "—", "no errors, p95 ≤ 300 ms", NOT_RUN)]
    label = f"Load, {load['users']} users for {load['duration']} s, gunicorn {load['workers']} workers"
    logins = load.get("logins") or {}
    burst = load.get("during_logins") or {}
    figures = [
        Figure(
            f"{label}: failed requests",
            f"{load['failures']} of {load['requests']}",
            "—",
            "0",
            _verdict(not load["failures"]),
        ),
        Figure(
            f"{label}: response time, p95",
            f"{load['p95_ms']:.0f} ms (p50 {load['p50_ms']:.0f}, p99 {load['p99_ms']:.0f})",
            "—",
            f"≤ {LOAD_P95_GOAL_MS} ms",
            _verdict(load["p95_ms"] <= LOAD_P95_GOAL_MS),
        ),
        Figure(f"{label}: throughput", f"{load['rps']:.1f} requests/s", "—", "—", "—"),
        Figure(
            f"Load: logins while the {load['users']} users start ({load['ramp_s']} s), p50",
            f"{logins['p50_ms']:.0f} ms (p95 {logins['p95_ms']:.0f})" if logins else "none recorded",
            "—",
            "—",
            "—",
        ),
    ]
    if burst:
        figures.append(
            Figure(
                "Load: other requests while the logins run vs after them, p95",
                _compared(burst["p95_ms"], load["p95_ms"]) + f", {burst['runs']} requests",
                "—",
                f"≤ {BURST_GOAL:.0f} ×",
                _verdict(burst["p95_ms"] <= BURST_GOAL * load["p95_ms"]),
            )
        )
    return figures


def table(figures: list[Figure]) -> str:
    rows = [
        ("figure", "measured (p50 of interleaved runs)", "instructions", "goal", "met"),
        *((f.figure, f.measured, f.instructions, f.goal, f.ok) for f in figures),
    ]
    widths = [max(len(row[column]) for row in rows) for column in range(5)]
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


def instruction_import_figures(result: dict) -> list[Figure]:
    """The import of a zip of instructions: upload, the worker's reading, the confirmation into drafts."""
    files = result["files"]
    return [
        Figure(
            f"Instruction import, a zip of {files} Word files ({result['zip_kb']} KB): upload, read, confirm",
            f"{result['total_ms'] / 1000:.1f} s ({_count(round(result['ratio']))} × the reference page of "
            f"{_ms(result['reference_ms'])}; read {result['read_ms'] / 1000:.1f} s, drafts "
            f"{result['confirm_ms'] / 1000:.1f} s)",
            "—",
            "—",
            "—",
        ),
        Figure(
            "Instruction import: files matched to their own position, drafts created",
            f"{result['matched_right']} of {files}, {result['drafts']} drafts ({result['clauses']} clauses, "
            f"{result['errors']} errors)",
            "—",
            f"{files} of {files}",
            _verdict(result["matched_right"] == files and result["drafts"] == files),
        ),
    ]
