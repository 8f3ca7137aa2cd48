"""URLs of the clause library pages."""

app_name = "library"
urlpatterns = []
