"""URLs of accounts: the administrator's people and roles, the history, the person's own profile."""

from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("people/", views.people, name="people"),
    path("people/<int:pk>/", views.person, name="person"),
    path("history/", views.history, name="history"),
    path("profile/", views.profile, name="profile"),
]
