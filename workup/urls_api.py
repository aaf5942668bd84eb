from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from workup import api

urlpatterns = [
    path("auth/token/", api.TokenView.as_view(), name="api-token"),
    path("checklist/", api.ChecklistView.as_view(), name="api-checklist"),
    path("patients/", api.PatientListView.as_view(), name="api-patients"),
    path("patients/<str:public_id>/", api.PatientDetailView.as_view(), name="api-patient"),
    path("encounters/", api.EncounterListView.as_view(), name="api-encounters"),
    path("encounters/<str:public_id>/", api.EncounterDetailView.as_view(), name="api-encounter"),
    path(
        "encounters/<str:public_id>/assess/", api.EncounterAssessView.as_view(), name="api-encounter-assess"
    ),
    path("encounters/<str:public_id>/sign/", api.EncounterSignView.as_view(), name="api-encounter-sign"),
    path(
        "encounters/<str:public_id>/addenda/",
        api.EncounterAddendaView.as_view(),
        name="api-encounter-addenda",
    ),
    path("referrals/", api.ReferralListView.as_view(), name="api-referrals"),
    path("referrals/<str:public_id>/", api.ReferralDetailView.as_view(), name="api-referral"),
    path("referrals/<str:public_id>/pdf/", api.ReferralPdfView.as_view(), name="api-referral-pdf"),
    path("services/", api.ServiceListView.as_view(), name="api-services"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
]
