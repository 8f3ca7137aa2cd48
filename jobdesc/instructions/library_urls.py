"""URLs of the library's pages that reach into the instructions: the clause list with its use counts, a clause with
where it is used, its edit and the revision carried into the instructions, the import's report that makes drafts.

jobdesc/urls.py serves them under /library/ in the library's namespace, beside jobdesc/library/urls.py.
"""

from django.urls import path

from jobdesc.instructions.drafting import import_views
from jobdesc.instructions.propagation import clause_views
from jobdesc.instructions.propagation import views as propagation_views

urlpatterns = [
    path("", clause_views.clause_list, name="list"),
    path("<int:pk>/", clause_views.clause_detail, name="detail"),
    path("<int:pk>/edit/", clause_views.clause_edit, name="edit"),
    path("<int:pk>/changes/<int:number>/", propagation_views.revision_page, name="revision"),
    path("<int:pk>/changes/<int:number>/apply/", propagation_views.revision_apply, name="revision_apply"),
    path("<int:pk>/changes/<int:number>/agreements.xlsx", propagation_views.agreements_export, name="agreements"),
    path("import/<int:pk>/", import_views.import_batch, name="import_batch"),
    path("import/<int:pk>/confirm/", import_views.import_confirm, name="import_confirm"),
]
