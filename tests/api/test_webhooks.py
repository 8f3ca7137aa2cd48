"""Webhooks: a signed delivery reaches a loopback server started here, a failure is retried, the policy refuses
internal targets, and the steps of the workflow and a signature are announced."""

import base64
import hashlib
import hmac
import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.urls import reverse

from jobdesc.api import webhooks
from jobdesc.api.models import DeliveryStatus, Event, WebhookDelivery, WebhookEndpoint
from jobdesc.instructions.acknowledgements import services as acknowledgements
from jobdesc.instructions.models import Acknowledgement
from jobdesc.instructions.workflow import services as workflow
from tests.conftest import PASSWORD, approve_through_workflow
from tests.outbox.worker import run_tasks

STAND_IN_PDF = b"%PDF-1.7\n% stand-in for a rendered instruction\n%%EOF\n"


class Receiver:
    """An HTTP server on 127.0.0.1 that answers the statuses it is given, in turn, and keeps every request."""

    def __init__(self, statuses, location=""):
        self.statuses, self.location, self.requests = list(statuses), location, []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"])).decode()
                receiver.requests.append({"path": self.path, "headers": dict(self.headers), "body": body})
                status = receiver.statuses.pop(0) if receiver.statuses else 200
                self.send_response(status)
                if receiver.location:
                    self.send_header("Location", receiver.location)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hooks/jobdesc?source=test"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def verify(secret, request) -> bool:
    """The receiver's side of Standard Webhooks, written from the specification, not from the app's code."""
    headers = {name.lower(): value for name, value in request["headers"].items()}
    key = base64.b64decode(secret.split("_", 1)[1])
    signed = f"{headers['webhook-id']}.{headers['webhook-timestamp']}.{request['body']}".encode()
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    return any(hmac.compare_digest(f"v1,{expected}", part) for part in headers["webhook-signature"].split())


@pytest.fixture
def loopback_allowed(settings, monkeypatch):
    settings.WEBHOOK_ALLOWED_NETWORKS = ["127.0.0.0/8"]
    settings.WEBHOOK_RETRY_DELAYS = [0, 0]
    monkeypatch.setattr("jobdesc.documents.pdf.render_pdf", lambda version: STAND_IN_PDF)


def endpoint_for(organisation, url, events, admin):
    return WebhookEndpoint.objects.create(
        organisation=organisation, url=url, events=events, secret=webhooks.new_secret(), created_by=admin
    )


@pytest.fixture
def admin(organisation):
    from jobdesc.accounts.roles import Role
    from tests.conftest import make_user

    return make_user(organisation, "admin", Role.ADMIN, "Админова Анна")


def test_an_approval_is_delivered_signed_and_retried_after_a_failure(
    loopback_allowed, complete_draft, hr, lawyer, approver, admin, django_capture_on_commit_callbacks
):
    with Receiver([500, 204]) as receiver:
        endpoint = endpoint_for(complete_draft.instruction.organisation, receiver.url, [Event.VERSION_APPROVED], admin)
        with django_capture_on_commit_callbacks(execute=True):
            approve_through_workflow(complete_draft, hr, [lawyer], approver)
        run_tasks()
    assert len(receiver.requests) == 2, "one failure, then the retry"
    first, retry = receiver.requests
    assert first["path"] == "/hooks/jobdesc?source=test"
    assert all(verify(endpoint.secret, request) for request in receiver.requests)
    assert not verify(webhooks.new_secret(), first), "another secret does not verify"
    assert first["headers"]["webhook-id"] == retry["headers"]["webhook-id"], "a retry is the same message"
    message = json.loads(retry["body"])
    assert message["type"] == "version.approved"
    assert message["data"]["version"]["id"] == complete_draft.pk
    assert message["data"]["version"]["status"] == "approved"
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    assert (delivery.status, delivery.attempts, delivery.response_code) == (DeliveryStatus.DELIVERED, 2, 204)


