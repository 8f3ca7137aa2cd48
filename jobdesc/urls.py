"""URL map of jobdesc: one line per page; each part of the domain keeps its own views."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from jobdesc.accounts import views as accounts_views
from jobdesc.api.api import api
from jobdesc.documents import instruction_urls as documents_instruction_urls
from jobdesc.instructions import library_urls as instructions_library_urls
from jobdesc.instructions import overview
from jobdesc.instructions import urls as instructions_urls
from jobdesc.library import urls as library_urls
from jobdesc.orgs import invitation_views
from jobdesc.orgs.password_reset import ResetPasswordForm

urlpatterns = [
    path("", overview.home, name="home"),
    path("accounts/login/", accounts_views.SignInView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/reset/",
        auth_views.PasswordResetView.as_view(form_class=ResetPasswordForm),
        name="password_reset",
    ),
    path("accounts/password/reset/sent/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "accounts/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("accounts/reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("accounts/", include("jobdesc.accounts.urls")),
    path("invitation/<int:pk>/<str:token>/", invitation_views.accept, name="accept_invitation"),
    path("setup/", include("jobdesc.orgs.setup_urls")),
    path("oidc/", include("jobdesc.orgs.sso_urls")),
    path("org/", include("jobdesc.orgs.urls")),
    # The instructions' pages and the documents they hand out, in one namespace.
    path(
        "instructions/",
        include((instructions_urls.urlpatterns + documents_instruction_urls.urlpatterns, "instructions")),
    ),
    # The library's own pages and those of it that reach into the instructions, in one namespace.
    path("library/", include((library_urls.urlpatterns + instructions_library_urls.urlpatterns, "library"))),
    path("outbox/", include("jobdesc.outbox.urls")),
    path("", include("jobdesc.documents.urls")),
    path("i18n/setlang/", accounts_views.switch_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("api/", include("jobdesc.api.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
