"""The v2 pathway that the v2 rules tests pin: checklist nerve-compression/2 with its ruleset /2.

The tests name the version they specify, so they keep testing v2 after a newer pathway becomes current
(spec §4.8), as tests/workup/rules_v1.py does for v1.
"""

from workup import pathways

V2 = pathways.for_versions("nerve-compression/2", "nerve-compression-rules/2")
assess = V2.assess
RULES = V2.ruleset.rules
RULESET_VERSION = V2.ruleset_version
CHECKLIST = V2.checklist


def fired(answers: dict, *, age: int | None = 40, **policy) -> list[str]:
    """The ids of the rules that fire, highest tier first."""
    options = {"policy": V2.policy_schema(**policy)} if policy else {}
    return [reason.rule for reason in assess(answers, age=age, **options).reasons]
