"""When each rule of spec §4 fires: one predicate per rule, returning the findings in words or None.

A predicate that builds on another rule (MYEL-2 on MYEL-1, LRAD-2 on LRAD-1, DIFF-1 on CRAD-1 and CTS-1, …)
calls that rule's predicate to reuse its findings. A rule that hands off to a sibling does not: the hand-off
is declared in the table (`stands_down_for`) and applied by the evaluator, so an auditor can read it there.
"""

from __future__ import annotations

from collections.abc import Iterable

from workup.pathways.rules.findings import (
    Facts,
    brisk_reflexes,
    cts6_items,
    cts6_score,
    long_tract_signs,
    objective_deficit,
    weak_roots,
    words,
)
from workup.pathways.rules.localisation import IMPAIRED_SENSATION, ROOTS, Level
from workup.pathways.rules.records import Fired

CAUDA_EQUINA_FLAGS = {
    "red_flag.saddle_anaesthesia": "saddle anaesthesia reported",
    "red_flag.bladder_dysfunction": "new bladder dysfunction reported",
    "red_flag.bowel_dysfunction": "new bowel dysfunction reported",
    "red_flag.sexual_dysfunction": "new sexual dysfunction reported",
    "red_flag.bilateral_leg_symptoms": "symptoms in both legs reported",
}
RADIATING_PAIN = {
    "arm_below_elbow": "pain radiating below the elbow",
    "leg_below_knee": "pain radiating below the knee",
}


def _fired(evidence: Iterable[str], **outputs) -> Fired | None:
    found = tuple(evidence)
    return Fired(found, **outputs) if found else None


def _localised(levels: Iterable[Level]) -> tuple[str, ...]:
    return tuple(f"{level} localised ({', '.join(level.signs)})" for level in levels)


def _localised_to(levels: Iterable[Level]) -> tuple[str, ...]:
    """The level only, where the weakness that localised it is already in the reason."""
    named = ", ".join(str(level) for level in levels)
    return (f"localised to {named}",) if named else ()


def _radiculopathy_conditions(facts: Facts) -> tuple[str, ...]:
    # Safer reading: DEFICIT-1/2 name a radiculopathy only where §4.5 localises a root of that region;
    # weakness alone does not say which region, and the tier does not depend on the name.
    conditions = []
    if facts.levels_in("cervical"):
        conditions.append("cervical_radiculopathy")
    if facts.levels_in("lumbar"):
        conditions.append("lumbar_radiculopathy")
    return tuple(conditions)


def _midline_tenderness(facts: Facts) -> tuple[str, ...]:
    return ("midline spinous tenderness",) if "midline_spinous" in facts.selected("exam.tenderness") else ()


def _flags(facts: Facts, **flags: str) -> tuple[str, ...]:
    """The red flags answered yes, as words; keyword names are red_flag.<name>."""
    return tuple(text for name, text in flags.items() if facts.yes(f"red_flag.{name}"))


# ---- Emergency (§4.1) ----


def cauda_equina(facts: Facts) -> Fired | None:
    """CES-1: any cauda equina red flag, or impaired saddle sensation on examination."""
    found = [text for code, text in CAUDA_EQUINA_FLAGS.items() if facts.yes(code)]
    if (saddle := facts.choice("exam.sensation.saddle")) in IMPAIRED_SENSATION:
        found.append(f"{saddle} saddle sensation on examination")
    return _fired(found)


def cord_compression(facts: Facts) -> Fired | None:
    """MSCC-1: cancer, spinal presentation, and a deficit, progression, gait change or radiation."""
    if not (facts.spinal_presentation and facts.yes("red_flag.history_of_cancer")):
        return None
    found = list(objective_deficit(facts))
    found += _flags(facts, progressive_weakness="progressive weakness", gait_disturbance="gait disturbance")
    radiating = facts.choice("history.radiating_pain")
    if radiating in RADIATING_PAIN:
        found.append(RADIATING_PAIN[radiating])
    return _fired(("history of cancer", *found)) if found else None


def infection_with_deficit(facts: Facts) -> Fired | None:
    """INF-2: fever, IV drug use or immunosuppression, and a deficit in a spinal presentation."""
    if not (facts.spinal_presentation and facts.yes("red_flag.fever")):
        return None
    risks = facts.risk_factors("iv_drug_use", "immunosuppression")
    deficit = objective_deficit(facts)
    return _fired(("fever", *risks, *deficit)) if risks and deficit else None


def unstable_fracture(facts: Facts) -> Fired | None:
    """FRAC-2: significant trauma with midline spinous tenderness or an objective deficit."""
    if not facts.yes("red_flag.significant_trauma"):
        return None
    found = (*_midline_tenderness(facts), *objective_deficit(facts))
    return _fired(("significant trauma", *found)) if found else None