def test_a_delivery_fails_for_good_after_the_last_retry(loopback_allowed, organisation, admin, settings):
    settings.WEBHOOK_RETRY_DELAYS = [0]
    with Receiver([503, 503, 503]) as receiver:
        endpoint = endpoint_for(organisation, receiver.url, [Event.CAMPAIGN_OVERDUE], admin)
        webhooks.emit(organisation, Event.CAMPAIGN_OVERDUE, {"campaign": {"id": 7}})
        delivery = WebhookDelivery.objects.get(endpoint=endpoint)
        assert webhooks.deliver(delivery.pk) == "deferred"
        assert webhooks.deliver(delivery.pk) == "failed"
        assert webhooks.deliver(delivery.pk) == "skipped"
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.response_code) == (DeliveryStatus.FAILED, 2, 503)
    assert len(receiver.requests) == 2


def test_a_redirect_is_not_followed(loopback_allowed, organisation, admin):
    with Receiver([302], location="http://169.254.169.254/latest/meta-data/") as receiver:
        endpoint = endpoint_for(organisation, receiver.url, [Event.PING], admin)
        delivery = webhooks.send_test(endpoint, by=admin)
        webhooks.deliver(delivery.pk)
    delivery.refresh_from_db()
    assert len(receiver.requests) == 1
    assert delivery.status == DeliveryStatus.PENDING and delivery.response_code == 302
    assert "Redirect" in delivery.error


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/",
        "http://localhost/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://10.1.2.3/",
        "http://192.168.0.10/",
        "http://172.16.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://100.64.0.1/",
        "http://0.0.0.0/",
        "ftp://93.184.216.34/",
        "http://user:secret@93.184.216.34/",
    ],
)
def test_the_policy_refuses_internal_and_odd_targets(url, settings):
    settings.WEBHOOK_ALLOWED_NETWORKS = []
    with pytest.raises(webhooks.TargetRefused):
        webhooks.resolve(url)


def test_a_host_with_one_internal_address_among_public_ones_is_refused(monkeypatch):
    answers = [("93.184.216.34", 443), ("10.0.0.5", 443)]
    monkeypatch.setattr(
        socket, "getaddrinfo", lambda *args, **kwargs: [(socket.AF_INET, socket.SOCK_STREAM, 6, "", a) for a in answers]
    )
    with pytest.raises(webhooks.TargetRefused, match="10.0.0.5"):
        webhooks.resolve("https://hooks.example.org/")


def test_a_public_address_passes_and_a_setting_lets_a_private_network_in(settings):
    assert webhooks.resolve("https://93.184.216.34/hook") == ["93.184.216.34"]
    settings.WEBHOOK_ALLOWED_NETWORKS = ["10.20.0.0/16"]
    assert webhooks.resolve("http://10.20.1.2/hook") == ["10.20.1.2"]
    with pytest.raises(webhooks.TargetRefused):
        webhooks.resolve("http://10.21.1.2/hook")


def test_returns_withdrawals_and_signatures_are_announced(
    loopback_allowed, complete_draft, hr, lawyer, approver, admin, employee_user
):
    organisation = complete_draft.instruction.organisation
    endpoint = endpoint_for(
        organisation, "http://127.0.0.1:9/", [event.value for event in webhooks.SUBSCRIBABLE], admin
    )
    workflow.submit(version=complete_draft, user=hr, officials=[lawyer])
    workflow.return_from_agreement(version=complete_draft, user=lawyer, comment="Доработайте.")
    version = approve_through_workflow(complete_draft, hr, [lawyer], approver)
    ack = Acknowledgement.objects.get(version=version, employee__user=employee_user)
    acknowledgements.sign(acknowledgement_id=ack.pk, user=employee_user, password=PASSWORD)
    workflow.withdraw(version=version, user=approver, reason="Штатное расписание изменилось.")
    events = list(endpoint.deliveries.order_by("pk").values_list("event", flat=True))
    assert events == [
        "version.submitted",
        "version.returned",
        "version.submitted",
        "version.approved",
        "acknowledgement.signed",
        "version.withdrawn",
    ]
    signed = json.loads(endpoint.deliveries.get(event="acknowledgement.signed").body)["data"]["acknowledgement"]
    assert signed["id"] == ack.pk and signed["signed_at"]


