"""Worked example encounters, one per urgency tier: demo data, tests and benchmarks."""

from __future__ import annotations

from dataclasses import dataclass, field

SPINAL_SCREEN_CLEAR = {
    "red_flag.history_of_cancer": False,
    "red_flag.unexplained_weight_loss": False,
    "red_flag.fever": False,
    "red_flag.significant_trauma": False,
    "red_flag.progressive_weakness": False,
}
CAUDA_EQUINA_SCREEN_CLEAR = {
    "red_flag.saddle_anaesthesia": False,
    "red_flag.bladder_dysfunction": False,
    "red_flag.bowel_dysfunction": False,
    "red_flag.bilateral_leg_symptoms": False,
}


@dataclass(frozen=True)
class DemoCase:
    title: str
    expected_urgency: str
    answers: dict = field(default_factory=dict)
    sign: bool = True


CAUDA_EQUINA = DemoCase(
    title="Low back pain with saddle anaesthesia and new urinary hesitancy",
    expected_urgency="emergency",
    answers={
        "history.regions": ["lumbar_spine"],
        "history.side": "bilateral",
        "history.onset": "sudden",
        "history.duration_weeks": 1,
        "history.symptoms": ["pain", "numbness", "weakness"],
        "history.pain_score": 8,
        "history.radiating_pain": "leg_below_knee",
        **SPINAL_SCREEN_CLEAR,
        **CAUDA_EQUINA_SCREEN_CLEAR,
        "red_flag.saddle_anaesthesia": True,
        "red_flag.bladder_dysfunction": True,
        "exam.sensation.saddle": "reduced",
        "exam.reflex.ankle.left": 1,
        "exam.reflex.ankle.right": 1,
        "exam.test.slr.left": "positive",
        "exam.slr_angle.left": 40,
        "plan.notes": "Sent to ED; on-call spinal registrar telephoned.",
    },
)

L5_FOOT_DROP = DemoCase(
    title="Left L5 radiculopathy with foot drop",
    expected_urgency="urgent",
    answers={
        "history.regions": ["lumbar_spine"],
        "history.side": "left",
        "history.onset": "gradual",
        "history.duration_weeks": 4,
        "history.symptoms": ["pain", "weakness", "numbness"],
        "history.pain_score": 7,
        "history.radiating_pain": "leg_below_knee",
        "history.conservative_weeks": 4,
        "history.risk_factors": ["heavy_lifting", "obesity"],
        **SPINAL_SCREEN_CLEAR,
        **CAUDA_EQUINA_SCREEN_CLEAR,
        "exam.deformity": ["none"],
        "exam.tenderness": ["paraspinal"],
        "exam.power.L5.left": 3,
        "exam.power.L5.right": 5,
        "exam.sensation.L5.left": "reduced",
        "exam.sensation.L5.right": "normal",
        "exam.test.slr.left": "positive",
        "exam.slr_angle.left": 35,
        "exam.gait": "foot_drop",
        "plan.conservative": ["analgesia", "activity_modification"],
        "plan.safety_net_given": True,
    },
)

CARPAL_TUNNEL = DemoCase(
    title="Right carpal tunnel syndrome with thenar wasting",
    expected_urgency="routine",
    answers={
        "history.regions": ["wrist_hand"],
        "history.side": "right",
        "history.onset": "gradual",
        "history.duration_weeks": 30,
        "history.symptoms": ["numbness", "tingling", "weakness"],
        "history.nocturnal_hand_symptoms": True,
        "history.numbness_territory": ["thumb_index_middle"],
        "history.conservative_weeks": 14,
        "history.risk_factors": ["repetitive_hand_use", "diabetes"],
        "exam.deformity": ["thenar_wasting"],
        "exam.power.APB.right": 4,
        "exam.test.phalen.right": "positive",
        "exam.test.tinel_wrist.right": "positive",
        "plan.conservative": ["wrist_splint"],
        "plan.safety_net_given": True,
        "plan.review_weeks": 12,
    },
)

SCIATICA_EARLY = DemoCase(
    title="Right S1 sciatica, two weeks, managing in primary care",
    expected_urgency="conservative",
    answers={
        "history.regions": ["lumbar_spine"],
        "history.side": "right",
        "history.onset": "gradual",
        "history.duration_weeks": 2,
        "history.symptoms": ["pain", "tingling"],
        "history.pain_score": 6,
        "history.radiating_pain": "leg_below_knee",
        "history.conservative_weeks": 1,
        **SPINAL_SCREEN_CLEAR,
        **CAUDA_EQUINA_SCREEN_CLEAR,
        "exam.test.slr.right": "positive",
        "exam.slr_angle.right": 50,
        "exam.reflex.ankle.right": 2,
        "exam.power.S1.right": 5,
        "plan.conservative": ["analgesia", "stretching", "physiotherapy"],
        "plan.safety_net_given": True,
        "plan.review_weeks": 4,
    },
)

NECK_DRAFT = DemoCase(
    title="Neck pain with arm symptoms, examination not yet recorded",
    expected_urgency="conservative",
    sign=False,
    answers={
        "history.regions": ["cervical_spine"],
        "history.side": "left",
        "history.onset": "gradual",
        "history.symptoms": ["pain", "tingling"],
        "history.radiating_pain": "arm_below_elbow",
    },
)

DEMO_CASES = (CAUDA_EQUINA, L5_FOOT_DROP, CARPAL_TUNNEL, SCIATICA_EARLY, NECK_DRAFT)
