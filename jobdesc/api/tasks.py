"""The background task that sends a webhook delivery (run by `manage.py db_worker`)."""

from django_tasks import task

from . import webhooks


@task(queue_name="default")
def deliver_webhook(*, organisation_id=None, delivery_id=None) -> str:
    """Send the delivery `delivery_id` if it still waits; a failure schedules the next attempt itself."""
    return webhooks.deliver(delivery_id)
