"""A server's worker and the background worker load at start what their first requests would otherwise load while
somebody waits, and keep it out of the garbage collector's walks."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

LOADED = """
import gc, json, sys
import django
django.setup()
from django.template import engines
from jobdesc.grammar import inflect
from jobdesc.instructions.acknowledgements import calendar
def state():
    pdf = sys.modules.get("jobdesc.documents.pdf")
    compiled = engines["django"].engine.template_loaders[0].get_template_cache
    return {
        "pdf engine": pdf is not None and pdf._engine_for.cache_info().currsize > 0,
        "printed template": "documents/instruction.html" in compiled,
        "frozen": gc.get_freeze_count() > 0,
        "backends": "jobdesc.orgs.sso" in sys.modules,
        "views": "jobdesc.instructions.workflow.views" in sys.modules,
        "hasher library": "argon2" in sys.modules,
        "inflection": inflect._morph is not None,
        "calendar": calendar._days_off.cache_info().currsize > 0,
    }
before = state()
import jobdesc.wsgi
print(json.dumps({"before": before, "after": state()}))
"""


def test_a_worker_loads_the_logins_the_views_and_the_dictionaries_before_its_first_request():
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "jobdesc.settings", "PYTHONPATH": str(ROOT)}
    environment.setdefault("SECRET_KEY", "a-key-for-this-test-only-" + "x" * 40)
    result = subprocess.run(
        [sys.executable, "-c", LOADED], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    state = json.loads(result.stdout.strip().splitlines()[-1])
    assert not any(state["before"].values()), state["before"]
    assert all(state["after"].values()), state["after"]


def test_the_background_worker_is_made_ready_before_it_runs(monkeypatch):
    from django.core.management import call_command, get_commands
    from django_tasks_db.management.commands import db_worker as tasks_db_worker

    from jobdesc.documents.management.commands import db_worker

    steps = []
    monkeypatch.setattr(db_worker, "prepare_process", lambda: steps.append("prepared"))
    monkeypatch.setattr(tasks_db_worker.Worker, "run", lambda worker: steps.append("ran"))
    monkeypatch.setattr(tasks_db_worker.Worker, "configure_signals", lambda worker: None)
    assert get_commands()["db_worker"] == "jobdesc.documents"
    call_command("db_worker", batch=True, startup_delay=False, reload=False)
    assert steps == ["prepared", "ran"]
