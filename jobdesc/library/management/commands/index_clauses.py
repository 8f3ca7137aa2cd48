"""`manage.py index_clauses`: compute and store the similarity vectors of every active clause that lacks one."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from jobdesc.library import similarity
from jobdesc.library.models import Clause

BATCH = 200


class Command(BaseCommand):
    help = (
        "Compute the similarity model's vector of every active clause that has none for the current model "
        "(or whose text changed), and store it, so searches and suggestions need not compute it. Safe to "
        "run again: clauses with an up-to-date vector are skipped. Shows progress per batch."
    )

    def handle(self, *args, **options):
        rows = list(Clause.objects.active().order_by("pk").values_list("pk", "language", "text"))
        model = similarity.model()
        for start in range(0, len(rows), BATCH):
            similarity.clause_vectors(rows[start : start + BATCH], reuse=False)
            if options["verbosity"] > 1:
                self.stdout.write(f"{min(start + BATCH, len(rows))}/{len(rows)}")
        self.stdout.write(_("%(count)d clauses have vectors of %(model)s.") % {"count": len(rows), "model": model.name})
