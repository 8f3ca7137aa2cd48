"""The user account: a person who logs in, belonging to at most one organisation."""

from django.contrib.auth.models import AbstractUser
from django.db import models
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

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")

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