def traumatic_nerve_injury(facts: Facts) -> Fired | None:
    """TRAUMA-NERVE-1: onset after trauma with wrist drop or MRC ≤ 3 in APB, FDI or wrist extension."""
    if facts.choice("history.onset") != "after_trauma":
        return None
    wrist_drop = ("wrist drop",) if "wrist_drop" in facts.selected("exam.deformity") else ()
    # Safer reading: the condition follows the nerve each finding belongs to (wrist drop and wrist
    # extension radial, APB median, FDI ulnar), so the receiving team is told which nerve is hurt.
    by_condition = {
        "radial_neuropathy": (*wrist_drop, *facts.weak("wrist_extension", 3)),
        "carpal_tunnel_syndrome": facts.weak("APB", 3),
        "cubital_tunnel_syndrome": facts.weak("FDI", 3),
    }
    conditions = tuple(condition for condition, found in by_condition.items() if found)
    found = [finding for findings in by_condition.values() for finding in findings]
    return _fired(("onset after trauma", *found), conditions=conditions) if found else None


def progressive_myelopathy(facts: Facts) -> Fired | None:
    """MYEL-2: MYEL-1 with progressive weakness or progressing symptoms."""
    myelopathy = cervical_myelopathy(facts)
    progressing = _flags(facts, progressive_weakness="progressive weakness")
    if facts.yes("history.symptoms_progressing"):
        progressing += ("symptoms progressing",)
    return _fired((*myelopathy.evidence, *progressing)) if myelopathy and progressing else None


def progressive_deficit(facts: Facts) -> Fired | None:
    """DEFICIT-2: progressive weakness with any root myotome at MRC ≤ 4."""
    weak = tuple(finding for _root, finding in weak_roots(facts, 4))
    if not (facts.yes("red_flag.progressive_weakness") and weak):
        return None
    evidence = ("progressive weakness", *weak, *_localised_to(facts.levels))
    return _fired(evidence, conditions=_radiculopathy_conditions(facts))


# ---- Urgent (§4.2) ----


def spinal_metastases(facts: Facts) -> Fired | None:
    """MAL-1: cancer, spinal presentation, and thoracic or night pain, midline tenderness or progression."""
    if not (facts.spinal_presentation and facts.yes("red_flag.history_of_cancer")):
        return None
    found = _flags(facts, thoracic_pain="thoracic pain", night_pain="night pain")
    found += _midline_tenderness(facts)
    if facts.yes("history.symptoms_progressing"):
        found += ("symptoms progressing",)
    return _fired(("history of cancer", *found)) if found else None


def possible_malignancy(facts: Facts) -> Fired | None:
    """MAL-2: unexplained weight loss in a spinal presentation with night pain or age over 50."""
    if not (facts.spinal_presentation and facts.yes("red_flag.unexplained_weight_loss")):
        return None
    found = _flags(facts, night_pain="night pain")
    if facts.age > 50:
        found += (f"age {facts.age} (over 50)",)
    return _fired(("unexplained weight loss", *found)) if found else None


def possible_infection(facts: Facts) -> Fired | None:
    """INF-1: fever in a spinal presentation with a risk factor or midline tenderness (hands off to INF-2)."""
    if not (facts.spinal_presentation and facts.yes("red_flag.fever")):
        return None
    found = (*facts.risk_factors("iv_drug_use", "immunosuppression"), *_midline_tenderness(facts))
    return _fired(("fever", *found)) if found else None


def possible_fracture(facts: Facts) -> Fired | None:
    """FRAC-1: midline spinous tenderness with osteoporosis, long-term steroids or age 70 or over."""
    if not _midline_tenderness(facts):
        return None
    risks = facts.risk_factors("osteoporosis", "long_term_steroids")
    if facts.age >= 70:
        risks += (f"age {facts.age} (70 or over)",)
    return _fired(("midline spinous tenderness", *risks)) if risks else None


def cervical_myelopathy(facts: Facts) -> Fired | None:
    """MYEL-1: a long-tract sign, or at least two features of myelopathy."""
    features = list(_flags(facts, hand_clumsiness="hand clumsiness", gait_disturbance="gait disturbance"))
    # Hoffmann on both sides is one feature of the "at least two" ("any ... positive"), not two.
    if hoffmann := facts.positive("hoffmann"):
        features.append(" and ".join(hoffmann))
    if facts.choice("exam.gait") == "broad_based":
        features.append("broad-based gait")
    if len(brisk := brisk_reflexes(facts)) >= 2:
        features.append(f"brisk reflexes ({', '.join(brisk)})")
    long_tract = long_tract_signs(facts)
    if long_tract or len(features) >= 2:
        return _fired((*long_tract, *features))
    return None


