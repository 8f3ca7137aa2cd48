"""Case-insensitive search finds Cyrillic words in any letter case, on SQLite as on PostgreSQL."""

from jobdesc.orgs.models import Position


def test_icontains_ignores_the_case_of_cyrillic_letters(organisation):
    Position.objects.create(organisation=organisation, title="Менеджер по продажам")
    Position.objects.create(organisation=organisation, title="Кладовщик")
    assert list(Position.objects.filter(title__icontains="менеджер").values_list("title", flat=True)) == [
        "Менеджер по продажам"
    ]
    assert Position.objects.filter(title__icontains="ПРОДАЖ").count() == 1
    assert Position.objects.filter(title__icontains="100%").count() == 0


def test_like_wildcards_in_the_search_text_are_taken_literally(organisation):
    Position.objects.create(organisation=organisation, title="Специалист_по_данным 100%")
    assert Position.objects.filter(title__icontains="т_п").count() == 1
    assert Position.objects.filter(title__icontains="0%").count() == 1
    assert Position.objects.filter(title__icontains="x_y").count() == 0
