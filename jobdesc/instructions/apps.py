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
    from jobdesc.instructions.models import Version
    from jobdesc.instructions.record import fill_missing_snapshots as fill

    frozen = Version.objects.using(using).filter(status__in=FROZEN)
    ids = [pk for pk, snapshot in frozen.values_list("pk", "snapshot") if not snapshot]
    if ids:
        fill(ids)


class InstructionsConfig(AppConfig):
    name = "jobdesc.instructions"
    verbose_name = _("Instructions")

    def ready(self):
        from jobdesc.instructions.acknowledgements import services as acknowledgements
        from jobdesc.orgs import signals as orgs

        post_migrate.connect(fill_missing_snapshots, sender=self)
        # A hire, a transfer or a dismissal asks for (or closes) the signature of the position's instruction.
        orgs.employees_changed.connect(acknowledgements.sync_employees, dispatch_uid="acknowledgements.sync")
        orgs.signature_binds_record.connect(acknowledgements.binds_record, dispatch_uid="acknowledgements.binds")
