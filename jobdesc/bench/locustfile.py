"""The load test's users: the four roles' journeys through the app, for `locust` (run by `manage.py bench`).

Each simulated person logs in once with a demo login, then repeats what that role does most, with a
pause of one to three seconds between pages, as a person reading them would. The primary keys come
from the plan `bench` writes (JOBDESC_BENCH_PLAN); this file imports nothing of Django. The figures
are those of all the users at work: the statistics start afresh once the last login has finished
(not merely once the last user has started, while logins still queue) and the run stops
JOBDESC_BENCH_DURATION seconds later. The logins themselves, and the other requests made while logins
were still running (those a burst of logins could starve), are written to JOBDESC_BENCH_LOGINS.
"""

import json
import os
import random
import re
import time
from pathlib import Path

import gevent
from locust import HttpUser, between, events, task

# The searches people type; each gunicorn worker has read them once before the run (`warm.py`).
from jobdesc.bench.warm import SEARCHES

PLAN = json.loads(Path(os.environ["JOBDESC_BENCH_PLAN"]).read_text()) if "JOBDESC_BENCH_PLAN" in os.environ else {}
# The measured window: it opens once every user has logged in and lasts this many seconds.
USERS = int(os.environ.get("JOBDESC_BENCH_USERS", "0"))
DURATION = int(os.environ.get("JOBDESC_BENCH_DURATION", "60"))
# Logins (each a deliberately slow password hash) come before the window: their times are kept here.
LOGINS: list[float] = []
LOGGED_IN: list[str] = []  # one entry per finished login attempt, whatever its outcome
DURING_LOGINS: list[float] = []  # the other requests' times while some users were still logging in


@events.request.add_listener
def remember_logins(name, response_time, exception, **kwargs):
    if name == "log in":
        if exception is None:
            LOGINS.append(response_time)
    elif len(LOGGED_IN) < USERS and name != "login page":
        DURING_LOGINS.append(response_time)


def measure(environment):
    """Wait for every login to finish, start the statistics afresh, and stop the run DURATION seconds later."""
    started = time.monotonic()
    while len(LOGGED_IN) < USERS:
        gevent.sleep(0.2)
    environment.runner.stats.reset_all()
    environment.parsed_options.bench_ramp_s = round(time.monotonic() - started, 1)
    gevent.sleep(DURATION)
    environment.runner.quit()


@events.test_start.add_listener
def open_the_window(environment, **kwargs):
    if USERS:
        gevent.spawn(measure, environment)


@events.quitting.add_listener
def write_logins(environment, **kwargs):
    if "JOBDESC_BENCH_LOGINS" in os.environ:
        ramp = getattr(environment.parsed_options, "bench_ramp_s", None)
        record = {"times": LOGINS, "ramp_s": ramp, "during_logins": DURING_LOGINS}
        Path(os.environ["JOBDESC_BENCH_LOGINS"]).write_text(json.dumps(record))


class Person(HttpUser):
    abstract = True
    wait_time = between(1, 3)
    role = ""

    def on_start(self):
        self.username = random.choice(PLAN["logins"][self.role])
        self.client.get("/accounts/login/", name="login page")
        response = self.client.post(
            "/accounts/login/",
            {"username": self.username, "password": PLAN["password"], "csrfmiddlewaretoken": self.csrf()},
            name="log in",
            allow_redirects=False,
            catch_response=True,
        )
        with response:
            if response.status_code != 302:
                response.failure(f"login of {self.username} answered {response.status_code}")
        LOGGED_IN.append(self.username)

    def csrf(self) -> str:
        return self.client.cookies.get("csrftoken", "")

    def post(self, url, data, name):
        """A form post as the browser sends it (the token in a header, as htmx does); a redirect is success."""
        response = self.client.post(
            url, data, headers={"X-CSRFToken": self.csrf()}, name=name, allow_redirects=False, catch_response=True
        )
        with response:
            if response.status_code not in (200, 302):
                response.failure(f"{name} answered {response.status_code}")


class HROfficer(Person):
    """Writes instructions, searches the library, keeps the journal and chases signatures."""

    weight = 2
    role = "hr"

    @task(3)
    def editor(self):
        version = PLAN["large"]["editor_version"]
        self.client.get(f"/instructions/version/{version}/edit/", name="editor (120 clauses)")
        self.client.get(f"/instructions/version/{version}/preview/", name="preview of the draft")

    @task(3)
    def library(self):
        self.client.get(f"/library/?q={random.choice(SEARCHES)}", name="library search")

    @task(2)
    def editor_library_panel(self):
        version = PLAN["large"]["editor_version"]
        self.client.get(
            f"/instructions/version/{version}/library/?section=duties&q={random.choice(SEARCHES)}",
            headers={"HX-Request": "true"},
            name="editor library panel",
        )

    @task(1)
    def journal(self):
        self.client.get("/instructions/journal/", name="journal")

    @task(2)
    def signatures(self):
        self.client.get("/instructions/acknowledgements/", name="signatures dashboard")

    @task(1)
    def remind(self):
        self.post("/instructions/acknowledgements/remind/", {"ack": PLAN["pending_acks"][:3]}, "send reminders")

    @task(1)
    def people(self):
        self.client.get("/", name="home")
        self.client.get("/org/employees/", name="employees")


class AgreeingOfficial(Person):
    """Reads the draft sent for agreement and comments on it."""

    weight = 2
    role = "agreeing"

    @task(3)
    def inbox(self):
        self.client.get("/instructions/inbox/", name="inbox")

    @task(3)
    def read_the_draft(self):
        version = PLAN["large"]["agreement_version"]
        self.client.get(f"/instructions/version/{version}/", name="version page")
        self.client.get(f"/instructions/version/{version}/preview/", name="preview of the draft")

    @task(1)
    def comment(self):
        version = PLAN["large"]["agreement_version"]
        self.post(f"/instructions/version/{version}/comment/", {"text": "Уточните формулировку."}, "comment")


class Approver(Person):
    """Looks at what waits for approval, the journal and the instructions in force."""

    weight = 1
    role = "approver"

    @task(2)
    def inbox(self):
        self.client.get("/instructions/inbox/", name="inbox")

    @task(2)
    def journal(self):
        self.client.get("/instructions/journal/", name="journal")
        self.client.get("/instructions/journal/?status=approved&page=2", name="journal, filtered")

    @task(1)
    def in_force(self):
        version = random.choice(PLAN["approved_versions"])
        self.client.get(f"/instructions/version/{version}/", name="version page")
        self.client.get(f"/documents/version/{version}.pdf", name="stored PDF")


class Employee(Person):
    """Opens the own instruction, reads it and downloads the PDF."""

    weight = 5
    role = "employee"

    @task(3)
    def my_instructions(self):
        page = self.client.get("/instructions/mine/", name="my instructions")
        acknowledgement = re.search(r"/instructions/mine/(\d+)/", page.text)
        if acknowledgement:
            self.client.get(f"/instructions/mine/{acknowledgement.group(1)}/", name="read and sign")

    @task(2)
    def read(self):
        version = PLAN["employee_versions"][self.username]
        self.client.get(f"/instructions/version/{version}/preview/", name="preview of the instruction")

    @task(1)
    def download(self):
        version = PLAN["employee_versions"][self.username]
        self.client.get(f"/documents/version/{version}.pdf", name="stored PDF")
