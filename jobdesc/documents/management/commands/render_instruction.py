"""`manage.py render_instruction`: write the PDFs of instructions' approved versions into a folder."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.text import slugify
from django.utils.translation import gettext as _

from jobdesc.instructions.models import Instruction, Status, Version

from ...errors import RenderError
from ...pdf import stored_pdf


class Command(BaseCommand):
    help = (
        "Write the PDF of the version in force (approved) of the given instructions, or of every instruction "
        "with --all, into --output-dir. The file written is the stored original, byte for byte: it is "
        "rendered and stored first if the version has none yet. Files are named "
        "<instruction id>-<position>-v<version>.pdf."
    )

    def add_arguments(self, parser):
        parser.add_argument("ids", nargs="*", type=int, metavar="ID", help="Instruction ids (see the admin).")
        parser.add_argument("--all", action="store_true", help="Every instruction that has a version in force.")
        parser.add_argument("--output-dir", type=Path, required=True, help="Folder to write into (created if missing).")

    def handle(self, *args, ids, **options):
        if bool(ids) == bool(options["all"]):
            raise CommandError(_("Give instruction ids or --all, not both and not neither."))
        versions = Version.objects.filter(status=Status.APPROVED).select_related(
            "instruction__position", "instruction__organisation"
        )
        if ids:
            unknown = sorted(set(ids) - set(Instruction.objects.filter(pk__in=ids).values_list("pk", flat=True)))
            if unknown:
                raise CommandError(_("No instruction with id %(ids)s.") % {"ids": ", ".join(map(str, unknown))})
            versions = versions.filter(instruction_id__in=ids)
            missing = sorted(set(ids) - set(versions.values_list("instruction_id", flat=True)))
            if missing:
                raise CommandError(
                    _("Instruction %(ids)s has no approved version.") % {"ids": ", ".join(map(str, missing))}
                )
        versions = list(versions.order_by("instruction_id"))
        output: Path = options["output_dir"]
        output.mkdir(parents=True, exist_ok=True)
        for index, version in enumerate(versions, start=1):
            started = time.perf_counter()
            try:
                version = stored_pdf(version)
            except RenderError as error:
                raise CommandError(f"{version}: {error}") from error
            instruction = version.instruction
            path = (
                output
                / f"{instruction.pk}-{slugify(instruction.position.title, allow_unicode=True)}-v{version.number}.pdf"
            )
            with version.pdf.open("rb") as source:
                path.write_bytes(source.read())
            self.stdout.write(
                f"[{index}/{len(versions)}] {path} ({instruction.organisation}, "
                f"{(time.perf_counter() - started) * 1000:.0f} ms)"
            )
        self.stdout.write(self.style.SUCCESS(_("Wrote %(count)d PDF files.") % {"count": len(versions)}))