def significant_deficit(facts: Facts) -> Fired | None:
    """DEFICIT-1: a root myotome at MRC ≤ 3, foot drop, or MRC ≤ 4 at two or more distinct roots."""
    found = [finding for _root, finding in weak_roots(facts, 3)]
    if facts.choice("exam.gait") == "foot_drop":
        found.append("foot-drop gait")
    # "Two or more distinct roots (either side)": L5 weak on both sides is one root, not two.
    weak_at = {root for root, _finding in weak_roots(facts, 4)}
    if len(weak_at) >= 2:
        found.append(f"weakness at {len(weak_at)} roots ({', '.join(r for r in ROOTS if r in weak_at)})")
    if not found:
        return None
    return _fired((*found, *_localised_to(facts.levels)), conditions=_radiculopathy_conditions(facts))


def progressing_radial_palsy(facts: Facts) -> Fired | None:
    """RAD-2: RAD-1 with progressing symptoms."""
    palsy = radial_palsy(facts)
    if palsy and facts.yes("history.symptoms_progressing"):
        return _fired((*palsy.evidence, "symptoms progressing"))
    return None


# ---- Routine (§4.3) ----


def _escalation(facts: Facts, conservative_weeks: int) -> tuple[str, ...]:
    """A failed conservative trial, or severe pain for two weeks or more (LRAD-2, CRAD-2)."""
    found = []
    if facts.at_least("history.conservative_weeks", conservative_weeks):
        found.append(f"{facts.number('history.conservative_weeks')} weeks of conservative management")
    if facts.at_least("history.pain_score", 8) and facts.at_least("history.duration_weeks", 2):
        pain, duration = facts.number("history.pain_score"), facts.number("history.duration_weeks")
        found.append(f"pain {pain}/10 for {duration} weeks")
    return tuple(found)


def lumbar_referral(facts: Facts) -> Fired | None:
    """LRAD-2: LRAD-1 after the conservative trial, or with pain ≥ 8/10 for 2 weeks or more."""
    recognised = lumbar_radiculopathy(facts)
    escalation = _escalation(facts, facts.policy.lumbar_conservative_weeks)
    return _fired((*recognised.evidence, *escalation)) if recognised and escalation else None


def cervical_referral(facts: Facts) -> Fired | None:
    """CRAD-2: CRAD-1 after the conservative trial, or with pain ≥ 8/10 for 2 weeks or more."""
    recognised = cervical_radiculopathy(facts)
    escalation = _escalation(facts, facts.policy.cervical_conservative_weeks)
    return _fired((*recognised.evidence, *escalation)) if recognised and escalation else None


def carpal_tunnel_referral(facts: Facts) -> Fired | None:
    """CTS-2: CTS-1 with thenar wasting or weakness, lost two-point discrimination or a failed trial."""
    recognised = carpal_tunnel(facts)
    if not recognised:
        return None
    found = ["thenar wasting"] if "thenar_wasting" in facts.selected("exam.deformity") else []
    found += facts.weak("APB", 4)
    if facts.yes("exam.two_point_discrimination_lost"):
        found.append("loss of two-point discrimination")
    if facts.at_least("history.conservative_weeks", facts.policy.cts_conservative_weeks):
        found.append(f"{facts.number('history.conservative_weeks')} weeks of conservative management")
    if not found:
        return None
    score, threshold = cts6_score(facts), facts.policy.cts6_threshold
    tests: tuple[str, ...]
    if facts.policy.ncs_before_cts_referral:
        tests = ("nerve_conduction_study",)
        note = "Nerve conduction study first, as practice policy requires."
    elif score < threshold:
        tests = ("nerve_conduction_study",)
        note = f"Nerve conduction study to confirm: CTS-6 score {score:g} is below {threshold:g}."
    else:
        tests = ()
        note = f"CTS-6 score {score:g} is at or above {threshold:g}: no nerve conduction study needed first."
    return _fired((*recognised.evidence, *found), tests=tests, note=note)


def cubital_tunnel_referral(facts: Facts) -> Fired | None:
    """CUB-2: CUB-1 with ulnar wasting or weakness, Froment's sign or a failed trial."""
    recognised = cubital_tunnel(facts)
    if not recognised:
        return None
    deformity = facts.selected("exam.deformity")
    found = [
        words(sign)
        for sign in ("first_dorsal_interosseous_wasting", "hypothenar_wasting", "claw_hand")
        if sign in deformity
    ]
    found += (*facts.weak("FDI", 4), *facts.positive("froment"))
    if facts.at_least("history.conservative_weeks", facts.policy.cubital_conservative_weeks):
        found.append(f"{facts.number('history.conservative_weeks')} weeks of conservative management")
    return _fired((*recognised.evidence, *found)) if found else None


