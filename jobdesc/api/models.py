"""Personal API tokens, what was written through them, idempotent creates, and the webhooks with their deliveries."""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

TOKEN_PREFIX = "jd_"


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    """A person's key to the API: it acts as that person, with their roles, inside their organisation only.

    Only the SHA-256 of the secret is stored; the secret itself is shown once, when the token is made.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    organisation = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("What the token is for: «1С:ЗУП», «archive»."))
    # The first characters of the secret, so the owner can tell their tokens apart; not enough to guess it.
    prefix = models.CharField(_("starts with"), max_length=12)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def new_secret() -> str:
        return TOKEN_PREFIX + secrets.token_urlsafe(32)

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class ApiWrite(models.Model):
    """One change made through the API: who (the token's owner), with which token, to what. Never edited."""

    organisation = models.ForeignKey("orgs.Organisation", on_delete=models.CASCADE, related_name="api_writes")
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    token = models.ForeignKey(ApiToken, verbose_name=_("token"), on_delete=models.PROTECT, related_name="writes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+")
    action = models.CharField(_("what"), max_length=20)
    object_type = models.CharField(_("object"), max_length=40)
    object_id = models.PositiveBigIntegerField(_("object id"))
    summary = models.CharField(_("details"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("change through the API")
        verbose_name_plural = _("changes through the API")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.at:%d.%m.%Y %H:%M} {self.action} {self.object_type} {self.object_id}"

    def save(self, *args, **kwargs):
        if self.pk:
            raise ValueError("A record of a change is never changed.")
        super().save(*args, **kwargs)


class IdempotentRequest(models.Model):
    """The answer to a create sent with an Idempotency-Key, replayed when the same key comes again."""

    token = models.ForeignKey(ApiToken, on_delete=models.CASCADE, related_name="idempotent_requests")
    key = models.CharField(max_length=200)
    fingerprint = models.CharField(max_length=64)
    status = models.PositiveSmallIntegerField()
    body = models.BinaryField()
    location = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["token", "key"], name="idempotent_request_unique_key")]

    def __str__(self):
        return self.key


class Event(models.TextChoices):
    """What a webhook can be told about; the value is the `type` of the delivered message."""

    VERSION_SUBMITTED = "version.submitted", _("a version is sent for agreement")
    VERSION_RETURNED = "version.returned", _("a version is returned for rework")
    VERSION_APPROVED = "version.approved", _("a version is approved")
    VERSION_WITHDRAWN = "version.withdrawn", _("a version is withdrawn")
    ACKNOWLEDGEMENT_SIGNED = "acknowledgement.signed", _("an employee signs an acknowledgement")
    CAMPAIGN_OVERDUE = "campaign.overdue", _("an acknowledgement campaign is overdue")
    # Sent only by the «test» button of an endpoint.
    PING = "ping", _("test message")


class WebhookEndpoint(models.Model):
    """A URL of another system that the organisation's administrator registered for some events."""

    organisation = models.ForeignKey("orgs.Organisation", on_delete=models.CASCADE, related_name="webhooks")
    url = models.URLField(_("URL"), max_length=500)
    description = models.CharField(_("description"), max_length=200, blank=True)
    events = models.JSONField(_("events"), default=list)
    # Signs every delivery (Standard Webhooks: `whsec_` and the key in base64); shown to the administrator.
    secret = models.CharField(_("signing secret"), max_length=100)
    is_active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")
        ordering = ["url", "pk"]

    def __str__(self):
        return self.url


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("waiting")
    SENDING = "sending", _("being sent")
    DELIVERED = "delivered", _("delivered")
    FAILED = "failed", _("failed")


class WebhookDelivery(models.Model):
    """One message to one endpoint, with every attempt's outcome: the log the administrator reads."""

    endpoint = models.ForeignKey(WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries")
    # The message id of Standard Webhooks: the same for every attempt, so the receiver can drop a repeat.
    message_id = models.CharField(max_length=40, unique=True)
    event = models.CharField(_("event"), max_length=40)
    body = models.TextField(_("body"))
    status = models.CharField(
        _("status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    response_code = models.PositiveSmallIntegerField(_("response code"), null=True, blank=True)
    response_body = models.CharField(_("response"), max_length=1000, blank=True)
    error = models.CharField(_("error"), max_length=1000, blank=True)
    claimed_by = models.CharField(max_length=32, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=[status.value for status in DeliveryStatus]),
                name="webhook_delivery_status_valid",
            ),
        ]

    def __str__(self):
        return f"{self.event} → {self.endpoint}"
