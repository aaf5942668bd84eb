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


@pytest.mark.django_db
def test_seed_demo_enrols_every_demo_login_with_the_printed_totp_secret(capsys):
    import pyotp
    from allauth.mfa.models import Authenticator

    class DemoTotp(pyotp.TOTP):
        min_secret_length_bits = 80  # the demo secret is 16 base32 characters

    from django.contrib.auth import get_user_model

    from accounts.mfa import totp_code_is_valid

    call_command("seed_demo")
    call_command("seed_demo")  # twice: still one authenticator app each

    users = get_user_model().objects.order_by("username")
    assert [
        user.username for user in users if totp_code_is_valid(user, DemoTotp("JBSWY3DPEHPK3PXP").now())
    ] == ["admin", "gp.hilltop", "gp.riverside", "gp2.riverside", "staff.hilltop", "staff.riverside"]
    assert Authenticator.objects.filter(type=Authenticator.Type.TOTP).count() == 6
    assert "JBSWY3DPEHPK3PXP" in capsys.readouterr().out


@pytest.mark.django_db
def test_a_real_account_gets_no_fixed_secret_and_enrols_at_first_login(practice_a):
    from django.contrib.auth import get_user_model

    from accounts.mfa import has_second_factor

    call_command(
        "create_clinician",
        "dr.real",
        "--practice",
        practice_a.name,
        "--registration-number",
        "7123456",
        "--password",
        "a-long-real-password-58",
    )

    assert not has_second_factor(get_user_model().objects.get(username="dr.real"))


def test_the_printed_code_script_agrees_with_pyotp():
    import pyotp

    from scripts.totp_code import totp_code

    secret = pyotp.random_base32()
    for moment in (0, 1_700_000_000, 1_700_000_029, 1_700_000_030):
        assert totp_code(secret, moment) == pyotp.TOTP(secret).at(moment)
