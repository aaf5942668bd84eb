"""The benchmark documents: the standard referral and a long (~10 page) one.

Built in a throwaway database inside a rolled-back transaction, through the same
services the application uses.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

LONG_TEXT = (
    "Symptoms began after lifting at work and have fluctuated since, with episodes of worse leg pain "
    "on sitting and coughing. Tried analgesia, physiotherapy and activity modification with partial "
    "relief; sleep disturbed most nights. "
)


class _Rollback(Exception):
    pass


def standard_and_long_referral_html() -> dict[str, str]:
    from clinic.models import Clinician, Practice, SpecialistService
    from clinic.services import clinician_create, patient_create
    from workup.demo_cases import L5_FOOT_DROP
    from workup.referrals.document import referral_html
    from workup.referrals.services import referral_request
    from workup.services import addendum_create, encounter_create, encounter_sign

    documents: dict[str, str] = {}
    try:
        with transaction.atomic():
            practice = Practice.objects.create(
                name="Bench Surgery", address="1 Bench Road", phone="01632 960000"
            )
            gp = clinician_create(
                practice=practice,
                username="bench.gp",
                password="a-long-bench-password-7",
                role=Clinician.Role.GP,
                first_name="Bea",
                last_name="Nch",
                registration_number="7999999",
            )
            service = SpecialistService.objects.create(
                name="Bench Spinal Service", specialty="spinal_surgery", email="spine@example.org", phone="0"
            )
            service.practices.add(practice)
            patient = patient_create(
                clinician=gp,
                given_name="Robin",
                family_name="Example",
                date_of_birth=date(1961, 4, 5),
                sex="male",
                nhs_number="9990000018",
            )
            for name, repeats in (("standard", 0), ("long", 1)):
                answers = dict(L5_FOOT_DROP.answers)
                if repeats:
                    answers["plan.notes"] = (LONG_TEXT * 8)[:2000]
                encounter = encounter_create(clinician=gp, patient=patient, answers=answers)
                encounter = encounter_sign(clinician=gp, encounter=encounter)
                note = "Please assess for decompression." if not repeats else (LONG_TEXT * 8)[:2000]
                if repeats:
                    for _ in range(9):
                        addendum_create(clinician=gp, encounter=encounter, text=(LONG_TEXT * 12)[:5000])
                # The one service; the transaction is rolled back, so its after-commit enqueue never runs.
                referral = referral_request(clinician=gp, encounter=encounter, service=service, note=note)
                documents[name] = referral_html(referral)
            raise _Rollback
    except _Rollback:
        pass
    return documents
