"""What the user sees when the database goes away in the middle of a request: the 503 page, not a traceback.

The view ran inside the request's transaction (ATOMIC_REQUESTS), which is rolled back before this
middleware is asked, so nothing the view wrote before the failure is kept. The page is rendered
without the request's context: the navigation would need the database again.
"""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

# How long a browser or proxy should wait before trying again, in seconds.
RETRY_AFTER = 30


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error("Database unavailable during %s %s: %s", request.method, request.path, exception)
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER)
        return response
