"""`manage.py build_clause_fixture`: regenerate fixtures/clauses.json from the seed documents and the curation file."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from jobdesc.languages import Language
from jobdesc.library.clause_sets import ClauseSetError
from jobdesc.library.curation import CURATION_FILE, Curation, CurationError, build_library, fixture_json
from jobdesc.library.importer import ImporterError

DEFAULT_SEEDS = Path(settings.SEEDS_DIR)
DEFAULT_OUTPUT = settings.BASE_DIR / "fixtures" / "clauses.json"


class Command(BaseCommand):
    help = (
        "Rebuild the shared clause library fixture (loaded by `loaddata clauses`) from the seed documents: "
        "every document the importer finds in each seed, corrected by the reviewed curation file, with "
        "near-duplicates merged, the position's name turned into placeholders and each clause classified "
        "(the categories it suits, its profession or any post); then the team's standard clause sets for "
        "every category (clause_sets.toml), in Russian and Estonian. The output is deterministic; --check "
        "only compares it with the file and fails if they differ."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS, help="Folder of seed *.txt documents.")
        parser.add_argument("--curation", type=Path, default=CURATION_FILE, help="The curation file (TOML).")
        parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="Where to write the fixture.")
        parser.add_argument("--check", action="store_true", help="Fail if the fixture is not up to date.")

    def handle(self, *args, **options):
        try:
            clauses = build_library(options["seeds"], Curation.load(options["curation"]))
        except (CurationError, ClauseSetError, ImporterError, OSError) as error:
            raise CommandError(str(error)) from error
        content = fixture_json(clauses)
        output: Path = options["output"]
        counts = {language: sum(1 for clause in clauses if clause.language == language) for language in Language.values}
        if options["check"]:
            current = output.read_text(encoding="utf-8") if output.exists() else ""
            if current != content:
                raise CommandError(_("%(path)s is out of date; run build_clause_fixture.") % {"path": output})
            self.stdout.write(_("%(path)s is up to date.") % {"path": output})
            return
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(content, encoding="utf-8")
        self.stdout.write(
            _("Wrote %(path)s: %(ru)d Russian and %(et)d Estonian clauses.")
            % {"path": output, "ru": counts["ru"], "et": counts["et"]}
        )
