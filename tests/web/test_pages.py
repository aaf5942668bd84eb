"""The server-rendered pages through Django's test client: access, tenancy, CSP, sign-off, downloads."""

from __future__ import annotations

import pytest
from django.urls import reverse

from core.models import AuditEvent
from tests.factories import DEMO_PASSWORD, PatientFactory, current_totp
from tests.web.html_elements import Page
from workup import services
from workup.csp import CONTENT_SECURITY_POLICY
from workup.demo_cases import CAUDA_EQUINA
from workup.models import Encounter, Referral
from workup.referrals.services import referral_request

pytestmark = pytest.mark.django_db


def page_urls(patient, draft, signed, referral) -> list[str]:
    return [
        reverse("patient", args=[patient.public_id]),
        reverse("encounter", args=[draft.public_id]),
        reverse("encounter", args=[signed.public_id]),
        reverse("referral", args=[referral.public_id]),
        reverse("referral-pdf", args=[referral.public_id]),
    ]


def post_urls(patient, draft, signed) -> list[str]:
    return [
        reverse("encounter-start", args=[patient.public_id]),
        reverse("encounter-sign", args=[draft.public_id]),
        reverse("encounter-addendum", args=[signed.public_id]),
        reverse("encounter-refer", args=[signed.public_id]),
    ]


# --- Login and access ---------------------------------------------------------------------


@pytest.mark.parametrize("name", ["dashboard", "patients", "patient-create"])
def test_pages_without_ids_require_login(client, name):
    response = client.get(reverse(name))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login") + "?next=")


def test_pages_with_ids_require_login(client, patient_a, draft, signed, referral):
    for url in page_urls(patient_a, draft, signed, referral):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login")), url


def test_another_practice_gets_404_on_every_page(client, gp_b, patient_a, draft, signed, referral):
    client.force_login(gp_b.user)

    for url in page_urls(patient_a, draft, signed, referral):
        assert client.get(url).status_code == 404, url
    for url in post_urls(patient_a, draft, signed):
        assert client.post(url, {"version": draft.version, "text": "x", "note": ""}).status_code == 404, url
    assert Encounter.objects.filter(patient=patient_a).count() == 2
    assert not signed.addenda.exists()


def test_another_practice_does_not_find_the_patient_by_search(client, gp_b, patient_a):
    client.force_login(gp_b.user)

    response = client.post(reverse("patients"), {"q": "Lovelace"})

    assert response.status_code == 200
    assert str(patient_a.public_id) not in response.content.decode()
    assert "No patient matches" in response.content.decode()


def test_search_finds_own_patients_without_putting_the_name_in_the_url(client_a, patient_a):
    page = client_a.get(reverse("patients")).content.decode()
    response = client_a.post(reverse("patients"), {"q": "lovel"})

    assert '<form method="post" action="/patients/"' in page
    assert reverse("patient", args=[patient_a.public_id]) in response.content.decode()
    assert (
        client_a.get(reverse("patients"), {"q": "lovel"})
        .content.decode()
        .count("/patients/" + str(patient_a.public_id))
        == 0
    )


def test_a_user_without_a_practice_is_refused(client, superuser):
    client.force_login(superuser)

    assert client.get(reverse("dashboard")).status_code == 403


def test_the_right_practice_sees_every_page(client_a, colleague_a, patient_a, draft, signed, referral):
    for url in page_urls(patient_a, draft, signed, referral):
        assert client_a.get(url).status_code == 200, url
    client_a.force_login(colleague_a.user)
    assert client_a.get(reverse("encounter", args=[draft.public_id])).status_code == 200


def test_login_page_logs_a_gp_in_after_the_second_factor(client, gp_a):
    password_step = client.post(reverse("login"), {"username": "gp.a", "password": DEMO_PASSWORD})
    before_the_code = client.get(reverse("dashboard")).status_code
    code_step = client.post(reverse("mfa_authenticate"), {"code": current_totp()})

    assert password_step.url == reverse("mfa_authenticate")
    assert before_the_code == 302
    assert code_step.url == reverse("dashboard")
    assert client.get(reverse("dashboard")).status_code == 200


def test_repeated_failed_logins_are_throttled_per_username(client, gp_a, colleague_a):
    for _ in range(10):
        client.post(reverse("login"), {"username": "gp.a", "password": "wrong-password"})

    refused = client.post(reverse("login"), {"username": "gp.a", "password": DEMO_PASSWORD})
    colleague = client.post(reverse("login"), {"username": "gp2.a", "password": DEMO_PASSWORD})

    assert refused.status_code == 429
    assert "Too many failed attempts" in refused.content.decode()
    assert colleague.status_code == 302


# --- Content-Security-Policy ----------------------------------------------------------------


def test_csp_header_is_on_every_html_page(client_a, patient_a, draft, signed, referral):
    urls = [reverse("dashboard"), reverse("patients"), reverse("patient-create")]
    urls += page_urls(patient_a, draft, signed, referral)[:-1]
    for url in urls:
        response = client_a.get(url)
        assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY, url


