"""The back office: staff see their own practice only, and clinical records are read-only."""

import pytest
from django.urls import reverse

from clinic.services import practice_staff_group
from tests.factories import DEMO_PASSWORD, PatientFactory


@pytest.fixture
def staff_client(client, staff_a):
    staff_a.user.groups.add(practice_staff_group())
    client.login(username=staff_a.user.username, password=DEMO_PASSWORD)
    return client


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

    assert response.status_code == 302 or response.status_code == 404


def test_encounters_cannot_be_added_in_the_back_office(staff_client):
    response = staff_client.get(reverse("admin:workup_encounter_add"))

    assert response.status_code == 403
