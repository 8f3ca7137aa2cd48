"""Admin for section kinds, tags and library clauses."""

from django.contrib import admin

from .models import Clause, SectionKind, Tag


@admin.register(SectionKind)
class SectionKindAdmin(admin.ModelAdmin):
    list_display = ["order", "code", "title_ru", "title_et", "mandatory"]
    list_display_links = ["code"]
    search_fields = ["code", "title_ru", "title_et"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(Clause)
class ClauseAdmin(admin.ModelAdmin):
    list_display = ["text", "section", "language", "source", "is_active", "organisation"]
    list_filter = ["section", "language", "is_active", "source", "tags", "organisation"]
    list_select_related = ["section", "organisation"]
    search_fields = ["text", "source"]
    filter_horizontal = ["tags"]
