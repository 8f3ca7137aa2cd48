"""`manage.py export_clauses`: print the shared clause library as JSON."""

import json

from django.core.management.base import BaseCommand

from jobdesc.languages import Language
from jobdesc.library.models import Clause


class Command(BaseCommand):
    help = (
        "Print the shared clause library (the active clauses of no organisation) as a JSON list of "
        '{"section", "language", "text", "source", "tags", "categories", "profession", "standard"}, in '
        "printing order of the sections."
    )

    def add_arguments(self, parser):
        parser.add_argument("--language", choices=Language.values, help="Only clauses in this language.")

    def handle(self, *args, **options):
        clauses = Clause.objects.filter(organisation=None).active().select_related("section").prefetch_related("tags")
        if options["language"]:
            clauses = clauses.filter(language=options["language"])
        payload = [
            {
                "section": clause.section.code,
                "language": clause.language,
                "text": clause.text,
                "source": clause.source,
                "tags": sorted(tag.name for tag in clause.tags.all()),
                "categories": clause.categories,
                "profession": clause.profession,
                "standard": clause.standard,
            }
            for clause in clauses.order_by("language", "section__order", "pk")
        ]
        self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
