"""The client address django-axes counts failed logins by, correct behind the reverse proxies named in settings."""

from django.conf import settings


def client_ip(request) -> str:
    """The connection's own address, or with TRUSTED_PROXY_COUNT = N the N-th from the end of X-Forwarded-For.

    Only the entries the trusted proxies appended are believed: anything before them was written by the
    client, which could otherwise pick a fresh address for every guess.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < count:
        return remote
    return forwarded[-count]
