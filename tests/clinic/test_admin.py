"""The back office: staff see their own practice only, clinical records are read-only, and every
write goes through the same services as the API."""

from __future__ import annotations

import pytest
from django.urls import reverse

from clinic.models import Patient, Practice
from clinic.services import PRACTICE_CONTACT_FIELDS, PRACTICE_POLICY_FIELDS, practice_staff_group
from core.models import AuditEvent
from tests.factories import DEMO_PASSWORD, PatientFactory


@pytest.fixture
def staff_client(client, staff_a):
    staff_a.user.groups.add(practice_staff_group())
    client.login(username=staff_a.user.username, password=DEMO_PASSWORD)
    return client


@pytest.fixture
def superuser_client(client, superuser):
    client.force_login(superuser)
    return client


def patient_form(patient: Patient, **changes) -> dict:
    form = {
        "given_name": patient.given_name,
        "family_name": patient.family_name,
        "date_of_birth": patient.date_of_birth.isoformat(),
        "sex": patient.sex,
        "nhs_number": patient.nhs_number,
    }
    return {**form, **changes}


def practice_form(practice: Practice, **changes) -> dict:
    """The practice's admin form as posted: an unticked box is simply absent."""
    fields = (*PRACTICE_CONTACT_FIELDS, *PRACTICE_POLICY_FIELDS)
    form = {name: getattr(practice, name) for name in fields}
    form = {name: ("on" if value is True else value) for name, value in form.items() if value is not False}
    return {**form, **changes}


def test_the_admin_login_page_is_the_sites_login_page(client, db):
    """One login for every door: one throttle, one two-factor step (tests/workup/test_login_throttle.py)."""
    response = client.get(reverse("admin:login"), follow=True)

    assert response.status_code == 200
    assert response.redirect_chain == [(reverse("login") + "?next=%2Fadmin%2F", 302)]


def test_staff_see_their_own_practices_patients_only(staff_client, patient_a, practice_b):
    PatientFactory(practice=practice_b, family_name="Elsewhere")

    response = staff_client.get(reverse("admin:clinic_patient_changelist"))

    assert patient_a.family_name in response.content.decode()
    assert "Elsewhere" not in response.content.decode()


def test_staff_get_a_404_for_another_practices_patient(staff_client, practice_b):
    other = PatientFactory(practice=practice_b)

    response = staff_client.get(reverse("admin:clinic_patient_change", args=[other.pk]))

    assert response.status_code == 404


def test_encounters_cannot_be_added_in_the_back_office(staff_client):
    response = staff_client.get(reverse("admin:workup_encounter_add"))

    assert response.status_code == 403


# --- Patients: the practice is never a choice, and edits go through the services -------------


def test_the_staff_patient_form_offers_no_practice(staff_client, patient_a, practice_b):
    html = staff_client.get(reverse("admin:clinic_patient_change", args=[patient_a.pk])).content.decode()

    assert 'name="practice"' not in html
    assert practice_b.name not in html


def test_staff_cannot_move_a_patient_to_another_practice(staff_client, patient_a, practice_a, practice_b):
    url = reverse("admin:clinic_patient_change", args=[patient_a.pk])

    response = staff_client.post(url, patient_form(patient_a, practice=practice_b.pk))

    assert response.status_code == 302
    patient_a.refresh_from_db()
    assert patient_a.practice == practice_a


def test_a_staff_edit_goes_through_patient_update_and_is_audited(staff_client, staff_a, patient_a):
    url = reverse("admin:clinic_patient_change", args=[patient_a.pk])

    response = staff_client.post(
        url, patient_form(patient_a, given_name="  Augusta ", nhs_number="943 476 5919")
    )

    assert response.status_code == 302
    patient_a.refresh_from_db()
    # The service's normalisation: names trimmed, the number without spaces.
    assert (patient_a.given_name, patient_a.nhs_number) == ("Augusta", "9434765919")
    assert AuditEvent.objects.filter(actor=staff_a.user, action="update", patient=patient_a).count() == 1


def test_a_staff_edit_with_a_wrong_check_digit_is_refused_on_the_form(staff_client, patient_a):
    url = reverse("admin:clinic_patient_change", args=[patient_a.pk])

    response = staff_client.post(url, patient_form(patient_a, nhs_number="9990000017"))

    assert response.status_code == 200
    assert "check digit" in response.content.decode()
    patient_a.refresh_from_db()
    assert patient_a.nhs_number == ""


