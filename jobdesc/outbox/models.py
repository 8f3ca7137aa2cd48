"""The outbox: one row per e-mail and recipient, written in the transaction of the step that causes it."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class MessageStatus(models.TextChoices):
    PENDING = "pending", _("waiting to be sent")
    SENDING = "sending", _("being sent")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")


class Failure(models.TextChoices):
    """Why the last attempt did not deliver a message: what HR is told, beside the server's own words."""

    ADDRESS = "address", _("The e-mail address is not valid.")
    SERVER = "server", _("The mail server could not be reached or refused the connection.")
    REFUSED = "refused", _("The mail server refused this recipient or this message.")
    INTERRUPTED = "interrupted", _("The worker stopped while sending it; it is sent again.")


class MessageQuerySet(models.QuerySet):
    def problems(self, *, late_before):
        """Failed messages, and messages still unsent that were written before `late_before`."""
        unsent = Q(status__in=[MessageStatus.PENDING, MessageStatus.SENDING], created_at__lt=late_before)
        return self.filter(Q(status=MessageStatus.FAILED) | unsent)


class Message(models.Model):
    organisation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    to_address = models.CharField(_("address"), max_length=254)
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("text"))
    link = models.CharField(_("link"), max_length=500, blank=True)
    kind = models.CharField(_("kind"), max_length=50, blank=True, help_text=_("What caused the message."))
    status = models.CharField(_("status"), max_length=10, choices=MessageStatus.choices, default=MessageStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("written"), default=timezone.now)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    claimed_at = models.DateTimeField(_("taken by a worker"), null=True, blank=True)
    claimed_by = models.CharField(max_length=64, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    failed_at = models.DateTimeField(_("failed"), null=True, blank=True)
    failure = models.CharField(_("reason"), max_length=12, choices=Failure.choices, blank=True)
    last_error = models.TextField(_("server's answer"), blank=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("e-mail")
        verbose_name_plural = _("e-mails")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="outbox_due_idx"),
            models.Index(fields=["organisation", "status", "created_at"], name="outbox_organisation_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=MessageStatus.values), name="outbox_message_status_valid"),
            models.CheckConstraint(condition=Q(failure__in=[*Failure.values, ""]), name="outbox_message_failure_valid"),
            models.CheckConstraint(
                condition=~Q(status=MessageStatus.SENT) | Q(sent_at__isnull=False), name="outbox_sent_has_time"
            ),
        ]

    def __str__(self):
        return f"{self.to_address}: {self.subject}"

    @property
    def is_failed(self) -> bool:
        return self.status == MessageStatus.FAILED

    @property
    def recipient_name(self) -> str:
        return self.recipient.display_name if self.recipient else ""

    @property
    def message_id(self) -> str:
        """The same Message-ID at every attempt, so a receiving server can recognise a repeated delivery."""
        domain = urlsplit(settings.SITE_URL).hostname or "localhost"
        return f"<jobdesc.{self.pk}.{int(self.created_at.timestamp())}@{domain}>"

    def as_email(self, connection=None) -> EmailMessage:
        return EmailMessage(
            subject=self.subject,
            body=self.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[self.to_address],
            connection=connection,
            # Auto-Submitted keeps out-of-office replies from coming back (RFC 3834).
            headers={"Message-ID": self.message_id, "Auto-Submitted": "auto-generated"},
        )
