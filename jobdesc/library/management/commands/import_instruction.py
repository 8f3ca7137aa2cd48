"""`manage.py import_instruction`: split a job description file into sections and clauses, or make it a draft."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from jobdesc.instructions.errors import WorkflowError
from jobdesc.instructions.services import start_draft
from jobdesc.library.importer import ImporterError, main_document, parse_file
from jobdesc.orgs.models import Position


class Command(BaseCommand):
    help = (
        "Read a job description from a plain-text (UTF-8), .docx or .html file and split it into sections "
        "and clauses; headings, numbering, lead-ins and the noise of web pages are recognised. With "
        "--dry-run nothing is written and the result is printed (--format json: "
        '{"title", "language", "sections": [{"kind", "heading", "clauses"}]}). Without it a draft version '
        "of the instruction of --position is created. A file holding several instructions is imported "
        "one at a time: --index picks which (0 is the first), --all prints them all with --dry-run."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The .txt, .docx or .html file to import.")
        parser.add_argument(
            "--language", choices=["ru", "et"], help="Language of the document (default: detected from the text)."
        )
        parser.add_argument("--position", type=int, help="ID of the position whose draft receives the clauses.")
        parser.add_argument("--index", type=int, default=0, help="Which instruction of the file to import (from 0).")
        parser.add_argument("--all", action="store_true", help="With --dry-run: print every instruction found.")
        parser.add_argument("--dry-run", action="store_true", help="Print the result; write nothing.")
        parser.add_argument("--format", choices=["text", "json"], default="text", help="Output of --dry-run.")

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            documents = parse_file(path, options["language"])
            if options["all"]:
                chosen = [document for document in documents if document.sample]
                main_document(documents, path.name)
            else:
                chosen = [main_document(documents, path.name, options["index"])]
        except ImporterError as error:
            raise CommandError(str(error)) from error
        if options["dry_run"]:
            self.print_documents(chosen, options["format"])
            return
        if options["all"]:
            raise CommandError(_("--all only works with --dry-run; import one instruction at a time with --index."))
        self.create_draft(chosen[0], options["position"])

    def print_documents(self, documents, output_format):
        if output_format == "json":
            payload = [document.as_dict() for document in documents]
            self.stdout.write(json.dumps(payload if len(payload) > 1 else payload[0], ensure_ascii=False, indent=2))
            return
        for document in documents:
            self.stdout.write(f"{document.title or _('(untitled)')} [{document.language}]")
            for section in document.sections():
                self.stdout.write(f"  {section.kind}: {section.heading or '—'} ({len(section.clauses)})")
                for clause in section.clauses:
                    self.stdout.write(f"    - {clause}")

    def create_draft(self, document, position_id):
        if position_id is None:
            raise CommandError(
                _("Give --position ID to create a draft (or --dry-run to only see the result); found «%(title)s».")
                % {"title": document.title or _("(untitled)")}
            )
        position = Position.objects.filter(pk=position_id).select_related("organisation").first()
        if position is None:
            raise CommandError(_("There is no position with ID %(id)d.") % {"id": position_id})
        try:
            with transaction.atomic():
                version = start_draft(
                    position=position, language=document.language, sections=document.as_draft_sections()
                )
        except WorkflowError as error:
            raise CommandError(str(error)) from error
        clauses = sum(len(section.clauses) for section in document.sections())
        self.stdout.write(
            _(
                "Created draft version %(number)d of the instruction of «%(position)s»: %(sections)d sections, "
                "%(clauses)d clauses."
            )
            % {
                "number": version.number,
                "position": position.title,
                "sections": len(document.sections()),
                "clauses": clauses,
            }
        )