def test_an_endpoint_that_did_not_ask_for_an_event_hears_nothing_of_it(organisation, other_organisation, admin):
    endpoint_for(organisation, "https://93.184.216.34/", [Event.VERSION_APPROVED], admin)
    assert webhooks.emit(organisation, Event.CAMPAIGN_OVERDUE, {}) == []
    assert webhooks.emit(other_organisation, Event.VERSION_APPROVED, {}) == []
    with pytest.raises(ValueError):
        webhooks.emit(organisation, "version.deleted", {})


def test_the_administrator_registers_an_endpoint_and_sends_a_test_message(
    loopback_allowed, client, admin, django_capture_on_commit_callbacks
):
    client.force_login(admin)
    with Receiver([200]) as receiver:
        response = client.post(
            reverse("api:webhooks"), {"url": receiver.url, "events": ["version.approved"], "is_active": "on"}
        )
        endpoint = WebhookEndpoint.objects.get()
        assert response.status_code == 302 and endpoint.created_by == admin and endpoint.secret.startswith("whsec_")
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("api:webhook_test", args=[endpoint.pk]))
        run_tasks()
    assert verify(endpoint.secret, receiver.requests[0])
    page = client.get(reverse("api:webhook", args=[endpoint.pk])).content.decode()
    assert "ping" in page and ">200<" in page and endpoint.secret in page


def test_a_refused_address_is_explained_and_nothing_is_saved(client, admin, settings):
    settings.WEBHOOK_ALLOWED_NETWORKS = []
    client.force_login(admin)
    response = client.post(reverse("api:webhooks"), {"url": "http://127.0.0.1:8000/x", "events": ["ping"]})
    assert response.status_code == 200
    assert "внутренние сети запрещены" in response.content.decode()
    assert "http://127.0.0.1:8000/x" in response.content.decode(), "the typed address stays in the form"
    assert not WebhookEndpoint.objects.exists()


def test_run_periodic_sends_again_a_delivery_whose_worker_stopped(loopback_allowed, organisation, admin):
    from datetime import timedelta

    from django.utils import timezone

    from jobdesc.api import periodic

    with Receiver([200]) as receiver:
        endpoint = endpoint_for(organisation, receiver.url, [Event.CAMPAIGN_OVERDUE], admin)
        webhooks.emit(organisation, Event.CAMPAIGN_OVERDUE, {"campaign": {"id": 1}})
        long_ago = timezone.now() - timedelta(hours=1)
        WebhookDelivery.objects.update(status=DeliveryStatus.SENDING, claimed_by="dead", claimed_at=long_ago)
        assert "1 webhook deliveries queued again (1 of them interrupted" in periodic.send_stuck_deliveries(
            timezone.now()
        )
        run_tasks()
        assert "0 webhook deliveries" in periodic.send_stuck_deliveries(timezone.now())
    delivery = endpoint.deliveries.get()
    assert delivery.status == DeliveryStatus.DELIVERED and len(receiver.requests) == 1


def test_run_periodic_prunes_old_keys_and_finished_deliveries(organisation, admin, hr):
    from datetime import timedelta

    from django.utils import timezone

    from jobdesc.api import periodic
    from jobdesc.api.models import IdempotentRequest
    from jobdesc.api.tokens import create_token

    endpoint = endpoint_for(organisation, "https://93.184.216.34/", [Event.PING], admin)
    old = webhooks.send_test(endpoint, by=admin)
    fresh = webhooks.send_test(endpoint, by=admin)
    WebhookDelivery.objects.filter(pk=old.pk).update(
        status=DeliveryStatus.DELIVERED, created_at=timezone.now() - timedelta(days=90)
    )
    token = create_token(user=hr, name="x")[0]
    key = IdempotentRequest.objects.create(token=token, key="k", fingerprint="f", status=201, body=b"{}")
    IdempotentRequest.objects.filter(pk=key.pk).update(created_at=timezone.now() - timedelta(days=2))
    assert periodic.prune_api_records(timezone.now()) == "1 idempotency keys and 1 webhook deliveries pruned"
    assert list(WebhookDelivery.objects.values_list("pk", flat=True)) == [fresh.pk]
