"""`manage.py export_clauses`: the shared library as JSON, optionally in one language."""

import json
from io import StringIO

from django.core.management import call_command

from jobdesc.library.models import Clause, SectionKind


def export(*args):
    out = StringIO()
    call_command("export_clauses", *args, stdout=out)
    return json.loads(out.getvalue())


def test_it_prints_section_language_text_source_tags_and_what_the_clause_suits(shared_clause):
    assert export() == [
        {
            "section": "rights",
            "language": "ru",
            "text": "Запрашивать информацию, необходимую для выполнения своих обязанностей.",
            "source": "004_b98b6384fc5f5fab.txt",
            "tags": ["менеджер-по-продажам"],
            "categories": ["managers", "specialists", "technical", "workers"],
            "profession": "",
            "standard": False,
        }
    ]


def test_it_leaves_out_organisations_clauses_and_retired_ones(shared_clause, own_clause):
    Clause.objects.create(section=SectionKind.objects.get(code="duties"), text="Устаревший пункт.", is_active=False)
    assert [entry["text"] for entry in export()] == [shared_clause.text]


def test_it_filters_by_language(shared_clause):
    Clause.objects.create(section=SectionKind.objects.get(code="duties"), language="et", text="Nõustab kliente.")
    assert [entry["text"] for entry in export("--language", "et")] == ["Nõustab kliente."]
