"""URLs of the outbox: HR's mail problems and the superusers' outbox."""

from django.urls import path

from . import views

app_name = "outbox"

urlpatterns = [
    path("", views.outbox, name="outbox"),
    path("<int:pk>/", views.message, name="message"),
    path("problems/", views.problems, name="problems"),
    path("problems/retry/", views.retry_messages, name="retry_messages"),
    path("tasks/<uuid:pk>/retry/", views.retry_task, name="retry_task"),
]
