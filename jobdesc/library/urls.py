"""URLs of the clause library pages."""

from django.urls import path

from jobdesc.instructions.propagation import views as propagation_views

from . import import_views, views

app_name = "library"
urlpatterns = [
    path("", views.clause_list, name="list"),
    path("add/", views.clause_add, name="add"),
    path("duplicates/", views.duplicates, name="duplicates"),
    path("duplicates/merge/", views.duplicates_merge, name="duplicates_merge"),
    path("<int:pk>/", views.clause_detail, name="detail"),
    path("<int:pk>/edit/", views.clause_edit, name="edit"),
    path("<int:pk>/retire/", views.clause_retire, name="retire"),
    path("<int:pk>/restore/", views.clause_restore, name="restore"),
    path("<int:pk>/changes/<int:number>/", propagation_views.revision_page, name="revision"),
    path("<int:pk>/changes/<int:number>/apply/", propagation_views.revision_apply, name="revision_apply"),
    path("<int:pk>/changes/<int:number>/agreements.xlsx", propagation_views.agreements_export, name="agreements"),
    path("import/", import_views.import_upload, name="import"),
    path("import/<int:pk>/", import_views.import_batch, name="import_batch"),
    path("import/<int:pk>/progress/", import_views.import_progress, name="import_progress"),
    path("import/<int:pk>/confirm/", import_views.import_confirm, name="import_confirm"),
]
