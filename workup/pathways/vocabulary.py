"""The one vocabulary: every public code of the spec (§2–§5, §8) with the words people read for it.

Rules, model choices, serializers, templates, the PDF and the page scripts (through `json_script`) all read
these mappings; nothing retypes them. Codes are the public contract: never rename one. Mapping order is
meaningful where it says so (tiers ascend; the rest follow the spec's tables).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# Spec §3 urgency tiers, ascending: a tier's index is its rank, so "the highest tier" is a max() over ranks.
TIERS: tuple[str, ...] = ("conservative", "routine", "urgent", "emergency")

# Short words, as a badge or a list cell shows them.
TIER_WORDS = dict(
    {"conservative": "Conservative", "routine": "Routine", "urgent": "Urgent", "emergency": "Emergency"}
)
# Words with the target time, as a choice list or the admin shows them.
TIER_LABELS = dict(
    {
        "emergency": "Emergency — same day",
        "urgent": "Urgent — within 2 weeks",
        "routine": "Routine",
        "conservative": "Conservative — manage in primary care",
    }
)
# The banner at the top of the letter and of the live assessment (spec §6).
URGENCY_BANNERS = dict(
    {
        "emergency": "EMERGENCY — same day: telephone the on-call team",
        "urgent": "URGENT — to be seen within 2 weeks",
        "routine": "ROUTINE referral",
        "conservative": "CONSERVATIVE — managed in primary care",
    }
)

# Spec §3 suspected conditions, in the spec's order.
CONDITIONS = dict(
    {
        "cauda_equina_syndrome": "Cauda equina syndrome",
        "spinal_cord_compression": "Metastatic spinal cord compression",
        "spinal_malignancy": "Spinal malignancy",
        "spinal_infection": "Spinal infection",
        "vertebral_fracture": "Vertebral fracture",
        "cervical_myelopathy": "Cervical myelopathy",
        "cervical_radiculopathy": "Cervical radiculopathy",
        "lumbar_radiculopathy": "Lumbar radiculopathy (sciatica)",
        "carpal_tunnel_syndrome": "Carpal tunnel syndrome (median nerve)",
        "cubital_tunnel_syndrome": "Cubital tunnel syndrome (ulnar nerve)",
        "radial_neuropathy": "Radial neuropathy",
        "inflammatory_back_pain": "Inflammatory back pain",
        # v2 (ruleset nerve-compression-rules/2): the dangerous mimics and the chronic conditions.
        "spinal_epidural_haematoma": "Spinal epidural haematoma",
        "abdominal_aortic_aneurysm": "Abdominal aortic aneurysm (possible leak)",
        "stroke": "Stroke",
        "thoracic_myelopathy": "Thoracic myelopathy (spinal cord)",
        "pancoast_tumour": "Pancoast (apical lung) tumour",
        "motor_neurone_disease": "Motor neurone disease",
        "common_peroneal_neuropathy": "Common peroneal nerve palsy",
        "peripheral_nerve_injury": "Traumatic peripheral nerve injury",
        "lumbar_spinal_stenosis": "Lumbar spinal stenosis",
        "peripheral_arterial_disease": "Peripheral arterial disease",
        "peripheral_neuropathy": "Peripheral neuropathy",
        "hip_osteoarthritis": "Hip osteoarthritis",
    }
)

# Spec §3 recommended tests.
TESTS = dict(
    {
        "mri_spine_emergency": "Emergency MRI spine",
        "mri_spine_urgent": "Urgent MRI spine (within 1 week)",
        "mri_spine": "MRI spine (in the specialist setting)",
        "xray_spine": "X-ray spine",
        "ct_spine": "CT spine",
        "nerve_conduction_study": "Nerve conduction studies",
        "bloods_inflammatory": "Bloods: FBC, ESR, CRP",
        "bloods_myeloma": "Bloods: myeloma screen",
        # v2
        "blood_cultures": "Blood cultures (before antibiotics)",
        "xray_chest": "Chest X-ray",
        "abpi": "Ankle–brachial pressure index",
        "bloods_neuropathy": (
            "Bloods: FBC, HbA1c, B12 and folate, TFT, U&E, LFT, serum protein electrophoresis"
        ),
    }
)

# Spec §3 specialties; `none` is the assessment's answer for a conservative tier, not a service's specialty.
NO_SPECIALTY = "none"
SPECIALTIES = dict(
    {
        "emergency_department": "Emergency department",
        "spinal_surgery": "Spinal surgery",
        "acute_oncology": "Acute oncology",
        "neurology": "Neurology",
        "hand_surgery": "Hand surgery",
        "orthopaedics": "Orthopaedics",
        "rheumatology": "Rheumatology",
        "physiotherapy": "Physiotherapy",
        # v2
        "vascular_surgery": "Vascular surgery",
        "respiratory": "Respiratory (suspected lung cancer pathway)",
        "paediatrics": "Paediatrics",
        NO_SPECIALTY: "None (primary care)",
    }
)
SERVICE_SPECIALTIES = dict({code: words for code, words in SPECIALTIES.items() if code != NO_SPECIALTY})

# Spec §5 statuses.
ENCOUNTER_STATUSES = dict({"draft": "Draft", "signed": "Signed"})
REFERRAL_STATUSES = dict(
    {
        "queued": "Queued",
        "rendering": "Rendering",
        "ready": "Ready",
        "sent": "Sent",
        "failed": "Failed",
        # v2 adds "cancelled" (spec §5 ²) together with its transitions and the cancel service: Referral's
        # status choices and transition table read this mapping, so the code cannot come before them.
    }
)
# How the GP's pages word a referral's status: "ready" means its PDF is ready (and waits to be sent).
REFERRAL_STATUS_WORDS = dict({**REFERRAL_STATUSES, "ready": "PDF ready"})
SEXES = dict({"female": "Female", "male": "Male", "other": "Other", "unknown": "Unknown"})

# Spec §2.2 in clinical shorthand, for the specialist reading the letter (the form asks the patient-facing
# question; the letter names the finding).
RED_FLAGS = dict(
    {
        "red_flag.saddle_anaesthesia": "saddle anaesthesia",
        "red_flag.bladder_dysfunction": "new bladder dysfunction",
        "red_flag.bowel_dysfunction": "new bowel dysfunction",
        "red_flag.sexual_dysfunction": "new sexual dysfunction",
        "red_flag.bilateral_leg_symptoms": "bilateral leg symptoms",
        "red_flag.history_of_cancer": "history of cancer",
        "red_flag.unexplained_weight_loss": "unexplained weight loss",
        "red_flag.night_pain": "severe night or rest pain",
        "red_flag.thoracic_pain": "thoracic pain",
        "red_flag.fever": "fever or systemically unwell",
        "red_flag.significant_trauma": "significant trauma",
        "red_flag.gait_disturbance": "new gait disturbance",
        "red_flag.hand_clumsiness": "hand clumsiness",
        "red_flag.progressive_weakness": "progressive weakness",
        "red_flag.morning_stiffness": "inflammatory morning stiffness",
        # v2 (checklist nerve-compression/2)
        "red_flag.sudden_focal_weakness": "sudden focal weakness or numbness",
        "red_flag.pain_worse_straining": "spinal pain worse on coughing or straining",
        "red_flag.ces_onset": "onset of the cauda equina symptoms",
    }
)
# v2: the answers to `red_flag.ces_onset` (a choice, not a yes/no), as the letter names them.
CES_ONSET = dict(
    {
        "within_14_days": "began within the last 14 days",
        "over_14_days_worsening": "began over 14 days ago and getting worse",
        "over_14_days_stable": "began over 14 days ago and stable",
    }
)

# Spec §2.3 grade scales, as the form's drop-downs, the signed view and the letter show them.
REFLEX_GRADES = dict({0: "0 absent", 1: "1 reduced", 2: "2 normal", 3: "3 brisk", 4: "4 clonus"})
MRC_GRADES = dict(
    {
        0: "0 none",
        1: "1 flicker",
        2: "2 gravity eliminated",
        3: "3 against gravity",
        4: "4 some resistance",
        5: "5 normal",
    }
)

# Character limits of the public contract (spec §2 text items, §4.7 override reason, §5 note).
TEXT_MAX_LENGTH = 2000
OVERRIDE_REASON_MIN_LENGTH = 10
# v2 (§4.7): who an override lowering a red-flag tier was discussed with, a name or a role.
OVERRIDE_DISCUSSED_WITH_MIN_LENGTH = 3
# v2 (§2.3): why the neurological examination §4.6 asks for was not done.
NEURO_NOT_EXAMINED_REASON_MIN_LENGTH = 10
# v2 (§5): why a referral was cancelled.
CANCEL_REASON_MIN_LENGTH = 10
REFERRAL_NOTE_MAX_LENGTH = 2000
ADDENDUM_MAX_LENGTH = 5000

# Spec §8: every reason names only these, so a GP can look up why the service said what it said.
SOURCE_KEYS = frozenset(
    {
        "NICE-NG59",
        "NICE-NG234",
        "NICE-NG65",
        "BMJ-CES",
        "GIRFT-CES",
        "HSIB-CES",
        "BMC-SPINE-INF",
        "EBSCO-RF",
        "DEVON-CERV",
        "BJGP-NECK",
        "GPN-CERV",
        "GPR-SCIATICA",
        "NHSE-EBI",
        "DEVON-CTS",
        "GGC-CTS",
        "GGC-CUBITAL",
        "GLOS-HAND",
        "GLOS-CUBITAL",
        "VIC-SRC",
        "EFORT-RADIAL",
        "MDCALC-CTS6",
        "RP-TABLE",
        # v2
        "NICE-CG75",
        "NICE-NG12",
        "NICE-NG156",
        "NICE-NG128",
        "NICE-NG42",
        "NICE-NG127",
        "NICE-CG147",
        "NICE-NG226",
        "SEA-REVIEW",
        "SSEH-REVIEW",
        "CRF-2023",
        "LOTHIAN-RF",
        "BNSSG-LSS",
        "BNSSG-CTS",
        "FOOTDROP-LOC",
        "PANCOAST-CASES",
    }
)

# v2 (§4.10): the safety-netting topics, in the spec's order, as the leaflet and the letter title them.
SAFETY_NET_TOPICS = dict(
    {
        "cauda_equina": "Cauda equina syndrome",
        "cord_compression": "Spinal cord compression",
        "spinal_infection": "Spinal infection",
        "myelopathy": "Pressure on the spinal cord in the neck (myelopathy)",
        "worsening_weakness": "Weakness getting worse",
        "hand_nerve": "Trapped nerve in the hand or arm",
        "stroke": "Stroke",
    }
)
# v2 (§4.7): how an item left unanswered at an emergency sign-off is shown wherever the encounter is.
NOT_ASKED_EMERGENCY = "not asked (emergency)"


def choices(mapping: Mapping) -> list[tuple[Any, str]]:
    """A vocabulary mapping as Django/DRF `choices`: [(code, words), ...] in the mapping's order."""
    return list(mapping.items())


def enum_members(mapping: Mapping[str, str]) -> list[tuple[str, tuple[str, str]]]:
    """A mapping as members for Django's `TextChoices(name, members)`: ("EMERGENCY", ("emergency", words))."""
    return [(code.upper(), (code, words)) for code, words in mapping.items()]


def tier_choices() -> list[tuple[str, str]]:
    """Tiers for a choice list, highest first (the order a clinician reads them in)."""
    return [(tier, TIER_LABELS[tier]) for tier in reversed(TIERS)]


def for_page_scripts() -> dict[str, Any]:
    """What the page scripts need to show the server's words (rendered with `json_script`)."""
    return {
        "tiers": list(TIERS),
        "tier_words": dict(TIER_WORDS),
        "tier_labels": dict(TIER_LABELS),
        "urgency_banners": dict(URGENCY_BANNERS),
        "conditions": dict(CONDITIONS),
        "tests": dict(TESTS),
        "specialties": dict(SPECIALTIES),
        "referral_statuses": dict(REFERRAL_STATUSES),
        "referral_status_words": dict(REFERRAL_STATUS_WORDS),
        "override_reason_min_length": OVERRIDE_REASON_MIN_LENGTH,
        "text_max_length": TEXT_MAX_LENGTH,
    }
