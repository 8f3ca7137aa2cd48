"""An application server's worker loads at start what its first requests would otherwise load while somebody waits."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

LOADED = """
import json, sys
import django
django.setup()
from jobdesc.grammar import inflect
from jobdesc.instructions.acknowledgements import calendar
def state():
    return {
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
