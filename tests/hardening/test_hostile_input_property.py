"""A whole-app guarantee, checked by Hypothesis: no hostile value in any parameter of any view is a server error,
and a refused request changes nothing.

Every URL pattern of the permission matrix (tests/hardening/test_permission_matrix.py, with its two worlds)
is requested as a role that may use it or any other, with its path ids sometimes swapped for the other
organisation's or for numbers no database holds, and with any of the parameters its view module reads (and
a couple it does not) filled with hostile values: NUL and control characters, line breaks, huge numbers,
foreign ids, formula and markup texts, 1 MB strings and malformed files. The parameter names are collected
from the app itself (every form's fields and every `request.GET/POST` key the views read), so a new field
is fuzzed too. Each example runs in a savepoint that is rolled back, so every one starts from the same two
worlds, and a refused one (4xx) is compared with them: counts, last ids and timestamps of every table.

The examples are fixed (derandomize) so that a run is repeatable and bounded; HYPOTHESIS_EXAMPLES_PER_URL=50
explores further, with new random examples when HYPOTHESIS_RANDOM=1.
"""

import inspect
import os
import pathlib
import re

import pytest
from django import forms
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models, transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hardening.test_hostile_input_property_data import MALFORMED_FILES
from tests.hardening.test_input_rules import app_forms
from tests.hardening.test_permission_matrix import ANONYMOUS, EVERYONE, SUPERUSER, TABLE, url_patterns

AIMED = {}
EXAMPLES_PER_URL = int(os.environ.get("HYPOTHESIS_EXAMPLES_PER_URL", "5"))
JOBDESC = pathlib.Path(__file__).resolve().parents[2] / "jobdesc"
# Tables a refused request may still write: the failed-attempt counter of django-axes, sessions.
UNCOUNTED_APPS = {"axes", "sessions", "admin", "contenttypes", "auth"}


def parameter_names() -> list[str]:
    """Every form field and every query or form key a view reads, taken from the app's own code."""
    names = set()
    for form in app_forms():
        names.update(form.base_fields)
        meta = getattr(form, "_meta", None)
        if meta is not None and isinstance(getattr(meta, "fields", None), list | tuple):
            names.update(meta.fields)
    pattern = re.compile(r"request\.(?:GET|POST)\.(?:get|getlist)\(\s*[\"'](\w+)[\"']")
    for path in JOBDESC.rglob("*.py"):
        names.update(pattern.findall(path.read_text(encoding="utf-8")))
    # Keys read in a loop (the journal's filters) and the position form's added fields.
    names.update(["status", "department", "year", "q"])
    names.update(f"override_{case}" for case in ("gent", "datv", "ablt", "accs"))
    return sorted(names)


PARAMETERS = parameter_names()


def view_parameters(name: str) -> list[str]:
    """The parameters a URL's view module mentions (its forms' fields and the keys it reads), to aim at first."""
    callback = next(pattern.callback for found, pattern in url_patterns() if found == name)
    view = inspect.unwrap(callback)
    view = getattr(view, "view_class", view)
    source = inspect.getsource(inspect.getmodule(view))
    mentioned = set(re.findall(r"\w+", source))
    for form in app_forms():
        if form.__name__ in mentioned:
            mentioned.update(form.base_fields)
    return sorted(mentioned & set(PARAMETERS)) or PARAMETERS


FILE_PARAMETERS = sorted(
    {name for form in app_forms() for name, field in form.base_fields.items() if isinstance(field, forms.FileField)}
    | {"file"}
)
HUGE = ["99999999999", "9" * 30, str(2**63), str(-(2**63) - 1), "1e309", "-0", "NaN", "Infinity"]
HOSTILE_TEXTS = [
    "\x00",
    "a\x00b",
    "\r\nBcc: all@example.org",
    "\x01\x02\x1b[31m\x7f",
    "\u2028\u2029\u202e",
    '=HYPERLINK("http://evil.example")',
    "<script>alert(1)</script>",
    "{position:gent}{",
    "{должность}",
    "../../../etc/passwd",
    "%00%0d%0a",
    "2026-13-45",
    "31.02.2026",
    "' OR 1=1 --",
    "𝕏" * 20,
    " ",
    "",
    "//evil.example/",
    "/\\evil.example/",
]


def hostile_values(world_ids):
    # The 1 MB text is one hostile value among the others: rare enough to keep the run short.
    return st.one_of(
        st.sampled_from([*HOSTILE_TEXTS, *HUGE, "Ж" * 1_000_000]),
        st.sampled_from(world_ids),
        st.integers(min_value=-(2**70), max_value=2**70).map(str),
        st.text(max_size=40),
    )


