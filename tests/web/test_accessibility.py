"""What a screen reader is told: every aria-describedby names an element, and invalid fields say so."""

from __future__ import annotations

import uuid

import pytest
from django.test import Client
from django.urls import reverse

from tests.web.html_elements import Page

pytestmark = pytest.mark.django_db

VALID_PATIENT = {
    "given_name": "Grace",
    "family_name": "Hopper",
    "date_of_birth": "1960-12-09",
    "sex": "female",
    "nhs_number": "943 476 5919",
}


def described(page: Page, control_id: str) -> list[str]:
    """The text of each element the control's aria-describedby names."""
    return [page.element(element_id).text for element_id in page.element(control_id).ids_described_by()]


def test_every_description_on_the_pages_with_forms_exists(client_a, draft, signed):
    pages = {
        "login": Client().get(reverse("login")),
        "patient form": client_a.get(reverse("patient-create")),
        "encounter form": client_a.get(reverse("encounter", args=[draft.public_id])),
        "signed encounter": client_a.get(reverse("encounter", args=[signed.public_id])),
    }

    for name, response in pages.items():
        assert response.status_code == 200, name
        assert Page(response.content.decode()).dangling_descriptions() == [], name


def test_the_nhs_number_hint_describes_its_field(client_a):
    page = Page(client_a.get(reverse("patient-create")).content.decode())

    assert described(page, "id_nhs_number") == ["10 digits; spaces are allowed."]
    assert page.invalid_controls() == []


def test_invalid_patient_fields_are_marked_and_described_by_their_errors(client_a):
    response = client_a.post(
        reverse("patient-create"), {**VALID_PATIENT, "given_name": "", "nhs_number": "12"}
    )

    page = Page(response.content.decode())
    assert response.status_code == 400
    assert page.dangling_descriptions() == []
    assert page.invalid_controls() == ["id_given_name"]
    assert described(page, "id_given_name") == ["This field is required."]


def test_a_service_refusal_marks_the_nhs_number_invalid_with_its_hint_and_error(client_a):
    response = client_a.post(reverse("patient-create"), {**VALID_PATIENT, "nhs_number": "12"})

    page = Page(response.content.decode())
    assert page.invalid_controls() == ["id_nhs_number"]
    assert described(page, "id_nhs_number") == [
        "10 digits; spaces are allowed.",
        "An NHS number has exactly 10 digits.",
    ]


def test_an_empty_addendum_is_marked_and_described_by_its_hint_and_error(client_a, signed):
    response = client_a.post(reverse("encounter-addendum", args=[signed.public_id]), {"text": ""})

    page = Page(response.content.decode())
    assert response.status_code == 400
    assert page.dangling_descriptions() == []
    assert page.invalid_controls() == ["id_text"]
    assert described(page, "id_text") == [
        "A correction or note; the signed record stays as it was.",
        "This field is required.",
    ]


def test_an_unknown_referral_service_is_marked_and_described_by_its_error(client_a, signed, services):
    response = client_a.post(
        reverse("encounter-refer", args=[signed.public_id]), {"service": str(uuid.uuid4())}
    )

    page = Page(response.content.decode())
    assert response.status_code == 400
    assert page.dangling_descriptions() == []
    assert page.invalid_controls() == ["id_service"]
    assert described(page, "id_service") == [
        "Select a valid choice. That choice is not one of the available choices."
    ]


def test_encounter_item_error_slots_are_named_for_their_item(client_a, draft):
    page = Page(client_a.get(reverse("encounter", args=[draft.public_id])).content.decode())

    items = page.with_attribute("data-code")
    slots = {element.get("id") for element in page.with_attribute("data-error")}
    assert items
    assert slots == {item.get("id") + "-error" for item in items}
