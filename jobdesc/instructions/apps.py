"""App configuration for instructions, their versions and the workflow."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

FROZEN = ("approved", "superseded", "withdrawn")


def fill_missing_snapshots(sender, using="default", **kwargs):
    """Versions approved before approvals captured a snapshot get one from today's data, once, after `migrate`.

    Here rather than in a migration: the rendering code that builds a snapshot reads today's models, which
    a migration in the middle of the history does not have. Costs one query when there is nothing to fill.
    """
    # Imported here: this runs once the apps are ready; models cannot be imported while apps.py loads.
    from jobdesc.documents.context import fill_missing_snapshots as fill
    from jobdesc.instructions.models import Version

    frozen = Version.objects.using(using).filter(status__in=FROZEN)
    ids = [pk for pk, snapshot in frozen.values_list("pk", "snapshot") if not snapshot]
    if ids:
        fill(ids)


class InstructionsConfig(AppConfig):
    name = "jobdesc.instructions"
    verbose_name = _("Instructions")

    def ready(self):
        post_migrate.connect(fill_missing_snapshots, sender=self)
