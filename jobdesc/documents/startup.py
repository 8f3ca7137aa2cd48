"""What a server's process loads before its first request or task, instead of while somebody waits.

Two kinds of process serve the app: an application server's worker (jobdesc/wsgi.py calls `prepare_process`
when the server loads the app) and the background worker (`manage.py db_worker`, this app's own command,
calls it before the first task). Both render documents, and this app is the highest layer the worker's
command can import, so the preparation lives here.
"""

import gc


def prepare_process() -> None:
    """Load, once per process, what Django and the app would otherwise load during somebody's request.

    Measured on a new worker: the first password check imported the login backends (directory and OpenID,
    with their libraries) and the hasher, 0.35 s; the first page that declines a title loaded the
    dictionaries of the inflection, 0.2 s; the first due date of a signature read the calendar of public
    holidays, 0.1 s; the first request of all imported every view through the URLs; the first PDF loaded
    the fonts and the hyphenation patterns.

    Last, what was loaded is frozen out of the garbage collector's reach: it lives as long as the process,
    and a full collection walked all of it (240 000 objects, 0.14 s) every ten or so renders of a PDF.
    Each step is a no-op the second time.
    """
    from django.contrib.auth import get_backends
    from django.contrib.auth.hashers import get_hasher
    from django.urls import get_resolver
    from django.utils import timezone

    from jobdesc.grammar.inflect import morph
    from jobdesc.instructions.acknowledgements.calendar import is_working_day

    from .pdf import warm_up

    get_resolver().url_patterns  # noqa: B018 (reading it imports every view)
    get_backends()
    hasher = get_hasher()
    if hasher.library:
        hasher._load_library()
    morph()
    is_working_day(timezone.localdate())
    warm_up()
    gc.freeze()
