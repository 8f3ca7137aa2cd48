"""Each gunicorn worker of the load test reads every page of the journeys once before it serves the users.

Gunicorn calls `post_worker_init` (this file is also its configuration: `gunicorn -c`) in each worker once
the app is loaded. A worker's first page of a kind costs what later ones do not: the templates compiled, the
clause library's matrix of meaning and word index read (half a second for 10 000 clauses), a search's query
vector computed. Without this, those first requests fall in the first seconds of the run, while the users
still log in, and the figure that compares the other requests made during the logins with those after them
would measure the workers' start rather than a burst of password checks. The pages are those the locustfile's
people read (its GET requests, each search of `SEARCHES`), as the people of the plan, in this process, through
the whole Django stack; nothing is written but their sessions.
"""

import json
import os
from pathlib import Path

SEARCHES = ["клиентов", "договор", "обязан", "отчёт", "документ"]


def pages(plan: dict) -> dict[str, list[str]]:
    """{login: [url, …]}: one person of each role of the plan and the pages that role reads."""
    large, approved = plan["large"], plan["approved_versions"]
    editor, agreement = large["editor_version"], large["agreement_version"]
    hr = [f"/instructions/version/{editor}/edit/", f"/instructions/version/{editor}/preview/"]
    hr += [f"/library/?q={query}" for query in SEARCHES]
    hr += [f"/instructions/version/{editor}/library/?section=duties&q={query}" for query in SEARCHES]
    hr += ["/instructions/journal/", "/instructions/acknowledgements/", "/", "/org/employees/"]
    agreeing = [
        "/instructions/inbox/",
        f"/instructions/version/{agreement}/",
        f"/instructions/version/{agreement}/preview/",
    ]
    approver = ["/instructions/inbox/", "/instructions/journal/", "/instructions/journal/?status=approved&page=2"]
    approver += [f"/instructions/version/{approved[0]}/", f"/documents/version/{approved[0]}.pdf"]
    result = {plan["logins"]["hr"][0]: hr, plan["logins"]["agreeing"][0]: agreeing}
    result[plan["logins"]["approver"][0]] = approver
    for username, version in plan["employee_versions"].items():
        result[username] = ["/instructions/mine/", f"/instructions/version/{version}/preview/"]
        result[username].append(f"/documents/version/{version}.pdf")
    return result


def warm(plan: dict) -> None:
    from django.test import Client

    from jobdesc.accounts.models import User

    for username, urls in pages(plan).items():
        client = Client()
        client.force_login(User.objects.get(username=username))
        for url in urls:
            response = client.get(url, headers={"HX-Request": "true"} if "/library/?section" in url else {})
            # A page that moved would leave the worker cold without a word: the run stops instead.
            if response.status_code != 200:
                raise RuntimeError(f"warming a worker, {url} answered {response.status_code} to {username}")


def post_worker_init(worker):
    plan, ready = os.environ.get("JOBDESC_BENCH_PLAN"), os.environ.get("JOBDESC_BENCH_WARM")
    if plan:
        warm(json.loads(Path(plan).read_text()))
    if ready:
        # The load test starts once every worker has left its mark here.
        (Path(ready) / str(os.getpid())).touch()
