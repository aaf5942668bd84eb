"""Pages of the GP web app (server-rendered)."""

from django.contrib.auth import views as auth_views
from django.urls import path

from workup.web import auth, dashboard, encounters, patients, referrals

urlpatterns = [
    path("login/", auth.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/change/", auth.PasswordChangeView.as_view(), name="password-change"),
    path("password/change/done/", auth.PasswordChangeDoneView.as_view(), name="password-change-done"),
    path("password/reset/", auth.PasswordResetView.as_view(), name="password-reset"),
    path("password/reset/sent/", auth.PasswordResetDoneView.as_view(), name="password-reset-done"),
    path(
        "password/reset/<uidb64>/<token>/",
        auth.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",  # the name Django's reset email template reverses
    ),
    path("password/reset/done/", auth.PasswordResetCompleteView.as_view(), name="password-reset-complete"),
    path("", dashboard.dashboard, name="dashboard"),
    path("patients/", patients.patient_list, name="patients"),
    path("patients/new/", patients.patient_create, name="patient-create"),
    path("patients/<str:public_id>/", patients.patient_detail, name="patient"),
    path("patients/<str:public_id>/encounters/", encounters.encounter_start, name="encounter-start"),
    path("encounters/<str:public_id>/", encounters.encounter_page, name="encounter"),
    path("encounters/<str:public_id>/preview/", encounters.encounter_preview, name="encounter-preview"),
    path("encounters/<str:public_id>/sign/", encounters.encounter_sign, name="encounter-sign"),
    path("encounters/<str:public_id>/addenda/", encounters.addendum_add, name="encounter-addendum"),
    path("encounters/<str:public_id>/referrals/", referrals.referral_create, name="encounter-refer"),
    path("referrals/<str:public_id>/", referrals.referral_page, name="referral"),
    path("referrals/<str:public_id>/pdf/", referrals.referral_pdf, name="referral-pdf"),
]
