"""The library list's section and tag filters offer what their fields would list, in the interface's language."""

from django.utils import translation

from jobdesc.library.forms import ClauseFilterForm
from jobdesc.library.models import SectionKind, Tag


def test_the_section_and_tag_filters_list_every_kind_in_printing_order_and_every_tag_by_name(db):
    for name in ("склад", "продажи", "бухгалтерия"):
        Tag.objects.create(name=name)
    form = ClauseFilterForm()
    assert list(form.fields["section"].choices)[1:] == list(SectionKind.objects.values_list("code", "title_ru"))
    assert list(form.fields["section"].choices)[1] == ("general", "Общие положения")
    assert [value for value, _label in form.fields["tag"].choices][1:] == ["бухгалтерия", "продажи", "склад"]
    assert list(form.fields["tag"].choices)[0] == ("", form.fields["tag"].empty_label)


def test_the_section_filter_speaks_estonian_in_an_estonian_interface(db):
    with translation.override("et"):
        form = ClauseFilterForm()
    assert ("rights", "Õigused") in list(form.fields["section"].choices)


def test_a_chosen_section_and_tag_still_narrow_the_list(db):
    Tag.objects.create(name="склад")
    form = ClauseFilterForm({"section": "rights", "tag": "склад"})
    filters = form.filters()
    assert filters["section"] == SectionKind.objects.get(code="rights")
    assert filters["tag"] == Tag.objects.get(name="склад")
    assert not ClauseFilterForm({"section": "no-such-kind"}).is_valid()
