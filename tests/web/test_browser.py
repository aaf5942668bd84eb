"""End to end in a real browser (Chromium via Playwright) against the live server and a real worker."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.factories import DEMO_PASSWORD, current_totp
from tests.web.conftest import screenshot
from workup.models import Encounter, Referral
from workup.referrals.pdf import pdf_text

pytestmark = pytest.mark.integration

WORKER_SECONDS = 120_000  # a cold worker renders the first PDF in a few seconds; allow for a slow machine


def dom_id(code: str) -> str:
    return "item-" + code.replace(".", "-")


def answer(page: Page, code: str, value) -> None:
    """Answer one checklist item the way a GP would: click the option, pick from the list or type."""
    item = page.locator(f"#{dom_id(code)}")
    widget = item.get_attribute("data-widget")
    if widget in ("yesno", "radio"):
        option = {True: "true", False: "false"}.get(value, value)
        page.locator(f"#{dom_id(code)}-{option}").check()
    elif widget == "checkboxes":
        for option in value:
            page.locator(f"#{dom_id(code)}-{option}").check()
    elif widget == "select":
        page.locator(f"#{dom_id(code)}-input").select_option(str(value))
    else:
        page.locator(f"#{dom_id(code)}-input").fill(str(value))


def wait_until_saved(page: Page) -> None:
    expect(page.locator("#save-status")).to_have_attribute("data-state", "saved", timeout=10_000)


def log_in(page: Page, live_server, username: str) -> None:
    """The password, then the current code of the cast's authenticator app."""
    page.goto(live_server.url + "/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.locator("input[name=code]").fill(current_totp())
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()


def policy_errors(page: Page) -> list[str]:
    """Script errors and Content-Security-Policy refusals seen by the page (HTTP 4xx logs are expected)."""
    return [message for message in page.javascript_errors if "Failed to load resource" not in message]


HISTORY = {
    "history.regions": ["lumbar_spine"],
    "history.side": "bilateral",
    "history.onset": "sudden",
    "history.duration_weeks": 1,
    "history.symptoms": ["pain", "numbness", "weakness"],
    "history.pain_score": 8,
    "history.radiating_pain": "leg_below_knee",
}
SCREEN_PARTLY_ANSWERED = {
    "red_flag.bladder_dysfunction": True,
    "red_flag.history_of_cancer": False,
    "red_flag.unexplained_weight_loss": False,
    "red_flag.fever": False,
    "red_flag.significant_trauma": False,
    "red_flag.progressive_weakness": False,
}
EXAMINATION = {
    "exam.reflex.ankle.left": 1,
    "exam.reflex.ankle.right": 1,
    "exam.sensation.saddle": "reduced",
    "exam.test.slr.left": "positive",
    "exam.slr_angle.left": 40,
    "plan.notes": "Sent to ED; on-call spinal registrar telephoned.",
}
SCREEN_REST = {"red_flag.bowel_dysfunction": False, "red_flag.bilateral_leg_symptoms": False}


def test_a_gp_works_up_cauda_equina_and_refers_with_the_real_worker(
    page, live_server, web_worker, gp_a, services
):
    log_in(page, live_server, "gp.a")
    screenshot(page, "01-dashboard")

    # A new patient.
    page.get_by_role("link", name="Register a new patient").click()
    page.get_by_label("Given name").fill("Marjorie")
    page.get_by_label("Family name").fill("Quennell")
    page.get_by_label("Date of birth").fill("1968-03-14")
    page.get_by_label("Sex").select_option("female")
    page.get_by_label("NHS number (optional)").fill("943 476 5919")
    screenshot(page, "02-patient-create")
    page.get_by_role("button", name="Register patient").click()
    expect(page.get_by_role("heading", name="Marjorie Quennell")).to_be_visible()

    # Found again by search.
    page.get_by_role("link", name="Patients", exact=True).click()
    page.get_by_label("Search by name or NHS number").fill("quenn")
    page.get_by_role("button", name="Search").click()
    result = page.get_by_role("link", name="QUENNELL, Marjorie")
    expect(result).to_be_visible()
    screenshot(page, "03-patient-search")
    result.click()
    expect(page.get_by_role("heading", name="Marjorie Quennell")).to_be_visible()
    screenshot(page, "03-patient")

    # The encounter: history, then the first red flag turns the banner to emergency without a reload.
    page.get_by_role("button", name="Start a new encounter").click()
    expect(page.locator("#encounter-form")).to_be_visible()
    screenshot(page, "04-encounter-empty")
    url_before = page.url
    for code, value in HISTORY.items():
        answer(page, code, value)
    expect(page.locator("#urgency-banner")).to_have_attribute("data-urgency", "conservative")
    answer(page, "red_flag.saddle_anaesthesia", True)
    banner = page.locator("#urgency-banner")
    expect(banner).to_have_attribute("data-urgency", "emergency")
    expect(banner).to_contain_text("EMERGENCY — same day")
    expect(page.locator("#assessment-body")).to_contain_text("Cauda equina syndrome")
    expect(page.locator("#assessment-body")).to_contain_text("CES-1")
    expect(page.locator("#assessment-body")).to_contain_text("Emergency MRI spine")
    assert page.url == url_before  # live, not a reload
    for code, value in {**SCREEN_PARTLY_ANSWERED, **EXAMINATION}.items():
        answer(page, code, value)
    wait_until_saved(page)
    page.locator("#section-red_flags").scroll_into_view_if_needed()
    screenshot(page, "05-emergency-banner-red-flags")
    page.locator("#section-examination-reflexes").scroll_into_view_if_needed()
    screenshot(page, "05-examination-grid")

    # Two cauda equina questions unanswered: the form says so next to them, and signing is refused.
    blocker = page.locator(f"#{dom_id('red_flag.bowel_dysfunction')} [data-blocker]")
    expect(blocker).to_be_visible()
    expect(page.locator("#sign-blockers")).to_contain_text("bowel", ignore_case=True)
    page.get_by_role("button", name="Sign encounter").click()
    expect(page.locator("#sign-refused-note")).to_be_visible()  # the server's refusal, not the live list
    expect(page.locator("#sign-blocker-list li")).to_have_count(2)
    page.locator("#sign-off").scroll_into_view_if_needed()
    screenshot(page, "06-sign-blocked")
    encounter = Encounter.objects.get(patient__family_name="Quennell")
    assert encounter.status == Encounter.Status.DRAFT

    # Opening the encounter again (as after a reload or a crash) shows every saved answer.
    page.goto(url_before)
    expect(page.locator(f"#{dom_id('red_flag.saddle_anaesthesia')}-true")).to_be_checked()
    expect(page.locator(f"#{dom_id('exam.reflex.ankle.left')}-input")).to_have_value("1")
    expect(page.locator(f"#{dom_id('plan.notes')}-input")).to_have_value(EXAMINATION["plan.notes"])
    expect(page.locator(f"#{dom_id('red_flag.bowel_dysfunction')}-true")).not_to_be_checked()
    expect(page.locator(f"#{dom_id('red_flag.bowel_dysfunction')}-false")).not_to_be_checked()

    # Complete the screen and sign.
    for code, value in SCREEN_REST.items():
        answer(page, code, value)
    expect(page.locator("#sign-ready")).to_be_visible()
    expect(page.locator("#sign-blockers")).to_be_hidden()
    page.get_by_role("button", name="Sign encounter").click()
    expect(page.locator(".signed-stamp")).to_contain_text("Signed by")
    encounter.refresh_from_db()
    assert encounter.status == Encounter.Status.SIGNED
    assert encounter.answers["red_flag.bowel_dysfunction"] is False
    screenshot(page, "07-signed", full_page=True)

    # Refer: the service of the assessed specialty is already chosen.
    service = page.get_by_label("Specialist service")
    expect(service).to_have_value(str(services["emergency_department"].public_id))
    page.get_by_label("Note to the specialist (optional)").fill("Registrar aware; patient on the way.")
    page.get_by_role("button", name="Request referral").click()
    expect(page.get_by_role("heading", name="Referral: Marjorie Quennell")).to_be_visible()
    screenshot(page, "08-referral-queued")

    # The page follows the real worker until the PDF is ready and sent.
    expect(page.locator("#referral-progress")).to_have_attribute(
        "data-status", "sent", timeout=WORKER_SECONDS
    )
    download_link = page.get_by_role("link", name="Download the referral PDF")
    expect(download_link).to_be_visible()
    screenshot(page, "09-referral-sent")
    with page.expect_download() as download_info:
        download_link.click()
    content = Path(download_info.value.path()).read_bytes()
    text = pdf_text(content)
    assert content.startswith(b"%PDF")
    assert "EMERGENCY" in text
    assert "Quennell" in text
    assert "Marjorie" in text
    assert Referral.objects.get(encounter=encounter).status == Referral.Status.SENT

    page.goto(live_server.url + "/")
    expect(page.locator("section", has=page.get_by_role("heading", name="My referrals"))).to_contain_text(
        "Sent"
    )
    screenshot(page, "10-dashboard-after")
    assert policy_errors(page) == []


def test_another_practice_cannot_open_the_encounter(page, live_server, gp_a, gp_b, patient_a):
    from workup import services

    encounter = services.encounter_create(clinician=gp_a, patient=patient_a)

    log_in(page, live_server, "gp.b")
    response = page.goto(f"{live_server.url}/encounters/{encounter.public_id}/")

    assert response.status == 404
    expect(page.get_by_role("heading", name="Not found")).to_be_visible()
    expect(page.locator("body")).not_to_contain_text("Lovelace")
    screenshot(page, "11-other-practice-404")


def test_a_change_from_another_tab_is_a_conflict_not_an_overwrite(page, live_server, gp_a, patient_a):
    from workup import services

    encounter = services.encounter_create(clinician=gp_a, patient=patient_a)
    log_in(page, live_server, "gp.a")
    url = f"{live_server.url}/encounters/{encounter.public_id}/"
    page.goto(url)
    other_tab = page.context.new_page()
    other_tab.goto(url)

    answer(other_tab, "history.pain_score", 6)
    wait_until_saved(other_tab)
    answer(page, "history.pain_score", 9)

    alert = page.locator("#conflict-alert")
    expect(alert).to_be_visible()
    expect(alert).to_contain_text("changed in another tab")
    expect(page.locator("#save-status")).to_have_attribute("data-state", "conflict")
    encounter.refresh_from_db()
    assert encounter.answers["history.pain_score"] == 6
    screenshot(page, "12-conflict")

    alert.get_by_role("link", name="Reload the encounter").click()
    expect(page.locator(f"#{dom_id('history.pain_score')}-input")).to_have_value("6")
    expect(page.locator("#save-status")).to_have_attribute("data-state", "saved")


def test_the_form_is_usable_at_tablet_width_and_by_keyboard(page, live_server, gp_a, patient_a):
    from workup import services

    encounter = services.encounter_create(clinician=gp_a, patient=patient_a)
    log_in(page, live_server, "gp.a")
    page.set_viewport_size({"width": 820, "height": 1180})
    page.goto(f"{live_server.url}/encounters/{encounter.public_id}/")

    # No horizontal scrolling at tablet width.
    assert page.evaluate("document.documentElement.scrollWidth") <= 820
    # Help opens on demand from the keyboard.
    help_summary = page.locator(f"#{dom_id('history.regions')} details summary")
    help_summary.focus()
    page.keyboard.press("Enter")
    expect(page.locator(f"#{dom_id('history.regions')} details")).to_have_attribute("open", "")
    # A red flag answered from the keyboard alone.
    page.locator(f"#{dom_id('red_flag.saddle_anaesthesia')}-false").focus()
    page.keyboard.press("Space")
    expect(page.locator(f"#{dom_id('red_flag.saddle_anaesthesia')}-false")).to_be_checked()
    wait_until_saved(page)
    screenshot(page, "13-encounter-tablet")
    page.locator("#section-examination-reflexes").scroll_into_view_if_needed()
    screenshot(page, "14-grid-tablet")
    encounter.refresh_from_db()
    assert encounter.answers["red_flag.saddle_anaesthesia"] is False
    # Every control has a label.
    unlabelled = page.evaluate(
        """() => Array.from(document.querySelectorAll('input:not([type=hidden]), select, textarea'))
            .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label'))
            .map(el => el.id || el.name)"""
    )
    assert unlabelled == []
    assert policy_errors(page) == []


def test_the_csp_header_reaches_the_browser(page, live_server, gp_a):
    response = page.goto(live_server.url + "/login/")

    assert re.search(r"script-src 'self';", response.headers["content-security-policy"])
    screenshot(page, "00-login")


def test_an_override_needs_a_tier_and_a_reason_and_keeps_both_tiers(page, live_server, gp_a, patient_a):
    from workup import services

    encounter = services.encounter_create(clinician=gp_a, patient=patient_a)
    log_in(page, live_server, "gp.a")
    page.goto(f"{live_server.url}/encounters/{encounter.public_id}/")

    page.get_by_label("Override tier").select_option("urgent")
    page.get_by_label("Reason for the override (at least 10 characters)").fill("Worried")
    expect(page.locator("#override-error")).to_contain_text("at least 10 characters")
    expect(page.locator("#urgency-banner")).to_have_attribute("data-urgency", "conservative")
    wait_until_saved(page)
    encounter.refresh_from_db()
    assert encounter.urgency_override == ""

    page.get_by_label("Reason for the override (at least 10 characters)").fill(
        "Worried about rapid progression at home."
    )
    expect(page.locator("#override-error")).to_be_hidden()
    banner = page.locator("#urgency-banner")
    expect(banner).to_have_attribute("data-urgency", "urgent")
    expect(banner).to_contain_text("URGENT")
    expect(banner).to_contain_text("Computed: CONSERVATIVE")
    wait_until_saved(page)
    encounter.refresh_from_db()
    assert encounter.urgency_override == "urgent"
    assert encounter.override_reason == "Worried about rapid progression at home."
    page.locator("#override").scroll_into_view_if_needed()
    screenshot(page, "15-override")


def test_live_errors_are_announced_with_their_controls(page, live_server, gp_a, patient_a):
    from workup import services

    encounter = services.encounter_create(clinician=gp_a, patient=patient_a)
    log_in(page, live_server, "gp.a")
    page.goto(f"{live_server.url}/encounters/{encounter.public_id}/")

    # An item error: out of range, shown beside the item and tied to its control.
    duration = page.locator(f"#{dom_id('history.duration_weeks')}-input")
    error = page.locator(f"#{dom_id('history.duration_weeks')}-error")
    duration.fill("9999")
    expect(error).to_contain_text("Enter a whole number from 0 to 520.")
    expect(duration).to_have_attribute("aria-invalid", "true")
    expect(duration).to_have_attribute("aria-describedby", f"{dom_id('history.duration_weeks')}-error")
    screenshot(page, "16-item-error")
    duration.fill("3")
    expect(error).to_be_hidden()
    expect(duration).not_to_have_attribute("aria-invalid", "true")
    expect(duration).not_to_have_attribute("aria-describedby", re.compile("error"))

    # The override's error, from the server's judgement, tied to the reason it is about.
    reason = page.get_by_label("Reason for the override (at least 10 characters)")
    page.get_by_label("Override tier").select_option("urgent")
    reason.fill("Worried")
    expect(page.locator("#override-error")).to_contain_text("at least 10 characters")
    expect(reason).to_have_attribute("aria-invalid", "true")
    expect(reason).to_have_attribute("aria-describedby", "override-error")
    reason.fill("Worried about rapid progression at home.")
    expect(page.locator("#override-error")).to_be_hidden()
    expect(reason).not_to_have_attribute("aria-invalid", "true")
    wait_until_saved(page)
    assert policy_errors(page) == []


def test_a_double_click_on_request_referral_makes_one_referral(page, live_server, gp_a, patient_a, services):
    from workup import demo_cases
    from workup import services as encounter_services

    encounter = encounter_services.encounter_create(
        clinician=gp_a, patient=patient_a, answers=demo_cases.L5_FOOT_DROP.answers
    )
    encounter_services.encounter_sign(clinician=gp_a, encounter=encounter)
    posts: list[str] = []
    page.on("request", lambda request: posts.append(request.url) if request.method == "POST" else None)
    log_in(page, live_server, "gp.a")
    page.goto(f"{live_server.url}/encounters/{encounter.public_id}/")
    posts.clear()

    page.get_by_role("button", name="Request referral").dblclick()
    expect(page.get_by_role("heading", name=re.compile("^Referral: "))).to_be_visible()

    referrals = Referral.objects.filter(encounter=encounter)
    print(f"\ndouble-click on Request referral: {len(posts)} POST(s) → {referrals.count()} referral(s)")
    assert referrals.count() == 1
    assert page.url.endswith(f"/referrals/{referrals.get().public_id}/")


def test_two_submissions_of_the_referral_form_at_once_land_on_one_referral(
    page, live_server, gp_a, patient_a, services
):
    # Chromium sends one POST for a double-click; a browser (or a flaky network) that sends both
    # at once is this: the page's own form, its data and cookies, submitted twice concurrently.
    from workup import demo_cases
    from workup import services as encounter_services

    encounter = encounter_services.encounter_create(
        clinician=gp_a, patient=patient_a, answers=demo_cases.L5_FOOT_DROP.answers
    )
    encounter_services.encounter_sign(clinician=gp_a, encounter=encounter)
    log_in(page, live_server, "gp.a")
    page.goto(f"{live_server.url}/encounters/{encounter.public_id}/")

    landed = page.evaluate(
        """() => {
            const form = document.querySelector('#refer form');
            const submit = () => fetch(form.action, {method: 'POST', body: new FormData(form)});
            return Promise.all([submit(), submit()]).then(answers => answers.map(a => [a.status, a.url]));
        }"""
    )

    referral = Referral.objects.get(encounter=encounter)
    print(f"\ntwo concurrent submissions of the page's form → {Referral.objects.count()} referral(s)")
    assert landed == [[200, f"{live_server.url}/referrals/{referral.public_id}/"]] * 2
