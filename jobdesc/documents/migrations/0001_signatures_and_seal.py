"""Signatures uploaded from outside, the organisation's seal, and the permission to manage the seal.

The role groups exist by now (accounts.0003_roles, which skips permissions of apps not migrated yet):
this migration creates the documents permissions and gives them to the roles that hold them in
jobdesc/accounts/roles.py, on a new database and on one that has been running for a while alike.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def grant_seal_permission(apps, schema_editor):
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    from jobdesc.accounts.roles import ROLE_PERMISSIONS

    create_permissions(global_apps.get_app_config("documents"), apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codes in ROLE_PERMISSIONS.items():
        group = Group.objects.filter(name=role.value).first()
        if group is None:
            continue
        for code in codes:
            app_label, codename = code.split(".")
            if app_label == "documents":
                group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("accounts", "0003_roles"),
        ("instructions", "0005_acknowledgements"),
        ("orgs", "0003_unique_names_without_parent"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="OrganisationSeal",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("certificate", models.BinaryField(verbose_name="certificate")),
                ("chain", models.BinaryField(blank=True, default=b"", verbose_name="certificate chain")),
                ("private_key", models.BinaryField(blank=True, default=b"", verbose_name="encrypted private key")),
                ("subject", models.TextField(verbose_name="certificate subject")),
                ("issuer", models.TextField(verbose_name="certificate issuer")),
                ("serial", models.CharField(max_length=100, verbose_name="certificate serial number")),
                ("valid_from", models.DateTimeField(verbose_name="valid from")),
                ("valid_until", models.DateTimeField(verbose_name="valid until")),
                ("uploaded_at", models.DateTimeField(verbose_name="uploaded")),
                ("removed_at", models.DateTimeField(blank=True, null=True, verbose_name="removed")),
                (
                    "organisation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="seals", to="orgs.organisation"
                    ),
                ),
                (
                    "removed_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "uploaded_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL
                    ),
                ),
            ],
            options={
                "verbose_name": "organisation seal",
                "verbose_name_plural": "organisation seals",
                "ordering": ["organisation", "-uploaded_at"],
                "permissions": [("manage_seal", "Can upload and remove the organisation's seal")],
            },
        ),
        migrations.CreateModel(
            name="SealedPdf",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("sealed_at", models.DateTimeField(verbose_name="sealed")),
                (
                    "seal",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="sealed_pdfs",
                        to="documents.organisationseal",
                    ),
                ),
                (
                    "version",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="seal_record",
                        to="instructions.version",
                    ),
                ),
            ],
            options={
                "verbose_name": "sealed PDF",
                "verbose_name_plural": "sealed PDFs",
            },
        ),
        migrations.CreateModel(
            name="ExternalSignature",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "role",
                    models.CharField(
                        choices=[("approver", "approver"), ("employee", "employee")],
                        max_length=10,
                        verbose_name="signed as",
                    ),
                ),
                ("uploaded_at", models.DateTimeField(verbose_name="uploaded")),
                ("file_name", models.CharField(max_length=200, verbose_name="file name")),
                ("content", models.BinaryField(verbose_name="signature file")),
                ("sha256", models.CharField(max_length=64, verbose_name="SHA-256 of the signature file")),
                ("pdf_sha256", models.CharField(max_length=64, verbose_name="SHA-256 of the signed PDF")),
                ("digest_algorithm", models.CharField(max_length=40, verbose_name="digest algorithm")),
                ("signature_algorithm", models.CharField(max_length=40, verbose_name="signature algorithm")),
                ("signing_time", models.DateTimeField(blank=True, null=True, verbose_name="time of signing")),
                (
                    "signing_time_source",
                    models.CharField(blank=True, max_length=10, verbose_name="source of the time of signing"),
                ),
                (
                    "crypto_check",
                    models.CharField(
                        choices=[("verified", "verified"), ("not_performed", "not performed")],
                        max_length=20,
                        verbose_name="cryptographic check",
                    ),
                ),
                ("crypto_note", models.TextField(blank=True, verbose_name="about the check")),
                ("certificate", models.BinaryField(verbose_name="signer's certificate")),
                ("subject", models.TextField(verbose_name="certificate subject")),
                ("subject_name", models.CharField(blank=True, max_length=300, verbose_name="name in the certificate")),
                ("snils", models.CharField(blank=True, max_length=20, verbose_name="SNILS")),
                ("inn", models.CharField(blank=True, max_length=20, verbose_name="INN")),
                ("ogrn", models.CharField(blank=True, max_length=20, verbose_name="OGRN")),
                ("issuer", models.TextField(verbose_name="certificate issuer")),
                ("serial", models.CharField(max_length=100, verbose_name="certificate serial number")),
                ("valid_from", models.DateTimeField(verbose_name="certificate valid from")),
                ("valid_until", models.DateTimeField(verbose_name="certificate valid until")),
                ("name_matches", models.BooleanField(default=False, verbose_name="name matches the signer")),
                (
                    "acknowledgement",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="external_signatures",
                        to="instructions.acknowledgement",
                    ),
                ),
                (
                    "uploaded_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL
                    ),
                ),
                (
                    "version",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="external_signatures",
                        to="instructions.version",
                    ),
                ),
            ],
            options={
                "verbose_name": "external signature",
                "verbose_name_plural": "external signatures",
                "ordering": ["version", "uploaded_at", "id"],
                "constraints": [
                    models.UniqueConstraint(fields=("version", "sha256"), name="external_signature_once_per_version"),
                    models.CheckConstraint(
                        condition=models.Q(("role__in", ["approver", "employee"])), name="external_signature_role"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("crypto_check__in", ["verified", "not_performed"])),
                        name="external_signature_check",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("acknowledgement__isnull", True), ("role", "approver")),
                            models.Q(("acknowledgement__isnull", False), ("role", "employee")),
                            _connector="OR",
                        ),
                        name="external_signature_role_matches_link",
                    ),
                ],
            },
        ),
        migrations.AddConstraint(
            model_name="organisationseal",
            constraint=models.UniqueConstraint(
                condition=models.Q(("removed_at__isnull", True)),
                fields=("organisation",),
                name="one_active_seal_per_organisation",
            ),
        ),
        migrations.RunPython(grant_seal_permission, migrations.RunPython.noop),
    ]