def test_a_staff_edit_to_a_number_already_registered_is_refused(staff_client, patient_a, practice_a):
    PatientFactory(practice=practice_a, nhs_number="9990000018")
    url = reverse("admin:clinic_patient_change", args=[patient_a.pk])

    response = staff_client.post(url, patient_form(patient_a, nhs_number="9990000018"))

    assert "already registered here" in response.content.decode()
    patient_a.refresh_from_db()
    assert patient_a.nhs_number == ""


def test_a_patient_registered_by_staff_joins_their_practice_and_is_audited(
    staff_client, staff_a, practice_a, practice_b
):
    form = {
        "given_name": "Mary",
        "family_name": "Seacole",
        "date_of_birth": "1960-11-23",
        "sex": "female",
        "nhs_number": "",
        "practice": practice_b.pk,
    }

    response = staff_client.post(reverse("admin:clinic_patient_add"), form)

    assert response.status_code == 302
    patient = Patient.objects.get(family_name="Seacole")
    assert patient.practice == practice_a
    assert AuditEvent.objects.filter(actor=staff_a.user, action="create", patient=patient).count() == 1


def test_a_superuser_without_a_practice_cannot_change_a_patient(superuser_client, patient_a):
    url = reverse("admin:clinic_patient_change", args=[patient_a.pk])

    superuser_client.post(url, patient_form(patient_a, given_name="Changed"))

    patient_a.refresh_from_db()
    assert patient_a.given_name == "Ada"
    assert not AuditEvent.objects.filter(action="update").exists()


# --- Practices: the pathway policy is the superuser's, and its change is audited ----------------


def test_staff_see_their_practices_policy_read_only(staff_client, practice_a):
    html = staff_client.get(reverse("admin:clinic_practice_change", args=[practice_a.pk])).content.decode()

    assert 'name="name"' in html
    assert 'name="lumbar_conservative_weeks"' not in html


def test_staff_cannot_change_the_pathway_policy(staff_client, practice_a):
    url = reverse("admin:clinic_practice_change", args=[practice_a.pk])

    staff_client.post(url, practice_form(practice_a, lumbar_conservative_weeks=1, cts6_threshold="3.0"))

    practice_a.refresh_from_db()
    assert (practice_a.lumbar_conservative_weeks, practice_a.cts6_threshold) == (6, 12)


def test_staff_change_their_practices_contact_details_through_the_service(staff_client, staff_a, practice_a):
    url = reverse("admin:clinic_practice_change", args=[practice_a.pk])

    response = staff_client.post(url, practice_form(practice_a, phone="01632 960123"))

    assert response.status_code == 302
    practice_a.refresh_from_db()
    assert practice_a.phone == "01632 960123"
    event = AuditEvent.objects.get(actor=staff_a.user, action="update")
    assert (event.object_type, event.practice, event.patient) == ("practice", practice_a, None)


def test_a_superuser_changes_the_pathway_policy_and_the_change_is_audited(
    superuser_client, superuser, practice_a
):
    url = reverse("admin:clinic_practice_change", args=[practice_a.pk])

    response = superuser_client.post(url, practice_form(practice_a, lumbar_conservative_weeks=8))

    assert response.status_code == 302
    practice_a.refresh_from_db()
    assert practice_a.lumbar_conservative_weeks == 8
    event = AuditEvent.objects.get(actor=superuser, action="update")
    assert (event.object_type, event.object_id, event.practice) == (
        "practice",
        str(practice_a.public_id),
        practice_a,
    )


def test_a_superuser_opens_a_practice_through_the_service(superuser_client, superuser, db):
    form = practice_form(Practice(name="New Test Practice", address="", phone="", email=""))

    response = superuser_client.post(reverse("admin:clinic_practice_add"), form)

    assert response.status_code == 302
    practice = Practice.objects.get(name="New Test Practice")
    assert AuditEvent.objects.filter(actor=superuser, action="create", practice=practice).count() == 1


def test_the_practice_list_is_served_to_staff(staff_client, practice_a, practice_b):
    html = staff_client.get(reverse("admin:clinic_practice_changelist")).content.decode()

    assert practice_a.name in html
    assert practice_b.name not in html
