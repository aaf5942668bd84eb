"""seed_demo: the demonstration data, safe to load twice."""

import pytest
from django.core.management import call_command

from clinic.models import Clinician, Patient, Practice, SpecialistService, Specialty
from workup.models import Encounter


def snapshot():
    return {
        "practices": sorted(Practice.objects.values_list("name", flat=True)),
        "clinicians": sorted(Clinician.objects.values_list("user__username", "role", "practice__name")),
        "patients": Patient.objects.count(),
        "services": SpecialistService.objects.count(),
        "encounters": sorted(
            Encounter.objects.values_list("patient__family_name", "status", "computed_urgency")
        ),
    }


@pytest.mark.django_db
def test_seed_demo_twice_leaves_the_same_data():
    call_command("seed_demo")
    first = snapshot()

    call_command("seed_demo")

    assert snapshot() == first


@pytest.mark.django_db
def test_seed_demo_creates_the_documented_logins_and_practices():
    call_command("seed_demo")

    assert snapshot()["practices"] == ["Hilltop Medical Centre", "Riverside Surgery"]
    usernames = {username for username, _, _ in snapshot()["clinicians"]}
    assert usernames == {"gp.riverside", "gp2.riverside", "staff.riverside", "gp.hilltop", "staff.hilltop"}


@pytest.mark.django_db
def test_seed_demo_covers_every_urgency_tier_and_specialty():
    call_command("seed_demo")

    assert set(Encounter.objects.values_list("computed_urgency", flat=True)) == {
        "emergency",
        "urgent",
        "routine",
        "conservative",
    }
    assert set(SpecialistService.objects.values_list("specialty", flat=True)) == set(Specialty.values)


@pytest.mark.django_db
def test_seed_demo_logins_use_the_given_password(client):
    call_command("seed_demo", "--password", "another-demo-password-9")

    assert client.login(username="gp.riverside", password="another-demo-password-9")


@pytest.mark.django_db
def test_create_clinician_onboards_a_gp_into_a_practice():
    call_command("seed_demo")

    call_command(
        "create_clinician",
        "dr.new",
        "--practice",
        "Riverside Surgery",
        "--registration-number",
        "7123456",
        "--password",
        "a-strong-password-for-dr-new",
    )

    assert Clinician.objects.get(user__username="dr.new").practice.name == "Riverside Surgery"
