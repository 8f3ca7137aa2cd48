"""Webhooks: what an event sends to whom, how a delivery is signed and sent, and which targets are allowed.

`emit(organisation, event, payload)` writes one delivery per active endpoint that asked for the event,
inside the caller's transaction, and queues it for the worker after the commit. A delivery is signed
as Standard Webhooks describe (`webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64 of
HMAC-SHA256 of "id.timestamp.body">`), sent by a POST that follows no redirect, to an address checked
against the allow-list policy at the moment of sending (the host is resolved and every address must be
public unless WEBHOOK_ALLOWED_NETWORKS names its network; the connection goes to the checked address,
so a second DNS answer cannot slip past the check). A failure is retried after WEBHOOK_RETRY_DELAYS.
"""

import base64
import datetime
import hashlib
import hmac
import http.client
import ipaddress
import json
import logging
import secrets
import socket
import ssl
import uuid
from urllib.parse import urlsplit

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import DeliveryStatus, Event, WebhookDelivery, WebhookEndpoint

logger = logging.getLogger(__name__)

SUBSCRIBABLE = [event for event in Event if event != Event.PING]
USER_AGENT = "jobdesc-webhooks/1"


class TargetRefused(Exception):
    """A URL the allow-list policy does not let the app reach; the message is for the administrator."""


def new_secret() -> str:
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


def _key(secret: str) -> bytes:
    return base64.b64decode(secret.removeprefix("whsec_"))


def signature(secret: str, message_id: str, timestamp: int, body: str) -> str:
    """The `webhook-signature` header's value for a body: `v1,` and the base64 of its HMAC-SHA256."""
    signed = f"{message_id}.{timestamp}.{body}".encode()
    return "v1," + base64.b64encode(hmac.new(_key(secret), signed, hashlib.sha256).digest()).decode()


def _allowed_networks():
    return [ipaddress.ip_network(network, strict=False) for network in settings.WEBHOOK_ALLOWED_NETWORKS]


def address_allowed(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if any(ip in network for network in _allowed_networks() if network.version == ip.version):
        return True
    # Not global: loopback, private, link-local, shared (CGNAT), reserved, unspecified, documentation.
    return ip.is_global and not ip.is_multicast


def check_url(url: str) -> None:
    """Refuse what is not an http(s) URL with a host and no credentials (no DNS lookup: see `resolve`)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise TargetRefused(_("Give an http:// or https:// address."))
    if parts.username or parts.password:
        raise TargetRefused(_("Do not put a login or password into the address: verify the signature instead."))
    try:
        parts.port  # noqa: B018  (a port out of range raises here)
    except ValueError as error:
        raise TargetRefused(_("The port of the address is not valid.")) from error


def resolve(url: str) -> list[str]:
    """Every address the URL's host has, each checked against the policy; refused if any is not allowed."""
    check_url(url)
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        infos = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise TargetRefused(_("The host %(host)s cannot be found.") % {"host": parts.hostname}) from error
    addresses = list(dict.fromkeys(info[4][0] for info in infos))
    refused = [address for address in addresses if not address_allowed(address)]
    if not addresses or refused:
        raise TargetRefused(
            _("%(host)s resolves to an address the app may not reach (%(address)s): internal networks are refused.")
            % {"host": parts.hostname, "address": ", ".join(refused) or "—"}
        )
    return addresses


class _PinnedHTTP(http.client.HTTPConnection):
    """A connection to the address checked by `resolve`, whatever the host's name resolves to later."""

    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self):
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self):
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def post(url: str, body: str, headers: dict) -> tuple[int, str]:
    """POST `body` to `url` through the policy; returns the status and the start of the answer."""
    addresses = resolve(url)
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    connection_class = _PinnedHTTPS if parts.scheme == "https" else _PinnedHTTP
    connection = connection_class(parts.hostname, port, addresses[0], settings.WEBHOOK_TIMEOUT)
    try:
        connection.request("POST", path, body=body.encode(), headers=headers)
        response = connection.getresponse()
        return response.status, response.read(1000).decode("utf-8", "replace")
    finally:
        connection.close()


def _body(event: str, payload: dict) -> str:
    message = {"type": event, "timestamp": timezone.now().isoformat(), "data": payload}
    return json.dumps(message, cls=DjangoJSONEncoder, ensure_ascii=False)


