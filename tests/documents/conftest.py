"""Fixtures of the document tests: a fixed public address for the QR codes."""

import pytest


@pytest.fixture(autouse=True)
def documents_setup(settings):
    settings.SITE_URL = "https://jobdesc.example.org"
