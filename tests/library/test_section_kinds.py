"""The section kinds exist after migrating, with stable codes, the usual printing order and titles."""

from jobdesc.library.models import SectionKind

EXPECTED_ORDER = [
    "general",
    "qualification",
    "knowledge",
    "skills",
    "subordination",
    "functions",
    "duties",
    "rights",
    "responsibility",
    "relationships",
    "working_conditions",
    "evaluation",
    "final",
]


def test_the_section_kinds_come_in_printing_order(db):
    assert list(SectionKind.objects.values_list("code", flat=True)) == EXPECTED_ORDER


def test_the_mandatory_sections_are_the_seven_the_checks_require(db):
    mandatory = set(SectionKind.objects.filter(mandatory=True).values_list("code", flat=True))
    assert mandatory == {"general", "qualification", "knowledge", "subordination", "duties", "rights", "responsibility"}


def test_each_kind_has_a_title_in_russian_and_estonian(db):
    rights = SectionKind.objects.get(code="rights")
    assert rights.title("ru") == "Права"
    assert rights.title("et") == "Õigused"
    assert all(kind.title_ru and kind.title_et for kind in SectionKind.objects.all())


def test_section_kinds_are_found_by_their_natural_key(db):
    assert SectionKind.objects.get_by_natural_key("duties").title_ru == "Должностные обязанности"
