"""Admin for instructions and versions; approved versions are shown read-only."""

from django.contrib import admin

from jobdesc.instructions.models import Instruction, Item, Section, Version


class VersionInline(admin.TabularInline):
    model = Version
    fields = ["number", "status", "approved_at", "effective_date"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Instruction)
class InstructionAdmin(admin.ModelAdmin):
    list_display = ["position", "organisation", "created_at"]
    list_filter = ["organisation"]
    list_select_related = ["position", "organisation"]
    search_fields = ["position__title"]
    autocomplete_fields = ["position"]
    inlines = [VersionInline]

    def get_readonly_fields(self, request, obj=None):
        # Its approved versions' PDFs, journal lines and signatures belong to this organisation for good.
        if obj is not None and obj.versions.frozen().exists():
            return ["organisation", "position"]
        return []


class SectionInline(admin.TabularInline):
    model = Section
    fields = ["order", "kind", "heading"]
    extra = 0


@admin.register(Version)
class VersionAdmin(admin.ModelAdmin):
    list_display = ["instruction", "number", "status", "approved_at", "effective_date"]
    list_filter = ["status", "language", "instruction__organisation"]
    list_select_related = ["instruction__position"]
    search_fields = ["instruction__position__title"]
    readonly_fields = ["created_at", "created_by", "pdf_sha256"]
    inlines = [SectionInline]

    # The model refuses changes to a frozen version anyway; the admin says so up front.
    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_frozen:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_frozen:
            return False
        return super().has_delete_permission(request, obj)


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin):
    list_display = ["text", "section", "order"]
    list_select_related = ["section__version", "section__kind"]
    search_fields = ["text"]
    raw_id_fields = ["section", "parent", "clause"]

    def has_change_permission(self, request, obj=None):
        if obj is not None and not obj.section.version.is_editable:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not obj.section.version.is_editable:
            return False
        return super().has_delete_permission(request, obj)
