"""Words for the public codes of spec §3, as a GP or specialist would read them."""

CONDITIONS = {
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
}

TESTS = {
    "mri_spine_emergency": "Emergency MRI spine",
    "mri_spine_urgent": "Urgent MRI spine (within 1 week)",
    "mri_spine": "MRI spine (in the specialist setting)",
    "xray_spine": "X-ray spine",
    "ct_spine": "CT spine",
    "nerve_conduction_study": "Nerve conduction studies",
    "bloods_inflammatory": "Bloods: FBC, ESR, CRP",
    "bloods_myeloma": "Bloods: myeloma screen",
}

URGENCY_BANNERS = {
    "emergency": "EMERGENCY — same day: telephone the on-call team",
    "urgent": "URGENT — to be seen within 2 weeks",
    "routine": "ROUTINE referral",
    "conservative": "CONSERVATIVE — managed in primary care",
}

SPECIALTIES = {
    "emergency_department": "Emergency department",
    "spinal_surgery": "Spinal surgery",
    "acute_oncology": "Acute oncology",
    "neurology": "Neurology",
    "hand_surgery": "Hand surgery",
    "orthopaedics": "Orthopaedics",
    "rheumatology": "Rheumatology",
    "physiotherapy": "Physiotherapy",
    "none": "None (primary care)",
}

# Spec §2.2 in clinical shorthand, for the specialist reading the letter (the form asks
# the patient-facing question; the letter names the finding).
RED_FLAGS = {
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
}

# The short tag of a tier, beside a reason or in a list (the banner above says it in full).
URGENCY_TAGS = {
    "emergency": "Emergency",
    "urgent": "Urgent",
    "routine": "Routine",
    "conservative": "Conservative",
}

# A referral's status as the GP's pages show it.
REFERRAL_STATUSES = {
    "queued": "Queued",
    "rendering": "Rendering",
    "ready": "PDF ready",
    "sent": "Sent",
    "failed": "Failed",
}
