from django.urls import path

from workup.api import auth, checklist, encounters, patients, referrals, schema, services

urlpatterns = [
    path("auth/token/", auth.TokenView.as_view(), name="api-token"),
    path("auth/tokens/", auth.TokenListView.as_view(), name="api-tokens"),
    path("auth/tokens/<str:public_id>/", auth.TokenDetailView.as_view(), name="api-token-detail"),
    path("auth/logout/", auth.LogoutView.as_view(), name="api-logout"),
    path("checklist/", checklist.ChecklistView.as_view(), name="api-checklist"),
    path("patients/", patients.PatientListView.as_view(), name="api-patients"),
    path("patients/<str:public_id>/", patients.PatientDetailView.as_view(), name="api-patient"),
    path("encounters/", encounters.EncounterListView.as_view(), name="api-encounters"),
    path("encounters/<str:public_id>/", encounters.EncounterDetailView.as_view(), name="api-encounter"),
    path(
        "encounters/<str:public_id>/assess/",
        encounters.EncounterAssessView.as_view(),
        name="api-encounter-assess",
    ),
    path(
        "encounters/<str:public_id>/sign/", encounters.EncounterSignView.as_view(), name="api-encounter-sign"
    ),
    path(
        "encounters/<str:public_id>/addenda/",
        encounters.EncounterAddendaView.as_view(),
        name="api-encounter-addenda",
    ),
    path(
        "encounters/<str:public_id>/replay/",
        encounters.EncounterReplayView.as_view(),
        name="api-encounter-replay",
    ),
    path("referrals/", referrals.ReferralListView.as_view(), name="api-referrals"),
    path("referrals/<str:public_id>/", referrals.ReferralDetailView.as_view(), name="api-referral"),
    path("referrals/<str:public_id>/pdf/", referrals.ReferralPdfView.as_view(), name="api-referral-pdf"),
    path("services/", services.ServiceListView.as_view(), name="api-services"),
    path("schema/", schema.SchemaView.as_view(), name="api-schema"),
]
