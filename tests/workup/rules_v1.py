"""The v1 pathway that the v1 rules tests pin: checklist nerve-compression/1 with its ruleset /1.

The tests name the version they specify, so they keep testing v1 (which must stay runnable for replay,
spec §4.8) after a newer pathway becomes current.
"""

from workup import pathways

V1 = pathways.for_versions("nerve-compression/1", "nerve-compression-rules/1")
assess = V1.assess
RULES = V1.ruleset.rules
RULESET_VERSION = V1.ruleset_version
