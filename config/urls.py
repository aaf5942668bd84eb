from allauth.account import views as allauth_views
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularSwaggerSplitView

from config.views import healthz
from workup.web import auth

# django-allauth serves only its two-factor pages and the re-authentication they ask for; logging in,
# logging out and passwords stay on Workup's pages (one throttle), reached under allauth's names too.
allauth_urlpatterns = [
    path("2fa/", include("allauth.mfa.urls")),
    path("reauthenticate/", allauth_views.reauthenticate, name="account_reauthenticate"),
    path("login/", auth.LoginView.as_view(), name="account_login"),
    path("logout/", auth_views.LogoutView.as_view(), name="account_logout"),
    path("password/change/", auth.PasswordChangeView.as_view(), name="account_change_password"),
    path("password/reset/", auth.PasswordResetView.as_view(), name="account_reset_password"),
]

urlpatterns = [
    # Before the admin's own: the admin logs in through Workup's login page and its two-factor step.
    path("admin/login/", auth.admin_login, name="admin-login"),
    path("admin/", admin.site.urls),
    path("accounts/", include(allauth_urlpatterns)),
    path("healthz/", healthz, name="healthz"),
    path("api/v1/", include("workup.urls_api")),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("", include("workup.urls")),
]
