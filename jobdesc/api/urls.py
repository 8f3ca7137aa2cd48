"""URLs of the API's pages (the API itself is /api/v1/, see api.py)."""

from django.urls import path

from . import views

app_name = "api"
urlpatterns = [
    path("v1/docs/", views.docs, name="docs"),
    path("tokens/", views.token_list, name="tokens"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path("webhooks/", views.webhook_list, name="webhooks"),
    path("webhooks/<int:pk>/", views.webhook_detail, name="webhook"),
    path("webhooks/<int:pk>/test/", views.webhook_test, name="webhook_test"),
    path("webhooks/<int:pk>/delete/", views.webhook_delete, name="webhook_delete"),
]