def test_csp_header_is_on_the_login_page_and_on_404s(client, client_a):
    assert client.get(reverse("login"))["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    missing = client_a.get("/encounters/not-an-id/")
    assert missing.status_code == 404
    assert missing["Content-Security-Policy"] == CONTENT_SECURITY_POLICY


def test_pages_have_no_inline_scripts_or_handlers(client_a, draft):
    html = client_a.get(reverse("encounter", args=[draft.public_id])).content.decode()

    assert "<script>" not in html
    assert "<script src=" in html
    for handler in (" onclick=", " onchange=", " onload=", " onsubmit=", " oninput="):
        assert handler not in html


# --- Patients --------------------------------------------------------------------------------


def test_registering_a_patient_opens_their_page(client_a, gp_a):
    response = client_a.post(
        reverse("patient-create"),
        {
            "given_name": "Grace",
            "family_name": "Hopper",
            "date_of_birth": "1960-12-09",
            "sex": "female",
            "nhs_number": "943 476 5919",
        },
    )

    patient = gp_a.practice.patients.get(family_name="Hopper")
    assert response.status_code == 302
    assert response["Location"] == reverse("patient", args=[patient.public_id])
    assert patient.nhs_number == "9434765919"


def test_an_invalid_nhs_number_is_shown_beside_the_field(client_a):
    response = client_a.post(
        reverse("patient-create"),
        {
            "given_name": "Grace",
            "family_name": "Hopper",
            "date_of_birth": "1960-12-09",
            "sex": "female",
            "nhs_number": "1234567890",
        },
    )

    page = Page(response.content.decode())
    assert response.status_code == 400
    assert page.invalid_controls() == ["id_nhs_number"]
    assert "id_nhs_number_error" in page.element("id_nhs_number").ids_described_by()
    assert page.element("id_nhs_number_error").text == (
        "This NHS number's check digit is wrong: please check it was typed correctly."
    )


def test_free_text_is_escaped(client_a, gp_a):
    patient = PatientFactory(practice=gp_a.practice, given_name="<script>alert(1)</script>")

    html = client_a.get(reverse("patient", args=[patient.public_id])).content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_starting_an_encounter_opens_a_draft(client_a, patient_a):
    response = client_a.post(reverse("encounter-start", args=[patient_a.public_id]))

    encounter = Encounter.objects.get(patient=patient_a)
    assert response["Location"] == reverse("encounter", args=[encounter.public_id])
    assert encounter.status == Encounter.Status.DRAFT


# --- The encounter form ------------------------------------------------------------------------


def test_the_form_follows_the_diagnostic_path(client_a, draft):
    html = client_a.get(reverse("encounter", args=[draft.public_id])).content.decode()

    positions = [
        html.index('id="section-history"'),
        html.index('id="section-red_flags"'),
        html.index('id="section-examination-inspection"'),
        html.index('id="section-examination-palpation"'),
        html.index('id="section-examination-reflexes"'),
        html.index('id="section-plan"'),
    ]
    assert positions == sorted(positions)


def test_red_flags_are_yes_no_radios_with_no_default(client_a, draft):
    html = client_a.get(reverse("encounter", args=[draft.public_id])).content.decode()

    assert (
        'id="item-red_flag-saddle_anaesthesia-true" name="red_flag.saddle_anaesthesia" value="true">' in html
    )
    assert (
        'id="item-red_flag-saddle_anaesthesia-false" name="red_flag.saddle_anaesthesia" value="false">'
        in html
    )


def test_per_side_items_are_a_left_right_grid(client_a, draft):
    html = client_a.get(reverse("encounter", args=[draft.public_id])).content.decode()

    assert '<caption class="visually-hidden">Reflexes, left and right</caption>' in html
    assert 'id="item-exam-reflex-biceps-left-input"' in html
    assert 'id="item-exam-reflex-biceps-right-input"' in html


def test_the_form_shows_what_blocks_sign_off(client_a, draft):
    html = client_a.get(reverse("encounter", args=[draft.public_id])).content.decode()

    assert 'href="#item-red_flag-saddle_anaesthesia"' in html
    assert "Needed to sign: Must be answered before signing." in html


# Spec §4.6 and §4.7 for a lumbar presentation with nothing else answered: the spinal and cauda equina
# screens, the symptoms, and safety-netting for the conservative tier it is assessed as.
LUMBAR_DRAFT_SIGN_BLOCKERS = {
    "red_flag.history_of_cancer",
    "red_flag.unexplained_weight_loss",
    "red_flag.fever",
    "red_flag.significant_trauma",
    "red_flag.progressive_weakness",
    "red_flag.saddle_anaesthesia",
    "red_flag.bladder_dysfunction",
    "red_flag.bowel_dysfunction",
    "red_flag.bilateral_leg_symptoms",
    "history.symptoms",
    "plan.safety_net_given",
}


def test_signing_an_incomplete_encounter_is_refused_with_the_items(client_a, draft):
    response = client_a.post(reverse("encounter-sign", args=[draft.public_id]), {"version": draft.version})

    draft.refresh_from_db()
    page = Page(response.content.decode())
    assert response.status_code == 400
    assert draft.status == Encounter.Status.DRAFT
    summary = page.element("sign-blockers")
    assert summary.get("role") == "alert" and "hidden" not in summary.attrs
    assert "hidden" not in page.element("sign-refused-note").attrs
    links = {link.get("href") for link in page.within("sign-blocker-list", "a")}
    assert links == {"#item-" + code.replace(".", "-") for code in LUMBAR_DRAFT_SIGN_BLOCKERS}
    saddle = page.element("item-red_flag-saddle_anaesthesia-blocker")
    assert "hidden" not in saddle.attrs
    assert saddle.text == "Needed to sign: Must be answered before signing."


def test_signing_on_a_stale_version_shows_the_conflict(client_a, gp_a, patient_a):
    encounter = services.encounter_create(clinician=gp_a, patient=patient_a, answers=CAUDA_EQUINA.answers)
    services.encounter_update(
        clinician=gp_a, encounter=encounter, version=1, answers={"history.pain_score": 9}
    )

    response = client_a.post(reverse("encounter-sign", args=[encounter.public_id]), {"version": 1})

    encounter.refresh_from_db()
    assert response.status_code == 409
    assert "changed in another tab" in response.content.decode()
    assert encounter.status == Encounter.Status.DRAFT


def test_signing_a_complete_encounter_shows_it_read_only(client_a, gp_a, patient_a):
    encounter = services.encounter_create(clinician=gp_a, patient=patient_a, answers=CAUDA_EQUINA.answers)

    response = client_a.post(
        reverse("encounter-sign", args=[encounter.public_id]), {"version": 1}, follow=True
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "EMERGENCY — same day" in html
    assert "encounter-form" not in html
    assert "Add an addendum" in html


def test_autosave_with_a_stale_version_is_a_conflict_and_changes_nothing(client_a, draft):
    url = reverse("api-encounter", args=[draft.public_id])
    first = client_a.patch(
        url, {"version": 1, "answers": {"history.pain_score": 5}}, content_type="application/json"
    )
    stale = client_a.patch(
        url, {"version": 1, "answers": {"history.pain_score": 9}}, content_type="application/json"
    )

    draft.refresh_from_db()
    assert first.status_code == 200
    assert stale.status_code == 409
    assert draft.answers["history.pain_score"] == 5
    html = client_a.get(reverse("encounter", args=[draft.public_id])).content.decode()
    assert f'data-version="{draft.version}"' in html


# --- After sign-off ----------------------------------------------------------------------------


def test_an_addendum_keeps_the_signed_original(client_a, signed):
    response = client_a.post(
        reverse("encounter-addendum", args=[signed.public_id]), {"text": "MRI booked for 14:00."}, follow=True
    )

    signed.refresh_from_db()
    assert "MRI booked for 14:00." in response.content.decode()
    assert signed.addenda.count() == 1
    assert signed.answers == CAUDA_EQUINA.answers


def test_the_referral_form_preselects_the_assessed_specialty(client_a, signed, services):
    html = client_a.get(reverse("encounter", args=[signed.public_id])).content.decode()

    expected = services["emergency_department"]
    assert f'<option value="{expected.public_id}" selected>' in html


def test_requesting_a_referral_opens_its_status_page(
    client_a, signed, services, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        response = client_a.post(
            reverse("encounter-refer", args=[signed.public_id]),
            {"service": str(services["emergency_department"].public_id), "note": "Phoned the registrar."},
        )

    referral = Referral.objects.get(encounter=signed)
    assert response["Location"] == reverse("referral", args=[referral.public_id])
    assert referral.note == "Phoned the registrar."
    page = client_a.get(response["Location"]).content.decode()
    assert 'data-status="queued"' in page


def test_downloading_the_pdf_is_audited(client_a, gp_a, referral):
    response = client_a.get(reverse("referral-pdf", args=[referral.public_id]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert AuditEvent.objects.filter(
        action="download", object_id=str(referral.public_id), actor=gp_a.user, channel="web"
    ).exists()


def test_the_pdf_is_404_until_it_is_ready(client_a, gp_a, signed, services):
    pending = referral_request(clinician=gp_a, encounter=signed)

    assert client_a.get(reverse("referral-pdf", args=[pending.public_id])).status_code == 404


def test_practice_admin_staff_cannot_start_an_encounter(client, staff_a, patient_a):
    client.force_login(staff_a.user)

    response = client.post(reverse("encounter-start", args=[patient_a.public_id]))

    assert response.status_code == 403
    assert not Encounter.objects.filter(patient=patient_a).exists()


def test_opening_an_encounter_is_audited(client_a, gp_a, draft):
    client_a.get(reverse("encounter", args=[draft.public_id]))

    assert AuditEvent.objects.filter(
        action="view", object_id=str(draft.public_id), actor=gp_a.user, channel="web"
    ).exists()


def test_the_dashboard_lists_my_drafts_and_referrals(client_a, draft, referral):
    html = client_a.get(reverse("dashboard")).content.decode()

    assert reverse("encounter", args=[draft.public_id]) in html
    assert reverse("referral", args=[referral.public_id]) in html
    assert "PDF ready" in html
