"""Backup: `dumpdata` of a populated organisation, an emptied database, `loaddata`, and everything is back.

The command line is the one README.md («Deployment», backups) gives for a database-independent copy;
PostgreSQL's own pg_dump is described there too. Stored files (PDFs, logos) are not in the dump: they
stay in MEDIA_ROOT or the bucket, which is backed up on its own, and the restored rows point at them.
"""

import hashlib

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from jobdesc.documents import verification
from jobdesc.instructions.acknowledgements import services as acknowledgements
from jobdesc.instructions.drafting.services import start_draft
from jobdesc.instructions.models import Acknowledgement, AckStatus, Version
from tests.conftest import PASSWORD

# The same exclusions as README.md: rebuilt by migrate, or of no value in a backup.
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "admin.logentry", "axes"]
APPS = ["accounts", "auth", "orgs", "library", "instructions"]


def snapshot():
    """Every row of the product's models, as plain values, keyed by model."""
    rows = {}
    for label in APPS:
        for model in apps.get_app_config(label).get_models():
            if model._meta.label in ("auth.Permission",):
                continue
            rows[model._meta.label] = sorted(
                (str(sorted(_plain(values).items())) for values in model.objects.values()), key=str
            )
    return rows


def _plain(values: dict) -> dict:
    # PostgreSQL returns a stored file's bytes as a memoryview, whose repr is its address.
    return {key: bytes(value) if isinstance(value, memoryview) else value for key, value in values.items()}


@pytest.fixture
def populated(transactional_db, reference_data, world, other_world):
    """Both organisations, with a signed acknowledgement on top of everything a world holds."""
    acknowledgements.sign(acknowledgement_id=world.acknowledgement.pk, user=world.employee, password=PASSWORD)
    return world


def test_dumpdata_and_loaddata_bring_back_a_populated_organisation(populated, tmp_path):
    before = snapshot()
    approved = Version.objects.get(pk=populated.approved.pk)
    # XML rather than JSON: Django's JSON encoder cuts timestamps to milliseconds.
    dump = tmp_path / "jobdesc.xml"
    call_command(
        "dumpdata",
        *[f"--exclude={label}" for label in EXCLUDED],
        "--natural-foreign",
        "--format=xml",
        output=str(dump),
        verbosity=0,
    )

    call_command("flush", interactive=False, verbosity=0)
    assert not Version.objects.exists()
    call_command("loaddata", str(dump), verbosity=0)

    assert snapshot() == before
    restored = Version.objects.get(pk=approved.pk)
    assert hashlib.sha256(restored.pdf.read()).hexdigest() == approved.pdf_sha256
    assert verification.version_for_code(verification.code_for(restored)) == restored
    signed = Acknowledgement.objects.get(pk=populated.acknowledgement.pk)
    assert signed.status == AckStatus.SIGNED and signed.pdf_sha256 == approved.pdf_sha256
    client = Client()
    assert client.post(reverse("login"), {"username": "hr", "password": PASSWORD}).status_code == 302
    assert client.get(reverse("instructions:version", args=[restored.pk])).status_code == 200
    # New rows after a restore get fresh keys (loaddata resets PostgreSQL's sequences).
    draft = start_draft(position=populated.spare_position, user=populated.hr)
    assert draft.pk > max(pk for pk in Version.objects.exclude(pk=draft.pk).values_list("pk", flat=True))
