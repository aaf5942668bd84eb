"""Item codes from spec §2, written out once from its tables for the tests that check them."""

RED_FLAG_CODES = (
    "red_flag.saddle_anaesthesia",
    "red_flag.bladder_dysfunction",
    "red_flag.bowel_dysfunction",
    "red_flag.sexual_dysfunction",
    "red_flag.bilateral_leg_symptoms",
    "red_flag.history_of_cancer",
    "red_flag.unexplained_weight_loss",
    "red_flag.night_pain",
    "red_flag.thoracic_pain",
    "red_flag.fever",
    "red_flag.significant_trauma",
    "red_flag.gait_disturbance",
    "red_flag.hand_clumsiness",
    "red_flag.progressive_weakness",
    "red_flag.morning_stiffness",
)

SIDES = ("left", "right")
ROOTS = ("C5", "C6", "C7", "C8", "T1", "L2", "L3", "L4", "L5", "S1")
REFLEXES = ("biceps", "brachioradialis", "triceps", "knee", "ankle")
MUSCLES = (*ROOTS, "APB", "FDI", "wrist_extension")
SENSATION_AREAS = (*ROOTS, "median", "ulnar", "radial")
PROVOCATIVE_TESTS = (
    "spurling",
    "slr",
    "crossed_slr",
    "femoral_stretch",
    "tinel_wrist",
    "phalen",
    "carpal_compression",
    "tinel_elbow",
    "elbow_flexion",
    "froment",
    "hoffmann",
    "extensor_plantar",
    "ankle_clonus",
)

# Spec §3: the assessment's fields, in the order the spec lists them.
ASSESSMENT_FIELDS = (
    "urgency",
    "suspected_conditions",
    "levels",
    "recommended_tests",
    "specialty",
    "reasons",
    "cts6_score",
    "ruleset",
    "incomplete",
)

# Spec §3 (v1 values): what an assessment may name.
TIERS = ("conservative", "routine", "urgent", "emergency")
CONDITION_CODES = (
    "cauda_equina_syndrome",
    "spinal_cord_compression",
    "spinal_malignancy",
    "spinal_infection",
    "vertebral_fracture",
    "cervical_myelopathy",
    "cervical_radiculopathy",
    "lumbar_radiculopathy",
    "carpal_tunnel_syndrome",
    "cubital_tunnel_syndrome",
    "radial_neuropathy",
    "inflammatory_back_pain",
)
TEST_CODES = (
    "mri_spine_emergency",
    "mri_spine_urgent",
    "mri_spine",
    "xray_spine",
    "ct_spine",
    "nerve_conduction_study",
    "bloods_inflammatory",
    "bloods_myeloma",
)
SPECIALTY_CODES = (
    "emergency_department",
    "spinal_surgery",
    "acute_oncology",
    "neurology",
    "hand_surgery",
    "orthopaedics",
    "rheumatology",
    "physiotherapy",
    "none",
)
# Spec §5: referral and encounter statuses, patients' sex.
REFERRAL_STATUS_CODES = ("queued", "rendering", "ready", "sent", "failed")
ENCOUNTER_STATUS_CODES = ("draft", "signed")
SEX_CODES = ("female", "male", "other", "unknown")
# Spec §8 (the keys v1 cites).
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
    }
)
