"""URLs of a superuser's set-up pages: organisations and their administrators."""

from django.urls import path

from . import setup_views

app_name = "setup"
urlpatterns = [
    path("", setup_views.organisations, name="organisations"),
    path("<int:pk>/administrator/", setup_views.invite_admin, name="invite_admin"),
]
