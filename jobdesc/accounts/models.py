"""The user account: a person who logs in, belonging to at most one organisation; and the history of accounts."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .roles import Role


class User(AbstractUser):
    organisation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        help_text=_("Every person except a superuser belongs to exactly one organisation."),
    )
    language = models.CharField(
        _("interface language"),
        max_length=8,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("Empty: the organisation's default language."),
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            # Invitations and the directory sign-in find a person by e-mail, so it is one person's in an organisation.
            models.UniqueConstraint(
                fields=["organisation", "email"], condition=~Q(email=""), name="user_unique_email_in_organisation"
            ),
        ]

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username

    def role_names(self) -> set[str]:
        # Cached per instance: templates and views ask several times per request.
        if not hasattr(self, "_role_names"):
            self._role_names = set(self.groups.values_list("name", flat=True))
        return self._role_names

    def has_role(self, role: Role) -> bool:
        return self.is_active and role.value in self.role_names()

    @property
    def is_hr(self) -> bool:
        return self.has_role(Role.HR)

    @property
    def is_agreeing_official(self) -> bool:
        return self.has_role(Role.AGREEING)

    @property
    def is_approver(self) -> bool:
        return self.has_role(Role.APPROVER)

    @property
    def is_employee(self) -> bool:
        return self.has_role(Role.EMPLOYEE)

    @property
    def is_org_admin(self) -> bool:
        return self.has_role(Role.ADMIN)

    @property
    def interface_language(self) -> str:
        """The language of the person's pages and e-mails: their own choice, else the organisation's."""
        if self.language:
            return self.language
        if self.organisation_id:
            return self.organisation.interface_language
        return settings.LANGUAGE_CODE


class EventKind(models.TextChoices):
    INVITED = "invited", _("invited")
    RESENT = "resent", _("invitation sent again")
    REVOKED = "revoked", _("invitation revoked")
    ACCEPTED = "accepted", _("invitation accepted")
    LINKED = "linked", _("login linked to an employee record")
    UNLINKED = "unlinked", _("login unlinked from an employee record")
    ROLE_GRANTED = "role_granted", _("role granted")
    ROLE_WITHDRAWN = "role_withdrawn", _("role withdrawn")


class AccountEventQuerySet(models.QuerySet):
    def for_organisation(self, organisation):
        return self.filter(organisation=organisation)


class AccountEvent(models.Model):
    """One change to who may log in and what they may do: written by the service that makes it, never edited."""

    organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.CASCADE, related_name="account_events", verbose_name=_("organisation")
    )
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    kind = models.CharField(_("what"), max_length=20, choices=EventKind.choices)
    # Empty when the system or the directory did it (an accepted invitation, a single sign-on).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("login"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="account_events",
    )
    employee = models.ForeignKey(
        "orgs.Employee",
        verbose_name=_("employee record"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="account_events",
    )
    role = models.CharField(_("role"), max_length=40, choices=Role.choices, blank=True)
    detail = models.CharField(_("details"), max_length=500, blank=True)

    objects = AccountEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("account event")
        verbose_name_plural = _("account events")
        ordering = ["-at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=[kind.value for kind in EventKind]), name="account_event_kind_valid"
            ),
        ]

    def __str__(self):
        return f"{self.at:%d.%m.%Y %H:%M} {self.get_kind_display()}"

    def save(self, *args, **kwargs):
        if self.pk:
            raise ValueError("An account event is never changed.")
        super().save(*args, **kwargs)
