"""URLs of instructions: starting drafts, the editor and the preview."""

app_name = "instructions"
urlpatterns = []
