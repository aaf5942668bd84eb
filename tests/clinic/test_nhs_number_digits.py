"""NHS numbers are ASCII digits (and spaces) only, at every door: other Unicode digits are a 400 naming the
field, never a 500, and never a second registration of a number the practice already has."""

from __future__ import annotations

import pytest
from django.urls import reverse

from clinic.models import Patient
from clinic.services import patient_create, practice_staff_group
from clinic.validators import nhs_number_problem
from core.errors import InvalidInput
from tests.api.conftest import client_for
from tests.factories import PatientFactory

VALID = "9434765919"  # the NHS Digital worked example
LOOKALIKES = {
    "superscript": "⁹⁴³⁴⁷⁶⁵⁹¹⁹",  # str.isdigit() is true, int() refuses: was a 500
    "arabic-indic": "٩٤٣٤٧٦٥٩١٩",  # int() reads it as 9434765919: was stored beside the real one
    "fullwidth": "９４３４７６５９１９",
    "no-break spaces": "943\u00a0476\u00a05919",
}
PATIENT = {"given_name": "Mary", "family_name": "Seacole", "date_of_birth": "1960-11-23", "sex": "female"}


@pytest.mark.parametrize("number", LOOKALIKES.values(), ids=LOOKALIKES)
def test_the_validator_refuses_digits_other_than_ascii(number):
    assert nhs_number_problem(number) == "An NHS number has exactly 10 digits."


@pytest.mark.parametrize("number", LOOKALIKES.values(), ids=LOOKALIKES)
def test_the_api_answers_400_naming_the_field(gp_a, number):
    response = client_for(gp_a).post("/api/v1/patients/", {**PATIENT, "nhs_number": number}, format="json")

    assert response.status_code == 400
    assert response.json() == {"nhs_number": ["An NHS number has exactly 10 digits."]}


@pytest.mark.parametrize("number", LOOKALIKES.values(), ids=LOOKALIKES)
def test_the_web_form_shows_the_error_beside_the_field(client, gp_a, number):
    client.force_login(gp_a.user)

    response = client.post(reverse("patient-create"), {**PATIENT, "nhs_number": number})

    assert response.status_code == 400
    assert "An NHS number has exactly 10 digits." in response.content.decode()
    assert not Patient.objects.exists()


@pytest.mark.parametrize("number", LOOKALIKES.values(), ids=LOOKALIKES)
def test_the_admin_form_shows_the_error_beside_the_field(client, staff_a, number):
    staff_a.user.groups.add(practice_staff_group())
    client.force_login(staff_a.user)

    response = client.post(reverse("admin:clinic_patient_add"), {**PATIENT, "nhs_number": number})

    assert response.status_code == 200  # the admin's way: the form again, the error beside the field
    assert "nhs_number" in response.context_data["adminform"].form.errors
    assert not Patient.objects.exists()


def test_arabic_indic_digits_do_not_register_a_number_the_practice_has(gp_a):
    PatientFactory(practice=gp_a.practice, nhs_number=VALID)

    with pytest.raises(InvalidInput) as refused:
        patient_create(clinician=gp_a, **PATIENT, nhs_number=LOOKALIKES["arabic-indic"])

    assert list(refused.value.errors) == ["nhs_number"]
    assert Patient.objects.filter(practice=gp_a.practice).count() == 1


def test_ascii_digits_with_spaces_are_still_accepted(gp_a):
    patient = patient_create(clinician=gp_a, **PATIENT, nhs_number="943 476 5919")

    assert patient.nhs_number == VALID
