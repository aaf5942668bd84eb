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
