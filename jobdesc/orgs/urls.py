"""URLs of the organisation's settings, departments, positions and employees (all for HR officers)."""

from django.urls import path

from . import views

app_name = "orgs"
urlpatterns = [
    path("settings/", views.organisation_settings, name="settings"),
    path("departments/", views.departments, name="departments"),
    path("departments/new/", views.department_create, name="department_create"),
    path("departments/<int:pk>/", views.department_edit, name="department_edit"),
    path("departments/<int:pk>/delete/", views.department_delete, name="department_delete"),
    path("positions/", views.positions, name="positions"),
    path("positions/new/", views.position_create, name="position_create"),
    path("positions/forms/", views.position_forms, name="position_forms"),
    path("positions/<int:pk>/", views.position_edit, name="position_edit"),
    path("positions/<int:pk>/delete/", views.position_delete, name="position_delete"),
    path("employees/", views.employees, name="employees"),
    path("employees/new/", views.employee_create, name="employee_create"),
    path("employees/<int:pk>/", views.employee_edit, name="employee_edit"),
]
