"""Prints the importer's scores on the variants: in total, per format and per value of each layout family.

Run from the repository root: `.venv/bin/python -m tests.fixtures_import.variants.report [--misses N]
[--write DIR]`. `--misses` lists the first N differences from the gold files; `--write` saves every
variant and its gold file into DIR to open them by hand. To compare with an older importer, copy
this folder into that checkout's `tests/fixtures_import/` and run the same command there.
"""

import argparse
import json
import os
from pathlib import Path


def parse(filename: str, data: bytes):
    from jobdesc.library.importer import ImporterError, main_document, parse_paragraphs
    from jobdesc.library.importer.readers import paragraphs_of

    try:
        paragraphs, language = paragraphs_of(filename, data)
        return main_document(parse_paragraphs(paragraphs, language), filename)
    except ImporterError:
        return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", type=int, default=0, help="list this many differences from the gold files")
    parser.add_argument("--write", type=Path, help="write every variant and its gold file into this folder")
    parser.add_argument("--seed", type=int, default=None)
    arguments = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    import django

    django.setup()
    from . import SEED, evaluate, variants

    seed = SEED if arguments.seed is None else arguments.seed
    if arguments.write:
        arguments.write.mkdir(parents=True, exist_ok=True)
        for variant in variants(seed):
            (arguments.write / variant.filename).write_bytes(variant.data)
            gold = json.dumps(variant.gold, ensure_ascii=False, indent=1)
            (arguments.write / f"{variant.filename}.gold.json").write_text(gold + "\n", encoding="utf-8")
            (arguments.write / f"{variant.filename}.layout.txt").write_text(variant.layout.describe() + "\n")
    crashes = []

    def parse_or_note(filename: str, data: bytes):
        # An older importer may crash on a variant: it counts as refused and is listed, the run goes on.
        try:
            return parse(filename, data)
        except Exception as error:
            crashes.append(f"{filename}: {error!r}")
            return None

    report = evaluate(parse_or_note, seed)
    print(report.table())
    refused = sum(1 for result in report.by_variant.values() if result.found == 0)
    print(f"\n{refused} variants gave no instruction; {len(crashes)} crashed")
    print("\n".join(crashes[:10]))
    if arguments.misses:
        print()
        print("\n".join(report.total.misses[: arguments.misses]))


if __name__ == "__main__":
    main()
