"""The only way WeasyPrint reads a file: the app's static files, its media files and data: URIs.

Allowing just the `file` and `data` protocols would still let a document read any local file, so
every `file:` URL is resolved (symlinks and `..` included) and must land under one of the roots.
Nothing is fetched over the network.
"""

from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from django.conf import settings
from weasyprint.urls import URLFetcher, URLFetcherResponse


class RefusedURL(ValueError):
    """A document asked for something outside the app's own files."""


def allowed_roots() -> list[Path]:
    # A STATICFILES_DIRS entry is a path or a (prefix, path) pair.
    static_dirs = [entry[1] if isinstance(entry, tuple | list) else entry for entry in settings.STATICFILES_DIRS]
    roots = [Path(settings.MEDIA_ROOT), *map(Path, static_dirs)]
    if settings.STATIC_ROOT:
        roots.append(Path(settings.STATIC_ROOT))
    return [root.resolve() for root in roots]


class RestrictedURLFetcher(URLFetcher):
    def __init__(self):
        super().__init__(allowed_protocols=("file", "data"), allow_redirects=False)

    def fetch(self, url, headers=None):
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme != "file":
            raise RefusedURL(f"Only the app's own files are read, not {url!r}.")
        path = resolve_file_url(url)
        return URLFetcherResponse(path.as_uri(), path.read_bytes())


def resolve_file_url(url: str) -> Path:
    """The real path of a `file:` URL if it lies under an allowed root; RefusedURL otherwise."""
    parts = urlsplit(url)
    if parts.netloc not in ("", "localhost"):
        raise RefusedURL(f"Remote file URLs are refused: {url!r}.")
    path = Path(url2pathname(parts.path)).resolve()
    if not path.is_file() or not any(path.is_relative_to(root) for root in allowed_roots()):
        raise RefusedURL(f"Not a static or media file of the app: {url!r}.")
    return path
