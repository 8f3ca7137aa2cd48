"""Headless Chromium (the system's /usr/bin/chromium) driven by Playwright against the live server.

A missing Chromium is a failure, not a skip: CI installs it, and a browser test that silently
skips proves nothing.
"""

import os
import threading
import time
from pathlib import Path

import pytest
from django.core.signals import request_finished, request_started

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Without the background-networking flags Chromium keeps trying to reach Google's hosts; `bench` starts it alike.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parent.parent.parent / "var" / "screenshots"

# Playwright's sync API runs an event loop in this thread; the test's own ORM calls are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


class InFlight:
    """The live server's requests under way: a test's database is flushed only once the last one has finished.

    Closing a browser context stops the browser, not a request the server is still answering (the editor's
    checks panel loads after the page). Flushing beside it, PostgreSQL's TRUNCATE can deadlock with that
    request's transaction, leaving the rows to break the next test. `request_finished` reaches this counter
    after Django's own receiver has closed the request's connection. Only the server's threads count: the
    test client answers in the test's own thread, and a streamed response it leaves unread never finishes.
    """

    def __init__(self):
        self.count = 0
        self.lock = threading.Lock()
        self.receivers = {
            request_started: lambda **kwargs: self.add(1),
            request_finished: lambda **kwargs: self.add(-1),
        }

    def __enter__(self):
        for signal, receiver in self.receivers.items():
            signal.connect(receiver, weak=False)
        return self

    def __exit__(self, *exc_info):
        for signal, receiver in self.receivers.items():
            signal.disconnect(receiver)

    def add(self, step):
        if threading.current_thread() is not threading.main_thread():
            with self.lock:
                self.count += step

    def wait(self, timeout=15.0, quiet=0.2):
        """Until no request has been under way for `quiet` seconds; a request left after `timeout` fails the test."""
        deadline = time.monotonic() + timeout
        idle_since = None
        while time.monotonic() < deadline:
            if self.count <= 0:
                idle_since = idle_since or time.monotonic()
                if time.monotonic() - idle_since >= quiet:
                    return
            else:
                idle_since = None
            time.sleep(0.02)
        pytest.fail(f"{self.count} request(s) of the live server still under way {timeout} s after the test")


@pytest.fixture(scope="session")
def in_flight():
    with InFlight() as counter:
        yield counter


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium package (see .ci/run)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser, live_server, in_flight):
    """A factory of pages, each in its own browser context (its own cookies: one person each)."""
    contexts = []
    refused = []

    def factory():
        context = browser.new_context(
            base_url=live_server.url, locale="ru-RU", viewport={"width": 1400, "height": 1000}
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        # Whatever the app's own pages do must pass its Content Security Policy: the browser says so here.
        page.on(
            "console",
            lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None,
        )
        return page

    yield factory
    for context in contexts:
        context.close()
    in_flight.wait()
    assert not refused, f"the Content Security Policy refused: {refused}"


@pytest.fixture
def page(open_page):
    return open_page()


def log_in(page, username, password):
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("main button[type=submit]")


def screenshot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
