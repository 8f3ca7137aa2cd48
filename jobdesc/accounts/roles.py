"""The roles of the product as Django groups, and the permissions each one carries."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """Stable group names; the label is what the interface shows."""

    HR = "HR officer", _("HR officer")
    AGREEING = "Agreeing official", _("Agreeing official")
    APPROVER = "Approver", _("Approver")
    EMPLOYEE = "Employee", _("Employee")
    ADMIN = "Organisation administrator", _("Organisation administrator")


# The order in which the interface lists the roles, the administrator's own first.
ROLE_ORDER = [Role.ADMIN, Role.HR, Role.AGREEING, Role.APPROVER, Role.EMPLOYEE]


# app_label.codename per role; applied by the accounts data migration and `setup_roles`.
ROLE_PERMISSIONS = {
    Role.HR: [
        "orgs.change_organisation",
        "orgs.view_organisation",
        "orgs.add_department",
        "orgs.change_department",
        "orgs.delete_department",
        "orgs.view_department",
        "orgs.add_position",
        "orgs.change_position",
        "orgs.delete_position",
        "orgs.view_position",
        "orgs.add_employee",
        "orgs.change_employee",
        "orgs.delete_employee",
        "orgs.view_employee",
        "library.add_clause",
        "library.change_clause",
        "library.view_clause",
        "instructions.add_instruction",
        "instructions.view_instruction",
        "instructions.add_version",
        "instructions.change_version",
        "instructions.view_version",
    ],
    Role.AGREEING: [
        "orgs.view_position",
        "instructions.view_instruction",
        "instructions.view_version",
    ],
    Role.APPROVER: [
        "orgs.view_position",
        "instructions.view_instruction",
        "instructions.view_version",
    ],
    Role.EMPLOYEE: [
        "instructions.view_version",
    ],
    # Grants and withdraws the other roles, chooses the interface language and the directory sign-in, and
    # keeps the organisation's seal (a key that signs in the organisation's name, not an HR officer's tool).
    Role.ADMIN: [
        "orgs.view_organisation",
        "orgs.view_employee",
        "documents.manage_seal",
    ],
}


def install_roles(group_model, permission_model):
    """Create the role groups with their permissions (idempotent); the models may be historical ones.

    A permission that does not exist yet (its app migrates later) is skipped; that app's migration adds it.
    """
    for role, codes in ROLE_PERMISSIONS.items():
        group, _created = group_model.objects.get_or_create(name=role.value)
        for code in codes:
            app_label, codename = code.split(".")
            permission = permission_model.objects.filter(content_type__app_label=app_label, codename=codename).first()
            if permission is None:
                # An app whose models come later in the migrations: its own migration grants it then.
                continue
            group.permissions.add(permission)
