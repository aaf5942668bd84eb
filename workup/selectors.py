"""The reads of patient data, always starting from the clinician's practice.

One place decides access: every door looks objects up through these functions, so an
object of another practice is simply not found (a 404, never a 403 that confirms it exists).

Two kinds of function: `*_for` scope a queryset (for finding what a write acts on; the write's
service records it), and the reads below them return what a page or response shows and record
it in the audit trail through core.reads — a door never records a read itself.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from clinic.models import Clinician, Patient, SpecialistService
from clinic.selectors import clinician_for as clinician_for  # the doors read through this module
from clinic.selectors import patients_for as patients_for
from core.reads import get_or_none as get_or_none
from core.reads import read, read_many, read_one
from workup.models import Addendum, Encounter, Referral
from workup.referrals.selectors import referrals_for as referrals_for

# --- Scope: which rows a clinician may reach -------------------------------------------------


def encounters_for(clinician: Clinician, *, with_addenda: bool = False) -> QuerySet[Encounter]:
    """The practice's encounters, with what their serialisation needs joined in."""
    encounters = Encounter.objects.filter(patient__practice=clinician.practice_id).select_related(
        "patient__practice", "clinician__user", "signed_by__user"
    )
    if with_addenda:
        # One query for a whole page's addenda, their authors joined in.
        addenda = Addendum.objects.select_related("author__user")
        encounters = encounters.prefetch_related(Prefetch("addenda", queryset=addenda))
    return encounters


def filter_encounters(
    encounters: QuerySet[Encounter], *, patient: str | None, urgency: str | None, status: str | None
) -> QuerySet[Encounter]:
    """Apply the list filters; an unparseable patient id matches nothing."""
    if patient:
        try:
            encounters = encounters.filter(patient__public_id=uuid.UUID(patient))
        except ValueError:
            return encounters.none()
    if urgency:
        encounters = encounters.filter(
            Q(urgency_override=urgency) | Q(urgency_override="", computed_urgency=urgency)
        )
    if status:
        encounters = encounters.filter(status=status)
    return encounters


def services_for(clinician: Clinician) -> QuerySet[SpecialistService]:
    """The specialist services in the practice's directory."""
    return SpecialistService.objects.filter(practices=clinician.practice_id)


# --- Reads: what a door shows, recorded in the audit trail --------------------------------------


def listed(*, clinician: Clinician, rows) -> list:
    """A page of patient data as shown (an API page), each row's listing recorded in one insert."""
    return read_many(actor=clinician.user, rows=rows, practice=clinician.practice)


def patient_view(*, clinician: Clinician, public_id) -> Patient | None:
    """One patient of the practice, opened; None if there is no such patient there."""
    return read_one(
        actor=clinician.user,
        queryset=patients_for(clinician),
        public_id=public_id,
        practice=clinician.practice,
    )


def patient_search(*, clinician: Clinician, query: str, limit: int = 50) -> list[Patient]:
    """The practice's patients matching a search, at most `limit`, each one's listing recorded."""
    return listed(clinician=clinician, rows=patients_for(clinician, search=query)[:limit])


@dataclass(frozen=True)
class PatientRecord:
    patient: Patient
    encounters: list[Encounter]
    referrals: list[Referral]


def patient_record(*, clinician: Clinician, public_id) -> PatientRecord | None:
    """A patient's page: the patient opened, their encounters and referrals listed (one insert)."""
    patient = get_or_none(patients_for(clinician), public_id)
    if patient is None:
        return None
    record = PatientRecord(
        patient=patient,
        encounters=list(encounters_for(clinician).filter(patient=patient)),
        referrals=list(referrals_for(clinician).filter(encounter__patient=patient)),
    )
    read(
        actor=clinician.user,
        viewed=[patient],
        listed=[*record.encounters, *record.referrals],
        practice=clinician.practice,
    )
    return record


@dataclass(frozen=True)
class Dashboard:
    drafts: list[Encounter]
    signed: list[Encounter]
    referrals: list[Referral]


def dashboard(*, clinician: Clinician, signed_shown: int = 10, referrals_shown: int = 20) -> Dashboard:
    """The clinician's own drafts, latest signed encounters and referrals, every row's listing recorded."""
    mine = encounters_for(clinician).filter(clinician=clinician)
    board = Dashboard(
        drafts=list(mine.filter(status=Encounter.Status.DRAFT)),
        signed=list(mine.filter(status=Encounter.Status.SIGNED).order_by("-signed_at")[:signed_shown]),
        referrals=list(referrals_for(clinician).filter(requested_by=clinician)[:referrals_shown]),
    )
    read(
        actor=clinician.user,
        listed=[*board.drafts, *board.signed, *board.referrals],
        practice=clinician.practice,
    )
    return board


def encounter_view(*, clinician: Clinician, public_id, with_addenda: bool = False) -> Encounter | None:
    """One encounter of the practice, opened; None if there is no such encounter there."""
    return read_one(
        actor=clinician.user,
        queryset=encounters_for(clinician, with_addenda=with_addenda),
        public_id=public_id,
        practice=clinician.practice,
    )


def encounter_referrals(*, clinician: Clinician, encounter: Encounter) -> list[Referral]:
    """The referrals of an encounter, as its page lists them."""
    return listed(clinician=clinician, rows=referrals_for(clinician).filter(encounter=encounter))


def referral_view(*, clinician: Clinician, public_id) -> Referral | None:
    """One referral of the practice, opened; None if there is no such referral there."""
    return read_one(
        actor=clinician.user,
        queryset=referrals_for(clinician),
        public_id=public_id,
        practice=clinician.practice,
    )


def referral_download(*, clinician: Clinician, public_id) -> Referral | None:
    """A referral whose PDF is about to be served: the download is recorded only if it has one."""
    referral = get_or_none(referrals_for(clinician), public_id)
    if referral is not None and referral.has_pdf:
        read(actor=clinician.user, downloaded=[referral], practice=clinician.practice)
    return referral
