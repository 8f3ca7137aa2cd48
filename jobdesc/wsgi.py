"""WSGI entry point for gunicorn and other application servers."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobdesc.settings")

application = get_wsgi_application()


def ready_to_serve() -> None:
    """Load, once per process, what Django and the app would otherwise load during somebody's request.

    Measured on a new worker: the first password check imported the login backends (directory and OpenID,
    with their libraries) and the hasher, 0.35 s; the first page that declines a title loaded the
    dictionaries of the inflection, 0.2 s; the first due date of a signature read the calendar of public holidays,
    0.1 s; the first request of all imported every view through the URLs.
    A worker pays this at start instead, before it takes a request. Each step is a no-op the second time.
    """
    from django.contrib.auth import get_backends
    from django.contrib.auth.hashers import get_hasher
    from django.urls import get_resolver
    from django.utils import timezone

    from jobdesc.grammar.inflect import morph
    from jobdesc.instructions.acknowledgements.calendar import is_working_day

    get_resolver().url_patterns  # noqa: B018 (reading it imports every view)
    get_backends()
    hasher = get_hasher()
    if hasher.library:
        hasher._load_library()
    morph()
    is_working_day(timezone.localdate())


ready_to_serve()
