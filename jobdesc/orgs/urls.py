"""URLs of the organisation's settings, departments, positions and employees."""

app_name = "orgs"
urlpatterns = []