def unrecovered_radial_palsy(facts: Facts) -> Fired | None:
    """RAD-3: RAD-1 still present at the review interval."""
    palsy = radial_palsy(facts)
    if palsy and facts.at_least("history.duration_weeks", facts.policy.radial_review_weeks):
        return _fired((*palsy.evidence, f"no recovery after {facts.number('history.duration_weeks')} weeks"))
    return None


def inflammatory_back_pain(facts: Facts) -> Fired | None:
    """INFL-1: morning stiffness in lumbar or thoracic pain of 12 weeks or more, under 45."""
    axial = facts.regions & {"lumbar_spine", "thoracic_spine"}
    if not (facts.yes("red_flag.morning_stiffness") and axial and facts.age < 45):
        return None
    if not facts.at_least("history.duration_weeks", 12):
        return None
    duration = facts.number("history.duration_weeks")
    return _fired(("morning stiffness", f"back pain for {duration} weeks", f"age {facts.age} (under 45)"))


# ---- Recognition (§4.4) ----


def lumbar_radiculopathy(facts: Facts) -> Fired | None:
    """LRAD-1: leg pain below the knee with a positive stretch test or a localised lumbar root."""
    if "lumbar_spine" not in facts.regions or facts.choice("history.radiating_pain") != "leg_below_knee":
        return None
    found = (*facts.positive("slr", "crossed_slr", "femoral_stretch"), *_localised(facts.levels_in("lumbar")))
    return _fired((RADIATING_PAIN["leg_below_knee"], *found)) if found else None


def cervical_radiculopathy(facts: Facts) -> Fired | None:
    """CRAD-1: arm pain below the elbow with positive Spurling's or a localised cervical root."""
    if "cervical_spine" not in facts.regions or facts.choice("history.radiating_pain") != "arm_below_elbow":
        return None
    found = (*facts.positive("spurling"), *_localised(facts.levels_in("cervical")))
    return _fired((RADIATING_PAIN["arm_below_elbow"], *found)) if found else None


def carpal_tunnel(facts: Facts) -> Fired | None:
    """CTS-1: CTS-6 at the cut-off, or median-territory numbness with a positive wrist test."""
    score, threshold = cts6_score(facts), facts.policy.cts6_threshold
    if score >= threshold:
        # The score's items already name the territory and the tests, so one clause is enough to say why.
        return _fired((f"CTS-6 score {score:g} of 26 ({', '.join(cts6_items(facts))})",))
    provocative = facts.positive("tinel_wrist", "phalen", "carpal_compression")
    if "thumb_index_middle" in facts.selected("history.numbness_territory") and provocative:
        return _fired(("numbness in the thumb, index and middle fingers", *provocative))
    return None


def cubital_tunnel(facts: Facts) -> Fired | None:
    """CUB-1: ring and little finger numbness with a positive elbow test or cubital tunnel tenderness."""
    if "ring_little" not in facts.selected("history.numbness_territory"):
        return None
    found = facts.positive("tinel_elbow", "elbow_flexion")
    if "cubital_tunnel" in facts.selected("exam.tenderness"):
        found += ("tenderness over the cubital tunnel",)
    return _fired(("numbness in the ring and little fingers", *found)) if found else None


def radial_palsy(facts: Facts) -> Fired | None:
    """RAD-1: wrist drop, wrist extension MRC ≤ 3, or first-web numbness with impaired radial sensation."""
    found = ["wrist drop"] if "wrist_drop" in facts.selected("exam.deformity") else []
    found += facts.weak("wrist_extension", 3)
    radial_sensation = facts.sensation_impaired("radial")
    if "dorsal_first_web" in facts.selected("history.numbness_territory") and radial_sensation:
        found += ["numbness over the first dorsal web space", *radial_sensation]
    return _fired(found)


def root_or_median(facts: Facts) -> Fired | None:
    """DIFF-1: CRAD-1 at C6 or C7 alongside CTS-1; the two mimic each other."""
    roots = tuple(level for level in facts.levels_in("cervical") if level.root in ("C6", "C7"))
    if roots and cervical_radiculopathy(facts) and carpal_tunnel(facts):
        return _fired((*(f"{level} localised" for level in roots), "carpal tunnel syndrome recognised"))
    return None
