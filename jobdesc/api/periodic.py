"""The API's jobs of `manage.py run_periodic`: send again the webhook deliveries no worker finished, prune old records.

Each job is a function of the time of the run returning one line; running one twice changes nothing more.
"""

from datetime import timedelta

from django.conf import settings

from .models import DeliveryStatus, IdempotentRequest, WebhookDelivery
from .tasks import deliver_webhook


def send_stuck_deliveries(now) -> str:
    """Queue again the deliveries whose task was lost or whose worker stopped while sending.

    A delivery «sending» for WEBHOOK_STUCK_MINUTES lost its worker; one «pending» that long past its
    time lost its task. The receiver may then see a message twice, with the same `webhook-id`.
    """

    cutoff = now - timedelta(minutes=settings.WEBHOOK_STUCK_MINUTES)
    interrupted = WebhookDelivery.objects.filter(status=DeliveryStatus.SENDING, claimed_at__lt=cutoff).update(
        status=DeliveryStatus.PENDING, claimed_by="", next_attempt_at=cutoff
    )
    due = WebhookDelivery.objects.filter(status=DeliveryStatus.PENDING, next_attempt_at__lte=cutoff) | (
        WebhookDelivery.objects.filter(
            status=DeliveryStatus.PENDING, next_attempt_at__isnull=True, created_at__lt=cutoff
        )
    )
    rows = list(due.values_list("pk", "endpoint__organisation_id"))
    # Due from now: the next run waits WEBHOOK_STUCK_MINUTES before queueing them once more.
    WebhookDelivery.objects.filter(pk__in=[pk for pk, _organisation in rows]).update(next_attempt_at=now)
    for pk, organisation_id in rows:
        deliver_webhook.enqueue(organisation_id=organisation_id, delivery_id=pk)
    return f"{len(rows)} webhook deliveries queued again ({interrupted} of them interrupted while being sent)"


def prune_api_records(now) -> str:
    """Forget idempotency keys after API_IDEMPOTENCY_HOURS, and finished deliveries after WEBHOOK_LOG_DAYS."""
    keys, _ = IdempotentRequest.objects.filter(
        created_at__lt=now - timedelta(hours=settings.API_IDEMPOTENCY_HOURS)
    ).delete()
    deliveries, _ = WebhookDelivery.objects.filter(
        status__in=[DeliveryStatus.DELIVERED, DeliveryStatus.FAILED],
        created_at__lt=now - timedelta(days=settings.WEBHOOK_LOG_DAYS),
    ).delete()
    return f"{keys} idempotency keys and {deliveries} webhook deliveries pruned"
