"""Pages of the GP web app (server-rendered)."""

from django.contrib.auth import views as auth_views
from django.urls import path

from workup import views

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", views.dashboard, name="dashboard"),
    path("patients/", views.patient_list, name="patients"),
    path("patients/new/", views.patient_create, name="patient-create"),
    path("patients/<str:public_id>/", views.patient_detail, name="patient"),
    path("patients/<str:public_id>/encounters/", views.encounter_start, name="encounter-start"),
    path("encounters/<str:public_id>/", views.encounter_page, name="encounter"),
    path("encounters/<str:public_id>/sign/", views.encounter_sign, name="encounter-sign"),
    path("encounters/<str:public_id>/addenda/", views.addendum_add, name="encounter-addendum"),
    path("encounters/<str:public_id>/referrals/", views.referral_create, name="encounter-refer"),
    path("referrals/<str:public_id>/", views.referral_page, name="referral"),
    path("referrals/<str:public_id>/pdf/", views.referral_pdf, name="referral-pdf"),
]
