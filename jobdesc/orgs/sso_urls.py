"""URLs of the OpenID Connect sign-in (mozilla-django-oidc's views); they answer 404 until it is configured."""

from functools import wraps

from django.conf import settings
from django.http import Http404
from django.urls import path
from mozilla_django_oidc import views


def configured(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not settings.OIDC_RP_CLIENT_ID:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


urlpatterns = [
    path("callback/", configured(views.OIDCAuthenticationCallbackView.as_view()), name="oidc_authentication_callback"),
    path("authenticate/", configured(views.OIDCAuthenticationRequestView.as_view()), name="oidc_authentication_init"),
]
