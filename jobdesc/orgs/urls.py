"""URLs of the organisation's settings, departments, positions, employees, invitations and the staff import."""

from django.urls import path

from . import import_views, invitation_views, views

app_name = "orgs"
urlpatterns = [
    path("settings/", views.organisation_settings, name="settings"),
    path("access/", views.access_settings, name="access"),
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
    path("employees/<int:pk>/unlink/", invitation_views.employee_unlink, name="employee_unlink"),
    path("employees/invite/", invitation_views.invite, name="invite"),
    path("invitations/", invitation_views.invitation_list, name="invitations"),
    path("invitations/action/", invitation_views.invitation_action, name="invitation_action"),
    path("import/", import_views.staff_import, name="import"),
    path("import/template/<str:kind>.<str:fmt>", import_views.import_template, name="import_template"),
    path("import/<int:pk>/", import_views.import_preview, name="import_preview"),
    path("import/<int:pk>/apply/", import_views.import_apply, name="import_apply"),
]
