"""WeasyPrint reads only the app's static and media files and data: URIs — never the network or other local files."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from PIL import Image

from jobdesc.documents import pdf
from jobdesc.documents.fetcher import RefusedURL, RestrictedURLFetcher
from jobdesc.instructions.drafting.services import start_draft

from .pdf_reading import page_texts, read_pdf

STATIC = Path(settings.BASE_DIR) / "static"


@pytest.fixture
def fetcher():
    return RestrictedURLFetcher()


@pytest.fixture
def fetched(monkeypatch):
    """Every URL WeasyPrint asks for during a render, with whether it was served."""
    calls = []
    original = RestrictedURLFetcher.fetch

    def recording(self, url, headers=None):
        try:
            response = original(self, url, headers)
        except RefusedURL:
            calls.append((url, False))
            raise
        calls.append((url, True))
        return response

    monkeypatch.setattr(RestrictedURLFetcher, "fetch", recording)
    return calls


@pytest.mark.parametrize(
    "url",
    [
        "http://example.org/logo.png",
        "https://example.org/style.css",
        "ftp://example.org/file",
        "file:///etc/passwd",
        "file://example.org/share/logo.png",
        (STATIC / "documents").as_uri() + "/../../../../../etc/passwd",
        (STATIC / "fonts").as_uri() + "/%2E%2E/%2E%2E/%2E%2E/%2E%2E/etc/passwd",
    ],
)
def test_it_refuses_anything_but_the_apps_own_files(fetcher, url):
    with pytest.raises(RefusedURL):
        fetcher.fetch(url)


def test_it_refuses_a_symlink_that_leads_out_of_the_media_folder(fetcher, settings):
    media = Path(settings.MEDIA_ROOT)
    media.mkdir(parents=True)
    (media / "innocent.png").symlink_to("/etc/passwd")
    with pytest.raises(RefusedURL):
        fetcher.fetch((media / "innocent.png").as_uri())


def test_it_serves_static_files_media_files_and_data_uris(fetcher, settings):
    font = fetcher.fetch((STATIC / "fonts" / "LiberationSerif-Regular.ttf").as_uri())
    assert font.read(4) == b"\x00\x01\x00\x00"
    media = Path(settings.MEDIA_ROOT) / "logos"
    media.mkdir(parents=True)
    (media / "logo.png").write_bytes(b"png")
    assert fetcher.fetch((media / "logo.png").as_uri()).read() == b"png"
    assert fetcher.fetch("data:text/plain;base64,SGVsbG8=").read() == b"Hello"


@pytest.mark.pdf
def test_a_clause_that_points_outside_is_printed_as_text_and_nothing_is_fetched(position, hr, fetched):
    clause = 'Смотри <img src="http://example.org/x.png"> и <link rel="stylesheet" href="file:///etc/passwd">.'
    draft = start_draft(position=position, user=hr, sections=[("general", "", [clause])])
    text = " ".join(" ".join(page_texts(pdf.render_pdf(draft))).split())
    assert '<img src="http://example.org/x.png">' in text
    assert not any("example.org" in url or "passwd" in url for url, _served in fetched)


def png_logo() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "navy").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.pdf
def test_a_logo_in_the_media_folder_is_printed(position, hr, organisation, settings, fetched):
    logos = Path(settings.MEDIA_ROOT) / "logos"
    logos.mkdir(parents=True)
    (logos / "romashka.png").write_bytes(png_logo())
    organisation.logo.name = "logos/romashka.png"
    organisation.save()
    draft = start_draft(position=position, user=hr, sections=[("general", "", ["Текст."])])
    first = read_pdf(pdf.render_pdf(draft)).pages[0]
    assert len(first["/Resources"]["/XObject"]) == 1
    assert fetched == [((logos / "romashka.png").as_uri(), True)]


@pytest.mark.parametrize("name", ["../../../../etc/passwd", "/etc/passwd"])
def test_a_logo_outside_the_media_folder_is_not_read(position, hr, organisation, fetched, name):
    organisation.logo.name = name
    organisation.save()
    draft = start_draft(position=position, user=hr, sections=[("general", "", ["Текст."])])
    first = read_pdf(pdf.render_pdf(draft)).pages[0]
    assert not first["/Resources"].get("/XObject")
    assert not any("passwd" in url for url, _served in fetched)


@pytest.mark.pdf
def test_an_svg_logo_cannot_pull_in_other_files(position, hr, organisation, settings, fetched):
    logos = Path(settings.MEDIA_ROOT) / "logos"
    logos.mkdir(parents=True)
    (logos / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="40" height="20">'
        '<image xlink:href="file:///etc/passwd" width="40" height="20"/>'
        '<image xlink:href="http://example.org/tracker.png" width="40" height="20"/></svg>'
    )
    organisation.logo.name = "logos/logo.svg"
    organisation.save()
    draft = start_draft(position=position, user=hr, sections=[("general", "", ["Текст."])])
    pdf.render_pdf(draft)
    refused = {url for url, served in fetched if not served}
    assert refused == {"file:///etc/passwd", "http://example.org/tracker.png"}
