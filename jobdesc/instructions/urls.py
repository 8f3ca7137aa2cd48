"""URLs of instructions: starting drafts, the editor and its actions, the preview."""

from django.urls import path

from . import views

app_name = "instructions"
urlpatterns = [
    path("position/<int:position_pk>/start/", views.start, name="start"),
    path("version/<int:pk>/", views.editor, name="editor"),
    path("version/<int:pk>/preview/", views.preview, name="preview"),
    path("version/<int:pk>/checks/", views.checks, name="checks"),
    path("version/<int:pk>/library/", views.library, name="library"),
    path("version/<int:pk>/items/add/", views.add_item, name="add_item"),
    path("version/<int:pk>/items/reorder/", views.reorder, name="reorder"),
    path("version/<int:pk>/items/<int:item_pk>/edit/", views.edit_item, name="edit_item"),
    path("version/<int:pk>/items/<int:item_pk>/<slug:action>/", views.item_action, name="item_action"),
    path("version/<int:pk>/sections/add/", views.add_section, name="add_section"),
    path("version/<int:pk>/sections/<int:section_pk>/remove/", views.remove_section, name="remove_section"),
]
