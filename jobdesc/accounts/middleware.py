"""The interface language of a logged-in person: their own choice, else their organisation's default."""

from django.utils import translation


class UserLanguageMiddleware:
    """After the authentication middleware: a person's profile outranks the browser's Accept-Language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and (user.language or user.organisation_id):
            language = user.interface_language
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)
