"""URLs of documents: downloads of a version and the public verification page (included at the root)."""

from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("documents/version/<int:pk>.pdf", views.version_pdf, name="version_pdf"),
    path("documents/version/<int:pk>.docx", views.version_docx, name="version_docx"),
    path("documents/version/<int:pk>/acknowledgements.pdf", views.acknowledgements_pdf, name="acknowledgements_pdf"),
    path("verify/<str:code>/", views.verify, name="verify"),
]
