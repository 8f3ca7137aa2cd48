"""`manage.py inflect`: decline position titles read one per line from standard input."""

import sys

from django.core.management.base import BaseCommand

from jobdesc.grammar.inflect import CASES, inflect_lines


class Command(BaseCommand):
    help = (
        "Decline Russian position titles: reads one title per line from standard input and prints "
        "each in the requested case, one per line in the same order (a blank line stays blank). "
        "Only the head of a title changes: «Менеджер по продажам» --case datv → «менеджеру по продажам». "
        "Cases: nomn (nominative), gent (genitive), datv (dative), accs (accusative), "
        "ablt (instrumental), loct (prepositional)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--case",
            choices=CASES,
            default="gent",
            help="Grammatical case to put the titles in (default: gent, as in «Должностная инструкция …»).",
        )

    def handle(self, *args, **options):
        # Read at call time so tests and pipes that replace sys.stdin are honoured.
        lines = [line.rstrip("\r\n") for line in sys.stdin]
        for line in inflect_lines(lines, options["case"]):
            self.stdout.write(line)
