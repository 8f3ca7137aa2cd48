"""URLs of the clause library pages; the pages that reach into the instructions are added to this namespace by
jobdesc/urls.py from jobdesc/instructions/library_urls.py."""

from django.urls import path

from . import import_views, views

app_name = "library"
urlpatterns = [
    path("add/", views.clause_add, name="add"),
    path("duplicates/", views.duplicates, name="duplicates"),
    path("duplicates/merge/", views.duplicates_merge, name="duplicates_merge"),
    path("<int:pk>/retire/", views.clause_retire, name="retire"),
    path("<int:pk>/restore/", views.clause_restore, name="restore"),
    path("import/", import_views.import_upload, name="import"),
    path("import/<int:pk>/progress/", import_views.import_progress, name="import_progress"),
]
