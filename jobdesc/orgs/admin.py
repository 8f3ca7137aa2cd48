"""Admin for organisations, departments, positions and employees."""

from django.contrib import admin

from .models import Department, Employee, Organisation, Position


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["short_name", "inn", "city", "head_name"]
    search_fields = ["short_name", "full_name", "inn", "ogrn"]
    list_filter = ["city", "language"]


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "parent", "organisation"]
    list_filter = ["organisation"]
    list_select_related = ["parent", "organisation"]
    search_fields = ["name", "code"]
    autocomplete_fields = ["parent"]


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    list_display = ["title", "department", "category", "reports_to", "organisation"]
    list_filter = ["organisation", "category", "department"]
    list_select_related = ["department", "reports_to", "organisation"]
    search_fields = ["title"]
    autocomplete_fields = ["department", "reports_to"]


@admin.register(Employee)
class EmployeeAdmin(admin.ModelAdmin):
    list_display = ["full_name", "personnel_number", "position", "hire_date", "dismissal_date", "organisation"]
    list_filter = ["organisation", "position__department", "dismissal_date"]
    list_select_related = ["position", "organisation"]
    search_fields = ["full_name", "personnel_number", "email", "user__username"]
    autocomplete_fields = ["position"]
    # A login is linked only by the person's own invitation, with a line in the history: never by hand here.
    readonly_fields = ["user"]
