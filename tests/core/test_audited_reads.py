"""One audited door: every read of patient data, through every door, writes exactly its events.

Each event names the reader, the action, the patient, the object, the channel, the address and the
user agent; a listing records every row it shows, in one insert.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.core.conftest import appended, event


def audit_inserts(queries: CaptureQueriesContext) -> int:
    return sum(
        1 for query in queries.captured_queries if query["sql"].startswith('INSERT INTO "workup_auditevent"')
    )


# --- API ------------------------------------------------------------------------------------


def test_the_api_patient_records_a_view(api_a, gp_a, patient_a, since):
    assert api_a.get(reverse("api-patient", args=[patient_a.public_id])).status_code == 200

    assert appended(since) == [event(gp_a.user, "view", patient_a, "api")]


def test_the_api_patient_list_records_each_patient_shown_in_one_insert(
    api_a, gp_a, patient_a, other_patient_a, since
):
    with CaptureQueriesContext(connection) as queries:
        assert api_a.get(reverse("api-patients")).status_code == 200

    assert appended(since) == sorted(
        [event(gp_a.user, "list", patient_a, "api"), event(gp_a.user, "list", other_patient_a, "api")]
    )
    assert audit_inserts(queries) == 1


def test_the_api_encounter_records_a_view(api_a, gp_a, draft, since):
    assert api_a.get(reverse("api-encounter", args=[draft.public_id])).status_code == 200

    assert appended(since) == [event(gp_a.user, "view", draft, "api")]


def test_the_api_encounter_list_records_each_encounter_shown(api_a, gp_a, draft, signed, since):
    assert api_a.get(reverse("api-encounters")).status_code == 200

    assert appended(since) == sorted(
        [event(gp_a.user, "list", draft, "api"), event(gp_a.user, "list", signed, "api")]
    )


def test_the_api_referral_records_a_view(api_a, gp_a, referral, since):
    assert api_a.get(reverse("api-referral", args=[referral.public_id])).status_code == 200

    assert appended(since) == [event(gp_a.user, "view", referral, "api")]


def test_the_api_referral_list_records_each_referral_shown(api_a, gp_a, referral, since):
    assert api_a.get(reverse("api-referrals")).status_code == 200

    assert appended(since) == [event(gp_a.user, "list", referral, "api")]


def test_the_api_pdf_records_a_download(api_a, gp_a, referral, since):
    assert api_a.get(reverse("api-referral-pdf", args=[referral.public_id])).status_code == 200

    assert appended(since) == [event(gp_a.user, "download", referral, "api")]


def test_the_api_pdf_not_ready_records_nothing(api_a, referral, since):
    referral.status = "queued"
    referral.save(update_fields=["status"])

    assert api_a.get(reverse("api-referral-pdf", args=[referral.public_id])).status_code == 409

    assert appended(since) == []


def test_the_service_directory_is_not_patient_data(api_a, services, since):
    assert api_a.get(reverse("api-services")).status_code == 200

    assert appended(since) == []


# --- Pages ----------------------------------------------------------------------------------


def test_the_dashboard_records_every_row_it_lists_in_one_insert(web_a, gp_a, draft, signed, referral, since):
    with CaptureQueriesContext(connection) as queries:
        assert web_a.get(reverse("dashboard")).status_code == 200

    assert appended(since) == sorted(
        [
            event(gp_a.user, "list", draft, "web"),
            event(gp_a.user, "list", signed, "web"),
            event(gp_a.user, "list", referral, "web"),
        ]
    )
    assert audit_inserts(queries) == 1


def test_the_patient_search_records_each_patient_found(web_a, gp_a, patient_a, other_patient_a, since):
    response = web_a.post(reverse("patients"), {"q": "Lovelace"})

    assert patient_a.family_name in response.content.decode()
    assert appended(since) == [event(gp_a.user, "list", patient_a, "web")]


def test_the_empty_patient_search_page_records_nothing(web_a, patient_a, since):
    assert web_a.get(reverse("patients")).status_code == 200

    assert appended(since) == []


def test_the_patient_page_records_the_patient_and_each_row_it_lists_in_one_insert(
    web_a, gp_a, patient_a, draft, signed, referral, since
):
    with CaptureQueriesContext(connection) as queries:
        assert web_a.get(reverse("patient", args=[patient_a.public_id])).status_code == 200

    assert appended(since) == sorted(
        [
            event(gp_a.user, "view", patient_a, "web"),
            event(gp_a.user, "list", draft, "web"),
            event(gp_a.user, "list", signed, "web"),
            event(gp_a.user, "list", referral, "web"),
        ]
    )
    assert audit_inserts(queries) == 1


def test_the_draft_encounter_page_records_a_view(web_a, gp_a, draft, since):
    assert web_a.get(reverse("encounter", args=[draft.public_id])).status_code == 200

    assert appended(since) == [event(gp_a.user, "view", draft, "web")]


def test_the_signed_encounter_page_records_the_encounter_and_its_referrals(
    web_a, gp_a, signed, referral, since
):
    assert web_a.get(reverse("encounter", args=[signed.public_id])).status_code == 200

    assert appended(since) == sorted(
        [event(gp_a.user, "view", signed, "web"), event(gp_a.user, "list", referral, "web")]
    )


def test_the_referral_page_records_a_view(web_a, gp_a, referral, since):
    assert web_a.get(reverse("referral", args=[referral.public_id])).status_code == 200

    assert appended(since) == [event(gp_a.user, "view", referral, "web")]


def test_the_pdf_page_records_a_download(web_a, gp_a, referral, since):
    assert web_a.get(reverse("referral-pdf", args=[referral.public_id])).status_code == 200

    assert appended(since) == [event(gp_a.user, "download", referral, "web")]


@pytest.mark.parametrize("name", ["patient", "encounter", "referral", "referral-pdf"])
def test_another_practices_reader_records_nothing(client, gp_b, patient_a, draft, referral, since, name):
    target = {"patient": patient_a, "encounter": draft, "referral": referral, "referral-pdf": referral}[name]
    client.force_login(gp_b.user)

    assert client.get(reverse(name, args=[target.public_id])).status_code == 404

    assert appended(since) == []


# --- Admin ----------------------------------------------------------------------------------


def test_the_admin_patient_list_records_each_patient_shown_in_one_insert(
    admin_staff_a, staff_a, patient_a, other_patient_a, since
):
    with CaptureQueriesContext(connection) as queries:
        assert admin_staff_a.get(reverse("admin:clinic_patient_changelist")).status_code == 200

    assert appended(since) == sorted(
        [
            event(staff_a.user, "list", patient_a, "admin"),
            event(staff_a.user, "list", other_patient_a, "admin"),
        ]
    )
    assert audit_inserts(queries) == 1


def test_the_admin_patient_page_records_a_view(admin_staff_a, staff_a, patient_a, since):
    assert admin_staff_a.get(reverse("admin:clinic_patient_change", args=[patient_a.pk])).status_code == 200

    assert appended(since) == [event(staff_a.user, "view", patient_a, "admin")]


def test_the_admin_patient_history_records_a_view(admin_staff_a, staff_a, patient_a, since):
    assert admin_staff_a.get(reverse("admin:clinic_patient_history", args=[patient_a.pk])).status_code == 200

    assert appended(since) == [event(staff_a.user, "view", patient_a, "admin")]


def test_the_admin_encounter_list_records_each_encounter_shown(admin_staff_a, staff_a, draft, signed, since):
    assert admin_staff_a.get(reverse("admin:workup_encounter_changelist")).status_code == 200

    assert appended(since) == sorted(
        [event(staff_a.user, "list", draft, "admin"), event(staff_a.user, "list", signed, "admin")]
    )


def test_the_admin_encounter_page_records_a_view(admin_staff_a, staff_a, draft, since):
    assert admin_staff_a.get(reverse("admin:workup_encounter_change", args=[draft.pk])).status_code == 200

    assert appended(since) == [event(staff_a.user, "view", draft, "admin")]


def test_the_admin_referral_list_records_each_referral_shown(admin_staff_a, staff_a, referral, since):
    assert admin_staff_a.get(reverse("admin:workup_referral_changelist")).status_code == 200

    assert appended(since) == [event(staff_a.user, "list", referral, "admin")]


def test_the_admin_referral_page_records_a_view(admin_staff_a, staff_a, referral, since):
    assert admin_staff_a.get(reverse("admin:workup_referral_change", args=[referral.pk])).status_code == 200

    assert appended(since) == [event(staff_a.user, "view", referral, "admin")]


def test_a_superusers_admin_read_is_recorded_against_the_patients_practice(client, superuser, patient_a):
    from core.models import AuditEvent

    client.force_login(superuser)

    client.get(reverse("admin:clinic_patient_change", args=[patient_a.pk]))

    viewed = AuditEvent.objects.get(actor=superuser)
    assert (viewed.action, viewed.patient, viewed.practice_id) == ("view", patient_a, patient_a.practice_id)


def test_an_admin_refusal_records_nothing(admin_staff_a, patient_a, since):
    assert admin_staff_a.get(reverse("admin:clinic_patient_delete", args=[patient_a.pk])).status_code == 403

    assert appended(since) == []
