"""One vocabulary: the spec's codes, and every copy (model choices, serializers, scripts) read from it."""

from __future__ import annotations

import pytest

from clinic.models import Patient, SpecialistService
from tests import spec_codes
from workup.models import Encounter, Referral
from workup.pathways import vocabulary


@pytest.mark.parametrize(
    ("words", "spec"),
    [
        (vocabulary.TIER_WORDS, spec_codes.TIERS),
        (vocabulary.TIER_LABELS, spec_codes.TIERS),
        (vocabulary.URGENCY_BANNERS, spec_codes.TIERS),
        (vocabulary.CONDITIONS, spec_codes.CONDITION_CODES),
        (vocabulary.TESTS, spec_codes.TEST_CODES),
        (vocabulary.SPECIALTIES, spec_codes.SPECIALTY_CODES),
        (vocabulary.REFERRAL_STATUSES, spec_codes.REFERRAL_STATUS_CODES),
        (vocabulary.ENCOUNTER_STATUSES, spec_codes.ENCOUNTER_STATUS_CODES),
        (vocabulary.SEXES, spec_codes.SEX_CODES),
        (vocabulary.RED_FLAGS, spec_codes.V2_RED_FLAG_CODES),
        (vocabulary.SAFETY_NET_TOPICS, spec_codes.SAFETY_NET_TOPICS),
    ],
)
def test_the_vocabulary_has_words_for_exactly_the_spec_codes(words, spec):
    assert set(words) == set(spec)
    assert all(isinstance(text, str) and text.strip() for text in words.values())


def test_tiers_ascend_as_the_spec_ranks_them():
    assert vocabulary.TIERS == spec_codes.TIERS


def test_the_source_keys_are_the_spec_keys():
    assert vocabulary.SOURCE_KEYS == spec_codes.V2_SOURCE_KEYS


def test_safety_net_topics_are_in_the_spec_order():
    assert tuple(vocabulary.SAFETY_NET_TOPICS) == spec_codes.SAFETY_NET_TOPICS


def test_a_service_specialty_is_any_assessed_specialty_but_none():
    assert set(vocabulary.SERVICE_SPECIALTIES) == set(spec_codes.SPECIALTY_CODES) - {"none"}


@pytest.mark.parametrize(
    ("field", "words"),
    [
        (Encounter._meta.get_field("computed_urgency"), vocabulary.TIER_LABELS),
        (Encounter._meta.get_field("urgency_override"), vocabulary.TIER_LABELS),
        (Encounter._meta.get_field("status"), vocabulary.ENCOUNTER_STATUSES),
        (Referral._meta.get_field("urgency"), vocabulary.TIER_LABELS),
        (Referral._meta.get_field("status"), vocabulary.REFERRAL_STATUSES),
        (Patient._meta.get_field("sex"), vocabulary.SEXES),
        (SpecialistService._meta.get_field("specialty"), vocabulary.SERVICE_SPECIALTIES),
    ],
    ids=lambda value: getattr(value, "name", ""),
)
def test_model_choices_are_the_vocabulary(field, words):
    assert dict(field.choices) == dict(words)


# Which vocabulary a serializer field with this name must offer.
FIELD_VOCABULARY = {
    "tier": vocabulary.TIER_LABELS,
    "urgency": vocabulary.TIER_LABELS,
    "computed_urgency": vocabulary.TIER_LABELS,
    "urgency_override": vocabulary.TIER_LABELS,
    "specialty": None,  # a service's specialty, or an assessment's (which adds "none")
    "status": None,  # an encounter's or a referral's
    "sex": vocabulary.SEXES,
}


def serializer_choice_fields():
    import inspect

    from rest_framework import serializers

    from workup.api import serializers as package

    modules = [
        __import__(f"{package.__name__}.{name}", fromlist=["_"])
        for name in ("auth", "checklist", "encounters", "errors", "patients", "referrals", "services")
    ]
    for module in modules:
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, serializers.Serializer) and cls.__module__ == module.__name__:
                for field_name, field in cls().get_fields().items():
                    if isinstance(field, serializers.ChoiceField) and field_name in FIELD_VOCABULARY:
                        yield f"{cls.__name__}.{field_name}", field_name, dict(field.choices)


def test_every_serializer_choice_list_is_a_vocabulary():
    candidates = {
        "specialty": [dict(vocabulary.SPECIALTIES), dict(vocabulary.SERVICE_SPECIALTIES)],
        "status": [dict(vocabulary.ENCOUNTER_STATUSES), dict(vocabulary.REFERRAL_STATUSES)],
    }
    checked = []
    for where, field_name, choices in serializer_choice_fields():
        allowed = candidates.get(field_name) or [dict(FIELD_VOCABULARY[field_name])]
        choices.pop("", None)  # a blank choice means "no override"
        assert choices in allowed, where
        checked.append(where)

    assert len(checked) >= 8  # the walk found the serializers' choice fields