def fingerprint() -> tuple:
    """Counts and latest timestamps of every table of the app's own models, history tables included."""
    values = []
    for model in apps.get_models():
        if model._meta.app_label in UNCOUNTED_APPS or not model._meta.managed:
            continue
        stamps = [
            f.name
            for f in model._meta.get_fields()
            if isinstance(f, models.DateTimeField) and (f.auto_now or f.auto_now_add)
        ]
        aggregates = {name: models.Max(name) for name in stamps}
        # The highest id tells a new row from a deleted and re-added one; a UUID key has no order (PostgreSQL
        # has no max() of uuid), so such a table is compared by its count and time stamps alone.
        if isinstance(model._meta.pk, models.UUIDField):
            row = model._base_manager.aggregate(n=models.Count("pk"), **aggregates)
        else:
            row = model._base_manager.aggregate(n=models.Count("pk"), top=models.Max("pk"), **aggregates)
        values.append((model._meta.label, tuple(sorted(row.items(), key=lambda kv: kv[0]))))
    return tuple(values)


def _ids_of(world):
    """Row ids of objects of a world, as strings: the ids an attacker would try from the other organisation."""
    objects = [world.draft, world.approved, world.position, world.department, world.clause, world.draft_item]
    objects += [world.acknowledgement, world.employee_record, world.invitation, world.staff_import]
    return sorted({str(obj.pk) for obj in objects})


def _file(draw):
    content = draw(st.sampled_from(sorted(MALFORMED_FILES)))
    extension = draw(st.sampled_from(["docx", "pdf", "png", "xlsx", "csv", "txt", "html", "zip", "p7s", "sig"]))
    return SimpleUploadedFile(f"upload.{extension}", MALFORMED_FILES[content])


@pytest.fixture
def clients(world, other_world):
    made = {}
    for role in sorted(EVERYONE):
        client = Client()
        if role != ANONYMOUS:
            client.force_login(getattr(world, role))
        made[role] = client
    return made


@pytest.mark.django_db
def test_no_hostile_value_in_any_parameter_is_a_server_error_and_a_refusal_changes_nothing(world, other_world, clients):
    foreign_ids = _ids_of(other_world)
    values = hostile_values(foreign_ids + _ids_of(world))
    for row in TABLE.values():  # some rows make their object on first use: make them all before the baseline
        row.kwargs(world)
        if callable(row.data):
            row.data(world)
    # Every example runs in a savepoint rolled back after it, so the database before each is this one.
    baseline = fingerprint()

    @settings(
        max_examples=EXAMPLES_PER_URL,
        deadline=None,
        derandomize=not os.environ.get("HYPOTHESIS_RANDOM"),
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(data=st.data())
    def run(name, data):
        row = TABLE[name]
        allowed = sorted(row.allowed - {SUPERUSER}) or sorted(row.allowed)
        role = data.draw(st.one_of(st.sampled_from(allowed), st.sampled_from(sorted(EVERYONE))), label="role")
        kwargs = dict(row.kwargs(world))
        for key, value in kwargs.items():
            if isinstance(value, int):
                kwargs[key] = data.draw(
                    st.sampled_from([value, value, *map(int, foreign_ids), 2**63, 10**30]), label=f"path {key}"
                )
        url = reverse(name, kwargs=kwargs)
        base = row.data(world) if callable(row.data) else dict(row.data)
        # Each parameter the view reads, hostile or left alone; and a couple of others it does not expect.
        fields = [field for field in AIMED[name] if data.draw(st.booleans(), label=field)]
        fields += data.draw(st.lists(st.sampled_from(PARAMETERS), max_size=2, unique=True), label="others")
        params = {**base, **{field: data.draw(values, label=f"{field}=") for field in fields}}
        files = {}
        if row.method == "post" and data.draw(st.booleans(), label="with a file"):
            files = {data.draw(st.sampled_from(FILE_PARAMETERS), label="file field"): _file(data.draw)}
        savepoint = transaction.savepoint()
        try:
            client = clients[role]
            if row.method == "post":
                response = client.post(url, {**params, **files})
            else:
                query = {key: value[:100_000] for key, value in params.items() if isinstance(value, str)}
                response = client.get(url, query)
            where = f"{row.method.upper()} {url} as {role} with {sorted(params)}: {response.status_code}"
            assert response.status_code < 500, where
            if 400 <= response.status_code < 500:
                assert fingerprint() == baseline, f"{where} was refused but changed the database"
        finally:
            transaction.savepoint_rollback(savepoint)

    for name in sorted(TABLE):
        AIMED.setdefault(name, view_parameters(name))
        run(name)
