"""`manage.py import_instruction`: split a job description file into sections and clauses, or make it a
draft; a folder or a zip of files becomes one draft per file, for the position each names."""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from jobdesc.instructions.drafting.services import start_draft
from jobdesc.instructions.errors import WorkflowError
from jobdesc.languages import Language
from jobdesc.library.importer import ImporterError, main_document, parse_file
from jobdesc.library.importer.batch import CONFIDENT, create_drafts, read_batch
from jobdesc.library.sections import SECTION_CODES
from jobdesc.orgs.models import Organisation, Position


class Command(BaseCommand):
    help = (
        "Read a job description from a plain-text (UTF-8), .docx, .odt, .rtf or .html file and split it into "
        "sections and clauses; headings (by style, numbering or wording), Word's own numbering, nested lists "
        "and the noise of web pages are recognised. With --dry-run nothing is written and the result is "
        'printed (--format json: {"title", "language", "sections": [{"kind", "heading", "clauses", '
        '"items"}]}, where "items" nests sub-items under their clause). Without it a draft version of the '
        "instruction of --position is created. A file holding several instructions is imported one at a "
        "time: --index picks which (0 is the first), --all prints them all with --dry-run. Given a folder "
        "or a .zip, every file is read and matched by its title to a position of --organisation: --dry-run "
        "prints the report per file (title, matched position with confidence and alternatives, sections, "
        "what was left out, errors); without it a draft is created for every file matched with at least "
        "--min-confidence. Progress goes to stderr."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The file to import, or a folder or .zip of files.")
        parser.add_argument(
            "--language", choices=Language.values, help="Language of the document (default: detected from the text)."
        )
        parser.add_argument("--position", type=int, help="ID of the position whose draft receives the clauses.")
        parser.add_argument("--index", type=int, default=0, help="Which instruction of the file to import (from 0).")
        parser.add_argument("--all", action="store_true", help="With --dry-run: print every instruction found.")
        parser.add_argument("--dry-run", action="store_true", help="Print the result; write nothing.")
        parser.add_argument("--format", choices=["text", "json"], default="text", help="Output of --dry-run.")
        parser.add_argument(
            "--organisation", type=int, help="For a folder or zip: ID of the organisation (default: the only one)."
        )
        parser.add_argument(
            "--min-confidence",
            type=float,
            default=CONFIDENT,
            help=f"For a folder or zip: the least confidence of a match that makes a draft (default {CONFIDENT}).",
        )
        parser.add_argument(
            "--classify",
            action="append",
            default=[],
            metavar="HEADING=KIND",
            help="The kind of an unclassified section, by its heading (repeatable; default: final).",
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        if path.is_dir() or path.suffix.lower() == ".zip":
            return self.handle_batch(path, options)
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
        self.create_draft(chosen[0], options["position"], self.kinds(options["classify"]))

    @staticmethod
    def kinds(pairs: list[str]) -> dict[str, str]:
        kinds = {}
        for pair in pairs:
            heading, _sep, kind = pair.rpartition("=")
            if not heading or kind not in SECTION_CODES:
                raise CommandError(
                    _("--classify takes HEADING=KIND with a kind of: %(kinds)s.") % {"kinds": ", ".join(SECTION_CODES)}
                )
            kinds[heading.strip()] = kind
        return kinds

    def organisation(self, organisation_id):
        if organisation_id is not None:
            organisation = Organisation.objects.filter(pk=organisation_id).first()
            if organisation is None:
                raise CommandError(_("There is no organisation with ID %(id)d.") % {"id": organisation_id})
            return organisation
        organisations = list(Organisation.objects.all()[:2])
        if len(organisations) != 1:
            raise CommandError(_("Give --organisation ID: the positions of which organisation are matched."))
        return organisations[0]

    def progress(self, done, total, name):
        sys.stderr.write(f"[{done}/{total}] {name}\n")

    def handle_batch(self, path, options):
        organisation = self.organisation(options["organisation"])
        positions = {position.pk: position for position in organisation.positions.all()}
        try:
            reports = read_batch(path, positions.values(), language=options["language"], progress=self.progress)
        except ImporterError as error:
            raise CommandError(str(error)) from error
        if options["dry_run"]:
            self.print_reports(reports, options["format"])
            return
        threshold = options["min_confidence"]
        confirmed = {
            report.name: report.match.position_id
            for report in reports
            if report.match is not None and report.match.confidence >= threshold and report.document is not None
        }
        results = create_drafts(
            reports,
            confirmed,
            positions=positions,
            start_draft=start_draft,
            errors=(WorkflowError,),
            kinds={name: self.kinds(options["classify"]) for name in confirmed},
            progress=self.progress,
        )
        for result in results:
            if result.error:
                self.stdout.write(_("not imported: %(error)s") % {"error": result.error})
            else:
                self.stdout.write(
                    _("%(name)s → draft version %(number)d of «%(position)s»")
                    % {"name": result.name, "number": result.version.number, "position": positions[result.position_id]}
                )
        for report in reports:
            if report.name in confirmed:
                continue
            reason = report.error or (
                _("no position matches «%(title)s» surely enough") % {"title": report.title or _("(untitled)")}
            )
            self.stdout.write(_("skipped %(name)s: %(reason)s") % {"name": report.name, "reason": reason})

    def print_reports(self, reports, output_format):
        if output_format == "json":
            self.stdout.write(json.dumps([report.as_dict() for report in reports], ensure_ascii=False, indent=2))
            return
        for report in reports:
            self.stdout.write(report.name)
            if report.error:
                self.stdout.write(f"  {_('error')}: {report.error}")
                continue
            self.stdout.write(f"  {_('title')}: {report.title or _('(untitled)')} [{report.language}]")
            if report.match:
                match = report.match
                self.stdout.write(f"  {_('position')}: {match.title} ({match.confidence:.2f}, {match.how})")
            else:
                self.stdout.write(f"  {_('position')}: —")
            for alternative in report.alternatives:
                self.stdout.write(f"    {_('or')}: {alternative.title} ({alternative.confidence:.2f})")
            for kind, heading, count in report.sections:
                self.stdout.write(f"  {kind}: {heading or '—'} ({count})")
            for line in report.left_out:
                self.stdout.write(f"  {_('left out')}: {line}")

    def print_documents(self, documents, output_format):
        if output_format == "json":
            payload = [document.as_dict() for document in documents]
            self.stdout.write(json.dumps(payload if len(payload) > 1 else payload[0], ensure_ascii=False, indent=2))
            return
        for document in documents:
            self.stdout.write(f"{document.title or _('(untitled)')} [{document.language}]")
            for section in document.sections():
                self.stdout.write(f"  {section.kind}: {section.heading or '—'} ({len(section.clauses)})")
                self.print_items(section.items, "    ")

    def print_items(self, items, indent):
        for item in items:
            self.stdout.write(f"{indent}- {item.text}")
            self.print_items(item.children, indent + "  ")

    def create_draft(self, document, position_id, kinds):
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
                    position=position, language=document.language, sections=document.as_draft_sections(kinds)
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
