"""Import a staff list or an employee list (XLSX or CSV, 1С:ЗУП columns) from a script."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from jobdesc.accounts.models import User
from jobdesc.orgs.staff_import import applying, uploads
from jobdesc.orgs.staff_import.planning import ERROR
from jobdesc.orgs.staff_import.reading import FileError


class Command(BaseCommand):
    help = (
        "Check a staff list (Подразделение, Должность, Количество ставок) or an employee list (Табельный номер, ФИО, "
        "Подразделение, Должность, Количество ставок, Дата приема, E-mail), XLSX or CSV, columns in any order, for "
        "the organisation of the HR officer LOGIN, and print what it would create, update and leave alone, and "
        "every bad row with its reason. With --apply, a file without bad rows is then imported in one "
        "transaction, with its progress shown. Exits with status 1 when the file has bad rows."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="the .xlsx or .csv file")
        parser.add_argument("--by", required=True, metavar="LOGIN", help="the HR officer the import is made by")
        parser.add_argument("--apply", action="store_true", help="import the file (otherwise only check it)")

    def handle(self, *args, **options):
        path: Path = options["file"]
        user = User.objects.filter(username=options["by"], is_active=True).select_related("organisation").first()
        if user is None or not user.is_hr:
            raise CommandError(f"{options['by']} is not an active HR officer.")
        if not path.is_file():
            raise CommandError(f"{path} is not a file.")
        try:
            staff_import, plan = uploads.upload(
                organisation=user.organisation, file_name=path.name, content=path.read_bytes(), by=user
            )
        except FileError as error:
            raise CommandError(str(error)) from error
        counts = plan.counts
        self.stdout.write(
            f"{path.name}: {staff_import.get_kind_display()}, {counts['create']} to create, {counts['update']} to "
            f"update ({counts['transfers']} transfers), {counts['same']} unchanged, {counts['error']} bad rows"
        )
        for row in plan.rows:
            if row.action == ERROR:
                self.stdout.write(f"  row {row.number}: {row.label}: {'; '.join(row.errors)}")
        if plan.has_errors:
            sys.exit(1)
        if not options["apply"]:
            self.stdout.write("Nothing imported (add --apply to import).")
            return

        def progress(done, total):
            self.stderr.write(f"\r{done} of {total} rows", ending="")

        counts = applying.apply(staff_import_id=staff_import.pk, by=user, progress=progress)
        self.stderr.write("")
        self.stdout.write(self.style.SUCCESS(f"Imported: {counts['create']} created, {counts['update']} updated."))
