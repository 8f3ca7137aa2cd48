"""`manage.py bench`: measure PDF rendering, the heavy pages and the app under load, against the issue's goals."""

import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from argparse import SUPPRESS
from importlib import import_module
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from jobdesc.bench import callgrind, database, load, report

STAGES = (
    "prepare",
    "pdf",
    "pages",
    "hashers",
    "instructions",
    "mail",
    "import",
    "propagation",
    "instruction_import",
    "campaign",
)


class Command(BaseCommand):
    help = (
        "Benchmark jobdesc on this machine and print each figure as a ratio measured in the same run, beside "
        "its goal: the warm PDF render of the demo instruction against headless Chromium printing the same "
        "HTML (wall and CPU time of the process) and against the clause text alone; the editor with 120 "
        "clauses, the library search over 10 000 clauses, the registry journal with 5 000 versions and the "
        "signatures dashboard of 1 000 employees against a trivial logged-in page, with their SQL queries; a "
        "login's password check; instruction counts of each (valgrind's callgrind, when valgrind is "
        "installed); and a load test (gunicorn with 2 workers per core + 1, locust with the four roles' "
        "journeys on 127.0.0.1, the burst of logins measured apart); an approval that asks 1 000 employees to "
        "sign and HR's reminder to them, the background worker's rate of delivery to an SMTP server on "
        "loopback, the staff import of 10 000 employees (check, apply, re-import, 1 000 transfers); a library "
        "clause used by 200 instructions in force: the preview and the one confirmation making 200 new editions; "
        "the import of a zip of 50 Word instructions (upload, reading, confirmation into drafts). "
        "Everything runs in a database made for "
        "the run and dropped after it (PostgreSQL at BENCH_DATABASE_URL, a postgres DATABASE_URL or "
        "127.0.0.1:5432; a SQLite file if none answers, and then the load test is not run): your own data is "
        "never read or written. The figures are also written to var/bench.json."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", default=str(Path(settings.BASE_DIR) / "var" / "bench.json"), help="Where the JSON goes."
        )
        parser.add_argument("--runs", type=int, default=20, help="Timed repetitions of each render and page.")
        parser.add_argument("--users", type=int, default=50, help="Simulated people in the load test.")
        parser.add_argument("--duration", type=int, default=60, help="Seconds the load test runs.")
        parser.add_argument("--spawn-rate", type=int, default=5, help="People starting per second.")
        parser.add_argument("--workers", type=int, default=load.workers_for(load.cores()), help="Gunicorn workers.")
        parser.add_argument("--skip-load", action="store_true", help="Leave out the load test.")
        parser.add_argument(
            "--skip-callgrind", action="store_true", help="Leave out the instruction counts (several minutes)."
        )
        # Internal: a stage run by the command itself in a child process against the throwaway database.
        parser.add_argument("--stage", choices=STAGES, help=SUPPRESS)
        parser.add_argument("--workdir", help=SUPPRESS)

    def handle(self, *args, **options):
        if options["stage"]:
            return self.run_stage(options["stage"], Path(options["workdir"]), options["runs"])
        started = time.monotonic()
        workdir = Path(tempfile.mkdtemp(prefix="jobdesc-bench-"))
        try:
            self.benchmark(workdir, options, started)
        finally:
            shutil.rmtree(workdir, ignore_errors=True)

    def run_stage(self, stage, workdir, runs):
        # Imported when a stage runs, so that `bench --help` does not load every stage's tools.
        from jobdesc.bench import stages

        plan = json.loads((workdir / "prepare.json").read_text()) if stage != "prepare" else None
        result = {
            "prepare": lambda: stages.prepare(),
            "pdf": lambda: stages.pdf(runs, workdir),
            "pages": lambda: stages.pages(plan, runs),
            "hashers": lambda: stages.hashers(max(3, runs // 4)),
            "instructions": lambda: stages.instructions(plan),
            "mail": lambda: import_module("jobdesc.bench.mail").mail(workdir),
            "import": lambda: import_module("jobdesc.bench.staff_import").run(),
            "propagation": lambda: import_module("jobdesc.bench.propagation").run(),
            "instruction_import": lambda: import_module("jobdesc.bench.instruction_import").run(stages.demo_version()),
            "campaign": lambda: import_module("jobdesc.bench.campaign").run(max(3, runs // 4)),
        }[stage]()
        (workdir / f"{stage}.json").write_text(json.dumps(result, ensure_ascii=False))

    def say(self, started, message):
        self.stdout.write(f"[{time.monotonic() - started:5.0f} s] {message}")
        self.stdout.flush()

    def benchmark(self, workdir, options, started):
        server = database.server_url()
        problem = database.postgres_problem(server)
        if problem:
            self.say(started, f"PostgreSQL does not answer ({problem}): SQLite instead, and no load test.")
        with database.throwaway_database(workdir, not problem, server) as url:
            environment = self.child_environment(url, workdir)
            self.say(started, "Preparing the database: migrations, clause library, demo, 10 000 clauses and more…")
            self.stage("prepare", workdir, environment, options)
            plan = json.loads((workdir / "prepare.json").read_text())
            self.say(started, "Collecting static files, as for a production server…")
            self.manage(environment, "collectstatic", "--no-input", "-v", "0")
            self.say(
                started,
                f"Rendering the demo instruction: {options['runs']} warm renders, each beside the clause text "
                "alone and Chromium…",
            )
            self.stage("pdf", workdir, environment, options)
            self.say(started, "Timing the heavy pages, each beside the reference page…")
            self.stage("pages", workdir, environment, options)
            self.say(started, "Timing a login's password check…")
            self.stage("hashers", workdir, environment, options)
            self.say(started, "Mail: an approval for 1 000 employees, reminders to them, the worker's rate…")
            self.stage("mail", workdir, environment, options)
            self.say(
                started, "Importing a staff file of 10 000 employees, again, and a newer one with 1 000 transfers…"
            )
            self.stage("import", workdir, environment, options)
            self.say(started, "A library clause used by 200 instructions in force: preview and new editions…")
            self.stage("propagation", workdir, environment, options)
            self.say(started, "Importing a zip of 50 Word instructions: upload, reading, confirmation into drafts…")
            self.stage("instruction_import", workdir, environment, options)
            self.say(started, "Campaign: approvals for 1 000 employees, each beside the reference page…")
            self.stage("campaign", workdir, environment, options)
            counts = self.instruction_counts(workdir, environment, options, started)
            load_result = self.load_test(workdir, environment, options, problem, started)
        results = {
            name: json.loads((workdir / f"{name}.json").read_text())
            for name in ("pdf", "pages", "hashers", "mail", "import", "propagation", "instruction_import", "campaign")
        }
        figures = [
            *report.pdf_figures(results["pdf"], counts),
            *report.page_figures(results["pages"], counts, plan["large"]["sizes"], plan["small"]["sizes"]),
            *report.hasher_figures(results["hashers"]),
            *report.mail_figures(results["mail"]),
            *report.import_figures(results["import"]),
            *report.propagation_figures(results["propagation"]),
            *report.instruction_import_figures(results["instruction_import"]),
            *report.campaign_figures(results["campaign"]),
            *report.load_figures(load_result),
        ]
        machine = report.machine(plan["database"])
        output = Path(options["output"])
        report.write(output, figures, machine, {**results, "instructions": counts, "load": load_result})
        self.stdout.write("")
        self.stdout.write(
            f"{machine['cpu']}, {machine['cores']} cores, {machine['memory']}; {machine['system']}; "
            f"Python {machine['python']}; {machine['database']}; a pure-Python loop of "
            f"{report.REFERENCE_LOOP:,} additions takes {machine['reference_loop_ms']} ms here"
        )
        self.stdout.write(report.table(figures))
        self.stdout.write("")
        self.say(started, f"Written to {output}.")

    def child_environment(self, url, workdir):
        """Production-like settings for the children: no DEBUG, plain HTTP on loopback, files in the workdir."""
        inherited = {key: value for key, value in os.environ.items() if key in ("PATH", "HOME", "LANG", "LC_ALL")}
        return {
            **inherited,
            "DJANGO_SETTINGS_MODULE": "jobdesc.settings",
            "JOBDESC_NO_DOTENV": "1",
            "DATABASE_URL": url,
            "DEBUG": "0",
            # Production-like, but the children run this app's own stages.
            "JOBDESC_BENCH": "1",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "SECURE_SSL_REDIRECT": "0",
            "SESSION_COOKIE_SECURE": "0",
            "CSRF_COOKIE_SECURE": "0",
            "SECURE_HSTS_SECONDS": "0",
            "MEDIA_ROOT": str(workdir / "media"),
            "STATIC_ROOT": str(workdir / "static"),
            "LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
        }

    def stage(self, name, workdir, environment, options, prefix=()):
        self.manage(
            environment,
            "bench",
            *("--stage", name, "--workdir", str(workdir), "--runs", str(options["runs"])),
            prefix=prefix,
        )

    def manage(self, environment, *arguments, prefix=()):
        """Run a management command in a child process against the throwaway database (under `prefix`, if any)."""
        command = [*prefix, sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), *arguments]
        result = subprocess.run(command, cwd=settings.BASE_DIR, env=environment, capture_output=True, text=True)
        if result.returncode != 0:
            raise CommandError(f"manage.py {' '.join(arguments)} failed:\n{result.stderr[-3000:]}")

    def instruction_counts(self, workdir, environment, options, started):
        """{measurement: instructions} from the instructions stage under callgrind, or why there are none."""
        if options["skip_callgrind"]:
            return {"run": False, "reason": "--skip-callgrind"}
        if not callgrind.valgrind():
            return {"run": False, "reason": "valgrind is not installed"}
        self.say(started, "Counting instructions under valgrind's callgrind (a few minutes)…")
        output = workdir / "callgrind" / "out"
        output.parent.mkdir()
        # A fixed hash seed: the same dictionaries and sets, so the same count from run to run.
        self.stage("instructions", workdir, {**environment, "PYTHONHASHSEED": "0"}, options, callgrind.command(output))
        order = json.loads((workdir / "instructions.json").read_text())["order"]
        counts = callgrind.parts(output)
        if len(counts) != len(order) or not all(counts):
            reason = (
                f"callgrind counted {len(counts)} parts for {len(order)} measurements ({callgrind.MARKER} not found?)"
            )
            return {"run": False, "reason": reason}
        return {"run": True, "counts": dict(zip(order, counts, strict=True))}

    def load_test(self, workdir, environment, options, problem, started):
        if options["skip_load"]:
            return {"run": False, "reason": "--skip-load"}
        if problem:
            return {"run": False, "reason": "PostgreSQL is not reachable"}
        self.say(
            started,
            f"Load test: gunicorn with {options['workers']} workers, {options['users']} users "
            f"for {options['duration']} s…",
        )
        try:
            result = load.run(
                base_dir=Path(settings.BASE_DIR),
                workdir=workdir,
                environment=environment,
                plan=workdir / "prepare.json",
                users=options["users"],
                spawn_rate=options["spawn_rate"],
                duration=options["duration"],
                workers=options["workers"],
            )
        except RuntimeError as error:
            raise CommandError(f"The load test failed: {error}") from error
        return {"run": True, **result}
