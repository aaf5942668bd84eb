"""The ruleset `nerve-compression-rules/2` as data: spec §4.1–4.4, in its table order.

Table order matters: it breaks specialty ties and orders reasons within a tier (spec §3). Each reason says
what is suspected and what the GP does now (§4, wording): the GP's action rather than the hospital's
standard, the region to image where an MRI is named (the predicates add it as "Region to image: …"), and
no "manage in primary care" unless the final tier is conservative (recognition rules carry that plan as
`primary_care_plan`, which the evaluator adds only then). Disagreements between sources are in
`source_note`, beside the keys, not in the instruction.
"""

from __future__ import annotations

from workup.pathways.rules.nerve_compression_2 import predicates as when
from workup.pathways.rules.records import Rule

RULESET_VERSION = "nerve-compression-rules/2"

PRIMARY_CARE = "Manage in primary care with safety-netting and a review date."
SEND_AND_TELEPHONE = "the PDF goes with the patient"

RULES: tuple[Rule, ...] = (
    # ---- Emergency (§4.1): same day; telephone the receiving team, the PDF accompanies ----
    Rule(
        id="CES-1",
        tier="emergency",
        conditions=("cauda_equina_syndrome",),
        tests=("mri_spine_emergency",),
        specialty="emergency_department",
        sources=("BMJ-CES", "GIRFT-CES", "HSIB-CES"),
        reason="suspected cauda equina syndrome. Send now by the local suspected cauda equina pathway for an "
        "emergency MRI and telephone the on-call spinal team; do not delay for a rectal examination or a "
        "bladder scan.",
        predicate=when.cauda_equina,
    ),
    Rule(
        id="MSCC-1",
        tier="emergency",
        conditions=("spinal_cord_compression",),
        tests=("mri_spine_emergency",),
        specialty="acute_oncology",
        sources=("NICE-NG234", "NICE-CG75"),
        reason="suspected metastatic spinal cord compression. Telephone the MSCC coordinator or acute "
        "oncology team now for a whole-spine MRI within 24 hours.",
        predicate=when.cord_compression,
    ),
    Rule(
        id="INF-2",
        tier="emergency",
        conditions=("spinal_infection",),
        tests=("mri_spine_emergency", "bloods_inflammatory", "blood_cultures"),
        specialty="emergency_department",
        sources=("BMC-SPINE-INF", "SEA-REVIEW"),
        reason="suspected spinal infection (epidural abscess or discitis) with neurological signs or "
        "symptoms, whatever the risk factors. Send to the emergency department now and telephone the on-call "
        "team for an emergency MRI, bloods (FBC, ESR, CRP) and blood cultures before any antibiotic.",
        predicate=when.infection_with_neurology,
    ),
    Rule(
        id="INF-3",
        tier="emergency",
        conditions=("spinal_infection",),
        tests=("bloods_inflammatory", "blood_cultures"),
        specialty="emergency_department",
        sources=("CRF-2023", "BMC-SPINE-INF"),
        reason="possible spinal infection. Same-day assessment: telephone the on-call team and send today "
        "for bloods (FBC, ESR, CRP) and blood cultures before any antibiotic.",
        predicate=when.infection_suspected,
        # Safer reading of "INF-2 does not fire" (and of every "X does not fire" / "no other … fires" below):
        # a hand-off to the sibling, which counts only when the sibling itself fires, so an unanswered
        # deficit that keeps INF-2 silent never silences INF-3 as well.
        stands_down_for=("INF-2",),
    ),
    Rule(
        id="HAEM-1",
        tier="emergency",
        conditions=("spinal_epidural_haematoma",),
        tests=("mri_spine_emergency",),
        specialty="emergency_department",
        sources=("SSEH-REVIEW",),
        reason="suspected spinal epidural haematoma. Send to the emergency department now and telephone the "
        "on-call team for an emergency MRI; tell them about the anticoagulant or the procedure.",
        predicate=when.epidural_haematoma,
    ),
    Rule(
        id="AAA-1",
        tier="emergency",
        conditions=("abdominal_aortic_aneurysm",),
        tests=(),
        specialty="vascular_surgery",
        sources=("NICE-NG156",),
        reason="possible leaking abdominal aortic aneurysm. Call 999 or send to the emergency department now "
        "and alert the on-call vascular team; renal colic is its commonest misdiagnosis.",
        predicate=when.aortic_aneurysm,
    ),
    Rule(
        id="STROKE-1",
        tier="emergency",
        conditions=("stroke",),
        tests=(),
        specialty="emergency_department",
        sources=("NICE-NG128",),
        reason="suspected stroke. Call 999 for the stroke pathway (FAST); this is not a nerve compression "
        "referral.",
        predicate=when.stroke,
    ),
    Rule(
        id="FRAC-2",
        tier="emergency",
        conditions=("vertebral_fracture",),
        tests=("ct_spine",),
        specialty="emergency_department",
        sources=("EBSCO-RF",),
        reason="suspected unstable vertebral fracture. Send to the emergency department now for a CT and "
        "telephone ahead; keep the spine still.",
        predicate=when.unstable_fracture,
    ),
    Rule(
        id="TRAUMA-NERVE-1",
        tier="emergency",
        conditions=("peripheral_nerve_injury",),
        tests=(),
        specialty="emergency_department",
        sources=("GLOS-HAND", "VIC-SRC"),
        reason="suspected acute traumatic nerve injury. Same-day assessment: telephone the emergency "
        "department or the on-call hand team.",
        predicate=when.traumatic_nerve_injury,
    ),
    Rule(
        id="MYEL-2",
        tier="emergency",
        conditions=("cervical_myelopathy", "thoracic_myelopathy"),
        tests=("mri_spine_emergency",),
        specialty="spinal_surgery",
        sources=("DEVON-CERV",),
        reason="rapidly progressive myelopathy (not slowly over years). Telephone the on-call spinal surgery "
        "team today for an emergency MRI.",
        predicate=when.progressive_myelopathy,
    ),
    Rule(
        id="DEFICIT-2",
        tier="emergency",
        conditions=("cervical_radiculopathy", "lumbar_radiculopathy"),
        tests=("mri_spine_emergency",),
        specialty="spinal_surgery",
        sources=("GPR-SCIATICA",),
        source_note="sources disagree on the tier; the safer one is taken",
        reason="progressive motor deficit. Telephone the on-call spinal surgery team today for an emergency "
        "MRI.",
        predicate=when.progressive_deficit,
    ),
    Rule(
        id="DEFICIT-3",
        tier="emergency",
        conditions=("lumbar_radiculopathy",),
        tests=("mri_spine_emergency",),
        specialty="spinal_surgery",
        sources=("LOTHIAN-RF",),
        source_note="sources disagree: CRF-2023 gives 2 weeks; the safer tier is taken",
        reason="acute severe motor loss. Telephone the on-call spinal team today for an emergency MRI.",
        predicate=when.acute_motor_loss,
    ),
    # ---- Urgent (§4.2): within 2 weeks; MRI within 1 week where marked ----
    Rule(
        id="SCOPE-2",
        tier="urgent",
        conditions=(),
        tests=("xray_spine",),
        specialty="paediatrics",
        sources=("NICE-NG59", "CRF-2023"),
        reason="back pain in a child with these features needs an urgent paediatric assessment (within 2 "
        "weeks); arrange a spine X-ray.",
        predicate=when.child_with_red_flags,
    ),
    Rule(
        id="CES-2",
        tier="urgent",
        tier_policy="ces_stable_tier",
        conditions=("cauda_equina_syndrome",),
        tests=("mri_spine_urgent",),
        specialty="spinal_surgery",
        sources=("GIRFT-CES",),
        reason="long-standing, stable cauda equina symptoms. Refer by the urgent route of the local "
        "suspected cauda equina pathway for an urgent MRI; any change in these symptoms means same day.",
        predicate=when.stable_cauda_equina,
        # "CES-1 does not fire": the same condition at the emergency tier takes over.
        stands_down_for=("CES-1",),
    ),
    Rule(
        id="CES-3",
        tier="urgent",
        conditions=("cauda_equina_syndrome",),
        tests=("mri_spine_urgent",),
        specialty="spinal_surgery",
        sources=("GIRFT-CES",),
        reason="sexual dysfunction alone is unlikely to be cauda equina syndrome. Re-ask the saddle, bladder "
        "and bowel questions, and refer urgently for a lumbar spine MRI.",
        predicate=when.sexual_dysfunction_alone,
        stands_down_for=("CES-1", "CES-2"),
    ),
    Rule(
        id="MAL-1",
        tier="urgent",
        conditions=("spinal_malignancy",),
        tests=("mri_spine_urgent",),
        specialty="acute_oncology",
        sources=("NICE-NG234", "NICE-CG75"),
        reason="suspected spinal metastases. Discuss with the MSCC coordinator or acute oncology today for a "
        "whole-spine MRI within 1 week.",
        predicate=when.spinal_metastases,
        # As in v1: a hand-off, so an unanswered cord sign still lets MAL-1 fire.
        stands_down_for=("MSCC-1",),
    ),
    Rule(
        id="MAL-2",
        tier="urgent",
        conditions=("spinal_malignancy",),
        tests=("bloods_inflammatory", "bloods_myeloma", "mri_spine_urgent"),
        specialty="spinal_surgery",
        sources=("EBSCO-RF",),
        reason="possible spinal malignancy. Send bloods (FBC, ESR, CRP and a myeloma screen), request an "
        "urgent MRI and refer urgently to spinal surgery (within 2 weeks).",
        predicate=when.possible_malignancy,
        stands_down_for=("MSCC-1", "MAL-1"),
    ),
    Rule(
        id="MAL-3",
        tier="urgent",
        conditions=("spinal_malignancy",),
        tests=("bloods_myeloma", "bloods_inflammatory", "mri_spine_urgent"),
        specialty="spinal_surgery",
        sources=("NICE-NG12", "CRF-2023"),
        reason="possible myeloma or spinal metastases. Send bloods (myeloma screen, FBC, ESR, CRP), request "
        "an urgent MRI and refer urgently to spinal surgery (within 2 weeks).",
        predicate=when.possible_myeloma_or_metastases,
        stands_down_for=("MSCC-1", "MAL-1", "MAL-2"),
    ),
    Rule(
        id="INF-4",
        tier="urgent",
        conditions=("spinal_infection",),
        tests=("bloods_inflammatory", "mri_spine_urgent"),
        specialty="spinal_surgery",
        sources=("CRF-2023",),
        reason="new spinal pain with a high risk of spinal infection. Send bloods (FBC, ESR, CRP), request "
        "an urgent MRI and refer urgently to spinal surgery; fever or new weakness means same day.",
        predicate=when.infection_risk_without_fever,
    ),
    Rule(
        id="FRAC-1",
        tier="urgent",
        conditions=("vertebral_fracture",),
        tests=("xray_spine",),
        specialty="orthopaedics",
        sources=("EBSCO-RF", "NICE-NG234"),
        reason="possible vertebral fracture. Urgent orthopaedic referral (within 2 weeks).",
        predicate=when.possible_fracture,
        stands_down_for=("FRAC-2",),
    ),
    Rule(
        id="PANC-1",
        tier="urgent",
        conditions=("pancoast_tumour",),
        tests=("xray_chest",),
        specialty="respiratory",
        sources=("NICE-NG12", "PANCOAST-CASES"),
        reason="possible apical lung (Pancoast) tumour, which can mimic a C8/T1 root or ulnar nerve lesion. "
        "Request an urgent chest X-ray by the suspected lung cancer pathway.",
        predicate=when.pancoast_tumour,
    ),
    Rule(
        id="MND-1",
        tier="urgent",
        conditions=("motor_neurone_disease",),
        tests=("nerve_conduction_study",),
        specialty="neurology",
        sources=("NICE-NG42",),
        reason="progressive weakness with fasciculation. Refer to neurology without delay and say that motor "
        "neurone disease is suspected; nerve conduction studies with EMG.",
        predicate=when.motor_neurone_disease,
    ),
    Rule(
        id="MYEL-1",
        tier="urgent",
        conditions=("cervical_myelopathy", "thoracic_myelopathy"),
        tests=("mri_spine_urgent",),
        specialty="spinal_surgery",
        sources=("DEVON-CERV", "BJGP-NECK"),
        reason="suspected myelopathy (spinal cord compression). Request an urgent MRI and refer urgently to "
        "spinal surgery (within 2 weeks).",
        predicate=when.myelopathy_signs,
    ),
    Rule(
        id="DEFICIT-1",
        tier="urgent",
        conditions=("cervical_radiculopathy", "lumbar_radiculopathy"),
        tests=("mri_spine_urgent",),
        specialty="spinal_surgery",
        sources=("BJGP-NECK", "GPR-SCIATICA"),
        reason="significant motor deficit. Request an urgent MRI and refer urgently to spinal surgery "
        "(within 2 weeks).",
        predicate=when.significant_deficit,
    ),
    Rule(
        id="PERO-1",
        tier="urgent",
        conditions=("common_peroneal_neuropathy",),
        tests=("nerve_conduction_study",),
        specialty="neurology",
        sources=("FOOTDROP-LOC",),
        reason="spared inversion and hip abduction point to the common peroneal nerve at the fibular head, "
        "not the L5 root: no spinal MRI is needed for this. Remove pressure on the nerve (leg crossing, a "
        "cast, kneeling), fit an ankle–foot orthosis, and refer urgently to neurology for nerve conduction "
        "studies.",
        predicate=when.common_peroneal_palsy,
    ),
    Rule(
        id="RAD-2",
        tier="urgent",
        conditions=("radial_neuropathy",),
        tests=("nerve_conduction_study",),
        specialty="neurology",
        sources=("VIC-SRC",),
        reason="progressing radial nerve palsy. Nerve conduction study and urgent neurology referral (within "
        "2 weeks).",
        predicate=when.progressing_radial_palsy,
    ),
    # ---- Routine (§4.3) ----
    Rule(
        id="LRAD-2",
        tier="routine",
        conditions=("lumbar_radiculopathy",),
        tests=("mri_spine",),
        specialty="spinal_surgery",
        sources=("NICE-NG59", "GPR-SCIATICA"),
        reason="lumbar radiculopathy not settling. Routine spinal surgery referral; a lumbar spine MRI "
        "follows in the specialist setting.",
        predicate=when.lumbar_referral,
    ),
    Rule(
        id="CRAD-2",
        tier="routine",
        conditions=("cervical_radiculopathy",),
        tests=("mri_spine",),
        specialty="spinal_surgery",
        sources=("DEVON-CERV", "GPN-CERV"),
        reason="cervical radiculopathy not settling. Routine spinal surgery referral; a cervical spine MRI "
        "follows in the specialist setting.",
        predicate=when.cervical_referral,
    ),
    Rule(
        id="LSS-2",
        tier="routine",
        conditions=("lumbar_spinal_stenosis",),
        tests=("mri_spine",),
        specialty="spinal_surgery",
        sources=("BNSSG-LSS", "NICE-NG59"),
        reason="lumbar spinal stenosis not settling. Routine spinal surgery referral; a lumbar spine MRI "
        "follows in the specialist setting.",
        predicate=when.stenosis_referral,
    ),
    Rule(
        id="CTS-2",
        tier="routine",
        conditions=("carpal_tunnel_syndrome",),
        tests=("nerve_conduction_study",),
        specialty="hand_surgery",
        sources=("NHSE-EBI", "DEVON-CTS", "MDCALC-CTS6", "BNSSG-CTS"),
        reason="carpal tunnel syndrome meeting referral criteria. Routine hand surgery referral.",
        predicate=when.carpal_tunnel_referral,
    ),
    Rule(
        id="CUB-2",
        tier="routine",
        conditions=("cubital_tunnel_syndrome",),
        tests=("nerve_conduction_study",),
        specialty="hand_surgery",
        sources=("GGC-CUBITAL", "GLOS-CUBITAL"),
        reason="cubital tunnel syndrome meeting referral criteria. Nerve conduction study and routine hand "
        "surgery referral.",
        predicate=when.cubital_tunnel_referral,
    ),
    Rule(
        id="RAD-3",
        tier="routine",
        conditions=("radial_neuropathy",),
        tests=("nerve_conduction_study",),
        specialty="neurology",
        sources=("EFORT-RADIAL",),
        reason="radial nerve palsy not recovering. Nerve conduction study and routine neurology referral.",
        predicate=when.unrecovered_radial_palsy,
    ),
    Rule(
        id="INFL-1",
        tier="routine",
        conditions=("inflammatory_back_pain",),
        tests=("bloods_inflammatory",),
        specialty="rheumatology",
        sources=("NICE-NG65",),
        reason="possible inflammatory back pain (spondyloarthritis). Bloods (FBC, ESR, CRP) and routine "
        "rheumatology referral; a normal CRP, ESR or HLA-B27 does not exclude spondyloarthritis.",
        predicate=when.inflammatory_back_pain,
    ),
    Rule(
        id="SCOPE-1",
        tier="routine",
        conditions=(),
        tests=(),
        specialty="paediatrics",
        sources=("NICE-NG59",),
        reason="this tool's rules are for adults (NICE NG59 covers over-16s). Back pain in a child needs a "
        "paediatric assessment: refer to paediatrics.",
        predicate=when.child,
        stands_down_for=("SCOPE-2",),
    ),
    # ---- Recognition (§4.4): conservative on their own; they name the condition and the level ----
    Rule(
        id="LRAD-1",
        tier="conservative",
        conditions=("lumbar_radiculopathy",),
        tests=(),
        specialty="none",
        sources=("NICE-NG59",),
        reason="lumbar radiculopathy (sciatica).",
        primary_care_plan=PRIMARY_CARE,
        predicate=when.lumbar_radiculopathy,
    ),
    Rule(
        id="CRAD-1",
        tier="conservative",
        conditions=("cervical_radiculopathy",),
        tests=(),
        specialty="none",
        sources=("DEVON-CERV",),
        reason="cervical radiculopathy.",
        primary_care_plan=PRIMARY_CARE,
        predicate=when.cervical_radiculopathy,
    ),
    Rule(
        id="LSS-1",
        tier="conservative",
        conditions=("lumbar_spinal_stenosis",),
        tests=(),
        specialty="none",
        sources=("BNSSG-LSS",),
        reason="lumbar spinal stenosis (neurogenic claudication).",
        primary_care_plan=PRIMARY_CARE,
        predicate=when.lumbar_stenosis,
    ),
    Rule(
        id="CTS-1",
        tier="conservative",
        conditions=("carpal_tunnel_syndrome",),
        tests=(),
        specialty="none",
        sources=("MDCALC-CTS6", "GGC-CTS"),
        reason="carpal tunnel syndrome.",
        primary_care_plan=PRIMARY_CARE,
        predicate=when.carpal_tunnel,
    ),
    Rule(
        id="CUB-1",
        tier="conservative",
        conditions=("cubital_tunnel_syndrome",),
        tests=(),
        specialty="none",
        sources=("GGC-CUBITAL",),
        reason="cubital tunnel syndrome.",
        primary_care_plan=PRIMARY_CARE,
        predicate=when.cubital_tunnel,
    ),
    Rule(
        id="RAD-1",
        tier="conservative",
        conditions=("radial_neuropathy",),
        tests=(),
        specialty="none",
        sources=("EFORT-RADIAL",),
        reason="radial neuropathy.",
        primary_care_plan=PRIMARY_CARE,
        predicate=when.radial_palsy,
    ),
    Rule(
        id="NEURO-1",
        tier="conservative",
        conditions=("peripheral_neuropathy",),
        tests=("bloods_neuropathy",),
        specialty="none",
        sources=("NICE-NG127",),
        reason="possible peripheral neuropathy: a symmetrical pattern points to a length-dependent "
        "neuropathy rather than two root lesions. Send the neuropathy bloods (FBC, HbA1c, B12 and folate, "
        "TFT, U&E, LFT, serum protein electrophoresis).",
        predicate=when.peripheral_neuropathy,
    ),
    Rule(
        id="PAD-1",
        tier="conservative",
        conditions=("peripheral_arterial_disease",),
        tests=("abpi",),
        specialty="none",
        sources=("NICE-CG147",),
        reason="possible peripheral arterial disease. Measure the ankle–brachial pressure index.",
        predicate=when.arterial_claudication,
    ),
    Rule(
        id="HIP-1",
        tier="conservative",
        conditions=("hip_osteoarthritis",),
        tests=(),
        specialty="none",
        sources=("NICE-NG226",),
        reason="hip osteoarthritis (a clinical diagnosis at 45 or over) may explain thigh or groin pain.",
        predicate=when.hip_osteoarthritis,
    ),
    Rule(
        id="INF-1",
        tier="conservative",
        conditions=(),
        tests=("bloods_inflammatory",),
        specialty="none",
        sources=("CRF-2023",),
        reason="send same-day bloods (FBC, ESR, CRP); if raised, discuss with the on-call team the same day "
        "(fever with ordinary back ache is common; spinal infection is not).",
        predicate=when.fever_with_spinal_pain,
        stands_down_for=("INF-2", "INF-3", "INF-4"),
    ),
    Rule(
        id="MYELOMA-1",
        tier="conservative",
        conditions=(),
        tests=("bloods_myeloma",),
        specialty="none",
        sources=("NICE-NG12",),
        reason="persistent bone pain at 60 or over: send a myeloma screen.",
        predicate=when.myeloma_screen,
        stands_down_for=("MSCC-1", "MAL-1", "MAL-2", "MAL-3"),
    ),
    Rule(
        id="DIFF-1",
        tier="conservative",
        conditions=(),
        tests=(),
        specialty="none",
        sources=("DEVON-CTS",),
        reason="root and median nerve lesions can coexist or mimic each other; examine both.",
        predicate=when.root_or_median,
    ),
    Rule(
        id="DIFF-2",
        tier="conservative",
        conditions=(),
        tests=(),
        specialty="none",
        sources=("PANCOAST-CASES", "NICE-NG42"),
        reason="weakness of both median and ulnar hand muscles is not one entrapment: consider a C8/T1 root, "
        "thoracic outlet, an apical lung tumour or motor neurone disease.",
        predicate=when.median_and_ulnar_weakness,
    ),
    Rule(
        id="DIFF-3",
        tier="conservative",
        conditions=(),
        tests=(),
        specialty="none",
        sources=("FOOTDROP-LOC",),
        reason="test ankle inversion and hip abduction to tell an L5 root from the common peroneal nerve.",
        predicate=when.foot_drop_to_localise,
    ),
)

__all__ = ["RULES", "RULESET_VERSION"]
