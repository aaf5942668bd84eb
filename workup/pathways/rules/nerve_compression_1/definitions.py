"""The ruleset `nerve-compression-rules/1` as data: archive/rules-v1.md §4, in its table order.

Table order matters: it breaks specialty ties and orders reasons within a tier (spec §3). Each reason
text is what the GP reads after the findings that fired it, so it says what is suspected and what to do.
"""

from __future__ import annotations

from workup.pathways.rules.nerve_compression_1 import predicates as when
from workup.pathways.rules.records import Rule

RULESET_VERSION = "nerve-compression-rules/1"

# Recognition rules name the condition; on their own the plan stays in primary care (§3 `conservative`).
CONSERVATIVE = "Manage in primary care with safety-netting and a review date unless another rule escalates."

RULES: tuple[Rule, ...] = (
    # ---- Emergency (§4.1): same day; phone the receiving team, the PDF accompanies ----
    Rule(
        id="CES-1",
        tier="emergency",
        conditions=("cauda_equina_syndrome",),
        tests=("mri_spine_emergency",),
        specialty="emergency_department",
        sources=("BMJ-CES", "GIRFT-CES", "HSIB-CES"),
        reason="suspected cauda equina syndrome. Same-day emergency MRI (within 4 hours of request): "
        "telephone the on-call team.",
        predicate=when.cauda_equina,
    ),
    Rule(
        id="MSCC-1",
        tier="emergency",
        conditions=("spinal_cord_compression",),
        tests=("mri_spine_emergency",),
        specialty="acute_oncology",
        sources=("NICE-NG234",),
        reason="suspected metastatic spinal cord compression. Whole-spine MRI within 24 hours: "
        "telephone the acute oncology team today.",
        predicate=when.cord_compression,
    ),
    Rule(
        id="INF-2",
        tier="emergency",
        conditions=("spinal_infection",),
        tests=("mri_spine_emergency", "bloods_inflammatory"),
        specialty="emergency_department",
        sources=("BMC-SPINE-INF",),
        reason="suspected spinal infection with a neurological deficit. Same-day emergency MRI and bloods "
        "(FBC, ESR, CRP): telephone the on-call team.",
        predicate=when.infection_with_deficit,
    ),
    Rule(
        id="FRAC-2",
        tier="emergency",
        conditions=("vertebral_fracture",),
        tests=("ct_spine",),
        specialty="emergency_department",
        sources=("EBSCO-RF",),
        reason="suspected unstable vertebral fracture. Same-day CT spine: send to the emergency department "
        "and telephone ahead.",
        predicate=when.unstable_fracture,
    ),
    Rule(
        id="TRAUMA-NERVE-1",
        tier="emergency",
        conditions=("radial_neuropathy", "carpal_tunnel_syndrome", "cubital_tunnel_syndrome"),
        tests=(),
        specialty="emergency_department",
        sources=("GLOS-HAND", "VIC-SRC"),
        reason="suspected acute traumatic nerve injury. Same-day assessment: telephone the emergency "
        "department.",
        predicate=when.traumatic_nerve_injury,
    ),
    Rule(
        id="MYEL-2",
        tier="emergency",
        conditions=("cervical_myelopathy",),
        tests=("mri_spine_emergency",),
        specialty="spinal_surgery",
        sources=("DEVON-CERV",),
        reason="suspected progressive cervical myelopathy. Same-day emergency MRI: telephone the on-call "
        "spinal surgery team.",
        predicate=when.progressive_myelopathy,
    ),
    Rule(
        id="DEFICIT-2",
        tier="emergency",
        conditions=("cervical_radiculopathy", "lumbar_radiculopathy"),
        tests=("mri_spine_emergency",),
        specialty="spinal_surgery",
        sources=("GPR-SCIATICA",),
        reason="progressive motor deficit. Same-day emergency MRI: telephone the on-call spinal surgery team "
        "(sources disagree on the tier; the safer one is taken).",
        predicate=when.progressive_deficit,
    ),
    # ---- Urgent (§4.2): within 2 weeks; MRI within 1 week where marked ----
    Rule(
        id="MAL-1",
        tier="urgent",
        conditions=("spinal_malignancy",),
        tests=("mri_spine_urgent",),
        specialty="acute_oncology",
        sources=("NICE-NG234",),
        reason="suspected spinal metastases. Whole-spine MRI within 1 week; urgent referral to acute "
        "oncology (within 2 weeks).",
        predicate=when.spinal_metastases,
        # Safer reading of "MSCC-1 does not fire": a hand-off to the emergency sibling, so an
        # unanswered cord sign still lets MAL-1 fire.
        stands_down_for=("MSCC-1",),
    ),
    Rule(
        id="MAL-2",
        tier="urgent",
        conditions=("spinal_malignancy",),
        tests=("bloods_inflammatory", "bloods_myeloma", "mri_spine_urgent"),
        specialty="spinal_surgery",
        sources=("EBSCO-RF",),
        reason="possible spinal malignancy. Bloods (FBC, ESR, CRP, myeloma screen), urgent MRI and urgent "
        "spinal referral (within 2 weeks).",
        predicate=when.possible_malignancy,
        # Safer reading of "no cancer history": read literally, answering cancer = yes would switch
        # MAL-2 off while MAL-1 may not fire, so an extra red flag would lower the tier. MAL-2 stands
        # down only when MSCC-1 or MAL-1 takes over; cancer yes, no or unanswered never lowers it.
        stands_down_for=("MSCC-1", "MAL-1"),
    ),
    Rule(
        id="INF-1",
        tier="urgent",
        conditions=("spinal_infection",),
        tests=("bloods_inflammatory", "mri_spine_urgent"),
        specialty="spinal_surgery",
        sources=("BMC-SPINE-INF",),
        reason="possible spinal infection. Bloods (FBC, ESR, CRP), urgent MRI and urgent spinal referral "
        "(within 2 weeks).",
        predicate=when.possible_infection,
        # Safer reading of "without an objective deficit": a hand-off to INF-2, so INF-1 stands down
        # only when INF-2 fires. Literally, fever with midline tenderness and a deficit but no risk
        # factor would fire neither rule.
        stands_down_for=("INF-2",),
    ),
    Rule(
        id="FRAC-1",
        tier="urgent",
        conditions=("vertebral_fracture",),
        tests=("xray_spine",),
        specialty="orthopaedics",
        sources=("EBSCO-RF",),
        reason="possible vertebral fracture. Spine X-ray and urgent orthopaedic referral (within 2 weeks).",
        predicate=when.possible_fracture,
        # Safer reading of "FRAC-2 does not fire": a hand-off to the emergency sibling, so an
        # unanswered trauma flag still lets FRAC-1 fire.
        stands_down_for=("FRAC-2",),
    ),
    Rule(
        id="MYEL-1",
        tier="urgent",
        conditions=("cervical_myelopathy",),
        tests=("mri_spine_urgent",),
        specialty="spinal_surgery",
        sources=("DEVON-CERV", "BJGP-NECK"),
        reason="suspected cervical myelopathy. Urgent MRI and urgent spinal surgery referral "
        "(within 2 weeks).",
        predicate=when.cervical_myelopathy,
    ),
    Rule(
        id="DEFICIT-1",
        tier="urgent",
        conditions=("cervical_radiculopathy", "lumbar_radiculopathy"),
        tests=("mri_spine_urgent",),
        specialty="spinal_surgery",
        sources=("BJGP-NECK", "GPR-SCIATICA"),
        reason="significant motor deficit. Urgent MRI and urgent spinal surgery referral (within 2 weeks).",
        predicate=when.significant_deficit,
    ),
    Rule(
        id="RAD-2",
        tier="urgent",
        conditions=("radial_neuropathy",),
        tests=("nerve_conduction_study",),
        specialty="neurology",
        sources=("VIC-SRC",),
        reason="progressing radial nerve palsy. Nerve conduction study and urgent neurology referral "
        "(within 2 weeks).",
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
        reason="lumbar radiculopathy not settling. Routine spinal surgery referral; MRI in the specialist "
        "setting.",
        predicate=when.lumbar_referral,
    ),
    Rule(
        id="CRAD-2",
        tier="routine",
        conditions=("cervical_radiculopathy",),
        tests=("mri_spine",),
        specialty="spinal_surgery",
        sources=("DEVON-CERV", "GPN-CERV"),
        reason="cervical radiculopathy not settling. Routine spinal surgery referral; MRI in the specialist "
        "setting.",
        predicate=when.cervical_referral,
    ),
    Rule(
        id="CTS-2",
        tier="routine",
        conditions=("carpal_tunnel_syndrome",),
        tests=("nerve_conduction_study",),
        specialty="hand_surgery",
        sources=("NHSE-EBI", "DEVON-CTS", "MDCALC-CTS6"),
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
        "rheumatology referral.",
        predicate=when.inflammatory_back_pain,
    ),
    # ---- Recognition (§4.4): conservative on their own; they name the condition and the level ----
    Rule(
        id="LRAD-1",
        tier="conservative",
        conditions=("lumbar_radiculopathy",),
        tests=(),
        specialty="none",
        sources=("NICE-NG59",),
        reason=f"lumbar radiculopathy. {CONSERVATIVE}",
        predicate=when.lumbar_radiculopathy,
    ),
    Rule(
        id="CRAD-1",
        tier="conservative",
        conditions=("cervical_radiculopathy",),
        tests=(),
        specialty="none",
        sources=("DEVON-CERV",),
        reason=f"cervical radiculopathy. {CONSERVATIVE}",
        predicate=when.cervical_radiculopathy,
    ),
    Rule(
        id="CTS-1",
        tier="conservative",
        conditions=("carpal_tunnel_syndrome",),
        tests=(),
        specialty="none",
        sources=("MDCALC-CTS6", "GGC-CTS"),
        reason=f"carpal tunnel syndrome. {CONSERVATIVE}",
        predicate=when.carpal_tunnel,
    ),
    Rule(
        id="CUB-1",
        tier="conservative",
        conditions=("cubital_tunnel_syndrome",),
        tests=(),
        specialty="none",
        sources=("GGC-CUBITAL",),
        reason=f"cubital tunnel syndrome. {CONSERVATIVE}",
        predicate=when.cubital_tunnel,
    ),
    Rule(
        id="RAD-1",
        tier="conservative",
        conditions=("radial_neuropathy",),
        tests=(),
        specialty="none",
        sources=("EFORT-RADIAL",),
        reason=f"radial neuropathy. {CONSERVATIVE}",
        predicate=when.radial_palsy,
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
)

__all__ = ["RULES", "RULESET_VERSION"]
