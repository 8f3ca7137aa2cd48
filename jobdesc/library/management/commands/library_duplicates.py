"""`manage.py library_duplicates`: list near-duplicate clauses of the library, per section and language."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from jobdesc.library.duplicates import duplicate_groups
from jobdesc.orgs.models import Organisation


class Command(BaseCommand):
    help = (
        "List groups of near-duplicate active clauses: within one section and language, clauses the "
        "similarity model finds nearly equal in meaning and that share most of their words. Without "
        "--organisation, the shared library; with it, the shared library and that organisation's own "
        "clauses. The first clause of a group is the one to keep. Exits with status 1 when --fail is "
        "given and a group is found (for a check in CI)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--organisation", type=int, help="Primary key of an organisation.")
        parser.add_argument("--threshold", type=float, help="Similarity from which two clauses are duplicates.")
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument("--fail", action="store_true", help="Exit with status 1 if any group is found.")

    def handle(self, *args, **options):
        organisation = None
        if options["organisation"] is not None:
            organisation = Organisation.objects.filter(pk=options["organisation"]).first()
            if organisation is None:
                raise CommandError(_("No organisation with the key %(pk)s.") % {"pk": options["organisation"]})
        groups = duplicate_groups(organisation, threshold=options["threshold"])
        if options["format"] == "json":
            payload = [
                {
                    "section": group.section.code,
                    "language": group.language,
                    "closeness": group.closeness,
                    "clauses": [{"pk": clause.pk, "text": clause.text} for clause in group.clauses],
                }
                for group in groups
            ]
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
        else:
            for group in groups:
                self.stdout.write(f"{group.section.code} {group.language} ({group.closeness}):")
                for clause in group.clauses:
                    self.stdout.write(f"  [{clause.pk}] {clause.text}")
            self.stdout.write(_("%(count)d groups of near-duplicate clauses.") % {"count": len(groups)})
        if options["fail"] and groups:
            raise CommandError(_("The library has near-duplicate clauses."))
