"""URLs of documents: downloads and signatures of a version, the seal, the public verification page (at the root)."""

from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("documents/version/<int:pk>.pdf", views.version_pdf, name="version_pdf"),
    path("documents/version/<int:pk>.docx", views.version_docx, name="version_docx"),
    path("documents/version/<int:pk>/copy.pdf", views.version_copy, name="version_copy"),
    path("documents/version/<int:pk>/original/", views.original_mode, name="original_mode"),
    path("documents/version/<int:pk>/acknowledgements.pdf", views.acknowledgements_pdf, name="acknowledgements_pdf"),
    path("documents/version/<int:pk>/package.zip", views.package, name="package"),
    path("documents/version/<int:pk>/certificate.pdf", views.audit_certificate, name="audit_certificate"),
    path("documents/version/<int:pk>/signatures/", views.upload_version_signature, name="upload_signature"),
    path(
        "documents/acknowledgement/<int:pk>/signature/",
        views.upload_acknowledgement_signature,
        name="upload_acknowledgement_signature",
    ),
    path("documents/seal/", views.seal_page, name="seal"),
    path("documents/seal/remove/", views.seal_remove, name="seal_remove"),
    path("verify/<str:code>/", views.verify, name="verify"),
]
