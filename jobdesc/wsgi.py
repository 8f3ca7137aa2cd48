"""WSGI entry point for gunicorn and other application servers."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobdesc.settings")

application = get_wsgi_application()

from jobdesc.documents.startup import prepare_process  # noqa: E402 (needs the app set up)

# Every worker of the server is ready before it takes a request.
prepare_process()
