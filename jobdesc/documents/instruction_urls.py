"""URLs of the documents an instruction's pages hand out: the editor's preview and the campaign's papers.

jobdesc/urls.py serves them under /instructions/ in the instructions' namespace, beside jobdesc/instructions/urls.py.
"""

from django.urls import path

from . import acknowledgement_views, views

urlpatterns = [
    path("version/<int:pk>/preview/", views.preview, name="preview"),
    path(
        "acknowledgements/campaigns/<int:pk>/sheet.pdf",
        acknowledgement_views.campaign_sheet,
        name="campaign_sheet",
    ),
    path(
        "acknowledgements/campaigns/<int:pk>/export.<str:fmt>",
        acknowledgement_views.campaign_export,
        name="campaign_export",
    ),
]
