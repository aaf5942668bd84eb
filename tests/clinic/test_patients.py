"""Patients: NHS number validation and registration through the service."""

from datetime import date, timedelta

import pytest

from clinic.services import patient_create, patient_update
from clinic.validators import nhs_number_problem
from core.errors import InvalidInput, NotPermitted


@pytest.mark.parametrize("number", ["9990000018", "943 476 5919", "4010232137"])
def test_a_valid_nhs_number_passes_the_modulus_11_check(number):
    assert nhs_number_problem(number) is None


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("9990000017", "check digit is wrong"),
        ("999000001", "exactly 10 digits"),
        ("99900000189", "exactly 10 digits"),
        ("99900000AB", "exactly 10 digits"),
    ],
)
def test_an_invalid_nhs_number_is_refused_with_a_clear_reason(number, message):
    assert message in nhs_number_problem(number)


def test_a_number_whose_check_digit_would_be_ten_is_invalid():
    # 0000000060: weighted sum 6*2=12, 11 - 12 % 11 = 10, which no NHS number may have.
    assert "check digit" in nhs_number_problem("0000000060")


def patient_fields(**overrides):
    return {
        "given_name": "Ada",
        "family_name": "Lovelace",
        "date_of_birth": date(1960, 1, 1),
        "sex": "female",
        **overrides,
    }


def test_creating_a_patient_registers_them_in_the_clinicians_practice(gp_a):
    patient = patient_create(clinician=gp_a, **patient_fields(nhs_number="999 000 0018"))

    assert patient.practice == gp_a.practice
    assert patient.nhs_number == "9990000018"


def test_a_wrong_check_digit_is_refused_naming_the_field_and_nothing_is_saved(gp_a):
    with pytest.raises(InvalidInput) as refused:
        patient_create(clinician=gp_a, **patient_fields(nhs_number="9990000017"))

    assert "check digit" in refused.value.errors["nhs_number"][0]
    assert not gp_a.practice.patients.exists()


def test_a_date_of_birth_in_the_future_is_refused(gp_a):
    with pytest.raises(InvalidInput) as refused:
        patient_create(clinician=gp_a, **patient_fields(date_of_birth=date.today() + timedelta(days=1)))

    assert "date_of_birth" in refused.value.errors


def test_the_same_nhs_number_cannot_be_registered_twice_in_one_practice(gp_a):
    patient_create(clinician=gp_a, **patient_fields(nhs_number="9990000018"))

    with pytest.raises(InvalidInput) as refused:
        patient_create(clinician=gp_a, **patient_fields(nhs_number="9990000018"))

    assert "already registered" in refused.value.errors["nhs_number"][0]


def test_another_practice_may_register_the_same_nhs_number(gp_a, gp_b):
    patient_create(clinician=gp_a, **patient_fields(nhs_number="9990000018"))

    assert patient_create(clinician=gp_b, **patient_fields(nhs_number="9990000018")).practice == gp_b.practice


def test_a_gp_cannot_update_another_practices_patient(gp_a, gp_b, patient_a):
    with pytest.raises(NotPermitted):
        patient_update(clinician=gp_b, patient=patient_a, given_name="Changed")


def test_age_is_whole_years_at_the_encounter_date(patient_a):
    patient_a.date_of_birth = date(1970, 6, 15)

    assert patient_a.age_on(date(2020, 6, 14)) == 49
    assert patient_a.age_on(date(2020, 6, 15)) == 50
