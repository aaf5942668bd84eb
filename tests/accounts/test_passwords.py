"""Changing a password, and resetting it by email: throttled, and saying nothing about who has an account."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import ApiToken
from accounts.tokens import api_token_issue

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "a-brand-new-password-92"


@pytest.fixture
def gp_with_email(gp_a):
    gp_a.user.email = "gp.a@riverside.example"
    gp_a.user.save(update_fields=["email"])
    return gp_a


def change_password(client) -> object:
    from tests.factories import DEMO_PASSWORD

    return client.post(
        reverse("password-change"),
        {"old_password": DEMO_PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )


def test_a_gp_changes_their_password_and_stays_logged_in(client, gp_a):
    client.force_login(gp_a.user)

    response = change_password(client)

    assert response.url == reverse("password-change-done")
    gp_a.user.refresh_from_db()
    assert gp_a.user.check_password(NEW_PASSWORD)
    assert client.get(reverse("dashboard")).status_code == 200


def test_changing_the_password_ends_the_other_sessions(client, gp_a):
    elsewhere = Client()
    elsewhere.force_login(gp_a.user)
    client.force_login(gp_a.user)

    change_password(client)

    assert elsewhere.get(reverse("dashboard")).status_code == 302


def test_changing_the_password_revokes_every_api_token(client, gp_a):
    api_token_issue(user=gp_a.user)
    client.force_login(gp_a.user)

    change_password(client)

    assert not ApiToken.objects.filter(user=gp_a.user).exists()


def test_a_reset_request_answers_the_same_for_an_unknown_address(client, gp_with_email):
    known = client.post(reverse("password-reset"), {"email": "gp.a@riverside.example"})
    unknown = client.post(reverse("password-reset"), {"email": "nobody@riverside.example"})

    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url == reverse("password-reset-done")
    assert [message.to for message in mail.outbox] == [["gp.a@riverside.example"]]


def test_the_reset_link_sets_a_new_password_and_revokes_the_tokens(client, gp_with_email):
    api_token_issue(user=gp_with_email.user)
    client.post(reverse("password-reset"), {"email": "gp.a@riverside.example"})
    link = re.search(r"https?://[^/]+(/password/reset/\S+)", mail.outbox[0].body).group(1)

    form = client.get(link, follow=True)
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )

    assert done.url == reverse("password-reset-complete")
    gp_with_email.user.refresh_from_db()
    assert gp_with_email.user.check_password(NEW_PASSWORD)
    assert not ApiToken.objects.filter(user=gp_with_email.user).exists()
    assert (
        client.get(reverse("dashboard")).status_code == 302
    )  # the reset does not log in: the second factor is still asked


def test_reset_requests_are_throttled_per_client_address(client, gp_with_email, settings):
    settings.PASSWORD_RESET_RATE = "2/hour"
    for number in range(2):
        client.post(
            reverse("password-reset"), {"email": f"someone{number}@example.org"}, REMOTE_ADDR="192.0.2.9"
        )

    response = client.post(
        reverse("password-reset"), {"email": "gp.a@riverside.example"}, REMOTE_ADDR="192.0.2.9"
    )

    assert response.status_code == 429
    assert "Too many reset requests" in response.content.decode()
    assert mail.outbox == []


def test_reset_requests_are_throttled_per_address_typed_from_any_client(client, gp_with_email, settings):
    settings.PASSWORD_RESET_RATE = "2/hour"
    for number in range(2):
        client.post(
            reverse("password-reset"), {"email": "gp.a@riverside.example"}, REMOTE_ADDR=f"192.0.2.{number}"
        )

    response = client.post(
        reverse("password-reset"), {"email": "gp.a@riverside.example"}, REMOTE_ADDR="192.0.2.77"
    )

    assert response.status_code == 429
    assert len(mail.outbox) == 2


def test_the_reset_throttle_is_the_same_for_an_unknown_address(client, db, settings):
    """Refused or not, the answer never depends on whether an account exists."""
    settings.PASSWORD_RESET_RATE = "1/hour"
    client.post(reverse("password-reset"), {"email": "nobody@example.org"})

    assert client.post(reverse("password-reset"), {"email": "nobody@example.org"}).status_code == 429