def _queue(deliveries: list[WebhookDelivery], organisation_id: int) -> None:
    # Imported here: the tasks module imports this one.
    from .tasks import deliver_webhook

    pks = [delivery.pk for delivery in deliveries]

    def enqueue():
        for pk in pks:
            deliver_webhook.enqueue(organisation_id=organisation_id, delivery_id=pk)

    transaction.on_commit(enqueue)


def emit(organisation, event: str, payload: dict) -> list[WebhookDelivery]:
    """Tell the organisation's endpoints that asked for `event` (a value of `Event`); sent after the commit.

    Other packages call this (for example `emit(org, Event.CAMPAIGN_OVERDUE, {"campaign": {...}})`);
    the payload is JSON with dates as ISO 8601.
    """
    if event not in Event.values:
        raise ValueError(f"Not a webhook event: {event}")
    organisation_id = getattr(organisation, "pk", organisation)
    endpoints = [
        endpoint
        for endpoint in WebhookEndpoint.objects.filter(organisation_id=organisation_id, is_active=True)
        if event in endpoint.events
    ]
    if not endpoints:
        return []
    body = _body(event, payload)
    deliveries = WebhookDelivery.objects.bulk_create(
        [
            WebhookDelivery(endpoint=endpoint, message_id=f"msg_{uuid.uuid4().hex}", event=event, body=body)
            for endpoint in endpoints
        ]
    )
    if not all(delivery.pk for delivery in deliveries):  # databases that do not return the new keys
        deliveries = list(WebhookDelivery.objects.filter(message_id__in=[d.message_id for d in deliveries]))
    _queue(deliveries, organisation_id)
    return deliveries


def send_test(endpoint: WebhookEndpoint, *, by) -> WebhookDelivery:
    """The «test» button: a `ping` message to this endpoint only, through the worker like any other."""
    payload = {"endpoint": endpoint.pk, "by": by.display_name}
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint, message_id=f"msg_{uuid.uuid4().hex}", event=Event.PING, body=_body(Event.PING, payload)
    )
    _queue([delivery], endpoint.organisation_id)
    return delivery


def retry_delay(attempts: int) -> datetime.timedelta | None:
    delays = settings.WEBHOOK_RETRY_DELAYS
    return datetime.timedelta(seconds=delays[attempts - 1]) if attempts <= len(delays) else None


def deliver(delivery_id: int) -> str:
    """Send one delivery if it is still waiting; record the answer; schedule the next attempt after a failure."""
    claim = uuid.uuid4().hex
    taken = WebhookDelivery.objects.filter(pk=delivery_id, status=DeliveryStatus.PENDING).update(
        status=DeliveryStatus.SENDING, claimed_by=claim, claimed_at=timezone.now()
    )
    if not taken:
        return "skipped"
    delivery = WebhookDelivery.objects.select_related("endpoint").get(pk=delivery_id)
    endpoint = delivery.endpoint
    timestamp = int(timezone.now().timestamp())
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "webhook-id": delivery.message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": signature(endpoint.secret, delivery.message_id, timestamp, delivery.body),
    }
    code, answer, error = None, "", ""
    try:
        code, answer = post(endpoint.url, delivery.body, headers)
        if 300 <= code < 400:
            error = _("Redirects are not followed: give the final address.")
        elif not 200 <= code < 300:
            error = _("The endpoint answered %(code)d.") % {"code": code}
    except TargetRefused as refused:
        error = str(refused)
    except (OSError, http.client.HTTPException) as failure:
        error = f"{type(failure).__name__}: {failure}"
    now = timezone.now()
    outcome = {"last_attempt_at": now, "response_code": code, "response_body": answer[:1000], "error": error[:1000]}
    mine = WebhookDelivery.objects.filter(pk=delivery_id, claimed_by=claim)
    if not error:
        mine.update(status=DeliveryStatus.DELIVERED, delivered_at=now, attempts=F("attempts") + 1, **outcome)
        return "delivered"
    logger.warning("Webhook delivery %s to %s failed: %s", delivery_id, endpoint.url, error)
    attempts = delivery.attempts + 1
    delay = retry_delay(attempts)
    if delay is None or not endpoint.is_active:
        mine.update(status=DeliveryStatus.FAILED, attempts=attempts, next_attempt_at=None, **outcome)
        return "failed"
    mine.update(status=DeliveryStatus.PENDING, attempts=attempts, next_attempt_at=now + delay, **outcome)
    # Imported here: the tasks module imports this one.
    from .tasks import deliver_webhook

    deliver_webhook.using(run_after=now + delay).enqueue(
        organisation_id=endpoint.organisation_id, delivery_id=delivery_id
    )
    return "deferred"
