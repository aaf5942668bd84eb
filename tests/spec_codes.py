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

# Spec §2.2 ² (checklist nerve-compression/2): v1's flags and the three v2 adds (ces_onset is a choice).
V2_RED_FLAG_CODES = (
    *RED_FLAG_CODES,
    "red_flag.sudden_focal_weakness",
    "red_flag.pain_worse_straining",
    "red_flag.ces_onset",
)
V2_BOOLEAN_RED_FLAG_CODES = tuple(code for code in V2_RED_FLAG_CODES if code != "red_flag.ces_onset")

# Spec §2 ²: the items checklist nerve-compression/2 adds to /1.
V2_NEW_ITEM_CODES = (
    "history.anticoagulated",
    "history.recent_spinal_procedure",
    "history.recent_infection",
    "history.abdominal_or_loin_pain",
    "history.walking_leg_pain",
    "history.constant_numbness",
    "history.treatments_tried",
    "history.medications",
    "history.allergies",
    "history.past_history",
    "history.investigations",
    "red_flag.sudden_focal_weakness",
    "red_flag.pain_worse_straining",
    "red_flag.ces_onset",
    "exam.power.ankle_inversion.left",
    "exam.power.ankle_inversion.right",
    "exam.power.hip_abduction.left",
    "exam.power.hip_abduction.right",
    "exam.sensory_level",
    "exam.stocking_sensory_loss",
    "exam.fasciculations",
    "exam.horner_syndrome",
    "exam.pulsatile_abdominal_mass",
    "exam.foot_pulses.left",
    "exam.foot_pulses.right",
    "exam.hip_internal_rotation.left",
    "exam.hip_internal_rotation.right",
    "exam.neuro_not_examined_reason",
    "plan.patient_wishes",
    "plan.emergency_call",
)
# Spec §2 ²: values v2 adds to /1 items.
V2_NEW_VALUES = {
    "history.regions": ("hip_thigh", "knee_leg_foot"),
    "history.numbness_territory": ("medial_forearm", "dorsum_foot"),
    "history.risk_factors": ("haemodialysis", "known_aaa"),
    "plan.conservative": (
        "group_exercise",
        "self_management_information",
        "night_elbow_splint",
        "cock_up_splint",
        "ankle_foot_orthosis",
    ),
}

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

# Spec §3 (v1 values and the v2 adds): what an assessment may name.
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
    # v2
    "spinal_epidural_haematoma",
    "abdominal_aortic_aneurysm",
    "stroke",
    "thoracic_myelopathy",
    "pancoast_tumour",
    "motor_neurone_disease",
    "common_peroneal_neuropathy",
    "peripheral_nerve_injury",
    "lumbar_spinal_stenosis",
    "peripheral_arterial_disease",
    "peripheral_neuropathy",
    "hip_osteoarthritis",
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
    # v2
    "blood_cultures",
    "xray_chest",
    "abpi",
    "bloods_neuropathy",
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
    # v2
    "vascular_surgery",
    "respiratory",
    "paediatrics",
    "none",
)
# Spec §5: referral and encounter statuses, patients' sex.
REFERRAL_STATUS_CODES = ("queued", "rendering", "ready", "sent", "failed")
# v2 adds `cancelled` (§5 ²); the model and the API schema gain it with the cancel service.
V2_REFERRAL_STATUS_CODES = (*REFERRAL_STATUS_CODES, "cancelled")
ENCOUNTER_STATUS_CODES = ("draft", "signed")
SEX_CODES = ("female", "male", "other", "unknown")
# Spec §8 (the keys v1 cites; V2_SOURCE_KEYS below adds the rest).
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
V2_SOURCE_KEYS = SOURCE_KEYS | frozenset(
    {
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
# Spec §4.10: the safety-netting topics, in order.
SAFETY_NET_TOPICS = (
    "cauda_equina",
    "cord_compression",
    "spinal_infection",
    "myelopathy",
    "worsening_weakness",
    "hand_nerve",
    "stroke",
)
