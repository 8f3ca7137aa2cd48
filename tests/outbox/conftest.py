"""A real SMTP server on loopback (aiosmtpd) that records what arrives, and the settings that point at it."""

import email
import threading
from collections import Counter

import pytest
from aiosmtpd.controller import Controller

from jobdesc.bench.load import free_port


class Mailbox:
    """What the test SMTP server received; addresses in `refuse` get the given reply to RCPT TO."""

    def __init__(self):
        self.received = []
        self.refuse = {}
        self._lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self._lock:
            self.received.append(email.message_from_bytes(envelope.content))
        return "250 Message accepted for delivery"

    @property
    def message_ids(self) -> Counter:
        with self._lock:
            return Counter(message["Message-ID"] for message in self.received)

    def __len__(self):
        with self._lock:
            return len(self.received)


@pytest.fixture
def smtp_server():
    """(mailbox, port) of an SMTP server running in this process for the test."""
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield mailbox, controller.port
    finally:
        controller.stop()


def use_smtp(settings, port):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5


@pytest.fixture
def mailbox(smtp_server, settings):
    """The app sends through the test SMTP server; yields its mailbox."""
    box, port = smtp_server
    use_smtp(settings, port)
    return box


@pytest.fixture
def smtp_down(settings):
    """The app's SMTP server is a loopback port where nothing listens: every connection is refused."""
    use_smtp(settings, free_port())


@pytest.fixture
def quick_retries(settings):
    """Three attempts in all, the retries due at once, so a test can run them all."""
    settings.OUTBOX_RETRY_DELAYS = [0, 0]
