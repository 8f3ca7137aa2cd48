"""URL map of jobdesc: one line per page; each part of the domain keeps its own views."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from jobdesc.orgs import views as orgs_views

urlpatterns = [
    path("", orgs_views.home, name="home"),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("org/", include("jobdesc.orgs.urls")),
    path("instructions/", include("jobdesc.instructions.urls")),
    path("library/", include("jobdesc.library.urls")),
    path("outbox/", include("jobdesc.outbox.urls")),
    path("", include("jobdesc.documents.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
